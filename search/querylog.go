package search

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/lernnetz/lernnetz/search/analysis"
)

// LoggedQuery is one search as the query log keeps it: no IP address, no
// user or session id, no exact place typed — only what helps improve the
// catalogue and the search (what was looked for, how many offers it found).
type LoggedQuery struct {
	At       time.Time     `json:"at"`
	Text     string        `json:"text"`    // folded (lower case, umlauts and ß folded)
	Filters  string        `json:"filters"` // e.g. "topic=it,languages time_pattern=evening near radius_km=25"
	Results  int           `json:"results"`
	Duration time.Duration `json:"duration"`
}

// QueryLogger receives every query the engine answers; the web layer can
// persist them. LogQuery is called synchronously on the search path and
// must return quickly (queue, then write elsewhere).
type QueryLogger interface {
	LogQuery(LoggedQuery)
}

// queryLog keeps the last queries and the last queries without results.
type queryLog struct {
	mu     sync.Mutex
	recent ring
	zero   ring
	sink   QueryLogger
}

type ring struct {
	buf  []LoggedQuery
	next int
	full bool
}

func (r *ring) add(q LoggedQuery) {
	r.buf[r.next] = q
	r.next = (r.next + 1) % len(r.buf)
	if r.next == 0 {
		r.full = true
	}
}

// list returns the entries, newest first.
func (r *ring) list() []LoggedQuery {
	var out []LoggedQuery
	n := r.next
	if r.full {
		n = len(r.buf)
	}
	for i := 0; i < n; i++ {
		out = append(out, r.buf[(r.next-1-i+len(r.buf))%len(r.buf)])
	}
	return out
}

func newQueryLog(size int) *queryLog {
	return &queryLog{recent: ring{buf: make([]LoggedQuery, size)}, zero: ring{buf: make([]LoggedQuery, size)}}
}

func (l *queryLog) record(q *Query, results int, d time.Duration, now time.Time) {
	lq := LoggedQuery{At: now, Text: analysis.Fold(q.Text), Filters: describeFilters(q), Results: results, Duration: d}
	l.mu.Lock()
	l.recent.add(lq)
	if results == 0 {
		l.zero.add(lq)
	}
	sink := l.sink
	l.mu.Unlock()
	if sink != nil {
		sink.LogQuery(lq)
	}
}

// describeFilters writes the active filters of q in a stable, short form.
// The place is logged only as "near" with its radius: a postal code could
// narrow a learner down.
func describeFilters(q *Query) string {
	var parts []string
	codes := func(name string, v []string) {
		if len(v) > 0 {
			s := slices.Clone(v)
			slices.Sort(s)
			parts = append(parts, name+"="+strings.Join(s, ","))
		}
	}
	codes("topic", q.Topics)
	codes("delivery_mode", q.DeliveryModes)
	codes("funding", q.Funding)
	codes("degree_type", q.DegreeTypes)
	codes("language", q.Languages)
	codes("time_pattern", q.TimePatterns)
	codes("day_time", q.DayTimes)
	if q.ProviderID != 0 {
		parts = append(parts, fmt.Sprintf("provider=%d", q.ProviderID))
	}
	for _, b := range []struct {
		name string
		on   bool
	}{{"women_specific", q.WomenSpecific}, {"childcare", q.Childcare}, {"accessible", q.Accessible}} {
		if b.on {
			parts = append(parts, b.name)
		}
	}
	if q.MaxPriceCents != nil {
		parts = append(parts, fmt.Sprintf("max_price_cents=%d", *q.MaxPriceCents))
	}
	if q.StartFrom != nil {
		parts = append(parts, "start_from="+q.StartFrom.Format("2006-01-02"))
	}
	if q.StartTo != nil {
		parts = append(parts, "start_to="+q.StartTo.Format("2006-01-02"))
	}
	if q.Near != "" {
		parts = append(parts, fmt.Sprintf("near radius_km=%g", q.RadiusKm))
	}
	if q.Online != "" && q.Online != OnlineInclude {
		parts = append(parts, "online="+q.Online)
	}
	if q.Sort != "" && q.Sort != SortRelevance {
		parts = append(parts, "sort="+q.Sort)
	}
	return strings.Join(parts, " ")
}

// RecentQueries returns the last queries answered (at most 200), newest
// first.
func (e *Engine) RecentQueries() []LoggedQuery {
	e.qlog.mu.Lock()
	defer e.qlog.mu.Unlock()
	return e.qlog.recent.list()
}

// ZeroResultQueries returns the last queries that found nothing (at most
// 200), newest first: what learners look for and the catalogue lacks.
func (e *Engine) ZeroResultQueries() []LoggedQuery {
	e.qlog.mu.Lock()
	defer e.qlog.mu.Unlock()
	return e.qlog.zero.list()
}
