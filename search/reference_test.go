package search

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/geo"
	"github.com/lernnetz/lernnetz/search/analysis"
)

// reference is a deliberately simple implementation of the search
// semantics, evaluating every offer and date one by one: the index must
// agree with it.
type reference struct {
	offers []*catalogue.Offer
	terms  []map[string]bool // index terms of each offer
	now    time.Time
	gaz    Gazetteer
}

func newReference(a *analysis.Analyzer, offers []*catalogue.Offer, now time.Time) *reference {
	r := &reference{now: now, gaz: geo.Default()}
	for _, o := range offers {
		if o.Status != catalogue.StatusPublished {
			continue
		}
		r.offers = append(r.offers, o)
		ts := map[string]bool{}
		add := func(s string) {
			for _, t := range a.Index(s) {
				if t.Kind != analysis.Stop {
					ts[t.Term] = true
				}
			}
		}
		add(o.Title)
		add(o.Subtitle)
		for _, c := range o.Topics {
			add(catalogue.Vocab("topic").Label(c, "de"))
		}
		add(o.Degree)
		if o.DegreeType != "" && o.DegreeType != "none" {
			add(catalogue.Vocab("degree_type").Label(o.DegreeType, "de"))
		}
		if o.Provider != nil {
			add(o.Provider.Name)
		}
		add(o.ShortDescription)
		add(o.Description)
		add(o.Contents)
		add(o.TargetGroup)
		add(o.LearningOutcomes)
		for _, d := range o.Dates {
			if d.Venue != nil {
				add(d.Venue.Address.City)
				add(d.Venue.Address.PostalCode)
			}
		}
		r.terms = append(r.terms, ts)
	}
	return r
}

func refOnline(o *catalogue.Offer) bool {
	for _, m := range o.DeliveryModes {
		if onlineModes[m] {
			return true
		}
	}
	return false
}

// dateOK reports whether date d of offer o passes every date filter of q.
func (r *reference) dateOK(q *Query, o *catalogue.Offer, d *catalogue.Date, place *geo.Place) bool {
	if d.Ended(r.now) {
		return false
	}
	if q.StartFrom != nil || q.StartTo != nil {
		if d.StartKind == catalogue.StartFixed && d.Start != nil {
			if q.StartFrom != nil && d.Start.Before(*q.StartFrom) {
				return false
			}
			if q.StartTo != nil && !d.Start.Before(*q.StartTo) {
				return false
			}
		}
	}
	if len(q.TimePatterns) > 0 && !slices.ContainsFunc(d.TimePatterns, func(p string) bool { return slices.Contains(q.TimePatterns, p) }) {
		return false
	}
	if len(q.DayTimes) > 0 && !slices.Contains(q.DayTimes, d.DayTime) {
		return false
	}
	if q.MaxPriceCents != nil {
		p := d.Price
		if p == nil {
			p = o.Price
		}
		if p == nil || p.AmountCents > *q.MaxPriceCents {
			return false
		}
	}
	if q.Accessible && (d.Venue == nil || !slices.Contains(d.Venue.Accessibility, "step_free")) {
		return false
	}
	if place != nil || q.Online == OnlineOnly {
		online := refOnline(o) || d.VenueID == 0
		within := false
		if place != nil && d.Venue != nil && d.Venue.Geo != nil {
			within = geo.Distance(place.Lat, place.Lon, d.Venue.Geo.Lat, d.Venue.Geo.Lon) <= q.RadiusKm
		}
		switch q.Online {
		case OnlineOnly:
			if !online {
				return false
			}
		case OnlineExclude:
			if !within {
				return false
			}
		default:
			if !online && !within {
				return false
			}
		}
	}
	return true
}

func anyOf(have []string, want []string) bool {
	if len(want) == 0 {
		return true
	}
	for _, w := range want {
		if slices.Contains(have, w) {
			return true
		}
	}
	return false
}

// match reports whether offer i matches q, and its matching dates.
func (r *reference) match(q *Query, slots []slot, i int, place *geo.Place) (bool, []*catalogue.Date) {
	o := r.offers[i]
	for _, sl := range slots {
		ok := false
		for _, a := range sl.alts {
			if r.terms[i][a.term] {
				ok = true
				break
			}
		}
		if !ok {
			return false, nil
		}
	}
	if q.Text != "" && len(slots) == 0 {
		// text that analyses to nothing: browse
	}
	if !anyOf(o.Topics, q.Topics) || !anyOf(o.DeliveryModes, q.DeliveryModes) || !anyOf(o.Funding, q.Funding) ||
		!anyOf([]string{o.DegreeType}, q.DegreeTypes) || !anyOf(o.Languages, q.Languages) {
		return false, nil
	}
	if q.ProviderID != 0 && o.ProviderID != q.ProviderID {
		return false, nil
	}
	if q.WomenSpecific && !o.WomenSpecific || q.Childcare && !o.Childcare {
		return false, nil
	}
	var dates []*catalogue.Date
	for k := range o.Dates {
		if r.dateOK(q, o, &o.Dates[k], place) {
			dates = append(dates, &o.Dates[k])
		}
	}
	dateFilters := q.StartFrom != nil || q.StartTo != nil || len(q.TimePatterns) > 0 || len(q.DayTimes) > 0 ||
		q.MaxPriceCents != nil || q.Accessible || place != nil || q.Online == OnlineOnly
	if dateFilters && len(dates) == 0 {
		if len(o.Dates) == 0 && refOnline(o) && q.Online != OnlineExclude && q.StartFrom == nil && q.StartTo == nil &&
			len(q.TimePatterns) == 0 && len(q.DayTimes) == 0 && q.MaxPriceCents == nil && !q.Accessible {
			return true, nil
		}
		return false, nil
	}
	return true, dates
}

type refHit struct {
	id  int64
	key float64
}

// search returns the total, the facets and the ordered ids for sorts other
// than relevance.
func (r *reference) search(q Query, slots []slot) (int, map[string]map[string]int, []int64) {
	q = normalizeQuery(q)
	var place *geo.Place
	if q.Near != "" {
		p, err := r.gaz.Resolve(q.Near)
		if err != nil {
			panic(err)
		}
		place = &p
	}
	var hits []refHit
	for i, o := range r.offers {
		ok, dates := r.match(&q, slots, i, place)
		if !ok {
			continue
		}
		key := math.Inf(1)
		for _, d := range dates {
			switch q.Sort {
			case SortPrice:
				p := d.Price
				if p == nil {
					p = o.Price
				}
				if p != nil {
					key = math.Min(key, float64(p.AmountCents))
				}
			case SortDistance:
				if place != nil && d.Venue != nil && d.Venue.Geo != nil {
					key = math.Min(key, geo.Distance(place.Lat, place.Lon, d.Venue.Geo.Lat, d.Venue.Geo.Lon))
				}
			default:
				if d.StartKind == catalogue.StartFixed && d.Start != nil {
					key = math.Min(key, float64(d.Start.Unix()))
				}
			}
		}
		hits = append(hits, refHit{o.ID, key})
	}
	slices.SortFunc(hits, func(a, b refHit) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.id
	}

	facets := map[string]map[string]int{}
	count := func(q2 Query) int {
		n := 0
		for i := range r.offers {
			if ok, _ := r.match(&q2, slots, i, place); ok {
				n++
			}
		}
		return n
	}
	vocabFacet := func(name string, set func(*Query, []string)) {
		m := map[string]int{}
		for _, c := range vocabCodes(name) {
			q2 := q
			set(&q2, []string{c})
			if n := count(q2); n > 0 {
				m[c] = n
			}
		}
		facets[name] = m
	}
	vocabFacet("topic", func(q *Query, v []string) { q.Topics = v })
	vocabFacet("delivery_mode", func(q *Query, v []string) { q.DeliveryModes = v })
	vocabFacet("funding", func(q *Query, v []string) { q.Funding = v })
	vocabFacet("degree_type", func(q *Query, v []string) { q.DegreeTypes = v })
	vocabFacet("language", func(q *Query, v []string) { q.Languages = v })
	vocabFacet("time_pattern", func(q *Query, v []string) { q.TimePatterns = v })
	vocabFacet("day_time", func(q *Query, v []string) { q.DayTimes = v })
	boolFacet := func(name string, set func(*Query)) {
		q2 := q
		set(&q2)
		facets[name] = map[string]int{}
		if n := count(q2); n > 0 {
			facets[name]["true"] = n
		}
	}
	boolFacet("accessible", func(q *Query) { q.Accessible = true })
	boolFacet("women_specific", func(q *Query) { q.WomenSpecific = true })
	boolFacet("childcare", func(q *Query) { q.Childcare = true })
	boolFacet("free", func(q *Query) { zero := int64(0); q.MaxPriceCents = &zero })
	return len(hits), facets, ids
}

// facetMap turns a Result's facets into maps without zero counts.
func facetMap(fs map[string][]FacetCount) map[string]map[string]int {
	out := map[string]map[string]int{}
	for name, list := range fs {
		m := map[string]int{}
		for _, fc := range list {
			if fc.Count > 0 {
				m[fc.Code] = fc.Count
			}
		}
		out[name] = m
	}
	return out
}
