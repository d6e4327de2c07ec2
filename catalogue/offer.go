package catalogue

import "time"

// Offer statuses. Only published offers are shown to learners.
const (
	StatusDraft     = "draft"
	StatusReview    = "review" // to be published once a coordinator approves (moderation)
	StatusPublished = "published"
	StatusExpired   = "expired"
	StatusWithdrawn = "withdrawn"
)

// PublicStatuses are the statuses of offers that were public: published
// ones, and expired or withdrawn ones, which the public may still learn of
// (a bookmark, a harvester's copy) but not book. Drafts and offers in
// review are never shown to anyone but their provider and the moderators.
var PublicStatuses = []string{StatusPublished, StatusExpired, StatusWithdrawn}

// Offer is what a provider teaches (Angebot, Kurs): its content, target
// group, degree and price, with the dates a learner can book.
type Offer struct {
	ID         int64        `json:"id"`
	ProviderID int64        `json:"provider_id"`
	Provider   *ProviderRef `json:"provider,omitempty"` // filled on read

	Title            string            `json:"title"`
	Subtitle         string            `json:"subtitle,omitempty"`
	ShortDescription string            `json:"short_description,omitempty"`
	Description      string            `json:"description,omitempty"`
	Contents         string            `json:"contents,omitempty"`
	TargetGroup      string            `json:"target_group,omitempty"`
	Prerequisites    string            `json:"prerequisites,omitempty"`
	LearningOutcomes string            `json:"learning_outcomes,omitempty"`
	Type             string            `json:"type,omitempty"`           // vocabulary "offer_type"
	DeliveryModes    []string          `json:"delivery_modes,omitempty"` // vocabulary "delivery_mode"
	Languages        []string          `json:"languages,omitempty"`      // ISO 639-1
	Degree           string            `json:"degree,omitempty"`         // name of the degree or certificate
	DegreeType       string            `json:"degree_type,omitempty"`    // vocabulary "degree_type"
	Exam             bool              `json:"exam"`
	TeachingHours    float64           `json:"teaching_hours,omitempty"`
	Price            *Price            `json:"price,omitempty"`
	Funding          []string          `json:"funding,omitempty"` // vocabulary "funding"
	FundingNote      string            `json:"funding_note,omitempty"`
	Topics           []string          `json:"topics,omitempty"` // vocabulary "topic"
	Skills           []Skill           `json:"skills,omitempty"`
	DQRLevel         int               `json:"dqr_level,omitempty"` // 1–8, 0 when not assigned
	WomenSpecific    bool              `json:"women_specific"`
	Childcare        bool              `json:"childcare"`
	Internship       bool              `json:"internship"`
	Accessibility    string            `json:"accessibility,omitempty"` // free text on accessibility of the offer
	InfoURL          string            `json:"info_url,omitempty"`
	RegistrationURL  string            `json:"registration_url,omitempty"`
	Contacts         []Contact         `json:"contacts,omitempty"`
	Status           string            `json:"status"`
	Provenance       Provenance        `json:"provenance"`
	Extensions       map[string]string `json:"extensions,omitempty"`
	// DuplicateOf is the ID of an older offer of the same provider that
	// this one probably duplicates (near-identical title and description),
	// as an import found it; editors review such pairs. 0: none. The two
	// are kept apart, never merged.
	DuplicateOf int64 `json:"duplicate_of,omitempty"`

	Dates []Date `json:"dates"`

	// Derived on save by Prepare; not set by callers.
	Completeness int `json:"completeness"` // 0–100

	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// ProviderRef names the provider of an offer in lists and pages.
type ProviderRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Price is what an offer or a date costs. Amounts are in cents to stay exact.
type Price struct {
	AmountCents int64  `json:"amount_cents"`
	Currency    string `json:"currency"`       // ISO 4217, default EUR
	Unit        string `json:"unit,omitempty"` // vocabulary "price_unit", default "total"
	Note        string `json:"note,omitempty"`
}

// Skill references an ESCO skill or competence by its URI.
type Skill struct {
	URI   string `json:"uri"`
	Label string `json:"label,omitempty"`
}
