package account

import (
	"log/slog"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is a network-wide role of a person. Everyone is a learner; the other
// roles are given by an administrator. Roles within a provider organisation
// (editor, admin) are memberships, see Membership.
type Role string

// The network-wide roles.
const (
	RoleLearner     Role = "learner"     // searches, keeps a Merkliste
	RoleCounsellor  Role = "counsellor"  // Bildungsberatung: guides learners
	RoleCoordinator Role = "coordinator" // Netzwerkkoordination: moderates
	RoleAdmin       Role = "admin"       // runs the portal
)

// Roles lists every network-wide role, least privileged first.
var Roles = []Role{RoleLearner, RoleCounsellor, RoleCoordinator, RoleAdmin}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Label returns the role's German name.
func (r Role) Label() string {
	switch r {
	case RoleLearner:
		return "Lernende*r"
	case RoleCounsellor:
		return "Bildungsberatung"
	case RoleCoordinator:
		return "Netzwerkkoordination"
	case RoleAdmin:
		return "Administration"
	}
	return string(r)
}

// MemberRole is a person's role in a provider organisation.
type MemberRole string

// The roles in a provider organisation.
const (
	MemberEditor MemberRole = "editor" // edits the provider's offers
	MemberAdmin  MemberRole = "admin"  // also manages members and API tokens
)

// Valid reports whether r is a known membership role.
func (r MemberRole) Valid() bool { return r == MemberEditor || r == MemberAdmin }

// Label returns the membership role's German name.
func (r MemberRole) Label() string {
	switch r {
	case MemberEditor:
		return "Redaktion"
	case MemberAdmin:
		return "Verwaltung"
	}
	return string(r)
}

// Membership says that a person works for a provider organisation. One
// person may belong to several organisations.
type Membership struct {
	UserID     int64      `json:"user_id"`
	ProviderID int64      `json:"provider_id"`
	Role       MemberRole `json:"role"`
	CreatedAt  time.Time  `json:"created_at"`
}

// User is a person with an account. PasswordHash and TOTPSecret never leave
// the server: they are not encoded to JSON and not logged (see LogValue).
type User struct {
	ID          int64  `json:"id"`
	Email       string `json:"email"` // as entered; unique regardless of case
	DisplayName string `json:"display_name"`
	// PasswordHash is the argon2id PHC string; empty when no password is set
	// (an invited person who has not chosen one yet).
	PasswordHash      string     `json:"-"`
	PasswordChangedAt *time.Time `json:"password_changed_at,omitempty"`
	EmailVerifiedAt   *time.Time `json:"email_verified_at,omitempty"`
	// TOTPSecret is the second factor's shared secret, sealed with a
	// SecretBox; empty when no second factor is enrolled.
	TOTPSecret string `json:"-"`
	// TOTPLastStep is the time step of the last accepted code; a code of
	// this step or an earlier one is refused.
	TOTPLastStep int64      `json:"-"`
	Roles        []Role     `json:"roles"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
	DeletedAt    *time.Time `json:"deleted_at,omitempty"`
}

// LogValue keeps secrets and the e-mail address out of logs.
func (u *User) LogValue() slog.Value {
	if u == nil {
		return slog.StringValue("<nil>")
	}
	return slog.GroupValue(slog.Int64("id", u.ID))
}

// Has reports whether the user has role. Every user is a learner.
func (u *User) Has(role Role) bool {
	return role == RoleLearner || slices.Contains(u.Roles, role)
}

// IsStaff reports whether the user works for the network: counselling,
// coordination or administration.
func (u *User) IsStaff() bool {
	return u.Has(RoleCounsellor) || u.Has(RoleCoordinator) || u.Has(RoleAdmin)
}

// RequiresTOTP reports whether the user must have a second factor: staff
// must, learners and provider members may.
func (u *User) RequiresTOTP() bool { return u.IsStaff() }

// HasTOTP reports whether a second factor is enrolled.
func (u *User) HasTOTP() bool { return u.TOTPSecret != "" }

// Verified reports whether the user has confirmed the e-mail address.
func (u *User) Verified() bool { return u.EmailVerifiedAt != nil }

// Active reports whether the user may sign in at all.
func (u *User) Active() bool { return u.DeletedAt == nil }

// EmailKey returns the form of an e-mail address that is unique per account:
// trimmed and lower-cased, so that Max@Example.org and max@example.org are
// one account.
func EmailKey(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// Limits of the text fields of an account, in characters.
const (
	MaxEmailLength = 254 // RFC 5321's limit of a forward path
	MaxNameLength  = 100
)

// NewUser is what a person enters to sign up.
type NewUser struct {
	Email       string
	DisplayName string
	Password    string
}

// Validate checks a sign-up: a plausible e-mail address, a display name of
// sane length and a password that passes CheckPassword. It trims Email and
// DisplayName in place and returns a *ValidationError with every problem.
func (n *NewUser) Validate() error {
	n.Email = strings.TrimSpace(n.Email)
	n.DisplayName = strings.TrimSpace(n.DisplayName)
	c := &checker{}
	checkEmail(c, "email", n.Email)
	if utf8.RuneCountInString(n.DisplayName) > MaxNameLength {
		c.add("display_name", "too_long", MaxNameLength)
	}
	checkPassword(c, "password", n.Password, n.Email)
	return c.err()
}

// ValidateEmail checks one e-mail address, reporting problems as field
// "email".
func ValidateEmail(email string) error {
	c := &checker{}
	checkEmail(c, "email", strings.TrimSpace(email))
	return c.err()
}

func checkEmail(c *checker, field, v string) {
	if v == "" {
		c.add(field, "required")
		return
	}
	if utf8.RuneCountInString(v) > MaxEmailLength {
		c.add(field, "too_long", MaxEmailLength)
		return
	}
	a, err := mail.ParseAddress(v)
	at := strings.LastIndex(v, "@")
	if err != nil || a.Address != v || at < 1 || !strings.Contains(v[at+1:], ".") {
		c.add(field, "invalid_email")
	}
}

// ValidateRoles checks a list of network-wide roles.
func ValidateRoles(roles []Role) error {
	c := &checker{}
	for _, r := range roles {
		if !r.Valid() {
			c.add("roles", "unknown_role", string(r))
		}
	}
	return c.err()
}
