package csvfmt

import (
	"fmt"
	"strings"
)

// Column describes one column of the CSV template, for the reader, the
// writer and the portal's page that explains the template.
type Column struct {
	Name     string `json:"name"`     // as in the header row, e.g. "anbieter_id"
	Group    string `json:"group"`    // provider, offer, date or venue
	Required bool   `json:"required"` // the column must be there and, in its rows, filled
	// Vocabulary names the controlled vocabulary (catalogue.Vocab) whose
	// codes or labels the column takes, "" for free values.
	Vocabulary string `json:"vocabulary,omitempty"`
	List       bool   `json:"list,omitempty"` // several values, separated by semicolons
	DE         string `json:"de"`             // what to write, in German
	EN         string `json:"en"`             // the same in English
	Example    string `json:"example"`
	// Export marks the technical columns that exports write and providers
	// leave out; they are not in Template.
	Export bool `json:"export,omitempty"`
}

// Column groups, in the order of the template.
const (
	GroupProvider = "provider"
	GroupOffer    = "offer"
	GroupDate     = "date"
	GroupVenue    = "venue"
)

var groupTitles = map[string][2]string{
	GroupProvider: {"Anbieter", "Provider"},
	GroupOffer:    {"Angebot", "Offer"},
	GroupDate:     {"Termin", "Date"},
	GroupVenue:    {"Veranstaltungsort", "Venue"},
}

// GroupTitle names a group of columns for people, in lang ("de", the
// default, or "en").
func GroupTitle(group, lang string) string {
	t, ok := groupTitles[group]
	if !ok {
		return group
	}
	if lang == "en" {
		return t[1]
	}
	return t[0]
}

// The columns, in the order of Columns.
const (
	colProviderID = iota
	colProviderName
	colProviderKind
	colProviderStreet
	colProviderPostalCode
	colProviderCity
	colProviderPhone
	colProviderEmail
	colProviderWebsite
	colProviderDescription
	colProviderExtensions

	colOfferID
	colTitle
	colSubtitle
	colShortDescription
	colDescription
	colContents
	colTargetGroup
	colPrerequisites
	colLearningOutcomes
	colType
	colTopics
	colDeliveryModes
	colLanguages
	colDegree
	colDegreeType
	colExam
	colTeachingHours
	colDQRLevel
	colPrice
	colPriceNote
	colFunding
	colFundingNote
	colWomenSpecific
	colChildcare
	colInternship
	colAccessibility
	colInfoURL
	colRegistrationURL
	colContactSalutation
	colContactTitle
	colContactGivenName
	colContactFamilyName
	colContactRole
	colContactPhone
	colContactEmail
	colSkills
	colExtensions

	colDateID
	colStart
	colEnd
	colTimeDescription
	colTimePatterns
	colDuration
	colSeatsMin
	colSeatsMax
	colDeadline
	colDatePrice
	colDatePriceNote
	colMeasureNumber
	colDateNote

	colVenueID
	colVenueName
	colVenueKind
	colStreet
	colPostalCode
	colCity
	colDistrict
	colVenueAccessibility

	numColumns
)

// Columns lists every column of the template in its order: the provider's
// columns, the offer's, the date's and the venue's.
var Columns = []Column{
	{Name: "anbieter_id", Group: GroupProvider, Required: true, Example: "vhs-musterstadt",
		DE: "Ihre Kennung als Anbieter: ein Kürzel oder eine Nummer, die gleich bleibt. Sie steht in jeder Zeile.",
		EN: "Your id as provider: a short name or number that stays the same. It is in every row."},
	{Name: "anbieter_name", Group: GroupProvider, Required: true, Example: "Volkshochschule Musterstadt",
		DE: "Der Name Ihrer Einrichtung, in jeder Zeile gleich.",
		EN: "The name of your organisation, the same in every row."},
	{Name: "anbieter_art", Group: GroupProvider, Vocabulary: "provider_kind", Example: "Volkshochschule",
		DE: "Die Art Ihrer Einrichtung (z. B. Volkshochschule, Privater Bildungsanbieter, Kammer). Leer: Sonstige Einrichtung.",
		EN: "The kind of your organisation (e.g. adult education centre, private provider, chamber). Empty: other."},
	{Name: "anbieter_strasse", Group: GroupProvider, Example: "Hauptstraße 1",
		DE: "Straße und Hausnummer Ihrer Einrichtung.", EN: "Street and number of your organisation."},
	{Name: "anbieter_plz", Group: GroupProvider, Example: "66111",
		DE: "Postleitzahl Ihrer Einrichtung (fünf Ziffern).", EN: "Postal code of your organisation (five digits)."},
	{Name: "anbieter_ort", Group: GroupProvider, Example: "Saarbrücken",
		DE: "Ort Ihrer Einrichtung.", EN: "Town or city of your organisation."},
	{Name: "anbieter_telefon", Group: GroupProvider, Example: "0681 12345-0",
		DE: "Telefonnummer Ihrer Einrichtung.", EN: "Phone number of your organisation."},
	{Name: "anbieter_email", Group: GroupProvider, Example: "info@vhs-musterstadt.de",
		DE: "E-Mail-Adresse Ihrer Einrichtung.", EN: "E-mail address of your organisation."},
	{Name: "anbieter_webseite", Group: GroupProvider, Example: "https://www.vhs-musterstadt.de",
		DE: "Webseite Ihrer Einrichtung (mit https://).", EN: "Website of your organisation (with https://)."},
	{Name: "anbieter_beschreibung", Group: GroupProvider, Example: "Die Volkshochschule der Stadt …",
		DE: "Kurze Vorstellung Ihrer Einrichtung.", EN: "A short presentation of your organisation."},
	{Name: "anbieter_zusatzangaben", Group: GroupProvider, Export: true, Example: `{"CSS_WDB_TRAEGER":"Kommune"}`,
		DE: "Nur im Export: weitere Angaben zum Anbieter aus anderen Formaten, als JSON. Beim Ausfüllen von Hand weglassen.",
		EN: "Exports only: further provider fields from other formats, as JSON. Leave out when filling in by hand."},

	{Name: "angebot_id", Group: GroupOffer, Required: true, Example: "K-2026-101",
		DE: "Ihre Kennung des Angebots (Kursnummer). Alle Termine eines Angebots tragen dieselbe Kennung und stehen direkt untereinander.",
		EN: "Your id of the offer (course number). All dates of an offer carry the same id and stand in consecutive rows."},
	{Name: "titel", Group: GroupOffer, Required: true, Example: "Englisch A1 für Einsteiger",
		DE: "Der Titel des Angebots (höchstens 250 Zeichen).", EN: "The title of the offer (at most 250 characters)."},
	{Name: "untertitel", Group: GroupOffer, Example: "Abendkurs",
		DE: "Ein Untertitel.", EN: "A subtitle."},
	{Name: "kurzbeschreibung", Group: GroupOffer, Example: "Englisch von Anfang an, in kleiner Gruppe.",
		DE: "Ein, zwei Sätze, die in Suchergebnissen erscheinen.", EN: "One or two sentences shown in search results."},
	{Name: "beschreibung", Group: GroupOffer, Example: "Sie lernen, sich im Alltag zu verständigen …",
		DE: "Die ausführliche Beschreibung. Zeilenumbrüche in der Zelle sind erlaubt.", EN: "The full description. Line breaks within the cell are allowed."},
	{Name: "inhalte", Group: GroupOffer, Example: "Begrüßung, Zahlen, Einkaufen",
		DE: "Die Inhalte, die behandelt werden.", EN: "The contents covered."},
	{Name: "zielgruppe", Group: GroupOffer, Example: "Erwachsene ohne Vorkenntnisse",
		DE: "Für wen das Angebot gedacht ist.", EN: "Whom the offer is for."},
	{Name: "voraussetzungen", Group: GroupOffer, Example: "Keine",
		DE: "Was Teilnehmende mitbringen müssen.", EN: "What participants need to bring."},
	{Name: "lernziele", Group: GroupOffer, Example: "Niveau A1 des Europäischen Referenzrahmens",
		DE: "Was Teilnehmende danach können.", EN: "What participants can do afterwards."},
	{Name: "angebotsart", Group: GroupOffer, Vocabulary: "offer_type", Example: "Allgemeine Weiterbildung",
		DE: "Die Art des Angebots, z. B. Weiterbildung / Fortbildung, Umschulung, Allgemeine Weiterbildung.",
		EN: "The type of offer, e.g. further training, retraining, general education."},
	{Name: "thema", Group: GroupOffer, Vocabulary: "topic", List: true, Example: "Sprachen",
		DE: "Ein oder mehrere Themen, getrennt durch Semikolon, z. B. Sprachen; IT und EDV.",
		EN: "One or more topics, separated by semicolons, e.g. languages; IT."},
	{Name: "lernform", Group: GroupOffer, Vocabulary: "delivery_mode", List: true, Example: "Präsenzveranstaltung",
		DE: "Wie gelernt wird: Präsenzveranstaltung, Virtuelles Klassenzimmer, E-Learning, Blended Learning, Fernunterricht …",
		EN: "How people learn: classroom, virtual classroom, e-learning, blended learning, distance learning …"},
	{Name: "sprache", Group: GroupOffer, Vocabulary: "language", List: true, Example: "Deutsch; Englisch",
		DE: "Unterrichtssprache(n), z. B. Deutsch; mehrere getrennt durch Semikolon.",
		EN: "Language(s) of instruction, e.g. Deutsch (German); several separated by semicolons."},
	{Name: "abschluss", Group: GroupOffer, Example: "Zertifikat Englisch A1",
		DE: "Der Name des Abschlusses oder Zertifikats.", EN: "The name of the degree or certificate."},
	{Name: "abschlussart", Group: GroupOffer, Vocabulary: "degree_type", Example: "Teilnahmebescheinigung",
		DE: "Die Art des Abschlusses, z. B. Teilnahmebescheinigung, Kammerprüfung (IHK/HWK), Sprachzertifikat.",
		EN: "The kind of degree, e.g. attendance certificate, chamber exam, language certificate."},
	{Name: "pruefung", Group: GroupOffer, Example: "nein",
		DE: "Endet das Angebot mit einer Prüfung? ja oder nein (leer: nein).", EN: "Does the offer end with an exam? ja (yes) or nein (no); empty: no."},
	{Name: "unterrichtsstunden", Group: GroupOffer, Example: "30",
		DE: "Umfang in Unterrichtsstunden insgesamt, z. B. 30 oder 7,5.", EN: "Total teaching hours, e.g. 30 or 7,5."},
	{Name: "dqr_niveau", Group: GroupOffer, Example: "",
		DE: "Niveau im Deutschen Qualifikationsrahmen, 1 bis 8; leer, wenn keins.", EN: "Level in the German qualifications framework, 1 to 8; empty when none."},
	{Name: "preis", Group: GroupOffer, Example: "1.234,50 €",
		DE: "Der Preis in Euro mit Dezimalkomma, z. B. 89,00 € oder 1.234,50 €; „kostenlos“ für freie Angebote; eine Preiseinheit darf folgen, z. B. „2,29 € pro Unterrichtseinheit“, „120 € pro Monat“. Leer: kein Preis angegeben.",
		EN: "The price in euros with a decimal comma, e.g. 89,00 € or 1.234,50 €; \"kostenlos\" for free offers; a unit may follow, e.g. \"2,29 € pro Unterrichtseinheit\", \"120 € pro Monat\". Empty: no price given."},
	{Name: "preis_hinweis", Group: GroupOffer, Example: "inkl. Lehrbuch",
		DE: "Hinweis zum Preis (Ermäßigung, Material …); nur zusammen mit einem Preis.", EN: "A note on the price (discounts, material …); only together with a price."},
	{Name: "foerderung", Group: GroupOffer, Vocabulary: "funding", List: true, Example: "Bildungsfreistellung (Bildungsurlaub)",
		DE: "Förderungen, die möglich sind, z. B. Bildungsgutschein (AZAV); Aufstiegs-BAföG.", EN: "Possible funding, e.g. education voucher (AZAV); upgrading BAföG."},
	{Name: "foerderung_hinweis", Group: GroupOffer, Example: "Als Bildungsurlaub im Saarland anerkannt.",
		DE: "Hinweis zur Förderung.", EN: "A note on funding."},
	{Name: "frauenspezifisch", Group: GroupOffer, Example: "nein",
		DE: "Richtet sich das Angebot besonders an Frauen? ja oder nein.", EN: "Is the offer aimed at women in particular? ja or nein."},
	{Name: "kinderbetreuung", Group: GroupOffer, Example: "nein",
		DE: "Gibt es Kinderbetreuung? ja oder nein.", EN: "Is childcare offered? ja or nein."},
	{Name: "praktikum", Group: GroupOffer, Example: "nein",
		DE: "Gehört ein Praktikum dazu? ja oder nein.", EN: "Does it include an internship? ja or nein."},
	{Name: "barrierefreiheit", Group: GroupOffer, Example: "Unterlagen in großer Schrift auf Anfrage",
		DE: "Was das Angebot für Menschen mit Behinderung bietet (freier Text).", EN: "What the offer provides for people with disabilities (free text)."},
	{Name: "info_url", Group: GroupOffer, Example: "https://www.vhs-musterstadt.de/kurse/K-2026-101",
		DE: "Webseite mit mehr Informationen zum Angebot.", EN: "Web page with more about the offer."},
	{Name: "anmeldung_url", Group: GroupOffer, Example: "https://www.vhs-musterstadt.de/anmeldung/K-2026-101",
		DE: "Webseite, auf der man sich anmeldet.", EN: "Web page to register."},
	{Name: "kontakt_anrede", Group: GroupOffer, Example: "Frau",
		DE: "Ansprechperson: Anrede.", EN: "Contact person: salutation."},
	{Name: "kontakt_titel", Group: GroupOffer, Example: "Dr.",
		DE: "Ansprechperson: akademischer Titel.", EN: "Contact person: academic title."},
	{Name: "kontakt_vorname", Group: GroupOffer, Example: "Anna",
		DE: "Ansprechperson: Vorname.", EN: "Contact person: given name."},
	{Name: "kontakt_nachname", Group: GroupOffer, Example: "Beispiel",
		DE: "Ansprechperson: Nachname.", EN: "Contact person: family name."},
	{Name: "kontakt_funktion", Group: GroupOffer, Example: "Fachbereich Sprachen",
		DE: "Ansprechperson: Funktion oder Stelle (auch ohne Namen möglich).", EN: "Contact: role or desk (also without a name)."},
	{Name: "kontakt_telefon", Group: GroupOffer, Example: "0681 12345-12",
		DE: "Ansprechperson: Telefon.", EN: "Contact: phone."},
	{Name: "kontakt_email", Group: GroupOffer, Example: "sprachen@vhs-musterstadt.de",
		DE: "Ansprechperson: E-Mail-Adresse.", EN: "Contact: e-mail address."},
	{Name: "kompetenzen", Group: GroupOffer, List: true, Example: "Englisch sprechen (http://data.europa.eu/esco/skill/…)",
		DE: "ESCO-Kompetenzen, je „Bezeichnung (ESCO-Adresse)“, getrennt durch Semikolon. Meist leer lassen.",
		EN: "ESCO skills, each \"label (ESCO URI)\", separated by semicolons. Usually left empty."},
	{Name: "zusatzangaben", Group: GroupOffer, Export: true, Example: `{"kursnummer":"26A1101"}`,
		DE: "Nur im Export: weitere Angaben zum Angebot aus anderen Formaten, als JSON. Beim Ausfüllen von Hand weglassen.",
		EN: "Exports only: further offer fields from other formats, as JSON. Leave out when filling in by hand."},

	{Name: "termin_id", Group: GroupDate, Example: "1",
		DE: "Ihre Kennung des Termins, wenn Sie eine haben (hilft, Termine bei späteren Lieferungen wiederzuerkennen).",
		EN: "Your id of the date, if you have one (helps to recognise dates in later deliveries)."},
	{Name: "beginn", Group: GroupDate, Required: true, Example: "14.09.2026 18:00",
		DE: "Erster Tag als TT.MM.JJJJ, auf Wunsch mit Uhrzeit (14.09.2026 18:00). Ohne festen Termin: „jederzeit“, „laufend“ (laufender Einstieg, auch „laufend ab 01.10.2026“) oder „nach Vereinbarung“. Leer nur in Zeilen ohne Termin.",
		EN: "First day as DD.MM.YYYY, optionally with time (14.09.2026 18:00). Without a fixed date: \"jederzeit\" (any time), \"laufend\" (rolling entry, also \"laufend ab 01.10.2026\") or \"nach Vereinbarung\" (on request). Empty only in rows without a date."},
	{Name: "ende", Group: GroupDate, Example: "30.11.2026 21:15",
		DE: "Letzter Tag als TT.MM.JJJJ, auf Wunsch mit Uhrzeit.", EN: "Last day as DD.MM.YYYY, optionally with time."},
	{Name: "zeiten", Group: GroupDate, Example: "montags, 18:00–21:15 Uhr",
		DE: "Wann der Termin stattfindet, in Worten.", EN: "When the date takes place, in words."},
	{Name: "zeitmodell", Group: GroupDate, Vocabulary: "time_pattern", List: true, Example: "Teilzeit; Abends",
		DE: "Vollzeit, Teilzeit, Abends, Am Wochenende, Blockunterricht – auch mehrere, getrennt durch Semikolon.",
		EN: "Full time, part time, evening, weekend, block – also several, separated by semicolons."},
	{Name: "dauer", Group: GroupDate, Vocabulary: "duration_unit", Example: "12 Wochen",
		DE: "Dauer mit Einheit: Unterrichtseinheiten (UE), Stunden, Tage, Wochen, Monate, Semester, Jahre – z. B. „40 UE“, „3 Tage“.",
		EN: "Duration with a unit: lessons (UE), hours, days, weeks, months, semesters, years – e.g. \"40 UE\", \"3 Tage\"."},
	{Name: "teilnehmer_min", Group: GroupDate, Example: "6",
		DE: "Mindestzahl der Teilnehmenden.", EN: "Minimum number of participants."},
	{Name: "teilnehmer_max", Group: GroupDate, Example: "14",
		DE: "Höchstzahl der Teilnehmenden.", EN: "Maximum number of participants."},
	{Name: "anmeldeschluss", Group: GroupDate, Example: "07.09.2026",
		DE: "Letzter Tag der Anmeldung, TT.MM.JJJJ.", EN: "Last day to register, DD.MM.YYYY."},
	{Name: "termin_preis", Group: GroupDate, Example: "",
		DE: "Nur wenn dieser Termin anders kostet als das Angebot: sein Preis, geschrieben wie bei „preis“.",
		EN: "Only when this date costs other than the offer: its price, written as for \"preis\"."},
	{Name: "termin_preis_hinweis", Group: GroupDate, Example: "",
		DE: "Hinweis zum Preis dieses Termins (z. B. Frühbucherpreis).", EN: "A note on this date's price (e.g. early booking)."},
	{Name: "massnahmenummer", Group: GroupDate, Example: "",
		DE: "Maßnahmenummer der Agentur für Arbeit, wenn es eine gibt.", EN: "Measure number of the employment agency, if any."},
	{Name: "termin_hinweis", Group: GroupDate, Example: "Bitte Laptop mitbringen.",
		DE: "Ein Hinweis zu diesem Termin.", EN: "A note on this date."},

	{Name: "ort_id", Group: GroupVenue, Example: "",
		DE: "Ihre Kennung des Veranstaltungsorts, wenn Sie eine haben; sonst erkennt lernnetz den Ort an Name und Adresse.",
		EN: "Your id of the venue, if you have one; otherwise lernnetz recognises the venue by its name and address."},
	{Name: "ort_name", Group: GroupVenue, Example: "VHS-Zentrum am Schlossplatz",
		DE: "Name des Veranstaltungsorts. Leer lassen (mit den anderen Ortsspalten) bei Angeboten ohne Ort, z. B. online.",
		EN: "Name of the venue. Leave empty (with the other venue columns) for offers without a place, e.g. online."},
	{Name: "ort_art", Group: GroupVenue, Vocabulary: "venue_kind", Example: "Schulungsort",
		DE: "Art des Orts: Schulungsort, Selbstlernzentrum, Bibliothek, Im Betrieb, Online, Sonstiger Ort. Leer: Schulungsort.",
		EN: "Kind of place: classroom, self-learning centre, library, company, online, other. Empty: classroom."},
	{Name: "strasse", Group: GroupVenue, Example: "Schloßplatz 2",
		DE: "Straße und Hausnummer des Veranstaltungsorts.", EN: "Street and number of the venue."},
	{Name: "plz", Group: GroupVenue, Example: "66119",
		DE: "Postleitzahl des Veranstaltungsorts (fünf Ziffern); daraus ergibt sich die Lage für die Umkreissuche.",
		EN: "Postal code of the venue (five digits); it places the venue for the radius search."},
	{Name: "ort", Group: GroupVenue, Example: "Saarbrücken",
		DE: "Ort des Veranstaltungsorts.", EN: "Town or city of the venue."},
	{Name: "ortsteil", Group: GroupVenue, Example: "Alt-Saarbrücken",
		DE: "Ortsteil des Veranstaltungsorts.", EN: "District of the venue."},
	{Name: "ort_barrierefrei", Group: GroupVenue, Vocabulary: "accessibility", List: true, Example: "Stufenloser Zugang; Aufzug",
		DE: "Was der Ort an Barrierefreiheit bietet: Stufenloser Zugang, Aufzug, Barrierefreies WC, Induktionsschleife, Blindenleitsystem, Behindertenparkplatz; „ja“ heißt stufenloser Zugang.",
		EN: "Accessibility of the place: step-free access, lift, accessible WC, hearing loop, tactile guidance, disabled parking; \"ja\" means step-free access."},
}

var columnIndex = func() map[string]int {
	if len(Columns) != numColumns {
		panic(fmt.Sprintf("csvfmt: %d columns described, %d known", len(Columns), numColumns))
	}
	m := make(map[string]int, len(Columns))
	for i, c := range Columns {
		m[c.Name] = i
	}
	return m
}()

// foldName turns a header cell into a column name: lower case, umlauts
// spelt out, spaces, hyphens and dots as underscores ("Anbieter-ID" →
// "anbieter_id", "Förderung" → "foerderung").
func foldName(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "\uFEFF"))
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'ä':
			b.WriteString("ae")
		case 'ö':
			b.WriteString("oe")
		case 'ü':
			b.WriteString("ue")
		case 'ß':
			b.WriteString("ss")
		case ' ', '-', '.', '/':
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
