package search_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/demo"
	"github.com/lernnetz/lernnetz/exchange"
	"github.com/lernnetz/lernnetz/internal/shared"
	"github.com/lernnetz/lernnetz/search"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/storage/storetest"
)

// pas1045File finds the real WDB Brandenburg export in shared/ beside the
// repository.
func pas1045File(t *testing.T) string { return shared.Path(t, shared.PAS1045) }

// TestJudgedQueries runs the committed judged queries (testdata/judged.tsv)
// over the real PAS 1045 file and the Saarland demo: every expected offer
// must be among the first five hits.
func TestJudgedQueries(t *testing.T) {
	ctx := context.Background()
	// The real file's dates are from 2022: the store, the importer and the
	// engine run as of then, so its offers are published rather than expired;
	// the demo is generated around the same day.
	now := time.Date(2022, 5, 10, 12, 0, 0, 0, catalogue.Berlin)
	clock := func() time.Time { return now }
	store := storetest.OpenSQLite(t, storage.WithClock(clock))
	if err := demo.Load(ctx, store, now); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(pas1045File(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	im := &exchange.Importer{Store: store, Now: clock}
	if _, err := im.Import(ctx, f, exchange.Options{FileName: "wdb-brandenburg-2022-05-10.xml"}); err != nil {
		t.Fatal(err)
	}
	engine := search.NewEngine(store, search.WithClock(clock))
	if err := engine.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}

	judged, err := os.Open(filepath.Join("testdata", "judged.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer judged.Close()
	sc := bufio.NewScanner(judged)
	queries := 0
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		q, want, ok := strings.Cut(text, "\t")
		if !ok {
			t.Fatalf("judged.tsv:%d: want query<TAB>expected ids", line)
		}
		queries++
		res, err := engine.Search(ctx, search.Query{Text: q, Page: 1, PerPage: 5, Sort: search.SortRelevance, Online: search.OnlineInclude, RadiusKm: 25})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		var top []string
		for _, h := range res.Hits {
			o, err := store.Offer(ctx, h.OfferID)
			if err != nil {
				t.Fatal(err)
			}
			top = append(top, o.Provenance.Source+":"+o.Provenance.SourceID+" "+o.Title)
		}
		for _, id := range strings.Split(want, ",") {
			found := false
			for _, got := range top {
				if strings.HasPrefix(got, id+" ") {
					found = true
				}
			}
			if !found {
				t.Errorf("judged.tsv:%d: %q: %s is not in the top 5:\n  %s", line, q, id, strings.Join(top, "\n  "))
			}
		}
	}
	if queries < 15 {
		t.Fatalf("only %d judged queries", queries)
	}
}
