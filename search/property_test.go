package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/search/analysis"
	"github.com/lernnetz/lernnetz/search/internal/gen"
)

var (
	sharedAnalyzerOnce sync.Once
	sharedAnalyzer     *analysis.Analyzer
)

func testAnalyzer() *analysis.Analyzer {
	sharedAnalyzerOnce.Do(func() { sharedAnalyzer = analysis.New() })
	return sharedAnalyzer
}

// genNow is the generator's default time, which the tests' engines run at.
var genNow = time.Date(2026, 11, 27, 10, 0, 0, 0, catalogue.Berlin)

func fixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }

// memEngine returns an engine over offers held in memory (no store).
func memEngine(t testing.TB, offers []*catalogue.Offer, now time.Time) *Engine {
	t.Helper()
	e := NewEngine(nil, WithAnalyzer(testAnalyzer()), WithClock(fixedClock(now)))
	if err := e.buildFromOffers(context.Background(), offers); err != nil {
		t.Fatal(err)
	}
	return e
}

var (
	catMu    sync.Mutex
	catCache = map[int][]*catalogue.Offer{}
)

// genCatalogue returns the offers of a generated catalogue (seed 7), shared
// between tests.
func genCatalogue(t testing.TB, n int) []*catalogue.Offer {
	t.Helper()
	catMu.Lock()
	defer catMu.Unlock()
	if c, ok := catCache[n]; ok {
		return c
	}
	c := gen.Generate(gen.Config{Offers: n, Seed: 7}).Offers
	catCache[n] = c
	return c
}

var randomWords = []string{"Pflege", "englisch", "Kurs", "IT", "Projektmanagement", "Schweißen", "Grundlagen",
	"Saarbrücken", "Buchhaltung", "Erzieherin", "Deutsch", "Pfle", "Englsich", "xylophon"}

// randomQuery makes a query with a few random filters.
func randomQuery(r *rand.Rand) Query {
	q := Query{Page: 1, PerPage: 10, Sort: SortStart, Online: OnlineInclude, RadiusKm: 25}
	if r.IntN(3) == 0 {
		q.Text = randomWords[r.IntN(len(randomWords))]
		if r.IntN(3) == 0 {
			q.Text += " " + randomWords[r.IntN(len(randomWords))]
		}
		if r.IntN(2) == 0 {
			q.Text += " " // not a prefix
		}
	}
	pick := func(name string, n int) []string {
		codes := vocabCodes(name)
		var out []string
		for i := 0; i < n; i++ {
			out = append(out, codes[r.IntN(len(codes))])
		}
		return out
	}
	if r.IntN(4) == 0 {
		q.Topics = pick("topic", 1+r.IntN(2))
	}
	if r.IntN(5) == 0 {
		q.DeliveryModes = pick("delivery_mode", 1+r.IntN(2))
	}
	if r.IntN(6) == 0 {
		q.Funding = pick("funding", 1)
	}
	if r.IntN(8) == 0 {
		q.DegreeTypes = pick("degree_type", 1)
	}
	if r.IntN(8) == 0 {
		q.Languages = pick("language", 1)
	}
	if r.IntN(10) == 0 {
		q.WomenSpecific = true
	}
	if r.IntN(10) == 0 {
		q.Childcare = true
	}
	if r.IntN(4) == 0 {
		q.TimePatterns = pick("time_pattern", 1+r.IntN(2))
	}
	if r.IntN(5) == 0 {
		q.DayTimes = pick("day_time", 1)
	}
	if r.IntN(5) == 0 {
		from := genNow.AddDate(0, 0, r.IntN(200)-30)
		q.StartFrom = &from
		if r.IntN(2) == 0 {
			to := from.AddDate(0, 0, 1+r.IntN(90))
			q.StartTo = &to
		}
	} else if r.IntN(10) == 0 {
		to := genNow.AddDate(0, 0, r.IntN(100))
		q.StartTo = &to
	}
	if r.IntN(6) == 0 {
		p := []int64{0, 10000, 20000, 12345, 99900, 150000}[r.IntN(6)]
		q.MaxPriceCents = &p
	}
	if r.IntN(8) == 0 {
		q.Accessible = true
	}
	if r.IntN(3) == 0 {
		pl := gen.Places[r.IntN(len(gen.Places))]
		q.Near = pl.PostalCode
		q.RadiusKm = []float64{5, 10, 25, 50, 100}[r.IntN(5)]
		q.Online = []string{OnlineInclude, OnlineOnly, OnlineExclude}[r.IntN(3)]
		if r.IntN(3) == 0 {
			q.Sort = SortDistance
		}
	} else if r.IntN(10) == 0 {
		q.Online = OnlineOnly
	}
	if q.Sort == SortStart && r.IntN(3) == 0 {
		q.Sort = SortPrice
	}
	return q
}

func describeQuery(q Query) string {
	return fmt.Sprintf("text=%q %s sort=%s", q.Text, describeFilters(&q), q.Sort)
}

// TestFacetsAndFiltersMatchReference compares the engine with the reference
// implementation on random queries over a generated catalogue, with the date
// filters evaluated date by date and with the date slots (and the distance
// and start sorts keying every match, or walking the grid cells nearest first
// and the start days in order).
func TestFacetsAndFiltersMatchReference(t *testing.T) {
	for _, c := range []struct {
		name     string
		slots    int
		distWalk int
	}{{"date_pass", 1 << 30, 1 << 30}, {"date_slots", 0, 0}} {
		t.Run(c.name, func(t *testing.T) {
			old, oldWalk, oldDays := slotsMin, distanceWalkMax, startDaysMin
			slotsMin, distanceWalkMax, startDaysMin = c.slots, c.distWalk, c.distWalk
			defer func() { slotsMin, distanceWalkMax, startDaysMin = old, oldWalk, oldDays }()
			before := slotRuns.Load()
			testAgainstReference(t)
			if used := slotRuns.Load() > before; used != (c.slots == 0) {
				t.Errorf("date slots used: %v", used)
			}
		})
	}
}

func testAgainstReference(t *testing.T) {
	n, queries := 2000, 200
	if testing.Short() {
		n, queries = 600, 60
	}
	cat := gen.Generate(gen.Config{Offers: n, Seed: 7})
	// A later "now" than the build, so that some dates end after the build
	// (exercising the stale-date corrections).
	now := genNow.AddDate(0, 0, 20)
	old, oldSlots := denseMin, denseSlotsMin
	denseMin, denseSlotsMin = 1, 1 // dense facet counts and dense slots
	defer func() { denseMin, denseSlotsMin = old, oldSlots }()
	e := memEngine(t, cat.Offers, genNow)
	if e.cur.Load().segs[0].dense == nil {
		t.Fatal("no dense facet bitmaps")
	}
	e.now = fixedClock(now)
	ref := newReference(testAnalyzer(), cat.Offers, now)
	r := rand.New(rand.NewPCG(42, 1))
	for i := 0; i < queries; i++ {
		q := randomQuery(r)
		res, err := e.Search(context.Background(), q)
		if err != nil {
			t.Fatalf("query %d (%s): %v", i, describeQuery(q), err)
		}
		slots, _ := e.plan(e.cur.Load(), q.Text)
		total, facets, ids := ref.search(q, slots)
		if res.Total != total {
			t.Fatalf("query %d (%s): total %d, reference %d", i, describeQuery(q), res.Total, total)
		}
		got := facetMap(res.Facets)
		if !reflect.DeepEqual(got, facets) {
			for name := range facets {
				if !reflect.DeepEqual(got[name], facets[name]) {
					t.Errorf("query %d (%s): facet %s = %v, reference %v", i, describeQuery(q), name, got[name], facets[name])
				}
			}
			t.FailNow()
		}
		var gotIDs []int64
		for _, h := range res.Hits {
			gotIDs = append(gotIDs, h.OfferID)
		}
		want := ids[:min(len(ids), q.PerPage)]
		if !slices.Equal(gotIDs, want) {
			t.Fatalf("query %d (%s): hits %v, reference %v", i, describeQuery(q), gotIDs, want)
		}
	}
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 1)) }
