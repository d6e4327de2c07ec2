package gen

import (
	"context"
	"errors"
	"fmt"

	"github.com/lernnetz/lernnetz/catalogue"
)

// ErrReadOnly is returned by every write to a Store.
var ErrReadOnly = errors.New("gen: the generated catalogue is read-only")

// Store is a read-only catalogue.Store over a Generator: the offers are
// made when they are read, so a search index can be built from millions of
// them without a database and without holding them in memory. Offers are
// returned as a store returns them: prepared by catalogue.PrepareOffer at
// the generator's reference time (derived day times, status, completeness).
// Its change log is empty. It answers the reads a search index needs
// (Offer, Offers in ascending ID order, Provider, Venue) quickly; the other
// lists walk the whole catalogue and are meant for small ones.
type Store struct {
	g *Generator
}

var _ catalogue.Store = (*Store)(nil)

// NewStore returns a read-only store over g's catalogue. It uses only
// g's concurrency-safe methods, so g's Next may run beside it.
func NewStore(g *Generator) *Store { return &Store{g: g} }

// offer returns offer id prepared, or nil.
func (s *Store) offer(id int64) *catalogue.Offer {
	o := s.g.Offer(id)
	if o == nil {
		return nil
	}
	if err := catalogue.PrepareOffer(o, s.g.Now()); err != nil {
		panic(fmt.Sprintf("gen: offer %d is invalid: %v", id, err)) // tested: every generated offer is valid
	}
	return o
}

// SaveProvider is not supported.
func (s *Store) SaveProvider(context.Context, *catalogue.Provider) error { return ErrReadOnly }

// Provider returns the provider with id, or catalogue.ErrNotFound.
func (s *Store) Provider(_ context.Context, id int64) (*catalogue.Provider, error) {
	if p := s.g.Provider(id); p != nil {
		return p, nil
	}
	return nil, catalogue.ErrNotFound
}

// Providers lists providers by ID.
func (s *Store) Providers(_ context.Context, f catalogue.ProviderFilter) ([]*catalogue.Provider, int, error) {
	limit := pageLimit(f.Page)
	var out []*catalogue.Provider
	n := 0
	for id := int64(1); id <= int64(s.g.NumProviders()); id++ {
		p := s.g.Provider(id)
		if f.Kind != "" && p.Kind != f.Kind {
			continue
		}
		if n >= f.Offset && len(out) < limit {
			out = append(out, p)
		}
		n++
	}
	return out, n, nil
}

// DeleteProvider is not supported.
func (s *Store) DeleteProvider(context.Context, int64) error { return ErrReadOnly }

// SaveVenue is not supported.
func (s *Store) SaveVenue(context.Context, *catalogue.Venue) error { return ErrReadOnly }

// Venue returns the venue with id, or catalogue.ErrNotFound.
func (s *Store) Venue(_ context.Context, id int64) (*catalogue.Venue, error) {
	if v := s.g.Venue(id); v != nil {
		return v, nil
	}
	return nil, catalogue.ErrNotFound
}

// Venues lists venues by ID (the generator makes no learning places).
func (s *Store) Venues(_ context.Context, f catalogue.VenueFilter) ([]*catalogue.Venue, int, error) {
	if f.LearningPlaces {
		return nil, 0, nil
	}
	limit := pageLimit(f.Page)
	var out []*catalogue.Venue
	n := 0
	for id := int64(1); id <= int64(s.g.NumVenues()); id++ {
		if f.ProviderID != 0 && s.g.venueOwner(id) != f.ProviderID {
			continue
		}
		if n >= f.Offset && len(out) < limit {
			out = append(out, s.g.Venue(id))
		}
		n++
	}
	return out, n, nil
}

// SaveOffer is not supported.
func (s *Store) SaveOffer(context.Context, *catalogue.Offer) error { return ErrReadOnly }

// Offer returns the offer with id, or catalogue.ErrNotFound.
func (s *Store) Offer(_ context.Context, id int64) (*catalogue.Offer, error) {
	if o := s.offer(id); o != nil {
		return o, nil
	}
	return nil, catalogue.ErrNotFound
}

// Offers lists offers. Ascending walks (what a search index uses) and ID
// lists are served directly; other lists walk the catalogue newest first
// and are meant for small catalogues.
func (s *Store) Offers(ctx context.Context, f catalogue.OfferFilter) ([]*catalogue.Offer, int, error) {
	limit := pageLimit(f.Page)
	match := func(o *catalogue.Offer) bool {
		return (f.Status == "" || o.Status == f.Status) && (f.ProviderID == 0 || o.ProviderID == f.ProviderID)
	}
	var out []*catalogue.Offer
	switch {
	case len(f.IDs) > 0:
		for _, id := range f.IDs {
			if o := s.offer(id); o != nil && match(o) {
				out = append(out, o)
			}
		}
		return out, len(out), nil
	case f.Ascending:
		skipped := 0
		for id := f.AfterID + 1; id <= int64(s.g.Len()) && len(out) < limit; id++ {
			if id%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, 0, err
				}
			}
			o := s.offer(id)
			if !match(o) {
				continue
			}
			if skipped < f.Offset {
				skipped++
				continue
			}
			out = append(out, o)
		}
		return out, -1, nil
	}
	n := 0
	for id := int64(s.g.Len()); id >= 1; id-- {
		o := s.offer(id)
		if !match(o) {
			continue
		}
		if n >= f.Offset && len(out) < limit {
			out = append(out, o)
		}
		n++
	}
	if f.SkipTotal {
		n = -1
	}
	return out, n, nil
}

// Dates lists the dates of one offer (DateFilter.OfferID is required).
func (s *Store) Dates(_ context.Context, f catalogue.DateFilter) ([]*catalogue.Date, int, error) {
	o := s.offer(f.OfferID)
	if o == nil {
		return nil, 0, nil
	}
	var out []*catalogue.Date
	for i := range o.Dates {
		d := &o.Dates[i]
		if f.From != nil && d.Start != nil && d.Start.Before(*f.From) {
			continue
		}
		d.OfferTitle = o.Title
		out = append(out, d)
	}
	return out, len(out), nil
}

// DeleteOffer is not supported.
func (s *Store) DeleteOffer(context.Context, int64) error { return ErrReadOnly }

// ProviderBySource finds a provider by its generated source id ("p17").
func (s *Store) ProviderBySource(ctx context.Context, source, sourceID string) (*catalogue.Provider, error) {
	var id int64
	if source != Source || !scanID(sourceID, 'p', &id) {
		return nil, catalogue.ErrNotFound
	}
	return s.Provider(ctx, id)
}

// OfferBySource finds an offer by its generated source id ("o17").
func (s *Store) OfferBySource(ctx context.Context, source string, providerID int64, sourceID string) (*catalogue.Offer, error) {
	var id int64
	if source != Source || !scanID(sourceID, 'o', &id) {
		return nil, catalogue.ErrNotFound
	}
	o, err := s.Offer(ctx, id)
	if err != nil || o.ProviderID != providerID {
		return nil, catalogue.ErrNotFound
	}
	return o, nil
}

// VenueBySource finds a venue by its generated source id ("v17").
func (s *Store) VenueBySource(ctx context.Context, source string, providerID int64, sourceID string) (*catalogue.Venue, error) {
	var id int64
	if source != Source || !scanID(sourceID, 'v', &id) {
		return nil, catalogue.ErrNotFound
	}
	v, err := s.Venue(ctx, id)
	if err != nil || v.ProviderID != providerID {
		return nil, catalogue.ErrNotFound
	}
	return v, nil
}

// SourceOffers lists every offer of the generated source.
func (s *Store) SourceOffers(_ context.Context, source string) ([]catalogue.SourceRef, error) {
	if source != Source {
		return nil, nil
	}
	out := make([]catalogue.SourceRef, 0, s.g.Len())
	for id := int64(1); id <= int64(s.g.Len()); id++ {
		o := s.offer(id)
		out = append(out, catalogue.SourceRef{ID: id, ProviderID: o.ProviderID, SourceID: o.Provenance.SourceID, Status: o.Status})
	}
	return out, nil
}

// Changes returns nothing: the generated catalogue never changes.
func (s *Store) Changes(context.Context, int64, int) ([]catalogue.Change, error) { return nil, nil }

// Atomic runs fn with the store itself; every write in it fails.
func (s *Store) Atomic(_ context.Context, fn func(catalogue.Store) error) error { return fn(s) }

func pageLimit(p catalogue.Page) int {
	if p.Limit <= 0 {
		return 20
	}
	return p.Limit
}

func scanID(s string, prefix byte, id *int64) bool {
	if len(s) < 2 || s[0] != prefix {
		return false
	}
	var n int64
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int64(c-'0')
	}
	*id = n
	return n > 0
}
