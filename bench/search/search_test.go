package main

import (
	"bytes"
	"context"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/bench"
	"github.com/lernnetz/lernnetz/search"
)

const smokeOffers = 2000

func mustQuery(t *testing.T, class, raw string) *benchQuery {
	t.Helper()
	v, err := url.ParseQuery(raw)
	if err != nil {
		t.Fatal(err)
	}
	q, err := search.ParseQuery(v)
	if err != nil {
		t.Fatal(err)
	}
	return &benchQuery{class: class, raw: raw, q: q}
}

// TestEnginesAnswerSanely builds every engine available here on a small
// catalogue and checks a few answers.
func TestEnginesAnswerSanely(t *testing.T) {
	ctx := context.Background()
	src := newSource(1, smokeOffers)
	published := countPublished(src)
	checks := []struct {
		class, raw string
		min        int // at least this many hits
	}{
		{bench.ClassFrequentSingle, "q=Kurs", 100},
		{bench.ClassFrequentSingle, "q=Weiterbildung", 50},
		{bench.ClassPrefix, "q=Weiterbil", 50},
		{bench.ClassMultiWord, "q=Englisch+A1", 1},
		{bench.ClassFacetsOnly, "topic=it", 50},
		{bench.ClassFacetsOnly, "free=1&sort=start", 10},
		{bench.ClassRadius, "near=Saarbr%C3%BCcken&radius_km=25", 100},
		{bench.ClassTextFacets, "q=Kurs&near=66111&radius_km=50&time_pattern=evening", 5},
		{bench.ClassRareSingle, "q=Quantenchromodynamik", 0},
	}
	for _, name := range engineNames {
		t.Run(name, func(t *testing.T) {
			e, reason, err := newEngine(name, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			if e == nil {
				t.Skip(reason)
			}
			defer func() {
				if err := e.close(); err != nil {
					t.Error(err)
				}
			}()
			if err := e.build(ctx, src); err != nil {
				t.Fatal(err)
			}
			for _, c := range checks {
				q := mustQuery(t, c.class, c.raw)
				res, err := e.search(ctx, q)
				if err != nil {
					t.Fatalf("%s: %v", c.raw, err)
				}
				if res.total < c.min || res.total > published {
					t.Errorf("%s: %d hits, want at least %d (of %d)", c.raw, res.total, c.min, published)
				}
				if want := min(res.total, q.q.PerPage); len(res.ids) != want {
					t.Errorf("%s: %d hits on the page, want %d", c.raw, len(res.ids), want)
				}
				if c.min > 0 && len(res.facets["topic"]) == 0 {
					t.Errorf("%s: no topic facet counts", c.raw)
				}
			}
			if n, _, err := e.size(ctx); err != nil || n <= 0 {
				t.Errorf("size %d, %v", n, err)
			}
		})
	}
}

// TestRunMeasuresEveryEngine runs the measuring loop over 50 queries of
// the log and checks that the SQL baselines and lernnetz agree where their
// semantics are the same (filters and radius without text).
func TestRunMeasuresEveryEngine(t *testing.T) {
	ctx := context.Background()
	qs, err := loadQueries(options{maxQueries: 50})
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 50 || len(classOrder(qs)) != len(bench.Classes) {
		t.Fatalf("%d queries in %d classes", len(qs), len(classOrder(qs)))
	}
	reps := map[string]*engineReport{}
	for _, name := range engineNames {
		rep, err := runEngine(ctx, name, runConfig{offers: smokeOffers, seed: 1, passes: 1, queries: qs,
			dir: t.TempDir(), deadline: time.Now().Add(2 * time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Skipped != "" {
			t.Logf("%s skipped: %s", name, rep.Skipped)
			continue
		}
		reps[name] = rep
		if rep.Errors > 0 || rep.Measured != len(qs) || rep.QPS1 <= 0 || rep.QPSAll <= 0 || rep.Partial {
			t.Errorf("%s: %d errors (%s), %d measured, %.0f / %.0f q/s, partial %v", name, rep.Errors, rep.FirstErr,
				rep.Measured, rep.QPS1, rep.QPSAll, rep.Partial)
		}
		if rep.BuildRate <= 0 || rep.RSSBytes <= 0 || rep.Latency.P50 <= 0 || len(rep.Classes) != len(bench.Classes) {
			t.Errorf("%s: incomplete report %+v", name, rep)
		}
	}
	for _, base := range []string{"fts5", "postgres"} {
		other := reps[base]
		if other == nil || reps["lernnetz"] == nil {
			continue
		}
		same, compared := 0, 0
		for i, q := range qs {
			if q.class != bench.ClassFacetsOnly && q.class != bench.ClassRadius {
				continue
			}
			compared++
			if reps["lernnetz"].Totals[i] == other.Totals[i] {
				same++
			} else {
				t.Logf("%s: lernnetz %d, %s %d", q.raw, reps["lernnetz"].Totals[i], base, other.Totals[i])
			}
		}
		if same < compared*8/10 {
			t.Errorf("lernnetz and %s agree on %d of %d filter-only queries", base, same, compared)
		}
	}
	if a, b := reps["fts5"], reps["postgres"]; a != nil && b != nil {
		for i, q := range qs {
			if q.q.Text == "" && a.Totals[i] != b.Totals[i] {
				t.Errorf("%s: fts5 %d, postgres %d: the same SQL should give the same total", q.raw, a.Totals[i], b.Totals[i])
			}
		}
	}
}

func TestReport(t *testing.T) {
	rep, err := run(context.Background(), options{offers: 1000, seed: 1, engines: "fts5,bleve", maxQueries: 16, passes: 1,
		timeout: time.Minute, inProcess: true}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	printReport(&b, rep)
	for _, want := range []string{"fts5", "bleve", "q/s all cores", "frequent-single", "text+facets+radius"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}
