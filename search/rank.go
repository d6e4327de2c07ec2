package search

import (
	"cmp"
	"container/heap"
	"math"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/lernnetz/lernnetz/geo"
)

// cand is a ranked document: ordered by key ascending, then offer id.
type cand struct {
	key float64
	id  int64
	seg int
	doc uint32
}

func cmpCand(a, b cand) int {
	switch {
	case a.key < b.key:
		return -1
	case a.key > b.key:
		return 1
	case a.id < b.id:
		return -1
	case a.id > b.id:
		return 1
	}
	return 0
}

// topK keeps the k best candidates; the worst is at the top of the heap.
type topK struct {
	k int
	h []cand
}

func (t *topK) Len() int           { return len(t.h) }
func (t *topK) Less(i, j int) bool { return cmpCand(t.h[i], t.h[j]) > 0 }
func (t *topK) Swap(i, j int)      { t.h[i], t.h[j] = t.h[j], t.h[i] }
func (t *topK) Push(x any)         { t.h = append(t.h, x.(cand)) }
func (t *topK) Pop() any           { x := t.h[len(t.h)-1]; t.h = t.h[:len(t.h)-1]; return x }

func (t *topK) full() bool  { return len(t.h) >= t.k }
func (t *topK) worst() cand { return t.h[0] }

func (t *topK) offer(c cand) {
	if len(t.h) < t.k {
		heap.Push(t, c)
		return
	}
	if cmpCand(c, t.h[0]) < 0 {
		t.h[0] = c
		heap.Fix(t, 0)
	}
}

// Above this many matches in a segment, relevance ranking first tries the
// champion lists (a variable for tests).
var exhaustiveMax = 20000

// championWins counts rankings answered from the champion lists alone (tests).
var championWins atomic.Int64

// rank returns the k best documents of C in segment s for the sort mode.
func (e *Engine) rank(si int, s *segment, f *filters, ss [][]segAlt, C *roaring.Bitmap, mode string, k int) []cand {
	t := &topK{k: k}
	switch mode {
	case SortRelevance:
		rankRelevance(si, s, ss, C, t)
	case SortPrice:
		if !rankFreeFirst(si, s, f, C, t) {
			rankStatic(si, s, f, C, t, s.byPrice, s.priceKey, priceKey)
		}
	case SortDistance:
		rankDistance(si, s, f, C, t)
	default: // start
		if !rankStartByDays(si, s, f, C, t) {
			rankStatic(si, s, f, C, t, s.byStart, s.startKey, startKey)
		}
	}
	return t.h
}

// rankRelevance finds the best-scoring documents of C. With many matches it
// scores only the documents in some alternative's champion list: a document
// outside all of them scores at most bound (the sum over slots of the best
// impact outside the champion lists); when the k best champions all score
// above bound, they are the exact top k. Otherwise every match is scored.
func rankRelevance(si int, s *segment, ss [][]segAlt, C *roaring.Bitmap, t *topK) {
	n := int(C.GetCardinality())
	if n > exhaustiveMax/10 && len(ss) == 1 && len(ss[0]) == 1 && s.champ[ss[0][0].ti] >= 0 {
		// One word: the champion list carries its levels, nothing else is read.
		a := ss[0][0]
		ci := s.champ[a.ti]
		lv := s.champLvl[s.champOff[ci]:s.champOff[ci+1]]
		bound := a.factor * float64(s.lowMax[a.ti])
		var cands []cand
		above := 0
		k := 0
		s.champs[ci].Iterate(func(d uint32) bool {
			if C.Contains(d) {
				v := a.factor * float64(lv[k])
				if v > bound {
					above++
				}
				cands = append(cands, cand{key: -v, id: s.offerID[d], seg: si, doc: d})
			}
			k++
			return true
		})
		if above >= t.k {
			championWins.Add(1)
			for _, c := range cands {
				t.offer(c)
			}
			return
		}
	}
	if n > exhaustiveMax {
		var bs []*roaring.Bitmap
		bound := 0.0
		for _, alts := range ss {
			slotMax := 0.0
			for _, a := range alts {
				if ci := s.champ[a.ti]; ci >= 0 {
					bs = append(bs, s.champs[ci])
					slotMax = math.Max(slotMax, a.factor*float64(s.lowMax[a.ti]))
				} else {
					bs = append(bs, s.docs(a.ti))
				}
			}
			bound += slotMax
		}
		S := roaring.And(roaring.FastOr(bs...), C)
		if sn := int(S.GetCardinality()); sn >= t.k && sn < n {
			cands := S.ToArray()
			scores := make([]float64, len(cands))
			scoreDocs(s, ss, cands, scores)
			above := 0
			for _, v := range scores {
				if v > bound {
					above++
				}
			}
			if above >= t.k {
				championWins.Add(1)
				for i, d := range cands {
					t.offer(cand{key: -scores[i], id: s.offerID[d], seg: si, doc: d})
				}
				return
			}
		}
	}
	cands := C.ToArray()
	scores := make([]float64, len(cands))
	scoreDocs(s, ss, cands, scores)
	for i, d := range cands {
		t.offer(cand{key: -scores[i], id: s.offerID[d], seg: si, doc: d})
	}
}

// rankStatic ranks by a date key (start, price) that is at least the
// document's static key (the lowest over all its dates, computed at build
// time): when C is dense it walks the documents in static order and stops as
// soon as the static key exceeds the k-th best actual key.
func rankStatic(si int, s *segment, f *filters, C *roaring.Bitmap, t *topK, order []uint32, static []int32,
	key func(s *segment, f *filters, d uint32, scratch *[]int) float64) {
	var scratch []int
	n := C.GetCardinality()
	if n*8 < uint64(s.n) {
		it := C.Iterator()
		for it.HasNext() {
			d := it.Next()
			t.offer(cand{key: key(s, f, d, &scratch), id: s.offerID[d], seg: si, doc: d})
		}
		return
	}
	for i, d := range order {
		if t.full() {
			w := t.worst()
			lb := math.Inf(1)
			if static[i] != noKey {
				lb = float64(static[i])
			}
			if lb > w.key || math.IsInf(lb, 1) && math.IsInf(w.key, 1) && s.offerID[d] > w.id {
				break
			}
		}
		if !C.Contains(d) {
			continue
		}
		t.offer(cand{key: key(s, f, d, &scratch), id: s.offerID[d], seg: si, doc: d})
	}
}

// distanceWalkMax is the number of matches up to which the distance sort
// keys every match; above it, it walks the grid cells nearest first (a
// variable for tests).
var distanceWalkMax = 2000

// rankDistance ranks by distance. With many matches it walks the segment's
// grid cells in the order of their lower-bound distance from the centre,
// keys the not yet seen matches with a date there, and stops as soon as the
// next cell's bound exceeds the k-th best key: a match not seen yet has all
// its located dates in later cells, so its key is at least that bound. The
// matches without a located matching date (key +Inf, ordered by offer id)
// come last.
func rankDistance(si int, s *segment, f *filters, C *roaring.Bitmap, t *topK) {
	var scratch []int
	if C.GetCardinality() <= uint64(distanceWalkMax) || len(s.cells) == 0 {
		it := C.Iterator()
		for it.HasNext() {
			d := it.Next()
			t.offer(cand{key: distanceKey(s, f, d, &scratch), id: s.offerID[d], seg: si, doc: d})
		}
		return
	}
	type cellBound struct {
		lb   float64
		cell uint32
	}
	c := f.circle
	cells := make([]cellBound, 0, len(s.cells))
	for k := range s.cells {
		cells = append(cells, cellBound{c.cellLowerBound(k), k})
	}
	slices.SortFunc(cells, func(a, b cellBound) int { return cmp.Compare(a.lb, b.lb) })
	seen := denseScratch((s.n + 63) / 64)
	defer putDense(seen)
	buf := make([]uint32, 256)
	for _, cb := range cells {
		if t.full() && cb.lb > t.worst().key {
			return // every match not seen yet is farther than the k best
		}
		it := roaring.And(s.cells[cb.cell], C).ManyIterator()
		for n := it.NextMany(buf); n > 0; n = it.NextMany(buf) {
			for _, d := range buf[:n] {
				if seen[d>>6]&(1<<(d&63)) != 0 {
					continue
				}
				seen[d>>6] |= 1 << (d & 63)
				t.offer(cand{key: distanceKey(s, f, d, &scratch), id: s.offerID[d], seg: si, doc: d})
			}
		}
	}
	// The matches not seen have no located date: key +Inf, by offer id
	// (document order).
	if t.full() && !math.IsInf(t.worst().key, 1) {
		return
	}
	it := C.ManyIterator()
	for n := it.NextMany(buf); n > 0; n = it.NextMany(buf) {
		for _, d := range buf[:n] {
			if seen[d>>6]&(1<<(d&63)) != 0 {
				continue
			}
			if t.full() && s.offerID[d] > t.worst().id {
				return
			}
			t.offer(cand{key: distanceKey(s, f, d, &scratch), id: s.offerID[d], seg: si, doc: d})
		}
	}
}

// priceFreeFirst enables rankFreeFirst (a variable for tests).
var priceFreeFirst = true

// rankFreeFirst ranks by price when many documents match and enough of them
// have a matching free date: the lowest key, 0, ordered by offer id, so the
// free matches in document order are the answer as soon as k of them are
// found. A key of 0 needs a free date that has not ended, and those
// documents are in the "free" bitmap. It reports false (leaving t empty)
// when the free matches do not fill the page.
func rankFreeFirst(si int, s *segment, f *filters, C *roaring.Bitmap, t *topK) bool {
	if !priceFreeFirst || C.GetCardinality()*8 < uint64(s.n) {
		return false
	}
	var scratch []int
	it := roaring.And(C, s.code(keyFree)).ManyIterator()
	buf := make([]uint32, 256)
	for n := it.NextMany(buf); n > 0; n = it.NextMany(buf) {
		for _, d := range buf[:n] {
			if t.full() && t.worst().key == 0 && s.offerID[d] > t.worst().id {
				return true
			}
			t.offer(cand{key: priceKey(s, f, d, &scratch), id: s.offerID[d], seg: si, doc: d})
		}
	}
	if t.full() && t.worst().key == 0 {
		return true
	}
	t.h = t.h[:0]
	return false
}

// startDays are, for a segment with date slots, the Berlin days on which
// some date of the slots starts, ascending, with the documents of each (the
// union over the slots' day bitmaps). Derived on first use.
type startDays struct {
	once sync.Once
	days []int32
	docs []*roaring.Bitmap
}

func (s *segment) startDayIndex() *startDays {
	sd := &s.byDay
	sd.once.Do(func() {
		per := map[int32][]*roaring.Bitmap{}
		for _, si := range s.slots {
			for d, b := range si.days {
				per[d] = append(per[d], b)
			}
		}
		sd.days = make([]int32, 0, len(per))
		for d := range per {
			sd.days = append(sd.days, d)
		}
		slices.Sort(sd.days)
		sd.docs = make([]*roaring.Bitmap, len(sd.days))
		for i, d := range sd.days {
			sd.docs[i] = roaring.FastOr(per[d]...)
		}
	})
	return sd
}

// startDaysMin is the number of matches from which the start sort walks
// the start days (a variable for tests).
var startDaysMin = 20000

// rankStartByDays ranks by start for many matches in a segment with date
// slots: the documents whose date filters the slots decide are walked day by
// day from the first day of the start window, keyed exactly, until the next
// day begins after the k-th best key — a document not seen yet has no date
// starting before that day (dates without a fixed start do not count for the
// key). The others (more than maxSlots dates, a date ended since the build)
// are keyed first; the matches without a fixed matching date (+Inf) come
// last by offer id. It reports false when it does not apply.
func rankStartByDays(si int, s *segment, f *filters, C *roaring.Bitmap, t *topK) bool {
	if len(s.slots) == 0 || C.GetCardinality() < uint64(startDaysMin) {
		return false
	}
	var scratch []int
	offer := func(d uint32) {
		t.offer(cand{key: startKey(s, f, d, &scratch), id: s.offerID[d], seg: si, doc: d})
	}
	elig := s.slotEligible(f.now)
	roaring.AndNot(C, elig).Iterate(func(d uint32) bool { offer(d); return true })
	sd := s.startDayIndex()
	first := 0
	if f.active&bStart != 0 && f.fromUnix != math.MinInt64 {
		lo := dayOf(time.Unix(f.fromUnix, 0))
		first = sort.Search(len(sd.days), func(i int) bool { return sd.days[i] >= lo })
	}
	seen := denseScratch((s.n + 63) / 64)
	defer putDense(seen)
	buf := make([]uint32, 256)
	for i := first; i < len(sd.days); i++ {
		if t.full() && float64(toMinutes(dayStart(sd.days[i]))) > t.worst().key {
			return true
		}
		it := roaring.And(sd.docs[i], C).ManyIterator()
		for n := it.NextMany(buf); n > 0; n = it.NextMany(buf) {
			for _, d := range buf[:n] {
				if seen[d>>6]&(1<<(d&63)) != 0 || !elig.Contains(d) {
					continue
				}
				seen[d>>6] |= 1 << (d & 63)
				offer(d)
			}
		}
	}
	if t.full() && !math.IsInf(t.worst().key, 1) {
		return true
	}
	it := roaring.And(C, elig).ManyIterator()
	for n := it.NextMany(buf); n > 0; n = it.NextMany(buf) {
		for _, d := range buf[:n] {
			if seen[d>>6]&(1<<(d&63)) != 0 {
				continue
			}
			if t.full() && s.offerID[d] > t.worst().id {
				return true
			}
			offer(d)
		}
	}
	return true
}

// startKey is the start of the document's next matching date; +Inf when it
// has none with a fixed start.
func startKey(s *segment, f *filters, d uint32, scratch *[]int) float64 {
	*scratch = f.matchingDates(s, d, (*scratch)[:0])
	k := int32(noMinute)
	for _, j := range *scratch {
		k = min(k, s.dates[j].start)
	}
	if k == noMinute {
		return math.Inf(1)
	}
	return float64(k)
}

// priceKey is the price of the document's cheapest matching date; +Inf when
// no matching date has a known price.
func priceKey(s *segment, f *filters, d uint32, scratch *[]int) float64 {
	*scratch = f.matchingDates(s, d, (*scratch)[:0])
	k := int64(noTime)
	for _, j := range *scratch {
		if p := s.dates[j].price; p >= 0 {
			k = min(k, int64(p))
		}
	}
	if k == noTime {
		return math.Inf(1)
	}
	return float64(k)
}

// distanceKey is the distance to the nearest located venue of the
// document's matching dates; +Inf when none has one.
func distanceKey(s *segment, f *filters, d uint32, scratch *[]int) float64 {
	*scratch = f.matchingDates(s, d, (*scratch)[:0])
	best := math.Inf(1)
	for _, j := range *scratch {
		if r := &s.dates[j]; r.flags&dfHasGeo != 0 {
			best = math.Min(best, geo.Distance(f.circle.lat, f.circle.lon, float64(r.lat), float64(r.lon)))
		}
	}
	return best
}
