package openqcat

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// Writer writes lernnetz's catalogue as an open-Qcat 1.1 document in
// UTF-8, the way KURSNET takes Bildungsangebote with their
// Veranstaltungen: every provider is a SUPPLIER of the HEADER; every offer
// is a SERVICE with EDUCATION type="true" (the Bildungsangebot), followed
// by one SERVICE with EDUCATION type="false" per date (the
// Veranstaltungen, COURSE_ID naming the offer). Ids are lernnetz's: the
// offer's PRODUCT_ID is its id, a date's is "<offer id>-<date id>", a
// venue's ID_DB is its id. A delta export is an UPDATE_CATALOG whose
// DELETE lists the deleted offers before NEW; as Export hands out the
// deletions last, the offers of a delta are spooled to a temporary file.
// Elements follow the order of the XML schema; see doc.go for what is not
// carried.
type Writer struct {
	out       *bufio.Writer
	body      *bufio.Writer // where services go: out, or the spool of a delta
	spool     *os.File
	h         *record.ExportHeader
	providers map[int64]*catalogue.Provider
	inBody    bool
	deleting  bool
	err       error
}

// NewWriter returns a Writer to w. End flushes but does not close w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{out: bufio.NewWriterSize(w, 64<<10), providers: map[int64]*catalogue.Provider{}}
}

var _ record.Writer = (*Writer)(nil)

// Begin writes the document's start and the catalogue's description.
func (w *Writer) Begin(h *record.ExportHeader) error {
	w.h = h
	b := w.out
	b.WriteString(xml.Header)
	b.WriteString(`<OPENQCAT version="1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="openQ-cat.V1.1.xsd">` + "\n")
	b.WriteString("<HEADER>\n")
	el(b, "GENERATOR_INFO", "lernnetz")
	b.WriteString("<CATALOG>\n")
	el(b, "LANGUAGE", "deu")
	id := h.SupplierID
	if id == "" {
		id = record.SourceName(h.SupplierName)
	}
	if id == "" {
		id = "lernnetz"
	}
	el(b, "CATALOG_ID", id)
	el(b, "CATALOG_VERSION", "1.0")
	el(b, "CATALOG_NAME", h.SupplierName)
	if !h.Timestamp.IsZero() {
		el(b, "GENERATION_DATE", dateTime(h.Timestamp))
	}
	el(b, "CURRENCY", "EUR")
	b.WriteString("</CATALOG>\n")
	return nil
}

// Provider writes a SUPPLIER.
func (w *Writer) Provider(p *catalogue.Provider) error {
	w.providers[p.ID] = p
	b := w.out
	b.WriteString("<SUPPLIER>\n")
	b.WriteString(`<SUPPLIER_ID type="supplier_specific">` + strconv.FormatInt(p.ID, 10) + "</SUPPLIER_ID>\n")
	el(b, "SUPPLIER_NAME", p.Name)
	address(b, "ADDRESS", p.Name, p.Address, p.Phone, "", p.Email, p.Website, "", "", false)
	for _, c := range p.Contacts {
		contact(b, c, 2)
	}
	b.WriteString(`<EXTENDED_INFO input_type="0">` + "\n")
	for _, x := range p.ExternalIDs {
		if x.Scheme == "ba" {
			el(b, "INSTITUTION_NUMBER", x.Value)
			break
		}
	}
	typed(b, "ORGANIZATIONAL_FORM", orgFormOf[p.Kind], label("provider_kind", p.Kind))
	b.WriteString("</EXTENDED_INFO>\n</SUPPLIER>\n")
	return b.Flush()
}

// startBody closes the HEADER and opens the transaction.
func (w *Writer) startBody() error {
	if w.inBody {
		return nil
	}
	w.inBody = true
	w.out.WriteString("</HEADER>\n")
	w.body = w.out
	if !w.h.Delta {
		w.out.WriteString(`<NEW_CATALOG FULLCATALOG="true">` + "\n")
		return nil
	}
	// seq_number orders the deltas of a catalogue: the export's time
	// grows from delta to delta.
	fmt.Fprintf(w.out, "<UPDATE_CATALOG seq_number=\"%d\">\n", w.h.Timestamp.Unix())
	f, err := os.CreateTemp("", "lernnetz-openqcat-*.xml")
	if err != nil {
		return fmt.Errorf("openqcat: Zwischendatei für die Deltalieferung: %w", err)
	}
	os.Remove(f.Name()) // gone when closed
	w.spool = f
	w.body = bufio.NewWriterSize(f, 64<<10)
	return nil
}

// Offer writes the Bildungsangebot and a Veranstaltung per date.
func (w *Writer) Offer(o *catalogue.Offer, venues map[int64]*catalogue.Venue) error {
	if err := w.startBody(); err != nil {
		return err
	}
	b := w.body
	pid := strconv.FormatInt(o.ID, 10)
	supplier := strconv.FormatInt(o.ProviderID, 10)
	deliveryCode, _ := kursnetCode("delivery_mode", first(o.DeliveryModes))
	deliveryLabel := ""
	if len(o.DeliveryModes) > 0 {
		deliveryLabel = label("delivery_mode", o.DeliveryModes[0])
	}
	eduType := educationTypeOf[o.Type]
	ctype := courseType(o)
	state := ""
	if p := w.providers[o.ProviderID]; p != nil {
		state = p.Address.State
	}
	institution := func() {
		kind := ""
		if p := w.providers[o.ProviderID]; p != nil {
			kind = p.Kind
		}
		n, text := institutionOf(kind)
		typed(b, "INSTITUTION", n, text)
	}

	b.WriteString(`<SERVICE mode="new">` + "\n")
	el(b, "PRODUCT_ID", pid)
	el(b, "COURSE_TYPE", strconv.Itoa(ctype))
	b.WriteString(`<SUPPLIER_ID_REF type="supplier_specific">` + supplier + "</SUPPLIER_ID_REF>\n")
	b.WriteString("<SERVICE_DETAILS>\n")
	elAlways(b, "TITLE", o.Title)
	el(b, "DESCRIPTION_LONG", o.Description)
	for _, c := range o.Contacts {
		contact(b, c, 1)
	}
	el(b, "REQUIREMENTS", o.Prerequisites)
	for _, t := range o.Topics {
		el(b, "KEYWORD", label("topic", t))
	}
	if o.TargetGroup != "" {
		b.WriteString("<TARGET_GROUP>")
		el(b, "TARGET_GROUP_TEXT", o.TargetGroup)
		b.WriteString("</TARGET_GROUP>\n")
	}
	b.WriteString("<SERVICE_MODULE>\n<EDUCATION type=\"true\">\n")
	el(b, "COURSE_ID", pid)
	if o.Degree != "" || o.DegreeType != "" || o.Exam || o.LearningOutcomes != "" {
		fmt.Fprintf(b, "<DEGREE type=\"%d\">\n", degreeClassOf[o.DegreeType])
		el(b, "DEGREE_TITLE", o.Degree)
		if o.DegreeType != "" {
			el(b, "DEGREE_DESCRIPTION", label("degree_type", o.DegreeType))
		}
		if o.Exam {
			b.WriteString(`<DEGREE_EXAM type="Prüfung"/>` + "\n")
		}
		el(b, "DEGREE_ADD_QUALIFICATION", o.LearningOutcomes)
		b.WriteString("</DEGREE>\n")
	}
	for _, l := range o.Languages {
		if iso := languages[l]; len(iso) > 0 {
			el(b, "LANGUAGE", iso[0])
		}
	}
	for i, f := range o.Funding {
		b.WriteString("<SUBSIDY>")
		el(b, "SUBSIDY_INSTITUTION", label("funding", f))
		if i == 0 {
			el(b, "SUBSIDY_DESCRIPTION", o.FundingNote)
		}
		b.WriteString("</SUBSIDY>\n")
	}
	if len(o.Funding) == 0 && o.FundingNote != "" {
		b.WriteString("<SUBSIDY>")
		el(b, "SUBSIDY_DESCRIPTION", o.FundingNote)
		b.WriteString("</SUBSIDY>\n")
	}
	b.WriteString("<EXTENDED_INFO>\n")
	institution()
	typed(b, "INSTRUCTION_FORM", deliveryCode, deliveryLabel)
	typed(b, "EDUCATION_TYPE", eduType, label("offer_type", o.Type))
	b.WriteString("</EXTENDED_INFO>\n<MODULE_COURSE>")
	el(b, "MARKETINGTEXT", o.Contents)
	b.WriteString("</MODULE_COURSE>\n</EDUCATION>\n</SERVICE_MODULE>\n</SERVICE_DETAILS>\n")
	if o.Price == nil && ctype == 5 {
		// KURSNET requires a price of a Weiterbildungsangebot
		b.WriteString(`<SERVICE_PRICE_DETAILS><SERVICE_PRICE type="on_request"><PRICE_AMOUNT>0</PRICE_AMOUNT></SERVICE_PRICE></SERVICE_PRICE_DETAILS>` + "\n")
	}
	price(b, o.Price)
	if o.InfoURL != "" || o.RegistrationURL != "" {
		b.WriteString("<MIME_INFO>\n")
		mime(b, o.InfoURL, mimeInfo)
		mime(b, o.RegistrationURL, mimeRegistration)
		b.WriteString("</MIME_INFO>\n")
	}
	b.WriteString("</SERVICE>\n")

	for _, d := range o.Dates {
		b.WriteString("<SERVICE>\n")
		el(b, "PRODUCT_ID", pid+"-"+strconv.FormatInt(d.ID, 10))
		el(b, "COURSE_TYPE", strconv.Itoa(ctype))
		b.WriteString(`<SUPPLIER_ID_REF type="supplier_specific">` + supplier + "</SUPPLIER_ID_REF>\n")
		b.WriteString("<SERVICE_DETAILS>\n<TITLE/>\n")
		if d.Contact != nil {
			contact(b, *d.Contact, 1)
		}
		start := d.Start
		if d.StartKind == catalogue.StartPermanent || d.StartKind == catalogue.StartOnRequest {
			start = nil // the start kind says there is none
		}
		// A date always available (permanent) has no SERVICE_DATE; any
		// other has one, empty if need be, so that a flexible start
		// without a day reads back as rolling.
		// (The end of a permanent date goes into DURATION.)
		if d.StartKind != catalogue.StartPermanent || d.Note != "" {
			b.WriteString("<SERVICE_DATE>\n")
			if start != nil {
				el(b, "START_DATE", dateTime(*start))
			}
			if d.End != nil && d.StartKind != catalogue.StartPermanent {
				el(b, "END_DATE", dateTime(*d.End))
			}
			el(b, "DATE_REMARKS", d.Note)
			b.WriteString("</SERVICE_DATE>\n")
		}
		b.WriteString("<SERVICE_MODULE>\n<EDUCATION type=\"false\">\n")
		el(b, "COURSE_ID", pid)
		if d.RegistrationDeadline != nil {
			el(b, "REGISTRATION_DATE", dateTime(*d.RegistrationDeadline))
		}
		b.WriteString("<EXTENDED_INFO>\n")
		institution()
		typed(b, "INSTRUCTION_FORM", deliveryCode, deliveryLabel)
		for _, t := range d.TimePatterns {
			if t == "full_time" || t == "part_time" {
				n := 1
				if t == "part_time" {
					n = 2
				}
				typed(b, "INSTRUCTION_TIME", n, label("time_pattern", t))
				break
			}
		}
		for _, f := range o.Funding {
			if n, ok := federalFunding[f]; ok {
				typed(b, "FUNDING_TYPES_FEDERAL", n, label("funding", f))
			}
		}
		if n, ok := leaveByState[state]; ok && hasCode(o.Funding, "bildungsfreistellung") {
			typed(b, "FUNDING_TYPES_REGIONAL", n, label("funding", "bildungsfreistellung"))
		}
		el(b, "FUNDING_TYPES_REMARKS", o.FundingNote)
		for _, l := range o.Languages {
			code, ok := teachingLanguages[l]
			if !ok {
				code = "oth"
			}
			el(b, "TEACHING_LANGUAGES", code)
		}
		typed(b, "EDUCATION_TYPE", eduType, label("offer_type", o.Type))
		el(b, "MEASURE_NUMBER", d.MeasureNumber)
		b.WriteString("</EXTENDED_INFO>\n<MODULE_COURSE>\n")
		if d.SeatsMin > 0 {
			el(b, "MIN_PARTICIPANTS", strconv.Itoa(d.SeatsMin))
		}
		if d.SeatsMax > 0 {
			el(b, "MAX_PARTICIPANTS", strconv.Itoa(d.SeatsMax))
		}
		if v := venues[d.VenueID]; v != nil && d.VenueID != 0 {
			address(b, "LOCATION", v.Name, v.Address, v.Phone, "", v.Email, v.Website, v.Description, strconv.FormatInt(v.ID, 10), hasCode(v.Accessibility, "step_free"))
		}
		duration := ""
		if d.Duration > 0 && d.DurationUnit != "" {
			duration = strconv.FormatFloat(d.Duration, 'f', -1, 64) + " " + label("duration_unit", d.DurationUnit)
		}
		fmt.Fprintf(b, "<DURATION type=\"%d\">", durationClass(start, d.End))
		if d.End != nil && d.StartKind == catalogue.StartPermanent {
			el(b, "END_DATE", dateTime(*d.End))
		}
		el(b, "DATE_REMARKS", duration)
		b.WriteString("</DURATION>\n")
		el(b, "INSTRUCTION_REMARKS", d.TimeDescription)
		flexible := d.StartKind == catalogue.StartRolling || d.StartKind == catalogue.StartPermanent
		el(b, "FLEXIBLE_START", strconv.FormatBool(flexible))
		b.WriteString("</MODULE_COURSE>\n</EDUCATION>\n</SERVICE_MODULE>\n</SERVICE_DETAILS>\n")
		price(b, d.Price)
		b.WriteString("</SERVICE>\n")
	}
	if b.Buffered() > 32<<10 {
		return b.Flush()
	}
	return nil
}

// Deleted lists an offer in UPDATE_CATALOG/DELETE.
func (w *Writer) Deleted(offerID int64) error {
	if err := w.startBody(); err != nil {
		return err
	}
	if !w.deleting {
		w.deleting = true
		w.out.WriteString("<DELETE>\n")
	}
	fmt.Fprintf(w.out, "<SERVICE><PRODUCT_ID>%d</PRODUCT_ID></SERVICE>\n", offerID)
	return nil
}

// End writes the rest of the document (for a delta, the spooled offers in
// NEW) and flushes.
func (w *Writer) End() error {
	if err := w.startBody(); err != nil {
		return err
	}
	if !w.h.Delta {
		w.out.WriteString("</NEW_CATALOG>\n</OPENQCAT>\n")
		return w.out.Flush()
	}
	if w.deleting {
		w.out.WriteString("</DELETE>\n")
	}
	defer w.spool.Close()
	if err := w.body.Flush(); err != nil {
		return fmt.Errorf("openqcat: Zwischendatei schreiben: %w", err)
	}
	if size, _ := w.spool.Seek(0, io.SeekCurrent); size > 0 {
		if _, err := w.spool.Seek(0, io.SeekStart); err != nil {
			return err
		}
		w.out.WriteString("<NEW>\n")
		if _, err := io.Copy(w.out, w.spool); err != nil {
			return fmt.Errorf("openqcat: Zwischendatei lesen: %w", err)
		}
		w.out.WriteString("</NEW>\n")
	}
	w.out.WriteString("</UPDATE_CATALOG>\n</OPENQCAT>\n")
	return w.out.Flush()
}

func first(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[0]
}

// el writes <name>text</name> when text is not empty.
func el(b *bufio.Writer, name, text string) {
	if text != "" {
		elAlways(b, name, text)
	}
}

func elAlways(b *bufio.Writer, name, text string) {
	b.WriteString("<" + name + ">")
	xml.EscapeText(b, []byte(text))
	b.WriteString("</" + name + ">\n")
}

// typed writes an element with a KURSNET class in its type attribute and a
// label as its text.
func typed(b *bufio.Writer, name string, class int, text string) {
	fmt.Fprintf(b, "<%s type=\"%d\">", name, class)
	xml.EscapeText(b, []byte(text))
	b.WriteString("</" + name + ">\n")
}

func dateTime(t time.Time) string {
	return t.In(catalogue.Berlin).Format("2006-01-02T15:04:05-07:00")
}

// address writes a typeADDRESS element (ADDRESS, LOCATION).
func address(b *bufio.Writer, tag, name string, a catalogue.Address, phone, fax, email, web, remarks, id string, stepFree bool) {
	b.WriteString("<" + tag + ">\n")
	el(b, "NAME", name)
	el(b, "STREET", a.Street)
	el(b, "ZIP", a.PostalCode)
	el(b, "CITY", a.City)
	el(b, "DISTRICT", a.District)
	if a.State != "" {
		el(b, "STATE", stateName(a.State))
	}
	country := a.Country
	if country == "" {
		country = "DE"
	}
	el(b, "COUNTRY", country)
	el(b, "PHONE", phone)
	el(b, "FAX", fax)
	if email != "" {
		b.WriteString("<EMAILS>")
		el(b, "EMAIL", email)
		b.WriteString("</EMAILS>\n")
	}
	el(b, "URL", web)
	el(b, "ADDRESS_REMARKS", remarks)
	if stepFree {
		el(b, "BARRIER_FREE_LOCATION", "true")
	}
	el(b, "ID_DB", id)
	b.WriteString("</" + tag + ">\n")
}

// contact writes a typeCONTACT element with the role class given
// (1 Ansprechpartner, 2 Gesamtansprechpartner).
func contact(b *bufio.Writer, c catalogue.Contact, role int) {
	b.WriteString("<CONTACT>\n")
	typed(b, "CONTACT_ROLE", role, c.Role)
	el(b, "SALUTATION", c.Salutation)
	el(b, "ACADEMIC_TITLE", c.Title)
	el(b, "FIRST_NAME", c.GivenName)
	el(b, "LAST_NAME", c.FamilyName)
	el(b, "PHONE", c.Phone)
	el(b, "FAX", c.Fax)
	if c.Email != "" {
		b.WriteString("<EMAILS>")
		el(b, "EMAIL", c.Email)
		b.WriteString("</EMAILS>\n")
	}
	el(b, "URL", c.Web)
	b.WriteString("</CONTACT>\n")
}

// price writes SERVICE_PRICE_DETAILS.
func price(b *bufio.Writer, p *catalogue.Price) {
	if p == nil {
		return
	}
	currency := p.Currency
	if currency == "" {
		currency = "EUR"
	}
	b.WriteString("<SERVICE_PRICE_DETAILS>\n<SERVICE_PRICE>")
	el(b, "PRICE_AMOUNT", fmt.Sprintf("%d.%02d", p.AmountCents/100, p.AmountCents%100))
	el(b, "PRICE_CURRENCY", strings.ToUpper(currency))
	b.WriteString("</SERVICE_PRICE>\n")
	el(b, "REMARKS", p.Note)
	b.WriteString("</SERVICE_PRICE_DETAILS>\n")
}

// mime writes a MIME_ELEMENT that links a web page.
func mime(b *bufio.Writer, url, descr string) {
	if url == "" {
		return
	}
	b.WriteString("<MIME_ELEMENT>")
	el(b, "MIME_TYPE", "text/html")
	el(b, "MIME_SOURCE", url)
	el(b, "MIME_DESCR", descr)
	b.WriteString("</MIME_ELEMENT>\n")
}
