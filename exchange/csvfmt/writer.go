package csvfmt

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"strconv"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// Writer writes an export as a CSV file of the template (record.Writer):
// UTF-8 with byte order mark, semicolons, CRLF and German formats, so that
// Excel opens it as it is. Each provider has a row of its own with all its
// columns; each date of an offer is a row, with the offer's columns
// repeated and its provider named by id and name; an offer without dates
// has one row. Ids are lernnetz's.
type Writer struct {
	out       io.Writer
	cw        *csv.Writer
	providers map[int64]*catalogue.Provider
	row       []string // the cells of the row being made
	esc       []string // the same, escaped as written
}

// NewWriter returns a Writer to w.
func NewWriter(w io.Writer) *Writer {
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	return &Writer{out: w, cw: cw, providers: map[int64]*catalogue.Provider{}, row: make([]string, numColumns), esc: make([]string, numColumns)}
}

// ErrDelta is returned by Begin for a delta export: a CSV file cannot say
// that an offer was deleted.
var ErrDelta = errors.New("CSV-Dateien übertragen keine Löschungen; bitte den ganzen Katalog exportieren (CSV cannot carry deletions; export the whole catalogue)")

// Begin writes the byte order mark and the header row.
func (w *Writer) Begin(h *record.ExportHeader) error {
	if h != nil && h.Delta {
		return ErrDelta
	}
	if _, err := io.WriteString(w.out, "\uFEFF"); err != nil {
		return err
	}
	for i, c := range Columns {
		w.row[i] = c.Name
	}
	return w.cw.Write(w.row)
}

// Provider writes the provider's row and keeps it for its offers' rows.
func (w *Writer) Provider(p *catalogue.Provider) error {
	w.providers[p.ID] = p
	clear(w.row)
	w.providerCells(p)
	return w.write()
}

// Offer writes a row for each date of o.
func (w *Writer) Offer(o *catalogue.Offer, venues map[int64]*catalogue.Venue) error {
	clear(w.row)
	// The provider's own row has its data; an offer's rows name it (the
	// reader takes the empty cells as "as above").
	w.row[colProviderID] = strconv.FormatInt(o.ProviderID, 10)
	if p := w.providers[o.ProviderID]; p != nil {
		w.row[colProviderName] = p.Name
	}
	w.offerCells(o)
	if len(o.Dates) == 0 {
		return w.write()
	}
	for i := range o.Dates {
		for c := colDateID; c < numColumns; c++ {
			w.row[c] = ""
		}
		d := &o.Dates[i]
		w.dateCells(d)
		if v := venues[d.VenueID]; d.VenueID != 0 && v != nil {
			w.venueCells(v)
		} else if d.Venue != nil {
			w.venueCells(d.Venue)
		}
		if err := w.write(); err != nil {
			return err
		}
	}
	return nil
}

// Deleted is never called for a full export; Begin refuses deltas.
func (w *Writer) Deleted(int64) error { return ErrDelta }

// End writes what is buffered.
func (w *Writer) End() error {
	w.cw.Flush()
	return w.cw.Error()
}

func (w *Writer) write() error {
	for i, s := range w.row {
		w.esc[i] = escape(s)
	}
	return w.cw.Write(w.esc)
}

func (w *Writer) providerCells(p *catalogue.Provider) {
	r := w.row
	r[colProviderID] = strconv.FormatInt(p.ID, 10)
	r[colProviderName] = p.Name
	r[colProviderKind] = formatTerm("provider_kind", p.Kind)
	r[colProviderStreet] = p.Address.Street
	r[colProviderPostalCode] = p.Address.PostalCode
	r[colProviderCity] = p.Address.City
	r[colProviderPhone] = p.Phone
	r[colProviderEmail] = p.Email
	r[colProviderWebsite] = p.Website
	r[colProviderDescription] = p.Description
	r[colProviderExtensions] = formatExtensions(p.Extensions)
}

func (w *Writer) offerCells(o *catalogue.Offer) {
	r := w.row
	r[colOfferID] = strconv.FormatInt(o.ID, 10)
	r[colTitle] = o.Title
	r[colSubtitle] = o.Subtitle
	r[colShortDescription] = o.ShortDescription
	r[colDescription] = o.Description
	r[colContents] = o.Contents
	r[colTargetGroup] = o.TargetGroup
	r[colPrerequisites] = o.Prerequisites
	r[colLearningOutcomes] = o.LearningOutcomes
	r[colType] = formatTerm("offer_type", o.Type)
	r[colTopics] = formatList("topic", o.Topics)
	r[colDeliveryModes] = formatList("delivery_mode", o.DeliveryModes)
	r[colLanguages] = formatList("language", o.Languages)
	r[colDegree] = o.Degree
	r[colDegreeType] = formatTerm("degree_type", o.DegreeType)
	r[colExam] = formatBool(o.Exam)
	if o.TeachingHours > 0 {
		r[colTeachingHours] = formatNumber(o.TeachingHours)
	}
	r[colDQRLevel] = formatCount(o.DQRLevel)
	r[colPrice] = formatPrice(o.Price)
	if o.Price != nil {
		r[colPriceNote] = o.Price.Note
	}
	r[colFunding] = formatList("funding", o.Funding)
	r[colFundingNote] = o.FundingNote
	r[colWomenSpecific] = formatBool(o.WomenSpecific)
	r[colChildcare] = formatBool(o.Childcare)
	r[colInternship] = formatBool(o.Internship)
	r[colAccessibility] = o.Accessibility
	r[colInfoURL] = o.InfoURL
	r[colRegistrationURL] = o.RegistrationURL
	if len(o.Contacts) > 0 {
		ct := o.Contacts[0]
		r[colContactSalutation], r[colContactTitle] = ct.Salutation, ct.Title
		r[colContactGivenName], r[colContactFamilyName] = ct.GivenName, ct.FamilyName
		r[colContactRole], r[colContactPhone], r[colContactEmail] = ct.Role, ct.Phone, ct.Email
	}
	r[colSkills] = formatSkills(o.Skills)
	r[colExtensions] = formatExtensions(o.Extensions)
}

func (w *Writer) dateCells(d *catalogue.Date) {
	r := w.row
	if d.ID != 0 {
		r[colDateID] = strconv.FormatInt(d.ID, 10)
	} else {
		r[colDateID] = d.SourceID
	}
	r[colStart] = formatStart(d)
	if d.End != nil {
		r[colEnd] = formatDay(*d.End)
	}
	r[colTimeDescription] = d.TimeDescription
	r[colTimePatterns] = formatList("time_pattern", d.TimePatterns)
	r[colDuration] = formatDuration(d.Duration, d.DurationUnit)
	r[colSeatsMin] = formatCount(d.SeatsMin)
	r[colSeatsMax] = formatCount(d.SeatsMax)
	if d.RegistrationDeadline != nil {
		r[colDeadline] = formatDay(*d.RegistrationDeadline)
	}
	r[colDatePrice] = formatPrice(d.Price)
	if d.Price != nil {
		r[colDatePriceNote] = d.Price.Note
	}
	r[colMeasureNumber] = d.MeasureNumber
	r[colDateNote] = d.Note
}

func (w *Writer) venueCells(v *catalogue.Venue) {
	r := w.row
	if v.ID != 0 {
		r[colVenueID] = strconv.FormatInt(v.ID, 10)
	} else {
		r[colVenueID] = v.Provenance.SourceID
	}
	r[colVenueName] = v.Name
	r[colVenueKind] = formatTerm("venue_kind", v.Kind)
	r[colStreet] = v.Address.Street
	r[colPostalCode] = v.Address.PostalCode
	r[colCity] = v.Address.City
	r[colDistrict] = v.Address.District
	r[colVenueAccessibility] = formatList("accessibility", v.Accessibility)
}

func formatExtensions(x map[string]string) string {
	if len(x) == 0 {
		return ""
	}
	b, err := json.Marshal(x) // keys sorted
	if err != nil {
		return ""
	}
	return string(b)
}

// formula tells whether a cell would start like a spreadsheet formula
// (=, +, -, @, tab, CR), or is such a cell escaped with an apostrophe.
func formula(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	case '\'':
		return formula(s[1:])
	}
	return false
}

// escape keeps spreadsheets from running a cell as a formula (CSV
// injection): such a cell gets a leading apostrophe, which unescape
// removes on import.
func escape(s string) string {
	if formula(s) {
		return "'" + s
	}
	return s
}

// unescape removes the apostrophe escape added.
func unescape(s string) string {
	if len(s) > 1 && s[0] == '\'' && formula(s[1:]) {
		return s[1:]
	}
	return s
}
