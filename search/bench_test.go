package search

import (
	"context"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/search/internal/gen"
)

// Benchmarks run over a generated catalogue of LERNNETZ_BENCH_OFFERS offers
// (default 100,000), e.g.
//
//	LERNNETZ_BENCH_OFFERS=1000000 go test ./search -run '^$' -bench . -benchtime 2000x
func benchOffers() int {
	if n, err := strconv.Atoi(os.Getenv("LERNNETZ_BENCH_OFFERS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

var (
	benchOnce sync.Once
	benchEng  *Engine
	benchGen  *gen.Generator
)

// genPages serves the generator's offers a page at a time, generating them
// in the page source (which runs beside the analysis workers).
func genPages(g *gen.Generator, n int) func(ctx context.Context, after int64) ([]*catalogue.Offer, error) {
	return func(_ context.Context, after int64) ([]*catalogue.Offer, error) {
		var page []*catalogue.Offer
		for i := int(after); i < n && len(page) < 1000; i++ {
			page = append(page, g.Offer(i))
		}
		return page, nil
	}
}

func benchEngine(b *testing.B) *Engine {
	benchOnce.Do(func() {
		n := benchOffers()
		began := time.Now()
		// LERNNETZ_BENCH_SNAPSHOT names a snapshot file to load the index from
		// (made on the first run), to skip the build when iterating.
		snap := os.Getenv("LERNNETZ_BENCH_SNAPSHOT")
		if snap != "" {
			benchGen = gen.New(gen.Config{Offers: n, Seed: 1})
			benchEng = NewEngine(nil, WithAnalyzer(testAnalyzer()), WithClock(fixedClock(genNow)))
			if err := benchEng.LoadSnapshotFile(snap); err == nil {
				runtime.GC()
				b.Logf("loaded %d offers from %s in %v, RSS %s", benchEng.Stats().Offers, snap, time.Since(began).Round(time.Millisecond), rss())
				return
			}
		}
		benchGen = gen.New(gen.Config{Offers: n, Seed: 1})
		b.Logf("prepared the generator in %v", time.Since(began).Round(time.Millisecond))
		benchEng = NewEngine(nil, WithAnalyzer(testAnalyzer()), WithClock(fixedClock(genNow)))
		src := genPages(benchGen, n)
		how := "generated while indexing"
		if n <= 200_000 {
			// Small enough to generate first: the build rate is the engine's alone.
			var offers []*catalogue.Offer
			for i := range n {
				offers = append(offers, benchGen.Offer(i))
			}
			b.Logf("generated %d offers in %v", n, time.Since(began).Round(time.Millisecond))
			how = "from memory"
			src = func(_ context.Context, after int64) ([]*catalogue.Offer, error) {
				return offers[min(len(offers), int(after)):min(len(offers), int(after)+1000)], nil
			}
		}
		began = time.Now()
		if err := benchEng.buildFromPages(context.Background(), src); err != nil {
			b.Fatal(err)
		}
		took := time.Since(began)
		b.Logf("build %s", how)
		runtime.GC()
		debug.FreeOSMemory()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		st := benchEng.Stats()
		b.Logf("built %d offers in %v (%.0f offers/s); %d terms, %d postings, index estimate %d MiB, heap in use after GC %d MiB, RSS %s",
			st.Offers, took.Round(time.Millisecond), float64(st.Offers)/took.Seconds(), st.Terms, st.Postings,
			st.MemoryBytes>>20, ms.HeapInuse>>20, rss())
		if snap != "" {
			if err := benchEng.SaveSnapshotFile(snap); err != nil {
				b.Fatal(err)
			}
		}
	})
	return benchEng
}

// rss returns the process's resident set size as /proc reports it.
func rss() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmRSS:"))
		}
	}
	return "?"
}

// frequentWords returns index terms (as displayed) by document frequency.
func termsByDF(e *Engine, lo, hi int) []string {
	s := e.cur.Load().segs[0]
	type td struct {
		t  string
		df int
	}
	var all []td
	for i := 0; i < s.numTerms(); i++ {
		d := s.display(i)
		if d == "" || s.df[i] < uint32(lo) || s.df[i] > uint32(hi) || len(d) < 4 {
			continue
		}
		all = append(all, td{d, int(s.df[i])})
	}
	slices.SortFunc(all, func(a, b td) int { return b.df - a.df })
	var out []string
	for _, x := range all[:min(len(all), 40)] {
		out = append(out, x.t)
	}
	return out
}

func typo(w string) string {
	r := []rune(w)
	if len(r) > 4 {
		r[2], r[3] = r[3], r[2]
	}
	return string(r)
}

func benchClasses(e *Engine) map[string][]Query {
	n := e.Stats().Offers
	frequent := termsByDF(e, n/5, n)
	rare := termsByDF(e, 5, 50)
	medium := termsByDF(e, n/100, n/10)
	cls := map[string][]Query{}
	for i := range 40 {
		f := frequent[i%len(frequent)]
		cls["frequent"] = append(cls["frequent"], Query{Text: f + " "})
		cls["rare"] = append(cls["rare"], Query{Text: rare[i%len(rare)] + " "})
		cls["two_words"] = append(cls["two_words"], Query{Text: f + " " + medium[(i*7)%len(medium)] + " "})
		cls["typo"] = append(cls["typo"], Query{Text: typo(medium[i%len(medium)]) + " "})
		cls["prefix"] = append(cls["prefix"], Query{}.prefixed(medium[i%len(medium)]))
		pl := gen.Places[i%12]
		cls["facets_radius"] = append(cls["facets_radius"], Query{Text: f + " ", Near: pl.PostalCode, RadiusKm: 25,
			TimePatterns: []string{"evening", "part_time"}[i%2 : i%2+1], Topics: []string{"it", "care", "languages"}[i%3 : i%3+1]})
		cls["browse_filters"] = append(cls["browse_filters"], Query{Near: pl.PostalCode, RadiusKm: 50, DayTimes: []string{"evening"},
			Accessible: i%2 == 0})
	}
	return cls
}

// prefixed returns a search-as-you-type query for the first letters of w.
func (q Query) prefixed(w string) Query {
	r := []rune(w)
	q.Text = string(r[:min(len(r), 4)])
	return q
}

func BenchmarkSearch(b *testing.B) {
	e := benchEngine(b)
	cls := benchClasses(e)
	names := []string{"frequent", "rare", "two_words", "typo", "prefix", "facets_radius", "browse_filters"}
	for _, name := range names {
		qs := cls[name]
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			var lat []time.Duration
			hits := 0
			i := 0
			for b.Loop() {
				q := qs[i%len(qs)]
				i++
				began := time.Now()
				res, err := e.Search(ctx, q)
				lat = append(lat, time.Since(began))
				if err != nil {
					b.Fatal(err)
				}
				hits += res.Total
			}
			slices.Sort(lat)
			pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) }
			b.ReportMetric(pct(0.5), "p50-µs")
			b.ReportMetric(pct(0.99), "p99-µs")
			b.ReportMetric(float64(lat[len(lat)-1].Microseconds()), "max-µs")
			b.ReportMetric(float64(hits)/float64(len(lat)), "matches/op")
		})
	}
}

func BenchmarkSuggest(b *testing.B) {
	e := benchEngine(b)
	prefixes := []string{"pfl", "eng", "sa", "kur", "pro", "m", "deutsch a", "bewer"}
	i := 0
	for b.Loop() {
		e.Suggest(prefixes[i%len(prefixes)], 8)
		i++
	}
}

func BenchmarkSnapshot(b *testing.B) {
	e := benchEngine(b)
	path := b.TempDir() + "/index.snap"
	began := time.Now()
	if err := e.SaveSnapshotFile(path); err != nil {
		b.Fatal(err)
	}
	fi, _ := os.Stat(path)
	b.Logf("snapshot written in %v, %d MiB", time.Since(began).Round(time.Millisecond), fi.Size()>>20)
	for range 3 {
		began := time.Now()
		e2 := NewEngine(nil, WithAnalyzer(testAnalyzer()), WithClock(fixedClock(genNow)))
		if err := e2.LoadSnapshotFile(path); err != nil {
			b.Fatal(err)
		}
		b.Logf("loaded in %v: %d offers", time.Since(began).Round(time.Millisecond), e2.Stats().Offers)
		runtime.GC()
	}
	for b.Loop() {
	}
}

// BenchmarkApply measures a change batch of 100 offers on the big index:
// analysis, a new segment, dead documents, and merges.
func BenchmarkApply(b *testing.B) {
	e := benchEngine(b)
	fs := &fakeStore{gen: benchGen}
	e2 := NewEngine(fs, WithAnalyzer(testAnalyzer()), WithClock(fixedClock(genNow)))
	e2.cur.Store(e.cur.Load())
	i := 0
	for b.Loop() {
		var cs []catalogue.Change
		for k := 0; k < 100; k++ {
			cs = append(cs, catalogue.Change{Entity: "offer", EntityID: int64((i*100+k)%benchOffers() + 1), Op: "save"})
		}
		i++
		if err := e2.apply(context.Background(), cs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(e2.cur.Load().segs)), "segments")
}

// fakeStore serves generated offers to apply (only Offers by IDs).
type fakeStore struct {
	catalogue.Store
	gen *gen.Generator
}

func (f *fakeStore) Offers(_ context.Context, flt catalogue.OfferFilter) ([]*catalogue.Offer, int, error) {
	var out []*catalogue.Offer
	for _, id := range flt.IDs {
		if o := f.gen.Offer(int(id - 1)); o.Status == catalogue.StatusPublished {
			out = append(out, o)
		}
	}
	return out, -1, nil
}

// BenchmarkDatePass measures the date-by-date check (the hot loop of the
// date pass) over every document of a 10,000-offer segment, for a query
// with a radius, a time pattern, a start window and a maximum price.
func BenchmarkDatePass(b *testing.B) {
	cat := gen.Generate(gen.Config{Offers: 10_000, Seed: 3})
	e := memEngine(b, cat.Offers, genNow)
	s := e.cur.Load().segs[0]
	pl := gen.Places[0]
	p, err := e.gaz.Resolve(pl.PostalCode)
	if err != nil {
		b.Fatal(err)
	}
	from := genNow.AddDate(0, 1, 0)
	maxPrice := int64(50000)
	q := normalizeQuery(Query{Near: pl.PostalCode, RadiusKm: 50, TimePatterns: []string{"part_time", "evening"},
		StartFrom: &from, MaxPriceCents: &maxPrice})
	f := compileFilters(&q, genNow.Unix(), newCircle(p.Lat, p.Lon, q.RadiusKm))
	dates := 0
	for b.Loop() {
		var pc passCounts
		f.datePass(s, s.all, nil, f.active, true, &pc)
		dates += len(s.dates)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(dates), "ns/date")
}
