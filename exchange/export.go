package exchange

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// StatusAny exports offers of every status (ExportOptions.Status).
const StatusAny = "any"

// exportPage is how many records Export reads at once: memory holds one
// page, whatever the size of the catalogue.
const exportPage = 500

// ExportOptions choose what Export writes.
type ExportOptions struct {
	// Since makes the export a delta: the offers and providers saved since
	// then, and the offers deleted or unpublished since then (by the change
	// log). Zero: the whole catalogue.
	Since time.Time
	// ProviderID limits the export to one provider's offers (0: all).
	ProviderID int64
	// Status is the status of the offers exported: published when empty,
	// StatusAny for all.
	Status string
	// SupplierName and SupplierID name the portal as data supplier
	// (default "lernnetz"); BaseURL is its public address, for formats that
	// link records.
	SupplierName, SupplierID string
	BaseURL                  string
	// Links gives the addresses of the portal's pages, for formats that
	// link records (JSON-LD); nil: none.
	Links record.Linker
	// Now is the clock for the export's timestamp (default time.Now).
	Now func() time.Time
}

// ExportSummary counts what an export wrote.
type ExportSummary struct {
	Providers int       `json:"providers"`
	Offers    int       `json:"offers"`
	Deleted   int       `json:"deleted"`
	Timestamp time.Time `json:"timestamp"` // as of when: the Since of the next delta
}

// Export writes the catalogue of store – or what changed in it since
// opts.Since – through w, in the order record.Writer documents. It reads
// the store page by page (offers by ascending id), so memory does not grow
// with the catalogue; a delta holds the ids of the changed offers (8 bytes
// each). On an error it stops without calling w.End.
func Export(ctx context.Context, store catalogue.Store, w record.Writer, opts ExportOptions) (*ExportSummary, error) {
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	x := &exporter{ctx: ctx, store: store, w: w, opts: opts, sum: &ExportSummary{Timestamp: now().UTC().Truncate(time.Second)}}
	switch opts.Status {
	case "":
		x.status = catalogue.StatusPublished
	case StatusAny:
	case catalogue.StatusDraft, catalogue.StatusPublished, catalogue.StatusExpired, catalogue.StatusWithdrawn:
		x.status = opts.Status
	default:
		return nil, fmt.Errorf("export: unknown offer status %q", opts.Status)
	}
	if opts.ProviderID != 0 {
		if _, err := store.Provider(ctx, opts.ProviderID); err != nil {
			return nil, fmt.Errorf("export: provider %d: %w", opts.ProviderID, err)
		}
	}
	h := &record.ExportHeader{
		SupplierName: opts.SupplierName, SupplierID: opts.SupplierID, Timestamp: x.sum.Timestamp,
		Delta: !opts.Since.IsZero(), Since: opts.Since, BaseURL: opts.BaseURL, Links: opts.Links,
	}
	if h.SupplierName == "" {
		h.SupplierName = "lernnetz"
	}
	if h.SupplierID == "" {
		h.SupplierID = record.SourceName(h.SupplierName)
	}
	var err error
	if h.Delta {
		err = x.delta(h)
	} else {
		err = x.full(h)
	}
	if err != nil {
		return x.sum, err
	}
	if err := w.End(); err != nil {
		return x.sum, fmt.Errorf("export: %w", err)
	}
	return x.sum, nil
}

// exporter is the state of one export.
type exporter struct {
	ctx    context.Context
	store  catalogue.Store
	w      record.Writer
	opts   ExportOptions
	status string // "" for any
	sum    *ExportSummary
}

// full writes all providers (or the one asked for) and all their offers.
func (x *exporter) full(h *record.ExportHeader) error {
	if err := x.w.Begin(h); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if x.opts.ProviderID != 0 {
		if err := x.providers([]int64{x.opts.ProviderID}); err != nil {
			return err
		}
	} else if err := x.allProviders(); err != nil {
		return err
	}
	after := int64(0)
	for {
		page, _, err := x.store.Offers(x.ctx, catalogue.OfferFilter{ProviderID: x.opts.ProviderID, Status: x.status,
			Ascending: true, AfterID: after, SkipTotal: true, Page: catalogue.Page{Limit: exportPage}})
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		for _, o := range page {
			if err := x.offer(o); err != nil {
				return err
			}
		}
		if len(page) < exportPage {
			return nil
		}
		after = page[len(page)-1].ID
	}
}

func (x *exporter) allProviders() error {
	for offset := 0; ; offset += exportPage {
		page, _, err := x.store.Providers(x.ctx, catalogue.ProviderFilter{Page: catalogue.Page{Limit: exportPage, Offset: offset}})
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		for _, p := range page {
			if err := x.provider(p); err != nil {
				return err
			}
		}
		if len(page) < exportPage {
			return nil
		}
	}
}

// providers writes the providers with the given ids, in that order.
func (x *exporter) providers(ids []int64) error {
	for _, id := range ids {
		p, err := x.store.Provider(x.ctx, id)
		if errors.Is(err, catalogue.ErrNotFound) {
			continue // deleted since
		}
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := x.provider(p); err != nil {
			return err
		}
	}
	return nil
}

func (x *exporter) provider(p *catalogue.Provider) error {
	if err := x.ctx.Err(); err != nil {
		return err
	}
	if err := x.w.Provider(p); err != nil {
		return fmt.Errorf("export: provider %d: %w", p.ID, err)
	}
	x.sum.Providers++
	return nil
}

func (x *exporter) offer(o *catalogue.Offer) error {
	if err := x.ctx.Err(); err != nil {
		return err
	}
	var venues map[int64]*catalogue.Venue
	for _, d := range o.Dates {
		if d.Venue != nil {
			if venues == nil {
				venues = make(map[int64]*catalogue.Venue, 2)
			}
			venues[d.Venue.ID] = d.Venue
		}
	}
	if err := x.w.Offer(o, venues); err != nil {
		return fmt.Errorf("export: offer %d: %w", o.ID, err)
	}
	x.sum.Offers++
	return nil
}

// wanted tells whether an offer as stored now belongs in the export.
func (x *exporter) wanted(o *catalogue.Offer) bool {
	return (x.status == "" || o.Status == x.status) && (x.opts.ProviderID == 0 || o.ProviderID == x.opts.ProviderID)
}

// delta writes what changed since opts.Since: the providers saved since
// and those of the offers written, the offers saved since (or at a venue
// saved since) that belong in the export, and as deletions the offers
// deleted since or saved since in another status.
func (x *exporter) delta(h *record.ExportHeader) error {
	ch, err := x.changesSince(x.opts.Since)
	if err != nil {
		return err
	}
	offerIDs := ch.offers
	if len(ch.venues) > 0 {
		// A venue's data is part of the offers held there: find them.
		more, err := x.offersAtVenues(ch.venues)
		if err != nil {
			return err
		}
		offerIDs = append(offerIDs, more...)
		slices.Sort(offerIDs)
		offerIDs = slices.Compact(offerIDs)
	}

	// First pass: which offers are in the export, and which of their
	// providers must come with them.
	providerIDs := ch.providers
	if x.opts.ProviderID != 0 {
		providerIDs = slices.DeleteFunc(providerIDs, func(id int64) bool { return id != x.opts.ProviderID })
	}
	var deleted []int64
	err = x.eachOffer(offerIDs, func(id int64, o *catalogue.Offer) error {
		switch {
		case o != nil && x.wanted(o):
			providerIDs = append(providerIDs, o.ProviderID)
		case o == nil || x.opts.ProviderID == 0 || o.ProviderID == x.opts.ProviderID:
			deleted = append(deleted, id)
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.Sort(providerIDs)
	providerIDs = slices.Compact(providerIDs)

	if err := x.w.Begin(h); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := x.providers(providerIDs); err != nil {
		return err
	}
	err = x.eachOffer(offerIDs, func(id int64, o *catalogue.Offer) error {
		if o != nil && x.wanted(o) {
			return x.offer(o)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range deleted {
		if err := x.w.Deleted(id); err != nil {
			return fmt.Errorf("export: deleted offer %d: %w", id, err)
		}
		x.sum.Deleted++
	}
	return nil
}

// eachOffer calls fn for each id with the offer as stored now, nil when it
// is deleted, reading a page of offers at a time.
func (x *exporter) eachOffer(ids []int64, fn func(int64, *catalogue.Offer) error) error {
	for len(ids) > 0 {
		n := min(len(ids), exportPage)
		part := ids[:n]
		ids = ids[n:]
		page, _, err := x.store.Offers(x.ctx, catalogue.OfferFilter{IDs: part, Ascending: true, SkipTotal: true, Page: catalogue.Page{Limit: n}})
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		i := 0
		for _, id := range part {
			var o *catalogue.Offer
			if i < len(page) && page[i].ID == id {
				o = page[i]
				i++
			}
			if err := fn(id, o); err != nil {
				return err
			}
		}
	}
	return nil
}

// changes are the ids of the records saved or deleted since a time, each
// sorted and without repeats.
type changes struct {
	providers, venues, offers []int64
}

// changesSince reads the change log from the first change at or after
// since. The log is ordered by commit; its times grow with it (up to the
// overlap of concurrent transactions, which at worst exports a record
// again), so the first change is found by bisection.
func (x *exporter) changesSince(since time.Time) (*changes, error) {
	first := func(after int64) (*catalogue.Change, error) {
		cs, err := x.store.Changes(x.ctx, after, 1)
		if err != nil || len(cs) == 0 {
			return nil, err
		}
		return &cs[0], nil
	}
	// at reports whether reading after a starts at or after since.
	at := func(a int64) (bool, error) {
		c, err := first(a)
		return c == nil || !c.At.Before(since), err
	}
	hi := int64(1)
	for {
		ok, err := at(hi)
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		if ok {
			break
		}
		hi *= 2
	}
	lo := int64(0) // smallest after with at(after), in [lo, hi]
	if ok, err := at(0); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	} else if !ok {
		for lo+1 < hi { // at(lo) false, at(hi) true
			mid := lo + (hi-lo)/2
			ok, err := at(mid)
			if err != nil {
				return nil, fmt.Errorf("export: %w", err)
			}
			if ok {
				hi = mid
			} else {
				lo = mid
			}
		}
		lo = hi
	}
	ch := &changes{}
	for after := lo; ; {
		page, err := x.store.Changes(x.ctx, after, 1000)
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		for _, c := range page {
			switch c.Entity {
			case "provider":
				if c.Op != "delete" {
					ch.providers = append(ch.providers, c.EntityID)
				}
			case "venue":
				ch.venues = append(ch.venues, c.EntityID)
			case "offer":
				ch.offers = append(ch.offers, c.EntityID)
			}
		}
		if len(page) < 1000 {
			break
		}
		after = page[len(page)-1].Seq
	}
	for _, ids := range []*[]int64{&ch.providers, &ch.venues, &ch.offers} {
		slices.Sort(*ids)
		*ids = slices.Compact(*ids)
	}
	return ch, nil
}

// offersAtVenues returns the ids of the offers of the export with a date at
// one of the venues (sorted), walking the catalogue page by page.
func (x *exporter) offersAtVenues(venues []int64) ([]int64, error) {
	var ids []int64
	after := int64(0)
	for {
		page, _, err := x.store.Offers(x.ctx, catalogue.OfferFilter{ProviderID: x.opts.ProviderID, Status: x.status,
			Ascending: true, AfterID: after, SkipTotal: true, Page: catalogue.Page{Limit: exportPage}})
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		for _, o := range page {
			for _, d := range o.Dates {
				if _, ok := slices.BinarySearch(venues, d.VenueID); ok && d.VenueID != 0 {
					ids = append(ids, o.ID)
					break
				}
			}
		}
		if len(page) < exportPage {
			return ids, nil
		}
		after = page[len(page)-1].ID
	}
}
