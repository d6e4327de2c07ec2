package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/geo"
	"github.com/lernnetz/lernnetz/search"
)

// Searcher answers searches; *search.Engine is the one lernnetz uses.
type Searcher interface {
	Search(ctx context.Context, q search.Query) (*search.Result, error)
	Suggest(prefix string, n int) []search.Suggestion
}

// searchInput documents the search parameters for the OpenAPI document; the
// values are read and checked by search.ParseQuery, the one place that knows
// the query model, from the raw query string.
type searchInput struct {
	Q            string   `query:"q" doc:"Free text, in German or English; umlauts, compounds, gender forms and typos are understood."`
	Near         string   `query:"near" doc:"A postal code or place name; with radius_km."`
	RadiusKm     float64  `query:"radius_km" doc:"Radius around near in km, 1 to 500 (default 25)."`
	Online       string   `query:"online" doc:"With near: include (online offers too, the default), only (online offers only) or exclude."`
	Topic        []string `query:"topic" doc:"Topic codes (vocabulary topic); repeat or separate by commas."`
	DeliveryMode []string `query:"delivery_mode" doc:"Delivery mode codes (vocabulary delivery_mode)."`
	Funding      []string `query:"funding" doc:"Funding codes (vocabulary funding)."`
	DegreeType   []string `query:"degree_type" doc:"Degree type codes (vocabulary degree_type)."`
	Language     []string `query:"language" doc:"Language codes (vocabulary language)."`
	TimePattern  []string `query:"time_pattern" doc:"Time pattern codes of the date (vocabulary time_pattern)."`
	DayTime      []string `query:"day_time" doc:"Time of day of the date (vocabulary day_time)."`
	StartFrom    string   `query:"start_from" doc:"The date starts on or after this day (YYYY-MM-DD)."`
	StartTo      string   `query:"start_to" doc:"The date starts on or before this day (YYYY-MM-DD)."`
	MaxPrice     string   `query:"max_price" doc:"Highest price in euros, e.g. 250 or 249,50."`
	Free         bool     `query:"free" doc:"Only dates free of charge."`
	Accessible   bool     `query:"accessible" doc:"Only dates at a venue with step-free access."`
	Provider     int64    `query:"provider" doc:"Only offers of this provider."`
	Women        bool     `query:"women_specific" doc:"Only offers for women."`
	Childcare    bool     `query:"childcare" doc:"Only offers with childcare."`
	Sort         string   `query:"sort" doc:"Order of results: relevance (default), start, distance (needs near) or price."`
	Page         int      `query:"page" doc:"The page, from 1 to 1000."`
	PerPage      int      `query:"per_page" doc:"Offers per page, 1 to 100 (default 20)."`

	query search.Query
}

// Resolve parses the raw query string with search.ParseQuery.
func (in *searchInput) Resolve(ctx huma.Context) []error {
	u := ctx.URL()
	q, err := search.ParseQuery(u.Query())
	var fe *search.FieldError
	if errors.As(err, &fe) {
		return []error{badRequest{&ProblemDetail{Location: "query." + fe.Field, Code: "invalid", Message: fe.DE, MessageEN: fe.EN}}}
	}
	in.query = q
	return nil
}

// badRequest makes a parameter error a 400 Bad Request rather than huma's
// default 422: the request as a whole cannot be understood.
type badRequest struct{ *ProblemDetail }

// GetStatus returns 400 (huma.StatusError).
func (b badRequest) GetStatus() int { return http.StatusBadRequest }

// Unwrap gives the detail to the error model.
func (b badRequest) Unwrap() error { return b.ProblemDetail }

// searchHit is one offer found, with the dates that match the query.
type searchHit struct {
	ID               int64            `json:"id"`
	Title            string           `json:"title"`
	URL              string           `json:"url" format:"uri" doc:"The offer's page on the portal."`
	Provider         *providerRef     `json:"provider"`
	ShortDescription string           `json:"short_description,omitempty"`
	DeliveryModes    []string         `json:"delivery_modes,omitempty"`
	Topics           []string         `json:"topics,omitempty"`
	Price            *catalogue.Price `json:"price,omitempty"`
	Dates            []dateDoc        `json:"dates" doc:"The offer's dates that match the query's date filters, soonest first."`
	DistanceKm       *float64         `json:"distance_km,omitempty" doc:"Distance of the nearest matching date's venue from near."`
	Source           string           `json:"source,omitempty" doc:"Where the offer was imported from."`
	SourceID         string           `json:"source_id,omitempty" doc:"The offer's id in that source."`
	Score            float64          `json:"score"`
	Why              []search.Match   `json:"why,omitempty" doc:"Which words matched in which fields."`
}

// facetValue is one choice of a filter with how many offers it would find.
type facetValue struct {
	Code    string `json:"code"`
	Label   string `json:"label" doc:"German label."`
	LabelEN string `json:"label_en" doc:"English label."`
	Count   int    `json:"count" doc:"Offers found with this choice and the other active filters."`
}

type searchPlace struct {
	Name       string  `json:"name"`
	PostalCode string  `json:"postal_code"`
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
}

type searchBody struct {
	Total      int                     `json:"total" doc:"How many offers match, on all pages."`
	Page       int                     `json:"page"`
	PerPage    int                     `json:"per_page"`
	Offers     []searchHit             `json:"offers"`
	Facets     map[string][]facetValue `json:"facets" doc:"Counts per filter choice; each filter's counts apply all other active filters (disjunctive faceting)."`
	DidYouMean string                  `json:"did_you_mean,omitempty" doc:"A spelling that finds offers when the query found none."`
	Place      *searchPlace            `json:"place,omitempty" doc:"The place near resolved to."`
}

type searchOutput struct {
	Link []string `header:"Link" doc:"RFC 8288 links to the first, previous, next and last page, as on every list."`
	Body searchBody
}

type suggestInput struct {
	Q     string `query:"q" required:"true" minLength:"1" maxLength:"100" doc:"What has been typed so far."`
	Limit int    `query:"limit" default:"8" minimum:"1" maximum:"20" doc:"How many suggestions."`
}

type suggestOutput struct {
	Body struct {
		Suggestions []search.Suggestion `json:"suggestions"`
	}
}

// facetVocab names the vocabulary whose labels a facet's codes have.
var facetVocab = map[string]string{
	"topic": "topic", "delivery_mode": "delivery_mode", "funding": "funding", "degree_type": "degree_type",
	"language": "language", "time_pattern": "time_pattern", "day_time": "day_time",
}

// flagLabels label the yes/no facets.
var flagLabels = map[string][2]string{
	"accessible":     {"Barrierefreier Zugang", "Step-free access"},
	"women_specific": {"Für Frauen", "For women"},
	"childcare":      {"Mit Kinderbetreuung", "With childcare"},
	"free":           {"Kostenfrei", "Free of charge"},
}

func (s *Server) registerSearch(api huma.API) {
	if s.searcher == nil {
		return
	}
	register(s, api, huma.Operation{
		OperationID: "search-offers",
		Method:      http.MethodGet,
		Path:        "/search",
		Summary:     "Search offers",
		Description: "Finds published offers by free text and filters. Filters on dates (start window, time pattern, day time, price, accessible venue, place and radius) must hold for one and the same date. Results group the matching dates under their offer.",
		Tags:        []string{"search"},
		Errors:      []int{http.StatusBadRequest},
	}, s.search)
	register(s, api, huma.Operation{
		OperationID: "suggest",
		Method:      http.MethodGet,
		Path:        "/suggest",
		Summary:     "Suggest titles, topics and places while typing",
		Tags:        []string{"search"},
		Errors:      listErrors,
	}, func(ctx context.Context, in *suggestInput) (*suggestOutput, error) {
		out := &suggestOutput{}
		out.Body.Suggestions = s.searcher.Suggest(in.Q, in.Limit)
		if out.Body.Suggestions == nil {
			out.Body.Suggestions = []search.Suggestion{}
		}
		return out, nil
	})
}

func (s *Server) search(ctx context.Context, in *searchInput) (*searchOutput, error) {
	q := in.query
	res, found, err := s.searchOffers(ctx, q)
	if p := unknownPlaceProblem(err, q.Near); p != nil {
		return nil, p
	}
	if err != nil {
		return nil, s.apiError(ctx, err, "search")
	}
	body := searchBody{Total: res.Total, Page: q.Page, PerPage: q.PerPage, Offers: []searchHit{},
		Facets: map[string][]facetValue{}, DidYouMean: res.DidYouMean}
	if res.Place != nil {
		body.Place = &searchPlace{Name: res.Place.Name, PostalCode: res.Place.PostalCode, Lat: res.Place.Lat, Lon: res.Place.Lon}
	}
	for name, counts := range res.Facets {
		values := make([]facetValue, 0, len(counts))
		for _, c := range counts {
			values = append(values, facetValue{Code: c.Code, Count: c.Count,
				Label: facetLabel(name, c.Code, "de"), LabelEN: facetLabel(name, c.Code, "en")})
		}
		body.Facets[name] = values
	}
	for _, f := range found {
		body.Offers = append(body.Offers, newSearchHit(ctx, f.Offer, f.Hit))
	}
	return &searchOutput{Link: pageLinks(ctx, q.Page, q.PerPage, res.Total, search.MaxPage), Body: body}, nil
}

// foundOffer is a hit of a search with its offer read from the store.
type foundOffer struct {
	Offer *catalogue.Offer
	Hit   search.Hit
}

// hydrate reads the offers of hits from the store, in one query, keeping the
// hits' order. Offers removed since the index saw them are left out.
// searchOffers runs q and reads the offers of its hits. A place in q.Near
// the gazetteer does not know is a *geo.UnknownPlaceError.
func (s *Server) searchOffers(ctx context.Context, q search.Query) (*search.Result, []foundOffer, error) {
	res, err := s.searcher.Search(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	found, err := s.hydrate(ctx, res.Hits)
	if err != nil {
		return nil, nil, err
	}
	return res, found, nil
}

// unknownPlaceProblem is the API's 400 for a search error that names an
// unknown place, nil for any other error.
func unknownPlaceProblem(err error, near string) error {
	var unknown *geo.UnknownPlaceError
	if !errors.As(err, &unknown) {
		return nil
	}
	return newProblem(http.StatusBadRequest, "The place in near is unknown.",
		&ProblemDetail{Location: "query.near", Code: "unknown_place", Message: unknown.Message("de"), MessageEN: unknown.Message("en"), Value: near})
}

func (s *Server) hydrate(ctx context.Context, hits []search.Hit) ([]foundOffer, error) {
	if len(hits) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.OfferID
	}
	offers, _, err := s.store.Offers(ctx, catalogue.OfferFilter{IDs: ids, SkipTotal: true, Page: catalogue.Page{Limit: len(ids)}})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*catalogue.Offer, len(offers))
	for _, o := range offers {
		byID[o.ID] = o
	}
	out := make([]foundOffer, 0, len(hits))
	for _, h := range hits {
		if o := byID[h.OfferID]; o != nil {
			out = append(out, foundOffer{Offer: o, Hit: h})
		}
	}
	return out, nil
}

// facetLabel is the label of a facet's code in lang.
func facetLabel(facet, code, lang string) string {
	if vocab := catalogue.Vocab(facetVocab[facet]); vocab != nil {
		return vocab.Label(code, lang)
	}
	if l, ok := flagLabels[facet]; ok {
		if lang == "en" {
			return l[1]
		}
		return l[0]
	}
	return code
}

func newSearchHit(ctx context.Context, o *catalogue.Offer, h search.Hit) searchHit {
	doc := newOfferDoc(ctx, o)
	hit := searchHit{
		ID: o.ID, Title: o.Title, URL: doc.URL, Provider: doc.Provider, ShortDescription: o.ShortDescription,
		DeliveryModes: o.DeliveryModes, Topics: o.Topics, Price: o.Price, DistanceKm: h.DistanceKm,
		Source: o.Provenance.Source, SourceID: o.Provenance.SourceID, Score: h.Score, Why: h.Why, Dates: []dateDoc{},
	}
	byID := make(map[int64]dateDoc, len(doc.Dates))
	for _, d := range doc.Dates {
		byID[d.ID] = d
	}
	for _, id := range h.DateIDs {
		if d, ok := byID[id]; ok {
			hit.Dates = append(hit.Dates, d)
		}
	}
	return hit
}
