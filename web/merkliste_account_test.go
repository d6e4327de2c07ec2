package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/lernnetz/lernnetz/catalogue"
)

// TestMerklisteFollowsTheAccount: what a visitor bookmarked before signing
// in joins the account's list at sign-in; signed in, the Merkliste page
// shows and changes the account's list — on every device — and the
// browser's cookie is emptied.
func TestMerklisteFollowsTheAccount(t *testing.T) {
	e := newAccountEnv(t)
	ctx := context.Background()
	p, v := e.provider(t, "VHS Merzig")
	var ids []int64
	for _, title := range []string{"Excel für Einsteiger", "Word kompakt", "Spanisch A1"} {
		o := &catalogue.Offer{ProviderID: p.ID, Title: title, Status: catalogue.StatusPublished,
			Dates: []catalogue.Date{{StartKind: catalogue.StartPermanent, VenueID: v.ID}}}
		if err := e.store.SaveOffer(ctx, o); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, o.ID)
	}
	u := e.user(t, "lena@example.org")
	if err := e.store.AddBookmarks(ctx, u.ID, []int64{ids[2]}, 50); err != nil {
		t.Fatal(err)
	}

	b := e.browser(t)
	for _, id := range ids[:2] {
		b.post("/merkliste", url.Values{"id": {fmt.Sprint(id)}, "action": {"add"}, "back": {"/merkliste"}}).redirect(t, "/merkliste")
	}
	b.login("lena@example.org")
	got, _ := e.store.Bookmarks(ctx, u.ID)
	if want := []int64{ids[1], ids[0], ids[2]}; !slices.Equal(got, want) {
		t.Errorf("account list after sign-in: %v, want %v", got, want)
	}
	u2, _ := url.Parse(e.srv.URL)
	for _, c := range b.client.Jar.Cookies(u2) {
		if c.Name == "merkliste" {
			t.Errorf("the browser keeps its Merkliste cookie %q after sign-in", c.Value)
		}
	}
	b.get("/merkliste").want(t, http.StatusOK, "Excel für Einsteiger", "Word kompakt", "Spanisch A1")

	// Signed in, a change goes to the account: another device sees it.
	b.post("/merkliste", url.Values{"id": {fmt.Sprint(ids[0])}, "action": {"remove"}, "back": {"/merkliste"}}).redirect(t, "/merkliste")
	other := e.browser(t)
	other.login("lena@example.org")
	page := other.get("/merkliste").want(t, http.StatusOK, "Word kompakt", "Spanisch A1")
	if strings.Contains(page.body, "Excel für Einsteiger") {
		t.Error("a removed offer is still on the other device's list")
	}
	// Signed out, the list is the (empty) browser's again.
	b.post("/konto/abmelden", nil)
	if page := b.get("/merkliste"); strings.Contains(page.body, "Word kompakt") {
		t.Error("the account's list shows after signing out")
	}
}
