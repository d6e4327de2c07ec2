package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/moderation"
)

// The offer form of the self-service: one page with the offer's main
// fields and its dates, one row per date plus an empty row for a new one.
// Field names are the catalogue's field paths ("title", "dates[1].start"),
// so every error of catalogue.PrepareOffer lands on its own field.

// ofield is one input of the offer form.
type ofield struct {
	Name    string // the catalogue's field path
	Label   string
	Kind    string // text, textarea, number, date, time, url, select, checkboxes
	Value   string
	Values  []string // checked boxes
	Options []catalogue.Term
	Hint    string
	Error   string
	Max     int
}

// ID is the field's HTML id.
func (f *ofield) ID() string {
	return "f-" + strings.NewReplacer("[", "-", "]", "", ".", "-").Replace(f.Name)
}

// DescribedBy lists the ids of the hint and the error.
func (f *ofield) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID()+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID()+"-error")
	}
	return strings.Join(ids, " ")
}

// Checked reports whether code is among the checked values.
func (f *ofield) Checked(code string) bool { return slices.Contains(f.Values, code) }

type offerFormData struct {
	layout
	Notice   string
	Provider *catalogue.Provider
	OfferID  int64
	Status   string
	Action   string
	Fields   []*ofield
	Dates    []*dateRowForm
	Other    []string // errors of fields the form does not show
}

type dateRowForm struct {
	Index  int // 0-based, in the field names
	N      int // 1-based, for the legend
	ID     int64
	Fields []*ofield
	New    bool
}

// Errors lists the fields with an error, for the summary.
func (d *offerFormData) Errors() []*ofield {
	var out []*ofield
	for _, f := range d.Fields {
		if f.Error != "" {
			out = append(out, f)
		}
	}
	for _, r := range d.Dates {
		for _, f := range r.Fields {
			if f.Error != "" {
				out = append(out, f)
			}
		}
	}
	return out
}

func (d *offerFormData) field(name string) *ofield {
	for _, f := range d.Fields {
		if f.Name == name {
			return f
		}
	}
	for _, r := range d.Dates {
		for _, f := range r.Fields {
			if f.Name == name {
				return f
			}
		}
	}
	return nil
}

// setErrors puts each field error on its field (the first one wins), and
// the others — fields the form does not show — in Other.
func (d *offerFormData) setErrors(loc *locale, errs []catalogue.FieldError) {
	for _, fe := range errs {
		name := fe.Field
		switch {
		case strings.HasPrefix(name, "price."):
			name = "price"
		case strings.HasPrefix(name, "delivery_modes["):
			name = "delivery_modes"
		}
		if f := d.field(name); f != nil {
			if f.Error == "" {
				f.Error = fe.Message(loc.Lang)
			}
			continue
		}
		if i := strings.Index(name, "]."); strings.HasPrefix(name, "dates[") && i > 0 {
			// A date field the row does not show: put it on the row's start.
			if f := d.field(name[:i+1] + ".start"); f != nil && f.Error == "" {
				f.Error = fe.Message(loc.Lang)
				continue
			}
		}
		d.Other = append(d.Other, fe.Field+": "+fe.Message(loc.Lang))
	}
}

// offerForm builds the form for o in the language of loc.
func offerForm(loc *locale, p *catalogue.Provider, o *catalogue.Offer, venues []*catalogue.Venue) *offerFormData {
	d := &offerFormData{Provider: p, OfferID: o.ID, Status: o.Status}
	if o.ID == 0 {
		d.Action = fmt.Sprintf("/anbieten/%d/angebote/neu", p.ID)
	} else {
		d.Action = fmt.Sprintf("/anbieten/%d/angebote/%d", p.ID, o.ID)
	}
	f := func(name, kind, value string) *ofield {
		return &ofield{Name: name, Kind: kind, Value: value, Label: loc.T("selfservice.field." + name)}
	}
	price, priceNote := "", ""
	if o.Price != nil {
		price, priceNote = formatEuro(o.Price.AmountCents), o.Price.Note
	}
	hours := ""
	if o.TeachingHours > 0 {
		hours = strconv.FormatFloat(o.TeachingHours, 'f', -1, 64)
	}
	title := f("title", "text", o.Title)
	title.Max = 250
	typ := f("type", "select", o.Type)
	typ.Options = catalogue.Vocab("offer_type").Terms
	modes := f("delivery_modes", "checkboxes", "")
	modes.Values, modes.Options = o.DeliveryModes, catalogue.Vocab("delivery_mode").Terms
	degreeType := f("degree_type", "select", o.DegreeType)
	degreeType.Options = catalogue.Vocab("degree_type").Terms
	pr := f("price", "text", price)
	pr.Hint = loc.T("selfservice.hint.price")
	info := f("info_url", "url", o.InfoURL)
	info.Hint = loc.T("selfservice.hint.url")
	d.Fields = []*ofield{
		title, f("subtitle", "text", o.Subtitle), f("short_description", "textarea", o.ShortDescription),
		f("description", "textarea", o.Description), f("target_group", "textarea", o.TargetGroup),
		typ, modes, f("degree", "text", o.Degree), degreeType, f("teaching_hours", "number", hours),
		pr, f("price_note", "text", priceNote), info, f("registration_url", "url", o.RegistrationURL),
	}
	var venueTerms []catalogue.Term
	for _, v := range venues {
		venueTerms = append(venueTerms, catalogue.Term{Code: strconv.FormatInt(v.ID, 10), DE: v.Name, EN: v.Name})
	}
	rows := append(slices.Clone(o.Dates), catalogue.Date{})
	for i, dt := range rows {
		p := fmt.Sprintf("dates[%d].", i)
		df := func(name, kind, value string) *ofield {
			return &ofield{Name: p + name, Kind: kind, Value: value, Label: loc.T("selfservice.field.date." + name)}
		}
		start, startTime, end := "", "", ""
		if dt.Start != nil {
			start, startTime = dt.Start.In(catalogue.Berlin).Format(time.DateOnly), clockOf(*dt.Start)
		}
		if dt.End != nil {
			end = dt.End.In(catalogue.Berlin).Format(time.DateOnly)
		}
		kind := df("start_kind", "select", dt.StartKind)
		kind.Options = catalogue.Vocab("start_kind").Terms
		venue := df("venue_id", "select", "")
		if dt.VenueID != 0 {
			venue.Value = strconv.FormatInt(dt.VenueID, 10)
		}
		venue.Options = venueTerms
		row := &dateRowForm{Index: i, N: i + 1, ID: dt.ID, New: i == len(rows)-1}
		row.Fields = []*ofield{kind, df("start", "date", start), df("start_time", "time", startTime), df("end", "date", end),
			df("time_description", "text", dt.TimeDescription), venue}
		d.Dates = append(d.Dates, row)
	}
	return d
}

func clockOf(t time.Time) string {
	t = t.In(catalogue.Berlin)
	if t.Hour() == 0 && t.Minute() == 0 {
		return ""
	}
	return t.Format("15:04")
}

func formatEuro(cents int64) string {
	return strings.Replace(fmt.Sprintf("%d.%02d", cents/100, cents%100), ".", ",", 1)
}

// parseEuro reads "1.234,50", "1234.5" or "90" as cents.
func parseEuro(s string) (int64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "€"))
	if strings.Contains(s, ",") {
		s = strings.ReplaceAll(s, ".", "")
		s = strings.Replace(s, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1e9 {
		return 0, false
	}
	return int64(f*100 + 0.5), true
}

// applyForm copies the form's values onto o (a copy of the stored offer, or
// a new one) and returns the problems of values that cannot be read at all.
func applyForm(r *http.Request, o *catalogue.Offer) []catalogue.FieldError {
	v := r.PostForm
	var errs []catalogue.FieldError
	o.Title, o.Subtitle = v.Get("title"), v.Get("subtitle")
	o.ShortDescription, o.Description, o.TargetGroup = v.Get("short_description"), v.Get("description"), v.Get("target_group")
	o.Type, o.Degree, o.DegreeType = v.Get("type"), v.Get("degree"), v.Get("degree_type")
	o.DeliveryModes = v["delivery_modes"]
	o.InfoURL, o.RegistrationURL = v.Get("info_url"), v.Get("registration_url")
	o.TeachingHours = 0
	if h := strings.TrimSpace(v.Get("teaching_hours")); h != "" {
		f, err := strconv.ParseFloat(strings.Replace(h, ",", ".", 1), 64)
		if err != nil {
			errs = append(errs, catalogue.FieldError{Field: "teaching_hours", Code: "invalid_format", Params: []any{"40 / 40,5"}})
		}
		o.TeachingHours = f
	}
	if p := strings.TrimSpace(v.Get("price")); p != "" {
		cents, ok := parseEuro(p)
		if !ok {
			errs = append(errs, catalogue.FieldError{Field: "price", Code: "invalid_format", Params: []any{"120,50"}})
		}
		price := catalogue.Price{Currency: "EUR", Unit: "total"}
		if o.Price != nil {
			price = *o.Price
		}
		price.AmountCents, price.Note = cents, v.Get("price_note")
		o.Price = &price
	} else {
		o.Price = nil
	}
	old := o.Dates
	o.Dates = nil
	for i := 0; ; i++ {
		p := fmt.Sprintf("dates[%d].", i)
		if _, ok := v[p+"start_kind"]; !ok {
			break
		}
		id, _ := strconv.ParseInt(v.Get(p+"id"), 10, 64)
		if v.Get(p+"remove") != "" {
			continue
		}
		var d catalogue.Date
		if id != 0 {
			j := slices.IndexFunc(old, func(d catalogue.Date) bool { return d.ID == id })
			if j < 0 {
				errs = append(errs, catalogue.FieldError{Field: p + "start", Code: "unknown_date"})
				continue
			}
			d = old[j]
		}
		kind, start, startTime, end := v.Get(p+"start_kind"), v.Get(p+"start"), v.Get(p+"start_time"), v.Get(p+"end")
		desc, venue := v.Get(p+"time_description"), v.Get(p+"venue_id")
		if id == 0 && start == "" && end == "" && desc == "" && venue == "" && startTime == "" {
			continue // the empty row for a new date
		}
		n := len(o.Dates)
		q := fmt.Sprintf("dates[%d].", n) // the date's index after empty rows are left out
		d.StartKind, d.TimeDescription = kind, desc
		d.Start, d.End = nil, nil
		if start != "" {
			t, err := time.ParseInLocation(time.DateOnly+" 15:04", start+" "+cmpOr(startTime, "00:00"), catalogue.Berlin)
			if err != nil {
				errs = append(errs, catalogue.FieldError{Field: q + "start", Code: "invalid_format", Params: []any{"JJJJ-MM-TT, hh:mm"}})
			} else {
				d.Start = &t
			}
		}
		if end != "" {
			t, err := time.ParseInLocation(time.DateOnly, end, catalogue.Berlin)
			if err != nil {
				errs = append(errs, catalogue.FieldError{Field: q + "end", Code: "invalid_format", Params: []any{"JJJJ-MM-TT"}})
			} else {
				d.End = &t
			}
		}
		d.VenueID, _ = strconv.ParseInt(venue, 10, 64)
		o.Dates = append(o.Dates, d)
	}
	return errs
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func (s *Server) providerVenues(r *http.Request, pid int64) []*catalogue.Venue {
	vs, _, err := s.store.Venues(r.Context(), catalogue.VenueFilter{ProviderID: pid, Page: catalogue.Page{Limit: 500}})
	if err != nil {
		s.log.Warn("venues of provider", "provider", pid, "error", err)
	}
	return vs
}

func (s *Server) renderOfferForm(w http.ResponseWriter, r *http.Request, status int, d *offerFormData) {
	loc := localeOf(r)
	if d.OfferID == 0 {
		d.Title = loc.T("selfservice.offer.new")
	} else {
		d.Title = loc.T("selfservice.offer.edit")
	}
	s.renderAccount(w, r, status, "provider_offer", d)
}

func (s *Server) newOfferForm(w http.ResponseWriter, r *http.Request) {
	_, p := s.memberOf(w, r)
	if p == nil {
		return
	}
	o := &catalogue.Offer{ProviderID: p.ID, Status: catalogue.StatusDraft}
	s.renderOfferForm(w, r, http.StatusOK, offerForm(localeOf(r), p, o, s.providerVenues(r, p.ID)))
}

func (s *Server) editOfferForm(w http.ResponseWriter, r *http.Request) {
	_, p := s.memberOf(w, r)
	if p == nil {
		return
	}
	o := s.ownOffer(w, r, p)
	if o == nil {
		return
	}
	d := offerForm(localeOf(r), p, o, s.providerVenues(r, p.ID))
	d.Notice = selfServiceNotice(r)
	s.renderOfferForm(w, r, http.StatusOK, d)
}

// saveOfferForm saves a new or changed offer as a draft or for publication.
func (s *Server) saveOfferForm(w http.ResponseWriter, r *http.Request) {
	u, p := s.memberOf(w, r)
	if p == nil {
		return
	}
	var before *catalogue.Offer
	o := &catalogue.Offer{ProviderID: p.ID}
	if r.PathValue("id") != "" {
		if before = s.ownOffer(w, r, p); before == nil {
			return
		}
		o = cloneOffer(before)
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest)
		return
	}
	loc := localeOf(r)
	parseErrs := applyForm(r, o)
	o.ProviderID = p.ID // never from the form
	venues := s.providerVenues(r, p.ID)
	for i, d := range o.Dates {
		if d.VenueID != 0 && !slices.ContainsFunc(venues, func(v *catalogue.Venue) bool { return v.ID == d.VenueID }) {
			// Only the provider's own places (another's would be shown as its).
			parseErrs = append(parseErrs, catalogue.FieldError{Field: fmt.Sprintf("dates[%d].venue_id", i), Code: "unknown_venue"})
		}
	}
	o.Status = catalogue.StatusDraft
	if r.PostForm.Get("action") == "publish" {
		o.Status = catalogue.StatusPublished
	}
	now := s.acct.now()
	if before == nil || o.Status == catalogue.StatusPublished {
		o.Provenance.LastConfirmedAt = &now // saving is confirming
	}
	prepErr := catalogue.PrepareOffer(o, now)
	var ve *catalogue.ValidationError
	invalid := errors.As(prepErr, &ve)
	if len(parseErrs) > 0 || invalid {
		d := offerForm(loc, p, o, venues)
		d.setErrors(loc, parseErrs)
		if ve != nil {
			d.setErrors(loc, ve.Errors)
		}
		s.renderOfferForm(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	if prepErr != nil {
		s.accountFailed(w, r, prepErr) // not a validation error: a bug
		return
	}
	action := "offer.create"
	if before != nil {
		action = "offer.update"
	}
	out, err := s.saveReviewed(r.Context(), u.ID, before, o, action)
	if errors.As(err, &ve) { // references the store checks (a venue of another provider)
		d := offerForm(loc, p, o, s.providerVenues(r, p.ID))
		d.setErrors(loc, ve.Errors)
		s.renderOfferForm(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	notice := "gespeichert"
	if out.Queue == moderation.KindPublication {
		notice = "pruefung"
	}
	http.Redirect(w, r, fmt.Sprintf("/anbieten/%d/angebote/%d?hinweis=%s", p.ID, o.ID, url.QueryEscape(notice)), http.StatusSeeOther)
}
