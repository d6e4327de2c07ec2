package catalogue

import "time"

// Venue is a place where dates take place; venues of the kinds
// self_learning_centre and library are the network's public learning places
// (Lernorte).
type Venue struct {
	ID            int64          `json:"id"`
	ProviderID    int64          `json:"provider_id,omitempty"` // 0 for a venue of the network itself
	Name          string         `json:"name"`
	Kind          string         `json:"kind"` // vocabulary "venue_kind"
	Description   string         `json:"description,omitempty"`
	Address       Address        `json:"address"`
	Geo           *Geo           `json:"geo,omitempty"`
	OpeningHours  []OpeningHours `json:"opening_hours,omitempty"`
	Equipment     []string       `json:"equipment,omitempty"`     // free text, e.g. "12 PC-Arbeitsplätze"
	Accessibility []string       `json:"accessibility,omitempty"` // vocabulary "accessibility"
	Website       string         `json:"website,omitempty"`
	Email         string         `json:"email,omitempty"`
	Phone         string         `json:"phone,omitempty"`
	Provenance    Provenance     `json:"provenance"`
	CreatedAt     time.Time      `json:"created_at"`
	UpdatedAt     time.Time      `json:"updated_at"`
}

// OpeningHours is one opening interval on a weekday.
type OpeningHours struct {
	Day    string `json:"day"`    // mo, tu, we, th, fr, sa, su
	Opens  string `json:"opens"`  // HH:MM
	Closes string `json:"closes"` // HH:MM
}

// IsLearningPlace reports whether the venue is a public learning place.
func (v *Venue) IsLearningPlace() bool {
	return v.Kind == "self_learning_centre" || v.Kind == "library"
}
