package main

import (
	"context"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/internal/gen"
)

// source streams the generated catalogue's published offers, prepared as a
// store returns them, to the baselines' loaders.
type source struct {
	g   *gen.Generator
	now time.Time
}

func newSource(seed int64, offers int) *source {
	g := gen.New(seed, gen.Options{Offers: offers})
	return &source{g: g, now: g.Now()}
}

// each calls fn with every published offer in ID order.
func (s *source) each(ctx context.Context, fn func(o *catalogue.Offer) error) error {
	for id := int64(1); id <= int64(s.g.Len()); id++ {
		if id%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		o := s.g.Offer(id)
		if err := catalogue.PrepareOffer(o, s.now); err != nil {
			return err
		}
		if o.Status != catalogue.StatusPublished {
			continue
		}
		if err := fn(o); err != nil {
			return err
		}
	}
	return nil
}

// Bits of the baselines' flag columns. Offer flags:
const (
	ofWomen     = 1 << 0
	ofChildcare = 1 << 1
	ofOnline    = 1 << 2 // an online delivery mode: every date counts as online
)

// Date flags (dates.flags; offers.dflags is their OR over the offer's dates
// that have not ended).
const (
	dfPatternShift = 0 // five time patterns
	dfDayShift     = 5 // four day times
	dfAccessible   = 1 << 9
	dfFree         = 1 << 10
	dfNoVenue      = 1 << 11
	dfNotFixed     = 1 << 12 // no fixed start: passes every start window
)

// noValue sorts offers without a start or a price last.
const noValue = math.MaxInt32

func vocabCodes(name string) []string {
	var out []string
	for _, t := range catalogue.Vocab(name).Terms {
		out = append(out, t.Code)
	}
	return out
}

// facetCol says where the baselines keep one facet: a bit mask column and
// the bit of each code (shift + index).
type facetCol struct {
	name   string
	column string
	codes  []string
	shift  int
}

var facetCols = []facetCol{
	{"topic", "topics", vocabCodes("topic"), 0},
	{"delivery_mode", "modes", vocabCodes("delivery_mode"), 0},
	{"funding", "funding", vocabCodes("funding"), 0},
	{"degree_type", "degree", vocabCodes("degree_type"), 0},
	{"language", "langs", vocabCodes("language"), 0},
	{"time_pattern", "dflags", vocabCodes("time_pattern"), dfPatternShift},
	{"day_time", "dflags", vocabCodes("day_time"), dfDayShift},
	{"accessible", "dflags", []string{"true"}, 9},
	{"free", "dflags", []string{"true"}, 10},
	{"women_specific", "flags", []string{"true"}, 0},
	{"childcare", "flags", []string{"true"}, 1},
}

func facetByName(name string) *facetCol {
	for i := range facetCols {
		if facetCols[i].name == name {
			return &facetCols[i]
		}
	}
	return nil
}

// mask returns the bits of codes in facet f.
func (f *facetCol) mask(codes []string) int64 {
	var m int64
	for _, c := range codes {
		if i := slices.Index(f.codes, c); i >= 0 {
			m |= 1 << (f.shift + i)
		}
	}
	return m
}

var onlineModes = map[string]bool{"e_learning": true, "distance": true, "virtual_classroom": true, "self_study": true}

// doc is an offer as the baselines index it: the text in two fields (title
// with a higher weight, and the rest that lernnetz indexes too), code bit
// masks for filters and facets, and the dates.
type doc struct {
	id, provider                               int64
	title, body                                string
	topics, modes, funding, degree, langs      int64
	flags, dflags                              int64
	nextStart, minPrice                        int64 // noValue: none
	dates                                      []ddate
	starts                                     []int64 // fixed starts of dates not ended
	prices                                     []int64 // prices of dates not ended
	geos                                       [][2]float64
	provName, topicLabels, degreeLabel, places string
}

// ddate is a date: start and end of its last day as Unix seconds (nil for
// dates without a fixed start), price in cents (-1: none), flags, place.
type ddate struct {
	id         int64
	start, end *int64
	price      int64
	flags      int64
	lat, lon   *float64
}

func newDoc(o *catalogue.Offer, now time.Time) *doc {
	d := &doc{id: o.ID, provider: o.ProviderID, title: o.Title, nextStart: noValue, minPrice: noValue}
	bits := func(name string, codes []string) int64 { return facetByName(name).mask(codes) }
	d.topics = bits("topic", o.Topics)
	d.modes = bits("delivery_mode", o.DeliveryModes)
	d.funding = bits("funding", o.Funding)
	if o.DegreeType != "" {
		d.degree = bits("degree_type", []string{o.DegreeType})
	}
	d.langs = bits("language", o.Languages)
	if o.WomenSpecific {
		d.flags |= ofWomen
	}
	if o.Childcare {
		d.flags |= ofChildcare
	}
	for _, m := range o.DeliveryModes {
		if onlineModes[m] {
			d.flags |= ofOnline
		}
	}
	var parts []string
	add := func(s string) {
		if s != "" {
			parts = append(parts, s)
		}
	}
	add(o.Subtitle)
	var labels []string
	for _, t := range o.Topics {
		labels = append(labels, catalogue.Vocab("topic").Label(t, "de"))
	}
	d.topicLabels = strings.Join(labels, " ")
	add(d.topicLabels)
	add(o.Degree)
	if o.DegreeType != "" && o.DegreeType != "none" {
		d.degreeLabel = catalogue.Vocab("degree_type").Label(o.DegreeType, "de")
		add(d.degreeLabel)
	}
	if o.Provider != nil {
		d.provName = o.Provider.Name
		add(o.Provider.Name)
	}
	add(o.ShortDescription)
	add(o.Description)
	add(o.Contents)
	add(o.TargetGroup)
	add(o.LearningOutcomes)
	seen := map[string]bool{}
	var places []string
	for _, dt := range o.Dates {
		if v := dt.Venue; v != nil {
			for _, s := range []string{v.Address.City, v.Address.PostalCode} {
				if s != "" && !seen[s] {
					seen[s] = true
					places = append(places, s)
				}
			}
		}
	}
	d.places = strings.Join(places, " ")
	add(d.places)
	d.body = strings.Join(parts, "\n")

	patterns, days := facetByName("time_pattern"), facetByName("day_time")
	for i := range o.Dates {
		dt := &o.Dates[i]
		dd := ddate{id: dt.ID, price: -1}
		if dt.StartKind == catalogue.StartFixed && dt.Start != nil {
			s := dt.Start.Unix()
			dd.start = &s
			last := dt.End
			if last == nil {
				last = dt.Start
			}
			y, m, day := last.In(catalogue.Berlin).Date()
			e := time.Date(y, m, day+1, 0, 0, 0, 0, catalogue.Berlin).Unix()
			dd.end = &e
		} else {
			dd.flags |= dfNotFixed
		}
		switch {
		case dt.Price != nil:
			dd.price = dt.Price.AmountCents
		case o.Price != nil:
			dd.price = o.Price.AmountCents
		}
		if dd.price == 0 {
			dd.flags |= dfFree
		}
		dd.flags |= patterns.mask(dt.TimePatterns)
		if dt.DayTime != "" {
			dd.flags |= days.mask([]string{dt.DayTime})
		}
		if dt.VenueID == 0 {
			dd.flags |= dfNoVenue
		}
		if v := dt.Venue; v != nil {
			if slices.Contains(v.Accessibility, "step_free") {
				dd.flags |= dfAccessible
			}
			if v.Geo != nil {
				lat, lon := v.Geo.Lat, v.Geo.Lon
				dd.lat, dd.lon = &lat, &lon
			}
		}
		d.dates = append(d.dates, dd)
		if dd.end != nil && *dd.end <= now.Unix() {
			continue // ended: only filters on the dates table still see it
		}
		d.dflags |= dd.flags
		if dd.start != nil {
			d.nextStart = min(d.nextStart, *dd.start)
			d.starts = append(d.starts, *dd.start)
		}
		if dd.price >= 0 {
			d.minPrice = min(d.minPrice, dd.price)
			d.prices = append(d.prices, dd.price)
		}
		if dd.lat != nil {
			d.geos = append(d.geos, [2]float64{*dd.lat, *dd.lon})
		}
	}
	return d
}
