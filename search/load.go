package search

import (
	"context"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/lernnetz/lernnetz/catalogue"
)

// buildFromOffers indexes offers held in memory (tests, benchmarks and
// tools that have no store): the published ones become the base segment,
// replacing the index. offers must be sorted by id and carry their
// provider's name and their dates' venues, as the store returns them.
func (e *Engine) buildFromOffers(ctx context.Context, offers []*catalogue.Offer) error {
	next := func(_ context.Context, after int64) ([]*catalogue.Offer, error) {
		i := sort.Search(len(offers), func(i int) bool { return offers[i].ID > after })
		var page []*catalogue.Offer
		for ; i < len(offers) && len(page) < 1000; i++ {
			if offers[i].Status == catalogue.StatusPublished {
				page = append(page, offers[i])
			}
		}
		if len(page) == 0 && i < len(offers) {
			// a page of unpublished offers only: skip ahead
			return []*catalogue.Offer{{ID: offers[i-1].ID, Status: "skip"}}, nil
		}
		return page, nil
	}
	return e.buildFromPages(ctx, next)
}

// buildFromPages indexes the offers that next returns, page by page in
// ascending id, as the new base segment.
func (e *Engine) buildFromPages(ctx context.Context, next func(ctx context.Context, after int64) ([]*catalogue.Offer, error)) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.now()
	b := newSegBuilder(now, 0)
	err := e.analyseAll(ctx, next, func(recs []*docRec) {
		for _, r := range recs {
			if r != nil {
				b.add(r)
			}
		}
	})
	if err != nil {
		return err
	}
	seg := b.finish()
	st := newState([]*segment{seg}, []*roaring.Bitmap{nil})
	st.avgLen = avgLen(seg)
	st.builtAt, st.updatedAt = now, now
	e.follow.reset(0)
	e.cur.Store(st)
	return nil
}
