package web

import (
	"context"
	"strconv"

	"github.com/lernnetz/lernnetz/catalogue"
)

// schema.org data for search engines, embedded in the pages as
// <script type="application/ld+json">: html/template writes the value as JSON
// escaped for a script element. It is data, never executed, so the strict
// Content-Security-Policy stays as it is.

type ld = map[string]any

// courseJSONLD describes an offer as a schema.org Course with a
// CourseInstance per date.
func courseJSONLD(ctx context.Context, o *catalogue.Offer) ld {
	c := ld{
		"@context": "https://schema.org",
		"@type":    "Course",
		"@id":      absURL(ctx, offerPath(o.ID)),
		"url":      absURL(ctx, offerPath(o.ID)),
		"name":     o.Title,
	}
	if desc := o.ShortDescription; desc != "" || o.Description != "" {
		if desc == "" {
			desc = shorten(o.Description, 300)
		}
		c["description"] = desc
	}
	provider := ld{"@type": "EducationalOrganization", "url": absURL(ctx, providerPath(o.ProviderID))}
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
		c["about"] = localeDE.Labels("topic", o.Topics)
	}
	if o.Prerequisites != "" {
		c["coursePrerequisites"] = shorten(o.Prerequisites, 300)
	}
	if o.Price != nil {
		c["offers"] = offerLD(ctx, o, o.Price)
	}
	var instances []ld
	for i := range o.Dates {
		d := &o.Dates[i]
		in := ld{"@type": "CourseInstance", "url": absURL(ctx, datePath(o.ID, d.ID))}
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
			in["location"] = placeLD(ctx, d.Venue)
		}
		price := d.Price
		if price == nil {
			price = o.Price
		}
		if price != nil {
			in["offers"] = offerLD(ctx, o, price)
		}
		instances = append(instances, in)
	}
	if len(instances) > 0 {
		c["hasCourseInstance"] = instances
	}
	return c
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

func offerLD(ctx context.Context, o *catalogue.Offer, p *catalogue.Price) ld {
	cur := p.Currency
	if cur == "" {
		cur = "EUR"
	}
	return ld{
		"@type":         "Offer",
		"price":         strconv.FormatFloat(float64(p.AmountCents)/100, 'f', 2, 64),
		"priceCurrency": cur,
		"category":      map[bool]string{true: "Free", false: "Paid"}[p.AmountCents == 0],
		"url":           absURL(ctx, offerPath(o.ID)),
	}
}

func addressLD(a catalogue.Address) ld {
	country := a.Country
	if country == "" {
		country = "DE"
	}
	out := ld{"@type": "PostalAddress", "addressCountry": country}
	for k, v := range map[string]string{"streetAddress": a.Street, "postalCode": a.PostalCode, "addressLocality": a.City} {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

func placeLD(ctx context.Context, v *catalogue.Venue) ld {
	p := ld{"@type": "Place", "name": v.Name, "url": absURL(ctx, venuePath(v.ID)), "address": addressLD(v.Address)}
	if v.Geo != nil {
		p["geo"] = ld{"@type": "GeoCoordinates", "latitude": v.Geo.Lat, "longitude": v.Geo.Lon}
	}
	return p
}

// placeJSONLD describes a venue page.
func placeJSONLD(ctx context.Context, v *catalogue.Venue) ld {
	p := placeLD(ctx, v)
	p["@context"] = "https://schema.org"
	if v.IsLearningPlace() && v.Kind == "library" {
		p["@type"] = "Library"
	}
	return p
}

// organizationJSONLD describes a provider page.
func organizationJSONLD(ctx context.Context, p *catalogue.Provider) ld {
	o := ld{
		"@context": "https://schema.org",
		"@type":    "EducationalOrganization",
		"@id":      absURL(ctx, providerPath(p.ID)),
		"url":      absURL(ctx, providerPath(p.ID)),
		"name":     p.Name,
		"address":  addressLD(p.Address),
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
