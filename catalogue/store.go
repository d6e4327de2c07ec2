package catalogue

import (
	"context"
	"time"
)

// Store is where the catalogue lives. lernnetz has one implementation serving
// both SQLite and PostgreSQL (package storage); every implementation passes
// the shared suite in storage/storetest.
type Store interface {
	ProviderStore
	VenueStore
	OfferStore
	SourceStore
	ChangeLog
	// Atomic runs fn with a store whose changes are committed together when
	// fn returns nil, and none of them when it returns an error.
	Atomic(ctx context.Context, fn func(Store) error) error
}

// ProviderStore keeps providers.
type ProviderStore interface {
	// SaveProvider validates p, then inserts it (ID 0) or updates it, and sets
	// its ID and timestamps.
	SaveProvider(ctx context.Context, p *Provider) error
	// Provider returns the provider with id, or ErrNotFound.
	Provider(ctx context.Context, id int64) (*Provider, error)
	// Providers lists providers by name, with the total number matching f.
	Providers(ctx context.Context, f ProviderFilter) ([]*Provider, int, error)
	// DeleteProvider removes a provider with its offers, dates and venues.
	DeleteProvider(ctx context.Context, id int64) error
}

// VenueStore keeps venues and learning places.
type VenueStore interface {
	// SaveVenue validates v, then inserts or updates it.
	SaveVenue(ctx context.Context, v *Venue) error
	// Venue returns the venue with id, or ErrNotFound.
	Venue(ctx context.Context, id int64) (*Venue, error)
	// Venues lists venues by name, with the total number matching f.
	Venues(ctx context.Context, f VenueFilter) ([]*Venue, int, error)
}

// OfferStore keeps offers with their dates.
type OfferStore interface {
	// SaveOffer prepares o (PrepareOffer), then inserts or updates it together
	// with its dates in one transaction: all of it is saved or nothing.
	// The dates given replace the offer's previous dates.
	SaveOffer(ctx context.Context, o *Offer) error
	// Offer returns the offer with id, its dates, their venues and its
	// provider's name, or ErrNotFound.
	Offer(ctx context.Context, id int64) (*Offer, error)
	// Offers lists offers newest first, each with its dates.
	Offers(ctx context.Context, f OfferFilter) ([]*Offer, int, error)
	// Dates lists dates by start, each with its venue.
	Dates(ctx context.Context, f DateFilter) ([]*Date, int, error)
	// DeleteOffer removes an offer and its dates.
	DeleteOffer(ctx context.Context, id int64) error
}

// ChangeLog is the ordered record of every committed change to providers,
// venues and offers. Derived state (the search index, other nodes' caches)
// follows the catalogue by reading it.
type ChangeLog interface {
	// Changes returns up to limit changes with a sequence number above after.
	Changes(ctx context.Context, after int64, limit int) ([]Change, error)
}

// Change says that one record was saved or deleted.
type Change struct {
	Seq      int64     `json:"seq"`
	Entity   string    `json:"entity"` // provider, venue, offer
	EntityID int64     `json:"entity_id"`
	Op       string    `json:"op"` // save, delete
	At       time.Time `json:"at"`
}

// Page selects a slice of a list. Limit 0 means the store's default (20).
type Page struct {
	Limit  int
	Offset int
}

// ProviderFilter selects providers.
type ProviderFilter struct {
	Kind string
	// ChangedSince, when set, selects the providers saved at or after it,
	// in the order they were last saved (UpdatedAt, then ID): what a
	// harvester asks for.
	ChangedSince time.Time
	Page
}

// VenueFilter selects venues.
type VenueFilter struct {
	ProviderID     int64
	LearningPlaces bool // only self-learning centres and libraries
	Page
}

// OfferFilter selects offers. By default offers come newest first.
type OfferFilter struct {
	ProviderID int64
	Status     string  // empty: any status
	IDs        []int64 // only these offers (at most 1000)
	// Statuses selects offers with any of these statuses (with Status,
	// both must hold); empty: any.
	Statuses []string
	// ChangedSince, when set, selects the offers saved at or after it, in
	// the order they were last saved (UpdatedAt, then ID) instead of newest
	// first: what a harvester asks for.
	ChangedSince time.Time
	// RecentlyChanged lists the offers last saved first (UpdatedAt, then ID,
	// descending): what a feed shows.
	RecentlyChanged bool
	// Ascending walks the catalogue by id: offers with an id above AfterID,
	// oldest first. Use the last id of a page as the next AfterID.
	Ascending bool
	AfterID   int64
	// SkipTotal saves counting all matches; the total returned is then -1.
	SkipTotal bool
	Page
}

// DateFilter selects dates.
type DateFilter struct {
	OfferID int64
	From    *time.Time // only dates starting at or after From, or without a fixed start
	Status  string     // of the offer; empty: any status
	Page
}
