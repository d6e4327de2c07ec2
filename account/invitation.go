package account

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// An invitation asks a person, by e-mail address, to join a provider
// organisation as editor or admin. It is a one-time token of purpose
// PurposeInvite, stored under the inviting user (UserID), with the
// Invitation as its Data; it is valid for PurposeInvite.Lifetime (7 days)
// and only for a signed-in person whose address matches.

// Invitation is what an invitation token carries.
type Invitation struct {
	ProviderID int64      `json:"provider_id"`
	Email      string     `json:"email"`
	Role       MemberRole `json:"role"`
}

// NewInvitation validates the address and role and returns the token to
// mail and its stored form, made by inviterID at now.
func NewInvitation(inviterID, providerID int64, email string, role MemberRole, now time.Time) (string, *Token, error) {
	email = strings.TrimSpace(email)
	c := &checker{}
	checkEmail(c, "email", email)
	if !role.Valid() {
		c.add("role", "unknown_member_role", string(role))
	}
	if err := c.err(); err != nil {
		return "", nil, err
	}
	data, err := json.Marshal(Invitation{ProviderID: providerID, Email: email, Role: role})
	if err != nil {
		return "", nil, fmt.Errorf("account: encode invitation: %w", err)
	}
	tok, t := NewOneTimeToken(inviterID, PurposeInvite, now)
	t.Data = string(data)
	return tok, t, nil
}

// InvitationOf decodes the invitation a token carries.
func InvitationOf(t *Token) (*Invitation, error) {
	var inv Invitation
	if err := json.Unmarshal([]byte(t.Data), &inv); err != nil || t.Purpose != PurposeInvite || inv.ProviderID <= 0 || !inv.Role.Valid() {
		return nil, fmt.Errorf("account: token is no valid invitation (%q): %v", t.Data, err)
	}
	return &inv, nil
}

// For reports whether the invitation is addressed to u, comparing e-mail
// addresses regardless of case.
func (inv *Invitation) For(u *User) bool { return EmailKey(inv.Email) == EmailKey(u.Email) }

// ErrLastAdmin is returned when a change would leave a provider without an
// admin member: nobody could manage its members and API tokens any more.
var ErrLastAdmin = errors.New("the provider's last admin cannot be removed or demoted")

// CheckMemberChange checks a change to the membership of userID among a
// provider's members: role "" removes it. ErrNotFound when the user is no
// member, ErrLastAdmin when no admin would remain.
func CheckMemberChange(members []Membership, userID int64, role MemberRole) error {
	if role != "" && !role.Valid() {
		c := &checker{}
		c.add("role", "unknown_member_role", string(role))
		return c.err()
	}
	found, admins := false, 0
	for _, m := range members {
		if m.UserID == userID {
			found = true
			continue
		}
		if m.Role == MemberAdmin {
			admins++
		}
	}
	if !found {
		return ErrNotFound
	}
	if admins == 0 && role != MemberAdmin {
		return ErrLastAdmin
	}
	return nil
}

// PendingInvitation is an invitation that has been neither accepted nor
// revoked and has not expired.
type PendingInvitation struct {
	Invitation
	Hash      string // of its token: names it for revoking, cannot accept it
	InvitedBy int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// PendingInvitations picks the invitations to providerID out of tokens
// (valid tokens of PurposeInvite, as TokenStore.Tokens lists them), in the
// order given. A token that carries no valid invitation is skipped.
func PendingInvitations(tokens []*Token, providerID int64) []PendingInvitation {
	var out []PendingInvitation
	for _, t := range tokens {
		inv, err := InvitationOf(t)
		if err != nil || inv.ProviderID != providerID {
			continue
		}
		out = append(out, PendingInvitation{Invitation: *inv, Hash: t.Hash, InvitedBy: t.UserID, CreatedAt: t.CreatedAt, ExpiresAt: t.ExpiresAt})
	}
	return out
}
