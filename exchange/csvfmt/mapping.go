package csvfmt

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// cell is a value of an offer's rows with where it stands.
type cell struct {
	v    string
	line int
	col  int
}

func (c cell) path() string { return columnPaths[c.col] }

// columnPaths are the paths of problems in each column: "Spalte titel".
var columnPaths = func() []string {
	out := make([]string, len(Columns))
	for i, c := range Columns {
		out[i] = "Spalte " + c.Name
	}
	return out
}()

// mapper turns cells into catalogue fields, recording where each field
// came from and what cannot be read.
type mapper struct {
	rec *record.Record
}

func (m *mapper) problem(c cell, format string, args ...any) {
	m.rec.Problemf(c.path(), c.line, format, args...)
}

// at records that field came from c.
func (m *mapper) at(field string, c cell) { m.rec.At(field, c.path(), c.line) }

func (m *mapper) term(field, vocab string, c cell) string {
	m.at(field, c)
	if c.v == "" {
		return ""
	}
	code, ok := term(vocab, c.v)
	if !ok {
		m.problem(c, "„%s“ ist kein erlaubter Wert. Erlaubt sind: %s.", quote(c.v), labels(vocab))
	}
	return code
}

func (m *mapper) list(field, vocab string, c cell) []string {
	m.at(field, c)
	if c.v == "" {
		return nil
	}
	codes, bad := parseList(vocab, c.v)
	if len(bad) > 0 {
		m.problem(c, "„%s“ ist kein erlaubter Wert. Erlaubt sind: %s (mehrere getrennt durch Semikolon).", quote(strings.Join(bad, "; ")), labels(vocab))
	}
	return codes
}

func (m *mapper) bool(field string, c cell) bool {
	m.at(field, c)
	b, err := parseBool(c.v)
	if err != nil {
		m.problem(c, "„%s“ ist weder ja noch nein.", quote(c.v))
	}
	return b
}

func (m *mapper) count(field string, c cell) int {
	m.at(field, c)
	if c.v == "" {
		return 0
	}
	n, err := parseCount(c.v)
	if err != nil {
		m.problem(c, "„%s“ ist keine Anzahl; erwartet wird eine ganze Zahl wie 12.", quote(c.v))
	}
	return n
}

func (m *mapper) price(field string, c, note cell) *catalogue.Price {
	m.at(field, c)
	m.at(field+".amount_cents", c)
	m.at(field+".currency", c)
	m.at(field+".unit", c)
	m.at(field+".note", note)
	if c.v == "" {
		if note.v != "" {
			m.problem(note, "Ein Preishinweis braucht einen Preis in der Spalte %s. Steht der Preis noch nicht fest, gehört der Hinweis in die Beschreibung.", Columns[c.col].Name)
		}
		return nil
	}
	p, err := parsePrice(c.v)
	if err != nil {
		m.problem(c, "„%s“ ist kein Preis: %s. Erwartet wird z. B. 89,00 €, 1.234,50 €, „kostenlos“ oder „2,29 € pro Unterrichtseinheit“.", quote(c.v), err)
		return nil
	}
	p.Note = note.v
	return p
}

func (m *mapper) extensions(field string, c cell) map[string]string {
	m.at(field, c)
	if c.v == "" {
		return nil
	}
	var x map[string]string
	if err := json.Unmarshal([]byte(c.v), &x); err != nil {
		m.problem(c, "Die Zusatzangaben sind kein JSON-Objekt aus Texten ({\"name\":\"wert\"}): %v.", err)
		return nil
	}
	if len(x) == 0 {
		return nil
	}
	return x
}

// mapProvider maps the provider's columns of a row to a provider.
func (r *Reader) mapProvider(rw *row) *record.Record {
	pid := rw.cells[colProviderID]
	rec := &record.Record{Kind: record.KindProvider, Line: rw.line, Path: fmt.Sprintf("Zeile %d", rw.line), SourceID: pid}
	m := &mapper{rec: rec}
	get := func(c int) cell { return rowCell(rw, c) }
	p := &catalogue.Provider{
		Name:        get(colProviderName).v,
		Description: get(colProviderDescription).v,
		Phone:       get(colProviderPhone).v,
		Email:       get(colProviderEmail).v,
		Website:     normalizeURL(get(colProviderWebsite).v),
		Address: catalogue.Address{
			Street:     get(colProviderStreet).v,
			PostalCode: get(colProviderPostalCode).v,
			City:       get(colProviderCity).v,
		},
	}
	for field, c := range map[string]int{"name": colProviderName, "description": colProviderDescription, "phone": colProviderPhone,
		"email": colProviderEmail, "website": colProviderWebsite, "address": colProviderStreet, "address.street": colProviderStreet,
		"address.postal_code": colProviderPostalCode, "address.city": colProviderCity, "address.country": colProviderPostalCode} {
		m.at(field, get(c))
	}
	if pid == "" {
		m.problem(get(colProviderID), "Die Kennung des Anbieters (anbieter_id) fehlt.")
	}
	if p.Name == "" {
		m.problem(get(colProviderName), "Der Name des Anbieters (anbieter_name) fehlt.")
	}
	p.Kind = m.term("kind", "provider_kind", get(colProviderKind))
	if get(colProviderKind).v == "" {
		p.Kind = "other"
	}
	p.Geo = r.place(&p.Address)
	p.Extensions = m.extensions("extensions", get(colProviderExtensions))
	p.Provenance.SourceID = pid
	rec.Provider = p
	return rec
}

// rowCell returns column c of a row.
func rowCell(rw *row, c int) cell {
	line := rw.lines[c]
	if line == 0 {
		line = rw.line
	}
	return cell{v: rw.cells[c], line: line, col: c}
}

// place gives a German address its position and state (record.Locate),
// after giving a four-digit postal code back the leading zero a
// spreadsheet took for a number ("6108" → "06108"): German codes have five.
func (r *Reader) place(a *catalogue.Address) *catalogue.Geo {
	zip := strings.ReplaceAll(strings.TrimPrefix(strings.TrimPrefix(a.PostalCode, "DE-"), "D-"), " ", "")
	if len(zip) == 4 && strings.Trim(zip, "0123456789") == "" {
		a.PostalCode = "0" + zip
	}
	return record.Locate(r.gaz, a)
}

// mapOffer maps the rows of one offer: the offer's columns (the same in
// every row, or empty after the first) and a date with its venue from each
// row that has one.
func (r *Reader) mapOffer(rows []*row) *record.Record {
	first, last := rows[0], rows[len(rows)-1]
	rec := &record.Record{Kind: record.KindOffer, Op: record.OpInsert, Line: first.line,
		SourceID: first.cells[colOfferID], ProviderSourceID: first.cells[colProviderID]}
	rec.Path = fmt.Sprintf("Zeile %d", first.line)
	if last.line > first.line {
		rec.Path = fmt.Sprintf("Zeilen %d–%d", first.line, last.line)
	}
	misaligned := false
	for _, rw := range rows {
		rec.Problems = append(rec.Problems, rw.problems...)
		misaligned = misaligned || rw.misaligned
	}
	rowProblems := len(rec.Problems)
	m := &mapper{rec: rec}

	// The offer's cells: the first filled one of each column; any other
	// that differs from it is a problem.
	var cells [numColumns]cell
	for c := colOfferID; c <= colExtensions; c++ {
		cells[c] = rowCell(first, c)
		for _, rw := range rows {
			v := rw.cells[c]
			switch {
			case v == "" || v == cells[c].v:
			case cells[c].v == "":
				cells[c] = rowCell(rw, c)
			default:
				m.problem(rowCell(rw, c), "„%s“ weicht von Zeile %d ab („%s“). Die Angaben zum Angebot müssen in allen seinen Zeilen gleich sein oder leer bleiben.", quote(v), cells[c].line, quote(cells[c].v))
			}
		}
	}
	text := func(field string, c int) string {
		m.at(field, cells[c])
		return cells[c].v
	}
	m.at("provider_id", rowCell(first, colProviderID))
	if rec.SourceID == "" {
		m.problem(cells[colOfferID], "Die Kennung des Angebots (angebot_id) fehlt.")
	}
	o := &catalogue.Offer{
		Status:           catalogue.StatusPublished,
		Title:            text("title", colTitle),
		Subtitle:         text("subtitle", colSubtitle),
		ShortDescription: text("short_description", colShortDescription),
		Description:      text("description", colDescription),
		Contents:         text("contents", colContents),
		TargetGroup:      text("target_group", colTargetGroup),
		Prerequisites:    text("prerequisites", colPrerequisites),
		LearningOutcomes: text("learning_outcomes", colLearningOutcomes),
		Degree:           text("degree", colDegree),
		FundingNote:      text("funding_note", colFundingNote),
		Accessibility:    text("accessibility", colAccessibility),
		InfoURL:          normalizeURL(text("info_url", colInfoURL)),
		RegistrationURL:  normalizeURL(text("registration_url", colRegistrationURL)),
	}
	if o.Title == "" {
		m.problem(cells[colTitle], "Der Titel des Angebots (titel) fehlt.")
	}
	o.Type = m.term("type", "offer_type", cells[colType])
	o.Topics = m.list("topics", "topic", cells[colTopics])
	o.DeliveryModes = m.list("delivery_modes", "delivery_mode", cells[colDeliveryModes])
	o.Languages = m.list("languages", "language", cells[colLanguages])
	o.DegreeType = m.term("degree_type", "degree_type", cells[colDegreeType])
	o.Exam = m.bool("exam", cells[colExam])
	if c := cells[colTeachingHours]; c.v != "" {
		m.at("teaching_hours", c)
		h, err := parseNumber(c.v)
		if err != nil {
			m.problem(c, "„%s“ ist keine Zahl von Unterrichtsstunden (z. B. 30 oder 7,5).", quote(c.v))
		}
		o.TeachingHours = h
	}
	if c := cells[colDQRLevel]; c.v != "" {
		m.at("dqr_level", c)
		n, err := strconv.Atoi(c.v)
		if err != nil || n < 1 || n > 8 {
			m.problem(c, "„%s“ ist kein DQR-Niveau; erwartet wird eine Zahl von 1 bis 8.", quote(c.v))
		}
		o.DQRLevel = n
	}
	o.Price = m.price("price", cells[colPrice], cells[colPriceNote])
	o.Funding = m.list("funding", "funding", cells[colFunding])
	o.WomenSpecific = m.bool("women_specific", cells[colWomenSpecific])
	o.Childcare = m.bool("childcare", cells[colChildcare])
	o.Internship = m.bool("internship", cells[colInternship])
	ct := catalogue.Contact{
		Salutation: cells[colContactSalutation].v, Title: cells[colContactTitle].v,
		GivenName: cells[colContactGivenName].v, FamilyName: cells[colContactFamilyName].v,
		Role: cells[colContactRole].v, Phone: cells[colContactPhone].v, Email: cells[colContactEmail].v,
	}
	if ct != (catalogue.Contact{}) {
		o.Contacts = []catalogue.Contact{ct}
		m.at("contacts[0]", cells[colContactFamilyName])
		m.at("contacts[0].family_name", cells[colContactFamilyName])
		m.at("contacts[0].email", cells[colContactEmail])
	}
	if c := cells[colSkills]; c.v != "" {
		m.at("skills", c)
		skills, err := parseSkills(c.v)
		if err != nil {
			m.problem(c, "%s.", err)
		}
		o.Skills = skills
	}
	o.Extensions = m.extensions("extensions", cells[colExtensions])

	m.at("dates", rowCell(first, colStart))
	for _, rw := range rows {
		if !rw.hasDateData() {
			continue
		}
		d, v := r.mapDate(m, rw, fmt.Sprintf("dates[%d]", len(o.Dates)))
		o.Dates = append(o.Dates, d)
		rec.Venues = append(rec.Venues, v)
	}
	o.Provenance.SourceID = rec.SourceID
	rec.Offer = o
	if misaligned {
		// The cells of a row with too few or too many fields are shifted:
		// what they would say wrong is noise beside the real problem.
		rec.Problems = rec.Problems[:rowProblems]
	}
	return rec
}

// mapDate maps the date and venue columns of a row.
func (r *Reader) mapDate(m *mapper, rw *row, field string) (catalogue.Date, *catalogue.Venue) {
	get := func(c int) cell { return rowCell(rw, c) }
	d := catalogue.Date{
		SourceID:        get(colDateID).v,
		TimeDescription: get(colTimeDescription).v,
		MeasureNumber:   get(colMeasureNumber).v,
		Note:            get(colDateNote).v,
	}
	m.at(field, get(colStart))
	m.at(field+".time_description", get(colTimeDescription))
	m.at(field+".note", get(colDateNote))
	start := get(colStart)
	m.at(field+".start", start)
	m.at(field+".start_kind", start)
	if start.v == "" {
		m.problem(start, "Der Beginn des Termins fehlt. Bitte ein Datum wie 14.09.2026 eintragen oder „jederzeit“, „laufend“ bzw. „nach Vereinbarung“.")
	} else {
		kind, t, err := parseStart(start.v)
		if err != nil {
			m.problem(start, "„%s“ ist kein Beginn; erwartet wird ein Datum wie 14.09.2026 (auf Wunsch mit Uhrzeit: 14.09.2026 18:00) oder „jederzeit“, „laufend“, „nach Vereinbarung“.", quote(start.v))
		}
		d.StartKind, d.Start = kind, t
	}
	if c := get(colEnd); c.v != "" {
		m.at(field+".end", c)
		t, err := parseDay(c.v)
		if err != nil {
			m.problem(c, "„%s“ ist kein Datum; erwartet wird TT.MM.JJJJ wie 30.11.2026, auf Wunsch mit Uhrzeit.", quote(c.v))
		} else {
			d.End = &t
		}
	}
	if c := get(colDeadline); c.v != "" {
		m.at(field+".registration_deadline", c)
		t, err := parseDay(c.v)
		if err != nil {
			m.problem(c, "„%s“ ist kein Datum; erwartet wird TT.MM.JJJJ wie 07.09.2026.", quote(c.v))
		} else {
			d.RegistrationDeadline = &t
		}
	}
	d.TimePatterns = m.list(field+".time_patterns", "time_pattern", get(colTimePatterns))
	if c := get(colDuration); c.v != "" {
		m.at(field+".duration", c)
		m.at(field+".duration_unit", c)
		n, unit, err := parseDuration(c.v)
		if err != nil {
			m.problem(c, "„%s“ ist keine Dauer (%s); erwartet wird Zahl und Einheit wie „12 Wochen“, „40 UE“ oder „3 Tage“.", quote(c.v), err)
		}
		d.Duration, d.DurationUnit = n, unit
	}
	d.SeatsMin = m.count(field+".seats_min", get(colSeatsMin))
	d.SeatsMax = m.count(field+".seats_max", get(colSeatsMax))
	d.Price = m.price(field+".price", get(colDatePrice), get(colDatePriceNote))
	return d, r.mapVenue(m, rw, field+".venue")
}

// mapVenue maps the venue columns of a row; nil when they are empty.
func (r *Reader) mapVenue(m *mapper, rw *row, field string) *catalogue.Venue {
	get := func(c int) cell { return rowCell(rw, c) }
	empty := true
	for c := colVenueID; c < numColumns; c++ {
		if rw.cells[c] != "" {
			empty = false
		}
	}
	if empty {
		return nil
	}
	for f, c := range map[string]int{"": colVenueName, ".name": colVenueName, ".kind": colVenueKind, ".address": colStreet,
		".address.street": colStreet, ".address.postal_code": colPostalCode, ".address.city": colCity,
		".address.district": colDistrict, ".address.country": colPostalCode, ".accessibility": colVenueAccessibility} {
		m.at(field+f, get(c))
	}
	v := &catalogue.Venue{
		Name: get(colVenueName).v, Kind: "classroom",
		Address: catalogue.Address{Street: get(colStreet).v, PostalCode: get(colPostalCode).v, City: get(colCity).v, District: get(colDistrict).v},
	}
	if get(colVenueKind).v != "" {
		v.Kind = m.term(field+".kind", "venue_kind", get(colVenueKind))
	}
	if v.Name == "" {
		v.Name = strings.Trim(v.Address.Street+", "+v.Address.City, ", ")
	}
	if v.Name == "" {
		v.Name = v.Address.PostalCode
	}
	if v.Name == "" {
		m.problem(get(colVenueName), "Der Veranstaltungsort braucht einen Namen (ort_name) oder eine Adresse.")
	}
	switch a := get(colVenueAccessibility); strings.ToLower(a.v) {
	case "":
	case "ja", "x":
		v.Accessibility = []string{"step_free"}
	case "nein", "-":
	default:
		v.Accessibility = m.list(field+".accessibility", "accessibility", a)
	}
	v.Geo = r.place(&v.Address)
	v.Provenance.SourceID = get(colVenueID).v
	if v.Provenance.SourceID == "" {
		v.Provenance.SourceID = record.VenueKey(v.Name, v.Address)
	}
	return v
}

// normalizeURL adds the scheme that web addresses often lack
// ("www.vhs.de" → "https://www.vhs.de"); anything else is left for
// validation to judge.
func normalizeURL(s string) string {
	if s == "" || strings.Contains(s, "://") || strings.ContainsAny(s, " @") || !strings.Contains(s, ".") {
		return s
	}
	return "https://" + s
}
