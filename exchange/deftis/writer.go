package deftis

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// Writer writes a DEfTIS 5.07 document in UTF-8: a full catalogue
// (DELTAUPDATE="false", the courses in INSERTCOURSES) or a delta
// (DELTAUPDATE="true", the courses in UPDATECOURSES, deletions in
// DELETECOURSES). It implements record.Writer and writes each record as it
// gets it.
//
// Everything the Reader maps is written so that reading the document gives
// the same catalogue records, ids aside: ids are lernnetz's (CSS_ID, CS_ID,
// S_ID). Coded values are written as the raw texts they were read from
// when the record keeps them (its Extensions), else as a text that maps
// back to the code ("Presence course", "DE_SGB 3", "Vollzeit" …); all other
// extensions – the WDB_* elements, attributes, further addresses – go back
// where they came from. What DEfTIS cannot carry is not written: a
// provider's kind (the Reader derives it from the name), topics, skills,
// DQR level, subtitle, contents, registration URL, a date's own price,
// registration deadline and start kind rolling, a price's unit, venues'
// opening hours, equipment and descriptions; coordinates and federal
// states come from the gazetteer on reading. Of the dates without a fixed
// start only the first is written, as FREESCHEDULE (permanent, else on
// request). A fixed date's note goes into S_LN_NOTE and a free date's time
// description into CS_LN_TIME_DESCRIPTION, elements of lernnetz's own that
// the Reader maps back.
type Writer struct {
	w       *bufio.Writer
	h       *record.ExportHeader
	section int // what is open: 0 nothing, 1 COURSESUPPLIERS, 2 courses, 3 DELETECOURSES
	err     error
}

// NewWriter returns a Writer to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 64<<10)}
}

const dateTimeLayout = "2006-01-02T15:04:05"

// Begin writes the XML declaration, DEFTISCAT with its attributes and the
// DATASUPPLIER.
func (w *Writer) Begin(h *record.ExportHeader) error {
	w.h = h
	ts := h.Timestamp
	if ts.IsZero() {
		ts = time.Now()
	}
	fmt.Fprintf(w.w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DEFTISCAT MULTIDOCUMENT=\"false\" DELTAUPDATE=\"%t\" TIMESTAMP=\"%s\">\n",
		h.Delta, ts.In(catalogue.Berlin).Format(dateTimeLayout))
	ds := &node{name: "DATASUPPLIER"}
	ds.add("DS_NAME", h.SupplierName)
	if h.BaseURL != "" {
		a := ds.add("ADDRESS", "")
		a.add("A_NAME", h.SupplierName)
		a.add("A_WEB", h.BaseURL)
	}
	ds.add("DS_ID", h.SupplierID)
	ds.write(w.w, 1)
	w.w.WriteString("  <COURSESUPPLIERS>\n")
	w.section = 1
	return w.check()
}

// Provider writes a COURSESUPPLIER.
func (w *Writer) Provider(p *catalogue.Provider) error {
	if w.section != 1 {
		return fmt.Errorf("deftis: provider %d after the courses", p.ID)
	}
	providerNode(p).write(w.w, 2)
	return w.check()
}

// Offer writes a COURSE, in INSERTCOURSES or (delta) UPDATECOURSES.
func (w *Writer) Offer(o *catalogue.Offer, venues map[int64]*catalogue.Venue) error {
	if err := w.open(2); err != nil {
		return err
	}
	courseNode(o, venues).write(w.w, 4)
	return w.check()
}

// Deleted writes the CS_ID of a deleted course into DELETECOURSES.
func (w *Writer) Deleted(offerID int64) error {
	if w.h != nil && !w.h.Delta {
		return fmt.Errorf("deftis: deletion of course %d in a full catalogue", offerID)
	}
	if err := w.open(3); err != nil {
		return err
	}
	fmt.Fprintf(w.w, "      <CS_ID>%d</CS_ID>\n", offerID)
	return w.check()
}

// End closes the open elements and flushes the buffer.
func (w *Writer) End() error {
	if err := w.open(4); err != nil {
		return err
	}
	w.w.WriteString("</DEFTISCAT>\n")
	if err := w.w.Flush(); err != nil && w.err == nil {
		w.err = err
	}
	return w.err
}

// open moves on to a later section of the document, closing and opening
// the elements between.
func (w *Writer) open(section int) error {
	if w.section == 0 {
		return fmt.Errorf("deftis: Begin was not called")
	}
	if section < w.section {
		return fmt.Errorf("deftis: records out of order (courses, then deletions)")
	}
	courses := "INSERTCOURSES"
	if w.h.Delta {
		courses = "UPDATECOURSES"
	}
	for w.section < section {
		switch w.section {
		case 1:
			w.w.WriteString("  </COURSESUPPLIERS>\n  <COURSETRANSACTIONS>\n    <" + courses + ">\n")
		case 2:
			w.w.WriteString("    </" + courses + ">\n")
			if section == 3 {
				w.w.WriteString("    <DELETECOURSES>\n")
			}
		case 3:
			w.w.WriteString("    </DELETECOURSES>\n")
		}
		if w.section == 2 && section == 4 || w.section == 3 {
			w.w.WriteString("  </COURSETRANSACTIONS>\n")
			w.section = 4
			continue
		}
		w.section++
	}
	return w.check()
}

func (w *Writer) check() error {
	if w.err == nil && w.w.Available() < 4<<10 {
		w.err = w.w.Flush()
	}
	return w.err
}

// providerNode maps a provider to a COURSESUPPLIER, in the order of DEfTIS
// 6.6.14 with the WDB extensions after.
func providerNode(p *catalogue.Provider) *node {
	n := &node{name: "COURSESUPPLIER"}
	ext := p.Extensions
	n.add("CSS_NAME", p.Name)
	n.add("CSS_ID", strconv.FormatInt(p.ID, 10))
	n.opt("CSS_DESC", p.Description)
	if a := addressNode(p.Name, p.Address, p.Phone, p.Email, p.Website, false); a != nil {
		n.kids = append(n.kids, a)
	} else if hasPrefix(ext, "ADDRESS/") {
		n.add("ADDRESS", "")
	}
	writeCertificates(n, p)
	for i := range p.Contacts {
		n.kids = append(n.kids, contactNode(&p.Contacts[i]))
	}
	if p.FoundedYear > 0 {
		n.add("CSS_WDB_GRUENDUNGSJAHR", strconv.Itoa(p.FoundedYear))
	}
	for _, id := range p.ExternalIDs {
		if id.Scheme == "kursnet" {
			n.add("CSS_WDB_KNID_AA", id.Value)
		}
	}
	n.putExtensions(ext, func(k string) bool { return k == "CSS_QM_CERTIFICATE" || k == "CSS_WDB_QM_ZERTIFIKAT" })
	return n
}

func hasPrefix(ext map[string]string, prefix string) bool {
	for k := range ext {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}

// addressNode maps an address with its ways of contact to an ADDRESS; nil
// when there is nothing to say but the name.
func addressNode(name string, a catalogue.Address, phone, email, web string, stepFree bool) *node {
	n := &node{name: "ADDRESS"}
	n.add("A_NAME", name)
	n.opt("A_STREET", a.Street)
	n.opt("A_CITY", a.City)
	n.opt("A_ZIP", a.PostalCode)
	n.opt("A_COUNTRY", a.Country)
	n.opt("A_PHONE", phone)
	n.opt("A_EMAIL", email)
	n.opt("A_WEB", web)
	n.opt("A_WDB_ORTSTEIL", a.District)
	if stepFree {
		n.add("A_WDB_BEHINDERTENGERECHT", "true")
	}
	if len(n.kids) == 1 {
		return nil
	}
	return n
}

func contactNode(c *catalogue.Contact) *node {
	n := &node{name: "CONTACT"}
	n.add("C_NAME", c.FamilyName)
	n.opt("C_SURNAME", c.GivenName)
	n.opt("C_TITLE", c.Title)
	n.opt("C_POSITION", c.Role)
	n.opt("C_PHONE", c.Phone)
	n.opt("C_FAX", c.Fax)
	n.opt("C_EMAIL", c.Email)
	n.opt("C_WEB", c.Web)
	n.opt("C_WDB_ANREDE", c.Salutation)
	return n
}

// writeCertificates writes a provider's certificates: the raw values they
// were read from (CSS_QM_CERTIFICATE, CSS_WDB_QM_ZERTIFIKAT), else a name
// that maps back to them.
func writeCertificates(n *node, p *catalogue.Provider) {
	key := func(c catalogue.Certificate) string { return c.Code + "\x00" + c.Note }
	want := make([]string, len(p.Certificates))
	for i, c := range p.Certificates {
		want[i] = key(c)
	}
	codes := func(r raw) []string {
		if r.text == "" {
			return nil
		}
		code, note := qmCertificate(r.text)
		return []string{key(catalogue.Certificate{Code: code, Note: note})}
	}
	canonical := func(k string) raw {
		code, note, _ := strings.Cut(k, "\x00")
		switch {
		case code == "azav":
			return raw{"CSS_QM_CERTIFICATE", "DE_SGB 3"}
		case code == "other" && note == "":
			return raw{"CSS_QM_CERTIFICATE", "Miscellaneous"}
		case note != "":
			if c, _ := qmCertificate(note); c == code {
				return raw{"CSS_WDB_QM_ZERTIFIKAT", note}
			}
		}
		return raw{"CSS_WDB_QM_ZERTIFIKAT", certificateNames[code]}
	}
	for _, r := range mergeRaw(p.Extensions, []string{"CSS_QM_CERTIFICATE", "CSS_WDB_QM_ZERTIFIKAT"}, want, codes, canonical, false) {
		n.add(r.name, r.text)
	}
}

// certificateNames are names that map to the certificate codes.
var certificateNames = map[string]string{
	"azav": "AZAV", "iso_9001": "ISO 9001", "iso_21001": "ISO 21001", "lqw": "LQW", "efqm": "EFQM",
	"zfu": "ZFU", "bamf": "BAMF", "other": "Sonstiges",
}

// raw is an element's raw text, as a record's extensions keep it.
type raw struct{ name, text string }

// mergeRaw decides which coded elements to write for the codes want (in
// that order): the raw texts of the extensions under names, in their order,
// as far as they map to codes wanted (or to none, or to ones written
// already), and for a code no raw text gives, a canonical text. With
// firstWins (a single code, the first that maps) anything may follow once
// the code is written. Raw texts that would bring a code the record no
// longer has are left out.
func mergeRaw(ext map[string]string, names []string, want []string, codes func(raw) []string, canonical func(string) raw, firstWins bool) []raw {
	queues := make([][]raw, len(names))
	for i, name := range names {
		if v, ok := ext[name]; ok {
			for t := range strings.SplitSeq(v, "\n") {
				queues[i] = append(queues[i], raw{name, t})
			}
		}
	}
	wanted := map[string]bool{}
	for _, c := range want {
		wanted[c] = true
	}
	done := map[string]bool{}
	k := 0
	var out []raw
	// accept tells whether r may be written now; stale whether never.
	accept := func(r raw) (ok, stale bool) {
		if firstWins && k == len(want) && k > 0 {
			return true, false
		}
		kk := k
		for _, c := range codes(r) {
			switch {
			case done[c]:
			case kk < len(want) && want[kk] == c:
				kk++
			case !wanted[c]:
				return false, true
			default:
				return false, false
			}
		}
		return true, false
	}
	for {
		progress := false
		for i := range queues {
			for len(queues[i]) > 0 {
				r := queues[i][0]
				ok, stale := accept(r)
				if !ok && !stale {
					break
				}
				queues[i] = queues[i][1:]
				progress = true
				if stale {
					continue
				}
				for _, c := range codes(r) {
					if !done[c] {
						done[c] = true
						k++
					}
				}
				out = append(out, r)
			}
		}
		if progress {
			continue
		}
		if k < len(want) {
			out = append(out, canonical(want[k]))
			done[want[k]] = true
			k++
			continue
		}
		return out
	}
}

// courseNode maps an offer to a COURSE, in the order of DEfTIS 6.6.12 with
// the WDB extensions after.
func courseNode(o *catalogue.Offer, venues map[int64]*catalogue.Venue) *node {
	n := &node{name: "COURSE"}
	ext := o.Extensions
	written := map[string]bool{}
	n.add("CS_NAME", o.Title)
	n.add("CS_ID", strconv.FormatInt(o.ID, 10))
	n.opt("CS_DESC_SHORT", o.ShortDescription)
	n.opt("CS_DESC_LONG", o.Description)
	n.opt("CS_INFOLINK", o.InfoURL)
	for _, l := range o.Languages {
		n.add("CS_LANGUAGE", languageCode(l))
	}
	if v, ok := ext["CS_LANGUAGE"]; ok { // codes that map to no language
		for t := range strings.SplitSeq(v, "\n") {
			n.add("CS_LANGUAGE", t)
		}
		written["CS_LANGUAGE"] = true
	}
	n.opt("CS_GOAL", o.LearningOutcomes)
	schedulesNode(n, o, venues, written)
	n.add("CS_SUPPLIERID", strconv.FormatInt(o.ProviderID, 10))
	for i := range o.Contacts {
		n.kids = append(n.kids, contactNode(&o.Contacts[i]))
	}

	// Delivery modes, the type and the degree type: raw texts or canonical.
	modes := mergeRaw(ext, []string{"CS_MODE", "CS_WDB_MODE"}, o.DeliveryModes,
		func(r raw) []string { return nonEmpty(deliveryMode(r.text)) },
		func(code string) raw { return raw{"CS_MODE", modeNames[code]} }, false)
	types := mergeRaw(ext, []string{"CS_TYPE", "CS_WDB_TYPE"}, nonEmpty(o.Type),
		func(r raw) []string { return nonEmpty(offerType(r.text)) },
		func(code string) raw { return raw{"CS_TYPE", typeNames[code]} }, true)
	degrees := mergeRaw(ext, []string{"CS_DEGREE_TYPE", "CS_WDB_DEGREE_TYPE"}, nonEmpty(o.DegreeType),
		func(r raw) []string { return nonEmpty(degreeType(r.text)) },
		func(code string) raw { return raw{"CS_DEGREE_TYPE", degreeNames[code]} }, true)
	for _, r := range slices.Concat(modes, types) {
		n.add(r.name, r.text)
	}
	// The funding note has its place here; the coded funding goes with
	// CS_CERTIFICATE after the price, in one run, for its order is the
	// order of the codes.
	funding, note := fundingElements(o)
	n.opt("CS_PROMOTION_DESC", note)
	n.opt("CS_REQUIREMENTS", o.Prerequisites)
	n.opt("CS_DEGREE", o.Degree)
	for _, r := range degrees {
		n.add(r.name, r.text)
	}
	if o.Exam {
		n.add("CS_DEGREE_EXAM", "true")
	}
	if p := o.Price; p != nil {
		n.add("CS_PRICE", formatCents(p.AmountCents))
		n.opt("CS_PRICE_CURRENCY", p.Currency)
		n.add("CS_PRICE_TOTAL", "true")
		n.opt("CS_PRICE_INFO", p.Note)
	}
	for _, r := range funding {
		n.add(r.name, r.text)
	}
	n.opt("CS_HANDICAP", o.Accessibility)
	if o.Childcare {
		n.add("CS_WDB_KINDERBETREUUNG", "true")
	}
	if o.WomenSpecific {
		n.add("CS_WDB_FRAUENSPEZIFISCH", "true")
	}
	n.opt("CS_WDB_ZIELGRUPPE", o.TargetGroup)
	if o.TeachingHours > 0 {
		n.add("CS_WDB_UNTERRICHTSSTUNDEN_ANZAHL", formatNumber(o.TeachingHours))
	}
	if len(o.Dates) > 0 {
		d := &o.Dates[0]
		if d.SeatsMin > 0 {
			n.add("CS_WDB_TEILNEHMER_MIN", strconv.Itoa(d.SeatsMin))
		}
		if d.SeatsMax > 0 {
			n.add("CS_WDB_TEILNEHMER_MAX", strconv.Itoa(d.SeatsMax))
		}
	}
	if o.Internship {
		n.add("CS_WDB_PRAKTIKUM", "true")
	}
	n.putExtensions(ext, func(k string) bool { return written[k] || codedElements[k] })
	return n
}

// codedElements are course elements written from codes (with their raw
// texts) rather than as extensions.
var codedElements = map[string]bool{
	"CS_MODE": true, "CS_WDB_MODE": true, "CS_TYPE": true, "CS_WDB_TYPE": true,
	"CS_DEGREE_TYPE": true, "CS_WDB_DEGREE_TYPE": true, "CS_PROMOTION": true, "CS_WDB_PROMOTION": true,
	"CS_CERTIFICATE": true, "CS_WDB_ZEITLICHEDURCHFUEHRUNG": true,
}

func nonEmpty(code string) []string {
	if code == "" {
		return nil
	}
	return []string{code}
}

// Texts that map back to codes (see vocab.go).
var (
	modeNames = map[string]string{
		"classroom": "Presence course", "virtual_classroom": "Virtuelles Klassenzimmer", "e_learning": "E-Learning/CBT/WBT",
		"blended": "Blended Learning", "distance": "Distance education", "self_study": "Selbstlernangebot",
		"individual_coaching": "Einzelmaßnahme (Einzelbetreuung)",
	}
	typeNames = map[string]string{
		"further_training": "Continuing education/further training", "retraining": "Occupational retraining",
		"rehabilitation": "Occupational rehabilitation", "general_education": "Allgemeine Weiterbildung",
		"school_degree": "Schulabschluss nachholen", "study": "Studium", "other": "Miscellaneous",
	}
	degreeNames = map[string]string{
		"attendance": "Teilnahmebestätigung", "certificate": "Zertifikat", "chamber_exam": "IHK/HWK-Prüfung",
		"state_recognised": "staatl. anerkannter Abschluss", "school_degree": "Schulabschluss",
		"university_degree": "Hochschulabschluss", "language_certificate": "Sprachzertifikat", "none": "kein Abschluss",
	}
	fundingNames = map[string]raw{
		"bildungsgutschein": {"CS_CERTIFICATE", "DE_SGB 3"}, "bildungsfreistellung": {"CS_CERTIFICATE", "DE_BU"},
		"avgs": {"CS_WDB_PROMOTION", "AVGS"}, "aufstiegs_bafoeg": {"CS_WDB_PROMOTION", "Aufstiegs-BAföG"},
		"company": {"CS_WDB_PROMOTION", "Arbeitgeber"}, "eu_programme": {"CS_WDB_PROMOTION", "ESF"},
		"federal_programme": {"CS_WDB_PROMOTION", "Bundesprogramm"}, "state_programme": {"CS_WDB_PROMOTION", "Landesprogramm"},
		"rehabilitation": {"CS_WDB_PROMOTION", "Reha"},
	}
	patternNames = map[string]string{
		"full_time": "Vollzeit", "part_time": "Teilzeit", "evening": "Abendveranstaltung",
		"weekend": "Wochenendveranstaltung", "block": "Blockveranstaltung",
	}
	unitNames = map[string]string{
		"hours": "Hours", "days": "Days", "weeks": "Weeks", "months": "Months", "years": "Years",
		"lessons": "Lessons", "semesters": "Semesters",
	}
	// languageCodes are the ISO 639-2/B codes DEfTIS uses.
	languageCodes = map[string]string{
		"de": "ger", "en": "eng", "fr": "fre", "es": "spa", "it": "ita", "tr": "tur", "ar": "ara", "ru": "rus",
		"uk": "ukr", "pl": "pol", "ro": "rum", "fa": "per", "lb": "ltz", "nl": "dut", "pt": "por", "el": "gre",
		"zh": "chi", "ja": "jpn", "dgs": "gsg",
	}
)

func languageCode(l string) string {
	if c, ok := languageCodes[l]; ok {
		return c
	}
	return l
}

// euBundLand is the note the Reader adds when "EU/Bund/Land" names no
// programme it can tell.
const euBundLand = "Förderung aus Mitteln der EU, des Bundes oder des Landes möglich."

// fundingElements returns the elements of the funding (CS_CERTIFICATE,
// CS_WDB_PROMOTION and their raw texts) and the funding note to write as
// CS_PROMOTION_DESC.
func fundingElements(o *catalogue.Offer) ([]raw, string) {
	ext := o.Extensions
	note := o.FundingNote
	// The texts the Reader reads "EU/Bund/Land" by, as they will be.
	texts := func(note string) string {
		var parts []string
		if o.Price != nil && o.Price.Note != "" {
			parts = append(parts, o.Price.Note)
		} else if v := ext["CS_PRICE_INFO"]; v != "" {
			parts = append(parts, v)
		}
		parts = append(parts, strings.Split(ext["CS_PROMOTION_TARGETGROUP"], "\n")...)
		if note != "" {
			parts = append(parts, note)
		}
		if v, ok := ext["CS_CERTIFICATE_DESC"]; ok {
			parts = append(parts, v)
		}
		return strings.Join(append(parts, fundingSentences(o.ShortDescription+"\n"+o.Description)...), "\n")
	}
	// Notes the Reader will add again are not written.
	unnamed := 0
	for _, name := range []string{"CS_PROMOTION", "CS_WDB_PROMOTION"} {
		for t := range strings.SplitSeq(ext[name], "\n") {
			if has(strings.ToLower(t), "eu/bund/land") && len(funding(t, texts(strings.TrimSuffix(note, euBundLand)))) == 0 {
				unnamed++
			}
		}
	}
	for range unnamed {
		switch {
		case note == euBundLand:
			note = ""
		case strings.HasSuffix(note, "\n"+euBundLand):
			note = strings.TrimSuffix(note, "\n"+euBundLand)
		}
	}
	t := texts(note)
	codes := func(r raw) []string {
		v := strings.ToLower(r.text)
		if r.name == "CS_CERTIFICATE" && !has(v, "de_sgb", "sgb 3", "sgb iii", "de_bu", "bildungsurlaub") {
			return nil
		}
		return funding(r.text, t)
	}
	return mergeRaw(ext, []string{"CS_PROMOTION", "CS_CERTIFICATE", "CS_WDB_PROMOTION"}, o.Funding, codes,
		func(code string) raw { return fundingNames[code] }, false), note
}

// schedulesNode writes COURSESCHEDULES: a SCHEDULE for each date with a
// fixed start, or a FREESCHEDULE (PERMANENT or REQUEST) for a date without.
func schedulesNode(course *node, o *catalogue.Offer, venues map[int64]*catalogue.Venue, written map[string]bool) {
	cs := course.add("COURSESCHEDULES", "")
	ext := o.Extensions
	var patterns []string
	for _, d := range o.Dates {
		for _, p := range d.TimePatterns {
			if !slices.Contains(patterns, p) {
				patterns = append(patterns, p)
			}
		}
	}
	pats := mergeRaw(ext, []string{"CS_WDB_ZEITLICHEDURCHFUEHRUNG"}, patterns,
		func(r raw) []string { return nonEmpty(timePattern(r.text)) },
		func(code string) raw { return raw{"CS_WDB_ZEITLICHEDURCHFUEHRUNG", patternNames[code]} }, false)
	defer func() {
		for _, r := range pats {
			course.add(r.name, r.text)
		}
	}()
	venue := func(d *catalogue.Date) *node {
		v := venues[d.VenueID]
		if v == nil {
			v = d.Venue
		}
		if v == nil {
			return nil
		}
		a := addressNode(v.Name, v.Address, v.Phone, v.Email, v.Website, slices.Contains(v.Accessibility, "step_free"))
		if a == nil {
			a = &node{name: "ADDRESS", mapped: true}
			a.add("A_NAME", v.Name)
		}
		return a
	}
	var free *catalogue.Date
	for i := range o.Dates {
		d := &o.Dates[i]
		if d.StartKind != catalogue.StartFixed || d.Start == nil {
			if free == nil {
				free = d
			}
			continue
		}
		s := &node{name: "SCHEDULE", mapped: true}
		cs.kids = append(cs.kids, s)
		s.add("S_ID", strconv.FormatInt(d.ID, 10))
		s.add("S_START_DATE", d.Start.In(catalogue.Berlin).Format(dateTimeLayout))
		if d.End != nil {
			s.add("S_END_DATE", d.End.In(catalogue.Berlin).Format(dateTimeLayout))
		}
		if d.Duration > 0 && d.DurationUnit != "" {
			s.add("S_DURATION_NUM", formatNumber(d.Duration))
			s.add("S_DURATION_UNIT", unitNames[d.DurationUnit])
		}
		if a := venue(d); a != nil {
			s.kids = append(s.kids, a)
		}
		if d.Contact != nil {
			s.kids = append(s.kids, contactNode(d.Contact))
		}
		s.opt("S_WDB_BESCHR", d.TimeDescription)
		s.opt("S_WDB_MASSNAHMENUMMER_AA", d.MeasureNumber)
		s.opt("S_LN_NOTE", d.Note)
	}
	if len(cs.kids) > 0 || free == nil {
		return
	}
	// A date without a fixed start: FREESCHEDULE, with what DEfTIS says of
	// such dates on the course.
	if free.StartKind == catalogue.StartPermanent {
		cs.setAttr("PERMANENT", "true")
	} else {
		cs.setAttr("REQUEST", "true")
	}
	cs.add("FREESCHEDULE", free.Note)
	course.opt("CS_LN_TIME_DESCRIPTION", free.TimeDescription)
	if free.Duration > 0 && free.DurationUnit != "" && ext["CS_WDB_GESAMTDAUER_ANZAHL"] == "" {
		course.add("CS_WDB_GESAMTDAUER_ANZAHL", formatNumber(free.Duration))
		course.add("CS_WDB_GESAMTDAUER_EINHEIT", unitNames[free.DurationUnit])
		written["CS_WDB_GESAMTDAUER_ANZAHL"], written["CS_WDB_GESAMTDAUER_EINHEIT"] = true, true
	}
	if free.MeasureNumber != "" && ext["CS_WDB_MASSNAHMENUMMER_AA"] == "" {
		course.add("CS_WDB_MASSNAHMENUMMER_AA", free.MeasureNumber)
	}
	if a := venue(free); a != nil {
		course.add("CS_WDB_ADDRESS", "").kids = []*node{a}
	}
}

// formatCents writes cents as a DEfTIS Float: 1513.80.
func formatCents(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}

// formatNumber writes a number without needless decimals: 180, 1.5.
func formatNumber(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}
