package account

import (
	"context"
	"time"
)

// Store is where accounts live. Package storage implements it on SQLite and
// PostgreSQL; every implementation passes storetest.RunAccounts.
type Store interface {
	UserStore
	MembershipStore
	SessionStore
	TokenStore
	ThrottleStore
	APITokenStore
	BookmarkStore
	RecoveryStore
	Eraser
}

// BookmarkStore keeps a signed-in person's Merkliste (bookmarked offers).
type BookmarkStore interface {
	// Bookmarks returns the user's bookmarked offer ids, newest first.
	Bookmarks(ctx context.Context, userID int64) ([]int64, error)
	// AddBookmarks puts offerIDs at the front of the user's list in their
	// order (an id already on it moves), leaves out ids of offers that do
	// not exist, and keeps at most max ids, dropping the oldest.
	AddBookmarks(ctx context.Context, userID int64, offerIDs []int64, max int) error
	// RemoveBookmark takes offerID off the user's list.
	RemoveBookmark(ctx context.Context, userID, offerID int64) error
}

// UserStore keeps people's accounts.
type UserStore interface {
	// CreateUser inserts u (ID 0) with its roles and sets its ID and
	// timestamps. An e-mail address already taken, regardless of case, is
	// ErrConflict.
	CreateUser(ctx context.Context, u *User) error
	// User returns the user with id, deleted or not, or ErrNotFound.
	User(ctx context.Context, id int64) (*User, error)
	// UserByEmail returns the user with the e-mail address, compared
	// regardless of case, or ErrNotFound.
	UserByEmail(ctx context.Context, email string) (*User, error)
	// UpdateUser saves u's display name, e-mail address, verification time
	// and roles. ErrConflict when the new address is taken.
	UpdateUser(ctx context.Context, u *User) error
	// SetPassword stores a new password hash, notes the time of the change
	// and deletes the user's password-reset tokens.
	SetPassword(ctx context.Context, userID int64, hash string, at time.Time) error
	// RehashPassword replaces the hash old by new (the same password under
	// new parameters) unless it has changed meanwhile; it reports whether it
	// did.
	RehashPassword(ctx context.Context, userID int64, old, new string) (bool, error)
	// SetTOTP stores a sealed TOTP secret ("" removes the second factor
	// and its recovery codes) and the step of the code that confirmed it.
	SetTOTP(ctx context.Context, userID int64, sealed string, step int64) error
	// UseTOTPStep records that the code of step was used, unless a code of
	// this step or a later one was used before; it reports whether it did.
	// This makes each code work once, even with two nodes racing.
	UseTOTPStep(ctx context.Context, userID int64, step int64) (bool, error)
	// CountUsers returns the number of users (not deleted) with role; ""
	// counts every user.
	CountUsers(ctx context.Context, role Role) (int, error)
}

// MembershipStore keeps who works for which provider organisation.
type MembershipStore interface {
	// SaveMembership adds m or changes its role.
	SaveMembership(ctx context.Context, m *Membership) error
	// DeleteMembership removes a membership; ErrNotFound when there is none.
	DeleteMembership(ctx context.Context, userID, providerID int64) error
	// Memberships lists the user's memberships by provider id.
	Memberships(ctx context.Context, userID int64) ([]Membership, error)
	// ProviderMembers lists the members of a provider by user id.
	ProviderMembers(ctx context.Context, providerID int64) ([]Membership, error)
	// ChangeMember gives the provider's member userID the role ("" removes
	// the membership) if CheckMemberChange allows it for the members as
	// they are inside the change, and returns the membership as it was.
	// Changes of one provider's members never interleave, so two admins
	// demoting each other at once cannot leave the provider without one:
	// the second gets ErrLastAdmin.
	ChangeMember(ctx context.Context, providerID, userID int64, role MemberRole) (Membership, error)
}

// SessionStore keeps server-side sessions.
type SessionStore interface {
	// CreateSession inserts s and sets its ID.
	CreateSession(ctx context.Context, s *Session) error
	// SessionByToken returns the session whose token has the hash, or
	// ErrNotFound. It does not check expiry (see Session.Expired).
	SessionByToken(ctx context.Context, tokenHash string) (*Session, error)
	// TouchSession sets the session's last activity.
	TouchSession(ctx context.Context, id int64, at time.Time) error
	// UserSessions lists the user's sessions, newest first.
	UserSessions(ctx context.Context, userID int64) ([]*Session, error)
	// DeleteSession ends session id of the user; ErrNotFound when the user
	// has no such session (also when it belongs to someone else).
	DeleteSession(ctx context.Context, userID, id int64) error
	// DeleteUserSessions ends every session of the user but except (0: all)
	// and returns how many it ended.
	DeleteUserSessions(ctx context.Context, userID, except int64) (int, error)
	// DeleteExpiredSessions removes sessions that have ended at now.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)
}

// TokenStore keeps one-time tokens (e-mail verification, password reset,
// invitations) by their hash.
type TokenStore interface {
	// CreateToken stores t and removes the user's expired tokens.
	CreateToken(ctx context.Context, t *Token) error
	// ConsumeToken deletes and returns the token with the hash and purpose
	// if it has not expired at now, else returns ErrNotFound. Two requests
	// with the same token: one gets it.
	ConsumeToken(ctx context.Context, hash string, purpose Purpose, now time.Time) (*Token, error)
	// PeekToken returns the token like ConsumeToken but leaves it in place,
	// for showing a form before it is used.
	PeekToken(ctx context.Context, hash string, purpose Purpose, now time.Time) (*Token, error)
	// DeleteUserTokens removes the user's tokens of purpose.
	DeleteUserTokens(ctx context.Context, userID int64, purpose Purpose) error
	// Tokens returns the tokens of purpose that are valid at now, oldest
	// first (for listing pending invitations).
	Tokens(ctx context.Context, purpose Purpose, now time.Time) ([]*Token, error)
	// DeleteToken removes the token with the hash and purpose, or returns
	// ErrNotFound when there is none.
	DeleteToken(ctx context.Context, hash string, purpose Purpose) error
}

// ThrottleStore keeps the failures the Throttle counts, so that limits hold
// across every node of a PostgreSQL deployment.
type ThrottleStore interface {
	// RecordFailure notes a failure under key at the time and forgets the
	// key's failures older than ThrottleWindow.
	RecordFailure(ctx context.Context, key string, at time.Time) error
	// Failures returns the times of the key's failures since then.
	Failures(ctx context.Context, key string, since time.Time) ([]time.Time, error)
	// ClearFailures forgets the key's failures (after a successful login).
	ClearFailures(ctx context.Context, key string) error
	// PurgeFailures forgets every failure before then.
	PurgeFailures(ctx context.Context, before time.Time) error
}
