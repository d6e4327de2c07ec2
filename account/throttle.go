package account

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"time"
)

// Throttle limits guesses at one account — passwords and TOTP codes alike —
// without ever locking it for good: failures older than an hour are
// forgotten, so the owner gets in once the attacker pauses.
//
// A failure counts against the account's key (ThrottleKey of the e-mail
// address, whether or not an account exists, so the answers tell nothing
// about who has one). The next attempt must wait while
//
//   - PerMinute failures fall in the last minute, or
//   - PerHour failures fall in the last hour, or
//   - after BackoffAfter failures in the last hour, a growing delay since the
//     last failure: 1 s, 2 s, 4 s … up to MaxBackoff.
type Throttle struct {
	PerMinute    int
	PerHour      int
	BackoffAfter int
	MaxBackoff   time.Duration
}

// DefaultThrottle allows 5 failures a minute and 100 an hour, slowing down
// from the tenth failure within an hour.
var DefaultThrottle = Throttle{PerMinute: 5, PerHour: 100, BackoffAfter: 10, MaxBackoff: 5 * time.Minute}

// ThrottleWindow is how far back failures count.
const ThrottleWindow = time.Hour

// RetryAfter returns how long the next attempt must wait after failures
// (the times of failures in the last ThrottleWindow, in any order) at now;
// 0 means it may go ahead. The wait is rounded up to whole seconds, as
// HTTP's Retry-After gives it.
func (t Throttle) RetryAfter(failures []time.Time, now time.Time) time.Duration {
	recent := make([]time.Time, 0, len(failures))
	for _, f := range failures {
		if now.Sub(f) < ThrottleWindow {
			recent = append(recent, f)
		}
	}
	if len(recent) == 0 {
		return 0
	}
	slices.SortFunc(recent, func(a, b time.Time) int { return b.Compare(a) }) // newest first
	var until time.Time
	later := func(t time.Time) {
		if t.After(until) {
			until = t
		}
	}
	// The n-th newest failure must leave the window before another is allowed.
	window := func(limit int, length time.Duration) {
		if limit <= 0 || len(recent) < limit {
			return
		}
		nth := recent[limit-1]
		if now.Sub(nth) < length {
			later(nth.Add(length))
		}
	}
	window(t.PerMinute, time.Minute)
	window(t.PerHour, time.Hour)
	if t.BackoffAfter > 0 && len(recent) >= t.BackoffAfter {
		exp := min(len(recent)-t.BackoffAfter, 30)
		d := min(time.Duration(1<<exp)*time.Second, t.MaxBackoff)
		later(recent[0].Add(d))
	}
	wait := until.Sub(now)
	if wait <= 0 {
		return 0
	}
	if r := wait % time.Second; r != 0 {
		wait += time.Second - r
	}
	return wait
}

// ThrottleKey returns the key under which failures of scope (e.g. "login")
// for id (e.g. an EmailKey) are counted: a SHA-256, so the table of failures
// holds no e-mail addresses of people who mistyped theirs.
func ThrottleKey(scope, id string) string {
	sum := sha256.Sum256([]byte(scope + "\x00" + id))
	return hex.EncodeToString(sum[:])
}
