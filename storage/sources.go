package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/lernnetz/lernnetz/catalogue"
)

// ProviderBySource returns the provider with sourceID from source, or
// catalogue.ErrNotFound.
func (s *Store) ProviderBySource(ctx context.Context, source, sourceID string) (*catalogue.Provider, error) {
	if sourceID == "" {
		return nil, fmt.Errorf("storage: provider without source id: %w", catalogue.ErrNotFound)
	}
	p, err := scanProvider(s.reader().QueryRowContext(ctx, s.q(`SELECT `+providerColumns+` FROM providers
		WHERE source = $1 AND source_id = $2`), source, sourceID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("storage: provider %q from source %q: %w", sourceID, source, catalogue.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: read provider %q from source %q: %w", sourceID, source, err)
	}
	return p, nil
}

// OfferBySource returns the offer with sourceID from source of the provider,
// with its dates and their venues, or catalogue.ErrNotFound.
func (s *Store) OfferBySource(ctx context.Context, source string, providerID int64, sourceID string) (*catalogue.Offer, error) {
	if sourceID == "" {
		return nil, fmt.Errorf("storage: offer without source id: %w", catalogue.ErrNotFound)
	}
	o, err := scanOffer(s.reader().QueryRowContext(ctx, s.q(`SELECT `+offerColumnsO+`, p.name FROM offers o
		JOIN providers p ON p.id = o.provider_id WHERE o.source = $1 AND o.provider_id = $2 AND o.source_id = $3`),
		source, providerID, sourceID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("storage: offer %q from source %q: %w", sourceID, source, catalogue.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: read offer %q from source %q: %w", sourceID, source, err)
	}
	if err := s.attachDates(ctx, []*catalogue.Offer{o}); err != nil {
		return nil, err
	}
	return o, nil
}

// VenueBySource returns the venue with sourceID from source of the provider
// (0: a venue of the network), or catalogue.ErrNotFound. Should several
// match, the oldest is returned.
func (s *Store) VenueBySource(ctx context.Context, source string, providerID int64, sourceID string) (*catalogue.Venue, error) {
	if sourceID == "" {
		return nil, fmt.Errorf("storage: venue without source id: %w", catalogue.ErrNotFound)
	}
	owner := `provider_id = $1`
	if providerID == 0 {
		owner = `provider_id IS NULL AND $1 = 0`
	}
	v, err := scanVenue(s.reader().QueryRowContext(ctx, s.q(`SELECT `+venueColumns+` FROM venues
		WHERE `+owner+` AND source = $2 AND source_id = $3 ORDER BY id LIMIT 1`), providerID, source, sourceID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("storage: venue %q from source %q: %w", sourceID, source, catalogue.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: read venue %q from source %q: %w", sourceID, source, err)
	}
	return v, nil
}

// SourceOffers lists every offer from source, whatever its status, by id.
func (s *Store) SourceOffers(ctx context.Context, source string) ([]catalogue.SourceRef, error) {
	rows, err := s.reader().QueryContext(ctx, s.q(`SELECT id, provider_id, source_id, status FROM offers
		WHERE source = $1 AND source_id <> '' ORDER BY id`), source)
	if err != nil {
		return nil, fmt.Errorf("storage: list offers of source %q: %w", source, err)
	}
	defer rows.Close()
	var out []catalogue.SourceRef
	for rows.Next() {
		var r catalogue.SourceRef
		if err := rows.Scan(&r.ID, &r.ProviderID, &r.SourceID, &r.Status); err != nil {
			return nil, fmt.Errorf("storage: list offers of source %q: %w", source, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: list offers of source %q: %w", source, err)
	}
	return out, nil
}
