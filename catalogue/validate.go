package catalogue

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lernnetz/lernnetz/fielderr"
)

// Length limits of text fields, in characters.
const (
	maxName  = 250
	maxShort = 1000
	maxText  = 20000
)

// checker collects field errors; a record's rules add to it and it yields one
// ValidationError with all of them.
type checker struct{ fielderr.Checker }

func newChecker(entity string) *checker { return &checker{fielderr.Checker{Entity: entity}} }

func (c *checker) add(field, code string, params ...any) { c.Add(field, code, params...) }

func (c *checker) err() error { return c.Err() }

func (c *checker) required(field, v string) {
	if strings.TrimSpace(v) == "" {
		c.add(field, "required")
	}
}

func (c *checker) maxLen(field, v string, n int) {
	if len(v) > n && utf8.RuneCountInString(v) > n { // no more bytes than n: no more characters
		c.add(field, "too_long", n)
	}
}

func (c *checker) code(field, vocab, v string) {
	if v != "" && !Vocab(vocab).Has(v) {
		c.add(field, "unknown_code", v)
	}
}

func (c *checker) codes(field, vocab string, vs []string) {
	seen := make(map[string]bool, len(vs))
	for i, v := range vs {
		if seen[v] {
			c.add(fmt.Sprintf("%s[%d]", field, i), "duplicate", v)
			continue
		}
		seen[v] = true
		if !Vocab(vocab).Has(v) {
			c.add(fmt.Sprintf("%s[%d]", field, i), "unknown_code", v)
		}
	}
}

func (c *checker) url(field, v string) {
	if v == "" {
		return
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		c.add(field, "invalid_url")
	}
}

func (c *checker) email(field, v string) {
	if v == "" {
		return
	}
	a, err := mail.ParseAddress(v)
	if err != nil || a.Address != v || !strings.Contains(v[strings.LastIndex(v, "@")+1:], ".") {
		c.add(field, "invalid_email")
	}
}

func (c *checker) geo(field string, g *Geo) {
	if g == nil {
		return
	}
	if g.Lat < -90 || g.Lat > 90 {
		c.add(field+".lat", "out_of_range", -90, 90)
	}
	if g.Lon < -180 || g.Lon > 180 {
		c.add(field+".lon", "out_of_range", -180, 180)
	}
}

var (
	germanPostalCode = regexp.MustCompile(`^[0-9]{5}$`)
	countryCode      = regexp.MustCompile(`^[A-Z]{2}$`)
	currencyCode     = regexp.MustCompile(`^[A-Z]{3}$`)
)

func (c *checker) address(field string, a Address) {
	c.maxLen(field+".street", a.Street, maxName)
	c.maxLen(field+".city", a.City, maxName)
	if a.Country != "" && !countryCode.MatchString(a.Country) {
		c.add(field+".country", "invalid_format", "DE (ISO-3166-Ländercode)")
	}
	if a.PostalCode != "" && (a.Country == "" || a.Country == "DE") && !germanPostalCode.MatchString(a.PostalCode) {
		c.add(field+".postal_code", "invalid_postal_code")
	}
}

func (c *checker) contact(field string, ct Contact) {
	c.email(field+".email", ct.Email)
	c.url(field+".web", ct.Web)
	if ct.FamilyName == "" && ct.Role == "" && ct.Phone == "" && ct.Email == "" {
		c.add(field+".family_name", "required")
	}
}

func (c *checker) price(field string, p *Price) {
	if p == nil {
		return
	}
	if p.AmountCents < 0 {
		c.add(field+".amount_cents", "negative")
	}
	if !currencyCode.MatchString(p.Currency) {
		c.add(field+".currency", "invalid_format", "EUR (ISO-4217-Währungscode)")
	}
	c.code(field+".unit", "price_unit", p.Unit)
	c.maxLen(field+".note", p.Note, maxShort)
}

func (c *checker) day(field, v string) (time.Time, bool) {
	if v == "" {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		c.add(field, "invalid_format", "JJJJ-MM-TT")
		return time.Time{}, false
	}
	return t, true
}

// ValidateOffer checks o against the catalogue's rules (PAS 1045's minimum
// content plus lernnetz's vocabularies) and returns a *ValidationError with
// every problem, or nil. It expects the defaults of Prepare to be applied.
func ValidateOffer(o *Offer) error {
	c := newChecker("offer")
	if o.ProviderID <= 0 {
		c.add("provider_id", "required")
	}
	c.required("title", o.Title)
	c.maxLen("title", o.Title, maxName)
	c.maxLen("subtitle", o.Subtitle, maxName)
	c.maxLen("short_description", o.ShortDescription, maxShort)
	for _, t := range [...]struct{ field, v string }{
		{"description", o.Description}, {"contents", o.Contents}, {"target_group", o.TargetGroup},
		{"prerequisites", o.Prerequisites}, {"learning_outcomes", o.LearningOutcomes},
		{"funding_note", o.FundingNote}, {"accessibility", o.Accessibility},
	} {
		c.maxLen(t.field, t.v, maxText)
	}
	c.maxLen("degree", o.Degree, maxName)
	c.code("type", "offer_type", o.Type)
	c.codes("delivery_modes", "delivery_mode", o.DeliveryModes)
	c.codes("languages", "language", o.Languages)
	c.code("degree_type", "degree_type", o.DegreeType)
	if o.TeachingHours < 0 || o.TeachingHours > 20000 {
		c.add("teaching_hours", "out_of_range", 0, 20000)
	}
	c.price("price", o.Price)
	c.codes("funding", "funding", o.Funding)
	c.codes("topics", "topic", o.Topics)
	for i, s := range o.Skills {
		if !strings.HasPrefix(s.URI, "http://data.europa.eu/esco/skill/") {
			c.add(fmt.Sprintf("skills[%d].uri", i), "invalid_skill_uri")
		}
	}
	if o.DQRLevel < 0 || o.DQRLevel > 8 {
		c.add("dqr_level", "out_of_range", 1, 8)
	}
	c.url("info_url", o.InfoURL)
	c.url("registration_url", o.RegistrationURL)
	for i, ct := range o.Contacts {
		c.contact(fmt.Sprintf("contacts[%d]", i), ct)
	}
	c.code("status", "offer_status", o.Status)
	if o.Status == StatusPublished && len(o.Dates) == 0 {
		c.add("dates", "date_required")
	}
	for i := range o.Dates {
		validateDate(c, fmt.Sprintf("dates[%d]", i), &o.Dates[i])
	}
	return c.err()
}

func validateDate(c *checker, f string, d *Date) {
	c.code(f+".start_kind", "start_kind", d.StartKind)
	if d.StartKind == StartFixed && d.Start == nil {
		c.add(f+".start", "start_required")
	}
	if d.Start != nil && d.End != nil && d.End.Before(*d.Start) {
		c.add(f+".end", "end_before_start")
	}
	if d.Start != nil && d.RegistrationDeadline != nil && d.RegistrationDeadline.After(*d.Start) {
		c.add(f+".registration_deadline", "deadline_after_start")
	}
	c.codes(f+".time_patterns", "time_pattern", d.TimePatterns)
	c.maxLen(f+".time_description", d.TimeDescription, maxShort)
	if d.Duration < 0 {
		c.add(f+".duration", "negative")
	}
	c.code(f+".duration_unit", "duration_unit", d.DurationUnit)
	if d.Duration > 0 && d.DurationUnit == "" {
		c.add(f+".duration_unit", "required")
	}
	if d.SeatsMin < 0 {
		c.add(f+".seats_min", "negative")
	}
	if d.SeatsMax < 0 {
		c.add(f+".seats_max", "negative")
	}
	if d.SeatsMax > 0 && d.SeatsMin > d.SeatsMax {
		c.add(f+".seats_min", "min_above_max")
	}
	c.price(f+".price", d.Price)
	if d.Contact != nil {
		c.contact(f+".contact", *d.Contact)
	}
	c.maxLen(f+".note", d.Note, maxShort)
}

// ValidateProvider checks p and returns a *ValidationError with every problem, or nil.
func ValidateProvider(p *Provider, now time.Time) error {
	c := newChecker("provider")
	c.required("name", p.Name)
	c.maxLen("name", p.Name, maxName)
	c.required("kind", p.Kind)
	c.code("kind", "provider_kind", p.Kind)
	c.maxLen("description", p.Description, maxText)
	c.address("address", p.Address)
	c.geo("geo", p.Geo)
	c.url("website", p.Website)
	c.email("email", p.Email)
	c.maxLen("phone", p.Phone, maxName)
	if p.FoundedYear != 0 && (p.FoundedYear < 800 || p.FoundedYear > now.Year()+1) {
		c.add("founded_year", "out_of_range", 800, now.Year()+1)
	}
	for i, ct := range p.Contacts {
		c.contact(fmt.Sprintf("contacts[%d]", i), ct)
	}
	for i, cert := range p.Certificates {
		f := fmt.Sprintf("certificates[%d]", i)
		c.required(f+".code", cert.Code)
		c.code(f+".code", "certificate", cert.Code)
		from, okFrom := c.day(f+".valid_from", cert.ValidFrom)
		until, okUntil := c.day(f+".valid_until", cert.ValidUntil)
		if okFrom && okUntil && until.Before(from) {
			c.add(f+".valid_until", "valid_until_before_from")
		}
	}
	for i, id := range p.ExternalIDs {
		f := fmt.Sprintf("external_ids[%d]", i)
		c.required(f+".scheme", id.Scheme)
		c.required(f+".value", id.Value)
	}
	return c.err()
}

var clock = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// ValidateVenue checks v and returns a *ValidationError with every problem, or nil.
func ValidateVenue(v *Venue) error {
	c := newChecker("venue")
	c.required("name", v.Name)
	c.maxLen("name", v.Name, maxName)
	c.required("kind", v.Kind)
	c.code("kind", "venue_kind", v.Kind)
	c.maxLen("description", v.Description, maxText)
	c.address("address", v.Address)
	c.geo("geo", v.Geo)
	c.url("website", v.Website)
	c.email("email", v.Email)
	c.codes("accessibility", "accessibility", v.Accessibility)
	for i, h := range v.OpeningHours {
		f := fmt.Sprintf("opening_hours[%d]", i)
		c.code(f+".day", "weekday", h.Day)
		okOpen, okClose := clock.MatchString(h.Opens), clock.MatchString(h.Closes)
		if !okOpen {
			c.add(f+".opens", "invalid_format", "HH:MM")
		}
		if !okClose {
			c.add(f+".closes", "invalid_format", "HH:MM")
		}
		if okOpen && okClose && h.Closes <= h.Opens {
			c.add(f+".closes", "closes_before_opens")
		}
	}
	return c.err()
}
