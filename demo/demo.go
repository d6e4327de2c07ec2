// Package demo makes lernnetz's demonstration catalogue: a learning network
// in the Saarland with about 55 providers of every kind, their venues, the
// network's learning places (self-learning centres and libraries) and more
// than 500 offers with dates over every topic.
//
// The catalogue is deterministic: Generate always draws from the same seeded
// random source, and only the dates move with the now it is given, so the
// demo never looks stale. It is loaded into an empty store on first start
// and by "lernnetz seed --demo".
//
// The organisations' names are those of real public institutions of the
// Saarland or are invented; every person, phone number and e-mail address is
// fictitious, and every web and e-mail address uses a domain under .example.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

// Source is the provenance source of every demo record
// (catalogue.Provenance.Source), so demo data can be found and removed.
const Source = "demo"

// seed fixes the random source: the same now always gives the same catalogue.
const seed1, seed2 = 2026, 66111

// Catalogue is a generated demo catalogue before it is saved. Records refer
// to each other by index, because they have no IDs yet:
//
//   - VenueProvider[i] is the index in Providers of the owner of Venues[i],
//     or -1 for a learning place of the network itself;
//   - OfferProvider[i] is the index in Providers of the provider of Offers[i];
//   - DateVenue[i][j] is the index in Venues of the venue of
//     Offers[i].Dates[j], or -1 for a date without a venue (online).
//
// Save sets the IDs from these indexes.
type Catalogue struct {
	Providers []*catalogue.Provider
	Venues    []*catalogue.Venue
	Offers    []*catalogue.Offer

	VenueProvider []int
	OfferProvider []int
	DateVenue     [][]int
}

// Generate makes the demo catalogue. Dates are placed relative to now: most
// start in the next one to nine months, some run permanently, on request or
// with rolling entry, and a few are over already, so that their offers become
// expired when saved.
func Generate(now time.Time) *Catalogue {
	now = now.In(catalogue.Berlin)
	g := &generator{
		rng: rand.New(rand.NewPCG(seed1, seed2)),
		now: now,
		cat: &Catalogue{},
	}
	g.addProviders()
	g.addVenues()
	g.addOffers()
	return g.cat
}

// Load generates the demo catalogue for now and saves it into s (see Save).
// It does not check whether s is empty; callers decide when to load it.
func Load(ctx context.Context, s catalogue.Store, now time.Time) error {
	return Generate(now).Save(ctx, s)
}

// Save stores the catalogue: providers first, then venues, then offers with
// their dates, each with the IDs of the records saved before. When s can run
// a function atomically (as storage.Store's Atomic does), everything is saved
// in one transaction: all of it or, on an error, nothing. Otherwise Save stops
// at the first error and the records saved until then stay.
func (c *Catalogue) Save(ctx context.Context, s catalogue.Store) error {
	if a, ok := s.(atomicStore); ok {
		return a.Atomic(ctx, func(tx catalogue.Store) error { return c.save(ctx, tx) })
	}
	return c.save(ctx, s)
}

// atomicStore is a store that runs fn in one transaction.
type atomicStore interface {
	Atomic(ctx context.Context, fn func(catalogue.Store) error) error
}

func (c *Catalogue) save(ctx context.Context, s catalogue.Store) error {
	for _, p := range c.Providers {
		p.ID = 0
		if err := s.SaveProvider(ctx, p); err != nil {
			return fmt.Errorf("demo: save provider %q: %w", p.Name, err)
		}
	}
	for i, v := range c.Venues {
		v.ID, v.ProviderID = 0, 0
		if owner := c.VenueProvider[i]; owner >= 0 {
			v.ProviderID = c.Providers[owner].ID
		}
		if err := s.SaveVenue(ctx, v); err != nil {
			return fmt.Errorf("demo: save venue %q: %w", v.Name, err)
		}
	}
	for i, o := range c.Offers {
		o.ID = 0
		o.ProviderID = c.Providers[c.OfferProvider[i]].ID
		for j := range o.Dates {
			o.Dates[j].ID, o.Dates[j].VenueID = 0, 0
			if v := c.DateVenue[i][j]; v >= 0 {
				o.Dates[j].VenueID = c.Venues[v].ID
			}
		}
		if err := s.SaveOffer(ctx, o); err != nil {
			return fmt.Errorf("demo: save offer %q: %w", o.Title, err)
		}
	}
	return nil
}

// generator carries the state of one Generate call.
type generator struct {
	rng *rand.Rand
	now time.Time
	cat *Catalogue

	providerIndex map[string]int   // provider key → index in cat.Providers
	providerSpecs []providerSpec   // in the order of cat.Providers
	venueIndex    map[string]int   // venue key → index in cat.Venues
	ownVenues     map[string][]int // provider key → its venues for classes, main one first
	onlineVenue   map[string]int   // provider key → its online venue
}

// between returns a random integer in [lo, hi].
func (g *generator) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.rng.IntN(hi-lo+1)
}

// chance reports true with probability p.
func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

// day returns the date d days from now at hh:mm in Berlin.
func (g *generator) day(d int, hh, mm int) time.Time {
	y, m, dd := g.now.Date()
	return time.Date(y, m, dd+d, hh, mm, 0, 0, catalogue.Berlin)
}

// isoDay formats a day as YYYY-MM-DD.
func isoDay(t time.Time) string { return t.Format("2006-01-02") }
