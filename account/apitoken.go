package account

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// APITokenPrefix starts every provider API token, so that a leaked token is
// recognisable (secret scanners) and told apart from the admin token
// without a database lookup.
const APITokenPrefix = "lnp_"

// Scope says what a provider API token may do.
type Scope string

// The scopes of provider API tokens.
const (
	ScopeRead  Scope = "read"  // read the provider's offers, drafts included
	ScopeWrite Scope = "write" // also create and change them
)

// Valid reports whether s is a known scope.
func (s Scope) Valid() bool { return s == ScopeRead || s == ScopeWrite }

// APIToken lets a program (a provider's own system feeding its offers)
// use the JSON API for one provider. The token itself is shown once, when
// it is made; stores keep only its hash.
type APIToken struct {
	ID         int64      `json:"id"`
	ProviderID int64      `json:"provider_id"`
	Name       string     `json:"name"` // what the provider calls it, e.g. "Kursverwaltung"
	Scope      Scope      `json:"scope"`
	Hash       string     `json:"-"`
	CreatedBy  int64      `json:"created_by"` // the user accountable for it
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// MaxTokenName is the longest name of an API token, in characters.
const MaxTokenName = 100

// NewAPIToken makes a token for provider pid with name and scope, created
// by userID at now: the token to show once, and the record to store. It
// returns a *ValidationError when name or scope are wrong.
func NewAPIToken(pid int64, name string, scope Scope, userID int64, now time.Time) (string, *APIToken, error) {
	name = strings.TrimSpace(name)
	c := &checker{}
	switch {
	case name == "":
		c.add("name", "required")
	case utf8.RuneCountInString(name) > MaxTokenName:
		c.add("name", "too_long", MaxTokenName)
	}
	if !scope.Valid() {
		c.add("scope", "unknown_scope", string(scope))
	}
	if err := c.err(); err != nil {
		return "", nil, err
	}
	token := APITokenPrefix + NewToken()
	return token, &APIToken{ProviderID: pid, Name: name, Scope: scope, Hash: HashToken(token), CreatedBy: userID, CreatedAt: now}, nil
}

// Active reports whether the token still works.
func (t *APIToken) Active() bool { return t.RevokedAt == nil }

// APITokenStore keeps provider API tokens by their hash.
type APITokenStore interface {
	// CreateAPIToken stores t and sets its ID.
	CreateAPIToken(ctx context.Context, t *APIToken) error
	// APITokenByHash returns the token with the hash, revoked or not, or
	// ErrNotFound.
	APITokenByHash(ctx context.Context, hash string) (*APIToken, error)
	// ProviderAPITokens lists the provider's tokens, newest first.
	ProviderAPITokens(ctx context.Context, providerID int64) ([]*APIToken, error)
	// RevokeAPIToken ends token id of the provider; ErrNotFound when the
	// provider has no such token.
	RevokeAPIToken(ctx context.Context, providerID, id int64, at time.Time) error
	// TouchAPIToken notes when the token was last used.
	TouchAPIToken(ctx context.Context, id int64, at time.Time) error
}
