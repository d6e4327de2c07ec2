package search

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
)

// Text fields of an offer, in the order of the field bits of a posting.
const (
	fieldTitle = iota
	fieldSubtitle
	fieldTopics
	fieldDegree
	fieldProvider
	fieldShortDescription
	fieldDescription
	fieldContents
	fieldTargetGroup
	fieldLearningOutcomes
	fieldPlace
	numFields
)

// fieldNames are the names used in Match.Fields.
var fieldNames = [numFields]string{"title", "subtitle", "topics", "degree", "provider",
	"short_description", "description", "contents", "target_group", "learning_outcomes", "place"}

// fieldWeights weigh an occurrence of a term by field (BM25F-like).
var fieldWeights = [numFields]float64{8, 4, 4, 3, 2.5, 2, 1, 1, 1.5, 1, 2}

// A posting's payload packs its quantized impact (5 bits, 1–31) above the
// field bits (11 bits).
const (
	levelShift = 11
	maskBits   = 1<<levelShift - 1
	maxLevel   = 31
)

func payLevel(p uint16) int                 { return int(p >> levelShift) }
func payMask(p uint16) uint16               { return p & maskBits }
func makePay(level int, mask uint16) uint16 { return uint16(level)<<levelShift | mask&maskBits }

// Terms with fewer postings than smallMax keep their documents in a plain
// sorted array; larger ones in a roaring bitmap. Terms with at least
// champMin postings get a champion list (their highest-impact documents).
const (
	smallMax = 128
	champMin = 1024
)

// Date flag bits (dateRow.flags).
const (
	dfPatternShift = 0 // 5 bits: time patterns in vocabulary order
	dfDayShift     = 5 // 4 bits: day time in vocabulary order (one at most)
	dfAccessible   = 1 << 9
	dfHasVenue     = 1 << 10
	dfHasGeo       = 1 << 11
	dfFixed        = 1 << 12 // a fixed start (Start set)
	dfOnline       = 1 << 13 // the offer has an online delivery mode
)

// noTime marks a date key without a value (sorts last); noKey the same for
// the static sort keys.
const (
	noTime = math.MaxInt64
	noKey  = math.MaxInt32
)

// dateRow is what searching needs of a date, packed: the filters read
// dates at random, so one row per date beats a column per field.
type dateRow struct {
	start int32 // minutes since timeBase; noMinute without a fixed start
	end   int32 // minutes since timeBase from which the date has ended; noMinute if never
	price int32 // cents, -1 unknown
	cell  uint32
	lat   float32
	lon   float32
	flags uint16
	_     uint16
}

// Dates are kept at minute precision from timeBase.
var timeBase = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()

const noMinute = math.MaxInt32

// toMinutes converts unix seconds to minutes since timeBase, rounding up
// (so that "at or after" and "before" comparisons with whole-minute dates
// stay exact), clamped to the int32 range.
func toMinutes(unix int64) int32 {
	d := unix - timeBase
	m := d / 60 // toward zero: up for negative d
	if d%60 > 0 {
		m++
	}
	return int32(max(math.MinInt32+1, min(math.MaxInt32-1, m)))
}

// nowMinutes converts the current time to minutes, rounding down: a date
// ending at minute e has ended when e <= nowMinutes(now).
func nowMinutes(unix int64) int32 {
	d := unix - timeBase
	m := d / 60
	if d%60 < 0 {
		m--
	}
	return int32(max(math.MinInt32+1, min(math.MaxInt32-1, m)))
}

// segment is an immutable part of the index: a set of offers (documents
// numbered 0..n-1 in offer-id order), their dates, the inverted index of
// their text, and bitmaps for every filter. Segments are never modified after
// they are built (or loaded), so any number of searches read them without
// locks; deleting an offer marks its document dead in the engine's state.
type segment struct {
	n       int
	builtAt int64 // unix seconds

	// Documents.
	offerID  []int64
	dateOff  []uint32 // n+1 offsets into the date columns
	byStart  []uint32 // documents by earliest fixed start (any date), then id
	startKey []int32  // the earliest fixed start (minutes) of byStart[i], noKey if none
	byPrice  []uint32 // documents by lowest known price, then id
	priceKey []int32  // the lowest price of byPrice[i], noKey if none

	// Dates, in document order.
	dateID []int64
	dates  []dateRow // what filtering needs, one cache line or less per date

	// Terms, sorted; term i is termBytes[termOff[i]:termOff[i+1]].
	termBytes []byte
	termOff   []uint32
	df        []uint32
	ref       []uint32 // index into bms for large terms, offset into small for small ones
	payOff    []uint32 // T+1 offsets into pay: postings of term i in document order
	pay       []uint16
	small     []uint32
	bms       []*roaring.Bitmap
	champ     []int32 // index into champs, -1 without a champion list
	lowMax    []uint8 // highest level outside the champion list
	champs    []*roaring.Bitmap
	champOff  []uint32 // len(champs)+1 offsets into champLvl
	champLvl  []uint8  // the levels of each champion list's documents, in document order
	dispBytes []byte   // surface form of each term, as first seen (preferably in a title)
	dispOff   []uint32 // T+1
	titleDF   []uint32 // documents with the term in the title
	placeDF   []uint32 // documents with the term in a venue's city or postal code

	// Facets: each document's facet values (ids into facetCodes), and for
	// large segments dense copies of the facet bitmaps (derived, not saved).
	fcOff []uint32
	fcIDs []uint8
	dense [][]uint64

	// Filters.
	all       *roaring.Bitmap            // 0..n-1
	codes     map[string]*roaring.Bitmap // "topic/it", "time_pattern/evening" (has such a date) …
	providers map[int64]*roaring.Bitmap
	venues    map[int64]*roaring.Bitmap
	months    map[int32]*roaring.Bitmap  // has a fixed date starting in that month (year*12+month-1)
	cells     map[uint32]*roaring.Bitmap // has a date at a venue in that grid cell

	// Located venues of the segment's dates, by id, with their position.
	vID   []int64
	vLat  []float32
	vLon  []float32
	vCell []uint32

	// Positional date slots (see slots.go) and the documents with too many
	// dates for them.
	slots    []*slotIndex
	overflow *roaring.Bitmap
	byDay    startDays // the slots' documents by start day, for the start sort (derived on first use)

	// Dates that had not ended when the segment was built, by end (minutes):
	// a date-filter bitmap of the segment is exact for a document until one
	// of its dates ends.
	endAt  []int32
	endDoc []uint32

	sumLen float64
}

// Keys of segment.codes besides "<vocabulary>/<code>" for offer filters.
const (
	keyWomen      = "women_specific"
	keyChildcare  = "childcare"
	keyOnline     = "online"     // an offer with an online delivery mode or a date without a venue
	keyOnlineMode = "onlinemode" // an offer with an online delivery mode
	keyUndated    = "undated"    // a date without a fixed start (passes any start window)
	keyAccessible = "accessible" // a date at a venue with step-free access
	keyFree       = "free"       // a date that is free of charge
)

func (s *segment) numTerms() int { return len(s.df) }

func (s *segment) term(i int) string {
	return string(s.termBytes[s.termOff[i]:s.termOff[i+1]])
}

func (s *segment) termEq(i int, t string) int {
	return strings.Compare(unsafeString(s.termBytes[s.termOff[i]:s.termOff[i+1]]), t)
}

func (s *segment) display(i int) string {
	return string(s.dispBytes[s.dispOff[i]:s.dispOff[i+1]])
}

// lookup returns the number of term t, or -1.
func (s *segment) lookup(t string) int {
	i := sort.Search(s.numTerms(), func(i int) bool { return s.termEq(i, t) >= 0 })
	if i < s.numTerms() && s.termEq(i, t) == 0 {
		return i
	}
	return -1
}

// prefixRange returns the terms starting with p as [lo, hi).
func (s *segment) prefixRange(p string) (int, int) {
	lo := sort.Search(s.numTerms(), func(i int) bool { return s.termEq(i, p) >= 0 })
	hi := lo
	for hi < s.numTerms() && strings.HasPrefix(unsafeString(s.termBytes[s.termOff[hi]:s.termOff[hi+1]]), p) {
		hi++
	}
	return lo, hi
}

// docs returns the documents of term i as a bitmap; small terms get a new
// bitmap, large ones their shared one, which callers must not modify.
func (s *segment) docs(i int) *roaring.Bitmap {
	if s.df[i] < smallMax {
		b := roaring.New()
		b.AddMany(s.small[s.ref[i] : s.ref[i]+s.df[i]])
		return b
	}
	return s.bms[s.ref[i]]
}

// postingsOf returns the payloads of term i in document order.
func (s *segment) postingsOf(i int) []uint16 { return s.pay[s.payOff[i]:s.payOff[i+1]] }

// payloadOf returns the payload of term i for document d, or 0 when d has no
// posting of the term.
func (s *segment) payloadOf(i int, d uint32) uint16 {
	if s.df[i] < smallMax {
		docs := s.small[s.ref[i] : s.ref[i]+s.df[i]]
		k := sort.Search(len(docs), func(k int) bool { return docs[k] >= d })
		if k < len(docs) && docs[k] == d {
			return s.pay[s.payOff[i]+uint32(k)]
		}
		return 0
	}
	b := s.bms[s.ref[i]]
	if !b.Contains(d) {
		return 0
	}
	return s.pay[s.payOff[i]+uint32(b.Rank(d))-1]
}

// datesOf returns the range of document d's dates.
func (s *segment) datesOf(d uint32) (int, int) { return int(s.dateOff[d]), int(s.dateOff[d+1]) }

// find returns the document of offer id, or -1.
func (s *segment) find(id int64) int {
	i := sort.Search(s.n, func(i int) bool { return s.offerID[i] >= id })
	if i < s.n && s.offerID[i] == id {
		return i
	}
	return -1
}

// stale returns the documents with a date that ended after the segment was
// built and at or before now (minutes): for them the date bitmaps are not
// exact.
func (s *segment) stale(now int32) *roaring.Bitmap {
	i := sort.Search(len(s.endAt), func(i int) bool { return s.endAt[i] > now })
	if i == 0 {
		return nil
	}
	b := roaring.New()
	b.AddMany(append([]uint32(nil), s.endDoc[:i]...))
	return b
}

func (s *segment) code(key string) *roaring.Bitmap {
	if b := s.codes[key]; b != nil {
		return b
	}
	return emptyBitmap
}

var emptyBitmap = roaring.New()

// monthOf returns the month bucket of a unix time in Berlin.
func monthOf(t int64) int32 {
	tt := time.Unix(t, 0).In(berlin)
	return int32(tt.Year()*12 + int(tt.Month()) - 1)
}
