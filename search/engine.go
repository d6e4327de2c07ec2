package search

import (
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/geo"
	"github.com/lernnetz/lernnetz/search/analysis"
)

var berlin = catalogue.Berlin

// Gazetteer resolves what a learner typed as a place; *geo.Gazetteer is one.
type Gazetteer interface {
	Resolve(s string) (geo.Place, error)
}

// Engine is lernnetz's search: an in-memory index of the published offers
// of a catalogue.Store that answers a Query in milliseconds, follows the
// store's change log, and can be saved to and loaded from a snapshot.
//
// Searches read an immutable state through an atomic pointer and never wait;
// Rebuild and Follow build a new state and swap it in. See DESIGN.md.
type Engine struct {
	store    catalogue.Store
	analyzer *analysis.Analyzer
	now      func() time.Time
	log      *slog.Logger
	gaz      Gazetteer
	qlog     *queryLog

	cur atomic.Pointer[state]
	mu  sync.Mutex // serialises writers: Rebuild, change batches, ReadSnapshot

	follow followState // owned by the writer holding mu
}

// Option configures an Engine.
type Option func(*Engine)

// WithAnalyzer sets the text analyzer (default analysis.New()).
func WithAnalyzer(a *analysis.Analyzer) Option { return func(e *Engine) { e.analyzer = a } }

// WithClock sets the clock that decides which dates have ended (tests).
func WithClock(now func() time.Time) Option { return func(e *Engine) { e.now = now } }

// WithLogger sets the logger for rebuilds, change batches and errors.
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.log = l } }

// WithGazetteer sets the gazetteer that resolves Query.Near (default
// geo.Default()).
func WithGazetteer(g Gazetteer) Option { return func(e *Engine) { e.gaz = g } }

// WithQueryLogger adds a sink that receives every query (see QueryLogger).
func WithQueryLogger(l QueryLogger) Option { return func(e *Engine) { e.qlog.sink = l } }

// NewEngine returns an engine over store with an empty index: call Rebuild
// or LoadSnapshotFile, then Follow.
func NewEngine(store catalogue.Store, opts ...Option) *Engine {
	e := &Engine{store: store, now: time.Now, log: slog.New(slog.DiscardHandler), qlog: newQueryLog(200)}
	for _, o := range opts {
		o(e)
	}
	if e.analyzer == nil {
		e.analyzer = analysis.New()
	}
	if e.gaz == nil {
		e.gaz = geo.Default()
	}
	e.cur.Store(&state{})
	return e
}

// state is one immutable version of the index: segments (the first is the
// base built by Rebuild, the others hold changed offers) and, per segment,
// the documents that are no longer live (deleted, or replaced by a newer
// version in a later segment).
type state struct {
	segs      []*segment
	dead      []*roaring.Bitmap // nil: none
	live      []*roaring.Bitmap // all minus dead
	liveN     int
	seq       int64   // every change up to seq is applied
	avgLen    float64 // average document length of the base, used for later segments
	builtAt   time.Time
	updatedAt time.Time
}

// withSegments returns a new state with segs and dead, computing live.
func newState(segs []*segment, dead []*roaring.Bitmap) *state {
	st := &state{segs: segs, dead: dead, live: make([]*roaring.Bitmap, len(segs))}
	for i, s := range segs {
		if dead[i] == nil || dead[i].IsEmpty() {
			st.live[i] = s.all
			st.liveN += s.n
		} else {
			st.live[i] = roaring.AndNot(s.all, dead[i])
			st.liveN += int(st.live[i].GetCardinality())
		}
	}
	return st
}

// Stats describes the current index.
func (e *Engine) Stats() Stats {
	st := e.cur.Load()
	out := Stats{Offers: st.liveN, Segments: len(st.segs), LastSeq: st.seq, BuiltAt: st.builtAt, UpdatedAt: st.updatedAt}
	for i, s := range st.segs {
		out.Terms += s.numTerms()
		out.Postings += len(s.pay)
		out.MemoryBytes += s.memory()
		if st.live[i] == s.all {
			out.Dates += len(s.dateID)
		} else {
			st.live[i].Iterate(func(d uint32) bool {
				j0, j1 := s.datesOf(d)
				out.Dates += j1 - j0
				return true
			})
		}
	}
	return out
}

// memory estimates the bytes a segment holds.
func (s *segment) memory() int64 {
	n := int64(len(s.offerID)*8 + len(s.dateOff)*4 + len(s.byStart)*4 + len(s.startKey)*4 +
		len(s.byPrice)*4 + len(s.priceKey)*4 + len(s.champOff)*4 + len(s.champLvl) + len(s.vID)*20)
	n += int64(len(s.dateID)*(8+dateRowSize) + len(s.endAt)*8 + len(s.fcOff)*4 + len(s.fcIDs))
	for _, d := range s.dense {
		n += int64(len(d) * 8)
	}
	n += int64(len(s.termBytes) + len(s.termOff)*4 + len(s.df)*4 + len(s.ref)*4 + len(s.payOff)*4 + len(s.pay)*2 +
		len(s.small)*4 + len(s.champ)*4 + len(s.lowMax) + len(s.dispBytes) + len(s.dispOff)*4 + len(s.titleDF)*8)
	for _, b := range s.bms {
		n += int64(b.GetSizeInBytes()) + 48
	}
	for _, b := range s.champs {
		n += int64(b.GetSizeInBytes()) + 48
	}
	for _, m := range []map[string]*roaring.Bitmap{s.codes} {
		for _, b := range m {
			n += int64(b.GetSizeInBytes()) + 64
		}
	}
	for _, b := range s.providers {
		n += int64(b.GetSizeInBytes()) + 64
	}
	for _, b := range s.venues {
		n += int64(b.GetSizeInBytes()) + 64
	}
	for _, b := range s.months {
		n += int64(b.GetSizeInBytes()) + 64
	}
	for _, b := range s.cells {
		n += int64(b.GetSizeInBytes()) + 64
	}
	for _, si := range s.slots {
		for _, b := range si.flags {
			n += int64(b.GetSizeInBytes()) + 64
		}
		for _, b := range si.price {
			n += int64(b.GetSizeInBytes()) + 64
		}
		for _, m := range []map[int32]*roaring.Bitmap{si.months, si.days} {
			for _, b := range m {
				n += int64(b.GetSizeInBytes()) + 64
			}
		}
		for _, b := range si.venues {
			n += int64(b.GetSizeInBytes()) + 64
		}
		for _, d := range si.dense {
			n += int64(len(d) * 8)
		}
	}
	return n
}

// unsafeString views b as a string without copying; b must not change while
// the string is in use.
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
