package web

import (
	"context"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/jsonld"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// schema.org data for search engines, embedded in the pages as
// <script type="application/ld+json">: html/template writes the value as JSON
// escaped for a script element. It is data, never executed, so the strict
// Content-Security-Policy stays as it is. The objects are built by package
// exchange/jsonld, which the JSON-LD export uses too.

type ld = jsonld.LD

// PortalLinks returns the addresses of the portal's pages under base (its
// public URL without a trailing slash), for exports that link records.
func PortalLinks(base string) record.Linker { return portalLinks(base) }

type portalLinks string

func (b portalLinks) OfferURL(id int64) string    { return string(b) + offerPath(id) }
func (b portalLinks) ProviderURL(id int64) string { return string(b) + providerPath(id) }
func (b portalLinks) VenueURL(id int64) string    { return string(b) + venuePath(id) }
func (b portalLinks) DateURL(offerID, id int64) string {
	return string(b) + datePath(offerID, id)
}

// pageLD builds the objects of a page, linked under the request's base URL,
// with summaries of long texts.
func pageLD(ctx context.Context) jsonld.Builder {
	return jsonld.Builder{Links: portalLinks(baseURLFrom(ctx)), Shorten: shorten}
}

func withContext(o ld) ld {
	o["@context"] = jsonld.Context
	return o
}

// courseJSONLD describes an offer as a schema.org Course with a
// CourseInstance per date.
func courseJSONLD(ctx context.Context, o *catalogue.Offer) ld {
	return withContext(pageLD(ctx).Course(o))
}

// placeJSONLD describes a venue page.
func placeJSONLD(ctx context.Context, v *catalogue.Venue) ld {
	return withContext(pageLD(ctx).Place(v))
}

// organizationJSONLD describes a provider page.
func organizationJSONLD(ctx context.Context, p *catalogue.Provider) ld {
	return withContext(pageLD(ctx).Organization(p))
}
