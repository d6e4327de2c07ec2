package search

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/storage/storetest"
)

// twoNodes opens two stores on one database (two lernnetz nodes).
type opener func(t *testing.T) (catalogue.Store, catalogue.Store)

func sqliteNodes(t *testing.T) (catalogue.Store, catalogue.Store) {
	path := filepath.Join(t.TempDir(), "lernnetz.db")
	return openTwo(t, path)
}

func postgresNodes(t *testing.T) (catalogue.Store, catalogue.Store) {
	return openTwo(t, storetest.PostgresDSN(t))
}

func openTwo(t *testing.T, dsn string) (catalogue.Store, catalogue.Store) {
	t.Helper()
	var out [2]catalogue.Store
	for i := range out {
		s, err := storage.Open(context.Background(), dsn, storage.WithClock(fixedClock(storetest.Now)))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		out[i] = s
	}
	return out[0], out[1]
}

func TestFollowSQLite(t *testing.T)   { testFollow(t, sqliteNodes) }
func TestFollowPostgres(t *testing.T) { testFollow(t, postgresNodes) }

// waitFor polls cond until it holds, failing after within.
func waitFor(t *testing.T, what string, within time.Duration, cond func() bool) time.Duration {
	t.Helper()
	began := time.Now()
	for !cond() {
		if time.Since(began) > within {
			t.Fatalf("%s: not within %v", what, within)
		}
		time.Sleep(10 * time.Millisecond)
	}
	return time.Since(began)
}

func testFollow(t *testing.T, open opener) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st1, st2 := open(t)
	p := storetest.NewProvider("Bildungswerk Saar")
	if err := st1.SaveProvider(ctx, p); err != nil {
		t.Fatal(err)
	}
	v := storetest.NewVenue(p.ID, "Lernzentrum")
	if err := st1.SaveVenue(ctx, v); err != nil {
		t.Fatal(err)
	}
	first := saveOffer(t, st1, p.ID, v.ID, "Gabelstaplerschein", nil)

	engines := []*Engine{
		NewEngine(st1, WithAnalyzer(testAnalyzer()), WithClock(fixedClock(storetest.Now))),
		NewEngine(st2, WithAnalyzer(testAnalyzer()), WithClock(fixedClock(storetest.Now))),
	}
	for _, e := range engines {
		if err := e.Rebuild(ctx); err != nil {
			t.Fatal(err)
		}
		go e.Follow(ctx, 50*time.Millisecond)
	}
	found := func(e *Engine, text string, id int64) bool {
		res, err := e.Search(ctx, Query{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return slices.Contains(ids(res), id)
	}
	for _, e := range engines {
		if !found(e, "Gabelstapler ", first.ID) {
			t.Fatal("rebuilt index lacks the first offer")
		}
	}

	// Save → searchable within 1 s on both nodes.
	o := saveOffer(t, st1, p.ID, v.ID, "Kettensägenführerschein", nil)
	for i, e := range engines {
		took := waitFor(t, fmt.Sprintf("node %d: new offer", i+1), time.Second, func() bool { return found(e, "Kettensägenführerschein ", o.ID) })
		t.Logf("node %d: new offer searchable after %v", i+1, took.Round(time.Millisecond))
	}
	// Update → the old text is gone, the new one found.
	o.Title = "Motorsägenkurs"
	if err := st1.SaveOffer(ctx, o); err != nil {
		t.Fatal(err)
	}
	for i, e := range engines {
		waitFor(t, fmt.Sprintf("node %d: changed title", i+1), time.Second, func() bool {
			return found(e, "Motorsägenkurs ", o.ID) && !found(e, "Kettensägenführerschein ", o.ID)
		})
	}
	// Provider rename → found by the new name.
	p.Name = "Waldakademie Hunsrück"
	if err := st2.SaveProvider(ctx, p); err != nil {
		t.Fatal(err)
	}
	for i, e := range engines {
		waitFor(t, fmt.Sprintf("node %d: provider rename", i+1), time.Second, func() bool {
			return found(e, "Waldakademie ", o.ID) && found(e, "Waldakademie ", first.ID) && !found(e, "Bildungswerk ", o.ID)
		})
	}
	// Venue moves to another town → found by the new town.
	v.Address.City = "Wadern"
	v.Address.PostalCode = "66687"
	if err := st1.SaveVenue(ctx, v); err != nil {
		t.Fatal(err)
	}
	for i, e := range engines {
		waitFor(t, fmt.Sprintf("node %d: venue change", i+1), time.Second, func() bool { return found(e, "Wadern ", o.ID) })
	}
	// Unpublish → gone; delete → gone.
	o.Status = catalogue.StatusWithdrawn
	if err := st1.SaveOffer(ctx, o); err != nil {
		t.Fatal(err)
	}
	if err := st1.DeleteOffer(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	for i, e := range engines {
		waitFor(t, fmt.Sprintf("node %d: withdrawn and deleted", i+1), time.Second, func() bool {
			res, _ := e.Search(ctx, Query{})
			return res.Total == 0
		})
		if s := e.Stats(); s.Offers != 0 || s.LastSeq == 0 {
			t.Errorf("node %d: stats %+v", i+1, s)
		}
	}
}

// TestIncrementalEqualsRebuild applies many change batches (new segments,
// dead documents, merges) and compares every answer with a fresh rebuild.
func TestIncrementalEqualsRebuild(t *testing.T) {
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
	cat := genCatalogue(t, 600)
	var saved []*catalogue.Offer
	save := func(src *catalogue.Offer) {
		o := *src
		o.ID, o.ProviderID, o.Provider = 0, p.ID, nil
		o.Dates = slices.Clone(o.Dates)
		for k := range o.Dates {
			o.Dates[k].ID, o.Dates[k].OfferID = 0, 0
			if o.Dates[k].VenueID != 0 {
				o.Dates[k].VenueID, o.Dates[k].Venue = v.ID, nil
			}
		}
		if err := st.SaveOffer(ctx, &o); err != nil {
			t.Fatal(err)
		}
		saved = append(saved, &o)
	}
	for _, o := range cat[:200] {
		save(o)
	}
	if err := e.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	maxSegs := 0
	for i, o := range cat[200:] {
		save(o)
		if i%7 == 0 {
			// change an earlier offer, delete another
			old := saved[i]
			old.Title += " Aufbau"
			if err := st.SaveOffer(ctx, old); err != nil {
				t.Fatal(err)
			}
			if i%21 == 0 {
				if err := st.DeleteOffer(ctx, saved[i+1].ID); err != nil {
					t.Fatal(err)
				}
			}
		}
		if i%13 == 0 {
			if err := e.Poll(ctx); err != nil {
				t.Fatal(err)
			}
			maxSegs = max(maxSegs, len(e.cur.Load().segs))
		}
	}
	if err := e.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	if maxSegs < 2 {
		t.Errorf("never more than %d segments", maxSegs)
	}
	fresh := NewEngine(st, WithAnalyzer(testAnalyzer()), WithClock(fixedClock(storetest.Now)))
	if err := fresh.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("incremental: %+v", e.Stats())
	compareEngines(t, e, fresh, 40)
	// the same with the start sort walking the start days and the distance
	// sort walking the grid cells (indexes derived per segment)
	oldDays, oldWalk := startDaysMin, distanceWalkMax
	startDaysMin, distanceWalkMax = 0, 0
	defer func() { startDaysMin, distanceWalkMax = oldDays, oldWalk }()
	compareEngines(t, e, fresh, 40)
}

// compareEngines runs random queries on both engines and requires equal
// results (totals, facets, hits in order, scores).
func compareEngines(t *testing.T, a, b *Engine, n int) {
	t.Helper()
	r := newRand(9)
	for i := 0; i < n; i++ {
		q := randomQuery(r)
		if i%3 == 0 {
			q.Sort = SortRelevance
		}
		ra, err1 := a.Search(context.Background(), q)
		rb, err2 := b.Search(context.Background(), q)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v / %v", describeQuery(q), err1, err2)
		}
		if ra.Total != rb.Total || !reflect.DeepEqual(facetMap(ra.Facets), facetMap(rb.Facets)) {
			t.Fatalf("%s: totals %d / %d, facets differ: %v", describeQuery(q), ra.Total, rb.Total,
				!reflect.DeepEqual(facetMap(ra.Facets), facetMap(rb.Facets)))
		}
		if q.Sort != SortRelevance && !slices.Equal(ids(ra), ids(rb)) {
			t.Fatalf("%s: hits %v / %v", describeQuery(q), ids(ra), ids(rb))
		}
	}
}

// TestFollowLateCommitPostgres: a transaction takes a change-log sequence
// number, another one commits a higher number first; the index must still
// pick up the earlier one when it commits.
func TestFollowLateCommitPostgres(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st1, st2 := postgresNodes(t)
	p := storetest.NewProvider("Bildungswerk")
	if err := st1.SaveProvider(ctx, p); err != nil {
		t.Fatal(err)
	}
	v := storetest.NewVenue(p.ID, "Lernzentrum")
	if err := st1.SaveVenue(ctx, v); err != nil {
		t.Fatal(err)
	}
	e := NewEngine(st2, WithAnalyzer(testAnalyzer()), WithClock(fixedClock(storetest.Now)))
	if err := e.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	go e.Follow(ctx, 20*time.Millisecond)

	saved := make(chan *catalogue.Offer)
	release := make(chan struct{})
	done := make(chan error)
	go func() {
		done <- st1.Atomic(ctx, func(tx catalogue.Store) error {
			o := storetest.NewOffer(p.ID, v.ID, "Spätzünder Lehrgang")
			if err := tx.SaveOffer(ctx, o); err != nil {
				return err
			}
			saved <- o
			<-release
			return nil
		})
	}()
	late := <-saved
	early := saveOffer(t, st1, p.ID, v.ID, "Frühstarter Lehrgang", nil)
	found := func(text string, id int64) bool {
		res, err := e.Search(ctx, Query{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return slices.Contains(ids(res), id)
	}
	waitFor(t, "the later sequence number", time.Second, func() bool { return found("Frühstarter ", early.ID) })
	time.Sleep(100 * time.Millisecond) // several polls see the gap
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the earlier sequence number committed late", time.Second, func() bool { return found("Spätzünder ", late.ID) })
}

// TestSearchWhileFollowing runs searches concurrently with change batches
// (run with -race): readers never see a half-built index.
func TestSearchWhileFollowing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, e := storeEngine(t)
	p := storetest.NewProvider("Volkshochschule")
	if err := st.SaveProvider(ctx, p); err != nil {
		t.Fatal(err)
	}
	v := storetest.NewVenue(p.ID, "Lernzentrum")
	if err := st.SaveVenue(ctx, v); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		saveOffer(t, st, p.ID, v.ID, fmt.Sprintf("Grundkurs %d", i), nil)
	}
	if err := e.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	go e.Follow(ctx, 5*time.Millisecond)
	done := make(chan error)
	for w := 0; w < 3; w++ {
		go func(w int) {
			r := newRand(uint64(w))
			for i := 0; i < 150; i++ {
				q := randomQuery(r)
				q.Near = ""
				if i%2 == 0 {
					q.Text = "Grundkurs "
				}
				res, err := e.Search(ctx, q)
				if err != nil {
					done <- err
					return
				}
				for _, h := range res.Hits {
					if h.OfferID <= 0 {
						done <- fmt.Errorf("hit without offer: %+v", h)
						return
					}
				}
				e.Suggest("grund", 5)
				e.Stats()
			}
			done <- nil
		}(w)
	}
	for i := 0; i < 30; i++ {
		o := saveOffer(t, st, p.ID, v.ID, fmt.Sprintf("Aufbaukurs %d", i), nil)
		if i%3 == 0 {
			if err := st.DeleteOffer(ctx, o.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	for w := 0; w < 3; w++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "all changes", 2*time.Second, func() bool {
		res, _ := e.Search(ctx, Query{Text: "Aufbaukurs "})
		return res.Total == 20
	})
	var buf bytes.Buffer
	if err := e.WriteSnapshot(&buf); err != nil {
		t.Fatal(err)
	}
}
