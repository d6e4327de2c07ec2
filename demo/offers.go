package demo

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/geo"
)

// offerTemplate is a curated offer that the providers in by each run. In its
// texts, {anbieter} becomes the provider's name and {ort} its town.
type offerTemplate struct {
	title    string
	alt      []string // other spellings of the title, used in turn by the providers
	subtitle string
	short    string // short description, one or two sentences
	desc     string // description, two to four sentences
	contents string
	target   string
	prereq   string
	outcomes string

	typ        string   // vocabulary "offer_type"; default further_training
	modes      []string // vocabulary "delivery_mode"; default classroom
	langs      []string // ISO 639-1; default de
	degree     string
	degreeType string // vocabulary "degree_type"
	exam       bool
	hours      float64 // teaching hours (Unterrichtseinheiten)
	price      int     // euros; 0 is free, -1 is on request (no price)
	priceUnit  string  // vocabulary "price_unit"; default total
	priceNote  string
	fixedPrice bool     // the price is set by law or a funder and does not vary
	funding    []string // vocabulary "funding"
	fundNote   string
	topics     []string // vocabulary "topic"
	skills     []string // ESCO labels, see escoSkills
	dqr        int
	women      bool
	childcare  bool
	internship bool
	access     string

	when     when
	dates    int     // most dates per provider; 0 means 3
	online   float64 // share of providers who run it in the virtual classroom instead
	venue    string  // venue key, instead of the provider's own rooms
	dateNote string
	seatsMax int // 0: a default by kind of offer

	by []string // provider keys
}

// offerGroups are the template lists, one per topic group.
var offerGroups = []func() []offerTemplate{
	languageOffers, germanOffers,
	itOffers, digitalOffers,
	careOffers, healthOffers, socialOffers,
	craftOffers, logisticsOffers, gastronomyOffers,
	businessOffers, managementOffers,
	basicOffers, schoolOffers, jobOffers,
	cultureOffers, societyOffers,
}

func (g *generator) addOffers() {
	for _, group := range offerGroups {
		for _, t := range group() {
			for j, key := range t.by {
				g.addOffer(&t, j, key)
			}
		}
	}
}

func (g *generator) addOffer(t *offerTemplate, j int, key string) {
	pi, ok := g.providerIndex[key]
	if !ok {
		panic(fmt.Sprintf("demo: offer %q names unknown provider %q", t.title, key))
	}
	spec := g.providerSpecs[pi]
	n := len(g.cat.Offers) + 1
	rep := strings.NewReplacer("{anbieter}", spec.name, "{ort}", spec.city)
	title := t.title
	if len(t.alt) > 0 && j%(len(t.alt)+1) > 0 {
		title = t.alt[j%(len(t.alt)+1)-1]
	}
	o := &catalogue.Offer{
		Title:            rep.Replace(title),
		Subtitle:         rep.Replace(t.subtitle),
		ShortDescription: rep.Replace(t.short),
		Description:      rep.Replace(t.desc),
		Contents:         rep.Replace(t.contents),
		TargetGroup:      rep.Replace(t.target),
		Prerequisites:    rep.Replace(t.prereq),
		LearningOutcomes: rep.Replace(t.outcomes),
		Type:             or(t.typ, "further_training"),
		DeliveryModes:    slices.Clone(t.modes),
		Languages:        slices.Clone(t.langs),
		Degree:           t.degree,
		DegreeType:       t.degreeType,
		Exam:             t.exam,
		TeachingHours:    t.hours,
		Funding:          slices.Clone(t.funding),
		FundingNote:      t.fundNote,
		Topics:           slices.Clone(t.topics),
		DQRLevel:         t.dqr,
		WomenSpecific:    t.women,
		Childcare:        t.childcare,
		Internship:       t.internship,
		Accessibility:    t.access,
		Status:           catalogue.StatusPublished,
		Provenance:       g.provenance(fmt.Sprintf("offer-%04d", n)),
	}
	if len(o.DeliveryModes) == 0 {
		o.DeliveryModes = []string{"classroom"}
	}
	if t.online > 0 && g.chance(t.online) {
		o.DeliveryModes = []string{"virtual_classroom"}
		if o.Subtitle == "" {
			o.Subtitle = "Online im virtuellen Klassenzimmer"
		}
	}
	if len(o.Languages) == 0 {
		o.Languages = []string{"de"}
	}
	for _, label := range t.skills {
		uri, ok := escoSkills[label]
		if !ok {
			panic("demo: unknown ESCO skill " + label)
		}
		o.Skills = append(o.Skills, catalogue.Skill{URI: "http://data.europa.eu/esco/skill/" + uri, Label: label})
	}
	o.Price = g.price(t)
	if len(spec.people) > 0 {
		ps := spec.people[g.rng.IntN(len(spec.people))]
		o.Contacts = []catalogue.Contact{{Salutation: ps.sal, Title: ps.title, GivenName: ps.given, FamilyName: ps.family,
			Role: ps.role, Phone: spec.phone + "-" + ps.ext, Email: spec.email(ps.mail)}}
	}
	o.InfoURL = fmt.Sprintf("%s/angebote/%d-%s", spec.website(), 1000+n, slug(o.Title))
	if spec.kind == "adult_education_centre" {
		number := fmt.Sprintf("%02d%c%d%03d", g.now.Year()%100, 'A'+rune(g.now.Month()/7), topicDigit(o.Topics), n%1000)
		o.Extensions = map[string]string{"kursnummer": number}
		o.RegistrationURL = spec.website() + "/anmeldung?kurs=" + number
	}
	measure := slices.Contains(o.Funding, "bildungsgutschein") || slices.Contains(o.Funding, "avgs")
	dates, venues := g.dates(t, t.hours, g.venuesFor(t, key, o.DeliveryModes), measure)
	o.Dates = dates
	if g.chance(0.04) && o.Price != nil && o.Price.AmountCents >= 10000 && dates[0].Start != nil {
		early := *o.Price
		early.AmountCents = early.AmountCents * 9 / 10
		early.Note = "Frühbucherpreis bei Anmeldung bis vier Wochen vor Beginn"
		o.Dates[0].Price = &early
	}
	g.cat.Offers = append(g.cat.Offers, o)
	g.cat.OfferProvider = append(g.cat.OfferProvider, pi)
	g.cat.DateVenue = append(g.cat.DateVenue, venues)
}

// price varies the template's price a little between providers.
func (g *generator) price(t *offerTemplate) *catalogue.Price {
	switch {
	case t.price < 0:
		return nil
	case t.price == 0:
		return &catalogue.Price{AmountCents: 0, Currency: "EUR", Unit: or(t.priceUnit, "total"), Note: or(t.priceNote, "kostenfrei")}
	}
	factor := 0.9 + 0.25*g.rng.Float64()
	if t.fixedPrice {
		factor = 1
	}
	euros := float64(t.price) * factor
	step := 1.0
	switch {
	case euros >= 1000:
		step = 50
	case euros >= 100:
		step = 5
	}
	euros = math.Max(step, math.Round(euros/step)*step)
	return &catalogue.Price{AmountCents: int64(euros) * 100, Currency: "EUR", Unit: or(t.priceUnit, "total"), Note: t.priceNote}
}

// venuesFor returns the venues an offer's dates use in turn: the template's
// own venue, the provider's rooms for offers on site, its online venue for
// online offers, or none.
func (g *generator) venuesFor(t *offerTemplate, provider string, modes []string) []int {
	if t.venue != "" {
		v, ok := g.venueIndex[t.venue]
		if !ok {
			panic("demo: unknown venue " + t.venue)
		}
		return []int{v}
	}
	for _, m := range modes {
		if m == "classroom" || m == "blended" || m == "individual_coaching" {
			own := slices.Clone(g.ownVenues[provider])
			if len(own) > 1 && g.chance(0.3) { // sometimes a branch comes first
				k := 1 + g.rng.IntN(len(own)-1)
				own[0], own[k] = own[k], own[0]
			}
			return own
		}
	}
	if v, ok := g.onlineVenue[provider]; ok {
		return []int{v}
	}
	return nil
}

// seats returns the minimum and maximum number of participants of a date.
func (t *offerTemplate) seats() (int, int) {
	switch {
	case slices.Contains(t.modes, "individual_coaching"):
		return 1, 1
	case t.when.start == catalogue.StartPermanent,
		slices.Contains(t.modes, "e_learning"), slices.Contains(t.modes, "distance"), slices.Contains(t.modes, "self_study"):
		return 0, 0
	case t.seatsMax > 0:
		return min(6, t.seatsMax), t.seatsMax
	case t.typ == "retraining" || t.typ == "school_degree":
		return 8, 20
	default:
		return 6, 14
	}
}

// topicDigit is the programme area of a VHS course number.
func topicDigit(topics []string) int {
	if len(topics) == 0 {
		return 0
	}
	switch topics[0] {
	case "society":
		return 1
	case "culture":
		return 2
	case "health":
		return 3
	case "languages", "german_second_language", "integration":
		return 4
	case "it", "digital_skills", "business", "management", "job_application":
		return 5
	default:
		return 6
	}
}

// slug makes the last part of an info URL from a title.
func slug(s string) string {
	f := strings.ReplaceAll(geo.Fold(s), " ", "-")
	if len(f) > 60 {
		f = strings.TrimRight(f[:60], "-")
	}
	return f
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// escoSkills maps ESCO skill labels (German) to their concept ids.
// ESCO © European Union, CC BY 4.0.
var escoSkills = map[string]string{
	"Tabellenkalkulationsprogramme verwenden":         "1973c966-f236-40c9-b2d4-5d71a89019be",
	"Gabelstapler bedienen":                           "28cb374e-6261-4133-8371-f9a5470145da",
	"Erste Hilfe leisten":                             "1d21f6ad-340f-45da-a0a3-4e83867f47a6",
	"Python (Computerprogrammierung)":                 "ccd0a1d9-afda-43d9-b901-96344886e14d",
	"Französisch sprechen":                            "bfb5f0b8-0ea0-4e44-a48d-7d876f966758",
	"Englisch sprechen":                               "0ee9e985-0ee5-4a73-8a12-78b53b261bb2",
	"Deutsch sprechen":                                "2abb9db5-350c-444c-8292-0e0b2ce00f9a",
	"agiles Projektmanagement":                        "0a9acb6b-1139-4be9-b431-3a80a959f2f4",
	"Prinzipien des Projektmanagements":               "237db40b-4600-47c0-837f-4a2c4f3014ab",
	"sich um ältere Menschen kümmern":                 "261e740b-d32d-4356-94a8-3ea29128b70b",
	"Privatsphäre und Identität im Internet schützen": "a4b2a278-2123-4450-8b43-be01c4f341da",
	"digitale Identität verwalten":                    "bc0b0b5d-f6be-405a-b224-b6902a4dbe97",
	"Lohnabrechnungsberichte verwalten":               "3ee090a1-9d1c-44ed-bd93-f6b7c9b68a97",
	"Bewerbungsverfahren durchlaufen":                 "4fb87cb4-6442-4b5d-8bd0-eb1aa743a9ee",
	"Buchführungssysteme nutzen":                      "a0d79341-8398-4019-ad1b-27888ec35aaa",
	"Schweißverfahren":                                "0bb4b474-da3a-45ce-9de3-0c964d84e73f",
	"CNC-Fräsmaschine pflegen":                        "4cb58ef4-67a9-4bea-a743-2c83ebd60e79",
	"Hygiene im Gesundheitsbereich":                   "0450eaee-1a00-4622-8f4e-5356fce816d2",
	"Mitarbeiter führen":                              "339ac029-066a-4985-9f9d-b3d7c8fea0bb",
	"ein Team leiten":                                 "cb668e89-6ef5-4ff3-ab4a-506010e7e70b",
	"Wärmepumpe installieren":                         "00735755-adc6-4ea0-b034-b8caff339c9f",
	"Kochtechniken nutzen":                            "f3934441-4bff-4076-9945-e6c51a01c467",
	"Büroverwaltung":                                  "6a609f8f-1451-4102-ad2d-62c5270e1237",
}
