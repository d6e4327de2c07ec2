package catalogue

import "context"

// SourceStore finds records by where they came from, so that an import can
// update what an earlier import of the same source brought in instead of
// adding it again. A record's key in its source is Provenance.Source with
// Provenance.SourceID; offers and venues are keyed within their provider.
// Records without a source id are never found.
type SourceStore interface {
	// ProviderBySource returns the provider with sourceID from source, or
	// ErrNotFound.
	ProviderBySource(ctx context.Context, source, sourceID string) (*Provider, error)
	// OfferBySource returns the offer with sourceID from source of the
	// provider, with its dates and their venues, or ErrNotFound.
	OfferBySource(ctx context.Context, source string, providerID int64, sourceID string) (*Offer, error)
	// VenueBySource returns the venue with sourceID from source of the
	// provider (0: of the network), or ErrNotFound.
	VenueBySource(ctx context.Context, source string, providerID int64, sourceID string) (*Venue, error)
	// SourceOffers lists every offer from source, whatever its status, by id.
	SourceOffers(ctx context.Context, source string) ([]SourceRef, error)
}

// SourceRef names an offer that came from a source: enough to tell which
// offers of a full catalogue are missing from a new delivery.
type SourceRef struct {
	ID         int64  `json:"id"`
	ProviderID int64  `json:"provider_id"`
	SourceID   string `json:"source_id"`
	Status     string `json:"status"`
}
