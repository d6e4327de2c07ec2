package account

import (
	"context"
	"time"
)

// PersonalDataSchema names the format of a personal-data export; see
// docs/PERSONAL-DATA.md. A change of the format that readers notice gets a
// new version.
const PersonalDataSchema = "https://lernnetz.example/schema/personal-data/v1"

// PersonalData is everything lernnetz keeps about one person, as they can
// download it (GDPR Art. 15 and 20). Secrets (password hash, second-factor
// secret, token hashes) are left out: they are of no use to the person and
// would weaken their account.
type PersonalData struct {
	Schema       string            `json:"schema"`
	ExportedAt   time.Time         `json:"exported_at"`
	Account      *User             `json:"account"`
	SecondFactor bool              `json:"second_factor"`
	Memberships  []Membership      `json:"memberships"`
	Sessions     []PersonalSession `json:"sessions"`
	Merkliste    []int64           `json:"merkliste"`
	APITokens    []*APIToken       `json:"api_tokens"`
	// Requests are the moderation items the person caused, Decisions the
	// ones they decided; Audit lists the audit entries naming them as actor.
	Requests  []any `json:"moderation_requests"`
	Decisions []any `json:"moderation_decisions"`
	Audit     []any `json:"audit_entries"`
}

// PersonalSession is a session as exported: no token hash.
type PersonalSession struct {
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	ExpiresAt  time.Time `json:"expires_at"`
	UserAgent  string    `json:"user_agent"`
	IP         string    `json:"ip"`
}

// Eraser removes a person (GDPR Art. 17).
type Eraser interface {
	// EraseUser deletes the user with every row about them: roles,
	// memberships, sessions, one-time tokens, the Merkliste, the mail
	// waiting for them (to their address) and the throttle failures under
	// throttleKeys, and the API tokens they made (a credential ends with
	// the person accountable for it). Rows that record the network's work
	// keep no link to them: moderation items they asked for or decided lose
	// the user id; the audit log keeps the bare number of an
	// account that no longer exists (ids are never reused). Provider
	// content stays.
	EraseUser(ctx context.Context, userID int64, email string, throttleKeys []string) error
}
