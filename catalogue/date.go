package catalogue

import "time"

// Start kinds of a date.
const (
	StartFixed     = "fixed"      // starts and ends on given days
	StartPermanent = "permanent"  // always available (e.g. e-learning)
	StartOnRequest = "on_request" // starts when agreed with the provider
	StartRolling   = "rolling"    // regular entry, e.g. every Monday
)

// Date is one run of an offer that a learner can book (Termin, Durchführung).
type Date struct {
	ID      int64 `json:"id"`
	OfferID int64 `json:"offer_id"`
	// OfferTitle is filled when dates are listed on their own (Store.Dates).
	OfferTitle string     `json:"offer_title,omitempty"`
	StartKind  string     `json:"start_kind"` // fixed, permanent, on_request, rolling
	Start      *time.Time `json:"start,omitempty"`
	End        *time.Time `json:"end,omitempty"`
	// TimePatterns says when the date runs: full_time, part_time, evening, weekend, block.
	TimePatterns         []string   `json:"time_patterns,omitempty"`
	TimeDescription      string     `json:"time_description,omitempty"` // e.g. "Mo und Mi, 18–21 Uhr"
	Duration             float64    `json:"duration,omitempty"`
	DurationUnit         string     `json:"duration_unit,omitempty"` // vocabulary "duration_unit"
	VenueID              int64      `json:"venue_id,omitempty"`
	Venue                *Venue     `json:"venue,omitempty"` // filled on read
	SeatsMin             int        `json:"seats_min,omitempty"`
	SeatsMax             int        `json:"seats_max,omitempty"`
	RegistrationDeadline *time.Time `json:"registration_deadline,omitempty"`
	Price                *Price     `json:"price,omitempty"`          // overrides the offer's price
	MeasureNumber        string     `json:"measure_number,omitempty"` // BA Maßnahmenummer
	Contact              *Contact   `json:"contact,omitempty"`
	SourceID             string     `json:"source_id,omitempty"`
	Note                 string     `json:"note,omitempty"`

	// Derived on save by Prepare.
	DayTime string `json:"day_time,omitempty"` // morning, afternoon, evening, full_day
}

// Ended reports whether the date is over at now. Dates without a fixed start
// (permanent, on request, rolling) never end.
func (d *Date) Ended(now time.Time) bool {
	if d.StartKind != StartFixed {
		return false
	}
	last := d.End
	if last == nil {
		last = d.Start
	}
	if last == nil {
		return false
	}
	// A date ends at the end of its last day in Berlin.
	y, m, day := last.In(Berlin).Date()
	return !now.Before(time.Date(y, m, day+1, 0, 0, 0, 0, Berlin))
}
