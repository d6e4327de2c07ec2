package web

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/lernnetz/lernnetz/catalogue"
)

// offerDoc is an offer as the API shows and accepts it: the catalogue's
// offer with its page's URL, its provider's name and URL, and dates with
// their venues. PUT accepts what GET returns; read-only fields are ignored.
type offerDoc struct {
	catalogue.Offer
	Provider *providerRef `json:"provider,omitempty" doc:"The provider (read-only; set provider_id)."`
	Dates    []dateDoc    `json:"dates" doc:"The dates learners can book. On PUT they replace the offer's dates: dates with an id are updated, dates without one are added, the others removed."`
	URL      string       `json:"url,omitempty" format:"uri" doc:"The offer's page on the portal."`
}

// dateDoc is a date as the API shows and accepts it.
type dateDoc struct {
	catalogue.Date
	Venue    *venueDoc `json:"venue,omitempty" doc:"The venue (read-only; set venue_id)."`
	OfferURL string    `json:"offer_url,omitempty" format:"uri" doc:"The page of the date's offer (in lists of dates)."`
	URL      string    `json:"url,omitempty" format:"uri" doc:"The date on its offer's page."`
}

// providerRef names a provider in other records.
type providerRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	URL  string `json:"url" format:"uri" doc:"The provider's page on the portal."`
}

func newOfferDoc(ctx context.Context, o *catalogue.Offer) offerDoc {
	d := offerDoc{Offer: *o, URL: absURL(ctx, offerPath(o.ID))}
	d.Offer.Provider, d.Offer.Dates = nil, nil
	d.Provider = &providerRef{ID: o.ProviderID, URL: absURL(ctx, providerPath(o.ProviderID))}
	if o.Provider != nil {
		d.Provider.Name = o.Provider.Name
	}
	d.Dates = make([]dateDoc, len(o.Dates))
	for i := range o.Dates {
		d.Dates[i] = newDateDoc(ctx, &o.Dates[i])
	}
	return d
}

func newDateDoc(ctx context.Context, date *catalogue.Date) dateDoc {
	d := dateDoc{Date: *date, URL: absURL(ctx, datePath(date.OfferID, date.ID))}
	d.Date.Venue = nil
	if date.Venue != nil {
		v := newVenueDoc(ctx, date.Venue)
		d.Venue = &v
	}
	return d
}

// offer returns the catalogue offer the document describes, without the
// read-only parts.
func (d *offerDoc) offer() *catalogue.Offer {
	o := d.Offer
	o.Provider = nil
	o.Dates = make([]catalogue.Date, len(d.Dates))
	for i, dd := range d.Dates {
		o.Dates[i] = dd.Date
		o.Dates[i].Venue, o.Dates[i].OfferTitle = nil, ""
	}
	return &o
}

type listOffersInput struct {
	Pagination
	ProviderID int64  `query:"provider_id" doc:"Only the offers of this provider."`
	Status     string `query:"status" enum:"draft,published,expired,withdrawn" doc:"Only offers with this status; published by default (with changed_since: published, expired and withdrawn). Other statuses need the admin token."`
	ChangedSince
}

type offerInput struct {
	Body offerDoc
}

type updateOfferInput struct {
	ID   int64 `path:"id" doc:"The offer's id."`
	Body offerDoc
}

type offerOutput struct {
	Body offerDoc
}

func (s *Server) registerOffers(api huma.API) {
	register(s, api, huma.Operation{
		OperationID: "list-offers",
		Method:      http.MethodGet,
		Path:        "/offers",
		Summary:     "List offers",
		Description: "Lists published offers, newest first, each with its dates, venues and provider. " +
			"With `changed_since`, for harvesters: the offers saved since then in the order they were saved, " +
			"withdrawn and expired ones included (their `status` tells), so that a copy can follow the catalogue; " +
			"deleted offers are in the change log (`/changes`).",
		Tags:     []string{"offers"},
		Security: adminOptional,
		Errors:   []int{http.StatusUnauthorized, http.StatusForbidden, http.StatusUnprocessableEntity},
	}, s.listOffers)
	register(s, api, huma.Operation{
		OperationID: "get-offer",
		Method:      http.MethodGet,
		Path:        "/offers/{id}",
		Summary:     "Get an offer",
		Description: "Returns a published offer; other offers only with the admin token.",
		Tags:        []string{"offers"},
		Security:    adminOptional,
		Errors:      readErrors,
	}, s.getOffer)
	register(s, api, huma.Operation{
		OperationID:   "create-offer",
		Method:        http.MethodPost,
		Path:          "/offers",
		Summary:       "Create an offer",
		Description:   "Creates an offer with its dates, all or nothing. New offers are drafts unless status says otherwise; a published offer needs a date.",
		Tags:          []string{"offers"},
		Security:      adminOnly,
		DefaultStatus: http.StatusCreated,
		Errors:        writeErrors,
	}, s.createOffer)
	register(s, api, huma.Operation{
		OperationID: "update-offer",
		Method:      http.MethodPut,
		Path:        "/offers/{id}",
		Summary:     "Replace an offer",
		Description: "Replaces the offer and its dates with the body, all or nothing.",
		Tags:        []string{"offers"},
		Security:    adminOnly,
		Errors:      append([]int{http.StatusNotFound, http.StatusConflict}, writeErrors...),
	}, s.updateOffer)
}

func (s *Server) listOffers(ctx context.Context, in *listOffersInput) (*listOutput[offerDoc], error) {
	f := catalogue.OfferFilter{ProviderID: in.ProviderID, Status: in.Status, ChangedSince: in.ChangedSince.Time, Page: in.catalogue()}
	switch {
	case in.Status != "" && in.Status != catalogue.StatusPublished:
		// Drafts and offers in review: the provider's own token or the admin.
		if t := providerTokenOf(ctx); t == nil || t.ProviderID != in.ProviderID {
			if p := s.adminProblem(ctx); p != nil {
				return nil, p
			}
		}
	case in.Status == "" && !f.ChangedSince.IsZero():
		f.Statuses = catalogue.PublicStatuses // what learners see, and what tells them an offer is gone
	default:
		f.Status = cmp.Or(in.Status, catalogue.StatusPublished)
	}
	offers, total, err := s.store.Offers(ctx, f)
	if err != nil {
		return nil, s.apiError(ctx, err, "offer")
	}
	items := make([]offerDoc, len(offers))
	for i, o := range offers {
		items[i] = newOfferDoc(ctx, o)
	}
	return newList(ctx, in.Pagination, total, items), nil
}

func (s *Server) getOffer(ctx context.Context, in *idInput) (*offerOutput, error) {
	what := fmt.Sprintf("offer %d", in.ID)
	o, err := s.store.Offer(ctx, in.ID)
	if err == nil && o.Status != catalogue.StatusPublished && !mayRead(ctx, o) {
		err = catalogue.ErrNotFound
	}
	if err != nil {
		return nil, s.apiError(ctx, err, what)
	}
	return &offerOutput{Body: newOfferDoc(ctx, o)}, nil
}

func (s *Server) createOffer(ctx context.Context, in *offerInput) (*created[offerDoc], error) {
	o := in.Body.offer()
	o.ID = 0
	for i := range o.Dates {
		o.Dates[i].ID = 0 // a new offer's dates are new
	}
	save := s.saveAsAdmin
	if t := providerTokenOf(ctx); t != nil {
		save = func(ctx context.Context, o *catalogue.Offer) error { return s.saveThroughToken(ctx, t, nil, o) }
	}
	if err := save(ctx, o); err != nil {
		if p, ok := err.(*Problem); ok {
			return nil, p
		}
		return nil, s.apiError(ctx, err, "offer")
	}
	saved, err := s.store.Offer(ctx, o.ID)
	if err != nil {
		return nil, s.apiError(ctx, err, fmt.Sprintf("offer %d", o.ID))
	}
	return &created[offerDoc]{Location: absURL(ctx, fmt.Sprintf("%s/offers/%d", apiPrefix, o.ID)), Body: newOfferDoc(ctx, saved)}, nil
}

func (s *Server) updateOffer(ctx context.Context, in *updateOfferInput) (*offerOutput, error) {
	what := fmt.Sprintf("offer %d", in.ID)
	o := in.Body.offer()
	o.ID = in.ID
	save := s.saveAsAdmin
	if t := providerTokenOf(ctx); t != nil {
		save = func(ctx context.Context, o *catalogue.Offer) error {
			before, err := s.store.Offer(ctx, o.ID)
			if err != nil {
				return err
			}
			return s.saveThroughToken(ctx, t, before, o)
		}
	}
	if err := save(ctx, o); err != nil {
		if p, ok := err.(*Problem); ok {
			return nil, p
		}
		return nil, s.apiError(ctx, err, what)
	}
	saved, err := s.store.Offer(ctx, o.ID)
	if err != nil {
		return nil, s.apiError(ctx, err, what)
	}
	return &offerOutput{Body: newOfferDoc(ctx, saved)}, nil
}

type listDatesInput struct {
	Pagination
	OfferID int64     `query:"offer_id" doc:"Only the dates of this offer."`
	From    time.Time `query:"from" doc:"Only dates starting at or after this instant (RFC 3339), and those without a fixed start. Default: now."`
}

func (s *Server) registerDates(api huma.API) {
	register(s, api, huma.Operation{
		OperationID: "list-dates",
		Method:      http.MethodGet,
		Path:        "/dates",
		Summary:     "List dates",
		Description: "Lists the dates of published offers by start (dates without a fixed start last), each with its offer's title and page and its venue.",
		Tags:        []string{"dates"},
		Errors:      listErrors,
	}, s.listDates)
}

func (s *Server) listDates(ctx context.Context, in *listDatesInput) (*listOutput[dateDoc], error) {
	from := in.From
	if from.IsZero() {
		from = time.Now()
	}
	dates, total, err := s.store.Dates(ctx, catalogue.DateFilter{
		OfferID: in.OfferID, From: &from, Status: catalogue.StatusPublished, Page: in.catalogue(),
	})
	if err != nil {
		return nil, s.apiError(ctx, err, "date")
	}
	items := make([]dateDoc, len(dates))
	for i, d := range dates {
		items[i] = newDateDoc(ctx, d)
		items[i].OfferURL = absURL(ctx, offerPath(d.OfferID))
	}
	return newList(ctx, in.Pagination, total, items), nil
}
