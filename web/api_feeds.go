package web

import (
	"cmp"
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/search"
)

// Feeds: what a feed reader or a calendar subscribes to.
//
//   - GET /api/v1/feeds/offers.atom – an Atom feed (RFC 4287) of offers, the
//     most recently changed first: the whole catalogue without parameters,
//     one provider's with provider=ID, a search's with the parameters of
//     /suche and /api/v1/search (read by search.ParseQuery, the one parser).
//   - GET /api/v1/feeds/dates.ics – an iCalendar file (RFC 5545) with a
//     VEVENT for each date of a search that matches it, written by the same
//     calendar writer as the .ics of a single date (ics.go).
//
// The feeds live in the API, so their parameters and errors are described
// in the OpenAPI document and every error is a problem+json; the portal's
// search and provider pages link to them with rel=alternate.
//
// An entry's id is the offer's page URL: stable, unique and dereferenceable
// (a tag: URI would need a date on which the portal owned its domain name,
// which lernnetz does not know).

type feedOutput struct {
	ContentType string `header:"Content-Type"`
	Body        []byte
}

func (s *Server) registerFeeds(api huma.API) {
	register(s, api, huma.Operation{
		OperationID: "offers-feed",
		Method:      http.MethodGet,
		Path:        "/feeds/offers.atom",
		Summary:     "Atom feed of new and changed offers",
		Description: "An Atom feed (RFC 4287) of published offers, the most recently changed first: the whole catalogue " +
			"without parameters, one provider's offers with `provider`, or a search's with the parameters of " +
			"`/search` (a search's feed shows the most recently changed of its 100 best matches). `per_page` " +
			"entries (20 by default, up to 100). Each entry's id is the offer's page.",
		Tags:   []string{"feeds"},
		Errors: []int{http.StatusBadRequest, http.StatusNotFound, http.StatusServiceUnavailable},
	}, s.offersFeed)
	register(s, api, huma.Operation{
		OperationID: "dates-calendar",
		Method:      http.MethodGet,
		Path:        "/feeds/dates.ics",
		Summary:     "iCalendar of a search's dates",
		Description: "An iCalendar file (RFC 5545) with one VEVENT for every date with a fixed start of the offers " +
			"a search finds (the page given by `page` and `per_page`) that matches the search's date filters. " +
			"Without a search engine on the server only `provider` and the paging parameters work.",
		Tags:   []string{"feeds"},
		Errors: []int{http.StatusBadRequest, http.StatusNotFound, http.StatusServiceUnavailable},
	}, s.datesCalendar)
	doc := api.OpenAPI()
	for path, mt := range map[string]string{"/feeds/offers.atom": "application/atom+xml", "/feeds/dates.ics": "text/calendar"} {
		op := doc.Paths[path].Get
		resp := op.Responses["200"]
		resp.Content = map[string]*huma.MediaType{mt: {Schema: &huma.Schema{Type: "string"}}}
		delete(resp.Headers, "Content-Type")
	}
}

// onlyProvider reports whether q asks for nothing but (perhaps) one
// provider's offers, and a page of them.
func onlyProvider(q search.Query) bool {
	base, _ := search.ParseQuery(url.Values{})
	q.ProviderID, q.Page, q.PerPage = 0, base.Page, base.PerPage
	return reflect.DeepEqual(q, base)
}

// feedOffers returns the published offers of a feed for q with the ids of
// their dates that match it: from the store for the whole catalogue or a
// provider when recent (the most recently changed first), else from the
// search engine.
func (s *Server) feedOffers(ctx context.Context, q search.Query, recent bool) ([]foundOffer, error) {
	if onlyProvider(q) && (recent || s.searcher == nil) {
		f := catalogue.OfferFilter{ProviderID: q.ProviderID, Status: catalogue.StatusPublished, RecentlyChanged: recent,
			SkipTotal: true, Page: catalogue.Page{Limit: q.PerPage, Offset: (q.Page - 1) * q.PerPage}}
		offers, _, err := s.store.Offers(ctx, f)
		if err != nil {
			return nil, s.apiError(ctx, err, "feed")
		}
		out := make([]foundOffer, len(offers))
		for i, o := range offers {
			out[i] = foundOffer{Offer: o, Hit: search.Hit{OfferID: o.ID}}
			for _, d := range o.Dates {
				out[i].Hit.DateIDs = append(out[i].Hit.DateIDs, d.ID)
			}
		}
		return out, nil
	}
	if s.searcher == nil {
		return nil, newProblem(http.StatusServiceUnavailable, "This server has no search engine: feeds of a search are not available.")
	}
	sq := q
	if recent {
		sq.Page, sq.PerPage = 1, search.MaxPerPage
	}
	_, found, err := s.searchOffers(ctx, sq)
	if p := unknownPlaceProblem(err, q.Near); p != nil {
		return nil, p
	}
	if err != nil {
		return nil, s.apiError(ctx, err, "feed")
	}
	if recent {
		slices.SortStableFunc(found, func(a, b foundOffer) int {
			return cmp.Or(b.Offer.UpdatedAt.Compare(a.Offer.UpdatedAt), cmp.Compare(b.Offer.ID, a.Offer.ID))
		})
		found = found[:min(len(found), q.PerPage)]
	}
	return found, nil
}

// feedProvider returns the provider q asks for, or nil; an unknown one is a 404.
func (s *Server) feedProvider(ctx context.Context, q search.Query) (*catalogue.Provider, error) {
	if q.ProviderID == 0 {
		return nil, nil
	}
	p, err := s.store.Provider(ctx, q.ProviderID)
	if err != nil {
		return nil, s.apiError(ctx, err, fmt.Sprintf("provider %d", q.ProviderID))
	}
	return p, nil
}

// Atom documents (RFC 4287).

type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"xml:lang,attr"`
	ID        string      `xml:"id"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle,omitempty"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Author     atomPerson     `xml:"author"`
	Links      []atomLink     `xml:"link"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Categories []atomCategory `xml:"category"`
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func (s *Server) offersFeed(ctx context.Context, in *searchInput) (*feedOutput, error) {
	q := in.query
	provider, err := s.feedProvider(ctx, q)
	if err != nil {
		return nil, err
	}
	found, err := s.feedOffers(ctx, q, true)
	if err != nil {
		return nil, err
	}
	info := infoFrom(ctx)
	raw := url.Values{}
	if info != nil && info.url != nil {
		raw = info.url.Query()
	}
	self := absURL(ctx, apiPrefix+"/feeds/offers.atom")
	if enc := raw.Encode(); enc != "" {
		self += "?" + enc
	}
	alternate := absURL(ctx, searchURL(raw, "", ""))
	title := "lernnetz: Angebote"
	switch {
	case !onlyProvider(q):
		title = "lernnetz: Angebote der Suche"
		if q.Text != "" {
			title += " „" + q.Text + "“"
		}
	case provider != nil:
		title = "lernnetz: Angebote von " + provider.Name
		alternate = absURL(ctx, providerPath(provider.ID))
	}
	feed := atomFeed{
		Lang: "de", ID: self, Title: title,
		Subtitle: "Neue und geänderte Weiterbildungsangebote (new and changed offers)",
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", Href: alternate},
		},
		Author:    atomPerson{Name: "lernnetz", URI: absURL(ctx, "/")},
		Generator: "lernnetz",
	}
	var updated time.Time
	for _, f := range found {
		o := f.Offer
		page := absURL(ctx, offerPath(o.ID))
		e := atomEntry{
			ID: page, Title: o.Title, Updated: atomTime(o.UpdatedAt), Published: atomTime(o.CreatedAt),
			Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: page},
				{Rel: "related", Type: "application/json", Href: absURL(ctx, fmt.Sprintf("%s/offers/%d", apiPrefix, o.ID))}},
			Author: atomPerson{Name: "lernnetz", URI: absURL(ctx, providerPath(o.ProviderID))},
		}
		if o.Provider != nil && o.Provider.Name != "" {
			e.Author.Name = o.Provider.Name
		}
		if sum := cmp.Or(o.ShortDescription, shorten(o.Description, 300)); sum != "" {
			e.Summary = &atomText{Type: "text", Text: sum}
		}
		for _, t := range o.Topics {
			e.Categories = append(e.Categories, atomCategory{Term: t, Label: catalogue.Vocab("topic").Label(t, "de")})
		}
		feed.Entries = append(feed.Entries, e)
		if o.UpdatedAt.After(updated) {
			updated = o.UpdatedAt
		}
	}
	if updated.IsZero() {
		// An empty feed: the start of the day, so that it stays the same
		// (and keeps its ETag) while it stays empty.
		now := timeNow().In(catalogue.Berlin)
		updated = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, catalogue.Berlin)
	}
	feed.Updated = atomTime(updated)
	body, err := xml.MarshalIndent(feed, "", " ")
	if err != nil {
		return nil, s.apiError(ctx, fmt.Errorf("write atom feed: %w", err), "feed")
	}
	return &feedOutput{ContentType: "application/atom+xml; charset=utf-8", Body: append([]byte(xml.Header), body...)}, nil
}

func (s *Server) datesCalendar(ctx context.Context, in *searchInput) (*feedOutput, error) {
	q := in.query
	provider, err := s.feedProvider(ctx, q)
	if err != nil {
		return nil, err
	}
	found, err := s.feedOffers(ctx, q, false)
	if err != nil {
		return nil, err
	}
	name := "lernnetz: Termine"
	switch {
	case q.Text != "":
		name += " – " + q.Text
	case provider != nil:
		name += " – " + provider.Name
	}
	info := infoFrom(ctx)
	r := (&http.Request{Host: "", URL: info.url, Header: http.Header{}}).WithContext(ctx)
	c := newCalendar(r, timeNow(), name)
	for _, f := range found {
		for _, id := range f.Hit.DateIDs {
			for i := range f.Offer.Dates {
				if f.Offer.Dates[i].ID == id {
					c.event(f.Offer, &f.Offer.Dates[i])
				}
			}
		}
	}
	return &feedOutput{ContentType: "text/calendar; charset=utf-8", Body: c.end()}, nil
}

// feedPath is the path of the feed file ("offers.atom" or "dates.ics") for
// the search parameters raw (without page and lang), for the portal's links.
func feedPath(file string, raw url.Values) string {
	v := url.Values{}
	for k, vs := range raw {
		if k != "page" && k != "lang" {
			v[k] = vs
		}
	}
	if len(v) == 0 {
		return apiPrefix + "/feeds/" + file
	}
	return apiPrefix + "/feeds/" + file + "?" + v.Encode()
}
