package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/lernnetz/lernnetz/catalogue"
)

// bearerScheme names the admin token's security scheme in the OpenAPI document.
const bearerScheme = "adminToken"

// Security requirements of operations.
var (
	adminOnly     = []map[string][]string{{bearerScheme: {}}}
	adminOptional = []map[string][]string{{}, {bearerScheme: {}}}
)

// newAPI builds the JSON API under /api/v1 and registers its operations.
func (s *Server) newAPI(version string) huma.API {
	useProblems()
	if version == "" {
		version = "dev"
	}
	server := apiPrefix
	if s.baseURL != "" {
		server = s.baseURL + apiPrefix
	}
	registry := huma.NewMapRegistry("#/components/schemas/", schemaName)
	config := huma.Config{
		OpenAPI: &huma.OpenAPI{
			OpenAPI: "3.1.0",
			Info: &huma.Info{
				Title:   "lernnetz API",
				Version: version,
				Description: "The open interface of a lernnetz learning-network portal: providers, their offers " +
					"(Angebote) with dates (Termine), venues and learning places (Lernorte), and the controlled " +
					"vocabularies with German and English labels.\n\n" +
					"Lists are paginated with `page` and `per_page` and carry RFC 8288 `Link` headers. " +
					"Every object has a `url`: its page on the portal. Errors are RFC 9457 problem details " +
					"(`application/problem+json`); their `errors` list every invalid field with a `code`, " +
					"a German `message` and an English `message_en`.\n\n" +
					"Reading is open. Writing needs the admin token as `Authorization: Bearer <token>`; " +
					"so do drafts and other unpublished offers.\n\n" +
					"Every successful GET carries a strong `ETag` (a hash of the body); send it back as " +
					"`If-None-Match` and an unchanged answer is a 304 without a body. Systems that keep a copy " +
					"harvest with `changed_since` on the lists and follow deletions in `/changes`.",
				License: &huma.License{Name: "Apache License 2.0 (the software; the portal states the licence of its data)", Identifier: "Apache-2.0"},
			},
			Servers: []*huma.Server{{URL: server, Description: "This portal's API."}},
			// Reading needs no token; write operations say they need one.
			Security: []map[string][]string{{}},
			Components: &huma.Components{
				Schemas: registry,
				SecuritySchemes: map[string]*huma.SecurityScheme{
					bearerScheme: {
						Type:        "http",
						Scheme:      "bearer",
						Description: "The admin token configured on the server.",
					},
				},
			},
			Tags: []*huma.Tag{
				{Name: "offers", Description: "Offers (Angebote) with their dates."},
				{Name: "dates", Description: "Dates (Termine) of published offers."},
				{Name: "providers", Description: "Providers (Anbieter) of the network."},
				{Name: "venues", Description: "Venues and learning places (Lernorte)."},
				{Name: "vocabularies", Description: "Controlled vocabularies with German and English labels."},
				{Name: "search", Description: "Search offers; suggestions while typing."},
				{Name: "feeds", Description: "Atom feeds of new and changed offers and iCalendar files of dates, for feed readers and calendars."},
				{Name: "harvesting", Description: "Keeping a copy of the catalogue: the change log."},
				{Name: "exchange", Description: "Importing and exporting whole catalogues in exchange formats."},
			},
		},
		OpenAPIPath:   "/openapi",
		Formats:       huma.DefaultFormats,
		DefaultFormat: "application/json",
		Transformers:  []huma.Transformer{withRequestID},
	}
	// The catalogue decides what is required (and says so in German); the
	// schema only checks types, so that one 422 lists every field error.
	config.FieldsOptionalByDefault = true

	api := humago.NewWithPrefix(s.mux, apiPrefix, config)
	s.registerOffers(api)
	s.registerDates(api)
	s.registerProviders(api)
	s.registerVenues(api)
	s.registerVocabularies(api)
	s.registerSearch(api)
	s.registerChanges(api) // api_changes.go
	s.registerImports(api) // api_imports.go
	s.registerFeeds(api)   // api_feeds.go
	s.registerExport(api)  // api_export.go
	markReadOnly(registry)
	describeConditionalGET(api.OpenAPI()) // etag.go
	s.routes = append(s.routes, Route{Method: http.MethodGet, Pattern: apiPrefix + "/openapi.json"})
	return api
}

// schemaNames gives the API's types their names in the OpenAPI document.
var schemaNames = map[reflect.Type]string{
	reflect.TypeFor[offerDoc]():              "Offer",
	reflect.TypeFor[dateDoc]():               "Date",
	reflect.TypeFor[providerDoc]():           "Provider",
	reflect.TypeFor[venueDoc]():              "Venue",
	reflect.TypeFor[providerRef]():           "ProviderRef",
	reflect.TypeFor[listBody[offerDoc]]():    "OfferList",
	reflect.TypeFor[listBody[dateDoc]]():     "DateList",
	reflect.TypeFor[listBody[providerDoc]](): "ProviderList",
	reflect.TypeFor[listBody[venueDoc]]():    "VenueList",
	reflect.TypeFor[vocabularyList]():        "VocabularyList",
	reflect.TypeFor[searchBody]():            "SearchResult",
	reflect.TypeFor[searchHit]():             "SearchHit",
}

func schemaName(t reflect.Type, hint string) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n, ok := schemaNames[t]; ok {
		return n
	}
	return huma.DefaultSchemaNamer(t, hint)
}

// readOnlyFields are set by the server; requests may send them back (so a
// GET response can be edited and PUT), but they are ignored.
var readOnlyFields = map[string][]string{
	"Offer":    {"id", "provider", "completeness", "created_at", "updated_at", "url"},
	"Date":     {"offer_id", "offer_title", "offer_url", "venue", "day_time", "url"},
	"Provider": {"id", "created_at", "updated_at", "url"},
	"Venue":    {"id", "learning_place", "created_at", "updated_at", "url"},
}

func markReadOnly(r huma.Registry) {
	for name, fields := range readOnlyFields {
		s := r.Map()[name]
		if s == nil {
			continue
		}
		for _, f := range fields {
			if p := s.Properties[f]; p != nil {
				p.ReadOnly = true
			}
		}
	}
}

// register adds an operation to the API and to the server's route list.
func register[I, O any](s *Server, api huma.API, op huma.Operation, h func(context.Context, *I) (*O, error)) {
	if op.Security != nil && len(op.Security[0]) > 0 {
		// Admin-only: check the token before huma reads and validates the
		// body, so that an anonymous client learns nothing but "401".
		op.Middlewares = append(op.Middlewares, func(ctx huma.Context, next func(huma.Context)) {
			if p := s.writeAccessProblem(ctx.Context(), op.OperationID); p != nil {
				for k, vs := range p.headers {
					for _, v := range vs {
						ctx.AppendHeader(k, v)
					}
				}
				ctx.SetHeader("Content-Type", "application/problem+json")
				ctx.SetStatus(p.Status)
				huma.DefaultJSONFormat.Marshal(ctx.BodyWriter(), p)
				return
			}
			next(ctx)
		})
	}
	huma.Register(api, op, h)
	s.routes = append(s.routes, Route{Method: op.Method, Pattern: apiPrefix + op.Path, OperationID: op.OperationID})
}

// Pagination holds the query parameters page and per_page of every list
// of the API. It is exported only because huma reads parameters from
// embedded structs of exported types.
type Pagination struct {
	Page    int `query:"page" default:"1" minimum:"1" maximum:"100000" doc:"The page, from 1."`
	PerPage int `query:"per_page" default:"20" minimum:"1" maximum:"100" doc:"Items per page, 1 to 100."`
}

func (p Pagination) catalogue() catalogue.Page {
	return catalogue.Page{Limit: p.PerPage, Offset: (p.Page - 1) * p.PerPage}
}

// listBody is one page of a list.
type listBody[T any] struct {
	Total   int `json:"total" doc:"How many items match, on all pages."`
	Page    int `json:"page" doc:"This page, from 1."`
	PerPage int `json:"per_page" doc:"Items per page."`
	Items   []T `json:"items" doc:"The items of this page."`
}

// listOutput is a list response with its RFC 8288 links.
type listOutput[T any] struct {
	Link []string `header:"Link" doc:"RFC 8288 links to the first, previous, next and last page."`
	Body listBody[T]
}

// newList returns a page of items with Link headers for the request of ctx.
func newList[T any](ctx context.Context, p Pagination, total int, items []T) *listOutput[T] {
	if items == nil {
		items = []T{}
	}
	out := &listOutput[T]{Body: listBody[T]{Total: total, Page: p.Page, PerPage: p.PerPage, Items: items}}
	out.Link = pageLinks(ctx, p.Page, p.PerPage, total, 0)
	return out
}

// pageLinks returns the RFC 8288 links to the first, previous, next and
// last page of a list of total items for the request of ctx; maxPage, when
// not 0, is the last page that can be asked for.
func pageLinks(ctx context.Context, page, perPage, total, maxPage int) []string {
	info := infoFrom(ctx)
	if info == nil || info.url == nil || perPage <= 0 {
		return nil
	}
	last := max(1, (total+perPage-1)/perPage)
	if maxPage > 0 {
		last = min(last, maxPage)
	}
	var links []string
	link := func(page int, rel string) {
		q := info.url.Query()
		q.Set("page", strconv.Itoa(page))
		q.Set("per_page", strconv.Itoa(perPage))
		u := url.URL{Path: info.url.Path, RawQuery: q.Encode()}
		links = append(links, fmt.Sprintf(`<%s%s>; rel="%s"`, info.baseURL, u.String(), rel))
	}
	link(1, "first")
	if page > 1 {
		link(min(page-1, last), "prev")
	}
	if page < last {
		link(page+1, "next")
	}
	link(last, "last")
	return links
}

// idInput is the id in the path of a single record.
type idInput struct {
	ID int64 `path:"id" doc:"The record's id."`
}

// created is the response to a POST that made a record.
type created[T any] struct {
	Location string `header:"Location" doc:"The new record's URL in the API."`
	Body     T
}

// errors lists the error statuses of operations for the OpenAPI document.
var (
	readErrors  = []int{http.StatusNotFound}
	listErrors  = []int{http.StatusUnprocessableEntity}
	writeErrors = []int{http.StatusUnauthorized, http.StatusForbidden, http.StatusUnprocessableEntity}
)
