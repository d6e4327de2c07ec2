package search

import (
	"context"
	"slices"
	"sort"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/lernnetz/lernnetz/geo"
)

// defaultRadiusKm applies when a Query has Near but no radius.
const defaultRadiusKm = 25

// Search answers q: the matching published offers, one page of them in the
// requested order, facet counts and a spelling suggestion. An unknown Near
// is returned as the gazetteer's *geo.UnknownPlaceError. Search never
// blocks on index updates.
func (e *Engine) Search(ctx context.Context, q Query) (*Result, error) {
	began := time.Now()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st := e.cur.Load()
	now := e.now()
	q = normalizeQuery(q)

	res := &Result{Hits: []Hit{}}
	var circ *circle
	if q.Near != "" {
		p, err := e.gaz.Resolve(q.Near)
		if err != nil {
			return nil, err
		}
		res.Place = &p
		circ = newCircle(p.Lat, p.Lon, q.RadiusKm)
	}
	f := compileFilters(&q, now.Unix(), circ)

	var slots []slot
	if q.Text != "" {
		slots, res.DidYouMean = e.plan(st, q.Text)
	}
	mode := q.Sort
	if mode == SortRelevance && len(slots) == 0 {
		mode = SortStart
	}
	if mode == SortDistance && circ == nil {
		mode = SortStart
	}
	k := q.Page * q.PerPage

	fa := newFacetAcc()
	var top []cand
	total := 0
	for i, s := range st.segs {
		if i%4 == 3 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		sr := e.searchSegment(st, i, s, f, slots, mode, k, fa)
		total += sr.total
		top = append(top, sr.top...)
	}
	slices.SortFunc(top, cmpCand)
	res.Total = total
	res.Facets = fa.result(&q)
	if off := (q.Page - 1) * q.PerPage; off < len(top) {
		top = top[off:min(len(top), off+q.PerPage)]
	} else {
		top = nil
	}
	for _, c := range top {
		res.Hits = append(res.Hits, e.hit(st, c, f, slots))
	}
	if total == 0 && len(slots) > 0 && res.DidYouMean == "" {
		res.DidYouMean = e.suggestSpelling(st, slots)
	}
	e.qlog.record(&q, res.Total, time.Since(began), now)
	return res, nil
}

func normalizeQuery(q Query) Query {
	if q.Page < 1 {
		q.Page = 1
	}
	if q.PerPage < 1 {
		q.PerPage = 20
	}
	q.Page = min(q.Page, MaxPage)
	q.PerPage = min(q.PerPage, MaxPerPage)
	if q.RadiusKm <= 0 {
		q.RadiusKm = defaultRadiusKm
	}
	q.RadiusKm = min(q.RadiusKm, MaxRadiusKm)
	if q.Sort == "" {
		q.Sort = SortRelevance
	}
	if q.Online == "" {
		q.Online = OnlineInclude
	}
	return q
}

type segResult struct {
	total int
	top   []cand
}

// searchSegment matches, counts and ranks in one segment.
func (e *Engine) searchSegment(st *state, si int, s *segment, f *filters, slots []slot, mode string, k int, fa *facetAcc) segResult {
	live := st.live[si]
	var ss [][]segAlt
	T := live
	if len(slots) > 0 {
		ss = segSlots(s, slots)
		T = textMatch(s, live, ss)
	}
	if T.IsEmpty() {
		return segResult{}
	}
	// Offer filters: O[i] is the bitmap of active dimension i.
	O := make([]*roaring.Bitmap, len(f.offer))
	for i := range f.offer {
		O[i] = f.offer[i].bitmap(s)
	}
	andAll := func(base *roaring.Bitmap, skip int) *roaring.Bitmap {
		out := base
		copied := false
		for i, b := range O {
			if i == skip {
				continue
			}
			if !copied {
				out = roaring.And(out, b)
				copied = true
			} else {
				out.And(b)
			}
		}
		return out
	}
	TO := andAll(T, -1)
	// T ∩ O without dimension i, for the facets of active dimensions.
	pre := make([]*roaring.Bitmap, len(O))
	for i := range O {
		if f.offer[i].facet != "" {
			pre[i] = andAll(T, i)
		}
	}

	C := TO
	var DM *roaring.Bitmap // documents with a date passing every date filter
	if f.active != 0 {
		// With many documents, the date slots; else one pass over every
		// document that can matter: for the match (and the offer facets),
		// those matching the text and the approximations of all date
		// filters; for the facet of an active date filter, those matching
		// everything else.
		base := T
		if len(O) >= 2 {
			var us []*roaring.Bitmap
			for i := range O {
				if pre[i] != nil {
					us = append(us, pre[i])
				}
			}
			us = append(us, TO)
			base = roaring.FastOr(us...)
		}
		var pc passCounts
		if useSlots(s, base) {
			DM = f.slotMatch(s, base, TO, &pc)
		} else {
			parts := []*roaring.Bitmap{f.approxAll(s, base, f.active)}
			for _, df := range dateFacets {
				if f.active&df.bit != 0 {
					parts = append(parts, f.approxAll(s, TO, f.active&^df.bit))
				}
			}
			domain := parts[0]
			if len(parts) > 1 {
				domain = roaring.FastOr(parts...)
			}
			DM = f.datePass(s, domain, TO, f.active, true, &pc)
		}
		C = roaring.And(TO, DM)
		fa.addPass(&pc)
	} else {
		e.countDatesFast(s, f, C, fa)
	}
	total := int(C.GetCardinality())

	// Offer facets: the inactive ones over the matches, each active one
	// over the matches without its own filter.
	counts := fa.counts
	anyActive := false
	for i := range f.offer {
		anyActive = anyActive || f.offer[i].facet != ""
	}
	if anyActive {
		counts = make([]int, len(facetCodes))
	}
	s.countFacets(C, 0, numOfferCodes, counts)
	for _, name := range offerFacetNames {
		r := facetRange[name]
		active := -1
		for i := range f.offer {
			if f.offer[i].facet == name {
				active = i
			}
		}
		switch {
		case active >= 0:
			base := pre[active]
			if DM != nil {
				base = roaring.And(base, DM)
			}
			s.countFacets(base, r[0], r[1], fa.counts)
		case anyActive:
			for id := r[0]; id < r[1]; id++ {
				fa.counts[id] += counts[id]
			}
		}
	}
	if total == 0 {
		return segResult{}
	}
	return segResult{total: total, top: e.rank(si, s, f, ss, C, mode, k)}
}

// countDatesFast counts the date facet values of the documents in X when no
// date filter applies: from the date bitmaps, corrected by an exact pass over
// the documents whose dates ended since the segment was built.
func (e *Engine) countDatesFast(s *segment, f *filters, X *roaring.Bitmap, fa *facetAcc) {
	stale := s.stale(f.now)
	clean := X
	if stale != nil {
		clean = roaring.AndNot(X, stale)
		dirty := roaring.And(X, stale)
		if !dirty.IsEmpty() {
			var pc passCounts
			f.datePass(s, dirty, nil, 0, true, &pc)
			fa.addPass(&pc)
		}
	}
	s.countFacets(clean, numOfferCodes, len(facetCodes), fa.counts)
}

// hit builds the Hit of a ranked candidate.
func (e *Engine) hit(st *state, c cand, f *filters, slots []slot) Hit {
	s := st.segs[c.seg]
	h := Hit{OfferID: c.id, DateIDs: []int64{}}
	dates := f.matchingDates(s, c.doc, nil)
	sort.SliceStable(dates, func(a, b int) bool { return s.dates[dates[a]].start < s.dates[dates[b]].start })
	best := -1.0
	for _, j := range dates {
		h.DateIDs = append(h.DateIDs, s.dateID[j])
		if r := &s.dates[j]; f.circle != nil && r.flags&dfHasGeo != 0 {
			d := geo.Distance(f.circle.lat, f.circle.lon, float64(r.lat), float64(r.lon))
			if best < 0 || d < best {
				best = d
			}
		}
	}
	if best >= 0 {
		h.DistanceKm = &best
	}
	if len(slots) > 0 {
		ss := segSlots(s, slots)
		for i, alts := range ss {
			m := Match{Term: slots[i].text}
			var mask uint16
			bestV := 0.0
			for _, a := range alts {
				p := s.payloadOf(a.ti, c.doc)
				if p == 0 {
					continue
				}
				m.Matched = append(m.Matched, s.term(a.ti))
				mask |= payMask(p)
				bestV = max(bestV, a.factor*float64(payLevel(p)))
			}
			h.Score += bestV
			for fi := 0; fi < numFields; fi++ {
				if mask&(1<<fi) != 0 {
					m.Fields = append(m.Fields, fieldNames[fi])
				}
			}
			if len(m.Matched) > 0 {
				h.Why = append(h.Why, m)
			}
		}
	}
	return h
}

// slotsMin is the number of documents to check from which the date slots
// beat checking date by date (a variable for tests).
var slotsMin = 20000

func useSlots(s *segment, domain *roaring.Bitmap) bool {
	return len(s.slots) > 0 && domain.GetCardinality() >= uint64(slotsMin)
}
