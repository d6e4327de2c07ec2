package search

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
)

// Positional date slots turn the "same date" conjunction of date filters into
// bitmap algebra: slot k holds, in document space, bitmaps of what the k-th
// date of each document is (time pattern, day time, step-free venue, free,
// online, without fixed start, start month and day, price bucket, grid cell).
// A document has a date passing every filter iff for some k it is in the
// intersection of slot k's bitmaps for the filters. Documents with more than
// maxSlots dates are kept out of the slots (overflow) and checked date by
// date, as are documents with a date that ended after the segment was built.
const maxSlots = 16

// slotRuns counts evaluations through the slots (tests).
var slotRuns atomic.Int64

// Slot flags.
const (
	sfPattern   = 0  // 5: time patterns in vocabulary order
	sfDay       = 5  // 4: day times in vocabulary order
	sfAccess    = 9  // step-free venue
	sfFree      = 10 // free of charge
	sfOnline    = 11 // online: the offer has an online delivery mode, or no venue
	sfUndated   = 12 // no fixed start
	numSlotFlag = 13
)

// priceBounds are the upper bounds (cents, inclusive) of the price buckets;
// the last bucket holds everything above.
var priceBounds = []int32{0, 5000, 10000, 15000, 20000, 30000, 50000, 75000, 100000, 150000, 200000, 300000, 500000, math.MaxInt32}

func priceBucket(p int32) int {
	for i, b := range priceBounds {
		if p <= b {
			return i
		}
	}
	return len(priceBounds) - 1
}

// slotIndex is one slot's bitmaps. Only dates that had not ended when the
// segment was built are in them.
type slotIndex struct {
	flags  [numSlotFlag]*roaring.Bitmap
	price  []*roaring.Bitmap         // per price bucket (known prices)
	months map[int32]*roaring.Bitmap // month of a fixed start (Berlin)
	days   map[int32]*roaring.Bitmap // day of a fixed start (Berlin), days since 2000-01-01
	venues map[int64]*roaring.Bitmap // a located venue
	has    *roaring.Bitmap           // the documents with a k-th date

	// dense copies of the flags of a slot that holds many documents of a
	// large segment (derived, not saved)
	dense [numSlotFlag][]uint64
	// for a dense slot, the documents of each located venue (by its index in
	// segment.vID) as one flat array: venue i's are vDocs[vOff[i]:vOff[i+1]]
	// (derived, not saved) — setting their bits costs one store per
	// document, where walking a roaring bitmap per venue costs an iterator
	vOff  []uint32
	vDocs []uint32
}

// denseSlot reports whether slot k of s is evaluated as dense bitsets.
func (s *segment) denseSlot(k int) bool {
	return s.n >= denseSlotsMin && s.slots[k].has.GetCardinality()*16 >= uint64(s.n)
}

// buildDenseSlots makes the dense flag copies of the dense slots.
func (s *segment) buildDenseSlots() {
	for k, si := range s.slots {
		si.dense = [numSlotFlag][]uint64{}
		if !s.denseSlot(k) {
			continue
		}
		for i, b := range si.flags {
			d := make([]uint64, (s.n+63)/64)
			b.WriteDenseTo(d)
			si.dense[i] = d
		}
		si.vOff = make([]uint32, len(s.vID)+1)
		si.vDocs = si.vDocs[:0]
		for i, id := range s.vID {
			if b := si.venues[id]; b != nil {
				si.vDocs = append(si.vDocs, b.ToArray()...)
			}
			si.vOff[i+1] = uint32(len(si.vDocs))
		}
		si.vDocs = slices.Clip(si.vDocs)
	}
}

func newSlotIndex() *slotIndex {
	si := &slotIndex{price: make([]*roaring.Bitmap, len(priceBounds)), months: map[int32]*roaring.Bitmap{},
		days: map[int32]*roaring.Bitmap{}, venues: map[int64]*roaring.Bitmap{}, has: roaring.New()}
	for i := range si.flags {
		si.flags[i] = roaring.New()
	}
	for i := range si.price {
		si.price[i] = roaring.New()
	}
	return si
}

func (si *slotIndex) runOptimize() {
	si.has.RunOptimize()
	for _, b := range si.flags {
		b.RunOptimize()
	}
	for _, b := range si.price {
		b.RunOptimize()
	}
}

// dayBase is 2000-01-01 in Berlin; dayOf counts Berlin days from it.
var dayBase = time.Date(2000, 1, 1, 0, 0, 0, 0, berlin)

func dayOf(t time.Time) int32 {
	y, m, d := t.In(berlin).Date()
	return int32(time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Sub(time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC)).Hours() / 24)
}

// dayStart returns the unix time of the Berlin midnight that begins day.
func dayStart(day int32) int64 {
	return time.Date(2000, 1, 1+int(day), 0, 0, 0, 0, berlin).Unix()
}

// addSlot records date row r (unix start for the calendar buckets) as the
// k-th date of document d.
func (si *slotIndex) add(d uint32, r *dateRow, startUnix int64, venue int64) {
	si.has.Add(d)
	fl := r.flags
	for i := 0; i < 5; i++ {
		if fl&(1<<(dfPatternShift+i)) != 0 {
			si.flags[sfPattern+i].Add(d)
		}
	}
	for i := 0; i < 4; i++ {
		if fl&(1<<(dfDayShift+i)) != 0 {
			si.flags[sfDay+i].Add(d)
		}
	}
	if fl&dfAccessible != 0 {
		si.flags[sfAccess].Add(d)
	}
	if r.price == 0 {
		si.flags[sfFree].Add(d)
	}
	if fl&dfOnline != 0 || fl&dfHasVenue == 0 {
		si.flags[sfOnline].Add(d)
	}
	if fl&dfFixed == 0 {
		si.flags[sfUndated].Add(d)
	} else {
		t := time.Unix(startUnix, 0)
		addTo(si.months, monthOf(startUnix), d)
		addTo(si.days, dayOf(t), d)
	}
	if r.price >= 0 {
		si.price[priceBucket(r.price)].Add(d)
	}
	if fl&dfHasGeo != 0 {
		addTo(si.venues, venue, d)
	}
}

// slotEligible returns the documents whose date filters can be decided from
// the slots at now (minutes): not overflowing, no date ended since the build.
func (s *segment) slotEligible(now int32) *roaring.Bitmap {
	out := s.all
	if s.overflow != nil && !s.overflow.IsEmpty() {
		out = roaring.AndNot(out, s.overflow)
	}
	if st := s.stale(now); st != nil {
		out = roaring.AndNot(out, st)
	}
	return out
}

// slotDim computes, for slot k, the documents of within whose k-th date
// passes the date filter bit (exactly, for eligible documents).
func (f *filters) slotDim(s *segment, k int, bit int, within *roaring.Bitmap) *roaring.Bitmap {
	si := s.slots[k]
	orFlags := func(mask uint16, shift, n, base int) *roaring.Bitmap {
		var bs []*roaring.Bitmap
		for i := 0; i < n; i++ {
			if mask&(1<<(shift+i)) != 0 {
				bs = append(bs, si.flags[base+i])
			}
		}
		if len(bs) == 1 {
			return bs[0]
		}
		return roaring.FastOr(bs...)
	}
	switch bit {
	case bPattern:
		return orFlags(f.patMask, dfPatternShift, 5, sfPattern)
	case bDay:
		return orFlags(f.dayMask, dfDayShift, 4, sfDay)
	case bAccess:
		return si.flags[sfAccess]
	case bPrice:
		if f.maxPrice <= 0 {
			if f.maxPrice == 0 {
				return si.flags[sfFree]
			}
			return emptyBitmap
		}
		var sure []*roaring.Bitmap
		var edge *roaring.Bitmap
		for i, b := range priceBounds {
			if int64(b) <= f.maxPrice {
				sure = append(sure, si.price[i])
				continue
			}
			if i == 0 || int64(priceBounds[i-1]) < f.maxPrice {
				// the bucket holding the maximum: date by date (a maximum
				// on a bound has no such bucket)
				edge = si.price[i]
			}
			break
		}
		out := roaring.FastOr(sure...)
		if edge != nil {
			f.refine(s, k, roaring.And(edge, within), out, func(r *dateRow) bool { return int64(r.price) <= f.maxPrice })
		}
		return out
	case bStart:
		return f.slotStart(s, k, within)
	case bPlace:
		var bs []*roaring.Bitmap
		if f.online != OnlineExclude {
			bs = append(bs, si.flags[sfOnline])
		}
		if f.circle != nil && f.online != OnlineOnly {
			for _, v := range f.venuesWithin(s) {
				if b := si.venues[s.vID[v]]; b != nil {
					bs = append(bs, b)
				}
			}
		}
		return roaring.FastOr(bs...)
	}
	return s.all
}

// slotStart: undated dates pass; whole months and whole days inside the
// window by their bitmaps; the (at most two) days cut by the window's ends
// date by date.
func (f *filters) slotStart(s *segment, k int, within *roaring.Bitmap) *roaring.Bitmap {
	si := s.slots[k]
	w := f.window()
	bs := []*roaring.Bitmap{si.flags[sfUndated]}
	for m, b := range si.months {
		if m >= w.fullLo && m <= w.fullHi {
			bs = append(bs, b)
		}
	}
	var edges []*roaring.Bitmap
	for day, b := range si.days {
		switch {
		case day < w.loDay || day > w.hiDay:
		case day >= w.fullDayLo && day <= w.fullDayHi: // in a whole month, counted above
		case (day > w.loDay || w.loWhole) && (day < w.hiDay || w.hiWhole):
			bs = append(bs, b)
		default:
			edges = append(edges, b)
		}
	}
	out := roaring.FastOr(bs...)
	if len(edges) > 0 {
		cand := roaring.And(roaring.FastOr(edges...), within)
		f.refine(s, k, cand, out, func(r *dateRow) bool { return r.start >= f.from && r.start < f.to })
	}
	return out
}

// startWindow is a start window in Berlin days and months.
type startWindow struct {
	loDay, hiDay         int32 // first and last day touched
	loWhole, hiWhole     bool  // whether those days are wholly inside
	fullLo, fullHi       int32 // months wholly inside (fullLo > fullHi: none)
	fullDayLo, fullDayHi int32 // their days
}

func (f *filters) window() *startWindow {
	if f.win != nil {
		return f.win
	}
	w := &startWindow{loDay: math.MinInt32, hiDay: math.MaxInt32, loWhole: true, hiWhole: true}
	if f.fromUnix != math.MinInt64 {
		w.loDay = dayOf(time.Unix(f.fromUnix, 0))
		w.loWhole = dayStart(w.loDay) >= f.fromUnix
	}
	if f.toUnix != math.MaxInt64 {
		w.hiDay = dayOf(time.Unix(f.toUnix-1, 0))
		w.hiWhole = dayStart(w.hiDay+1) <= f.toUnix
	}
	// whole months: from the first month starting on or after the first whole
	// day to the last month ending on or before the last whole day
	first, last := w.loDay, w.hiDay
	if !w.loWhole {
		first++
	}
	if !w.hiWhole {
		last--
	}
	w.fullLo, w.fullHi, w.fullDayLo, w.fullDayHi = 1, 0, 1, 0
	// open ends: whole months reach from 1970 to 2100
	first = max(first, dayOf(time.Date(1970, 1, 1, 12, 0, 0, 0, berlin)))
	last = min(last, dayOf(time.Date(2100, 12, 31, 12, 0, 0, 0, berlin)))
	if first <= last {
		ft, lt := time.Unix(dayStart(first), 0).In(berlin), time.Unix(dayStart(last), 0).In(berlin)
		mLo := int32(ft.Year()*12 + int(ft.Month()) - 1)
		if ft.Day() != 1 {
			mLo++
		}
		mHi := int32(lt.Year()*12 + int(lt.Month()) - 1)
		if lt.AddDate(0, 0, 1).Day() != 1 {
			mHi--
		}
		if mLo <= mHi {
			w.fullLo, w.fullHi = mLo, mHi
			w.fullDayLo = dayOf(time.Date(int(mLo/12), time.Month(mLo%12+1), 1, 12, 0, 0, 0, berlin))
			w.fullDayHi = dayOf(time.Date(int(mHi/12), time.Month(mHi%12+2), 0, 12, 0, 0, 0, berlin))
		}
	}
	f.win = w
	return w
}

// refine adds to out the documents of cand whose k-th date passes ok.
func (f *filters) refine(s *segment, k int, cand, out *roaring.Bitmap, ok func(*dateRow) bool) {
	var hits []uint32
	cand.Iterate(func(d uint32) bool {
		if ok(&s.dates[s.dateOff[d]+uint32(k)]) {
			hits = append(hits, d)
		}
		return true
	})
	out.AddMany(hits)
}

// slotMatch computes, like datePass over within, the documents with a date
// passing every active date filter, and the date facet counts for the
// documents of countIn — from the slots for eligible documents, date by date
// for the others.
func (f *filters) slotMatch(s *segment, within, countIn *roaring.Bitmap, pc *passCounts) *roaring.Bitmap {
	slotRuns.Add(1)
	elig := s.slotEligible(f.now)
	rest := roaring.AndNot(within, elig) // few: overflowing or with dates ended since the build
	dm := f.datePass(s, rest, countIn, f.active, true, pc)
	within = roaring.And(within, elig)
	if within.IsEmpty() {
		return dm
	}
	countIn = roaring.And(countIn, within)

	// The values of the date facets are slot flags 0..10 (5 time patterns,
	// 4 day times, step-free, free); valueBit is the filter each belongs to.
	const numValues = sfFree + 1
	valueBit := func(v int) int {
		switch {
		case v < sfDay:
			return bPattern
		case v < sfAccess:
			return bDay
		case v == sfAccess:
			return bAccess
		}
		return bPrice
	}
	var accR [numValues]*roaring.Bitmap // from sparse slots
	var accD [numValues][]uint64        // from dense slots
	var matched []*roaring.Bitmap
	var dz *denseArena
	var withinD, countD, matchD []uint64
	if s.n >= denseSlotsMin {
		dz = newDenseArena((s.n + 63) / 64)
		defer dz.release()
		withinD, countD, matchD = dz.of(within), dz.of(countIn), dz.get()
	}
	var bits []int
	for bit := 1; bit <= bPlace; bit <<= 1 {
		if f.active&bit != 0 {
			bits = append(bits, bit)
		}
	}
	for k, si := range s.slots {
		if dz != nil && si.dense[0] == nil {
			// the sparse slots of a large segment (slots fill in order, so
			// these are all from k on): the few documents with that many
			// dates, date by date
			var tail []*roaring.Bitmap
			for _, sj := range s.slots[k:] {
				tail = append(tail, sj.has)
			}
			f.slotRows(s, k, roaring.And(roaring.FastOr(tail...), within), countD, matchD, &accD, dz)
			break
		}
		if dz != nil {
			// a dense slot: word by word
			dd := make([][]uint64, len(bits))
			for i, bit := range bits {
				dd[i] = f.slotDimDense(s, k, bit, within, dz)
			}
			all := dz.get()
			copy(all, withinD)
			for _, d := range dd {
				andInPlace(all, d)
			}
			orInPlace(matchD, all)
			base := dz.get()
			for _, X := range []int{bPattern, bDay, bAccess, bPrice} {
				if i := indexOf(bits, X); i >= 0 {
					copy(base, countD)
					for j, d := range dd {
						if j != i {
							andInPlace(base, d)
						}
					}
				} else {
					copy(base, all)
					andInPlace(base, countD)
				}
				for v := 0; v < numValues; v++ {
					if valueBit(v) != X {
						continue
					}
					if accD[v] == nil {
						accD[v] = dz.get()
					}
					andOrInto(accD[v], base, si.dense[v])
				}
			}
			dz.put(base)
			dz.put(all)
			for _, d := range dd {
				dz.put(d)
			}
			continue
		}
		dims := make([]*roaring.Bitmap, len(bits))
		for i, bit := range bits {
			dims[i] = f.slotDim(s, k, bit, within)
		}
		all := andAllBut(dims, -1, within)
		matched = append(matched, all)
		for _, X := range []int{bPattern, bDay, bAccess, bPrice} {
			var base *roaring.Bitmap
			if i := indexOf(bits, X); i >= 0 {
				base = andAllBut(dims, i, countIn)
			} else {
				base = roaring.And(all, countIn)
			}
			if base.IsEmpty() {
				continue
			}
			for v := 0; v < numValues; v++ {
				if valueBit(v) != X {
					continue
				}
				x := roaring.And(base, si.flags[v])
				if accR[v] == nil {
					accR[v] = x
				} else {
					accR[v].Or(x)
				}
			}
		}
	}
	for v := 0; v < numValues; v++ {
		n := 0
		switch {
		case accD[v] != nil:
			if accR[v] != nil {
				accR[v].Iterate(func(d uint32) bool { accD[v][d>>6] |= 1 << (d & 63); return true })
			}
			n = popcount(accD[v])
		case accR[v] != nil:
			n = int(accR[v].GetCardinality())
		}
		switch valueBit(v) {
		case bPattern:
			pc.pattern[v-sfPattern] += n
		case bDay:
			pc.day[v-sfDay] += n
		case bAccess:
			pc.access += n
		case bPrice:
			pc.free += n
		}
	}
	if matchD != nil {
		matched = append(matched, roaring.FromDense(matchD, true))
	}
	matched = append(matched, dm)
	return roaring.FastOr(matched...)
}

// rowValues returns the date facet values of a date row as a mask over the
// slot flags 0..sfFree.
func rowValues(r *dateRow) uint16 {
	fl := r.flags
	m := (fl>>dfPatternShift)&0x1f<<sfPattern | (fl>>dfDayShift)&0xf<<sfDay
	if fl&dfAccessible != 0 {
		m |= 1 << sfAccess
	}
	if r.price == 0 {
		m |= 1 << sfFree
	}
	return m
}

// slotRows evaluates the dates from the k-th on of the documents of cand
// one by one (a document's dates are adjacent), setting their bits in the
// dense match and facet accumulators.
func (f *filters) slotRows(s *segment, k int, cand *roaring.Bitmap, countD, matchD []uint64, accD *[sfFree + 1][]uint64, dz *denseArena) {
	active := f.active
	rows, now := s.dates, f.now
	dc := f.check(active)
	it := cand.ManyIterator()
	buf := make([]uint32, 256)
	for {
		n := it.NextMany(buf)
		if n == 0 {
			return
		}
		for _, d := range buf[:n] {
			w, bit := d>>6, uint64(1)<<(d&63)
			counting := countD[w]&bit != 0
			for j := s.dateOff[d] + uint32(k); j < s.dateOff[d+1]; j++ {
				r := &rows[j]
				if r.end <= now {
					continue
				}
				sat := dc.sat(r)
				missing := active &^ sat
				if missing == 0 {
					matchD[w] |= bit
				}
				if !counting {
					continue
				}
				var want uint16
				switch missing {
				case 0:
					want = 0x7ff
				case bPattern:
					want = 0x1f << sfPattern
				case bDay:
					want = 0xf << sfDay
				case bAccess:
					want = 1 << sfAccess
				case bPrice:
					want = 1 << sfFree
				default:
					continue
				}
				vals := rowValues(r) & want
				for vals != 0 {
					v := bits.TrailingZeros16(vals)
					vals &^= 1 << v
					if accD[v] == nil {
						accD[v] = dz.get()
					}
					accD[v][w] |= bit
				}
			}
		}
	}
}

// slotDimDense is slotDim for a dense slot, as a dense bitset.
func (f *filters) slotDimDense(s *segment, k, bit int, within *roaring.Bitmap, dz *denseArena) []uint64 {
	si := s.slots[k]
	orFlags := func(mask uint16, shift, n, base int) []uint64 {
		out := dz.get()
		for i := 0; i < n; i++ {
			if mask&(1<<(shift+i)) != 0 {
				orInPlace(out, si.dense[base+i])
			}
		}
		return out
	}
	switch bit {
	case bPattern:
		return orFlags(f.patMask, dfPatternShift, 5, sfPattern)
	case bDay:
		return orFlags(f.dayMask, dfDayShift, 4, sfDay)
	case bAccess:
		out := dz.get()
		copy(out, si.dense[sfAccess])
		return out
	case bPlace:
		out := dz.get()
		if f.online != OnlineExclude {
			copy(out, si.dense[sfOnline])
		}
		if f.circle != nil && f.online != OnlineOnly {
			for _, v := range f.venuesWithin(s) {
				for _, d := range si.vDocs[si.vOff[v]:si.vOff[v+1]] {
					out[d>>6] |= 1 << (d & 63)
				}
			}
		}
		return out
	}
	return dz.of(f.slotDim(s, k, bit, within))
}

// denseSlotsMin is the segment size from which slots holding many documents
// are evaluated as dense bitsets (a variable for tests).
var denseSlotsMin = 1 << 16

// denseArena hands out zeroed dense bitsets of one size for one query and
// takes them back for reuse.
type denseArena struct {
	words int
	free  [][]uint64
}

var densePool sync.Pool // *[]uint64, any size

func newDenseArena(words int) *denseArena { return &denseArena{words: words} }

func (a *denseArena) get() []uint64 {
	if n := len(a.free); n > 0 {
		b := a.free[n-1]
		a.free = a.free[:n-1]
		clear(b)
		return b
	}
	return denseScratch(a.words)
}

// denseScratch returns a zeroed dense bitset of words words, from the pool
// when it has one large enough; putDense gives it back. At 1 M documents a
// bitset is 122 KiB: allocating them per query was most of a search's
// garbage.
func denseScratch(words int) []uint64 {
	if p, ok := densePool.Get().(*[]uint64); ok && cap(*p) >= words {
		b := (*p)[:words]
		clear(b)
		return b
	}
	return make([]uint64, words)
}

// putDense returns a bitset from denseScratch to the pool.
func putDense(b []uint64) { densePool.Put(&b) }

// of returns b as a dense bitset.
func (a *denseArena) of(b *roaring.Bitmap) []uint64 {
	d := a.get()
	b.WriteDenseTo(d)
	return d
}

func (a *denseArena) put(b []uint64) { a.free = append(a.free, b) }

// release returns the arena's bitsets to the pool.
func (a *denseArena) release() {
	for _, b := range a.free {
		putDense(b)
	}
	a.free = nil
}

func andInPlace(dst, a []uint64) {
	a = a[:len(dst)]
	for i := range dst {
		dst[i] &= a[i]
	}
}

func orInPlace(dst, a []uint64) {
	a = a[:len(dst)]
	for i := range dst {
		dst[i] |= a[i]
	}
}

// andOrInto sets dst |= a & b.
func andOrInto(dst, a, b []uint64) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := range dst {
		dst[i] |= a[i] & b[i]
	}
}

func popcount(a []uint64) int {
	n := 0
	for _, w := range a {
		n += bits.OnesCount64(w)
	}
	return n
}

func indexOf(s []int, v int) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

// andAllBut intersects base with every bitmap of dims except dims[skip],
// smallest first.
func andAllBut(dims []*roaring.Bitmap, skip int, base *roaring.Bitmap) *roaring.Bitmap {
	bs := make([]*roaring.Bitmap, 0, len(dims)+1)
	for i, d := range dims {
		if i != skip {
			bs = append(bs, d)
		}
	}
	bs = append(bs, base)
	slices.SortFunc(bs, func(a, b *roaring.Bitmap) int {
		return cmp.Compare(a.GetCardinality(), b.GetCardinality())
	})
	if len(bs) == 1 {
		return bs[0].Clone()
	}
	out := roaring.And(bs[0], bs[1])
	for _, b := range bs[2:] {
		if out.IsEmpty() {
			break
		}
		out.And(b)
	}
	return out
}

// venuesWithin returns the segment's located venues within the radius, as
// indexes into segment.vID: a venue in an inside cell is, one in a boundary
// cell is checked once — so the place filter needs no look at single dates.
// Computed once per segment and query.
func (f *filters) venuesWithin(s *segment) []int32 {
	if v, ok := f.venueCache[s]; ok {
		return v
	}
	var out []int32
	c := f.circle
	for i := range s.vID {
		switch c.classOf(s.vCell[i]) {
		case cellInside:
			out = append(out, int32(i))
		case cellBoundary:
			if c.within(float64(s.vLat[i]), float64(s.vLon[i])) {
				out = append(out, int32(i))
			}
		}
	}
	if f.venueCache == nil {
		f.venueCache = map[*segment][]int32{}
	}
	f.venueCache[s] = out
	return out
}
