package record

import (
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

// ExportHeader describes an export as a whole; Writer.Begin gets it first.
type ExportHeader struct {
	// SupplierName and SupplierID name lernnetz's portal as the data
	// supplier (DEfTIS DS_NAME and DS_ID), e.g. "lernnetz".
	SupplierName string
	SupplierID   string
	// Timestamp is when the export was made: the data is current as of it.
	Timestamp time.Time
	// Delta is set for an export of the changes since Since: then Offer is
	// an insert or update and Deleted names offers that are gone. Unset, the
	// export is the whole catalogue (of the chosen provider and status) and
	// Deleted is not called.
	Delta bool
	Since time.Time
	// BaseURL is the portal's public address without a trailing slash
	// ("https://lernnetz.example"); may be "".
	BaseURL string
	// Links gives the addresses of the portal's pages of records, for
	// formats that link them; nil when the portal's address is not known.
	Links Linker
}

// Linker gives the public addresses of the portal's pages.
type Linker interface {
	OfferURL(id int64) string
	ProviderURL(id int64) string
	VenueURL(id int64) string
	DateURL(offerID, dateID int64) string
}

// Writer writes an export in one format. Export calls its methods in this
// order:
//
//	Begin(header)
//	Provider(p)   for every provider of the export, ordered by id
//	Offer(o, vs)  for every offer, ordered by id
//	Deleted(id)   for every offer gone since header.Since (delta only)
//	End()
//
// Every offer's provider has been passed to Provider before it: a writer
// may keep the providers (there are few) to repeat their data in offer rows.
// Offers and deletions are many (a million and more): a writer must not
// hold them, but write each before returning.
//
// Ids in an export are lernnetz's own (Provider.ID, Offer.ID, Date.ID,
// Venue.ID): the portal is the data supplier of its exports, so they are
// the source ids a receiving system keys records by. An offer's provider is
// Offer.ProviderID; venues holds the venue of each date's VenueID.
//
// After an error Export calls nothing more, End included; the output is
// then incomplete. End writes what remains (closing elements, buffers) but
// does not close the underlying io.Writer.
type Writer interface {
	Begin(h *ExportHeader) error
	Provider(p *catalogue.Provider) error
	Offer(o *catalogue.Offer, venues map[int64]*catalogue.Venue) error
	Deleted(offerID int64) error
	End() error
}
