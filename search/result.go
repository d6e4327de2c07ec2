package search

import (
	"time"

	"github.com/lernnetz/lernnetz/geo"
)

// Result is the answer to a Query: the total number of matching offers, one
// page of hits, facet counts for every filter and, when a query term had to
// be corrected or nothing matched, a spelling suggestion.
type Result struct {
	Total int   `json:"total"`
	Hits  []Hit `json:"hits"`
	// Facets maps a filter name (topic, delivery_mode, funding, degree_type,
	// language, time_pattern, day_time, accessible, women_specific,
	// childcare, free) to the number of offers each of its values would
	// give. The counts apply all other active filters but not the filter
	// itself (disjunctive faceting). Boolean filters have the single code
	// "true".
	Facets map[string][]FacetCount `json:"facets"`
	// DidYouMean is the query text with unknown words replaced by the
	// closest words of the index (folded, lower case), or empty.
	DidYouMean string `json:"did_you_mean,omitempty"`
	// Place is where a radius search was centred (the resolved Near).
	Place *geo.Place `json:"place,omitempty"`
}

// Hit is one matching offer.
type Hit struct {
	OfferID int64   `json:"offer_id"`
	Score   float64 `json:"score"`
	// DateIDs are the offer's dates that satisfy the date filters and have
	// not ended, dates with a fixed start first in start order.
	DateIDs []int64 `json:"date_ids"`
	// DistanceKm is the distance from the searched place to the nearest
	// venue of the dates in DateIDs; nil without a place or when none of
	// these dates has a located venue.
	DistanceKm *float64 `json:"distance_km,omitempty"`
	// Why says which query words matched where.
	Why []Match `json:"why,omitempty"`
}

// Match explains how one query word matched an offer.
type Match struct {
	Term    string   `json:"term"`    // the word as typed
	Matched []string `json:"matched"` // index terms that matched (stems, compound parts, corrections)
	Fields  []string `json:"fields"`  // title, subtitle, topics, degree, provider, short_description, description, contents, target_group, learning_outcomes, place
}

// FacetCount is the number of offers one filter value would give.
type FacetCount struct {
	Code  string `json:"code"`
	Count int    `json:"count"`
}

// Suggestion completes what a learner is typing.
type Suggestion struct {
	Text  string `json:"text"`
	Kind  string `json:"kind"`  // title, topic, place
	Count int    `json:"count"` // offers it would find
}

// Stats describes the index currently answering searches.
type Stats struct {
	Offers      int       `json:"offers"`       // published offers searchable
	Dates       int       `json:"dates"`        // their dates
	Terms       int       `json:"terms"`        // distinct index terms (summed over segments)
	Postings    int       `json:"postings"`     // term–offer pairs
	Segments    int       `json:"segments"`     // 1 after a rebuild; more while changes accumulate
	MemoryBytes int64     `json:"memory_bytes"` // estimate of the index's size in memory
	LastSeq     int64     `json:"last_seq"`     // change-log position: every change up to it is applied
	BuiltAt     time.Time `json:"built_at"`     // when the base segment was built
	UpdatedAt   time.Time `json:"updated_at"`   // when the last change batch was applied
}
