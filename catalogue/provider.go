package catalogue

import "time"

// Provider is an organisation of the network that offers education or
// supports learners (Anbieter, Bildungsträger, Netzwerkpartner).
type Provider struct {
	ID           int64         `json:"id"`
	Name         string        `json:"name"`
	Kind         string        `json:"kind"` // vocabulary "provider_kind"
	Description  string        `json:"description,omitempty"`
	Address      Address       `json:"address"`
	Geo          *Geo          `json:"geo,omitempty"`
	Website      string        `json:"website,omitempty"`
	Email        string        `json:"email,omitempty"`
	Phone        string        `json:"phone,omitempty"`
	FoundedYear  int           `json:"founded_year,omitempty"`
	Contacts     []Contact     `json:"contacts,omitempty"`
	Certificates []Certificate `json:"certificates,omitempty"`
	ExternalIDs  []ExternalID  `json:"external_ids,omitempty"`
	Provenance   Provenance    `json:"provenance"`
	// Extensions keeps source fields lernnetz has no own field for
	// (for example WDB_* elements of a PAS 1045 export), so nothing is lost.
	Extensions map[string]string `json:"extensions,omitempty"`
	CreatedAt  time.Time         `json:"created_at"`
	UpdatedAt  time.Time         `json:"updated_at"`
}

// Address is a postal address in Germany or abroad.
type Address struct {
	Street     string `json:"street,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	City       string `json:"city,omitempty"`
	District   string `json:"district,omitempty"` // Ortsteil
	State      string `json:"state,omitempty"`    // federal state code, e.g. SAA
	Country    string `json:"country,omitempty"`  // ISO 3166-1 alpha-2, default DE
}

// Geo is a WGS84 coordinate.
type Geo struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Contact is a person or desk to ask about a provider, offer or date.
type Contact struct {
	Salutation string `json:"salutation,omitempty"`
	Title      string `json:"title,omitempty"`
	GivenName  string `json:"given_name,omitempty"`
	FamilyName string `json:"family_name,omitempty"`
	Role       string `json:"role,omitempty"`
	Phone      string `json:"phone,omitempty"`
	Fax        string `json:"fax,omitempty"`
	Email      string `json:"email,omitempty"`
	Web        string `json:"web,omitempty"`
}

// Certificate is a quality certificate or approval of a provider
// (AZAV, ISO 9001, LQW, EFQM …).
type Certificate struct {
	Code       string `json:"code"` // vocabulary "certificate"
	Note       string `json:"note,omitempty"`
	ValidFrom  string `json:"valid_from,omitempty"`  // YYYY-MM-DD
	ValidUntil string `json:"valid_until,omitempty"` // YYYY-MM-DD
}

// ExternalID is an identifier of the provider in another system, such as the
// Bundesagentur für Arbeit's provider number.
type ExternalID struct {
	Scheme string `json:"scheme"` // e.g. "ba", "kursnet", "deftis"
	Value  string `json:"value"`
}

// Provenance tells where a record came from and when it was last confirmed.
type Provenance struct {
	Source          string     `json:"source,omitempty"`    // e.g. "wdb-brandenburg"; empty when entered in lernnetz
	SourceID        string     `json:"source_id,omitempty"` // the record's id in that source
	ImportedAt      *time.Time `json:"imported_at,omitempty"`
	LastConfirmedAt *time.Time `json:"last_confirmed_at,omitempty"`
}
