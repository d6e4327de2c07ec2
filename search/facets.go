package search

import (
	"math/bits"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/lernnetz/lernnetz/catalogue"
)

// facetCode is one value of a facet with the key of its bitmap in
// segment.codes. Offer facets come first, then the date facets (whose
// bitmaps say "has a date with the value").
type facetCode struct {
	facet, code, key string
}

var (
	facetCodes    []facetCode
	facetRange    = map[string][2]int{} // facet → [lo, hi) in facetCodes
	numOfferCodes int
)

func init() {
	add := func(facet string, codes []string, key func(string) string) {
		lo := len(facetCodes)
		for _, c := range codes {
			facetCodes = append(facetCodes, facetCode{facet, c, key(c)})
		}
		facetRange[facet] = [2]int{lo, len(facetCodes)}
	}
	for _, of := range offerFacets {
		name := of.name
		add(name, vocabCodes(name), func(c string) string { return name + "/" + c })
	}
	add("women_specific", []string{"true"}, func(string) string { return keyWomen })
	add("childcare", []string{"true"}, func(string) string { return keyChildcare })
	numOfferCodes = len(facetCodes)
	add("time_pattern", timePatternCodes, func(c string) string { return "time_pattern/" + c })
	add("day_time", dayTimeCodes, func(c string) string { return "day_time/" + c })
	add("accessible", []string{"true"}, func(string) string { return keyAccessible })
	add("free", []string{"true"}, func(string) string { return keyFree })
	if len(facetCodes) > 255 {
		panic("search: more than 255 facet values")
	}
}

// offerFacetNames are the offer-level facets.
var offerFacetNames = []string{"topic", "delivery_mode", "funding", "degree_type", "language", "women_specific", "childcare"}

// denseMin is the segment size from which facet bitmaps also get a dense
// (uncompressed) copy for counting large match sets by AND and popcount (a
// variable for tests).
var denseMin = 1 << 15

// buildFacetIndex derives, from the code bitmaps, each document's list of
// facet values (to count small match sets by walking them) and, for large
// segments, the dense copies.
func (s *segment) buildFacetIndex() {
	cnt := make([]uint32, s.n+1)
	bms := make([]*roaring.Bitmap, len(facetCodes))
	for id, fc := range facetCodes {
		if b := s.codes[fc.key]; b != nil {
			bms[id] = b
			b.Iterate(func(d uint32) bool { cnt[d+1]++; return true })
		}
	}
	for d := 1; d <= s.n; d++ {
		cnt[d] += cnt[d-1]
	}
	ids := make([]uint8, cnt[s.n])
	pos := append([]uint32(nil), cnt[:s.n]...)
	for id, b := range bms {
		if b == nil {
			continue
		}
		b.Iterate(func(d uint32) bool {
			ids[pos[d]] = uint8(id)
			pos[d]++
			return true
		})
	}
	s.fcOff, s.fcIDs = cnt, ids
	s.buildDense()
}

// buildDense makes the dense copies of the facet bitmaps of a large segment.
func (s *segment) buildDense() {
	s.buildDenseSlots()
	s.dense = nil
	if s.n < denseMin {
		return
	}
	words := (s.n + 63) / 64
	s.dense = make([][]uint64, len(facetCodes))
	for id, fc := range facetCodes {
		if b := s.codes[fc.key]; b != nil {
			d := make([]uint64, words)
			b.WriteDenseTo(d)
			s.dense[id] = d
		}
	}
}

// countFacets adds, for every facet value in [lo, hi) of facetCodes, the
// number of documents of base that have it.
func (s *segment) countFacets(base *roaring.Bitmap, lo, hi int, counts []int) {
	n := base.GetCardinality()
	if n == 0 {
		return
	}
	if s.dense == nil || n*32 < uint64(s.n) {
		// walk the documents and their values
		it := base.ManyIterator()
		buf := make([]uint32, 256)
		for {
			k := it.NextMany(buf)
			if k == 0 {
				return
			}
			for _, d := range buf[:k] {
				for _, id := range s.fcIDs[s.fcOff[d]:s.fcOff[d+1]] {
					if int(id) >= lo && int(id) < hi {
						counts[id]++
					}
				}
			}
		}
	}
	first, last := int(base.Minimum()/64), int(base.Maximum()/64)
	bd := denseScratch((s.n + 63) / 64)
	defer putDense(bd)
	base.WriteDenseTo(bd)
	bd = bd[first : last+1]
	for id := lo; id < hi; id++ {
		d := s.dense[id]
		if d == nil {
			continue
		}
		d = d[first : last+1]
		c := 0
		for i, w := range bd {
			c += bits.OnesCount64(w & d[i])
		}
		counts[id] += c
	}
}

// facetAcc sums facet counts over segments.
type facetAcc struct {
	counts []int // per facetCodes entry
}

func newFacetAcc() *facetAcc { return &facetAcc{counts: make([]int, len(facetCodes))} }

// addPass adds the date facet counts of a date pass.
func (fa *facetAcc) addPass(pc *passCounts) {
	r := facetRange["time_pattern"]
	for i := r[0]; i < r[1]; i++ {
		fa.counts[i] += pc.pattern[i-r[0]]
	}
	r = facetRange["day_time"]
	for i := r[0]; i < r[1]; i++ {
		fa.counts[i] += pc.day[i-r[0]]
	}
	fa.counts[facetRange["accessible"][0]] += pc.access
	fa.counts[facetRange["free"][0]] += pc.free
}

// result lists, per facet, the values with offers and the selected values,
// in vocabulary order; boolean facets always have their one value "true".
func (fa *facetAcc) result(q *Query) map[string][]FacetCount {
	out := make(map[string][]FacetCount, len(facetRange))
	selected := map[string][]string{
		"topic": q.Topics, "delivery_mode": q.DeliveryModes, "funding": q.Funding, "degree_type": q.DegreeTypes,
		"language": q.Languages, "time_pattern": q.TimePatterns, "day_time": q.DayTimes,
	}
	for name, r := range facetRange {
		fc := []FacetCount{}
		for i := r[0]; i < r[1]; i++ {
			c := facetCodes[i]
			if c.code == "true" || fa.counts[i] > 0 || contains(selected[name], c.code) {
				fc = append(fc, FacetCount{Code: c.code, Count: fa.counts[i]})
			}
		}
		out[name] = fc
	}
	return out
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// FacetNames lists the facets of a Result, in display order.
func FacetNames() []string {
	return []string{"topic", "delivery_mode", "funding", "degree_type", "language", "time_pattern", "day_time",
		"accessible", "women_specific", "childcare", "free"}
}

// FacetLabel returns the German (lang "de") or English label of a facet
// value, for the web layer.
func FacetLabel(facet, code, lang string) string {
	if v := catalogue.Vocab(facet); v != nil {
		return v.Label(code, lang)
	}
	return code
}
