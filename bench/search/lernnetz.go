package main

import (
	"context"
	"os"
	"time"

	"github.com/lernnetz/lernnetz/internal/gen"
	"github.com/lernnetz/lernnetz/search"
)

// lernnetzEngine is lernnetz's own engine, built by Rebuild from a
// read-only store over the generator (gen.Store): the offers stream from
// the generator into the index without a database in between.
type lernnetzEngine struct {
	e        *search.Engine
	snapshot string // load from this file when it exists; else build and save it there
}

func (l *lernnetzEngine) build(ctx context.Context, src *source) error {
	now := src.now
	l.e = search.NewEngine(gen.NewStore(src.g), search.WithClock(func() time.Time { return now }))
	if l.snapshot != "" {
		if _, err := os.Stat(l.snapshot); err == nil {
			return l.e.LoadSnapshotFile(l.snapshot)
		}
	}
	if err := l.e.Rebuild(ctx); err != nil {
		return err
	}
	if l.snapshot != "" {
		return l.e.SaveSnapshotFile(l.snapshot)
	}
	return nil
}

func (l *lernnetzEngine) search(ctx context.Context, q *benchQuery) (*result, error) {
	res, err := l.e.Search(ctx, q.q)
	if err != nil {
		return nil, err
	}
	out := &result{total: res.Total, facets: facetMaps(res.Facets)}
	for _, h := range res.Hits {
		out.ids = append(out.ids, h.OfferID)
	}
	return out, nil
}

func (l *lernnetzEngine) size(context.Context) (int64, string, error) {
	return l.e.Stats().MemoryBytes, "memory", nil
}

func (l *lernnetzEngine) close() error { return nil }
