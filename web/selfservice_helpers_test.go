package web_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/catalogue"
)

// staff creates a verified user with roles and an enrolled second factor,
// and returns the TOTP secret.
func (e *accountEnv) staff(t *testing.T, email string, roles ...account.Role) (*account.User, string) {
	t.Helper()
	u := e.user(t, email, roles...)
	key, err := account.NewTOTPKey(email)
	if err != nil {
		t.Fatal(err)
	}
	box := account.DevSecretBox()
	if e.key != nil {
		if box, err = account.NewSecretBox(e.key); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.store.SetTOTP(context.Background(), u.ID, box.Seal(key.Secret, account.TOTPContext(u.ID)), 0); err != nil {
		t.Fatal(err)
	}
	return u, key.Secret
}

// loginStaff signs b in with password and the current TOTP code.
func (b *browser) loginStaff(email, secret string) {
	b.t.Helper()
	b.post("/konto/anmelden", url.Values{"email": {email}, "password": {goodPassword}}).redirect(b.t, "/konto/anmelden/code?weiter=%2Fkonto")
	b.e.clock.Advance(30 * time.Second) // a fresh step: each code works once
	code, err := account.TOTPCode(secret, b.e.clock.Now())
	if err != nil {
		b.t.Fatal(err)
	}
	b.post("/konto/anmelden/code", url.Values{"code": {code}, "weiter": {"/konto"}}).redirect(b.t, "/konto")
}

// provider saves a provider with a venue and returns both.
func (e *accountEnv) provider(t *testing.T, name string) (*catalogue.Provider, *catalogue.Venue) {
	t.Helper()
	ctx := context.Background()
	p := &catalogue.Provider{Name: name, Kind: "adult_education_centre", Address: catalogue.Address{City: "Merzig", PostalCode: "66663"}}
	if err := e.store.SaveProvider(ctx, p); err != nil {
		t.Fatal(err)
	}
	v := &catalogue.Venue{ProviderID: p.ID, Name: name + " Haus 1", Kind: "classroom", Address: catalogue.Address{Street: "Hochwaldstraße 1", PostalCode: "66663", City: "Merzig"}}
	if err := e.store.SaveVenue(ctx, v); err != nil {
		t.Fatal(err)
	}
	return p, v
}

// member makes u a member of provider pid.
func (e *accountEnv) member(t *testing.T, u *account.User, pid int64, role account.MemberRole) {
	t.Helper()
	if err := e.store.SaveMembership(context.Background(), &account.Membership{UserID: u.ID, ProviderID: pid, Role: role}); err != nil {
		t.Fatal(err)
	}
}
