package search

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/geo"
)

// offerBuilder makes offers for pure index tests (no store).
type offerBuilder struct {
	now     time.Time
	offers  []*catalogue.Offer
	dateSeq int64
	venues  map[string]*catalogue.Venue
}

func newOfferBuilder(now time.Time) *offerBuilder {
	return &offerBuilder{now: now, venues: map[string]*catalogue.Venue{}}
}

// venue returns a venue at lat, lon (named for reuse).
func (b *offerBuilder) venue(name string, lat, lon float64, stepFree bool) *catalogue.Venue {
	v := &catalogue.Venue{ID: int64(len(b.venues) + 1), Name: name, Kind: "classroom",
		Address: catalogue.Address{City: name}, Geo: &catalogue.Geo{Lat: lat, Lon: lon}}
	if stepFree {
		v.Accessibility = []string{"step_free"}
	}
	b.venues[name] = v
	return v
}

// fixed returns a fixed date starting days after now at hour, lasting 1 day.
func (b *offerBuilder) fixed(days, hour int, v *catalogue.Venue, patterns ...string) catalogue.Date {
	s := time.Date(b.now.Year(), b.now.Month(), b.now.Day()+days, hour, 0, 0, 0, catalogue.Berlin)
	e := s.Add(3 * time.Hour)
	d := catalogue.Date{StartKind: catalogue.StartFixed, Start: &s, End: &e, TimePatterns: patterns}
	if v != nil {
		d.VenueID, d.Venue = v.ID, v
	}
	return d
}

func (b *offerBuilder) add(title string, edit func(*catalogue.Offer), dates ...catalogue.Date) *catalogue.Offer {
	o := &catalogue.Offer{ID: int64(len(b.offers) + 1), ProviderID: 1, Provider: &catalogue.ProviderRef{ID: 1, Name: "Anbieter"},
		Title: title, Status: catalogue.StatusPublished, Languages: []string{"de"}, DeliveryModes: []string{"classroom"}}
	for _, d := range dates {
		b.dateSeq++
		d.ID = b.dateSeq
		d.OfferID = o.ID
		o.Dates = append(o.Dates, d)
	}
	if edit != nil {
		edit(o)
	}
	if err := catalogue.PrepareOffer(o, b.now); err != nil {
		panic(err)
	}
	b.offers = append(b.offers, o)
	return o
}

func resolve(t *testing.T, s string) geo.Place {
	t.Helper()
	p, err := geo.Default().Resolve(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// north returns the point km north of p (along the meridian).
func north(p geo.Place, km float64) (float64, float64) {
	return p.Lat + km/(6371.0088*math.Pi/180), p.Lon
}

func TestPerDateConjunction(t *testing.T) {
	b := newOfferBuilder(genNow)
	sb := resolve(t, "66111")
	mz := resolve(t, "66663")
	vSB := b.venue("Saarbrücken", sb.Lat, sb.Lon, false)
	vMZ := b.venue("Merzig", mz.Lat, mz.Lon, true)
	// date A: evening in Saarbrücken; date B: daytime in Merzig
	split := b.add("Buchhaltung", nil, b.fixed(10, 18, vSB, "evening"), b.fixed(20, 9, vMZ, "full_time"))
	both := b.add("Buchhaltung kompakt", nil, b.fixed(12, 18, vMZ, "evening"))
	e := memEngine(t, b.offers, genNow)

	res := search(t, e, Query{TimePatterns: []string{"evening"}, Near: "66663", RadiusKm: 5, Online: OnlineExclude})
	if got := ids(res); !slices.Equal(got, []int64{both.ID}) {
		t.Fatalf("evening near Merzig: %v, want only %d (not %d)", got, both.ID, split.ID)
	}
	// Each filter alone matches both offers.
	if res := search(t, e, Query{TimePatterns: []string{"evening"}}); res.Total != 2 {
		t.Errorf("evening: %d", res.Total)
	}
	if res := search(t, e, Query{Near: "66663", RadiusKm: 5, Online: OnlineExclude}); res.Total != 2 {
		t.Errorf("near Merzig: %d", res.Total)
	}
	// The facets count per date too: with near Merzig, evening counts only "both",
	// full_time only "split".
	res = search(t, e, Query{Near: "66663", RadiusKm: 5, Online: OnlineExclude, TimePatterns: []string{"evening"}})
	fm := facetMap(res.Facets)
	if fm["time_pattern"]["evening"] != 1 || fm["time_pattern"]["full_time"] != 1 {
		t.Errorf("time_pattern facet near Merzig: %v", fm["time_pattern"])
	}
	if fm["day_time"]["evening"] != 1 || fm["day_time"]["morning"] != 0 {
		t.Errorf("day_time facet: %v", fm["day_time"])
	}
	// accessible (Merzig's venue) and evening (Saarbrücken's date) on different dates
	if res := search(t, e, Query{Accessible: true, TimePatterns: []string{"evening"}}); !slices.Equal(ids(res), []int64{both.ID}) {
		t.Errorf("accessible+evening: %v", ids(res))
	}
	// DateIDs are the matching dates only.
	res = search(t, e, Query{Near: "66663", RadiusKm: 5, Online: OnlineExclude, Sort: SortStart})
	for _, h := range res.Hits {
		if h.OfferID == split.ID && !slices.Equal(h.DateIDs, []int64{split.Dates[1].ID}) {
			t.Errorf("split date ids %v", h.DateIDs)
		}
		if h.DistanceKm == nil || *h.DistanceKm > 1 {
			t.Errorf("distance %v", h.DistanceKm)
		}
	}
}

func TestRadiusAndOnline(t *testing.T) {
	b := newOfferBuilder(genNow)
	center := resolve(t, "66663")
	in1, in2 := north(center, 9.95)
	out1, out2 := north(center, 10.05)
	inside := b.add("Kurs innen", nil, b.fixed(5, 9, b.venue("innen", in1, in2, false)))
	outside := b.add("Kurs außen", nil, b.fixed(5, 9, b.venue("außen", out1, out2, false)))
	online := b.add("Kurs online", func(o *catalogue.Offer) { o.DeliveryModes = []string{"e_learning"} }, b.fixed(5, 9, nil))
	noVenue := b.add("Kurs ohne Ort", nil, b.fixed(6, 9, nil))
	far := b.add("Kurs fern online", func(o *catalogue.Offer) { o.DeliveryModes = []string{"virtual_classroom"} },
		b.fixed(7, 9, b.venue("Berlin", 52.52, 13.405, false)))
	e := memEngine(t, b.offers, genNow)

	for _, c := range []struct {
		online string
		want   []int64
	}{
		{OnlineInclude, []int64{inside.ID, online.ID, noVenue.ID, far.ID}},
		{OnlineOnly, []int64{online.ID, noVenue.ID, far.ID}},
		{OnlineExclude, []int64{inside.ID}},
	} {
		res := search(t, e, Query{Near: "66663", RadiusKm: 10, Online: c.online, Sort: SortStart})
		got := ids(res)
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("online=%s: %v, want %v", c.online, got, c.want)
		}
	}
	_ = outside
	// Exact distances at the boundary, sorted by distance; online offers without a
	// located venue come last.
	res := search(t, e, Query{Near: "66663", RadiusKm: 10.1, Online: OnlineInclude, Sort: SortDistance})
	got := ids(res)
	if len(got) != 5 || got[0] != inside.ID || got[1] != outside.ID || got[2] != far.ID {
		t.Errorf("by distance: %v", got)
	}
	if d := res.Hits[0].DistanceKm; d == nil || math.Abs(*d-9.95) > 0.001 {
		t.Errorf("distance %v, want 9.95", d)
	}
	if res.Hits[3].DistanceKm != nil {
		t.Errorf("online offer has a distance")
	}
	if res.Place == nil || res.Place.PostalCode != "66663" {
		t.Errorf("place %+v", res.Place)
	}
	// online=only without a place: the online offers.
	if res := search(t, e, Query{Online: OnlineOnly}); res.Total != 3 {
		t.Errorf("online only: %d", res.Total)
	}
	// Unknown postal code.
	_, err := e.Search(context.Background(), Query{Near: "99999"})
	var upe *geo.UnknownPlaceError
	if !errors.As(err, &upe) || !upe.PostalCode {
		t.Errorf("unknown postal code: %v", err)
	}
}

func TestDateFiltersAndSorts(t *testing.T) {
	b := newOfferBuilder(genNow)
	v := b.venue("Saarbrücken", 49.2354, 6.9969, true)
	w := b.venue("Homburg", 49.3270, 7.3380, false)
	priced := func(cents int64) func(*catalogue.Offer) {
		return func(o *catalogue.Offer) { o.Price = &catalogue.Price{AmountCents: cents} }
	}
	soon := b.add("Excel soon", priced(20000), b.fixed(3, 9, w))
	later := b.add("Excel later", priced(0), b.fixed(40, 9, v))
	ended := b.add("Excel ended", priced(100), b.fixed(-10, 9, v), b.fixed(90, 18, w))
	perm := b.add("Excel permanent", nil, catalogue.Date{StartKind: catalogue.StartPermanent})
	mixed := b.add("Excel mixed", priced(5000), b.fixed(60, 9, w), catalogue.Date{StartKind: catalogue.StartOnRequest})
	e := memEngine(t, b.offers, genNow)

	day := func(d int) *time.Time {
		t := time.Date(genNow.Year(), genNow.Month(), genNow.Day()+d, 0, 0, 0, 0, catalogue.Berlin)
		return &t
	}
	// Start sort: dated by next start, undated last; the ended date does not count.
	res := search(t, e, Query{Text: "", Sort: SortStart})
	if want := []int64{soon.ID, later.ID, mixed.ID, ended.ID, perm.ID}; !slices.Equal(ids(res), want) {
		t.Errorf("start order %v, want %v", ids(res), want)
	}
	// Empty text with relevance sorts by start, too.
	if res2 := search(t, e, Query{}); !slices.Equal(ids(res2), ids(res)) {
		t.Errorf("browse order %v", ids(res2))
	}
	// Start window: permanent and on-request dates pass any window.
	res = search(t, e, Query{StartFrom: day(30), StartTo: day(70), Sort: SortStart})
	if want := []int64{later.ID, mixed.ID, perm.ID}; !slices.Equal(ids(res), want) {
		t.Errorf("window: %v, want %v", ids(res), want)
	}
	// A window only the ended date was in.
	res = search(t, e, Query{StartFrom: day(-11), StartTo: day(-9)})
	if slices.Contains(ids(res), ended.ID) {
		t.Errorf("ended date matched: %v", ids(res))
	}
	// Free: offers with a free date.
	zero := int64(0)
	if res := search(t, e, Query{MaxPriceCents: &zero}); !slices.Equal(ids(res), []int64{later.ID}) {
		t.Errorf("free: %v", ids(res))
	}
	// Price sort: cheapest matching date, unknown last.
	res = search(t, e, Query{Sort: SortPrice})
	if want := []int64{later.ID, ended.ID, mixed.ID, soon.ID, perm.ID}; !slices.Equal(ids(res), want) {
		t.Errorf("price order %v, want %v", ids(res), want)
	}
	// Accessible: a step-free venue (Saarbrücken).
	res = search(t, e, Query{Accessible: true, Sort: SortStart})
	if want := []int64{later.ID}; !slices.Equal(ids(res), want) {
		t.Errorf("accessible %v, want %v (ended's accessible date is over)", ids(res), want)
	}
	// Paging.
	all := ids(search(t, e, Query{Sort: SortStart, PerPage: 100}))
	var paged []int64
	for p := 1; p <= 3; p++ {
		r := search(t, e, Query{Sort: SortStart, Page: p, PerPage: 2})
		if r.Total != 5 {
			t.Errorf("page %d total %d", p, r.Total)
		}
		paged = append(paged, ids(r)...)
	}
	if !slices.Equal(all, paged) {
		t.Errorf("paged %v, all %v", paged, all)
	}
	if r := search(t, e, Query{Sort: SortStart, Page: 4, PerPage: 2}); len(r.Hits) != 0 {
		t.Errorf("page past the end: %v", ids(r))
	}
}

// TestChampionsAgreeWithExhaustive checks that relevance ranking with champion
// lists returns exactly what scoring every match returns.
func TestChampionsAgreeWithExhaustive(t *testing.T) {
	cat := genCatalogue(t, 6000)
	e := memEngine(t, cat, genNow)
	queries := []string{"Kurs ", "Pflege ", "Grundlagen Praxis ", "Arbeit Beruf Bildung ", "Pfle", "englisch kurs ", "IT "}
	run := func() [][]int64 {
		var out [][]int64
		for _, q := range queries {
			for _, page := range []int{1, 3} {
				out = append(out, ids(search(t, e, Query{Text: q, Page: page, PerPage: 20})))
			}
		}
		return out
	}
	old := exhaustiveMax
	exhaustiveMax = 10
	withChampions := run()
	exhaustiveMax = 1 << 30
	exhaustive := run()
	exhaustiveMax = old
	if championWins.Load() == 0 {
		t.Error("the champion lists never answered a query")
	}
	for i := range withChampions {
		if !slices.Equal(withChampions[i], exhaustive[i]) {
			t.Errorf("query %q: champions %v, exhaustive %v", queries[i/2], withChampions[i], exhaustive[i])
		}
	}
	// Scores descend, ties by offer id.
	res := search(t, e, Query{Text: "Kurs ", PerPage: 100})
	for i := 1; i < len(res.Hits); i++ {
		a, b := res.Hits[i-1], res.Hits[i]
		if a.Score < b.Score || a.Score == b.Score && a.OfferID > b.OfferID {
			t.Fatalf("hits %d and %d out of order: %+v %+v", i-1, i, a, b)
		}
	}
}
