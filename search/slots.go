package search

import (
	"cmp"
	"math"
	"slices"
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
	price  []*roaring.Bitmap          // per price bucket (known prices)
	months map[int32]*roaring.Bitmap  // month of a fixed start (Berlin)
	days   map[int32]*roaring.Bitmap  // day of a fixed start (Berlin), days since 2000-01-01
	cells  map[uint32]*roaring.Bitmap // grid cell of a located venue
}

func newSlotIndex() *slotIndex {
	si := &slotIndex{price: make([]*roaring.Bitmap, len(priceBounds)), months: map[int32]*roaring.Bitmap{},
		days: map[int32]*roaring.Bitmap{}, cells: map[uint32]*roaring.Bitmap{}}
	for i := range si.flags {
		si.flags[i] = roaring.New()
	}
	for i := range si.price {
		si.price[i] = roaring.New()
	}
	return si
}

func (si *slotIndex) runOptimize() {
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
func (si *slotIndex) add(d uint32, r *dateRow, startUnix int64) {
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
		addTo(si.cells, r.cell, d)
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
			edge = si.price[i]
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
		var boundary []*roaring.Bitmap
		if f.circle != nil && f.online != OnlineOnly {
			c := f.circle
			for cell, b := range si.cells {
				switch c.classOf(cell) {
				case cellInside:
					bs = append(bs, b)
				case cellBoundary:
					boundary = append(boundary, b)
				}
			}
		}
		out := roaring.FastOr(bs...)
		if len(boundary) > 0 {
			cand := roaring.And(roaring.FastOr(boundary...), within)
			cand.AndNot(out)
			f.refine(s, k, cand, out, func(r *dateRow) bool { return f.circle.within(float64(r.lat), float64(r.lon)) })
		}
		return out
	}
	return s.all
}

// slotStart: undated dates pass; whole months and whole days inside the
// window by their bitmaps; days cut by the window's ends date by date.
func (f *filters) slotStart(s *segment, k int, within *roaring.Bitmap) *roaring.Bitmap {
	si := s.slots[k]
	bs := []*roaring.Bitmap{si.flags[sfUndated]}
	var edges []*roaring.Bitmap
	var loDay, hiDay int32 = math.MinInt32, math.MaxInt32
	if f.fromUnix != math.MinInt64 {
		loDay = dayOf(time.Unix(f.fromUnix, 0))
	}
	if f.toUnix != math.MaxInt64 {
		hiDay = dayOf(time.Unix(f.toUnix-1, 0))
	}
	// months entirely inside [loDay, hiDay]
	fullMonth := func(m int32) bool {
		y, mo := int(m/12), time.Month(m%12+1)
		first := dayOf(time.Date(y, mo, 1, 12, 0, 0, 0, berlin))
		last := dayOf(time.Date(y, mo+1, 0, 12, 0, 0, 0, berlin))
		return first >= loDay && last <= hiDay
	}
	full := map[int32]bool{}
	for m, b := range si.months {
		if fullMonth(m) {
			full[m] = true
			bs = append(bs, b)
		}
	}
	for day, b := range si.days {
		if day < loDay || day > hiDay {
			continue
		}
		if full[monthOf(dayStart(day))] {
			continue
		}
		if dayStart(day) >= f.fromUnix && dayStart(day+1) <= f.toUnix {
			bs = append(bs, b)
		} else {
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

// slotMatch computes, like datePass over domain, the documents with a date
// passing every active date filter, and the date facet counts for the
// documents of countIn — from the slots for eligible documents of within (a
// superset of domain without approximations), date by date for the others
// (those of domain only).
func (f *filters) slotMatch(s *segment, within, domain, countIn *roaring.Bitmap, pc *passCounts) *roaring.Bitmap {
	slotRuns.Add(1)
	elig := s.slotEligible(f.now)
	rest := roaring.AndNot(domain, elig)
	dm := f.datePass(s, rest, countIn, f.active, true, pc)
	within = roaring.And(within, elig)
	if within.IsEmpty() {
		return dm
	}
	countIn = roaring.And(countIn, within)
	// dims[k][bit] for the active bits
	type facetAcc struct {
		bit   int
		flags []int // slot flags of its values
		acc   []*roaring.Bitmap
	}
	facets := []*facetAcc{
		{bit: bPattern, flags: []int{0, 1, 2, 3, 4}},
		{bit: bDay, flags: []int{5, 6, 7, 8}},
		{bit: bAccess, flags: []int{sfAccess}},
		{bit: bPrice, flags: []int{sfFree}},
	}
	for _, fc := range facets {
		fc.acc = make([]*roaring.Bitmap, len(fc.flags))
	}
	var matched []*roaring.Bitmap
	for k := range s.slots {
		var dims []*roaring.Bitmap
		var bits []int
		for bit := 1; bit <= bPlace; bit <<= 1 {
			if f.active&bit != 0 {
				dims = append(dims, f.slotDim(s, k, bit, within))
				bits = append(bits, bit)
			}
		}
		all := andAllBut(dims, -1, within)
		matched = append(matched, all)
		for _, fc := range facets {
			base := all
			if i := indexOf(bits, fc.bit); i >= 0 {
				base = andAllBut(dims, i, countIn)
			} else {
				base = roaring.And(all, countIn)
			}
			if base.IsEmpty() {
				continue
			}
			for v, flag := range fc.flags {
				x := roaring.And(base, s.slots[k].flags[flag])
				if fc.acc[v] == nil {
					fc.acc[v] = x
				} else {
					fc.acc[v].Or(x)
				}
			}
		}
	}
	for _, fc := range facets {
		for v, b := range fc.acc {
			if b == nil {
				continue
			}
			n := int(b.GetCardinality())
			switch fc.bit {
			case bPattern:
				pc.pattern[v] += n
			case bDay:
				pc.day[v] += n
			case bAccess:
				pc.access += n
			case bPrice:
				pc.free += n
			}
		}
	}
	matched = append(matched, dm)
	return roaring.FastOr(matched...)
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
