package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
	"github.com/lernnetz/lernnetz/geo"
	"github.com/lernnetz/lernnetz/moderation"
)

// A provider's venues (/anbieten/{pid}/orte): its members (editors and
// admins) list, create and edit the places where its dates take place,
// learning places (Lernorte) among them, so that a newly approved provider
// can publish a classroom offer. The form's field names are the catalogue's
// field paths, so every error of catalogue.PrepareVenue lands on its field;
// the postal code gets its position from the gazetteer (record.Locate, as
// the importers do). A save goes live at once, is audited (venue.create or
// venue.update, before and after) and flagged for the coordination by the
// rules of moderation.ReviewVenue — all in one transaction. A venue of
// another provider is answered like one that does not exist. Texts:
// i18n/*.venues.json.

// venueHourRows is how many empty opening-hour rows the form offers.
const venueHourRows = 3

func (s *Server) setupVenues() {
	s.handle("GET /anbieten/{pid}/orte", s.venuesPage)
	s.handle("GET /anbieten/{pid}/orte/neu", s.newVenueForm)
	s.handle("POST /anbieten/{pid}/orte/neu", s.saveVenueForm)
	s.handle("GET /anbieten/{pid}/orte/{id}", s.editVenueForm)
	s.handle("POST /anbieten/{pid}/orte/{id}", s.saveVenueForm)
}

type venuesData struct {
	layout
	Notice   string
	Provider *catalogue.Provider
	Venues   []*catalogue.Venue
}

// venueFormData is the venue form: its main fields and one row of fields
// per opening interval.
type venueFormData struct {
	layout
	Notice   string
	Provider *catalogue.Provider
	VenueID  int64
	Action   string
	Fields   []*ofield
	Hours    []hourRow
	Other    []string // errors of fields the form does not show
}

// hourRow is one opening interval of the form; N counts from 1.
type hourRow struct {
	N      int
	Fields []*ofield
}

// Errors lists the fields with an error, for the summary.
func (d *venueFormData) Errors() []*ofield {
	var out []*ofield
	for _, f := range d.all() {
		if f.Error != "" {
			out = append(out, f)
		}
	}
	return out
}

func (d *venueFormData) all() []*ofield {
	out := slices.Clone(d.Fields)
	for _, row := range d.Hours {
		out = append(out, row.Fields...)
	}
	return out
}

// setErrors puts each field error on its field (the first one wins), and
// the others in Other.
func (d *venueFormData) setErrors(loc *locale, errs []catalogue.FieldError) {
	for _, fe := range errs {
		name := fe.Field
		if strings.HasPrefix(name, "accessibility[") {
			name = "accessibility"
		}
		i := slices.IndexFunc(d.all(), func(f *ofield) bool { return f.Name == name })
		if i < 0 {
			d.Other = append(d.Other, fe.Field+": "+fe.Message(loc.Lang))
			continue
		}
		if f := d.all()[i]; f.Error == "" {
			f.Error = fe.Message(loc.Lang)
		}
	}
}

// venueForm builds the form for v in the language of loc.
func venueForm(loc *locale, p *catalogue.Provider, v *catalogue.Venue) *venueFormData {
	d := &venueFormData{Provider: p, VenueID: v.ID}
	if v.ID == 0 {
		d.Action = fmt.Sprintf("/anbieten/%d/orte/neu", p.ID)
	} else {
		d.Action = fmt.Sprintf("/anbieten/%d/orte/%d", p.ID, v.ID)
	}
	f := func(name, kind, value string) *ofield {
		return &ofield{Name: name, Kind: kind, Value: value, Label: loc.T("venues.field." + name)}
	}
	name := f("name", "text", v.Name)
	name.Max = 250
	kind := f("kind", "select", v.Kind)
	kind.Options, kind.Hint = catalogue.Vocab("venue_kind").Terms, loc.T("venues.hint.kind")
	postal := f("address.postal_code", "text", v.Address.PostalCode)
	postal.Hint = loc.T("venues.hint.postal_code")
	access := f("accessibility", "checkboxes", "")
	access.Values, access.Options = v.Accessibility, catalogue.Vocab("accessibility").Terms
	equipment := f("equipment", "textarea", strings.Join(v.Equipment, "\n"))
	equipment.Hint = loc.T("venues.hint.equipment")
	website := f("website", "url", v.Website)
	website.Hint = loc.T("selfservice.hint.url")
	d.Fields = []*ofield{
		name, kind, f("description", "textarea", v.Description),
		f("address.street", "text", v.Address.Street), postal, f("address.city", "text", v.Address.City),
		access, equipment, website, f("email", "email", v.Email), f("phone", "tel", v.Phone),
	}
	hours := append(slices.Clone(v.OpeningHours), make([]catalogue.OpeningHours, venueHourRows)...)
	for i, h := range hours {
		p := fmt.Sprintf("opening_hours[%d].", i)
		hf := func(name, kind, value string) *ofield {
			return &ofield{Name: p + name, Kind: kind, Value: value, Label: loc.T("venues.field.hours." + name)}
		}
		day := hf("day", "select", h.Day)
		day.Options = catalogue.Vocab("weekday").Terms
		d.Hours = append(d.Hours, hourRow{N: i + 1, Fields: []*ofield{day, hf("opens", "time", h.Opens), hf("closes", "time", h.Closes)}})
	}
	return d
}

// applyVenueForm copies the form's values onto v (a copy of the stored
// venue, or a new one). Empty opening-hour rows are left out.
func applyVenueForm(r *http.Request, v *catalogue.Venue) {
	f := r.PostForm
	v.Name, v.Kind, v.Description = f.Get("name"), f.Get("kind"), f.Get("description")
	v.Address.Street, v.Address.PostalCode, v.Address.City = f.Get("address.street"), f.Get("address.postal_code"), f.Get("address.city")
	v.Accessibility = f["accessibility"]
	v.Website, v.Email, v.Phone = f.Get("website"), f.Get("email"), f.Get("phone")
	v.Equipment = nil
	for _, line := range strings.Split(f.Get("equipment"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			v.Equipment = append(v.Equipment, line)
		}
	}
	v.OpeningHours = nil
	for i := 0; ; i++ {
		p := fmt.Sprintf("opening_hours[%d].", i)
		if _, ok := f[p+"day"]; !ok {
			break
		}
		h := catalogue.OpeningHours{Day: f.Get(p + "day"), Opens: strings.TrimSpace(f.Get(p + "opens")), Closes: strings.TrimSpace(f.Get(p + "closes"))}
		if h != (catalogue.OpeningHours{}) {
			v.OpeningHours = append(v.OpeningHours, h)
		}
	}
}

// locateVenue gives v the position of its postal code when the address is
// new or changed (a position kept from an import stays otherwise), and
// returns an error for a well-formed German code the gazetteer does not
// know.
func locateVenue(before, v *catalogue.Venue) []catalogue.FieldError {
	if before != nil && before.Address == v.Address && before.Geo != nil {
		return nil
	}
	v.Address.PostalCode = strings.TrimSpace(v.Address.PostalCode)
	v.Address.State = "" // from the gazetteer, for the new code
	v.Geo = record.Locate(geo.Default(), &v.Address)
	if v.Geo == nil && len(v.Address.PostalCode) == 5 && strings.Trim(v.Address.PostalCode, "0123456789") == "" &&
		(v.Address.Country == "" || v.Address.Country == "DE") {
		return []catalogue.FieldError{{Field: "address.postal_code", Code: "unknown_postal_code"}}
	}
	return nil
}

// ownVenue loads the path's {id} venue when it belongs to provider p; a
// venue of another provider (or of the network) is answered like one that
// does not exist.
func (s *Server) ownVenue(w http.ResponseWriter, r *http.Request, p *catalogue.Provider) *catalogue.Venue {
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound)
		return nil
	}
	v, err := s.store.Venue(r.Context(), id)
	if err == nil && v.ProviderID != p.ID {
		err = catalogue.ErrNotFound
	}
	if err != nil {
		s.pageError(w, r, err)
		return nil
	}
	return v
}

func venueNotice(r *http.Request) string {
	if n := r.URL.Query().Get("hinweis"); n == "gespeichert" || n == "angelegt" {
		return localeOf(r).T("venues.notice." + n)
	}
	return ""
}

func (s *Server) venuesPage(w http.ResponseWriter, r *http.Request) {
	_, p := s.memberOf(w, r)
	if p == nil {
		return
	}
	d := &venuesData{layout: layout{Title: localeOf(r).T("venues.title")}, Notice: venueNotice(r), Provider: p, Venues: s.providerVenues(r, p.ID)}
	s.renderAccount(w, r, http.StatusOK, "provider_venues", d)
}

func (s *Server) renderVenueForm(w http.ResponseWriter, r *http.Request, status int, d *venueFormData) {
	if d.VenueID == 0 {
		d.Title = localeOf(r).T("venues.new")
	} else {
		d.Title = localeOf(r).T("venues.edit")
	}
	s.renderAccount(w, r, status, "provider_venue", d)
}

func (s *Server) newVenueForm(w http.ResponseWriter, r *http.Request) {
	if _, p := s.memberOf(w, r); p != nil {
		v := &catalogue.Venue{ProviderID: p.ID, Kind: "classroom", Address: catalogue.Address{City: p.Address.City, PostalCode: p.Address.PostalCode}}
		s.renderVenueForm(w, r, http.StatusOK, venueForm(localeOf(r), p, v))
	}
}

func (s *Server) editVenueForm(w http.ResponseWriter, r *http.Request) {
	_, p := s.memberOf(w, r)
	if p == nil {
		return
	}
	if v := s.ownVenue(w, r, p); v != nil {
		d := venueForm(localeOf(r), p, v)
		d.Notice = venueNotice(r)
		s.renderVenueForm(w, r, http.StatusOK, d)
	}
}

// saveVenueForm saves a new or changed venue.
func (s *Server) saveVenueForm(w http.ResponseWriter, r *http.Request) {
	u, p := s.memberOf(w, r)
	if p == nil {
		return
	}
	var before *catalogue.Venue
	v := &catalogue.Venue{}
	if r.PathValue("id") != "" {
		if before = s.ownVenue(w, r, p); before == nil {
			return
		}
		c := *before
		v = &c
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest)
		return
	}
	loc := localeOf(r)
	applyVenueForm(r, v)
	v.ProviderID = p.ID // never from the form
	errs := locateVenue(before, v)
	prepErr := catalogue.PrepareVenue(v)
	var ve *catalogue.ValidationError
	if errors.As(prepErr, &ve) {
		errs = append(errs, ve.Errors...)
	} else if prepErr != nil {
		s.accountFailed(w, r, prepErr) // not a validation error: a bug
		return
	}
	if len(errs) > 0 {
		d := venueForm(loc, p, v)
		d.setErrors(loc, errs)
		s.renderVenueForm(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	action := "venue.create"
	if before != nil {
		action = "venue.update"
	}
	err := s.store.Atomic(r.Context(), func(tx catalogue.Store) error {
		m, err := modStore(tx)
		if err != nil {
			return err
		}
		if err := tx.SaveVenue(r.Context(), v); err != nil {
			return err
		}
		if err := m.AppendAudit(r.Context(), &moderation.AuditEntry{ActorID: u.ID, Action: action, Entity: "venue", EntityID: v.ID,
			Before: moderation.Snapshot(before), After: moderation.Snapshot(v)}); err != nil {
			return err
		}
		out := moderation.ReviewVenue(before, v)
		if out.Queue == "" {
			return nil
		}
		return m.AddItem(r.Context(), &moderation.Item{Kind: out.Queue, ProviderID: p.ID, RequestedBy: u.ID, Title: v.Name, Fields: out.Fields})
	})
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	notice := "gespeichert"
	if before == nil {
		notice = "angelegt"
	}
	http.Redirect(w, r, fmt.Sprintf("/anbieten/%d/orte/%d?hinweis=%s", p.ID, v.ID, notice), http.StatusSeeOther)
}
