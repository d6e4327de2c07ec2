package moderation

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

// ErrNotFound is returned for an item that does not exist.
var ErrNotFound = errors.New("not found")

// ErrDecided is returned when an item was decided before (by another
// coordinator, or twice by one).
var ErrDecided = errors.New("decided already")

// Kind says what a queue item asks a coordinator to look at.
type Kind string

// The kinds of queue items.
const (
	// KindProvider: a person asks for a new provider organisation; approved,
	// it is created and the person becomes its admin.
	KindProvider Kind = "provider"
	// KindPublication: a provider's first publication waits (offer status
	// review) and is public only once approved.
	KindPublication Kind = "publication"
	// KindChange: a change of a provider already trusted went live at once
	// and is flagged for a look; rejected, the offer goes offline.
	KindChange Kind = "change"
)

// State is where an item stands.
type State string

// The states of a queue item.
const (
	StateOpen     State = "open"
	StateApproved State = "approved"
	StateRejected State = "rejected"
)

// Item is one entry of the moderation queue.
type Item struct {
	ID    int64 `json:"id"`
	Kind  Kind  `json:"kind"`
	State State `json:"state"`
	// ProviderID is the provider concerned; for KindProvider it is 0 until
	// the request is approved.
	ProviderID int64 `json:"provider_id,omitempty"`
	OfferID    int64 `json:"offer_id,omitempty"`
	// RequestedBy is the user whose action made the item (0: unknown or an
	// erased account); decisions are mailed to them.
	RequestedBy int64 `json:"requested_by,omitempty"`
	// Title is what the queue shows: the offer's title or the provider's name.
	Title string `json:"title"`
	// Fields lists the changed fields of a KindChange item (see Changed).
	Fields []string `json:"fields,omitempty"`
	// Provider is the proposed provider of a KindProvider item.
	Provider  *catalogue.Provider `json:"provider,omitempty"`
	CreatedAt time.Time           `json:"created_at"`
	DecidedAt *time.Time          `json:"decided_at,omitempty"`
	DecidedBy int64               `json:"decided_by,omitempty"`
	Reason    string              `json:"reason,omitempty"`
}

// MaxReason is the longest reason for a rejection, in characters.
const MaxReason = 2000

// AuditEntry is one line of the audit log: who did what to which record,
// with the record before and after as JSON (null when there was none).
// Entries are never changed or removed; an erased person's entries keep
// only the number of an account that no longer names anyone.
type AuditEntry struct {
	ID       int64           `json:"id"`
	At       time.Time       `json:"at"`
	ActorID  int64           `json:"actor_id,omitempty"` // 0: the system or an API token
	Action   string          `json:"action"`             // e.g. offer.save, offer.withdraw, moderation.approve
	Entity   string          `json:"entity"`             // offer, provider, membership, moderation
	EntityID int64           `json:"entity_id"`
	Before   json.RawMessage `json:"before"`
	After    json.RawMessage `json:"after"`
}

// AuditFilter selects audit entries, newest first.
type AuditFilter struct {
	Entity   string
	EntityID int64
	ActorID  int64
	Limit    int // 0: 100
}

// Store keeps the queue and the audit log. The audit log has no update or
// delete: implementations also refuse them in the database.
type Store interface {
	// AddItem inserts it (ID 0, state open) and sets its ID and CreatedAt.
	AddItem(ctx context.Context, it *Item) error
	// Item returns the item with id, or ErrNotFound.
	Item(ctx context.Context, id int64) (*Item, error)
	// Items lists items in state (empty: all), oldest first.
	Items(ctx context.Context, state State, limit int) ([]*Item, error)
	// DecideItem closes an open item as approved or rejected; ErrDecided
	// when it is not open any more, ErrNotFound when there is none. For an
	// approved KindProvider item, providerID names the provider created.
	DecideItem(ctx context.Context, id int64, state State, by int64, reason string, providerID int64, at time.Time) error
	// AppendAudit adds e and sets its ID; At is set by the store when zero.
	AppendAudit(ctx context.Context, e *AuditEntry) error
	// Audit lists entries newest first.
	Audit(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)
	// ConfirmOffers notes that the provider's offers (but withdrawn ones)
	// are still current at at (Provenance.LastConfirmedAt: the freshness
	// editors keep up), and returns how many it marked.
	ConfirmOffers(ctx context.Context, providerID int64, at time.Time) (int, error)
}

// Snapshot encodes a record for an audit entry; nil becomes JSON null.
func Snapshot(v any) json.RawMessage {
	if v == nil {
		return json.RawMessage("null")
	}
	b, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage("null")
	}
	return b
}
