package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/mail"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/storage/storetest"
)

func TestEraseSQLite(t *testing.T) {
	testErase(t, newAccountEnv(t))
}

func TestErasePostgres(t *testing.T) {
	testErase(t, newAccountEnvOn(t, func(t *testing.T, now func() time.Time) *storage.Store {
		return storetest.OpenPostgres(t, storage.WithClock(now))
	}))
}

// testErase: a person who did everything — signed up (mail), bookmarked,
// edited a provider's offers, made an API token, asked for a provider —
// downloads their data, then erases the account. Afterwards no text in any
// table names them and no reference column holds their id; the provider's
// content stays.
func testErase(t *testing.T, e *accountEnv) {
	ctx := context.Background()
	const email, name = "Lena.Erasmus@example.org", "Lena Erasmus-Vergessen"
	p, v := e.provider(t, "VHS Merzig")
	b := e.browser(t)
	b.post("/konto/registrieren", url.Values{"email": {email}, "display_name": {name}, "password": {goodPassword}})
	u, err := e.store.UserByEmail(ctx, email)
	if err != nil {
		t.Fatal(err)
	}
	now := e.clock.Now()
	u.EmailVerifiedAt = &now
	if err := e.store.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	e.member(t, u, p.ID, account.MemberAdmin)
	// A mail still waiting for them (the sender is fast: enqueue one for later).
	if _, err := e.store.EnqueueMail(ctx, &mail.Message{To: email, Subject: "Hallo " + name, Text: "Guten Tag " + name}, now.Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	b.login(email)
	b.post("/konto/anmelden", url.Values{"email": {email}, "password": {"falsch falsch falsch"}}) // a throttle failure
	res := b.post(fmt.Sprintf("/anbieten/%d/angebote/neu", p.ID), offerValues("Erasmus-Kurs", v.ID))
	offerID := idFromLocation(t, res)
	b.post("/merkliste", url.Values{"id": {fmt.Sprint(offerID)}, "action": {"add"}}).redirect(t, "/merkliste")
	b.post(fmt.Sprintf("/anbieten/%d/schluessel", p.ID), url.Values{"name": {"Programm von " + name}, "scope": {"write"}}).want(t, http.StatusOK)
	b.post("/anbieten/neu", url.Values{"name": {"Sprachschule Erasmus"}, "kind": {"private_provider"}}).redirect(t, "/anbieten?hinweis=angefragt")

	// The export has all of it, and no secret.
	ex := b.get("/konto/daten")
	if ex.status != http.StatusOK || !strings.Contains(ex.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export: %d %v", ex.status, ex.header)
	}
	var d struct {
		Schema  string `json:"schema"`
		Account struct {
			Email       string `json:"email"`
			DisplayName string `json:"display_name"`
		} `json:"account"`
		Memberships []any   `json:"memberships"`
		Sessions    []any   `json:"sessions"`
		Merkliste   []int64 `json:"merkliste"`
		APITokens   []any   `json:"api_tokens"`
		Requests    []any   `json:"moderation_requests"`
		Audit       []any   `json:"audit_entries"`
	}
	if err := json.Unmarshal([]byte(ex.body), &d); err != nil {
		t.Fatal(err)
	}
	if d.Schema != account.PersonalDataSchema || d.Account.Email != email || d.Account.DisplayName != name || len(d.Memberships) != 1 ||
		len(d.Sessions) == 0 || len(d.Merkliste) != 1 || len(d.APITokens) != 1 || len(d.Requests) != 1 || len(d.Audit) < 3 {
		t.Errorf("export misses something:\n%s", ex.body)
	}
	for _, secret := range []string{"argon2id", u.PasswordHash, "token_hash"} {
		if strings.Contains(ex.body, secret) {
			t.Errorf("the export contains %q", secret)
		}
	}

	// Erasing needs the password.
	b.post("/konto/loeschen", url.Values{"password": {"nicht mein Passwort"}}).want(t, http.StatusUnprocessableEntity, "Das Passwort stimmt nicht.")
	b.post("/konto/loeschen", url.Values{"password": {goodPassword}}).redirect(t, "/konto/anmelden?hinweis=geloescht")
	b.get("/konto/anmelden?hinweis=geloescht").want(t, http.StatusOK, "Ihr Konto und Ihre Daten sind gelöscht.")
	if b.signedIn() {
		t.Fatal("still signed in after erasure")
	}

	// No text column of any table names them.
	cols, err := e.store.TextColumns(ctx)
	if err != nil || len(cols) < 20 {
		t.Fatalf("text columns: %d, %v", len(cols), err)
	}
	for _, c := range cols {
		for _, needle := range []string{email, name, account.ThrottleKey("login", account.EmailKey(email))} {
			n, err := e.store.CountContaining(ctx, c[0], c[1], needle)
			if err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				t.Errorf("%s.%s: %d rows still contain %q", c[0], c[1], n, needle)
			}
		}
	}
	// No reference column holds their id — but the audit log's actor, the
	// bare number of an account that no longer exists.
	for _, ref := range []struct{ table, column string }{
		{"users", "id"}, {"user_roles", "user_id"}, {"memberships", "user_id"}, {"sessions", "user_id"},
		{"account_tokens", "user_id"}, {"bookmarks", "user_id"}, {"api_tokens", "created_by"},
		{"moderation_items", "requested_by"}, {"moderation_items", "decided_by"},
	} {
		if n := e.countRefs(t, ref.table, ref.column, u.ID); n > 0 {
			t.Errorf("%s.%s: %d rows still refer to user %d", ref.table, ref.column, n, u.ID)
		}
	}
	// The provider's content stays.
	if o, err := e.store.Offer(ctx, offerID); err != nil || o.Title != "Erasmus-Kurs" || o.ProviderID != p.ID {
		t.Errorf("the offer is gone: %v %+v", err, o)
	}
	if _, err := e.store.User(ctx, u.ID); err == nil {
		t.Error("the user is still there")
	}
	// The address is free again.
	if err := e.store.CreateUser(ctx, &account.User{Email: email}); err != nil {
		t.Errorf("the address stays taken: %v", err)
	}

}

func (e *accountEnv) countRefs(t *testing.T, table, column string, id int64) int {
	t.Helper()
	n, err := e.store.CountRefs(context.Background(), table, column, id)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestEraseRemovesDevMail: in development mode the mail folder holds the
// person's mail; erasure removes those files too.
func TestEraseRemovesDevMail(t *testing.T) {
	dir := t.TempDir()
	e := newAccountEnv(t, withDev(dir))
	ctx := context.Background()
	const email = "lena.ordner@example.org"
	b := e.browser(t)
	b.post("/konto/registrieren", url.Values{"email": {email}, "password": {goodPassword}})
	e.user(t, "andere@example.org")
	c := e.browser(t)
	c.post("/konto/passwort-vergessen", url.Values{"email": {"andere@example.org"}})
	files := func(needle string) int {
		n := 0
		entries, _ := os.ReadDir(dir)
		for _, en := range entries {
			data, _ := os.ReadFile(filepath.Join(dir, en.Name()))
			if strings.Contains(strings.ToLower(string(data)), needle) {
				n++
			}
		}
		return n
	}
	deadline := time.Now().Add(10 * time.Second)
	for (files(email) == 0 || files("andere@example.org") == 0) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if files(email) == 0 {
		t.Fatal("no mail to the person in the folder")
	}
	u, _ := e.store.UserByEmail(ctx, email)
	now := e.clock.Now()
	u.EmailVerifiedAt = &now
	if err := e.store.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	b.login(email)
	b.post("/konto/loeschen", url.Values{"password": {goodPassword}}).redirect(t, "/konto/anmelden?hinweis=geloescht")
	if n := files(email); n != 0 {
		t.Errorf("%d files in the mail folder still name the erased person", n)
	}
	if files("andere@example.org") == 0 {
		t.Error("someone else's mail was removed too")
	}
}
