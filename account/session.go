package account

import (
	"time"
	"unicode/utf8"
)

// SessionState tells how far a login has come.
type SessionState string

// Session states. Only an active session signs a person in; the others
// allow nothing but finishing the login (or logging out).
const (
	SessionActive SessionState = "active"
	SessionMFA    SessionState = "mfa"   // password checked; waiting for the TOTP code
	SessionEnrol  SessionState = "enrol" // password checked; staff must enrol a second factor first
)

// Session is a login as stored on the server. The browser holds a random
// token; the store keeps only its SHA-256 (TokenHash), so a copy of the
// database opens no session.
type Session struct {
	ID          int64
	TokenHash   string
	UserID      int64
	State       SessionState
	CreatedAt   time.Time
	LastSeenAt  time.Time
	ExpiresAt   time.Time     // absolute end, whatever the activity
	IdleTimeout time.Duration // ends after this long without a request
	UserAgent   string        // shortened, to tell sessions apart in "my sessions"
	IP          string
}

// SessionLimits are a session's idle and absolute timeouts.
type SessionLimits struct {
	Idle     time.Duration
	Absolute time.Duration
}

// Session lifetimes. Staff and members of provider organisations, who can
// change what the public sees, get OWASP ASVS level 2's short sessions;
// learners, whose accounts hold little more than a Merkliste, stay signed in
// longer. The browser cookie has no expiry date either way, so it ends with
// the browser — useful on the shared computers of learning places.
var (
	StaffSessionLimits   = SessionLimits{Idle: 30 * time.Minute, Absolute: 12 * time.Hour}
	LearnerSessionLimits = SessionLimits{Idle: 24 * time.Hour, Absolute: 7 * 24 * time.Hour}
	// PendingSessionLimits bound the step between password and second
	// factor, long enough to install an authenticator app when enrolling.
	PendingSessionLimits = SessionLimits{Idle: 15 * time.Minute, Absolute: 30 * time.Minute}
)

// TouchInterval is how often a session's last activity is written: at most
// once a minute, not on every request. Idle timeouts are therefore exact to
// within a minute.
const TouchInterval = time.Minute

// LimitsFor returns the session limits of u, who is a member of a provider
// organisation when member is true.
func LimitsFor(u *User, member bool) SessionLimits {
	if u.IsStaff() || member {
		return StaffSessionLimits
	}
	return LearnerSessionLimits
}

// NewSession returns a new session of u in state at now with limits, and
// the token to give the browser.
func NewSession(userID int64, state SessionState, limits SessionLimits, now time.Time, userAgent, ip string) (string, *Session) {
	tok := NewToken()
	now = now.Truncate(time.Second)
	return tok, &Session{
		TokenHash:   HashToken(tok),
		UserID:      userID,
		State:       state,
		CreatedAt:   now,
		LastSeenAt:  now,
		ExpiresAt:   now.Add(limits.Absolute),
		IdleTimeout: limits.Idle,
		UserAgent:   shorten(userAgent, 200),
		IP:          shorten(ip, 64),
	}
}

// Expired reports whether the session has ended at now: past its absolute
// end, or idle for its idle timeout.
func (s *Session) Expired(now time.Time) bool {
	return !now.Before(s.ExpiresAt) || !now.Before(s.LastSeenAt.Add(s.IdleTimeout))
}

// NeedsTouch reports whether the session's last activity should be written.
func (s *Session) NeedsTouch(now time.Time) bool {
	return now.Sub(s.LastSeenAt) >= TouchInterval
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}
