package catalogue

import (
	"math"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Berlin must resolve on machines without zoneinfo
)

// Berlin is the time zone in which dates are given and shown.
var Berlin = mustLoadLocation("Europe/Berlin")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// PrepareOffer is the one place where an offer is made ready to be saved:
// it trims text, applies defaults, validates every field and computes the
// derived fields (status expired, day time of each date, completeness).
// Stores call it inside SaveOffer; it returns a *ValidationError when the
// offer is invalid, and leaves o unchanged apart from normalisation then.
func PrepareOffer(o *Offer, now time.Time) error {
	normalizeOffer(o)
	if err := ValidateOffer(o); err != nil {
		return err
	}
	deriveOffer(o, now)
	return nil
}

// PrepareProvider normalises and validates a provider before it is saved.
func PrepareProvider(p *Provider, now time.Time) error {
	trim(&p.Name, &p.Kind, &p.Description, &p.Website, &p.Email, &p.Phone)
	normalizeAddress(&p.Address)
	return ValidateProvider(p, now)
}

// PrepareVenue normalises and validates a venue before it is saved.
func PrepareVenue(v *Venue) error {
	trim(&v.Name, &v.Kind, &v.Description, &v.Website, &v.Email, &v.Phone)
	normalizeAddress(&v.Address)
	return ValidateVenue(v)
}

func trim(fields ...*string) {
	for _, f := range fields {
		*f = strings.TrimSpace(*f)
	}
}

func normalizeAddress(a *Address) {
	trim(&a.Street, &a.PostalCode, &a.City, &a.District, &a.State, &a.Country)
	a.Country = strings.ToUpper(a.Country)
	if a.Country == "" && (a.City != "" || a.PostalCode != "") {
		a.Country = "DE"
	}
}

func normalizePrice(p *Price) {
	if p == nil {
		return
	}
	p.Currency = strings.ToUpper(strings.TrimSpace(p.Currency))
	if p.Currency == "" {
		p.Currency = "EUR"
	}
	if p.Unit == "" {
		p.Unit = "total"
	}
}

func normalizeOffer(o *Offer) {
	trim(&o.Title, &o.Subtitle, &o.ShortDescription, &o.Description, &o.Contents,
		&o.TargetGroup, &o.Prerequisites, &o.LearningOutcomes, &o.Degree,
		&o.FundingNote, &o.InfoURL, &o.RegistrationURL, &o.Status)
	if o.Status == "" {
		o.Status = StatusDraft
	}
	normalizePrice(o.Price)
	if o.Dates == nil {
		o.Dates = []Date{}
	}
	for i := range o.Dates {
		d := &o.Dates[i]
		if d.StartKind == "" {
			if d.Start != nil {
				d.StartKind = StartFixed
			} else {
				d.StartKind = StartOnRequest
			}
		}
		for _, t := range []**time.Time{&d.Start, &d.End, &d.RegistrationDeadline} {
			if *t != nil {
				v := (*t).In(Berlin).Truncate(time.Second)
				*t = &v
			}
		}
		normalizePrice(d.Price)
	}
}

func deriveOffer(o *Offer, now time.Time) {
	for i := range o.Dates {
		o.Dates[i].DayTime = dayTime(&o.Dates[i])
	}
	ended := len(o.Dates) > 0
	for i := range o.Dates {
		if !o.Dates[i].Ended(now) {
			ended = false
			break
		}
	}
	switch {
	case o.Status == StatusPublished && ended:
		o.Status = StatusExpired
	case o.Status == StatusExpired && !ended:
		o.Status = StatusPublished
	}
	o.Completeness = completeness(o)
}

// dayTime classifies when a date's sessions take place from its start and
// end times of day, falling back to the time pattern "evening".
func dayTime(d *Date) string {
	if d.Start != nil {
		s := d.Start.In(Berlin)
		if s.Hour() != 0 || s.Minute() != 0 {
			startH := s.Hour()
			endH := -1
			if d.End != nil {
				e := d.End.In(Berlin)
				if e.Hour() != 0 || e.Minute() != 0 {
					endH = e.Hour()
				}
			}
			switch {
			case startH < 12 && endH >= 15:
				return "full_day"
			case startH < 12:
				return "morning"
			case startH < 17:
				return "afternoon"
			default:
				return "evening"
			}
		}
	}
	for _, p := range d.TimePatterns {
		if p == "evening" {
			return "evening"
		}
	}
	return ""
}

// completeness scores, from 0 to 100, how much of what learners look for an
// offer tells: the share of these checks that pass.
func completeness(o *Offer) int {
	priced := o.Price != nil
	placed := false
	contact := len(o.Contacts) > 0
	for _, d := range o.Dates {
		if d.Price != nil {
			priced = true
		}
		if d.VenueID != 0 {
			placed = true
		}
		if d.Contact != nil {
			contact = true
		}
	}
	for _, m := range o.DeliveryModes {
		if m == "e_learning" || m == "virtual_classroom" || m == "distance" || m == "self_study" {
			placed = true
		}
	}
	checks := []bool{
		o.ShortDescription != "" || o.Description != "",
		o.Contents != "",
		o.TargetGroup != "",
		o.Prerequisites != "",
		o.LearningOutcomes != "",
		o.DegreeType != "",
		o.TeachingHours > 0,
		priced,
		contact,
		len(o.Topics) > 0,
		len(o.DeliveryModes) > 0,
		len(o.Languages) > 0,
		len(o.Dates) > 0,
		placed,
		o.InfoURL != "" || o.RegistrationURL != "",
	}
	n := 0
	for _, ok := range checks {
		if ok {
			n++
		}
	}
	return int(math.Round(100 * float64(n) / float64(len(checks))))
}
