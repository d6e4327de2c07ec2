// Package storetest is the shared suite every catalogue.Store must pass: the
// same test functions run against SQLite and PostgreSQL.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

// Opener returns a new, empty store whose clock is now.
type Opener func(t *testing.T, now func() time.Time) catalogue.Store

// Run runs the whole suite, each test on a new store.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s catalogue.Store)
	}{
		{"ProviderRoundTrip", testProviderRoundTrip},
		{"VenueRoundTrip", testVenueRoundTrip},
		{"OfferRoundTrip", testOfferRoundTrip},
		{"InvalidOfferReportsEveryError", testInvalidOfferReportsEveryError},
		{"UnknownReferencesSaveNothing", testUnknownReferencesSaveNothing},
		{"ConflictingUpdateChangesNothing", testConflictingUpdateChangesNothing},
		{"DatesAreKeptReplacedAndRemoved", testDatesKeptReplacedRemoved},
		{"DerivedFields", testDerivedFields},
		{"ListsArePagedAndFiltered", testListsPagedFiltered},
		{"DatesListByStart", testDatesList},
		{"LearningPlaces", testLearningPlaces},
		{"NotFound", testNotFound},
		{"DeleteProviderCascades", testDeleteProviderCascades},
		{"ChangeLog", testChangeLog},
		{"ConcurrentWriters", testConcurrentWriters},
		{"AtomicCommitsAllOrNothing", testAtomic},
		{"FindBySource", testFindBySource},
		{"SourceOffers", testSourceOffers},
		{"DuplicateOf", testDuplicateOf},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t, func() time.Time { return Now }))
		})
	}
	t.Run("ChangedSince", func(t *testing.T) {
		clock := NewClock(Now)
		testChangedSince(t, open(t, clock.Now), clock)
	})
}

var ctx = context.Background()

// sameJSON fails unless got and want encode to the same JSON.
func sameJSON(t *testing.T, what string, got, want any) {
	t.Helper()
	g, _ := json.MarshalIndent(got, "", " ")
	w, _ := json.MarshalIndent(want, "", " ")
	if string(g) != string(w) {
		t.Fatalf("%s differs after a round trip\n got: %s\nwant: %s", what, g, w)
	}
}

func mustSaveProvider(t *testing.T, s catalogue.Store, name string) *catalogue.Provider {
	t.Helper()
	p := NewProvider(name)
	if err := s.SaveProvider(ctx, p); err != nil {
		t.Fatalf("save provider: %v", err)
	}
	return p
}

func mustSaveVenue(t *testing.T, s catalogue.Store, providerID int64, name string) *catalogue.Venue {
	t.Helper()
	v := NewVenue(providerID, name)
	if err := s.SaveVenue(ctx, v); err != nil {
		t.Fatalf("save venue: %v", err)
	}
	return v
}

func mustSaveOffer(t *testing.T, s catalogue.Store, o *catalogue.Offer) *catalogue.Offer {
	t.Helper()
	if err := s.SaveOffer(ctx, o); err != nil {
		t.Fatalf("save offer %q: %v", o.Title, err)
	}
	return o
}

func counts(t *testing.T, s catalogue.Store) (offers, dates int) {
	t.Helper()
	_, offers, err := s.Offers(ctx, catalogue.OfferFilter{})
	if err != nil {
		t.Fatal(err)
	}
	_, dates, err = s.Dates(ctx, catalogue.DateFilter{From: &time.Time{}})
	if err != nil {
		t.Fatal(err)
	}
	return offers, dates
}

func testProviderRoundTrip(t *testing.T, s catalogue.Store) {
	p := mustSaveProvider(t, s, "Volkshochschule Regionalverband Saarbrücken")
	if p.ID == 0 || !p.CreatedAt.Equal(Now.Truncate(time.Second)) || !p.UpdatedAt.Equal(p.CreatedAt) {
		t.Fatalf("save did not set id and timestamps: id %d created %v updated %v", p.ID, p.CreatedAt, p.UpdatedAt)
	}
	got, err := s.Provider(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "provider", got, p)

	got.Name = "VHS Saarbrücken – Ökologie & Übersetzung <b>neu</b>"
	got.Geo = nil
	got.Certificates = nil
	got.CreatedAt = time.Time{} // a client that does not know it must not erase it
	if err := s.SaveProvider(ctx, got); err != nil {
		t.Fatal(err)
	}
	again, err := s.Provider(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if again.Name != got.Name || again.Geo != nil || len(again.Certificates) != 0 || !again.CreatedAt.Equal(p.CreatedAt) {
		t.Fatalf("update not stored as given: %+v", again)
	}
	sameJSON(t, "updated provider", again, got)
}

func testVenueRoundTrip(t *testing.T, s catalogue.Store) {
	p := mustSaveProvider(t, s, "Stadtbibliothek St. Ingbert")
	v := mustSaveVenue(t, s, p.ID, "Selbstlernzentrum St. Ingbert")
	got, err := s.Venue(ctx, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "venue", got, v)

	network := mustSaveVenue(t, s, 0, "Lernort des Netzwerks")
	got, err = s.Venue(ctx, network.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ProviderID != 0 {
		t.Fatalf("network venue got provider %d", got.ProviderID)
	}
}

func testOfferRoundTrip(t *testing.T, s catalogue.Store) {
	p := mustSaveProvider(t, s, "VHS Saarbrücken")
	v := mustSaveVenue(t, s, p.ID, "VHS-Zentrum am Schlossplatz")
	o := mustSaveOffer(t, s, NewOffer(p.ID, v.ID, "Französisch im Beruf B1 – „Parler au travail“"))
	if o.ID == 0 || o.Dates[0].ID == 0 || o.Dates[2].OfferID != o.ID {
		t.Fatalf("save did not set ids: offer %d, dates %+v", o.ID, o.Dates)
	}
	got, err := s.Offer(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := *o
	want.Provider = &catalogue.ProviderRef{ID: p.ID, Name: p.Name}
	want.Dates = append([]catalogue.Date(nil), o.Dates...)
	want.Dates[0].Venue, want.Dates[1].Venue = v, v
	sameJSON(t, "offer", got, &want)
	if got.Dates[0].Start.Location() != catalogue.Berlin || got.Dates[0].Start.Hour() != 18 {
		t.Fatalf("start not given back in Berlin time: %v", got.Dates[0].Start)
	}
}

func testInvalidOfferReportsEveryError(t *testing.T, s catalogue.Store) {
	p := mustSaveProvider(t, s, "VHS")
	o := NewOffer(p.ID, 0, "")
	o.Title = "   "
	o.DeliveryModes = []string{"classroom", "telepathy"}
	o.InfoURL = "www.vhs.example"
	o.Price.Currency = "Euro"
	o.Dates[0].End = at(2027, 1, 1, 0, 0) // before its start
	o.Dates[1].SeatsMin, o.Dates[1].SeatsMax = 20, 10
	o.Contacts[0].Email = "kurse(at)vhs.example"
	err := s.SaveOffer(ctx, o)
	var ve *catalogue.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want a validation error, got %v", err)
	}
	want := map[string]string{
		"title": "required", "delivery_modes[1]": "unknown_code", "info_url": "invalid_url",
		"price.currency": "invalid_format", "dates[0].end": "end_before_start",
		"dates[1].seats_min": "min_above_max", "contacts[0].email": "invalid_email",
	}
	for field, code := range want {
		if !ve.Has(field, code) {
			t.Errorf("missing error %s on %s; got %v", code, field, ve.Errors)
		}
	}
	if len(ve.Errors) != len(want) {
		t.Errorf("want %d errors, got %d: %v", len(want), len(ve.Errors), ve.Errors)
	}
	for _, fe := range ve.Errors {
		if fe.Message("de") == fe.Code || fe.Message("en") == fe.Code {
			t.Errorf("error %s on %s has no message", fe.Code, fe.Field)
		}
	}
	if offers, dates := counts(t, s); offers != 0 || dates != 0 {
		t.Fatalf("an invalid offer left %d offers and %d dates", offers, dates)
	}
}

func testUnknownReferencesSaveNothing(t *testing.T, s catalogue.Store) {
	p := mustSaveProvider(t, s, "VHS")
	v := mustSaveVenue(t, s, p.ID, "Raum")
	o := NewOffer(p.ID, v.ID, "Englisch A2")
	o.Dates[1].VenueID = v.ID + 1000
	err := s.SaveOffer(ctx, o)
	var ve *catalogue.ValidationError
	if !errors.As(err, &ve) || !ve.Has("dates[1].venue_id", "unknown_venue") {
		t.Fatalf("want unknown_venue on dates[1].venue_id, got %v", err)
	}
	if offers, dates := counts(t, s); offers != 0 || dates != 0 {
		t.Fatalf("a rejected offer left %d offers and %d dates", offers, dates)
	}

	// An update that fails keeps the stored offer as it was.
	o = mustSaveOffer(t, s, NewOffer(p.ID, v.ID, "Englisch A2"))
	changed := *o
	changed.Title = "Englisch B1"
	changed.Dates = []catalogue.Date{o.Dates[0], {StartKind: catalogue.StartFixed, Start: at(2027, 5, 1, 9, 0), VenueID: 999999}}
	if err := s.SaveOffer(ctx, &changed); !errors.As(err, &ve) {
		t.Fatalf("want a validation error, got %v", err)
	}
	got, err := s.Offer(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Englisch A2" || len(got.Dates) != 3 {
		t.Fatalf("a rejected update changed the offer: %q with %d dates", got.Title, len(got.Dates))
	}

	bad := NewOffer(p.ID+1000, 0, "Ohne Anbieter")
	bad.Dates = bad.Dates[2:]
	if err := s.SaveOffer(ctx, bad); !errors.As(err, &ve) || !ve.Has("provider_id", "unknown_provider") {
		t.Fatalf("want unknown_provider, got %v", err)
	}
}

func testConflictingUpdateChangesNothing(t *testing.T, s catalogue.Store) {
	p := mustSaveProvider(t, s, "VHS")
	a := mustSaveOffer(t, s, NewOffer(p.ID, 0, "Kurs A"))
	b := mustSaveOffer(t, s, NewOffer(p.ID, 0, "Kurs B"))
	dup := NewOffer(p.ID, 0, "Kurs A2")
	dup.Provenance.SourceID = a.Provenance.SourceID
	if err := s.SaveOffer(ctx, dup); !errors.Is(err, catalogue.ErrConflict) {
		t.Fatalf("want ErrConflict for a second offer with the same source id, got %v", err)
	}
	changed := *b
	changed.Title = "Kurs B, neu"
	changed.Provenance.SourceID = a.Provenance.SourceID
	changed.Dates = changed.Dates[:1]
	if err := s.SaveOffer(ctx, &changed); !errors.Is(err, catalogue.ErrConflict) {
		t.Fatalf("want ErrConflict, got %v", err)
	}
	got, err := s.Offer(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "Kurs B" || len(got.Dates) != 3 {
		t.Fatalf("a failed update was half applied: %q with %d dates", got.Title, len(got.Dates))
	}
	if offers, dates := counts(t, s); offers != 2 || dates != 6 {
		t.Fatalf("want 2 offers and 6 dates, got %d and %d", offers, dates)
	}
	// The same source id is fine for another provider.
	q := mustSaveProvider(t, s, "Andere VHS")
	other := NewOffer(q.ID, 0, "Kurs A")
	other.Provenance.SourceID = a.Provenance.SourceID
	mustSaveOffer(t, s, other)
}

func testDatesKeptReplacedRemoved(t *testing.T, s catalogue.Store) {
	p := mustSaveProvider(t, s, "VHS")
	o := mustSaveOffer(t, s, NewOffer(p.ID, 0, "Excel für Einsteiger*innen"))
	keep, drop := o.Dates[0], o.Dates[1]
	keep.TimeDescription = "neu: mittwochs"
	o.Dates = []catalogue.Date{{StartKind: catalogue.StartRolling, TimeDescription: "jeden Montag"}, keep}
	mustSaveOffer(t, s, o)
	got, err := s.Offer(ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Dates) != 2 {
		t.Fatalf("want 2 dates, got %d", len(got.Dates))
	}
	if got.Dates[1].ID != keep.ID || got.Dates[1].TimeDescription != "neu: mittwochs" {
		t.Fatalf("kept date lost its id or change: %+v", got.Dates[1])
	}
	if got.Dates[0].StartKind != catalogue.StartRolling || got.Dates[0].ID == 0 {
		t.Fatalf("new date not first: %+v", got.Dates[0])
	}
	for _, d := range got.Dates {
		if d.ID == drop.ID {
			t.Fatalf("removed date %d still there", drop.ID)
		}
	}
	// A date of another offer cannot be taken over.
	other := mustSaveOffer(t, s, NewOffer(p.ID, 0, "Word"))
	o.Dates = []catalogue.Date{other.Dates[0]}
	var ve *catalogue.ValidationError
	if err := s.SaveOffer(ctx, o); !errors.As(err, &ve) || !ve.Has("dates[0].id", "unknown_date") {
		t.Fatalf("want unknown_date, got %v", err)
	}
}

func testDerivedFields(t *testing.T, s catalogue.Store) {
	p := mustSaveProvider(t, s, "VHS")
	past := NewOffer(p.ID, 0, "Vergangener Kurs")
	past.Dates = []catalogue.Date{{StartKind: catalogue.StartFixed, Start: at(2026, 10, 1, 9, 0), End: at(2026, 11, 26, 16, 0)}}
	mustSaveOffer(t, s, past)
	if past.Status != catalogue.StatusExpired {
		t.Fatalf("an offer whose dates are all past must be expired, is %s", past.Status)
	}
	// A date that ends today is not over yet.
	today := NewOffer(p.ID, 0, "Endet heute")
	today.Dates = []catalogue.Date{{StartKind: catalogue.StartFixed, Start: at(2026, 11, 27, 8, 0), End: at(2026, 11, 27, 9, 0)}}
	mustSaveOffer(t, s, today)
	if today.Status != catalogue.StatusPublished || today.Dates[0].DayTime != "morning" {
		t.Fatalf("today: status %s, day time %q", today.Status, today.Dates[0].DayTime)
	}
	// Adding a future date revives an expired offer.
	past.Dates = append(past.Dates, catalogue.Date{StartKind: catalogue.StartFixed, Start: at(2027, 2, 1, 14, 0)})
	mustSaveOffer(t, s, past)
	got, err := s.Offer(ctx, past.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != catalogue.StatusPublished {
		t.Fatalf("offer with a future date is %s", got.Status)
	}
	wantDayTimes := []string{"full_day", "afternoon"}
	for i, w := range wantDayTimes {
		if got.Dates[i].DayTime != w {
			t.Errorf("date %d: day time %q, want %q", i, got.Dates[i].DayTime, w)
		}
	}
	v := mustSaveVenue(t, s, p.ID, "Raum")
	full := NewOffer(p.ID, v.ID, "Vollständig")
	mustSaveOffer(t, s, full)
	sparse := &catalogue.Offer{ProviderID: p.ID, Title: "Nur ein Titel"}
	mustSaveOffer(t, s, sparse)
	if full.Completeness != 100 || sparse.Completeness != 0 || sparse.Status != catalogue.StatusDraft {
		t.Fatalf("completeness full %d sparse %d, sparse status %s", full.Completeness, sparse.Completeness, sparse.Status)
	}
	got, _ = s.Offer(ctx, full.ID)
	if got.Completeness != 100 {
		t.Fatalf("stored completeness %d", got.Completeness)
	}
}

func testListsPagedFiltered(t *testing.T, s catalogue.Store) {
	a := mustSaveProvider(t, s, "Anbieter A")
	b := mustSaveProvider(t, s, "Anbieter B")
	for i := range 25 {
		pid := a.ID
		if i%5 == 0 {
			pid = b.ID
		}
		o := NewOffer(pid, 0, fmt.Sprintf("Kurs %02d", i))
		if i == 24 {
			o.Status = catalogue.StatusDraft
		}
		mustSaveOffer(t, s, o)
	}
	page, total, err := s.Offers(ctx, catalogue.OfferFilter{Page: catalogue.Page{Limit: 10, Offset: 10}})
	if err != nil {
		t.Fatal(err)
	}
	if total != 25 || len(page) != 10 || page[0].Title != "Kurs 14" || len(page[0].Dates) != 3 || page[0].Provider.Name != "Anbieter A" {
		t.Fatalf("page 2: total %d, %d items, first %q", total, len(page), page[0].Title)
	}
	_, total, _ = s.Offers(ctx, catalogue.OfferFilter{ProviderID: b.ID})
	if total != 5 {
		t.Fatalf("provider B has %d offers, want 5", total)
	}
	_, total, _ = s.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusPublished})
	if total != 24 {
		t.Fatalf("%d published offers, want 24", total)
	}
	// Walking the catalogue by id, oldest first, without counting.
	var walked []int64
	for after := int64(0); ; {
		batch, n, err := s.Offers(ctx, catalogue.OfferFilter{Ascending: true, AfterID: after, SkipTotal: true, Page: catalogue.Page{Limit: 7}})
		if err != nil || n != -1 {
			t.Fatalf("walk: %v, total %d", err, n)
		}
		if len(batch) == 0 {
			break
		}
		for _, o := range batch {
			walked = append(walked, o.ID)
		}
		after = batch[len(batch)-1].ID
	}
	if len(walked) != 25 || walked[0] > walked[24] {
		t.Fatalf("walked %d offers: %v", len(walked), walked)
	}
	some, total, err := s.Offers(ctx, catalogue.OfferFilter{IDs: []int64{walked[3], walked[1], 999999}})
	if err != nil || total != 2 || len(some) != 2 || len(some[0].Dates) != 3 {
		t.Fatalf("by ids: %v, %d", err, total)
	}
	providers, total, err := s.Providers(ctx, catalogue.ProviderFilter{Page: catalogue.Page{Limit: 1, Offset: 1}})
	if err != nil || total != 2 || len(providers) != 1 || providers[0].Name != "Anbieter B" {
		t.Fatalf("providers page: %v %d %v", err, total, providers)
	}
	_, total, _ = s.Providers(ctx, catalogue.ProviderFilter{Kind: "university"})
	if total != 0 {
		t.Fatalf("%d universities, want 0", total)
	}
}

func testDatesList(t *testing.T, s catalogue.Store) {
	p := mustSaveProvider(t, s, "VHS")
	v := mustSaveVenue(t, s, p.ID, "Raum")
	o := NewOffer(p.ID, v.ID, "Erste Hilfe")
	o.Dates = append(o.Dates, catalogue.Date{StartKind: catalogue.StartFixed, Start: at(2026, 12, 5, 9, 0)})
	mustSaveOffer(t, s, o)
	draft := NewOffer(p.ID, 0, "Entwurf")
	draft.Status = catalogue.StatusDraft
	mustSaveOffer(t, s, draft)

	dates, total, err := s.Dates(ctx, catalogue.DateFilter{Status: catalogue.StatusPublished})
	if err != nil {
		t.Fatal(err)
	}
	if total != 4 || len(dates) != 4 {
		t.Fatalf("want 4 dates of published offers, got %d", total)
	}
	if !dates[0].Start.Equal(*at(2026, 12, 5, 9, 0)) || dates[3].Start != nil || dates[0].OfferTitle != "Erste Hilfe" {
		t.Fatalf("dates not by start with undated last: first %v %q, last %v", dates[0].Start, dates[0].OfferTitle, dates[3].Start)
	}
	if dates[1].Venue == nil || dates[1].Venue.Name != "Raum" {
		t.Fatalf("date without its venue: %+v", dates[1])
	}
	from := at(2027, 4, 1, 0, 0)
	_, total, _ = s.Dates(ctx, catalogue.DateFilter{OfferID: o.ID, From: from})
	if total != 2 { // September and on request
		t.Fatalf("dates from April: %d, want 2", total)
	}
}

func testLearningPlaces(t *testing.T, s catalogue.Store) {
	p := mustSaveProvider(t, s, "VHS")
	mustSaveVenue(t, s, 0, "Selbstlernzentrum Merzig")
	room := NewVenue(p.ID, "Kursraum 1")
	room.Kind = "classroom"
	if err := s.SaveVenue(ctx, room); err != nil {
		t.Fatal(err)
	}
	all, total, err := s.Venues(ctx, catalogue.VenueFilter{})
	if err != nil || total != 2 || len(all) != 2 {
		t.Fatalf("venues: %v, %d", err, total)
	}
	places, total, _ := s.Venues(ctx, catalogue.VenueFilter{LearningPlaces: true})
	if total != 1 || places[0].Name != "Selbstlernzentrum Merzig" {
		t.Fatalf("learning places: %d", total)
	}
	_, total, _ = s.Venues(ctx, catalogue.VenueFilter{ProviderID: p.ID})
	if total != 1 {
		t.Fatalf("venues of provider: %d", total)
	}
	bad := NewVenue(p.ID+99, "")
	var ve *catalogue.ValidationError
	if err := s.SaveVenue(ctx, bad); !errors.As(err, &ve) || !ve.Has("name", "required") {
		t.Fatalf("want name required, got %v", err)
	}
	bad.Name = "Ort"
	if err := s.SaveVenue(ctx, bad); !errors.As(err, &ve) || !ve.Has("provider_id", "unknown_provider") {
		t.Fatalf("want unknown_provider, got %v", err)
	}
}

func testNotFound(t *testing.T, s catalogue.Store) {
	if _, err := s.Offer(ctx, 4711); !errors.Is(err, catalogue.ErrNotFound) {
		t.Errorf("offer: %v", err)
	}
	if _, err := s.Provider(ctx, 4711); !errors.Is(err, catalogue.ErrNotFound) {
		t.Errorf("provider: %v", err)
	}
	if _, err := s.Venue(ctx, 4711); !errors.Is(err, catalogue.ErrNotFound) {
		t.Errorf("venue: %v", err)
	}
	p := mustSaveProvider(t, s, "VHS")
	o := NewOffer(p.ID, 0, "Geist")
	o.ID = 4711
	if err := s.SaveOffer(ctx, o); !errors.Is(err, catalogue.ErrNotFound) {
		t.Errorf("update of a missing offer: %v", err)
	}
	p.ID = 4711
	if err := s.SaveProvider(ctx, p); !errors.Is(err, catalogue.ErrNotFound) {
		t.Errorf("update of a missing provider: %v", err)
	}
	if err := s.DeleteOffer(ctx, 4711); !errors.Is(err, catalogue.ErrNotFound) {
		t.Errorf("delete of a missing offer: %v", err)
	}
}

func testDeleteProviderCascades(t *testing.T, s catalogue.Store) {
	p := mustSaveProvider(t, s, "VHS")
	v := mustSaveVenue(t, s, p.ID, "Raum")
	keep := mustSaveProvider(t, s, "Bleibt")
	mustSaveOffer(t, s, NewOffer(p.ID, v.ID, "Weg"))
	kept := mustSaveOffer(t, s, NewOffer(keep.ID, v.ID, "Bleibt"))
	if err := s.DeleteProvider(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if offers, dates := counts(t, s); offers != 1 || dates != 3 {
		t.Fatalf("after delete: %d offers, %d dates", offers, dates)
	}
	if _, err := s.Venue(ctx, v.ID); !errors.Is(err, catalogue.ErrNotFound) {
		t.Fatalf("venue of deleted provider: %v", err)
	}
	got, err := s.Offer(ctx, kept.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Dates[0].VenueID != 0 || got.Dates[0].Venue != nil {
		t.Fatalf("date still points at the deleted venue: %+v", got.Dates[0])
	}
}

func testChangeLog(t *testing.T, s catalogue.Store) {
	p := mustSaveProvider(t, s, "VHS")
	o := mustSaveOffer(t, s, NewOffer(p.ID, 0, "Kurs"))
	if err := s.DeleteOffer(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	changes, err := s.Changes(ctx, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"provider save", "offer save", "offer delete"}
	if len(changes) != len(want) {
		t.Fatalf("want %d changes, got %+v", len(want), changes)
	}
	for i, c := range changes {
		if got := c.Entity + " " + c.Op; got != want[i] || (i > 0 && c.Seq <= changes[i-1].Seq) || !c.At.Equal(Now.Truncate(time.Second)) {
			t.Errorf("change %d: %+v, want %s", i, c, want[i])
		}
	}
	rest, _ := s.Changes(ctx, changes[1].Seq, 10)
	if len(rest) != 1 || rest[0].Op != "delete" {
		t.Fatalf("changes after %d: %+v", changes[1].Seq, rest)
	}
}

func testConcurrentWriters(t *testing.T, s catalogue.Store) {
	p := mustSaveProvider(t, s, "VHS")
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				if err := s.SaveOffer(ctx, NewOffer(p.ID, 0, fmt.Sprintf("Kurs %d-%d", w, i))); err != nil {
					errs <- err
				}
				if _, _, err := s.Offers(ctx, catalogue.OfferFilter{}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if offers, _ := counts(t, s); offers != 40 {
		t.Fatalf("want 40 offers, got %d", offers)
	}
}

func testAtomic(t *testing.T, s catalogue.Store) {
	failure := errors.New("import broke off")
	err := s.Atomic(ctx, func(tx catalogue.Store) error {
		p := NewProvider("Teil eines Stapels")
		if err := tx.SaveProvider(ctx, p); err != nil {
			return err
		}
		if err := tx.SaveOffer(ctx, NewOffer(p.ID, 0, "Kurs im Stapel")); err != nil {
			return err
		}
		// Reads inside see the batch's own writes.
		if _, n, err := tx.Offers(ctx, catalogue.OfferFilter{}); err != nil || n != 1 {
			t.Errorf("inside the batch: %d offers, %v", n, err)
		}
		return failure
	})
	if !errors.Is(err, failure) {
		t.Fatalf("Atomic returned %v", err)
	}
	if offers, _ := counts(t, s); offers != 0 {
		t.Fatalf("a failed batch left %d offers", offers)
	}
	if _, n, _ := s.Providers(ctx, catalogue.ProviderFilter{}); n != 0 {
		t.Fatalf("a failed batch left %d providers", n)
	}
	func() {
		defer func() { recover() }()
		s.Atomic(ctx, func(tx catalogue.Store) error {
			mustSaveProvider(t, tx, "Vor der Panik")
			panic("crash mid-batch")
		})
	}()
	if _, n, _ := s.Providers(ctx, catalogue.ProviderFilter{}); n != 0 {
		t.Fatalf("a batch that panicked left %d providers", n)
	}
	err = s.Atomic(ctx, func(tx catalogue.Store) error {
		p := mustSaveProvider(t, tx, "Ganzer Stapel")
		mustSaveOffer(t, tx, NewOffer(p.ID, 0, "Kurs 1"))
		mustSaveOffer(t, tx, NewOffer(p.ID, 0, "Kurs 2"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if offers, dates := counts(t, s); offers != 2 || dates != 6 {
		t.Fatalf("a committed batch: %d offers, %d dates", offers, dates)
	}
}
