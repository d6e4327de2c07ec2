package openqcat

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/deftis"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// pending is a Bildungsangebot (EDUCATION type="true") read but not yet
// handed out: the Veranstaltungen (type="false") that follow it with its
// PRODUCT_ID as COURSE_ID become its dates.
type pending struct {
	rec      *record.Record
	m        *mapper
	root     *element
	own      []*element // its own MODULE_COURSEs, dates when no Veranstaltung follows
	children int
}

// service handles one SERVICE of NEW_CATALOG or UPDATE_CATALOG/NEW.
func (r *Reader) service(e *element) {
	edu := e.At("SERVICE_DETAILS/SERVICE_MODULE/EDUCATION")
	isOffer := true
	if v, ok := edu.Attr("type"); ok {
		if b, err := deftis.ParseBool(v); err == nil {
			isOffer = b
		}
	}
	if isOffer {
		r.flush()
		r.pending = r.newOffer(e)
		return
	}
	courseID := edu.TextAt("COURSE_ID")
	if p := r.pending; p != nil && courseID != "" && courseID == p.rec.SourceID {
		p.children++
		r.addDates(p.rec, p.m, e, false)
		return
	}
	r.flush()
	rec := &record.Record{Kind: record.KindOffer, Op: r.op, Line: e.Line, Path: e.Path,
		SourceID: e.TextAt("PRODUCT_ID"), Offer: &catalogue.Offer{Title: e.TextAt("SERVICE_DETAILS/TITLE"), Status: catalogue.StatusPublished}}
	at := orElse(edu.Child("COURSE_ID"), e)
	rec.Problemf(at.Path, at.Line, "Die Veranstaltung %s verweist auf das Bildungsangebot „%s“, das nicht unmittelbar vor ihr steht; Veranstaltungen (EDUCATION type=\"false\") müssen direkt auf ihr Bildungsangebot folgen.",
		rec.SourceID, courseID)
	r.queue = append(r.queue, rec)
}

// flush hands out the pending Bildungsangebot.
func (r *Reader) flush() {
	p := r.pending
	if p == nil {
		return
	}
	r.pending = nil
	if p.children == 0 {
		r.addDates(p.rec, p.m, p.root, true)
	}
	p.rec.Offer.Extensions = p.m.extensions(p.root)
	r.queue = append(r.queue, p.rec)
}

// newOffer maps a Bildungsangebot:
//
//	PRODUCT_ID                        → source id (must)
//	SUPPLIER_ID_REF                   → the provider (may be left out when
//	                                    the HEADER has one SUPPLIER)
//	SERVICE_DETAILS/TITLE             → Title (must)
//	  DESCRIPTION_LONG                → Description
//	  CONTACT                         → Contacts
//	  REQUIREMENTS                    → Prerequisites
//	  KEYWORD                         → Topics, where it is a topic's label
//	  TARGET_GROUP/TARGET_GROUP_TEXT  → TargetGroup
//	  SERVICE_MODULE/EDUCATION
//	    DEGREE/DEGREE_TITLE           → Degree
//	    DEGREE@type, DEGREE_DESCRIPTION → DegreeType
//	    DEGREE/DEGREE_EXAM            → Exam
//	    DEGREE/DEGREE_ADD_QUALIFICATION → LearningOutcomes
//	    LANGUAGE                      → Languages (ISO 639-2 → 639-1)
//	    SUBSIDY                       → Funding, FundingNote
//	    EXTENDED_INFO/INSTRUCTION_FORM → DeliveryModes
//	    EXTENDED_INFO/EDUCATION_TYPE  → Type
//	    MODULE_COURSE/MARKETINGTEXT   → Contents
//	SERVICE_PRICE_DETAILS             → Price
//	MIME_INFO/MIME_ELEMENT/MIME_SOURCE → InfoURL, RegistrationURL
//
// Dates come from addDates.
func (r *Reader) newOffer(e *element) *pending {
	rec := &record.Record{Kind: record.KindOffer, Op: r.op, Line: e.Line, Path: e.Path}
	if v, _ := e.Attr("mode"); v == "new" {
		rec.Op = record.OpInsert
	}
	m := r.mapper(rec)
	o := &catalogue.Offer{Status: catalogue.StatusPublished}
	rec.Offer = o
	idEl := m.get(e, "PRODUCT_ID")
	rec.SourceID = e.TextAt("PRODUCT_ID")
	if rec.SourceID == "" {
		m.problem(orElse(idEl, e), "Die Kennung des Bildungsangebots (PRODUCT_ID) fehlt.")
	}
	rec.ProviderSourceID = m.text(e, "SUPPLIER_ID_REF")
	if rec.ProviderSourceID == "" {
		switch len(r.supplierID) {
		case 1:
			rec.ProviderSourceID = r.supplierID[0]
		case 0:
			m.problem(e, "Der Katalog nennt keinen Anbieter (HEADER/SUPPLIER).")
		default:
			m.problem(e, "Der Katalog hat mehrere Anbieter; das Angebot muss seinen mit SUPPLIER_ID_REF nennen.")
		}
	}
	d := m.get(e, "SERVICE_DETAILS")
	title := m.get(d, "TITLE")
	o.Title = textOf(title)
	m.field("title", title)
	if o.Title == "" {
		m.problem(orElse(title, orElse(d, e)), "Der Titel des Bildungsangebots (TITLE) fehlt.")
	}
	o.Description = m.text(d, "DESCRIPTION_LONG")
	m.field("description", d.Child("DESCRIPTION_LONG"))
	for _, c := range m.all(d, "CONTACT") {
		o.Contacts = append(o.Contacts, m.contact(c, fmt.Sprintf("contacts[%d]", len(o.Contacts))))
	}
	o.Prerequisites = m.text(d, "REQUIREMENTS")
	for _, k := range d.All("KEYWORD") {
		if code, ok := byLabel("topic", k.Text); ok {
			o.Topics = append(o.Topics, code)
			m.used[k] = true
		}
	}
	var groups []string
	for _, tg := range d.All("TARGET_GROUP") {
		if s := m.text(tg, "TARGET_GROUP_TEXT"); s != "" {
			groups = append(groups, s)
		}
	}
	o.TargetGroup = strings.Join(groups, "\n")

	edu := d.At("SERVICE_MODULE/EDUCATION")
	m.get(edu, "COURSE_ID")
	if v, ok := edu.Attr("type"); ok {
		if _, err := deftis.ParseBool(v); err != nil {
			m.problem(edu, "EDUCATION type=\"%s\" ist weder true (Bildungsangebot) noch false (Veranstaltung).", v)
		}
	}
	if deg := edu.Child("DEGREE"); deg != nil {
		o.Degree = m.text(deg, "DEGREE_TITLE")
		if code, ok := byLabel("degree_type", m.text(deg, "DEGREE_DESCRIPTION")); ok {
			o.DegreeType = code
		} else if t, ok := deg.Attr("type"); ok {
			n, err := strconv.Atoi(t)
			if err != nil || degreeTypeByClass[n] == "" {
				m.problem(deg, "Die Art des Abschlusses (DEGREE type=\"%s\") ist keine der Klassen 0–3.", t)
			}
			o.DegreeType = degreeTypeByClass[n]
		}
		if ex := m.get(deg, "DEGREE_EXAM"); ex != nil {
			o.Exam = true
			m.get(ex, "EXAMINER")
		}
		var quals []string
		for _, q := range m.all(deg, "DEGREE_ADD_QUALIFICATION") {
			if q.Text != "" {
				quals = append(quals, q.Text)
			}
		}
		o.LearningOutcomes = strings.Join(quals, "\n")
		m.field("degree", deg)
	}
	for _, l := range edu.All("LANGUAGE") {
		if code, ok := languageOf[strings.ToLower(l.Text)]; ok {
			o.Languages = append(o.Languages, code)
			m.used[l] = true
		}
	}
	var notes []string
	for _, s := range edu.All("SUBSIDY") {
		inst := m.get(s, "SUBSIDY_INSTITUTION")
		if inst != nil && inst.Text != "" {
			if code := fundingOf(inst.Text); code != "" {
				o.Funding = appendNew(o.Funding, code)
			} else {
				notes = append(notes, inst.Text)
			}
		}
		if desc := m.text(s, "SUBSIDY_DESCRIPTION"); desc != "" {
			notes = append(notes, desc)
		}
	}
	o.FundingNote = strings.Join(notes, "\n")
	if f := m.get(edu, "EXTENDED_INFO/INSTRUCTION_FORM"); f != nil {
		code, ok := byLabel("delivery_mode", f.Text)
		if !ok {
			code = classOf(m, f, deliveryByForm, "Unterrichtsform (INSTRUCTION_FORM)")
		}
		if code != "" {
			o.DeliveryModes = []string{code}
		}
		m.field("delivery_modes", f)
	}
	if t := m.get(edu, "EXTENDED_INFO/EDUCATION_TYPE"); t != nil {
		code, ok := byLabel("offer_type", t.Text)
		if class, _ := t.Attr("type"); !ok && t.Text == "" && class == "0" {
			ok = true // written for an offer without a type
		}
		if !ok {
			code = classOf(m, t, offerTypeByEducationType, "Bildungsart (EDUCATION_TYPE)")
		}
		o.Type = code
		m.field("type", t)
	}
	m.get(edu, "EXTENDED_INFO/INSTITUTION")
	if mc := edu.Child("MODULE_COURSE"); mc != nil {
		o.Contents = m.text(mc, "MARKETINGTEXT")
	}
	o.Price = m.price(e.Child("SERVICE_PRICE_DETAILS"), "price")
	for _, me := range e.All("MIME_INFO") {
		for _, el := range me.All("MIME_ELEMENT") {
			src := m.text(el, "MIME_SOURCE")
			switch {
			case src == "":
			case strings.EqualFold(m.text(el, "MIME_DESCR"), mimeRegistration) && o.RegistrationURL == "":
				o.RegistrationURL = src
				m.get(el, "MIME_TYPE")
			case o.InfoURL == "":
				o.InfoURL = src
				m.get(el, "MIME_TYPE")
				m.get(el, "MIME_DESCR")
			}
		}
	}
	o.Provenance.SourceID = rec.SourceID
	p := &pending{rec: rec, m: m, root: e}
	return p
}

// mimeRegistration and mimeInfo describe the links lernnetz writes.
const (
	mimeRegistration = "Anmeldung"
	mimeInfo         = "Weitere Informationen"
)

// textOf returns the text of e, "" when e is nil.
func textOf(e *element) string {
	if e == nil {
		return ""
	}
	return e.Text
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// classOf reads the type attribute of e as a class of table; a problem
// when it is no number, "" when the class has no mapping.
func classOf(m *mapper, e *element, table map[int]string, what string) string {
	t, ok := e.Attr("type")
	if !ok {
		m.problem(e, "Die %s hat kein Attribut type.", what)
		return ""
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		m.problem(e, "Die %s hat die Klasse „%s“; erwartet ist eine Zahl der KURSNET-Wertebereiche.", what, t)
		return ""
	}
	return table[n]
}

// fundingOf maps a SUBSIDY_INSTITUTION to a funding code: lernnetz's
// labels and the names of KURSNET's funding types (foerderartenbund.dat).
func fundingOf(s string) string {
	if code, ok := byLabel("funding", s); ok {
		return code
	}
	l := strings.ToLower(s)
	switch {
	case strings.Contains(l, "bildungsgutschein"):
		return "bildungsgutschein"
	case strings.Contains(l, "avgs") || strings.Contains(l, "aktivierungs- und vermittlungsgutschein"):
		return "avgs"
	case strings.Contains(l, "bafög") || strings.Contains(l, "afbg"):
		return "aufstiegs_bafoeg"
	case strings.Contains(l, "bildungsurlaub") || strings.Contains(l, "bildungsfreistellung"):
		return "bildungsfreistellung"
	case strings.Contains(l, "esf"):
		return "eu_programme"
	case strings.Contains(l, "rehabilitation") || strings.Contains(l, "gesundheitlicher beeinträchtigung"):
		return "rehabilitation"
	}
	return ""
}

// price maps SERVICE_PRICE_DETAILS: SERVICE_PRICE/PRICE_AMOUNT (a decimal,
// "1490.00"), PRICE_CURRENCY (EUR when absent) and REMARKS as the note.
// nil when there is no amount or the price is on request
// (SERVICE_PRICE type="on_request").
func (m *mapper) price(e *element, field string) *catalogue.Price {
	amount := m.get(e, "SERVICE_PRICE/PRICE_AMOUNT")
	if amount == nil || amount.Text == "" {
		return nil
	}
	if t, _ := e.Child("SERVICE_PRICE").Attr("type"); t == "on_request" {
		return nil // "Preis auf Anfrage": the amount is a placeholder
	}
	m.field(field, amount)
	cents, err := deftis.ParseCents(amount.Text)
	if err != nil {
		m.problem(amount, "„%s“ ist kein Preis (%s); erwartet ist ein Betrag wie 1490.00.", amount.Text, err)
		return nil
	}
	p := &catalogue.Price{AmountCents: cents, Currency: "EUR", Unit: "total", Note: m.text(e, "REMARKS")}
	if c := m.text(e, "SERVICE_PRICE/PRICE_CURRENCY"); c != "" {
		p.Currency = strings.ToUpper(c)
	}
	return p
}

// addDates adds the dates a SERVICE describes to the offer of rec: one per
// MODULE_COURSE (only those with content when own is set, i.e. for the
// Bildungsangebot itself), or one from SERVICE_DATE when it has none.
//
//	SERVICE_DATE/START_DATE, END_DATE   → Start, End (MODULE_COURSE/
//	                                      DURATION's win when given)
//	SERVICE_DATE/DATE_REMARKS           → Note
//	MODULE_COURSE/FLEXIBLE_START        → StartKind: fixed (a start),
//	                                      rolling (flexible, with a start or
//	                                      at least a SERVICE_DATE), permanent
//	                                      (flexible, no SERVICE_DATE),
//	                                      on_request (neither)
//	MODULE_COURSE/MIN_, MAX_PARTICIPANTS → SeatsMin, SeatsMax
//	MODULE_COURSE/LOCATION              → the date's venue
//	MODULE_COURSE/DURATION/DATE_REMARKS → Duration, DurationUnit ("120
//	                                      Unterrichtseinheiten")
//	MODULE_COURSE/INSTRUCTION_REMARKS   → TimeDescription
//	EDUCATION/REGISTRATION_DATE         → RegistrationDeadline
//	EDUCATION/EXTENDED_INFO/MEASURE_NUMBER → MeasureNumber
//	EDUCATION/EXTENDED_INFO/INSTRUCTION_TIME → TimePatterns
//	CONTACT, SERVICE_PRICE_DETAILS      → Contact, Price (of a Veranstaltung)
//	PRODUCT_ID                          → the date's source id
func (r *Reader) addDates(rec *record.Record, m *mapper, svc *element, own bool) {
	o := rec.Offer
	edu := svc.At("SERVICE_DETAILS/SERVICE_MODULE/EDUCATION")
	mcs := edu.All("MODULE_COURSE")
	if own {
		var keep []*element
		for _, mc := range mcs {
			if len(mc.Children) > 0 && !(len(mc.Children) == 1 && mc.Children[0].Name == "MARKETINGTEXT") {
				keep = append(keep, mc)
			}
		}
		mcs = keep
		if len(mcs) == 0 && svc.TextAt("SERVICE_DETAILS/SERVICE_DATE/START_DATE") == "" {
			return
		}
	}
	if len(mcs) == 0 {
		mcs = []*element{nil}
	}
	id := svc.TextAt("PRODUCT_ID")
	for n, mc := range mcs {
		i := len(o.Dates)
		f := fmt.Sprintf("dates[%d]", i)
		d := catalogue.Date{SourceID: id}
		if own || len(mcs) > 1 {
			d.SourceID = fmt.Sprintf("%s#%d", id, n+1)
		}
		m.field(f, orElse(mc, svc))
		sd := svc.At("SERVICE_DETAILS/SERVICE_DATE")
		startEl, endEl := m.get(sd, "START_DATE"), m.get(sd, "END_DATE")
		if s := mc.At("DURATION/START_DATE"); s != nil {
			startEl = s
			m.used[s] = true
		}
		if s := mc.At("DURATION/END_DATE"); s != nil {
			endEl = s
			m.used[s] = true
		}
		d.Start = m.dateTime(startEl, f+".start")
		d.End = m.dateTime(endEl, f+".end")
		flexible := false
		if fl := m.get(mc, "FLEXIBLE_START"); fl != nil && fl.Text != "" {
			b, err := deftis.ParseBool(fl.Text)
			if err != nil {
				m.problem(fl, "„%s“ ist kein Wahrheitswert (FLEXIBLE_START: true oder false).", fl.Text)
			}
			flexible = b
		}
		switch {
		case d.Start != nil && flexible:
			d.StartKind = catalogue.StartRolling
		case d.Start != nil:
			d.StartKind = catalogue.StartFixed
		case flexible && sd != nil:
			d.StartKind = catalogue.StartRolling // a flexible entry, no day given
		case flexible:
			d.StartKind = catalogue.StartPermanent
		default:
			d.StartKind = catalogue.StartOnRequest
		}
		d.Note = m.text(sd, "DATE_REMARKS")
		d.SeatsMin = m.integer(mc, "MIN_PARTICIPANTS", "Mindestzahl der Teilnehmenden")
		d.SeatsMax = m.integer(mc, "MAX_PARTICIPANTS", "Höchstzahl der Teilnehmenden")
		d.TimeDescription = m.text(mc, "INSTRUCTION_REMARKS")
		if dur := m.get(mc, "DURATION"); dur != nil {
			if n, unit, ok := parseDuration(textOf(dur.Child("DATE_REMARKS"))); ok {
				d.Duration, d.DurationUnit = n, unit
				m.get(dur, "DATE_REMARKS")
			}
		}
		d.RegistrationDeadline = m.dateTime(m.get(edu, "REGISTRATION_DATE"), f+".registration_deadline")
		d.MeasureNumber = m.text(edu, "EXTENDED_INFO/MEASURE_NUMBER")
		r.dateOfferFields(m, o, edu.Child("EXTENDED_INFO"))
		if it := m.get(edu, "EXTENDED_INFO/INSTRUCTION_TIME"); it != nil {
			if code, ok := byLabel("time_pattern", it.Text); ok {
				d.TimePatterns = []string{code}
			} else if code := classOf(m, it, map[int]string{1: "full_time", 2: "part_time"}, "Unterrichtszeit (INSTRUCTION_TIME)"); code != "" {
				d.TimePatterns = []string{code}
			}
		} else if f := edu.At("EXTENDED_INFO/INSTRUCTION_FORM"); f != nil {
			if t, _ := f.Attr("type"); t != "" {
				if n, err := strconv.Atoi(t); err == nil && timeByForm[n] != "" {
					d.TimePatterns = []string{timeByForm[n]}
				}
			}
		}
		if !own {
			if c := svc.At("SERVICE_DETAILS/CONTACT"); c != nil {
				ct := m.contact(c, f+".contact")
				d.Contact = &ct
			}
			d.Price = m.price(svc.Child("SERVICE_PRICE_DETAILS"), f+".price")
			m.get(svc, "SERVICE_DETAILS/TITLE")
			m.get(svc, "SUPPLIER_ID_REF")
			m.get(edu, "COURSE_ID")
			m.get(edu, "EXTENDED_INFO/INSTITUTION")
			m.get(edu, "EXTENDED_INFO/INSTRUCTION_FORM")
			m.get(edu, "EXTENDED_INFO/EDUCATION_TYPE")
			m.get(svc, "PRODUCT_ID")
		}
		var v *catalogue.Venue
		if loc := m.get(mc, "LOCATION"); loc != nil {
			pl := m.place(loc)
			v = pl.Venue()
			m.field(f+".venue", loc)
		}
		o.Dates = append(o.Dates, d)
		rec.Venues = append(rec.Venues, v)
	}
}

// dateTime reads an xsd:dateTime (also without zone, then Berlin time, or
// a bare date); a problem when it is none.
func (m *mapper) dateTime(e *element, field string) *time.Time {
	if e == nil || e.Text == "" {
		return nil
	}
	m.field(field, e)
	s := e.Text
	if len(s) == 16 && s[10] == '+' || len(s) == 16 && s[10] == '-' || len(s) == 11 && s[10] == 'Z' { // xsd:date with a zone
		s = s[:10]
	}
	t, err := deftis.ParseDateTime(s)
	if err != nil {
		m.problem(e, "„%s“ ist kein Zeitpunkt; erwartet ist xsd:dateTime wie 2026-03-02T09:00:00+01:00.", e.Text)
		return nil
	}
	return &t
}

// parseDuration reads "120 Unterrichtseinheiten", "3 Monate" or "1 Monat":
// a number and the German label of a duration unit (or a common
// abbreviation or singular).
func parseDuration(s string) (float64, string, bool) {
	num, unit, ok := strings.Cut(strings.TrimSpace(s), " ")
	if !ok {
		return 0, "", false
	}
	n, err := strconv.ParseFloat(strings.Replace(num, ",", ".", 1), 64)
	if err != nil || n <= 0 {
		return 0, "", false
	}
	unit = strings.TrimSpace(unit)
	if code, ok := byLabel("duration_unit", unit); ok {
		return n, code, true
	}
	code, ok := durationUnits[strings.ToLower(strings.TrimSuffix(unit, "."))]
	return n, code, ok
}

// durationUnits are the other ways deliveries name a unit ("1 Monat",
// "40 UE", "20 Std.").
var durationUnits = map[string]string{
	"unterrichtseinheit": "lessons", "ue": "lessons", "unterrichtsstunden": "lessons", "unterrichtsstunde": "lessons",
	"stunde": "hours", "std": "hours", "zeitstunden": "hours",
	"tag": "days", "woche": "weeks", "monat": "months", "jahr": "years",
}

// dateOfferFields adds what KURSNET keeps with each Veranstaltung but
// lernnetz with the offer – EXTENDED_INFO's FUNDING_TYPES_FEDERAL and
// _REGIONAL (to Funding), FUNDING_TYPES_REMARKS (to FundingNote, when the
// offer has none) and TEACHING_LANGUAGES (to Languages) – without
// repeating what the offer has already.
func (r *Reader) dateOfferFields(m *mapper, o *catalogue.Offer, x *element) {
	for _, f := range x.All("FUNDING_TYPES_FEDERAL") {
		if code := classOf(m, f, fundingByFederal, "bundesweite Förderart (FUNDING_TYPES_FEDERAL)"); code != "" {
			o.Funding = appendNew(o.Funding, code)
		}
		m.used[f] = true
	}
	for _, f := range x.All("FUNDING_TYPES_REGIONAL") {
		m.used[f] = true
		t, _ := f.Attr("type")
		n, err := strconv.Atoi(t)
		if err != nil {
			m.problem(f, "Die Förderart des Landes (FUNDING_TYPES_REGIONAL) hat die Klasse „%s“; erwartet ist eine Zahl der KURSNET-Wertebereiche.", t)
			continue
		}
		o.Funding = appendNew(o.Funding, fundingByRegional(n))
	}
	if note := m.text(x, "FUNDING_TYPES_REMARKS"); note != "" && o.FundingNote == "" {
		o.FundingNote = note
	}
	for _, l := range x.All("TEACHING_LANGUAGES") {
		m.used[l] = true
		if code, ok := languageOf[strings.ToLower(l.Text)]; ok {
			o.Languages = appendNew(o.Languages, code)
		}
	}
}
