// Package search finds offers in the catalogue: the query model learners and
// the API use, and the in-memory index that answers it (see index.go).
package search

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/lernnetz/lernnetz/catalogue"
)

// Sort orders of results.
const (
	SortRelevance = "relevance"
	SortStart     = "start"
	SortDistance  = "distance"
	SortPrice     = "price"
)

// Online says how offers without a place relate to a radius search.
const (
	OnlineInclude = "include" // offers near the place and online offers (default)
	OnlineOnly    = "only"    // online offers only
	OnlineExclude = "exclude" // offers near the place only
)

// Limits of a query.
const (
	MaxTextLength = 200
	MaxPage       = 1000
	MaxPerPage    = 100
	MaxRadiusKm   = 500
)

// Query is what a learner asks: free text plus filters. Filters that concern
// a date (start window, time pattern, day time, place, price, accessible
// venue) must hold for one and the same date of an offer.
type Query struct {
	Text string

	// Offer filters: an offer matches when it has one of the codes given for
	// each filter (OR within a filter, AND across filters).
	Topics        []string
	DeliveryModes []string
	Funding       []string
	DegreeTypes   []string
	Languages     []string
	ProviderID    int64
	WomenSpecific bool
	Childcare     bool

	// Date filters.
	TimePatterns  []string
	DayTimes      []string
	StartFrom     *time.Time // the date starts on or after (dates without a fixed start always pass)
	StartTo       *time.Time // the date starts before
	MaxPriceCents *int64     // 0 means free of charge
	Accessible    bool       // a venue with step-free access

	// Place.
	Near     string  // postal code or place name, as typed
	RadiusKm float64 // with Near; default 25
	Online   string  // OnlineInclude, OnlineOnly, OnlineExclude

	Sort    string
	Page    int // from 1
	PerPage int
}

// FieldError says which parameter of a query is wrong, in German and English.
type FieldError struct {
	Field string `json:"field"`
	DE    string `json:"message"`
	EN    string `json:"message_en"`
}

func (e *FieldError) Error() string { return e.Field + ": " + e.DE }

func fieldErr(field, de, en string, args ...any) *FieldError {
	return &FieldError{Field: field, DE: fmt.Sprintf(de, args...), EN: fmt.Sprintf(en, args...)}
}

// codeFilters maps URL parameters to the vocabulary their values come from.
var codeFilters = []struct {
	param, vocab string
	dst          func(*Query) *[]string
}{
	{"topic", "topic", func(q *Query) *[]string { return &q.Topics }},
	{"delivery_mode", "delivery_mode", func(q *Query) *[]string { return &q.DeliveryModes }},
	{"funding", "funding", func(q *Query) *[]string { return &q.Funding }},
	{"degree_type", "degree_type", func(q *Query) *[]string { return &q.DegreeTypes }},
	{"language", "language", func(q *Query) *[]string { return &q.Languages }},
	{"time_pattern", "time_pattern", func(q *Query) *[]string { return &q.TimePatterns }},
	{"day_time", "day_time", func(q *Query) *[]string { return &q.DayTimes }},
}

// ParseQuery reads a query from URL parameters — q, near, radius_km, online,
// page, per_page, sort, start_from, start_to (YYYY-MM-DD), max_price (euros),
// free, accessible, provider, women_specific, childcare, and one repeatable
// parameter per code filter (topic, delivery_mode, funding, degree_type,
// language, time_pattern, day_time) — and checks every value. The first
// problem is returned as a *FieldError naming the parameter.
func ParseQuery(v url.Values) (Query, error) {
	q := Query{Page: 1, PerPage: 20, Sort: SortRelevance, Online: OnlineInclude, RadiusKm: 25}
	text := v.Get("q")
	if utf8.RuneCountInString(text) > MaxTextLength {
		return q, fieldErr("q", "Der Suchtext ist zu lang: bitte höchstens %d Zeichen.", "The search text is too long: at most %d characters, please.", MaxTextLength)
	}
	if !utf8.ValidString(text) {
		return q, fieldErr("q", "Der Suchtext enthält ungültige Zeichen.", "The search text contains invalid characters.")
	}
	for _, r := range text {
		if unicode.IsControl(r) && r != '\t' {
			return q, fieldErr("q", "Der Suchtext enthält Steuerzeichen.", "The search text contains control characters.")
		}
	}
	q.Text = strings.Join(strings.Fields(text), " ")

	for _, f := range codeFilters {
		vocab := catalogue.Vocab(f.vocab)
		for _, raw := range v[f.param] {
			for _, code := range strings.Split(raw, ",") {
				code = strings.TrimSpace(code)
				if code == "" {
					continue
				}
				if !vocab.Has(code) {
					return q, fieldErr(f.param, "%q ist kein bekannter Wert für %s.", "%q is not a known value of %s.", code, f.param)
				}
				dst := f.dst(&q)
				*dst = append(*dst, code)
			}
		}
	}

	var err error
	if q.Page, err = intParam(v, "page", 1, 1, MaxPage); err != nil {
		return q, err
	}
	if q.PerPage, err = intParam(v, "per_page", 20, 1, MaxPerPage); err != nil {
		return q, err
	}
	if s := v.Get("sort"); s != "" {
		switch s {
		case SortRelevance, SortStart, SortDistance, SortPrice:
			q.Sort = s
		default:
			return q, fieldErr("sort", "Sortierung %q gibt es nicht: relevance, start, distance oder price.", "There is no sort order %q: relevance, start, distance or price.", s)
		}
	}
	if pid := v.Get("provider"); pid != "" {
		id, err := strconv.ParseInt(pid, 10, 64)
		if err != nil || id <= 0 {
			return q, fieldErr("provider", "Bitte eine Anbieter-Nummer angeben.", "Please give a provider number.")
		}
		q.ProviderID = id
	}
	for _, b := range []struct {
		name string
		dst  *bool
	}{{"women_specific", &q.WomenSpecific}, {"childcare", &q.Childcare}, {"accessible", &q.Accessible}} {
		if *b.dst, err = boolParam(v, b.name); err != nil {
			return q, err
		}
	}
	free, err := boolParam(v, "free")
	if err != nil {
		return q, err
	}
	if free {
		zero := int64(0)
		q.MaxPriceCents = &zero
	} else if s := v.Get("max_price"); s != "" {
		euros, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		if err != nil || !(euros >= 0 && euros <= 1e6) { // also rejects NaN
			return q, fieldErr("max_price", "Bitte einen Höchstpreis in Euro angeben, z. B. 250.", "Please give a maximum price in euros, e.g. 250.")
		}
		cents := int64(euros*100 + 0.5)
		q.MaxPriceCents = &cents
	}
	if q.StartFrom, err = dayParam(v, "start_from"); err != nil {
		return q, err
	}
	if q.StartTo, err = dayParam(v, "start_to"); err != nil {
		return q, err
	}
	if q.StartTo != nil {
		end := q.StartTo.AddDate(0, 0, 1) // start_to is inclusive
		q.StartTo = &end
	}
	if q.StartFrom != nil && q.StartTo != nil && !q.StartTo.After(*q.StartFrom) {
		return q, fieldErr("start_to", "Das Ende des Zeitraums liegt vor seinem Anfang.", "The end of the period is before its start.")
	}

	q.Near = strings.TrimSpace(v.Get("near"))
	if utf8.RuneCountInString(q.Near) > 100 {
		return q, fieldErr("near", "Bitte eine Postleitzahl oder einen Ort angeben.", "Please give a postal code or a place.")
	}
	if s := v.Get("radius_km"); s != "" {
		r, err := strconv.ParseFloat(s, 64)
		if err != nil || !(r >= 1 && r <= MaxRadiusKm) { // also rejects NaN
			return q, fieldErr("radius_km", "Bitte einen Umkreis von 1 bis %d km angeben.", "Please give a radius from 1 to %d km.", MaxRadiusKm)
		}
		q.RadiusKm = r
	}
	if s := v.Get("online"); s != "" {
		switch s {
		case OnlineInclude, OnlineOnly, OnlineExclude:
			q.Online = s
		default:
			return q, fieldErr("online", "online ist include, only oder exclude.", "online is include, only or exclude.")
		}
	}
	if q.Sort == SortDistance && q.Near == "" {
		return q, fieldErr("sort", "Nach Entfernung sortieren geht nur mit einem Ort (near).", "Sorting by distance needs a place (near).")
	}
	return q, nil
}

func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	s := v.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fieldErr(name, "Bitte eine ganze Zahl von %d bis %d angeben.", "Please give a whole number from %d to %d.", lo, hi)
	}
	return n, nil
}

func boolParam(v url.Values, name string) (bool, error) {
	switch v.Get(name) {
	case "", "0", "false", "nein":
		return false, nil
	case "1", "true", "on", "ja":
		return true, nil
	}
	return false, fieldErr(name, "Bitte true oder false angeben.", "Please give true or false.")
}

func dayParam(v url.Values, name string) (*time.Time, error) {
	s := v.Get(name)
	if s == "" {
		return nil, nil
	}
	t, err := time.ParseInLocation("2006-01-02", s, catalogue.Berlin)
	if err != nil {
		return nil, fieldErr(name, "Bitte ein Datum im Format JJJJ-MM-TT angeben.", "Please give a date as YYYY-MM-DD.")
	}
	return &t, nil
}
