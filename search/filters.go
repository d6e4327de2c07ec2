package search

import (
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
)

// Date filter bits: a date's "satisfied" mask has the bit of every active
// date filter it passes.
const (
	bStart   = 1 << iota // start window
	bPattern             // time pattern
	bDay                 // day time
	bPrice               // maximum price (free)
	bAccess              // step-free venue
	bPlace               // radius / online
)

// Offer facets (vocabulary codes) and the Query fields they filter.
var offerFacets = []struct {
	name string
	get  func(*Query) []string
}{
	{"topic", func(q *Query) []string { return q.Topics }},
	{"delivery_mode", func(q *Query) []string { return q.DeliveryModes }},
	{"funding", func(q *Query) []string { return q.Funding }},
	{"degree_type", func(q *Query) []string { return q.DegreeTypes }},
	{"language", func(q *Query) []string { return q.Languages }},
}

// Date facets: the vocabulary ones and the boolean ones, with their bit.
var dateFacets = []struct {
	name  string
	bit   int
	codes []string // nil: boolean facet with the code "true"
	shift int
	key   func(code string) string
}{
	{"time_pattern", bPattern, timePatternCodes, dfPatternShift, func(c string) string { return "time_pattern/" + c }},
	{"day_time", bDay, dayTimeCodes, dfDayShift, func(c string) string { return "day_time/" + c }},
	{"accessible", bAccess, nil, 0, func(string) string { return keyAccessible }},
	{"free", bPrice, nil, 0, func(string) string { return keyFree }},
}

// offerDim is an active offer-level filter: an offer matches when it is in
// one of the bitmaps of keys (OR).
type offerDim struct {
	facet    string // facet name; "" for the provider filter
	keys     []string
	provider int64
}

func (d *offerDim) bitmap(s *segment) *roaring.Bitmap {
	if d.provider != 0 {
		if b := s.providers[d.provider]; b != nil {
			return b
		}
		return emptyBitmap
	}
	if len(d.keys) == 1 {
		return s.code(d.keys[0])
	}
	bs := make([]*roaring.Bitmap, 0, len(d.keys))
	for _, k := range d.keys {
		if b := s.codes[k]; b != nil {
			bs = append(bs, b)
		}
	}
	return roaring.FastOr(bs...)
}

// filters is a Query compiled for the index.
type filters struct {
	offer []offerDim

	active           int   // date filter bits
	from, to         int32 // minutes
	fromUnix, toUnix int64
	patMask          uint16
	dayMask          uint16
	maxPrice         int64
	online           string
	circle           *circle // nil without Near
	now              int32   // minutes

	venueCache map[*segment][]int32 // venuesWithin, per segment
	win        *startWindow         // the start window in days and months
}

func compileFilters(q *Query, now int64, c *circle) *filters {
	f := &filters{now: nowMinutes(now), circle: c, online: q.Online, from: math.MinInt32, to: math.MaxInt32,
		fromUnix: math.MinInt64, toUnix: math.MaxInt64}
	if f.online == "" {
		f.online = OnlineInclude
	}
	for _, of := range offerFacets {
		if codes := of.get(q); len(codes) > 0 {
			d := offerDim{facet: of.name}
			for _, c := range dedupe(codes) {
				d.keys = append(d.keys, of.name+"/"+c)
			}
			f.offer = append(f.offer, d)
		}
	}
	if q.WomenSpecific {
		f.offer = append(f.offer, offerDim{facet: "women_specific", keys: []string{keyWomen}})
	}
	if q.Childcare {
		f.offer = append(f.offer, offerDim{facet: "childcare", keys: []string{keyChildcare}})
	}
	if q.ProviderID != 0 {
		f.offer = append(f.offer, offerDim{provider: q.ProviderID})
	}
	if q.StartFrom != nil {
		f.active |= bStart
		f.fromUnix = q.StartFrom.Unix()
		f.from = toMinutes(f.fromUnix)
	}
	if q.StartTo != nil {
		f.active |= bStart
		f.toUnix = q.StartTo.Unix()
		f.to = toMinutes(f.toUnix)
	}
	for _, p := range q.TimePatterns {
		if i := slices.Index(timePatternCodes, p); i >= 0 {
			f.patMask |= 1 << (dfPatternShift + i)
			f.active |= bPattern
		}
	}
	for _, p := range q.DayTimes {
		if i := slices.Index(dayTimeCodes, p); i >= 0 {
			f.dayMask |= 1 << (dfDayShift + i)
			f.active |= bDay
		}
	}
	if q.MaxPriceCents != nil {
		f.active |= bPrice
		f.maxPrice = *q.MaxPriceCents
	}
	if q.Accessible {
		f.active |= bAccess
	}
	if c != nil || f.online == OnlineOnly {
		f.active |= bPlace
	}
	return f
}

func dedupe(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

// dateCheck is what checking one date row against the date filters needs,
// copied out of filters for the hot loops: the one rule for "does this date
// pass", used by the date pass, the slots' date-by-date edges and the hits.
type dateCheck struct {
	required  int // the filters to check (bits)
	from, to  int32
	pat, day  uint16
	maxPrice  int64
	only, exc bool    // online only / exclude online
	circle    *circle // nil without Near
}

// check returns the check of the date filters in required.
func (f *filters) check(required int) dateCheck {
	return dateCheck{required: required, from: f.from, to: f.to, pat: f.patMask, day: f.dayMask, maxPrice: f.maxPrice,
		only: f.online == OnlineOnly, exc: f.online == OnlineExclude, circle: f.circle}
}

// sat returns the bits of the required date filters that row r passes. Place:
// an online date (the offer has an online delivery mode, or the date has no
// venue) passes unless online offers are excluded; a located one passes
// within the radius (inside cell, or the distance in a boundary cell)
// unless only online offers are wanted.
func (c *dateCheck) sat(r *dateRow) int {
	fl := r.flags
	req := c.required
	sat := 0
	if req&bStart != 0 && (fl&dfFixed == 0 || r.start >= c.from && r.start < c.to) {
		sat |= bStart
	}
	if req&bPattern != 0 && fl&c.pat != 0 {
		sat |= bPattern
	}
	if req&bDay != 0 && fl&c.day != 0 {
		sat |= bDay
	}
	if req&bPrice != 0 && r.price >= 0 && int64(r.price) <= c.maxPrice {
		sat |= bPrice
	}
	if req&bAccess != 0 && fl&dfAccessible != 0 {
		sat |= bAccess
	}
	if req&bPlace != 0 {
		online := fl&dfOnline != 0 || fl&dfHasVenue == 0
		switch {
		case online && !c.exc:
			sat |= bPlace
		case c.only || c.circle == nil || fl&dfHasGeo == 0:
		default:
			switch c.circle.classOf(r.cell) {
			case cellInside:
				sat |= bPlace
			case cellBoundary:
				if c.circle.within(float64(r.lat), float64(r.lon)) {
					sat |= bPlace
				}
			}
		}
	}
	return sat
}

// virtualSat is what an offer without dates passes: only the place filter,
// when it counts as online.
func (f *filters) virtualSat(onlineOffer bool) int {
	if f.active&bPlace != 0 && onlineOffer && f.online != OnlineExclude {
		return bPlace
	}
	return 0
}

// approx returns a superset of the documents of s with a date passing the
// date filter bit, or nil when there is no cheap one.
func (f *filters) approx(s *segment, bit int) *roaring.Bitmap {
	switch bit {
	case bStart:
		lo, hi := int32(math.MinInt32), int32(math.MaxInt32)
		if f.fromUnix != math.MinInt64 {
			lo = monthOf(f.fromUnix)
		}
		if f.toUnix != math.MaxInt64 {
			hi = monthOf(f.toUnix - 1)
		}
		bs := []*roaring.Bitmap{s.code(keyUndated)}
		for m, b := range s.months {
			if m >= lo && m <= hi {
				bs = append(bs, b)
			}
		}
		return roaring.FastOr(bs...)
	case bPattern:
		return f.maskApprox(s, f.patMask, dfPatternShift, timePatternCodes, "time_pattern/")
	case bDay:
		return f.maskApprox(s, f.dayMask, dfDayShift, dayTimeCodes, "day_time/")
	case bPrice:
		if f.maxPrice == 0 {
			return s.code(keyFree)
		}
		return nil
	case bAccess:
		return s.code(keyAccessible)
	case bPlace:
		switch {
		case f.online == OnlineOnly:
			return s.code(keyOnline)
		case f.circle == nil:
			return nil
		case f.online == OnlineExclude:
			return f.circle.docs(s)
		default:
			return roaring.Or(f.circle.docs(s), s.code(keyOnline))
		}
	}
	return nil
}

func (f *filters) maskApprox(s *segment, mask uint16, shift int, codes []string, prefix string) *roaring.Bitmap {
	var bs []*roaring.Bitmap
	for i, c := range codes {
		if mask&(1<<(shift+i)) != 0 {
			bs = append(bs, s.code(prefix+c))
		}
	}
	if len(bs) == 1 {
		return bs[0]
	}
	return roaring.FastOr(bs...)
}

// approxAll returns the intersection of the approximations of the active
// date filter bits in mask with base (base itself when none applies).
func (f *filters) approxAll(s *segment, base *roaring.Bitmap, mask int) *roaring.Bitmap {
	out := base
	copied := false
	for bit := 1; bit <= bPlace; bit <<= 1 {
		if mask&bit == 0 {
			continue
		}
		if ap := f.approx(s, bit); ap != nil {
			if !copied {
				out = roaring.And(out, ap)
				copied = true
			} else {
				out.And(ap)
			}
		}
	}
	return out
}

// passCounts are the counts a date pass gathers for the date facets.
type passCounts struct {
	pattern [8]int
	day     [8]int
	access  int
	free    int
}

func (pc *passCounts) add(o *passCounts) {
	for i := range pc.pattern {
		pc.pattern[i] += o.pattern[i]
		pc.day[i] += o.day[i]
	}
	pc.access += o.access
	pc.free += o.free
}

// datePass checks the dates of every document of domain exactly. It returns
// the documents with a date (not ended) that passes all date filters in
// required. When count is set it also counts the date facet values of the
// documents in countIn (nil: all of domain): a document counts for a value
// of facet X when one of its dates has the value and passes every filter in
// required except X's own (disjunctive faceting), so that one pass serves
// the match and every date facet.
func (f *filters) datePass(s *segment, domain, countIn *roaring.Bitmap, required int, count bool, pc *passCounts) *roaring.Bitmap {
	match := roaring.New()
	// Membership in countIn as a dense bitset: one bit test per document.
	var in []uint64
	if count && countIn != nil && countIn.GetCardinality() < uint64(s.n) {
		in = denseScratch((s.n + 63) / 64)
		defer putDense(in)
		countIn.WriteDenseTo(in)
	}
	rows := s.dates
	now := f.now
	dc := f.check(required)
	var onlineMode *roaring.Bitmap
	buf := make([]uint32, 256)
	hits := make([]uint32, 0, 256)
	it := domain.ManyIterator()
	for {
		n := it.NextMany(buf)
		if n == 0 {
			break
		}
		for _, d := range buf[:n] {
			counting := count && (in == nil || in[d>>6]&(1<<(d&63)) != 0)
			j0, j1 := s.dateOff[d], s.dateOff[d+1]
			ok := false
			var accPat, accDay uint16
			var accAccess, accFree bool
			if j0 == j1 {
				if onlineMode == nil {
					onlineMode = s.code(keyOnlineMode)
				}
				ok = f.virtualSat(onlineMode.Contains(d))&required == required
			}
			for j := j0; j < j1; j++ {
				r := &rows[j]
				if r.end <= now {
					continue
				}
				fl := r.flags
				sat := dc.sat(r)
				missing := required &^ sat
				if missing == 0 {
					ok = true
				}
				if !counting {
					if ok {
						break
					}
					continue
				}
				if missing == 0 || missing == bPattern {
					accPat |= fl
				}
				if missing == 0 || missing == bDay {
					accDay |= fl
				}
				if (missing == 0 || missing == bAccess) && fl&dfAccessible != 0 {
					accAccess = true
				}
				if (missing == 0 || missing == bPrice) && r.price == 0 {
					accFree = true
				}
			}
			if ok {
				hits = append(hits, d)
			}
			if counting {
				if accPat != 0 {
					for i := range timePatternCodes {
						if accPat&(1<<(dfPatternShift+i)) != 0 {
							pc.pattern[i]++
						}
					}
				}
				if accDay != 0 {
					for i := range dayTimeCodes {
						if accDay&(1<<(dfDayShift+i)) != 0 {
							pc.day[i]++
						}
					}
				}
				if accAccess {
					pc.access++
				}
				if accFree {
					pc.free++
				}
			}
		}
		if len(hits) > 0 {
			match.AddMany(hits)
			hits = hits[:0]
		}
	}
	return match
}

// matchingDates returns the dates of document d that have not ended and pass
// every active date filter.
func (f *filters) matchingDates(s *segment, d uint32, dst []int) []int {
	j0, j1 := s.datesOf(d)
	dc := f.check(f.active)
	for j := j0; j < j1; j++ {
		r := &s.dates[j]
		if r.end <= f.now {
			continue
		}
		if dc.sat(r) == f.active {
			dst = append(dst, j)
		}
	}
	return dst
}
