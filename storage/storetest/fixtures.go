package storetest

import (
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

// Now is the fixed time the suite's stores run at.
var Now = time.Date(2026, 11, 27, 10, 0, 0, 0, catalogue.Berlin)

func at(y int, m time.Month, d, h, min int) *time.Time {
	t := time.Date(y, m, d, h, min, 0, 0, catalogue.Berlin)
	return &t
}

// NewProvider returns a valid provider with every field filled.
func NewProvider(name string) *catalogue.Provider {
	imported := time.Date(2026, 11, 1, 8, 30, 0, 0, catalogue.Berlin)
	return &catalogue.Provider{
		Name:        name,
		Kind:        "adult_education_centre",
		Description: "Die Volkshochschule bietet Sprachen, EDV, Gesundheit und Grundbildung für alle Menschen der Region – „Lernen ein Leben lang“.",
		Address:     catalogue.Address{Street: "Altneugasse 13", PostalCode: "66117", City: "Saarbrücken", District: "St. Johann", State: "SAA", Country: "DE"},
		Geo:         &catalogue.Geo{Lat: 49.2323, Lon: 6.9947},
		Website:     "https://vhs.example/",
		Email:       "info@vhs.example",
		Phone:       "0681 506-4300",
		FoundedYear: 1919,
		Contacts: []catalogue.Contact{{Salutation: "Frau", Title: "Dr.", GivenName: "Jana", FamilyName: "Müller-Lüdenscheidt",
			Role: "Fachbereichsleitung Sprachen", Phone: "0681 506-4310", Email: "j.mueller@vhs.example"}},
		Certificates: []catalogue.Certificate{{Code: "azav", Note: "Trägerzulassung", ValidFrom: "2024-01-01", ValidUntil: "2028-12-31"}, {Code: "lqw"}},
		ExternalIDs:  []catalogue.ExternalID{{Scheme: "ba", Value: "123456"}},
		Provenance:   catalogue.Provenance{Source: "test", SourceID: "P-" + name, ImportedAt: &imported},
		Extensions:   map[string]string{"WDB_ORGANISATIONSFORM": "2"},
	}
}

// NewVenue returns a valid learning place of providerID (0: of the network).
func NewVenue(providerID int64, name string) *catalogue.Venue {
	return &catalogue.Venue{
		ProviderID:    providerID,
		Name:          name,
		Kind:          "self_learning_centre",
		Description:   "Zwölf PC-Arbeitsplätze, Lernberatung dienstags.",
		Address:       catalogue.Address{Street: "Gutenbergstraße 12", PostalCode: "66386", City: "St. Ingbert", Country: "DE"},
		Geo:           &catalogue.Geo{Lat: 49.2767, Lon: 7.1163},
		OpeningHours:  []catalogue.OpeningHours{{Day: "mo", Opens: "09:00", Closes: "18:00"}, {Day: "sa", Opens: "10:00", Closes: "13:00"}},
		Equipment:     []string{"12 PC-Arbeitsplätze", "WLAN", "Sprachlernsoftware"},
		Accessibility: []string{"step_free", "accessible_wc"},
		Website:       "https://lernzentrum.example/",
		Phone:         "06894 13-0",
	}
}

// NewOffer returns a valid published offer of providerID with three dates,
// the first two at venueID, every field filled.
func NewOffer(providerID, venueID int64, title string) *catalogue.Offer {
	return &catalogue.Offer{
		ProviderID:       providerID,
		Title:            title,
		Subtitle:         "Niveau B1 nach GER",
		ShortDescription: "Französisch für den Alltag und den Beruf in der Großregion.",
		Description:      "Sie lernen, sich im Beruf auf Französisch zu verständigen: am Telefon, in E-Mails und im Gespräch mit Kundinnen und Kunden aus Lothringen.",
		Contents:         "Telefonieren; E-Mails schreiben; Small Talk; Fachwortschatz Handel",
		TargetGroup:      "Beschäftigte und Arbeitsuchende mit Grundkenntnissen",
		Prerequisites:    "Kenntnisse auf Niveau A2",
		LearningOutcomes: "Sie verständigen sich sicher in typischen Situationen des Berufsalltags (B1).",
		Type:             "further_training",
		DeliveryModes:    []string{"classroom", "blended"},
		Languages:        []string{"fr", "de"},
		Degree:           "telc Français B1",
		DegreeType:       "language_certificate",
		Exam:             true,
		TeachingHours:    60,
		Price:            &catalogue.Price{AmountCents: 23450, Currency: "EUR", Unit: "total", Note: "inkl. Lehrbuch"},
		Funding:          []string{"bildungsfreistellung", "bildungsgutschein"},
		FundingNote:      "Bildungsurlaub nach SBFG anerkannt.",
		Topics:           []string{"languages"},
		Skills:           []catalogue.Skill{{URI: "http://data.europa.eu/esco/skill/6a4c1a4a-3a0b-4a0c-9d8f-111111111111", Label: "Französisch"}},
		DQRLevel:         3,
		WomenSpecific:    false,
		Childcare:        true,
		Internship:       false,
		Accessibility:    "Kursraum im Erdgeschoss, Induktionsschleife auf Anfrage.",
		InfoURL:          "https://vhs.example/kurse/fr-b1",
		RegistrationURL:  "https://vhs.example/anmeldung/fr-b1",
		Contacts:         []catalogue.Contact{{FamilyName: "Schäfer", GivenName: "Ömer", Role: "Kursberatung", Email: "kurse@vhs.example"}},
		Status:           catalogue.StatusPublished,
		Provenance:       catalogue.Provenance{Source: "test", SourceID: "O-" + title},
		Extensions:       map[string]string{"WDB_SYSTEMATIK": "C 1234"},
		Dates: []catalogue.Date{
			{
				StartKind: catalogue.StartFixed, Start: at(2027, 3, 2, 18, 0), End: at(2027, 6, 29, 21, 15),
				TimePatterns: []string{"part_time", "evening"}, TimeDescription: "dienstags, 18:00–21:15 Uhr",
				Duration: 16, DurationUnit: "weeks", VenueID: venueID, SeatsMin: 6, SeatsMax: 14,
				RegistrationDeadline: at(2027, 2, 20, 12, 0), MeasureNumber: "962/1234/2027",
				Contact: &catalogue.Contact{FamilyName: "Weber", Phone: "0681 506-4311"}, SourceID: "S1", Note: "Raum 2.14",
			},
			{
				StartKind: catalogue.StartFixed, Start: at(2027, 9, 6, 8, 30), End: at(2027, 9, 17, 16, 0),
				TimePatterns: []string{"full_time", "block"}, Duration: 10, DurationUnit: "days", VenueID: venueID,
				Price: &catalogue.Price{AmountCents: 39900, Currency: "EUR", Unit: "total"}, SourceID: "S2",
			},
			{StartKind: catalogue.StartOnRequest, TimeDescription: "Termin nach Absprache", SourceID: "S3"},
		},
	}
}
