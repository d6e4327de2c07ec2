package search

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/search/internal/gen"
	"github.com/lernnetz/lernnetz/storage/storetest"
)

// TestDistanceSortCellWalk checks that the distance sort walking the grid
// cells nearest first (with its early stop) gives exactly the order of
// keying every match, for every town, radius, online mode and several pages.
func TestDistanceSortCellWalk(t *testing.T) {
	cat := gen.Generate(gen.Config{Offers: 3000, Seed: 11})
	e := memEngine(t, cat.Offers, genNow)
	old := distanceWalkMax
	defer func() { distanceWalkMax = old }()
	run := func(q Query, walk int) ([]int64, []string) {
		distanceWalkMax = walk
		res, err := e.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		var ds []string
		for _, h := range res.Hits {
			ids = append(ids, h.OfferID)
			if h.DistanceKm != nil {
				ds = append(ds, fmt.Sprintf("%.3f", *h.DistanceKm))
			} else {
				ds = append(ds, "-")
			}
		}
		return ids, ds
	}
	walked := 0
	for _, pl := range gen.Places {
		for _, r := range []float64{5, 25, 100, 400} {
			for _, on := range []string{OnlineInclude, OnlineExclude, OnlineOnly} {
				for _, page := range []int{1, 3} {
					q := Query{Near: pl.PostalCode, RadiusKm: r, Online: on, Sort: SortDistance, Page: page, PerPage: 25}
					want, wd := run(q, 1<<30)
					got, gd := run(q, 0)
					if !slices.Equal(got, want) {
						t.Fatalf("%s %v km %s page %d: cell walk %v (%v), every match %v (%v)", pl.PostalCode, r, on, page, got, gd, want, wd)
					}
					walked += len(got)
				}
			}
		}
	}
	if walked == 0 {
		t.Fatal("no hits at all")
	}
}

// TestStartSortFollowsChanges: the start sort's day walk uses an index
// derived per segment on first use; a change applied by Poll (a new
// segment, the old document dead) must show in the next search.
func TestStartSortFollowsChanges(t *testing.T) {
	old := startDaysMin
	startDaysMin = 0 // the day walk for every search
	defer func() { startDaysMin = old }()
	ctx := context.Background()
	st, e := storeEngine(t)
	p := storetest.NewProvider("Volkshochschule")
	if err := st.SaveProvider(ctx, p); err != nil {
		t.Fatal(err)
	}
	v := storetest.NewVenue(p.ID, "Lernzentrum")
	if err := st.SaveVenue(ctx, v); err != nil {
		t.Fatal(err)
	}
	startOn := func(day int) func(*catalogue.Offer) {
		return func(o *catalogue.Offer) {
			s := time.Date(2027, 4, day, 9, 0, 0, 0, catalogue.Berlin)
			end := s.Add(3 * time.Hour)
			o.Dates = []catalogue.Date{{StartKind: catalogue.StartFixed, Start: &s, End: &end, VenueID: v.ID}}
		}
	}
	var offers []*catalogue.Offer
	for i := range 10 {
		offers = append(offers, saveOffer(t, st, p.ID, v.ID, fmt.Sprintf("Kurs %d", i), startOn(10+i)))
	}
	if err := e.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	first3 := func() []int64 {
		t.Helper()
		from := time.Date(2027, 4, 1, 0, 0, 0, 0, catalogue.Berlin)
		return ids(search(t, e, Query{Sort: SortStart, PerPage: 3, StartFrom: &from}))
	}
	if got, want := first3(), []int64{offers[0].ID, offers[1].ID, offers[2].ID}; !slices.Equal(got, want) {
		t.Fatalf("before any change: %v, want %v", got, want)
	}
	moved := offers[7]
	startOn(2)(moved)
	if err := st.SaveOffer(ctx, moved); err != nil {
		t.Fatal(err)
	}
	if err := e.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	if got, want := first3(), []int64{moved.ID, offers[0].ID, offers[1].ID}; !slices.Equal(got, want) {
		t.Fatalf("after moving offer %d to April 2: %v, want %v", moved.ID, got, want)
	}
	added := saveOffer(t, st, p.ID, v.ID, "Kurs neu", startOn(1))
	if err := e.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	if got, want := first3(), []int64{added.ID, moved.ID, offers[0].ID}; !slices.Equal(got, want) {
		t.Fatalf("after adding offer %d on April 1: %v, want %v", added.ID, got, want)
	}
	if err := st.DeleteOffer(ctx, added.ID); err != nil {
		t.Fatal(err)
	}
	if err := e.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	if got, want := first3(), []int64{moved.ID, offers[0].ID, offers[1].ID}; !slices.Equal(got, want) {
		t.Fatalf("after deleting offer %d: %v, want %v", added.ID, got, want)
	}
}

// TestPriceSortFreeFirst checks that the price sort taking the free matches
// first gives exactly the order of the static walk, with date filters that
// a free date may fail (so that free offers can rank after paid ones).
func TestPriceSortFreeFirst(t *testing.T) {
	cat := gen.Generate(gen.Config{Offers: 3000, Seed: 5})
	e := memEngine(t, cat.Offers, genNow)
	old := priceFreeFirst
	defer func() { priceFreeFirst = old }()
	run := func(q Query, on bool) []int64 {
		priceFreeFirst = on
		return ids(search(t, e, q))
	}
	r := newRand(3)
	checked := 0
	for i := 0; i < 120; i++ {
		q := randomQuery(r)
		q.Text, q.Topics, q.DeliveryModes, q.Funding, q.DegreeTypes, q.Languages = "", nil, nil, nil, nil, nil
		q.Sort, q.PerPage, q.Page = SortPrice, 40, 1+i%3
		want, got := run(q, false), run(q, true)
		if !slices.Equal(got, want) {
			t.Fatalf("%s: free first %v, static walk %v", describeQuery(q), got, want)
		}
		checked += len(got)
	}
	if checked == 0 {
		t.Fatal("no hits at all")
	}
}
