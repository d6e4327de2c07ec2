package search

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/lernnetz/lernnetz/catalogue"
)

// Follow parameters.
const (
	// rebuildWindow is how many change-log positions before the position
	// seen at the start of a Rebuild are re-applied by Follow: on PostgreSQL
	// a transaction that took its sequence number earlier may commit later.
	rebuildWindow = 1000
	// gapTimeout is how long Follow waits for a missing sequence number (a
	// transaction still open, or one rolled back) before giving up on it.
	gapTimeout = 2 * time.Minute
	// changesPage is how many changes are read at once.
	changesPage = 1000
	// idsPage is how many offers are re-read at once (the store's limit).
	idsPage = 1000
)

// followState tracks the change log. Every change up to floor is applied;
// above it, applied holds the sequence numbers applied and gaps those not
// (yet) seen, with when they were first missed.
type followState struct {
	floor   int64
	applied map[int64]bool
	gaps    map[int64]time.Time
}

func (fs *followState) reset(floor int64) {
	fs.floor = floor
	fs.applied = map[int64]bool{}
	fs.gaps = map[int64]time.Time{}
}

// Rebuild builds a fresh index of every published offer in the store and
// swaps it in; searches keep using the old index until then. Changes made
// while it runs are picked up by Follow.
func (e *Engine) Rebuild(ctx context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	began := time.Now()
	old := e.cur.Load()
	pos, err := e.latestSeq(ctx, old.seq)
	if err != nil {
		return err
	}
	// The changes of the last rebuildWindow positions that are visible now
	// are in what the walk reads; those not visible yet (open transactions
	// on PostgreSQL) are left to Follow.
	floor := max(0, pos-rebuildWindow)
	var visible []int64
	for after := floor; after < pos; {
		cs, err := e.store.Changes(ctx, after, changesPage)
		if err != nil {
			return fmt.Errorf("search: read change log: %w", err)
		}
		for _, c := range cs {
			if c.Seq <= pos {
				visible = append(visible, c.Seq)
			}
		}
		if len(cs) < changesPage {
			break
		}
		after = cs[len(cs)-1].Seq
	}
	now := e.now()
	b := newSegBuilder(now, 0)
	if err := e.analyseAll(ctx, e.storePages, func(recs []*docRec) {
		for _, r := range recs {
			b.add(r)
		}
	}); err != nil {
		return err
	}
	seg := b.finish()
	st := newState([]*segment{seg}, []*roaring.Bitmap{nil})
	st.avgLen = avgLen(seg)
	st.builtAt, st.updatedAt = now, now
	st.seq = floor
	e.follow.reset(floor)
	for _, seq := range visible {
		e.follow.applied[seq] = true
	}
	e.cur.Store(st)
	took := time.Since(began)
	e.log.Info("search: index rebuilt", "offers", seg.n, "terms", seg.numTerms(), "postings", len(seg.pay),
		"took", took.Round(time.Millisecond), "offers_per_s", int(float64(seg.n)/took.Seconds()))
	return nil
}

func avgLen(s *segment) float64 {
	if s.n == 0 {
		return defaultAvgLen
	}
	return s.sumLen / float64(s.n)
}

// storePages reads the published offers after id from the store, a page at a
// time.
func (e *Engine) storePages(ctx context.Context, after int64) ([]*catalogue.Offer, error) {
	offers, _, err := e.store.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusPublished,
		Ascending: true, AfterID: after, SkipTotal: true, Page: catalogue.Page{Limit: 1000}})
	if err != nil {
		return nil, fmt.Errorf("search: rebuild: %w", err)
	}
	return offers, nil
}

// analyseAll reads pages of offers in id order from next (until an empty
// page), analyses them in parallel (one worker per CPU) and hands the records
// to add in id order.
func (e *Engine) analyseAll(ctx context.Context, next func(ctx context.Context, after int64) ([]*catalogue.Offer, error), add func([]*docRec)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		offers []*catalogue.Offer
		done   chan []*docRec
	}
	workers := max(1, runtime.GOMAXPROCS(0))
	jobs := make(chan *job, workers*2)
	ordered := make(chan *job, workers*2)
	errc := make(chan error, 1)
	go func() {
		defer close(jobs)
		defer close(ordered)
		after := int64(0)
		for {
			offers, err := next(ctx, after)
			if err != nil {
				errc <- err
				return
			}
			if len(offers) == 0 {
				return
			}
			after = offers[len(offers)-1].ID
			j := &job{offers: offers, done: make(chan []*docRec, 1)}
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
			select {
			case ordered <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	for w := 0; w < workers; w++ {
		go func() {
			ra := newRecAnalyzer(e.analyzer)
			for j := range jobs {
				recs := make([]*docRec, len(j.offers))
				for i, o := range j.offers {
					if o.Status == catalogue.StatusPublished {
						recs[i] = ra.analyse(o)
					}
				}
				j.done <- recs
			}
		}()
	}
	for j := range ordered {
		select {
		case recs := <-j.done:
			recs = slices.DeleteFunc(recs, func(r *docRec) bool { return r == nil })
			add(recs)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	select {
	case err := <-errc:
		return err
	default:
	}
	return ctx.Err()
}

// latestSeq returns the highest sequence number in the change log (at least
// from): an exponential, then binary search with one-row reads.
func (e *Engine) latestSeq(ctx context.Context, from int64) (int64, error) {
	has := func(after int64) (int64, bool, error) {
		cs, err := e.store.Changes(ctx, after, 1)
		if err != nil {
			return 0, false, fmt.Errorf("search: read change log: %w", err)
		}
		if len(cs) == 0 {
			return 0, false, nil
		}
		return cs[0].Seq, true, nil
	}
	s, ok, err := has(from)
	if err != nil || !ok {
		return from, err
	}
	lo := s // a change at lo exists
	step := int64(1024)
	hi := lo + step
	for {
		s, ok, err := has(hi)
		if err != nil {
			return 0, err
		}
		if !ok {
			break // nothing above hi
		}
		lo = s
		step *= 2
		hi = lo + step
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		s, ok, err := has(mid)
		if err != nil {
			return 0, err
		}
		if ok {
			lo = s
		} else {
			hi = mid
		}
	}
	for { // at most a step or two: a change may sit at hi
		s, ok, err := has(lo)
		if err != nil {
			return 0, err
		}
		if !ok {
			return lo, nil
		}
		lo = s
	}
}

// Follow applies the store's changes to the index every interval until ctx
// ends: saved offers are re-read and re-indexed, deleted (or no longer
// published) ones removed; a saved provider re-indexes its offers (its name
// is searchable), a saved venue the offers with dates there. Errors are
// logged and retried at the next tick.
func (e *Engine) Follow(ctx context.Context, interval time.Duration) {
	if interval <= 0 {
		interval = 500 * time.Millisecond
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := e.Poll(ctx); err != nil && ctx.Err() == nil {
			e.log.Warn("search: following the change log", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Poll applies the changes committed since the last call once (Follow calls
// it every interval).
func (e *Engine) Poll(ctx context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	fs := &e.follow
	if fs.applied == nil {
		fs.reset(e.cur.Load().seq)
	}
	var batch []catalogue.Change
	seen := map[int64]bool{}
	highest := fs.floor
	after := fs.floor
	for page := 0; page < 50; page++ {
		cs, err := e.store.Changes(ctx, after, changesPage)
		if err != nil {
			return fmt.Errorf("search: read change log: %w", err)
		}
		for _, c := range cs {
			seen[c.Seq] = true
			highest = max(highest, c.Seq)
			if !fs.applied[c.Seq] {
				batch = append(batch, c)
			}
		}
		if len(cs) < changesPage {
			break
		}
		after = cs[len(cs)-1].Seq
	}
	if len(batch) > 0 {
		if err := e.apply(ctx, batch); err != nil {
			return err
		}
		for _, c := range batch {
			fs.applied[c.Seq] = true
		}
	}
	now := time.Now()
	for s := fs.floor + 1; s <= highest; s++ {
		if !fs.applied[s] && !seen[s] {
			if _, ok := fs.gaps[s]; !ok {
				fs.gaps[s] = now
			}
		}
	}
	for fs.floor < highest {
		next := fs.floor + 1
		if fs.applied[next] {
			delete(fs.applied, next)
		} else if t, ok := fs.gaps[next]; ok && now.Sub(t) > gapTimeout {
			delete(fs.gaps, next)
			e.log.Warn("search: change log gap given up", "seq", next)
		} else {
			break
		}
		fs.floor = next
	}
	if st := e.cur.Load(); st.seq != fs.floor {
		ns := *st
		ns.seq = fs.floor
		e.cur.Store(&ns)
	}
	return nil
}

// apply re-indexes the offers a batch of changes concerns.
func (e *Engine) apply(ctx context.Context, changes []catalogue.Change) error {
	st := e.cur.Load()
	touched := map[int64]bool{}
	for _, c := range changes {
		switch c.Entity {
		case "offer":
			touched[c.EntityID] = true
		case "provider", "venue":
			for i, s := range st.segs {
				m := s.providers
				if c.Entity == "venue" {
					m = s.venues
				}
				if b := m[c.EntityID]; b != nil {
					roaring.And(b, st.live[i]).Iterate(func(d uint32) bool {
						touched[s.offerID[d]] = true
						return true
					})
				}
			}
		}
	}
	if len(touched) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var offers []*catalogue.Offer
	for i := 0; i < len(ids); i += idsPage {
		chunk := ids[i:min(len(ids), i+idsPage)]
		os, _, err := e.store.Offers(ctx, catalogue.OfferFilter{IDs: chunk, Status: catalogue.StatusPublished,
			Ascending: true, SkipTotal: true, Page: catalogue.Page{Limit: len(chunk)}})
		if err != nil {
			return fmt.Errorf("search: re-read changed offers: %w", err)
		}
		offers = append(offers, os...)
	}
	slices.SortFunc(offers, func(a, b *catalogue.Offer) int { return cmpInt64(a.ID, b.ID) })
	now := e.now()
	var seg *segment
	if len(offers) > 0 {
		ra := newRecAnalyzer(e.analyzer)
		b := newSegBuilder(now, st.avgLen)
		for _, o := range offers {
			b.add(ra.analyse(o))
		}
		seg = b.finish()
	}
	// Mark every old version dead.
	dead := slices.Clone(st.dead)
	for i, s := range st.segs {
		var nd *roaring.Bitmap
		for _, id := range ids {
			if d := s.find(id); d >= 0 && st.live[i].Contains(uint32(d)) {
				if nd == nil {
					if dead[i] != nil {
						nd = dead[i].Clone()
					} else {
						nd = roaring.New()
					}
				}
				nd.Add(uint32(d))
			}
		}
		if nd != nil {
			dead[i] = nd
		}
	}
	segs := slices.Clone(st.segs)
	if seg != nil {
		segs = append(segs, seg)
		dead = append(dead, nil)
	}
	segs, dead = e.compact(segs, dead, st.avgLen)
	ns := newState(segs, dead)
	ns.seq, ns.avgLen, ns.builtAt, ns.updatedAt = st.seq, st.avgLen, st.builtAt, now
	if ns.avgLen == 0 {
		ns.avgLen = defaultAvgLen
	}
	e.cur.Store(ns)
	e.log.Debug("search: changes applied", "changes", len(changes), "offers", len(ids), "indexed", len(offers), "segments", len(segs))
	return nil
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// compact merges segments so that there are few: the newest segments are
// merged while the older one is at most twice as large (so every document
// is merged O(log n) times), and everything is merged into a new base when
// the later segments hold more than a quarter of the base or a segment is
// mostly dead.
func (e *Engine) compact(segs []*segment, dead []*roaring.Bitmap, avg float64) ([]*segment, []*roaring.Bitmap) {
	liveOf := func(i int) int {
		if dead[i] == nil {
			return segs[i].n
		}
		return segs[i].n - int(dead[i].GetCardinality())
	}
	for len(segs) > 2 {
		last, prev := len(segs)-1, len(segs)-2
		if liveOf(prev) > 2*liveOf(last) && len(segs) <= 8 {
			break
		}
		m := mergeSegments(segs[prev:], dead[prev:])
		segs = append(segs[:prev:prev], m)
		dead = append(dead[:prev:prev], nil)
	}
	if len(segs) > 1 {
		base := liveOf(0)
		rest := 0
		for i := 1; i < len(segs); i++ {
			rest += liveOf(i)
		}
		if rest*4 > base || base*2 < segs[0].n {
			m := mergeSegments(segs, dead)
			return []*segment{m}, []*roaring.Bitmap{nil}
		}
	}
	return segs, dead
}
