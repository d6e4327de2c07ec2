package account_test

import (
	"errors"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/account"
)

func TestInvitation(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	tok, stored, err := account.NewInvitation(7, 3, " Eva@Example.org ", account.MemberEditor, now)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Hash != account.HashToken(tok) || stored.UserID != 7 || stored.Purpose != account.PurposeInvite {
		t.Errorf("stored token %+v", stored)
	}
	if got := stored.ExpiresAt.Sub(now); got != 7*24*time.Hour {
		t.Errorf("valid for %v, want 7 days", got)
	}
	inv, err := account.InvitationOf(stored)
	if err != nil {
		t.Fatal(err)
	}
	if inv.ProviderID != 3 || inv.Role != account.MemberEditor || inv.Email != "Eva@Example.org" {
		t.Errorf("invitation %+v", inv)
	}
	if !inv.For(&account.User{Email: "eva@example.ORG"}) || inv.For(&account.User{Email: "eve@example.org"}) {
		t.Error("For compares addresses wrongly")
	}

	_, _, err = account.NewInvitation(7, 3, "keine-adresse", "owner", now)
	var ve *account.ValidationError
	if !errors.As(err, &ve) || ve.For("email") == nil || ve.For("role") == nil {
		t.Errorf("bad address and role: %v", err)
	}
	if _, err := account.InvitationOf(&account.Token{Purpose: account.PurposeResetPassword, Data: stored.Data}); err == nil {
		t.Error("a reset token passes as invitation")
	}
}

func TestPendingInvitations(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	_, a, _ := account.NewInvitation(7, 3, "a@example.org", account.MemberEditor, now)
	_, other, _ := account.NewInvitation(7, 4, "b@example.org", account.MemberAdmin, now)
	_, b, _ := account.NewInvitation(8, 3, "c@example.org", account.MemberAdmin, now.Add(time.Hour))
	broken := &account.Token{Hash: "x", Purpose: account.PurposeInvite, Data: "{"}
	got := account.PendingInvitations([]*account.Token{a, other, broken, b}, 3)
	if len(got) != 2 || got[0].Hash != a.Hash || got[1].Hash != b.Hash {
		t.Fatalf("pending for provider 3: %+v", got)
	}
	if got[1].Email != "c@example.org" || got[1].Role != account.MemberAdmin || got[1].InvitedBy != 8 ||
		!got[1].ExpiresAt.Equal(now.Add(time.Hour+7*24*time.Hour)) {
		t.Errorf("second invitation %+v", got[1])
	}
	if got := account.PendingInvitations([]*account.Token{a, b}, 5); len(got) != 0 {
		t.Errorf("provider 5 has none, got %+v", got)
	}
}

func TestCheckMemberChange(t *testing.T) {
	ms := []account.Membership{{UserID: 1, Role: account.MemberAdmin}, {UserID: 2, Role: account.MemberEditor}}
	for _, c := range []struct {
		user int64
		role account.MemberRole
		want error
	}{
		{1, "", account.ErrLastAdmin},
		{1, account.MemberEditor, account.ErrLastAdmin},
		{1, account.MemberAdmin, nil},
		{2, "", nil},
		{2, account.MemberAdmin, nil},
		{3, "", account.ErrNotFound},
	} {
		if err := account.CheckMemberChange(ms, c.user, c.role); !errors.Is(err, c.want) {
			t.Errorf("user %d to %q: %v, want %v", c.user, c.role, err, c.want)
		}
	}
	two := append(ms, account.Membership{UserID: 3, Role: account.MemberAdmin})
	if err := account.CheckMemberChange(two, 1, ""); err != nil {
		t.Errorf("removing one of two admins: %v", err)
	}
	if err := account.CheckMemberChange(ms, 2, "owner"); err == nil {
		t.Error("unknown role accepted")
	}
}
