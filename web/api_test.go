package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

func TestHealthz(t *testing.T) {
	e := newEnv(t, "")
	r := e.get(t, "/healthz")
	var body map[string]string
	decode(t, r, http.StatusOK, &body)
	if body["status"] != "ok" || r.contentType() != "application/json" {
		t.Errorf("healthz: %s (%s)", r.body, r.contentType())
	}

	e.store.Close()
	r = e.get(t, "/healthz")
	decode(t, r, http.StatusServiceUnavailable, &body)
	if body["status"] == "ok" {
		t.Errorf("healthz with a closed store: %s", r.body)
	}
}

func TestListOffersPaginated(t *testing.T) {
	e := newEnv(t, adminToken)
	f := e.fixture(t)
	start := time.Now().AddDate(0, 1, 0).Truncate(time.Hour)
	for i := range 25 {
		e.saveOffer(t, newOffer(f.provider.ID, f.room.ID, fmt.Sprintf("Kurs %02d", i+1), start))
	}
	draft := newOffer(f.provider.ID, f.room.ID, "Entwurf", start)
	draft.Status = catalogue.StatusDraft
	e.saveOffer(t, draft)
	other := e.saveProvider(t, newProvider("Bildungswerk Neunkirchen"))
	e.saveOffer(t, newOffer(other.ID, 0, "Kurs anderswo", start))

	var page1 listJSON[offerJSON]
	r := e.get(t, "/api/v1/offers?per_page=10")
	decode(t, r, http.StatusOK, &page1)
	if r.contentType() != "application/json" {
		t.Errorf("Content-Type %q", r.contentType())
	}
	if page1.Total != 26 || page1.Page != 1 || page1.PerPage != 10 || len(page1.Items) != 10 {
		t.Fatalf("page 1: total %d page %d per_page %d items %d", page1.Total, page1.Page, page1.PerPage, len(page1.Items))
	}
	links := strings.Join(r.header.Values("Link"), ", ")
	for _, want := range []string{
		`<` + e.base + `/api/v1/offers?page=2&per_page=10>; rel="next"`,
		`<` + e.base + `/api/v1/offers?page=3&per_page=10>; rel="last"`,
	} {
		if !strings.Contains(links, want) {
			t.Errorf("Link %q lacks %q", links, want)
		}
	}
	if strings.Contains(links, `rel="prev"`) {
		t.Errorf("page 1 has a prev link: %s", links)
	}

	for _, o := range page1.Items {
		if o.Status != catalogue.StatusPublished {
			t.Errorf("offer %d has status %s", o.ID, o.Status)
		}
		if len(o.Dates) != 2 {
			t.Fatalf("offer %d: dates %+v", o.ID, o.Dates)
		}
		if v := o.Dates[0].Venue; o.ProviderID == f.provider.ID && (v == nil || v.Name != "VHS-Zentrum" || v.URL != fmt.Sprintf("%s/lernorte/%d", e.base, f.room.ID)) {
			t.Errorf("offer %d: venue %+v", o.ID, v)
		}
		if o.Provider.Name == "" || o.Provider.URL != fmt.Sprintf("%s/anbieter/%d", e.base, o.ProviderID) {
			t.Errorf("offer %d: provider %+v", o.ID, o.Provider)
		}
		if want := fmt.Sprintf("%s/angebote/%d", e.base, o.ID); o.URL != want {
			t.Errorf("offer %d: url %q, want %q", o.ID, o.URL, want)
		}
		if d := o.Dates[0]; d.URL != fmt.Sprintf("%s/angebote/%d#termin-%d", e.base, o.ID, d.ID) {
			t.Errorf("date url %q", d.URL)
		}
	}
	// The url of an item is its page.
	first := page1.Items[0]
	page := e.get(t, first.URL)
	if page.status != http.StatusOK || page.contentType() != "text/html; charset=utf-8" {
		t.Fatalf("GET %s: %d %s", first.URL, page.status, page.contentType())
	}
	mustContain(t, page.body, "<h1>"+html.EscapeString(first.Title)+"</h1>")

	var page3 listJSON[offerJSON]
	r = e.get(t, "/api/v1/offers?per_page=10&page=3")
	decode(t, r, http.StatusOK, &page3)
	if page3.Page != 3 || len(page3.Items) != 6 {
		t.Errorf("page 3: page %d, %d items", page3.Page, len(page3.Items))
	}
	if links := strings.Join(r.header.Values("Link"), ", "); strings.Contains(links, `rel="next"`) || !strings.Contains(links, `page=2&per_page=10>; rel="prev"`) {
		t.Errorf("page 3 links: %s", links)
	}
	seen := map[int64]bool{}
	for _, o := range append(page1.Items, page3.Items...) {
		if seen[o.ID] {
			t.Errorf("offer %d on two pages", o.ID)
		}
		seen[o.ID] = true
	}

	var mine listJSON[offerJSON]
	decode(t, e.get(t, fmt.Sprintf("/api/v1/offers?provider_id=%d", other.ID)), http.StatusOK, &mine)
	if mine.Total != 1 || len(mine.Items) != 1 || mine.Items[0].Title != "Kurs anderswo" || mine.PerPage != 20 {
		t.Errorf("provider filter: %+v", mine)
	}
}

func TestOfferStatusNeedsAdmin(t *testing.T) {
	e := newEnv(t, adminToken)
	f := e.fixture(t)
	o := newOffer(f.provider.ID, f.room.ID, "Noch geheim", time.Now().AddDate(0, 1, 0))
	o.Status = catalogue.StatusDraft
	e.saveOffer(t, o)

	p := decodeProblem(t, e.get(t, fmt.Sprintf("/api/v1/offers/%d", o.ID)), http.StatusNotFound)
	if p.Detail == "" {
		t.Error("404 without detail")
	}
	var got offerJSON
	decode(t, e.do(t, http.MethodGet, fmt.Sprintf("/api/v1/offers/%d", o.ID), adminToken, nil), http.StatusOK, &got)
	if got.Title != "Noch geheim" || got.Status != catalogue.StatusDraft {
		t.Errorf("admin GET: %+v", got)
	}

	r := e.get(t, "/api/v1/offers?status=draft")
	decodeProblem(t, r, http.StatusUnauthorized)
	if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("WWW-Authenticate %q", r.header.Get("WWW-Authenticate"))
	}
	decodeProblem(t, e.do(t, http.MethodGet, "/api/v1/offers?status=draft", "wrong-token", nil), http.StatusUnauthorized)
	var drafts listJSON[offerJSON]
	decode(t, e.do(t, http.MethodGet, "/api/v1/offers?status=draft", adminToken, nil), http.StatusOK, &drafts)
	if drafts.Total != 1 || drafts.Items[0].ID != o.ID {
		t.Errorf("drafts: %+v", drafts)
	}
	p = decodeProblem(t, e.get(t, "/api/v1/offers?status=secret"), http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Location != "query.status" {
		t.Errorf("status=secret: %+v", p)
	}
}

func TestGetUnknownIsProblem(t *testing.T) {
	e := newEnv(t, "")
	for _, path := range []string{"/api/v1/offers/4711", "/api/v1/providers/4711", "/api/v1/venues/4711", "/api/v1/vocabularies/colours", "/api/v1/nothing-here"} {
		p := decodeProblem(t, e.get(t, path), http.StatusNotFound)
		if p.Detail == "" {
			t.Errorf("%s: problem without detail", path)
		}
	}
	p := decodeProblem(t, e.get(t, "/api/v1/offers/abc"), http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Location != "path.id" {
		t.Errorf("offers/abc: %+v", p)
	}
	r := e.do(t, http.MethodDelete, "/api/v1/offers/1", "", nil)
	decodeProblem(t, r, http.StatusMethodNotAllowed)
	if allow := r.header.Get("Allow"); !strings.Contains(allow, "GET") || !strings.Contains(allow, "PUT") {
		t.Errorf("Allow %q", allow)
	}
}

func TestPaginationParameters(t *testing.T) {
	e := newEnv(t, "")
	for _, tc := range []struct {
		query, location, code string
	}{
		{"page=0", "query.page", "too_small"},
		{"per_page=1000", "query.per_page", "too_large"},
		{"per_page=0", "query.per_page", "too_small"},
		{"page=zwei", "query.page", "invalid_type"},
	} {
		for _, list := range []string{"offers", "providers", "venues", "dates"} {
			path := "/api/v1/" + list + "?" + tc.query
			r := e.get(t, path)
			if r.status != http.StatusBadRequest && r.status != http.StatusUnprocessableEntity {
				t.Errorf("%s: status %d", path, r.status)
				continue
			}
			p := decodeProblem(t, r, r.status)
			if len(p.Errors) != 1 || p.Errors[0].Location != tc.location || p.Errors[0].Code != tc.code ||
				p.Errors[0].Message == "" || p.Errors[0].MessageEN == "" {
				t.Errorf("%s: errors %+v", path, p.Errors)
			}
		}
	}
	p := decodeProblem(t, e.get(t, "/api/v1/offers?per_page=1000"), http.StatusUnprocessableEntity)
	if m := p.Errors[0].Message; m != "Bitte eine Zahl bis 100 angeben." {
		t.Errorf("German message %q", m)
	}
}

func TestProvidersVenuesDatesVocabularies(t *testing.T) {
	e := newEnv(t, "")
	f := e.fixture(t)
	e.saveProvider(t, newProvider("Arbeitskammer des Saarlandes"))
	soon := time.Now().AddDate(0, 0, 10).Truncate(time.Hour)
	later := newOffer(f.provider.ID, f.room.ID, "Später", soon.AddDate(0, 0, 1))
	e.saveOffer(t, later)
	earlier := newOffer(f.provider.ID, f.library.ID, "Früher", soon)
	earlier.Dates = earlier.Dates[:1]
	e.saveOffer(t, earlier)
	past := newOffer(f.provider.ID, f.room.ID, "Vorbei", time.Now().AddDate(0, 0, -20))
	past.Dates = append(past.Dates, catalogue.Date{StartKind: catalogue.StartFixed, Start: &soon})
	e.saveOffer(t, past)
	hidden := newOffer(f.provider.ID, f.room.ID, "Entwurf", soon)
	hidden.Status = catalogue.StatusDraft
	e.saveOffer(t, hidden)

	type providerJSON struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
		Kind string `json:"kind"`
		URL  string `json:"url"`
	}
	var providers listJSON[providerJSON]
	decode(t, e.get(t, "/api/v1/providers"), http.StatusOK, &providers)
	if providers.Total != 2 || len(providers.Items) != 2 || providers.Items[0].Name != "Arbeitskammer des Saarlandes" {
		t.Errorf("providers: %+v", providers)
	}
	var provider providerJSON
	decode(t, e.get(t, fmt.Sprintf("/api/v1/providers/%d", f.provider.ID)), http.StatusOK, &provider)
	if provider.Name != "VHS Saarbrücken" || provider.URL != fmt.Sprintf("%s/anbieter/%d", e.base, f.provider.ID) {
		t.Errorf("provider: %+v", provider)
	}
	p := decodeProblem(t, e.get(t, "/api/v1/providers?kind=castle"), http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Location != "query.kind" || p.Errors[0].Code != "unknown_code" {
		t.Errorf("kind=castle: %+v", p)
	}
	decode(t, e.get(t, "/api/v1/providers?kind=chamber"), http.StatusOK, &providers)
	if providers.Total != 0 {
		t.Errorf("kind=chamber: %+v", providers)
	}

	type venueJSON struct {
		ID            int64  `json:"id"`
		Name          string `json:"name"`
		LearningPlace bool   `json:"learning_place"`
		URL           string `json:"url"`
	}
	var venues listJSON[venueJSON]
	decode(t, e.get(t, "/api/v1/venues"), http.StatusOK, &venues)
	if venues.Total != 2 {
		t.Errorf("venues: %+v", venues)
	}
	decode(t, e.get(t, "/api/v1/venues?learning_places=true"), http.StatusOK, &venues)
	if venues.Total != 1 || venues.Items[0].ID != f.library.ID || !venues.Items[0].LearningPlace {
		t.Errorf("learning places: %+v", venues)
	}
	var venue venueJSON
	decode(t, e.get(t, fmt.Sprintf("/api/v1/venues/%d", f.room.ID)), http.StatusOK, &venue)
	if venue.Name != "VHS-Zentrum" || venue.LearningPlace || venue.URL != fmt.Sprintf("%s/lernorte/%d", e.base, f.room.ID) {
		t.Errorf("venue: %+v", venue)
	}

	var dates listJSON[dateJSON]
	decode(t, e.get(t, "/api/v1/dates"), http.StatusOK, &dates)
	// Früher, Vorbei's future date, Später's two dates; not the past one, not the draft's.
	if dates.Total != 4 || len(dates.Items) != 4 {
		t.Fatalf("dates: total %d, %d items", dates.Total, len(dates.Items))
	}
	for i, d := range dates.Items {
		if i > 0 && d.Start.Before(*dates.Items[i-1].Start) {
			t.Errorf("dates not by start: %v before %v", d.Start, dates.Items[i-1].Start)
		}
		if d.OfferTitle == "" || d.OfferURL != fmt.Sprintf("%s/angebote/%d", e.base, d.OfferID) || d.URL == "" {
			t.Errorf("date %d: %+v", d.ID, d)
		}
		if d.OfferTitle == "Entwurf" {
			t.Error("a draft's date is listed")
		}
	}
	if d := dates.Items[0]; d.OfferTitle != "Früher" || d.Venue == nil || d.Venue.Name != "Stadtbibliothek Saarbrücken" || d.Venue.URL == "" {
		t.Errorf("first date: %+v", d)
	}
	decode(t, e.get(t, "/api/v1/dates?from=2000-01-01T00:00:00Z"), http.StatusOK, &dates)
	if dates.Total != 6 {
		t.Errorf("dates from 2000: total %d", dates.Total)
	}
	decode(t, e.get(t, fmt.Sprintf("/api/v1/dates?offer_id=%d", later.ID)), http.StatusOK, &dates)
	if dates.Total != 2 {
		t.Errorf("dates of one offer: total %d", dates.Total)
	}

	type term struct{ Code, DE, EN string }
	type vocabulary struct {
		Name  string `json:"name"`
		Terms []term `json:"terms"`
	}
	var vocabularies struct {
		Total int          `json:"total"`
		Items []vocabulary `json:"items"`
	}
	decode(t, e.get(t, "/api/v1/vocabularies"), http.StatusOK, &vocabularies)
	names := make([]string, len(vocabularies.Items))
	for i, v := range vocabularies.Items {
		names[i] = v.Name
	}
	if vocabularies.Total != len(catalogue.VocabularyNames()) || !slices.Equal(names, catalogue.VocabularyNames()) {
		t.Errorf("vocabularies: %v", names)
	}
	var topic vocabulary
	decode(t, e.get(t, "/api/v1/vocabularies/topic"), http.StatusOK, &topic)
	if i := slices.IndexFunc(topic.Terms, func(x term) bool { return x.Code == "it" }); topic.Name != "topic" || i < 0 || topic.Terms[i].DE != "IT und EDV" {
		t.Errorf("topic: %+v", topic)
	}
	for _, term := range topic.Terms {
		if term.Code == "" || term.DE == "" || term.EN == "" {
			t.Errorf("term without labels: %+v", term)
		}
	}
}

// validOfferBody is an offer as a client posts it.
func validOfferBody(providerID, venueID int64, title string) map[string]any {
	start := time.Now().AddDate(0, 2, 0).Truncate(time.Hour)
	return map[string]any{
		"provider_id": providerID,
		"title":       title,
		"status":      "published",
		"topics":      []string{"languages"},
		"price":       map[string]any{"amount_cents": 9900},
		"dates": []map[string]any{{
			"start_kind": "fixed",
			"start":      start.Format(time.RFC3339),
			"end":        start.Add(2 * time.Hour).Format(time.RFC3339),
			"venue_id":   venueID,
		}},
	}
}

func TestCreateOffer(t *testing.T) {
	e := newEnv(t, adminToken)
	f := e.fixture(t)
	body := validOfferBody(f.provider.ID, f.room.ID, "Englisch für den Beruf")

	r := e.do(t, http.MethodPost, "/api/v1/offers", "", body)
	decodeProblem(t, r, http.StatusUnauthorized)
	if r.header.Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}
	r = e.do(t, http.MethodPost, "/api/v1/offers", "not-the-token", body)
	decodeProblem(t, r, http.StatusUnauthorized)
	if !strings.Contains(r.header.Get("WWW-Authenticate"), "invalid_token") {
		t.Errorf("WWW-Authenticate %q", r.header.Get("WWW-Authenticate"))
	}
	// Without a token even an invalid body is answered with 401 only.
	decodeProblem(t, e.do(t, http.MethodPost, "/api/v1/offers", "", map[string]any{"title": 5}), http.StatusUnauthorized)

	var created offerJSON
	r = e.do(t, http.MethodPost, "/api/v1/offers", adminToken, body)
	decode(t, r, http.StatusCreated, &created)
	if created.ID == 0 || created.Title != "Englisch für den Beruf" || created.Provider.Name != "VHS Saarbrücken" ||
		len(created.Dates) != 1 || created.Dates[0].Venue == nil || created.URL != fmt.Sprintf("%s/angebote/%d", e.base, created.ID) {
		t.Errorf("created: %+v", created)
	}
	if loc := r.header.Get("Location"); loc != fmt.Sprintf("%s/api/v1/offers/%d", e.base, created.ID) {
		t.Errorf("Location %q", loc)
	}

	var got offerJSON
	decode(t, e.get(t, fmt.Sprintf("/api/v1/offers/%d", created.ID)), http.StatusOK, &got)
	if got.Title != created.Title {
		t.Errorf("GET after create: %+v", got)
	}
	var list listJSON[offerJSON]
	decode(t, e.get(t, "/api/v1/offers"), http.StatusOK, &list)
	if list.Total != 1 || list.Items[0].ID != created.ID {
		t.Errorf("list after create: %+v", list)
	}
}

func TestCreateInvalidOfferSavesNothing(t *testing.T) {
	e := newEnv(t, adminToken)
	f := e.fixture(t)
	e.saveOffer(t, newOffer(f.provider.ID, f.room.ID, "Schon da", time.Now().AddDate(0, 1, 0)))
	before := countOffers(t, e)

	body := validOfferBody(f.provider.ID, f.room.ID, "")
	body["info_url"] = "www.ohne-schema.de"
	date := body["dates"].([]map[string]any)[0]
	date["start"], date["end"] = date["end"], date["start"]

	p := decodeProblem(t, e.do(t, http.MethodPost, "/api/v1/offers", adminToken, body), http.StatusUnprocessableEntity)
	want := map[string]string{
		"body.title":        "required",
		"body.info_url":     "invalid_url",
		"body.dates[0].end": "end_before_start",
	}
	if len(p.Errors) != len(want) {
		t.Errorf("got %d errors, want %d: %+v", len(p.Errors), len(want), p.Errors)
	}
	for _, fe := range p.Errors {
		if want[fe.Location] != fe.Code {
			t.Errorf("unexpected error %+v", fe)
		}
		if fe.Message == "" || fe.MessageEN == "" || fe.Message == fe.MessageEN {
			t.Errorf("error %s lacks its German and English message: %+v", fe.Location, fe)
		}
		delete(want, fe.Location)
	}
	if len(want) > 0 {
		t.Errorf("missing errors: %v", want)
	}
	for _, fe := range p.Errors {
		if fe.Code == "end_before_start" && fe.Message != "Das Ende liegt vor dem Beginn." {
			t.Errorf("German message %q", fe.Message)
		}
	}
	if after := countOffers(t, e); after != before {
		t.Errorf("offers: %d before, %d after a rejected create", before, after)
	}

	// Wrong types are caught by the schema, with the same error shape.
	p = decodeProblem(t, e.do(t, http.MethodPost, "/api/v1/offers", adminToken, map[string]any{"title": 5, "titel": "x"}), http.StatusUnprocessableEntity)
	if len(p.Errors) != 2 {
		t.Errorf("type errors: %+v", p.Errors)
	}
	for _, fe := range p.Errors {
		if fe.Location == "" || fe.Code == "" || fe.Message == "" || fe.MessageEN == "" {
			t.Errorf("type error %+v", fe)
		}
	}
	// A reference to a missing provider is a field error too.
	p = decodeProblem(t, e.do(t, http.MethodPost, "/api/v1/offers", adminToken, validOfferBody(9999, f.room.ID, "Waise")), http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Location != "body.provider_id" {
		t.Errorf("unknown provider: %+v", p.Errors)
	}
	if after := countOffers(t, e); after != before {
		t.Errorf("offers: %d before, %d after rejected creates", before, after)
	}
}

func countOffers(t *testing.T, e *env) int {
	t.Helper()
	_, n, err := e.store.Offers(context.Background(), catalogue.OfferFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestUpdateOffer(t *testing.T) {
	e := newEnv(t, adminToken)
	f := e.fixture(t)
	o := e.saveOffer(t, newOffer(f.provider.ID, f.room.ID, "Alter Titel", time.Now().AddDate(0, 1, 0)))
	path := fmt.Sprintf("/api/v1/offers/%d", o.ID)

	// A client edits what GET returned and sends it back.
	var doc map[string]any
	decode(t, e.get(t, path), http.StatusOK, &doc)
	doc["title"] = "Neuer Titel"
	doc["dates"] = doc["dates"].([]any)[:1]

	decodeProblem(t, e.do(t, http.MethodPut, path, "", doc), http.StatusUnauthorized)
	var updated offerJSON
	decode(t, e.do(t, http.MethodPut, path, adminToken, doc), http.StatusOK, &updated)
	if updated.ID != o.ID || updated.Title != "Neuer Titel" || len(updated.Dates) != 1 || updated.Dates[0].ID != o.Dates[0].ID {
		t.Errorf("updated: %+v", updated)
	}
	var got offerJSON
	decode(t, e.get(t, path), http.StatusOK, &got)
	if got.Title != "Neuer Titel" || len(got.Dates) != 1 {
		t.Errorf("GET after PUT: %+v", got)
	}

	doc["title"] = ""
	decodeProblem(t, e.do(t, http.MethodPut, path, adminToken, doc), http.StatusUnprocessableEntity)
	decode(t, e.get(t, path), http.StatusOK, &got)
	if got.Title != "Neuer Titel" {
		t.Errorf("a rejected PUT changed the title to %q", got.Title)
	}

	doc["title"] = "Irgendwas"
	decodeProblem(t, e.do(t, http.MethodPut, "/api/v1/offers/4711", adminToken, doc), http.StatusNotFound)
}

func TestCreateProviderAndVenue(t *testing.T) {
	e := newEnv(t, adminToken)
	var provider struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
		URL  string `json:"url"`
	}
	body := map[string]any{"name": "Bildungszentrum Homburg", "kind": "private_provider", "address": map[string]any{"postal_code": "66424", "city": "Homburg"}}
	decodeProblem(t, e.do(t, http.MethodPost, "/api/v1/providers", "", body), http.StatusUnauthorized)
	r := e.do(t, http.MethodPost, "/api/v1/providers", adminToken, body)
	decode(t, r, http.StatusCreated, &provider)
	if provider.ID == 0 || provider.URL != fmt.Sprintf("%s/anbieter/%d", e.base, provider.ID) || r.header.Get("Location") == "" {
		t.Errorf("provider: %+v, Location %q", provider, r.header.Get("Location"))
	}
	p := decodeProblem(t, e.do(t, http.MethodPost, "/api/v1/providers", adminToken, map[string]any{"website": "ftp://x"}), http.StatusUnprocessableEntity)
	codes := map[string]string{}
	for _, fe := range p.Errors {
		codes[fe.Location] = fe.Code
	}
	if codes["body.name"] != "required" || codes["body.kind"] != "required" || codes["body.website"] != "invalid_url" {
		t.Errorf("invalid provider: %+v", p.Errors)
	}

	var venue struct {
		ID            int64  `json:"id"`
		ProviderID    int64  `json:"provider_id"`
		LearningPlace bool   `json:"learning_place"`
		URL           string `json:"url"`
	}
	decode(t, e.do(t, http.MethodPost, "/api/v1/venues", adminToken, map[string]any{
		"provider_id": provider.ID, "name": "Lernwerkstatt", "kind": "self_learning_centre",
		"opening_hours": []map[string]any{{"day": "tu", "opens": "10:00", "closes": "16:00"}},
	}), http.StatusCreated, &venue)
	if venue.ID == 0 || venue.ProviderID != provider.ID || !venue.LearningPlace || venue.URL != fmt.Sprintf("%s/lernorte/%d", e.base, venue.ID) {
		t.Errorf("venue: %+v", venue)
	}
	p = decodeProblem(t, e.do(t, http.MethodPost, "/api/v1/venues", adminToken, map[string]any{
		"name": "Nirgendwo", "kind": "library", "opening_hours": []map[string]any{{"day": "xx", "opens": "18:00", "closes": "09:00"}},
	}), http.StatusUnprocessableEntity)
	if len(p.Errors) != 2 {
		t.Errorf("invalid venue: %+v", p.Errors)
	}
}

func TestWritesDisabledWithoutToken(t *testing.T) {
	e := newEnv(t, "")
	r := e.do(t, http.MethodPost, "/api/v1/providers", "anything", map[string]any{"name": "X", "kind": "school"})
	decodeProblem(t, r, http.StatusForbidden)
	decodeProblem(t, e.get(t, "/api/v1/offers?status=draft"), http.StatusForbidden)
}

func TestOpenAPIDocument(t *testing.T) {
	e := newEnv(t, adminToken)
	r := e.get(t, "/api/v1/openapi.json")
	var doc struct {
		OpenAPI string `json:"openapi"`
		Info    struct {
			Title   string `json:"title"`
			Version string `json:"version"`
		} `json:"info"`
		Servers []struct {
			URL string `json:"url"`
		} `json:"servers"`
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas         map[string]json.RawMessage `json:"schemas"`
			SecuritySchemes map[string]json.RawMessage `json:"securitySchemes"`
		} `json:"components"`
	}
	decode(t, r, http.StatusOK, &doc)
	if doc.OpenAPI != "3.1.0" || doc.Info.Title != "lernnetz API" || doc.Info.Version != "test" {
		t.Errorf("openapi %q, info %+v", doc.OpenAPI, doc.Info)
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != e.base+"/api/v1" {
		t.Errorf("servers: %+v", doc.Servers)
	}

	want := []string{
		"GET /api/v1/offers", "POST /api/v1/offers", "GET /api/v1/offers/{id}", "PUT /api/v1/offers/{id}",
		"GET /api/v1/dates", "GET /api/v1/providers", "POST /api/v1/providers", "GET /api/v1/providers/{id}",
		"GET /api/v1/venues", "POST /api/v1/venues", "GET /api/v1/venues/{id}",
		"GET /api/v1/vocabularies", "GET /api/v1/vocabularies/{name}",
		"GET /api/v1/changes", "POST /api/v1/imports", "GET /api/v1/feeds/offers.atom", "GET /api/v1/feeds/dates.ics", "GET /api/v1/export/{format}",
	}
	var registered []string
	for _, route := range e.web.Routes() {
		if route.OperationID == "" {
			continue
		}
		registered = append(registered, route.Method+" "+route.Pattern)
		path, ok := strings.CutPrefix(route.Pattern, "/api/v1")
		if !ok {
			t.Errorf("operation %s outside /api/v1: %s", route.OperationID, route.Pattern)
			continue
		}
		raw, ok := doc.Paths[path][strings.ToLower(route.Method)]
		if !ok {
			t.Errorf("%s %s is not in the OpenAPI document", route.Method, route.Pattern)
			continue
		}
		var op struct {
			OperationID string                     `json:"operationId"`
			Responses   map[string]json.RawMessage `json:"responses"`
			Security    []map[string][]string      `json:"security"`
		}
		if err := json.Unmarshal(raw, &op); err != nil {
			t.Fatal(err)
		}
		if op.OperationID != route.OperationID {
			t.Errorf("%s %s: operationId %q, want %q", route.Method, path, op.OperationID, route.OperationID)
		}
		if route.Method != http.MethodGet {
			if _, ok := op.Responses["401"]; !ok || len(op.Security) == 0 {
				t.Errorf("%s %s: write operation without 401 or security", route.Method, path)
			}
		}
		// Every route answers.
		if route.Method == http.MethodGet {
			p := strings.NewReplacer("{id}", "1", "{name}", "topic").Replace(route.Pattern)
			if r := e.get(t, p); r.status >= 500 {
				t.Errorf("GET %s: %d", p, r.status)
			}
		}
	}
	for _, w := range want {
		if !slices.Contains(registered, w) {
			t.Errorf("route %s is not registered", w)
		}
	}
	if len(registered) != len(want) {
		t.Errorf("registered %v, want %v", registered, want)
	}
	for _, name := range []string{"Offer", "Date", "Provider", "Venue", "Problem", "ProblemDetail", "OfferList"} {
		if _, ok := doc.Components.Schemas[name]; !ok {
			t.Errorf("schema %s missing; have %v", name, keys(doc.Components.Schemas))
		}
	}
	if _, ok := doc.Components.SecuritySchemes["adminToken"]; !ok {
		t.Error("no security scheme adminToken")
	}
	// Bodies carry no $schema links.
	if strings.Contains(string(e.get(t, "/api/v1/vocabularies/topic").body), "$schema") {
		t.Error("response carries $schema")
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
