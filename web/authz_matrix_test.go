package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/csvfmt"
	"github.com/lernnetz/lernnetz/moderation"
)

// The authorization matrix: every route the server registers (Routes) ×
// every kind of person × objects that belong to someone else, with the
// status each must get. A route missing from the matrix fails the test, so
// a new route cannot ship without a decision on who may use it.

// The roles of the matrix.
var matrixRoles = []string{"anonymous", "learnerA", "learnerB", "editorX", "editorY", "counsellor", "coordinator", "admin"}

// access says who may use a route with the objects of its case.
type access int

const (
	public      access = iota // everyone gets one of ok
	signedIn                  // anonymous: 303 to the login; everyone signed in: one of ok
	memberX                   // editorX: one of ok; other signed-in: 403
	adminOfX                  // only an admin member of X (none of the roles): signed-in 403
	moderator                 // coordinator, admin: one of ok; other signed-in: 403
	ownerA                    // learnerA: one of ok; other signed-in: 404 (someone else's object)
	wrongOwnerY               // an object of X under provider Y: editorY 404, other signed-in 403
	nobody                    // everyone gets exactly ok[0] (drafts on the portal, API writes without a token)
)

// matrixCase is one request of a route: path makes a fresh path (objects
// may be made anew, for routes that use them up), body the form to post.
type matrixCase struct {
	path   func() string
	access access
	ok     []int
	body   url.Values
}

// expected returns whether role may use the case, and the exact status of
// a refusal.
func (c matrixCase) expected(role string) (bool, int) {
	if c.access == public {
		return true, 0
	}
	if c.access == nobody {
		return false, c.ok[0]
	}
	if role == "anonymous" {
		return false, http.StatusSeeOther
	}
	switch c.access {
	case signedIn:
		return true, 0
	case memberX:
		return role == "editorX", http.StatusForbidden
	case adminOfX:
		return false, http.StatusForbidden
	case moderator:
		return role == "coordinator" || role == "admin", http.StatusForbidden
	case ownerA:
		return role == "learnerA", http.StatusNotFound
	case wrongOwnerY:
		if role == "editorY" {
			return false, http.StatusNotFound
		}
		return false, http.StatusForbidden
	}
	panic("unknown access")
}

func TestAuthorizationMatrix(t *testing.T) {
	e := newAccountEnv(t, withIPLimit(1_000_000))
	ctx := context.Background()
	x, vx := e.provider(t, "VHS Merzig")
	y, _ := e.provider(t, "VHS Homburg")
	draft := func(pid, vid int64, title string) *catalogue.Offer {
		o := &catalogue.Offer{ProviderID: pid, Title: title, Status: catalogue.StatusDraft,
			Dates: []catalogue.Date{{StartKind: catalogue.StartPermanent, VenueID: vid}}}
		if err := e.store.SaveOffer(ctx, o); err != nil {
			t.Fatal(err)
		}
		return o
	}
	draftX := draft(x.ID, vx.ID, "Entwurf von X")
	published := &catalogue.Offer{ProviderID: x.ID, Title: "Öffentlich", Status: catalogue.StatusPublished,
		Dates: []catalogue.Date{{StartKind: catalogue.StartPermanent, VenueID: vx.ID}}}
	if err := e.store.SaveOffer(ctx, published); err != nil {
		t.Fatal(err)
	}

	users := map[string]*account.User{}
	secrets := map[string]string{}
	emails := map[string]string{}
	for _, role := range matrixRoles[1:] {
		email := role + "@example.org"
		emails[role] = email
		switch role {
		case "counsellor":
			users[role], secrets[role] = e.staff(t, email, account.RoleCounsellor)
		case "coordinator":
			users[role], secrets[role] = e.staff(t, email, account.RoleCoordinator)
		case "admin":
			users[role], secrets[role] = e.staff(t, email, account.RoleAdmin)
		default:
			users[role] = e.user(t, email)
		}
	}
	e.member(t, users["editorX"], x.ID, account.MemberEditor)
	e.member(t, users["editorY"], y.ID, account.MemberEditor)
	_, tokenX, _ := account.NewAPIToken(x.ID, "Programm", account.ScopeWrite, users["editorX"].ID, e.clock.Now())
	if err := e.store.CreateAPIToken(ctx, tokenX); err != nil {
		t.Fatal(err)
	}

	// Fresh objects of learner A for routes that use them up.
	sessionOfA := func() string {
		_, se := account.NewSession(users["learnerA"].ID, account.SessionActive, account.LimitsFor(users["learnerA"], false), e.clock.Now(), "Firefox", "127.0.0.1")
		if err := e.store.CreateSession(ctx, se); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("/konto/sitzungen/%d/beenden", se.ID)
	}
	itemOfA := func(suffix string) func() string {
		return func() string {
			it := &moderation.Item{Kind: moderation.KindProvider, RequestedBy: users["learnerA"].ID, Title: "Neu",
				Provider: &catalogue.Provider{Name: "Neu", Kind: "private_provider"}}
			if err := e.store.AddItem(ctx, it); err != nil {
				t.Fatal(err)
			}
			return fmt.Sprintf("/moderation/%d%s", it.ID, suffix)
		}
	}
	// An invitation to X for an address none of the roles has.
	invitationToX := func() string {
		tok, it, err := account.NewInvitation(users["editorX"].ID, x.ID, "eingeladen@example.org", account.MemberAdmin, e.clock.Now())
		if err == nil {
			err = e.store.CreateToken(ctx, it)
		}
		if err != nil {
			t.Fatal(err)
		}
		return "/einladung/" + tok
	}
	revokeInvitationToX := func() string {
		tok := strings.TrimPrefix(invitationToX(), "/einladung/")
		return fmt.Sprintf("/anbieten/%d/einladungen/%s/zurueckziehen", x.ID, account.HashToken(tok))
	}
	fixed := func(p string) func() string { return func() string { return p } }
	xp := func(format string, args ...any) func() string {
		return fixed(fmt.Sprintf(format, args...))
	}
	anyOK := []int{200, 303, 400, 404, 410, 422, 429} // public forms: whatever a visitor's input earns, never 401/403/5xx
	emptyForm := url.Values{}

	matrix := map[string][]matrixCase{
		"GET /healthz":                         {{path: fixed("/healthz"), ok: []int{200}}},
		"GET /":                                {{path: fixed("/"), ok: []int{200}}},
		"GET /angebote/{id}":                   {{path: xp("/angebote/%d", published.ID), ok: []int{200}}, {path: xp("/angebote/%d", draftX.ID), access: nobody, ok: []int{404}}},
		"GET /anbieter/{id}":                   {{path: xp("/anbieter/%d", x.ID), ok: []int{200}}},
		"GET /lernorte/{id}":                   {{path: xp("/lernorte/%d", vx.ID), ok: []int{200}}},
		"GET /static/{file}":                   {{path: fixed("/static/style.css"), ok: []int{200}}},
		"GET /suche":                           {{path: fixed("/suche?q=Entwurf"), ok: []int{200, 503}}}, // 503: no search engine in this test
		"GET /lernorte":                        {{path: fixed("/lernorte"), ok: []int{200}}},
		"GET /karte":                           {{path: fixed("/karte"), ok: []int{200}}},
		"GET /angebote/{id}/termine/{file}":    {{path: xp("/angebote/%d/termine/%d.ics", draftX.ID, draftX.Dates[0].ID), access: nobody, ok: []int{404}}},
		"GET /merkliste":                       {{path: fixed("/merkliste"), ok: []int{200}}},
		"POST /merkliste":                      {{path: fixed("/merkliste"), ok: []int{400}, body: emptyForm}},
		"GET /vergleich":                       {{path: xp("/vergleich?ids=%d", draftX.ID), ok: []int{200, 400}}},
		"GET /impressum":                       {{path: fixed("/impressum"), ok: []int{200}}},
		"GET /datenschutz":                     {{path: fixed("/datenschutz"), ok: []int{200}}},
		"GET /barrierefreiheit":                {{path: fixed("/barrierefreiheit"), ok: []int{200}}},
		"GET /feedback":                        {{path: fixed("/feedback"), ok: []int{200}}},
		"POST /feedback":                       {{path: fixed("/feedback"), ok: anyOK, body: emptyForm}},
		"GET /kiosk":                           {{path: fixed("/kiosk"), ok: []int{200, 303}}},
		"GET /sitemap.xml":                     {{path: fixed("/sitemap.xml"), ok: []int{200}}},
		"GET /robots.txt":                      {{path: fixed("/robots.txt"), ok: []int{200}}},
		"GET /konto":                           {{path: fixed("/konto"), access: signedIn, ok: []int{200}}},
		"GET /konto/registrieren":              {{path: fixed("/konto/registrieren"), ok: []int{200, 303}}},
		"POST /konto/registrieren":             {{path: fixed("/konto/registrieren"), ok: anyOK, body: emptyForm}},
		"GET /konto/bestaetigen":               {{path: fixed("/konto/bestaetigen?token=x"), ok: anyOK}},
		"POST /konto/bestaetigen":              {{path: fixed("/konto/bestaetigen"), ok: anyOK, body: emptyForm}},
		"GET /konto/anmelden":                  {{path: fixed("/konto/anmelden"), ok: []int{200, 303}}},
		"POST /konto/anmelden":                 {{path: fixed("/konto/anmelden"), ok: anyOK, body: emptyForm}},
		"GET /konto/anmelden/code":             {{path: fixed("/konto/anmelden/code"), ok: []int{200, 303}}},
		"POST /konto/anmelden/code":            {{path: fixed("/konto/anmelden/code"), ok: anyOK, body: emptyForm}},
		"POST /konto/abmelden":                 {{path: fixed("/konto/abmelden"), ok: []int{303}, body: emptyForm}},
		"GET /konto/passwort-vergessen":        {{path: fixed("/konto/passwort-vergessen"), ok: []int{200}}},
		"POST /konto/passwort-vergessen":       {{path: fixed("/konto/passwort-vergessen"), ok: anyOK, body: emptyForm}},
		"GET /konto/passwort-neu":              {{path: fixed("/konto/passwort-neu?token=x"), ok: anyOK}},
		"POST /konto/passwort-neu":             {{path: fixed("/konto/passwort-neu"), ok: anyOK, body: emptyForm}},
		"GET /konto/passwort":                  {{path: fixed("/konto/passwort"), access: signedIn, ok: []int{200}}},
		"POST /konto/passwort":                 {{path: fixed("/konto/passwort"), access: signedIn, ok: []int{422}, body: emptyForm}},
		"GET /konto/zwei-faktor":               {{path: fixed("/konto/zwei-faktor"), access: signedIn, ok: []int{200}}},
		"POST /konto/zwei-faktor":              {{path: fixed("/konto/zwei-faktor"), access: signedIn, ok: []int{303, 400, 422}, body: emptyForm}},
		"GET /konto/sitzungen":                 {{path: fixed("/konto/sitzungen"), access: signedIn, ok: []int{200}}},
		"POST /konto/sitzungen/andere-beenden": {{path: fixed("/konto/sitzungen/andere-beenden"), access: signedIn, ok: []int{303}, body: emptyForm}},
		"POST /konto/sitzungen/{id}/beenden":   {{path: sessionOfA, access: ownerA, ok: []int{303}, body: emptyForm}},
		"GET /konto/wiederherstellung":         {{path: fixed("/konto/wiederherstellung"), access: signedIn, ok: []int{200, 303}}},
		"POST /konto/wiederherstellung":        {{path: fixed("/konto/wiederherstellung"), access: signedIn, ok: []int{200, 303}, body: emptyForm}},
		"GET /konto/daten":                     {{path: fixed("/konto/daten"), access: signedIn, ok: []int{200}}},
		"GET /konto/loeschen":                  {{path: fixed("/konto/loeschen"), access: signedIn, ok: []int{200}}},
		"POST /konto/loeschen":                 {{path: fixed("/konto/loeschen"), access: signedIn, ok: []int{422}, body: emptyForm}},
		"GET /anbieten":                        {{path: fixed("/anbieten"), access: signedIn, ok: []int{200}}},
		"GET /anbieten/neu":                    {{path: fixed("/anbieten/neu"), access: signedIn, ok: []int{200}}},
		"POST /anbieten/neu":                   {{path: fixed("/anbieten/neu"), access: signedIn, ok: []int{422}, body: emptyForm}},
		"GET /anbieten/{pid}":                  {{path: xp("/anbieten/%d", x.ID), access: memberX, ok: []int{200}}},
		"POST /anbieten/{pid}/bestaetigen":     {{path: xp("/anbieten/%d/bestaetigen", x.ID), access: memberX, ok: []int{303}, body: emptyForm}},
		"GET /anbieten/{pid}/angebote/neu":     {{path: xp("/anbieten/%d/angebote/neu", x.ID), access: memberX, ok: []int{200}}},
		"POST /anbieten/{pid}/angebote/neu":    {{path: xp("/anbieten/%d/angebote/neu", x.ID), access: memberX, ok: []int{422}, body: emptyForm}},
		"GET /anbieten/{pid}/angebote/{id}": {
			{path: xp("/anbieten/%d/angebote/%d", x.ID, draftX.ID), access: memberX, ok: []int{200}},
			{path: xp("/anbieten/%d/angebote/%d", y.ID, draftX.ID), access: wrongOwnerY},
		},
		"POST /anbieten/{pid}/angebote/{id}": {
			{path: xp("/anbieten/%d/angebote/%d", x.ID, draftX.ID), access: memberX, ok: []int{422}, body: emptyForm},
			{path: xp("/anbieten/%d/angebote/%d", y.ID, draftX.ID), access: wrongOwnerY, body: emptyForm},
		},
		"POST /anbieten/{pid}/angebote/{id}/kopieren": {
			{path: xp("/anbieten/%d/angebote/%d/kopieren", x.ID, draftX.ID), access: memberX, ok: []int{303}, body: emptyForm},
			{path: xp("/anbieten/%d/angebote/%d/kopieren", y.ID, draftX.ID), access: wrongOwnerY, body: emptyForm},
		},
		"POST /anbieten/{pid}/angebote/{id}/zurueckziehen": {
			{path: xp("/anbieten/%d/angebote/%d/zurueckziehen", y.ID, draftX.ID), access: wrongOwnerY, body: emptyForm},
			{path: xp("/anbieten/%d/angebote/%d/zurueckziehen", x.ID, draftX.ID), access: memberX, ok: []int{303}, body: emptyForm},
		},
		"POST /anbieten/{pid}/import":                           {{path: xp("/anbieten/%d/import", x.ID), access: memberX, ok: []int{422}, body: emptyForm}},
		"GET /anbieten/{pid}/schluessel":                        {{path: xp("/anbieten/%d/schluessel", x.ID), access: adminOfX}},
		"POST /anbieten/{pid}/schluessel":                       {{path: xp("/anbieten/%d/schluessel", x.ID), access: adminOfX, body: url.Values{"name": {"x"}, "scope": {"write"}}}},
		"POST /anbieten/{pid}/schluessel/{id}/widerrufen":       {{path: xp("/anbieten/%d/schluessel/%d/widerrufen", x.ID, tokenX.ID), access: adminOfX, body: emptyForm}},
		"GET /anbieten/{pid}/mitglieder":                        {{path: xp("/anbieten/%d/mitglieder", x.ID), access: adminOfX}},
		"POST /anbieten/{pid}/mitglieder":                       {{path: xp("/anbieten/%d/mitglieder", x.ID), access: adminOfX, body: url.Values{"email": {"neu@example.org"}, "role": {"editor"}}}},
		"POST /anbieten/{pid}/mitglieder/{id}/rolle":            {{path: xp("/anbieten/%d/mitglieder/%d/rolle", x.ID, users["editorX"].ID), access: adminOfX, body: url.Values{"role": {"admin"}}}},
		"POST /anbieten/{pid}/mitglieder/{id}/entfernen":        {{path: xp("/anbieten/%d/mitglieder/%d/entfernen", x.ID, users["editorX"].ID), access: adminOfX, body: emptyForm}},
		"POST /anbieten/{pid}/einladungen/{hash}/zurueckziehen": {{path: revokeInvitationToX, access: adminOfX, body: emptyForm}},
		"GET /anbieten/{pid}/orte":                              {{path: xp("/anbieten/%d/orte", x.ID), access: memberX, ok: []int{200}}},
		"GET /anbieten/{pid}/orte/neu":                          {{path: xp("/anbieten/%d/orte/neu", x.ID), access: memberX, ok: []int{200}}},
		"POST /anbieten/{pid}/orte/neu":                         {{path: xp("/anbieten/%d/orte/neu", x.ID), access: memberX, ok: []int{422}, body: emptyForm}},
		"GET /anbieten/{pid}/orte/{id}": {
			{path: xp("/anbieten/%d/orte/%d", x.ID, vx.ID), access: memberX, ok: []int{200}},
			{path: xp("/anbieten/%d/orte/%d", y.ID, vx.ID), access: wrongOwnerY},
		},
		"POST /anbieten/{pid}/orte/{id}": {
			{path: xp("/anbieten/%d/orte/%d", x.ID, vx.ID), access: memberX, ok: []int{422}, body: emptyForm},
			{path: xp("/anbieten/%d/orte/%d", y.ID, vx.ID), access: wrongOwnerY, body: url.Values{"name": {"Übernommen"}, "kind": {"classroom"}}},
		},
		"GET /anbieten/{pid}/angaben":     {{path: xp("/anbieten/%d/angaben", x.ID), access: adminOfX}},
		"POST /anbieten/{pid}/angaben":    {{path: xp("/anbieten/%d/angaben", x.ID), access: adminOfX, body: url.Values{"name": {"Umbenannt"}, "kind": {"school"}}}},
		"GET /einladung/{token}":          {{path: fixed("/einladung/unbekannt"), access: signedIn, ok: []int{410}}, {path: invitationToX, access: signedIn, ok: []int{403}}},
		"POST /einladung/{token}":         {{path: fixed("/einladung/unbekannt"), access: signedIn, ok: []int{410}, body: emptyForm}, {path: invitationToX, access: signedIn, ok: []int{403}, body: emptyForm}},
		"GET /moderation":                 {{path: fixed("/moderation"), access: moderator, ok: []int{200}}},
		"GET /moderation/{id}":            {{path: itemOfA(""), access: moderator, ok: []int{200}}},
		"POST /moderation/{id}/freigeben": {{path: itemOfA("/freigeben"), access: moderator, ok: []int{303}, body: emptyForm}},
		"POST /moderation/{id}/ablehnen":  {{path: itemOfA("/ablehnen"), access: moderator, ok: []int{422}, body: emptyForm}},
		"GET /api/v1/offers":              {{path: fixed("/api/v1/offers"), ok: []int{200}}, {path: xp("/api/v1/offers?status=draft&provider_id=%d", x.ID), access: nobody, ok: []int{401}}},
		"GET /api/v1/offers/{id}":         {{path: xp("/api/v1/offers/%d", published.ID), ok: []int{200}}, {path: xp("/api/v1/offers/%d", draftX.ID), access: nobody, ok: []int{404}}},
		"POST /api/v1/offers":             {{path: fixed("/api/v1/offers"), access: nobody, ok: []int{401}, body: emptyForm}},
		"PUT /api/v1/offers/{id}":         {{path: xp("/api/v1/offers/%d", draftX.ID), access: nobody, ok: []int{401}, body: emptyForm}},
		"GET /api/v1/dates":               {{path: fixed("/api/v1/dates"), ok: []int{200}}},
		"GET /api/v1/providers":           {{path: fixed("/api/v1/providers"), ok: []int{200}}},
		"GET /api/v1/providers/{id}":      {{path: xp("/api/v1/providers/%d", x.ID), ok: []int{200}}},
		"POST /api/v1/providers":          {{path: fixed("/api/v1/providers"), access: nobody, ok: []int{401}, body: emptyForm}},
		"GET /api/v1/venues":              {{path: fixed("/api/v1/venues"), ok: []int{200}}},
		"GET /api/v1/venues/{id}":         {{path: xp("/api/v1/venues/%d", vx.ID), ok: []int{200}}},
		"POST /api/v1/venues":             {{path: fixed("/api/v1/venues"), access: nobody, ok: []int{401}, body: emptyForm}},
		"GET /api/v1/vocabularies":        {{path: fixed("/api/v1/vocabularies"), ok: []int{200}}},
		"GET /api/v1/vocabularies/{name}": {{path: fixed("/api/v1/vocabularies/topic"), ok: []int{200}}},
		"GET /api/v1/openapi.json":        {{path: fixed("/api/v1/openapi.json"), ok: []int{200}}},
		"GET /hilfe/csv":                  {{path: fixed("/hilfe/csv"), ok: []int{200}}},
		"GET /hilfe/csv/{file}":           {{path: fixed("/hilfe/csv/" + csvfmt.ExampleName), ok: []int{200}}, {path: fixed("/hilfe/csv/passwd"), ok: []int{404}}},
		"GET /api/v1/changes":             {{path: fixed("/api/v1/changes"), ok: []int{200}}},
		"POST /api/v1/imports":            {{path: fixed("/api/v1/imports"), access: nobody, ok: []int{401}, body: emptyForm}},
		"GET /api/v1/feeds/offers.atom":   {{path: xp("/api/v1/feeds/offers.atom?provider=%d", x.ID), ok: []int{200}}},
		"GET /api/v1/feeds/dates.ics":     {{path: fixed("/api/v1/feeds/dates.ics?q=Entwurf"), ok: []int{200, 503}}}, // 503: no search engine in this test
		"GET /api/v1/export/{format}":     {{path: xp("/api/v1/export/jsonld?provider=%d", x.ID), ok: []int{200}}},
	}

	// Every route is in the matrix, and the matrix names no route that is gone.
	registered := map[string]bool{}
	for _, r := range e.web.Routes() {
		key := r.Method + " " + r.Pattern
		registered[key] = true
		if _, ok := matrix[key]; !ok {
			t.Errorf("route %s is missing from the authorization matrix", key)
		}
	}
	for key := range matrix {
		if !registered[key] {
			t.Errorf("the matrix names %s, which the server does not register", key)
		}
	}

	// login signs a new browser in as role.
	login := func(role string) *browser {
		b := e.browser(t)
		switch {
		case role == "anonymous":
		case secrets[role] != "":
			b.loginStaff(emails[role], secrets[role])
		default:
			b.login(emails[role])
		}
		return b
	}
	keys := make([]string, 0, len(matrix))
	for k := range registered {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	requests, leaks := 0, 0
	for _, key := range keys {
		method, _, _ := strings.Cut(key, " ")
		for _, c := range matrix[key] {
			// Those refused go first: an allowed request may use an object up.
			roles := slices.Clone(matrixRoles)
			slices.SortStableFunc(roles, func(a, b string) int {
				aa, _ := c.expected(a)
				bb, _ := c.expected(b)
				switch {
				case aa == bb:
					return 0
				case bb:
					return -1
				}
				return 1
			})
			for _, role := range roles {
				b := login(role)
				path := c.path()
				var p page
				if method == http.MethodGet {
					p = b.get(path)
				} else {
					req, _ := http.NewRequest(method, e.srv.URL+path, strings.NewReader(c.body.Encode()))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					req.Header.Set("Origin", e.srv.URL)
					req.Header.Set("Sec-Fetch-Site", "same-origin")
					p = b.do(req)
				}
				requests++
				allowed, deny := c.expected(role)
				switch {
				case allowed && !slices.Contains(c.ok, p.status):
					t.Errorf("%s %s as %s: %d, want one of %v", method, path, role, p.status, c.ok)
				case !allowed && p.status != deny:
					leaks++
					t.Errorf("LEAK? %s %s as %s: %d, want %d", method, path, role, p.status, deny)
				case !allowed && deny == http.StatusSeeOther && !strings.HasPrefix(p.header.Get("Location"), "/konto/anmelden"):
					leaks++
					t.Errorf("LEAK? %s %s as %s: redirected to %q, not to the login", method, path, role, p.header.Get("Location"))
				}
				// Whatever the status, no answer shows X's draft to anyone but
				// X's editor and the moderators (pages, feeds, exports, API).
				if !slices.Contains([]string{"editorX", "coordinator", "admin"}, role) && strings.Contains(p.body, draftX.Title) {
					leaks++
					t.Errorf("LEAK: %s %s as %s shows the draft %q", method, path, role, draftX.Title)
				}
			}
		}
	}
	t.Logf("%d routes, %d requests, %d leaks", len(keys), requests, leaks)
	// The refused requests changed nothing.
	if o := e.offer(t, draftX.ID); o.Title != "Entwurf von X" {
		t.Errorf("the draft of X changed: %q", o.Title)
	}
	if ms, _ := e.store.ProviderMembers(ctx, x.ID); len(ms) != 1 || ms[0].UserID != users["editorX"].ID || ms[0].Role != account.MemberEditor {
		t.Errorf("X's members changed by someone who may not: %+v", ms)
	}
	if p, _ := e.store.Provider(ctx, x.ID); p.Name != "VHS Merzig" {
		t.Errorf("X's details were changed by someone who may not: %q", p.Name)
	}
	if tk, _ := e.store.APITokenByHash(ctx, tokenX.Hash); !tk.Active() {
		t.Error("X's API token was revoked by someone who may not")
	}
}
