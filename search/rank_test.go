package search

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/lernnetz/lernnetz/search/internal/gen"
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
