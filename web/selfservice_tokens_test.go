package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/moderation"
	"github.com/lernnetz/lernnetz/web"
)

// api calls the JSON API with a bearer token ("" for none) and returns the
// status and the decoded body.
func (e *accountEnv) api(t *testing.T, method, path, token string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, e.srv.URL+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

func apiOffer(pid, venue int64, title string) map[string]any {
	return map[string]any{
		"provider_id": pid, "title": title, "status": "published", "price": map[string]any{"amount_cents": 9900},
		"dates": []map[string]any{{"start_kind": "fixed", "start": "2030-06-02T18:00:00+02:00", "end": "2030-06-30T21:00:00+02:00", "venue_id": venue}},
	}
}

var newTokenRe = regexp.MustCompile(`<code id="neuer-schluessel">(lnp_[A-Za-z0-9_-]+)</code>`)

// TestProviderAPITokens: a provider's administration makes a token, shown
// once; with it a program writes that provider's offers — through
// moderation — and nobody else's; revoked, it stops working.
func TestProviderAPITokens(t *testing.T) {
	e := newAccountEnv(t)
	ctx := context.Background()
	x, vx := e.provider(t, "VHS Merzig")
	y, vy := e.provider(t, "VHS Homburg")
	admin := e.user(t, "verwaltung@vhs-merzig.example")
	e.member(t, admin, x.ID, account.MemberAdmin)
	editor := e.user(t, "redaktion@vhs-merzig.example")
	e.member(t, editor, x.ID, account.MemberEditor)
	theirs := &catalogue.Offer{ProviderID: y.ID, Title: "Homburger Entwurf", Status: catalogue.StatusDraft}
	if err := e.store.SaveOffer(ctx, theirs); err != nil {
		t.Fatal(err)
	}

	ed := e.browser(t)
	ed.login("redaktion@vhs-merzig.example")
	ed.get(fmt.Sprintf("/anbieten/%d/schluessel", x.ID)).want(t, http.StatusForbidden)

	b := e.browser(t)
	b.login("verwaltung@vhs-merzig.example")
	b.get(fmt.Sprintf("/anbieten/%d", x.ID)).want(t, http.StatusOK, fmt.Sprintf(`href="/anbieten/%d/schluessel"`, x.ID))
	b.post(fmt.Sprintf("/anbieten/%d/schluessel", x.ID), url.Values{"name": {""}, "scope": {"admin"}}).
		want(t, http.StatusUnprocessableEntity, "Bitte ausfüllen.", "ist keine bekannte Berechtigung")
	res := b.post(fmt.Sprintf("/anbieten/%d/schluessel", x.ID), url.Values{"name": {"Kursverwaltung"}, "scope": {"write"}}).
		want(t, http.StatusOK, "kopieren Sie ihn jetzt", "Kursverwaltung")
	m := newTokenRe.FindStringSubmatch(res.body)
	if m == nil {
		t.Fatalf("no token on the page:\n%s", res.body)
	}
	token := m[1]
	if p := b.get(fmt.Sprintf("/anbieten/%d/schluessel", x.ID)); newTokenRe.MatchString(p.body) {
		t.Error("the token is shown a second time")
	}
	readRes := b.post(fmt.Sprintf("/anbieten/%d/schluessel", x.ID), url.Values{"name": {"Nur lesen"}, "scope": {"read"}})
	readToken := newTokenRe.FindStringSubmatch(readRes.body)[1]

	// Writing its own provider's offer works, through moderation.
	status, body := e.api(t, http.MethodPost, "/api/v1/offers", token, apiOffer(x.ID, vx.ID, "Italienisch A1"))
	if status != http.StatusCreated {
		t.Fatalf("create with the provider's token: %d %v", status, body)
	}
	id := int64(body["id"].(float64))
	if o := e.offer(t, id); o.Status != catalogue.StatusReview {
		t.Errorf("status %q: a provider without a public offer must be reviewed, also through the API", o.Status)
	}
	if items := e.openItems(t); len(items) != 1 || items[0].OfferID != id || items[0].RequestedBy != admin.ID {
		t.Errorf("queue: %+v", items)
	}
	entries, _ := e.store.Audit(ctx, moderation.AuditFilter{Entity: "offer", EntityID: id})
	if len(entries) != 1 || entries[0].Action != "api.offer.create" || entries[0].ActorID != admin.ID {
		t.Errorf("audit: %+v", entries)
	}
	// It reads its own draft, not another's.
	if status, _ := e.api(t, http.MethodGet, fmt.Sprintf("/api/v1/offers/%d", id), readToken, nil); status != http.StatusOK {
		t.Errorf("reading its own unpublished offer: %d", status)
	}
	if status, _ := e.api(t, http.MethodGet, fmt.Sprintf("/api/v1/offers/%d", theirs.ID), token, nil); status != http.StatusNotFound {
		t.Errorf("reading another provider's draft: %d", status)
	}
	// Nothing of another provider, nothing but offers, nothing with a read token.
	for _, c := range []struct {
		method, path, token string
		body                any
		want                int
	}{
		{http.MethodPost, "/api/v1/offers", token, apiOffer(y.ID, vy.ID, "Fremd"), http.StatusForbidden},
		{http.MethodPut, fmt.Sprintf("/api/v1/offers/%d", theirs.ID), token, apiOffer(y.ID, vy.ID, "Gekapert"), http.StatusNotFound},
		{http.MethodPut, fmt.Sprintf("/api/v1/offers/%d", theirs.ID), token, apiOffer(x.ID, vx.ID, "Gekapert"), http.StatusNotFound},
		{http.MethodPut, fmt.Sprintf("/api/v1/offers/%d", id), token, apiOffer(y.ID, vy.ID, "Verschoben"), http.StatusForbidden},
		{http.MethodPost, "/api/v1/providers", token, map[string]any{"name": "Neu", "kind": "private_provider"}, http.StatusForbidden},
		{http.MethodPost, "/api/v1/offers", readToken, apiOffer(x.ID, vx.ID, "Lesend"), http.StatusForbidden},
		{http.MethodPost, "/api/v1/offers", "lnp_forged", apiOffer(x.ID, vx.ID, "Gefälscht"), http.StatusUnauthorized},
	} {
		if status, body := e.api(t, c.method, c.path, c.token, c.body); status != c.want {
			t.Errorf("%s %s: %d, want %d: %v", c.method, c.path, status, c.want, body)
		}
	}
	if o := e.offer(t, theirs.ID); o.Title != "Homburger Entwurf" || o.ProviderID != y.ID {
		t.Errorf("another provider's offer changed: %+v", o)
	}
	if o := e.offer(t, id); o.ProviderID != x.ID {
		t.Errorf("the offer moved to provider %d", o.ProviderID)
	}

	// Revoked, the token works no more.
	toks, _ := e.store.ProviderAPITokens(ctx, x.ID)
	var writeID int64
	for _, tk := range toks {
		if tk.Name == "Kursverwaltung" {
			writeID = tk.ID
		}
	}
	if writeID == 0 || toks[len(toks)-1].LastUsedAt == nil {
		t.Fatalf("tokens: %+v", toks)
	}
	b.post(fmt.Sprintf("/anbieten/%d/schluessel/%d/widerrufen", x.ID, writeID), nil).
		redirect(t, fmt.Sprintf("/anbieten/%d/schluessel?hinweis=widerrufen", x.ID))
	if status, _ := e.api(t, http.MethodPost, "/api/v1/offers", token, apiOffer(x.ID, vx.ID, "Nach Widerruf")); status != http.StatusUnauthorized {
		t.Errorf("a revoked token: %d", status)
	}
	// Another provider's admin cannot revoke it.
	yAdmin := e.user(t, "verwaltung@vhs-homburg.example")
	e.member(t, yAdmin, y.ID, account.MemberAdmin)
	c := e.browser(t)
	c.login("verwaltung@vhs-homburg.example")
	c.post(fmt.Sprintf("/anbieten/%d/schluessel/%d/widerrufen", y.ID, writeID), nil).want(t, http.StatusNotFound)
}

// TestAdminWritesAreAudited: what the admin token changes through the API
// lands in the audit log too (actor 0: the network itself), before and
// after.
func TestAdminWritesAreAudited(t *testing.T) {
	const admin = "admin-token-0123456789abcdef"
	e := newAccountEnv(t, func(c *web.Config, a *web.AccountConfig) { c.AdminToken = admin })
	x, vx := e.provider(t, "VHS Merzig")
	status, body := e.api(t, http.MethodPost, "/api/v1/offers", admin, apiOffer(x.ID, vx.ID, "Italienisch A1"))
	if status != http.StatusCreated {
		t.Fatalf("create: %d %v", status, body)
	}
	id := int64(body["id"].(float64))
	if o := e.offer(t, id); o.Status != catalogue.StatusPublished {
		t.Errorf("the admin token's offer is %q: it needs no review", o.Status)
	}
	changed := apiOffer(x.ID, vx.ID, "Italienisch A1 kompakt")
	if status, body := e.api(t, http.MethodPut, fmt.Sprintf("/api/v1/offers/%d", id), admin, changed); status != http.StatusOK {
		t.Fatalf("update: %d %v", status, body)
	}
	entries, err := e.store.Audit(context.Background(), moderation.AuditFilter{Entity: "offer", EntityID: id})
	if err != nil || len(entries) != 2 || entries[0].Action != "api.admin.offer.update" || entries[1].Action != "api.admin.offer.create" ||
		entries[0].ActorID != 0 {
		t.Fatalf("audit: %v %+v", err, entries)
	}
	var before, after struct{ Title string }
	json.Unmarshal(entries[0].Before, &before)
	json.Unmarshal(entries[0].After, &after)
	if before.Title != "Italienisch A1" || after.Title != "Italienisch A1 kompakt" {
		t.Errorf("before %q, after %q", before.Title, after.Title)
	}
}
