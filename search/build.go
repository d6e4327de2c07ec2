package search

import (
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/search/analysis"
)

// BM25 parameters of the impacts.
const (
	bm25K1 = 1.2
	bm25B  = 0.5
	// defaultAvgLen is the prior average document length (tokens) used until
	// a build has seen enough documents to know the real one.
	defaultAvgLen = 120
)

// kindWeight weighs a token by why the analyzer emitted it: the parts of a
// compound count less than the word itself.
func kindWeight(k analysis.TokenKind) float64 {
	switch k {
	case analysis.Word, analysis.Joined, analysis.Phrase:
		return 1
	case analysis.Part:
		return 0.5
	case analysis.Synonym:
		return 0.6
	}
	return 0 // Stop: not indexed
}

// onlineModes are the delivery modes that need no venue.
var onlineModes = map[string]bool{"e_learning": true, "distance": true, "virtual_classroom": true, "self_study": true}

// Vocabulary orders of the date flags.
var (
	timePatternCodes = vocabCodes("time_pattern")
	dayTimeCodes     = vocabCodes("day_time")
)

func vocabCodes(name string) []string {
	var out []string
	for _, t := range catalogue.Vocab(name).Terms {
		out = append(out, t.Code)
	}
	return out
}

// docRec is an analysed offer, ready to be added to a segment builder.
type docRec struct {
	offerID    int64
	providerID int64
	length     int
	terms      []termOcc
	codes      []string // keys of segment.codes
	online     bool     // an online delivery mode
	dates      []dateRec
}

type termOcc struct {
	term, surface string
	weight        float64 // sum of field and kind weights of its occurrences
	mask          uint16
}

type dateRec struct {
	id         int64
	start, end int64
	price      int64
	flags      uint16
	lat, lon   float64
	venue      int64
}

// analyzer turns offers into docRecs; it keeps scratch space and is not safe
// for concurrent use (each build worker has its own).
type recAnalyzer struct {
	a     *analysis.Analyzer
	acc   map[string]int // term → index into terms
	recs  []termOcc
	cache map[string][]analysis.Token // short texts that repeat: names, labels, places
}

func newRecAnalyzer(a *analysis.Analyzer) *recAnalyzer {
	return &recAnalyzer{a: a, acc: make(map[string]int, 256), cache: map[string][]analysis.Token{}}
}

// tokens analyses text, from the cache for short repeated fields.
func (ra *recAnalyzer) tokens(field int, text string) []analysis.Token {
	switch field {
	case fieldTopics, fieldDegree, fieldProvider, fieldPlace:
	default:
		return ra.a.Index(text)
	}
	if ts, ok := ra.cache[text]; ok {
		return ts
	}
	if len(ra.cache) >= 8192 {
		clear(ra.cache)
	}
	ts := ra.a.Index(text)
	ra.cache[strings.Clone(text)] = ts
	return ts
}

// analyse makes the docRec of a published offer.
func (ra *recAnalyzer) analyse(o *catalogue.Offer) *docRec {
	r := &docRec{offerID: o.ID, providerID: o.ProviderID}
	clear(ra.acc)
	ra.recs = ra.recs[:0]
	add := func(field int, text string) {
		if text == "" {
			return
		}
		for _, t := range ra.tokens(field, text) {
			w := kindWeight(t.Kind)
			if w == 0 || t.Term == "" {
				continue
			}
			r.length++
			surface := ""
			if t.Kind == analysis.Word || t.Kind == analysis.Joined {
				surface = text[t.Start:t.End]
			}
			i, ok := ra.acc[t.Term]
			if !ok {
				i = len(ra.recs)
				ra.acc[t.Term] = i
				ra.recs = append(ra.recs, termOcc{term: t.Term})
			}
			occ := &ra.recs[i]
			if surface != "" && (occ.surface == "" || field == fieldTitle && occ.mask&(1<<fieldTitle) == 0) {
				occ.surface = surface
			}
			occ.weight += w * fieldWeights[field]
			occ.mask |= 1 << field
		}
	}
	add(fieldTitle, o.Title)
	add(fieldSubtitle, o.Subtitle)
	topics := catalogue.Vocab("topic")
	for _, c := range o.Topics {
		add(fieldTopics, topics.Label(c, "de"))
	}
	add(fieldDegree, o.Degree)
	if o.DegreeType != "" && o.DegreeType != "none" {
		add(fieldDegree, catalogue.Vocab("degree_type").Label(o.DegreeType, "de"))
	}
	if o.Provider != nil {
		add(fieldProvider, o.Provider.Name)
	}
	add(fieldShortDescription, o.ShortDescription)
	add(fieldDescription, o.Description)
	add(fieldContents, o.Contents)
	add(fieldTargetGroup, o.TargetGroup)
	add(fieldLearningOutcomes, o.LearningOutcomes)
	seenPlace := map[string]bool{}
	for i := range o.Dates {
		if v := o.Dates[i].Venue; v != nil {
			for _, s := range []string{v.Address.City, v.Address.PostalCode} {
				if s != "" && !seenPlace[s] {
					seenPlace[s] = true
					add(fieldPlace, s)
				}
			}
		}
	}
	r.terms = slices.Clone(ra.recs)

	for _, c := range o.Topics {
		r.codes = append(r.codes, "topic/"+c)
	}
	for _, c := range o.DeliveryModes {
		r.codes = append(r.codes, "delivery_mode/"+c)
		if onlineModes[c] {
			r.online = true
		}
	}
	for _, c := range o.Funding {
		r.codes = append(r.codes, "funding/"+c)
	}
	if o.DegreeType != "" {
		r.codes = append(r.codes, "degree_type/"+o.DegreeType)
	}
	for _, c := range o.Languages {
		r.codes = append(r.codes, "language/"+c)
	}
	if o.WomenSpecific {
		r.codes = append(r.codes, keyWomen)
	}
	if o.Childcare {
		r.codes = append(r.codes, keyChildcare)
	}
	if r.online {
		r.codes = append(r.codes, keyOnlineMode)
	}
	for i := range o.Dates {
		r.dates = append(r.dates, makeDateRec(o, &o.Dates[i]))
	}
	return r
}

func makeDateRec(o *catalogue.Offer, d *catalogue.Date) dateRec {
	dr := dateRec{id: d.ID, start: noTime, end: noTime, price: -1, venue: d.VenueID}
	if d.StartKind == catalogue.StartFixed && d.Start != nil {
		dr.start = d.Start.Unix()
		dr.flags |= dfFixed
	}
	if d.StartKind == catalogue.StartFixed {
		last := d.End
		if last == nil {
			last = d.Start
		}
		if last != nil {
			y, m, day := last.In(berlin).Date()
			dr.end = time.Date(y, m, day+1, 0, 0, 0, 0, berlin).Unix()
		}
	}
	switch {
	case d.Price != nil:
		dr.price = d.Price.AmountCents
	case o.Price != nil:
		dr.price = o.Price.AmountCents
	}
	for _, p := range d.TimePatterns {
		if i := slices.Index(timePatternCodes, p); i >= 0 {
			dr.flags |= 1 << (dfPatternShift + i)
		}
	}
	if i := slices.Index(dayTimeCodes, d.DayTime); i >= 0 {
		dr.flags |= 1 << (dfDayShift + i)
	}
	if d.VenueID != 0 {
		dr.flags |= dfHasVenue
	}
	if v := d.Venue; v != nil {
		if slices.Contains(v.Accessibility, "step_free") {
			dr.flags |= dfAccessible
		}
		if v.Geo != nil {
			dr.flags |= dfHasGeo
			dr.lat, dr.lon = v.Geo.Lat, v.Geo.Lon
		}
	}
	return dr
}

// segBuilder collects documents (in ascending offer id) into a segment.
type segBuilder struct {
	now      int64
	avgLen   float64 // fixed average length, or 0 to use the running one
	terms    map[string]uint32
	tl       []*termAcc
	seg      *segment
	bms      map[string]*roaring.Bitmap
	sumLen   float64
	lastID   int64
	scratch  []byte
	venueGeo map[int64][2]float32
}

type termAcc struct {
	term      string
	disp      string
	dispTitle bool
	docs      []uint32
	pay       []uint16
	titleDF   uint32
	placeDF   uint32
}

func newSegBuilder(now time.Time, avgLen float64) *segBuilder {
	return &segBuilder{
		now:    now.Unix(),
		avgLen: avgLen,
		terms:  make(map[string]uint32, 1<<14),
		seg: &segment{
			builtAt:   now.Unix(),
			dateOff:   []uint32{0},
			providers: map[int64]*roaring.Bitmap{},
			venues:    map[int64]*roaring.Bitmap{},
			months:    map[int32]*roaring.Bitmap{},
			cells:     map[uint32]*roaring.Bitmap{},
		},
		bms:      map[string]*roaring.Bitmap{},
		venueGeo: map[int64][2]float32{},
	}
}

func addTo[K comparable](m map[K]*roaring.Bitmap, k K, d uint32) {
	b := m[k]
	if b == nil {
		b = roaring.New()
		m[k] = b
	}
	b.Add(d)
}

// add appends a document; recs must come in ascending offer id.
func (b *segBuilder) add(r *docRec) {
	s := b.seg
	d := uint32(s.n)
	s.n++
	s.offerID = append(s.offerID, r.offerID)
	b.sumLen += float64(r.length)
	avg := b.avgLen
	if avg == 0 {
		avg = defaultAvgLen
		if s.n >= 100 {
			avg = b.sumLen / float64(s.n)
		}
	}
	norm := bm25K1 * (1 - bm25B + bm25B*float64(r.length)/avg)
	for i := range r.terms {
		t := &r.terms[i]
		id, ok := b.terms[t.term]
		if !ok {
			id = uint32(len(b.tl))
			b.terms[t.term] = id
			b.tl = append(b.tl, &termAcc{term: strings.Clone(t.term)})
		}
		ta := b.tl[id]
		imp := t.weight / (t.weight + norm)
		level := int(math.Ceil(imp * maxLevel))
		level = max(1, min(maxLevel, level))
		ta.docs = append(ta.docs, d)
		ta.pay = append(ta.pay, makePay(level, t.mask))
		if t.mask&(1<<fieldTitle) != 0 {
			ta.titleDF++
		}
		if t.mask&(1<<fieldPlace) != 0 {
			ta.placeDF++
		}
		if t.surface != "" && (ta.disp == "" || !ta.dispTitle && t.mask&(1<<fieldTitle) != 0) {
			ta.disp = strings.Clone(t.surface)
			ta.dispTitle = t.mask&(1<<fieldTitle) != 0
		}
	}
	for _, c := range r.codes {
		addTo(b.bms, c, d)
	}
	addTo(s.providers, r.providerID, d)
	if r.online {
		addTo(b.bms, keyOnline, d)
	}
	overflow := len(r.dates) > maxSlots
	if overflow {
		if s.overflow == nil {
			s.overflow = roaring.New()
		}
		s.overflow.Add(d)
	}
	for k, dr := range r.dates {
		if r.online {
			dr.flags |= dfOnline
		}
		s.dateID = append(s.dateID, dr.id)
		row := dateRow{start: noMinute, end: noMinute, price: int32(min(dr.price, math.MaxInt32)), flags: dr.flags}
		if dr.start != noTime {
			row.start = toMinutes(dr.start)
		}
		if dr.end != noTime {
			row.end = toMinutes(dr.end)
		}
		cell := uint32(0)
		if dr.flags&dfHasGeo != 0 {
			row.lat, row.lon = float32(dr.lat), float32(dr.lon)
			cell = cellOf(float64(row.lat), float64(row.lon))
		}
		row.cell = cell
		s.dates = append(s.dates, row)
		if dr.venue != 0 {
			addTo(s.venues, dr.venue, d)
			if dr.flags&dfHasGeo != 0 {
				b.venueGeo[dr.venue] = [2]float32{row.lat, row.lon}
			}
		}
		if dr.flags&dfHasVenue == 0 {
			addTo(b.bms, keyOnline, d)
		}
		if dr.flags&dfHasGeo != 0 {
			addTo(s.cells, cell, d)
		}
		if row.end != noMinute && row.end <= nowMinutes(b.now) {
			continue // ended: not in the date bitmaps
		}
		if !overflow {
			for len(s.slots) <= k {
				s.slots = append(s.slots, newSlotIndex())
			}
			s.slots[k].add(d, &row, dr.start, dr.venue)
		}
		if row.end != noMinute {
			s.endAt = append(s.endAt, row.end)
			s.endDoc = append(s.endDoc, d)
		}
		for i, c := range timePatternCodes {
			if dr.flags&(1<<(dfPatternShift+i)) != 0 {
				addTo(b.bms, "time_pattern/"+c, d)
			}
		}
		for i, c := range dayTimeCodes {
			if dr.flags&(1<<(dfDayShift+i)) != 0 {
				addTo(b.bms, "day_time/"+c, d)
			}
		}
		if dr.flags&dfAccessible != 0 {
			addTo(b.bms, keyAccessible, d)
		}
		if dr.price == 0 {
			addTo(b.bms, keyFree, d)
		}
		if dr.start == noTime {
			addTo(b.bms, keyUndated, d)
		} else {
			addTo(s.months, monthOf(dr.start), d)
		}
	}
	s.dateOff = append(s.dateOff, uint32(len(s.dateID)))
}

// finish sorts the dictionary and lays the postings out; the builder must not
// be used afterwards.
func (b *segBuilder) finish() *segment {
	s := b.seg
	s.sumLen = b.sumLen
	s.codes = b.bms
	s.all = roaring.New()
	s.all.AddRange(0, uint64(s.n))
	for _, bm := range s.codes {
		bm.RunOptimize()
	}
	for _, si := range s.slots {
		si.runOptimize()
	}
	order := make([]uint32, len(b.tl))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(x, y uint32) int { return strings.Compare(b.tl[x].term, b.tl[y].term) })
	T := len(order)
	s.termOff = make([]uint32, 0, T+1)
	s.dispOff = make([]uint32, 0, T+1)
	s.payOff = make([]uint32, 0, T+1)
	s.df = make([]uint32, T)
	s.ref = make([]uint32, T)
	s.champ = make([]int32, T)
	s.lowMax = make([]uint8, T)
	s.titleDF = make([]uint32, T)
	s.placeDF = make([]uint32, T)
	var total, termLen, dispLen int
	for _, ta := range b.tl {
		total += len(ta.docs)
		termLen += len(ta.term)
		dispLen += len(ta.disp)
	}
	s.pay = make([]uint16, 0, total)
	s.termBytes = make([]byte, 0, termLen)
	s.dispBytes = make([]byte, 0, dispLen)
	s.termOff = append(s.termOff, 0)
	s.dispOff = append(s.dispOff, 0)
	s.payOff = append(s.payOff, 0)
	for i, id := range order {
		ta := b.tl[id]
		b.tl[id] = nil
		s.termBytes = append(s.termBytes, ta.term...)
		s.termOff = append(s.termOff, uint32(len(s.termBytes)))
		s.dispBytes = append(s.dispBytes, ta.disp...)
		s.dispOff = append(s.dispOff, uint32(len(s.dispBytes)))
		s.pay = append(s.pay, ta.pay...)
		s.payOff = append(s.payOff, uint32(len(s.pay)))
		s.titleDF[i], s.placeDF[i] = ta.titleDF, ta.placeDF
		s.setPostings(i, ta.docs, ta.pay)
	}
	s.setVenues(b.venueGeo)
	s.finishDocs()
	s.buildFacetIndex()
	return s
}

// setVenues stores the venue table, sorted by id.
func (s *segment) setVenues(geo map[int64][2]float32) {
	ids := make([]int64, 0, len(geo))
	for id := range geo {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	s.vID, s.vLat, s.vLon, s.vCell = ids, make([]float32, len(ids)), make([]float32, len(ids)), make([]uint32, len(ids))
	for i, id := range ids {
		g := geo[id]
		s.vLat[i], s.vLon[i] = g[0], g[1]
		s.vCell[i] = cellOf(float64(g[0]), float64(g[1]))
	}
}

// setPostings stores the documents of term i (sorted) and its champion list.
func (s *segment) setPostings(i int, docs []uint32, pay []uint16) {
	s.df[i] = uint32(len(docs))
	s.champ[i] = -1
	if len(docs) < smallMax {
		s.ref[i] = uint32(len(s.small))
		s.small = append(s.small, docs...)
		return
	}
	bm := roaring.New()
	bm.AddMany(docs)
	bm.RunOptimize()
	s.ref[i] = uint32(len(s.bms))
	s.bms = append(s.bms, bm)
	if len(docs) < champMin {
		return
	}
	var hist [maxLevel + 1]int
	for _, p := range pay {
		hist[payLevel(p)]++
	}
	want := max(champMin/2, len(docs)/32)
	cut, n := maxLevel, 0
	for ; cut > 1; cut-- {
		n += hist[cut]
		if n >= want {
			break
		}
	}
	low := 0
	for l := cut - 1; l >= 1; l-- {
		if hist[l] > 0 {
			low = l
			break
		}
	}
	if low == 0 {
		return // every posting would be a champion
	}
	ch := roaring.New()
	if len(s.champOff) == 0 {
		s.champOff = append(s.champOff, 0)
	}
	for k, p := range pay {
		if l := payLevel(p); l >= cut {
			ch.Add(docs[k])
			s.champLvl = append(s.champLvl, uint8(l))
		}
	}
	ch.RunOptimize()
	s.champ[i] = int32(len(s.champs))
	s.champs = append(s.champs, ch)
	s.champOff = append(s.champOff, uint32(len(s.champLvl)))
	s.lowMax[i] = uint8(low)
}

// finishDocs computes the static sort orders and the end index.
func (s *segment) finishDocs() {
	// Lower bounds over the dates that had not ended at build time (ended
	// dates never match again).
	built := nowMinutes(s.builtAt)
	s.byStart, s.startKey = s.staticOrder(func(j int) int32 {
		if r := &s.dates[j]; r.start != noMinute && r.end > built {
			return r.start
		}
		return noKey
	})
	s.byPrice, s.priceKey = s.staticOrder(func(j int) int32 {
		if r := &s.dates[j]; r.price >= 0 && r.end > built {
			return r.price
		}
		return noKey
	})
	idx := make([]int, len(s.endAt))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return s.endAt[idx[a]] < s.endAt[idx[b]] })
	at, doc := make([]int32, len(idx)), make([]uint32, len(idx))
	for k, i := range idx {
		at[k], doc[k] = s.endAt[i], s.endDoc[i]
	}
	s.endAt, s.endDoc = at, doc
}

// staticOrder returns the documents ordered by the lowest key of their dates
// (noKey without one), then by document, with the keys.
func (s *segment) staticOrder(key func(date int) int32) ([]uint32, []int32) {
	keys := make([]int32, s.n)
	order := make([]uint32, s.n)
	for d := 0; d < s.n; d++ {
		k := int32(noKey)
		for j := s.dateOff[d]; j < s.dateOff[d+1]; j++ {
			k = min(k, key(int(j)))
		}
		keys[d] = k
		order[d] = uint32(d)
	}
	slices.SortStableFunc(order, func(a, b uint32) int {
		if keys[a] != keys[b] {
			if keys[a] < keys[b] {
				return -1
			}
			return 1
		}
		return int(a) - int(b)
	})
	sorted := make([]int32, s.n)
	for i, d := range order {
		sorted[i] = keys[d]
	}
	return order, sorted
}
