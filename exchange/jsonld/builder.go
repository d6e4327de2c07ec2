// Package jsonld describes catalogue records as schema.org JSON-LD: a
// Course with a CourseInstance per date (with its Place and Offer), an
// EducationalOrganization per provider. The portal embeds these in its
// pages for search engines; Writer streams a whole catalogue as one JSON-LD
// document with an @graph, an export format ("jsonld").
package jsonld

import (
	"fmt"
	"strconv"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// LD is a JSON-LD object.
type LD = map[string]any

// Context is the JSON-LD context of the objects.
const Context = "https://schema.org"

// Builder makes the JSON-LD objects. Its zero value links records by URN
// ("urn:lernnetz:offer:17") and writes texts whole.
type Builder struct {
	// Links gives the addresses of the portal's pages (@id and url); nil:
	// URNs and no url.
	Links record.Linker
	// Shorten cuts a text to about n characters, for pages that show a
	// summary; nil: texts are written whole.
	Shorten func(text string, n int) string
}

func (b Builder) short(text string, n int) string {
	if b.Shorten == nil {
		return text
	}
	return b.Shorten(text, n)
}

// ids returns the @id and url of a record kind ("offer", "provider",
// "venue") by the links, or a URN and no url.
func (b Builder) ids(kind string, id int64) (string, string) {
	if b.Links == nil {
		return fmt.Sprintf("urn:lernnetz:%s:%d", kind, id), ""
	}
	var u string
	switch kind {
	case "offer":
		u = b.Links.OfferURL(id)
	case "provider":
		u = b.Links.ProviderURL(id)
	case "venue":
		u = b.Links.VenueURL(id)
	}
	return u, u
}

func setURL(o LD, id, url string) {
	o["@id"] = id
	if url != "" {
		o["url"] = url
	}
}

// Course describes an offer as a schema.org Course with a CourseInstance
// per date. The provider is named and referenced by its @id.
func (b Builder) Course(o *catalogue.Offer) LD {
	c := LD{"@type": "Course", "name": o.Title}
	id, url := b.ids("offer", o.ID)
	setURL(c, id, url)
	if desc := o.ShortDescription; desc != "" || o.Description != "" {
		if desc == "" {
			desc = b.short(o.Description, 300)
		}
		c["description"] = desc
	}
	pid, purl := b.ids("provider", o.ProviderID)
	provider := LD{"@type": "EducationalOrganization"}
	setURL(provider, pid, purl)
	if o.Provider != nil {
		provider["name"] = o.Provider.Name
	}
	c["provider"] = provider
	if len(o.Languages) > 0 {
		c["inLanguage"] = o.Languages
	}
	if o.Degree != "" {
		c["educationalCredentialAwarded"] = o.Degree
	}
	if len(o.Topics) > 0 {
		about := make([]string, len(o.Topics))
		for i, t := range o.Topics {
			about[i] = label("topic", t)
		}
		c["about"] = about
	}
	if o.Prerequisites != "" {
		c["coursePrerequisites"] = b.short(o.Prerequisites, 300)
	}
	if o.Price != nil {
		c["offers"] = b.offer(o, o.Price)
	}
	var instances []LD
	for i := range o.Dates {
		d := &o.Dates[i]
		in := LD{"@type": "CourseInstance"}
		if b.Links != nil {
			in["url"] = b.Links.DateURL(o.ID, d.ID)
		}
		if mode := courseMode(o.DeliveryModes); mode != "" {
			in["courseMode"] = mode
		}
		if d.Start != nil {
			in["startDate"] = d.Start.In(catalogue.Berlin).Format("2006-01-02T15:04:05-07:00")
		}
		if d.End != nil {
			in["endDate"] = d.End.In(catalogue.Berlin).Format("2006-01-02T15:04:05-07:00")
		}
		if d.Venue != nil {
			in["location"] = b.Place(d.Venue)
		}
		price := d.Price
		if price == nil {
			price = o.Price
		}
		if price != nil {
			in["offers"] = b.offer(o, price)
		}
		instances = append(instances, in)
	}
	if len(instances) > 0 {
		c["hasCourseInstance"] = instances
	}
	return c
}

func label(vocab, code string) string {
	if v := catalogue.Vocab(vocab); v != nil {
		return v.Label(code, "de")
	}
	return code
}

func courseMode(modes []string) string {
	for _, m := range modes {
		switch m {
		case "classroom":
			return "onsite"
		case "virtual_classroom", "e_learning", "distance":
			return "online"
		case "blended":
			return "blended"
		}
	}
	return ""
}

func (b Builder) offer(o *catalogue.Offer, p *catalogue.Price) LD {
	cur := p.Currency
	if cur == "" {
		cur = "EUR"
	}
	out := LD{
		"@type":         "Offer",
		"price":         strconv.FormatFloat(float64(p.AmountCents)/100, 'f', 2, 64),
		"priceCurrency": cur,
		"category":      map[bool]string{true: "Free", false: "Paid"}[p.AmountCents == 0],
	}
	if b.Links != nil {
		out["url"] = b.Links.OfferURL(o.ID)
	}
	return out
}

// Address describes a postal address.
func Address(a catalogue.Address) LD {
	country := a.Country
	if country == "" {
		country = "DE"
	}
	out := LD{"@type": "PostalAddress", "addressCountry": country}
	for k, v := range map[string]string{"streetAddress": a.Street, "postalCode": a.PostalCode, "addressLocality": a.City} {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

// Place describes a venue (a Library when it is one).
func (b Builder) Place(v *catalogue.Venue) LD {
	p := LD{"@type": "Place", "name": v.Name, "address": Address(v.Address)}
	id, url := b.ids("venue", v.ID)
	setURL(p, id, url)
	if v.Geo != nil {
		p["geo"] = LD{"@type": "GeoCoordinates", "latitude": v.Geo.Lat, "longitude": v.Geo.Lon}
	}
	if v.Kind == "library" {
		p["@type"] = "Library"
	}
	return p
}

// Organization describes a provider as an EducationalOrganization.
func (b Builder) Organization(p *catalogue.Provider) LD {
	o := LD{"@type": "EducationalOrganization", "name": p.Name, "address": Address(p.Address)}
	id, url := b.ids("provider", p.ID)
	setURL(o, id, url)
	if p.Description != "" {
		o["description"] = b.short(p.Description, 300)
	}
	if p.Website != "" {
		o["sameAs"] = p.Website
	}
	if p.Phone != "" {
		o["telephone"] = p.Phone
	}
	if p.Email != "" {
		o["email"] = p.Email
	}
	return o
}
