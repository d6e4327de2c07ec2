package search

import (
	"slices"
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
)

// mergeSegments merges the live documents of segs into one segment, at the
// level of postings and bitmaps: nothing is re-analysed and the store is not
// read. Documents are renumbered in offer-id order. The merged segment counts
// as built at the earliest build time of its parts, so that its list of
// dates that may have ended since covers every part (see segment.stale).
func mergeSegments(segs []*segment, dead []*roaring.Bitmap) *segment {
	type src struct {
		id  int64
		seg int
		doc uint32
	}
	var docs []src
	newDoc := make([][]int32, len(segs))
	builtAt := int64(noTime)
	var sumLen float64
	for si, s := range segs {
		builtAt = min(builtAt, s.builtAt)
		live := s.n
		if dead[si] != nil {
			live -= int(dead[si].GetCardinality())
		}
		if s.n > 0 {
			sumLen += s.sumLen * float64(live) / float64(s.n) // lengths of dead documents are not kept
		}
		newDoc[si] = make([]int32, s.n)
		for d := 0; d < s.n; d++ {
			newDoc[si][d] = -1
			if dead[si] != nil && dead[si].Contains(uint32(d)) {
				continue
			}
			docs = append(docs, src{s.offerID[d], si, uint32(d)})
		}
	}
	slices.SortFunc(docs, func(a, b src) int { return cmpInt64(a.id, b.id) })
	out := &segment{
		n:         len(docs),
		builtAt:   builtAt,
		dateOff:   make([]uint32, 1, len(docs)+1),
		codes:     map[string]*roaring.Bitmap{},
		providers: map[int64]*roaring.Bitmap{},
		venues:    map[int64]*roaring.Bitmap{},
		months:    map[int32]*roaring.Bitmap{},
		cells:     map[uint32]*roaring.Bitmap{},
	}
	for nd, x := range docs {
		s := segs[x.seg]
		newDoc[x.seg][x.doc] = int32(nd)
		out.offerID = append(out.offerID, x.id)
		j0, j1 := s.datesOf(x.doc)
		out.dateID = append(out.dateID, s.dateID[j0:j1]...)
		out.dates = append(out.dates, s.dates[j0:j1]...)
		for j := j0; j < j1; j++ {
			if e := s.dates[j].end; e != noMinute && e > nowMinutes(builtAt) {
				out.endAt = append(out.endAt, e)
				out.endDoc = append(out.endDoc, uint32(nd))
			}
		}
		out.dateOff = append(out.dateOff, uint32(len(out.dateID)))
	}
	out.sumLen = sumLen
	out.all = roaring.New()
	out.all.AddRange(0, uint64(out.n))

	remap := func(si int, b *roaring.Bitmap) []uint32 {
		var r []uint32
		b.Iterate(func(d uint32) bool {
			if nd := newDoc[si][d]; nd >= 0 {
				r = append(r, uint32(nd))
			}
			return true
		})
		return r
	}
	mergeMap := func(get func(s *segment) map[string]*roaring.Bitmap, put func(k string, b *roaring.Bitmap)) {
		keys := map[string]bool{}
		for _, s := range segs {
			for k := range get(s) {
				keys[k] = true
			}
		}
		for k := range keys {
			b := roaring.New()
			for si, s := range segs {
				if sb := get(s)[k]; sb != nil {
					b.AddMany(remap(si, sb))
				}
			}
			if !b.IsEmpty() {
				b.RunOptimize()
				put(k, b)
			}
		}
	}
	mergeMap(func(s *segment) map[string]*roaring.Bitmap { return s.codes }, func(k string, b *roaring.Bitmap) { out.codes[k] = b })
	mergeGeneric(segs, remap, func(s *segment) map[int64]*roaring.Bitmap { return s.providers }, out.providers)
	mergeGeneric(segs, remap, func(s *segment) map[int64]*roaring.Bitmap { return s.venues }, out.venues)
	mergeGeneric(segs, remap, func(s *segment) map[int32]*roaring.Bitmap { return s.months }, out.months)
	mergeGeneric(segs, remap, func(s *segment) map[uint32]*roaring.Bitmap { return s.cells }, out.cells)

	// Slots keep their positions: dates are copied in order.
	for si, s := range segs {
		if s.overflow != nil {
			if r := remap(si, s.overflow); len(r) > 0 {
				if out.overflow == nil {
					out.overflow = roaring.New()
				}
				out.overflow.AddMany(r)
			}
		}
		for k, sl := range s.slots {
			for len(out.slots) <= k {
				out.slots = append(out.slots, newSlotIndex())
			}
			o := out.slots[k]
			for i, b := range sl.flags {
				o.flags[i].AddMany(remap(si, b))
			}
			for i, b := range sl.price {
				o.price[i].AddMany(remap(si, b))
			}
			o.has.AddMany(remap(si, sl.has))
			mergeGeneric([]*segment{s}, func(_ int, b *roaring.Bitmap) []uint32 { return remap(si, b) },
				func(*segment) map[int32]*roaring.Bitmap { return sl.months }, o.months)
			mergeGeneric([]*segment{s}, func(_ int, b *roaring.Bitmap) []uint32 { return remap(si, b) },
				func(*segment) map[int32]*roaring.Bitmap { return sl.days }, o.days)
			mergeGeneric([]*segment{s}, func(_ int, b *roaring.Bitmap) []uint32 { return remap(si, b) },
				func(*segment) map[int64]*roaring.Bitmap { return sl.venues }, o.venues)
		}
	}
	for _, o := range out.slots {
		o.runOptimize()
	}
	// Venue positions: a later segment has the newer position of a moved
	// venue (its offers were re-indexed when it moved).
	vg := map[int64][2]float32{}
	for _, s := range segs {
		for i, id := range s.vID {
			vg[id] = [2]float32{s.vLat[i], s.vLon[i]}
		}
	}
	out.setVenues(vg)

	// Terms: the union of the dictionaries, in order.
	type tsrc struct{ seg, ti int }
	byTerm := map[string][]tsrc{}
	for si, s := range segs {
		for ti := 0; ti < s.numTerms(); ti++ {
			t := unsafeString(s.termBytes[s.termOff[ti]:s.termOff[ti+1]])
			byTerm[t] = append(byTerm[t], tsrc{si, ti})
		}
	}
	terms := make([]string, 0, len(byTerm))
	for t := range byTerm {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	out.termOff = []uint32{0}
	out.dispOff = []uint32{0}
	out.payOff = []uint32{0}
	type post struct {
		doc uint32
		pay uint16
	}
	var ps []post
	var docsBuf []uint32
	var payBuf []uint16
	for _, t := range terms {
		ps = ps[:0]
		disp := ""
		for _, x := range byTerm[t] {
			s := segs[x.seg]
			pays := s.postingsOf(x.ti)
			nd := newDoc[x.seg]
			if s.df[x.ti] < smallMax {
				for k, d := range s.small[s.ref[x.ti] : s.ref[x.ti]+s.df[x.ti]] {
					if m := nd[d]; m >= 0 {
						ps = append(ps, post{uint32(m), pays[k]})
					}
				}
			} else {
				k := 0
				s.bms[s.ref[x.ti]].Iterate(func(d uint32) bool {
					if m := nd[d]; m >= 0 {
						ps = append(ps, post{uint32(m), pays[k]})
					}
					k++
					return true
				})
			}
			if disp == "" {
				disp = s.display(x.ti)
			}
		}
		if len(ps) == 0 {
			continue
		}
		if len(byTerm[t]) > 1 {
			slices.SortFunc(ps, func(a, b post) int { return int(a.doc) - int(b.doc) })
		}
		i := out.numTerms()
		out.df = append(out.df, 0)
		out.ref = append(out.ref, 0)
		out.champ = append(out.champ, -1)
		out.lowMax = append(out.lowMax, 0)
		out.termBytes = append(out.termBytes, t...)
		out.termOff = append(out.termOff, uint32(len(out.termBytes)))
		out.dispBytes = append(out.dispBytes, disp...)
		out.dispOff = append(out.dispOff, uint32(len(out.dispBytes)))
		docsBuf, payBuf = docsBuf[:0], payBuf[:0]
		var title, place uint32
		for _, p := range ps {
			docsBuf = append(docsBuf, p.doc)
			payBuf = append(payBuf, p.pay)
			if p.pay&(1<<fieldTitle) != 0 {
				title++
			}
			if p.pay&(1<<fieldPlace) != 0 {
				place++
			}
		}
		out.titleDF = append(out.titleDF, title)
		out.placeDF = append(out.placeDF, place)
		out.pay = append(out.pay, payBuf...)
		out.payOff = append(out.payOff, uint32(len(out.pay)))
		out.setPostings(i, docsBuf, payBuf)
	}
	out.finishDocs()
	out.buildFacetIndex()
	return out
}

func mergeGeneric[K comparable](segs []*segment, remap func(int, *roaring.Bitmap) []uint32,
	get func(*segment) map[K]*roaring.Bitmap, out map[K]*roaring.Bitmap) {
	for si, s := range segs {
		for k, b := range get(s) {
			r := remap(si, b)
			if len(r) == 0 {
				continue
			}
			ob := out[k]
			if ob == nil {
				ob = roaring.New()
				out[k] = ob
			}
			ob.AddMany(r)
		}
	}
}
