package main

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/lernnetz/lernnetz/bench"
	"github.com/lernnetz/lernnetz/search"
)

// benchQuery is one query of the log, parsed.
type benchQuery struct {
	class string
	raw   string
	q     search.Query
}

func parseQueries(qs []bench.Query) ([]benchQuery, error) {
	out := make([]benchQuery, 0, len(qs))
	for i, q := range qs {
		sq, err := search.ParseQuery(q.Values)
		if err != nil {
			return nil, fmt.Errorf("query %d (%s): %w", i+1, q.Raw, err)
		}
		out = append(out, benchQuery{class: q.Class, raw: q.Raw, q: sq})
	}
	return out, nil
}

// result is what every engine returns for a query.
type result struct {
	total  int
	ids    []int64
	facets map[string]map[string]int
}

// engine is a search engine under test.
type engine interface {
	// build indexes the published offers of src.
	build(ctx context.Context, src *source) error
	// search answers one query with one page of hits, the total and facet
	// counts.
	search(ctx context.Context, q *benchQuery) (*result, error)
	// size is the index's size in bytes and where it lives ("disk",
	// "memory", "database").
	size(ctx context.Context) (int64, string, error)
	close() error
}

// engineNames lists the engines in the order of the report.
var engineNames = []string{"lernnetz", "fts5", "postgres", "bleve"}

// newEngine makes the engine called name, with dir for its files. It
// returns a reason instead when the engine cannot run here.
func newEngine(name, dir string) (engine, string, error) {
	switch name {
	case "lernnetz":
		return &lernnetzEngine{}, "", nil
	case "fts5":
		return &fts5Engine{dir: dir}, "", nil
	case "postgres":
		dsn := postgresDSN()
		if dsn == "" {
			return nil, "set LERNNETZ_BENCH_POSTGRES or LERNNETZ_TEST_POSTGRES to a DSN", nil
		}
		return &postgresEngine{dsn: dsn}, "", nil
	case "bleve":
		return &bleveEngine{dir: dir}, "", nil
	}
	return nil, "", fmt.Errorf("unknown engine %q (want %v)", name, engineNames)
}

// dirSize adds up the sizes of the files under dir.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	return n, err
}

// facetMaps returns lernnetz's facets as maps, for comparing engines.
func facetMaps(f map[string][]search.FacetCount) map[string]map[string]int {
	out := map[string]map[string]int{}
	for name, cs := range f {
		m := map[string]int{}
		for _, c := range cs {
			if c.Count > 0 {
				m[c.Code] = c.Count
			}
		}
		out[name] = m
	}
	return out
}
