package web

import (
	"bytes"
	"cmp"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

var templateFuncs = template.FuncMap{
	"label":        label,
	"labels":       labels,
	"paragraphs":   paragraphs,
	"price":        formatPrice,
	"number":       formatNumber,
	"day":          formatDay,
	"contactName":  contactName,
	"offerPath":    offerPath,
	"providerPath": providerPath,
	"venuePath":    venuePath,
	"join":         func(items []string) string { return strings.Join(items, ", ") },
	"osm":          osmURL,
}

// pageTemplates holds one template set per page: the layout with the page's
// "content".
var pageTemplates = parseTemplates("home", "offer", "provider", "venue", "error")

func parseTemplates(names ...string) map[string]*template.Template {
	layout := template.Must(template.New("layout.html").Funcs(templateFuncs).ParseFS(templateFS, "templates/layout.html"))
	out := make(map[string]*template.Template, len(names))
	for _, n := range names {
		out[n] = template.Must(template.Must(layout.Clone()).ParseFS(templateFS, "templates/"+n+".html"))
	}
	return out
}

// layout is what every page tells the layout.
type layout struct {
	Title       string // of the page, before " – lernnetz"
	Description string // for <meta name="description">
}

// contentSecurityPolicy allows the pages nothing but their own stylesheet.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// render writes the page name with data. It renders into a buffer first, so
// that a template error becomes a clean 500 page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var buf bytes.Buffer
	if err := pageTemplates[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("render page", "page", name, "error", err, "request_id", requestID(r.Context()))
		if name != "error" {
			s.errorPage(w, r, http.StatusInternalServerError)
			return
		}
		http.Error(w, "Interner Fehler", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// errorPageData describes an error page.
type errorPageData struct {
	layout
	Status    int
	Message   string
	RequestID string // shown for server errors
	LinkPath  string // an extra way on, e.g. the provider of a withdrawn offer
	LinkText  string
}

var errorTexts = map[int][2]string{
	http.StatusNotFound: {"Seite nicht gefunden",
		"Diese Seite gibt es nicht (mehr). Vielleicht hat sich die Adresse geändert oder der Eintrag wurde entfernt."},
	http.StatusMethodNotAllowed: {"Aktion nicht möglich",
		"Diese Seite kann man nur aufrufen, nicht verändern."},
	http.StatusGone: {"Nicht mehr verfügbar",
		"Dieses Angebot ist abgelaufen oder wurde vom Anbieter zurückgezogen."},
	http.StatusInternalServerError: {"Ein Fehler ist aufgetreten",
		"Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es später noch einmal."},
}

// errorPage renders the German page for status.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int) {
	s.renderError(w, r, errorPageData{Status: status})
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, d errorPageData) {
	texts, ok := errorTexts[d.Status]
	if !ok {
		texts = errorTexts[http.StatusInternalServerError]
	}
	if d.Title == "" {
		d.Title = texts[0]
	}
	if d.Message == "" {
		d.Message = texts[1]
	}
	if d.Status >= 500 {
		d.RequestID = requestID(r.Context())
	}
	s.render(w, r, d.Status, "error", d)
}

// pageError answers a failed store call: 404 for ErrNotFound, else a logged 500.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, catalogue.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound)
		return
	}
	s.log.Error("page failed", "path", r.URL.Path, "error", err, "request_id", requestID(r.Context()))
	s.errorPage(w, r, http.StatusInternalServerError)
}

// pathID returns the {id} of the request's path, or false when it is none.
func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// static serves the embedded stylesheet and other assets.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	name := "static/" + r.PathValue("file")
	if fi, err := fs.Stat(staticFS, name); err != nil || fi.IsDir() {
		s.errorPage(w, r, http.StatusNotFound)
		return
	}
	http.ServeFileFS(w, r, staticFS, name)
}

// The home page.

type homePageData struct {
	layout
	OfferCount     int
	ProviderCount  int
	PlaceCount     int
	Dates          []homeDate
	Topics         []catalogue.Term
	LearningPlaces []*catalogue.Venue
}

type homeDate struct {
	When       string
	OfferID    int64
	OfferTitle string
	Venue      *catalogue.Venue
}

func (s *Server) homePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	now := time.Now()
	one := catalogue.Page{Limit: 1}
	_, offerCount, err := s.store.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusPublished, Page: one})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, providerCount, err := s.store.Providers(ctx, catalogue.ProviderFilter{Page: one})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	places, placeCount, err := s.store.Venues(ctx, catalogue.VenueFilter{LearningPlaces: true, Page: catalogue.Page{Limit: 100}})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	dates, _, err := s.store.Dates(ctx, catalogue.DateFilter{From: &now, Status: catalogue.StatusPublished, Page: catalogue.Page{Limit: 10}})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := homePageData{
		layout: layout{
			Title:       "Lernen im Saarland",
			Description: "Kurse, Weiterbildungen und Lernorte der Bildungsanbieter im Saarland an einem Ort.",
		},
		OfferCount: offerCount, ProviderCount: providerCount, PlaceCount: placeCount,
		Topics: catalogue.Vocab("topic").Terms, LearningPlaces: places,
	}
	for _, date := range dates {
		if date.Start == nil {
			continue // the store lists dates without a fixed start last
		}
		d.Dates = append(d.Dates, homeDate{
			When: formatSpan(date.Start, date.End), OfferID: date.OfferID, OfferTitle: date.OfferTitle, Venue: date.Venue,
		})
	}
	s.render(w, r, http.StatusOK, "home", d)
}

// The offer page.

type offerPageData struct {
	layout
	Offer *catalogue.Offer
	Price string
	Dates []dateRow
}

// dateRow is a date as the offer page's table shows it.
type dateRow struct {
	ID              int64
	When            string
	Duration        string
	Times           []string
	TimeDescription string
	Venue           *catalogue.Venue
	Price           string
	PriceNote       string
	Notes           []string // registration deadline, places, measure number, note
	Contact         *catalogue.Contact
}

func newDateRow(d *catalogue.Date, offerPrice *catalogue.Price) dateRow {
	row := dateRow{
		ID:              d.ID,
		When:            formatSpan(d.Start, d.End),
		Duration:        formatDuration(d.Duration, d.DurationUnit),
		Times:           labels("time_pattern", d.TimePatterns),
		TimeDescription: d.TimeDescription,
		Venue:           d.Venue,
		Contact:         d.Contact,
	}
	if d.StartKind != catalogue.StartFixed || row.When == "" {
		row.When = label("start_kind", d.StartKind)
	}
	if d.DayTime != "" {
		row.Times = append(row.Times, label("day_time", d.DayTime))
	}
	price := d.Price
	if price == nil {
		price = offerPrice
	}
	row.Price = formatPrice(price)
	if price != nil {
		row.PriceNote = price.Note
	}
	if d.RegistrationDeadline != nil {
		row.Notes = append(row.Notes, "Anmeldeschluss: "+formatDateTime(*d.RegistrationDeadline))
	}
	if seats := formatSeats(d.SeatsMin, d.SeatsMax); seats != "" {
		row.Notes = append(row.Notes, seats)
	}
	if d.MeasureNumber != "" {
		row.Notes = append(row.Notes, "Maßnahmenummer: "+d.MeasureNumber)
	}
	if d.Note != "" {
		row.Notes = append(row.Notes, d.Note)
	}
	return row
}

func (s *Server) offerPage(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound)
		return
	}
	o, err := s.store.Offer(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	switch o.Status {
	case catalogue.StatusPublished:
	case catalogue.StatusExpired, catalogue.StatusWithdrawn:
		s.renderError(w, r, errorPageData{
			layout: layout{Title: "Angebot nicht mehr verfügbar"}, Status: http.StatusGone,
			Message:  "Das Angebot „" + o.Title + "“ ist abgelaufen oder wurde vom Anbieter zurückgezogen.",
			LinkPath: providerPath(o.ProviderID), LinkText: "Weitere Angebote dieses Anbieters",
		})
		return
	default:
		s.errorPage(w, r, http.StatusNotFound)
		return
	}
	d := offerPageData{
		layout: layout{Title: o.Title, Description: shorten(cmp.Or(o.ShortDescription, o.Description), 160)},
		Offer:  o,
		Price:  formatPrice(o.Price),
	}
	for i := range o.Dates {
		d.Dates = append(d.Dates, newDateRow(&o.Dates[i], o.Price))
	}
	s.render(w, r, http.StatusOK, "offer", d)
}

// The provider page.

type providerPageData struct {
	layout
	Provider *catalogue.Provider
	Offers   []providerOffer
	Venues   []*catalogue.Venue
}

type providerOffer struct {
	*catalogue.Offer
	Next string // when the next date starts
}

func (s *Server) providerPage(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound)
		return
	}
	ctx := r.Context()
	p, err := s.store.Provider(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	offers, _, err := s.store.Offers(ctx, catalogue.OfferFilter{ProviderID: id, Status: catalogue.StatusPublished, Page: catalogue.Page{Limit: 100}})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	venues, _, err := s.store.Venues(ctx, catalogue.VenueFilter{ProviderID: id, Page: catalogue.Page{Limit: 100}})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := providerPageData{layout: layout{Title: p.Name, Description: shorten(p.Description, 160)}, Provider: p, Venues: venues}
	now := time.Now()
	for _, o := range offers {
		d.Offers = append(d.Offers, providerOffer{Offer: o, Next: nextStart(o.Dates, now)})
	}
	s.render(w, r, http.StatusOK, "provider", d)
}

// nextStart tells when the next of dates begins.
func nextStart(dates []catalogue.Date, now time.Time) string {
	var next *catalogue.Date
	for i := range dates {
		d := &dates[i]
		if d.Start != nil && !d.Start.Before(now) && (next == nil || d.Start.Before(*next.Start)) {
			next = d
		}
	}
	if next != nil {
		return "ab " + formatDateTime(*next.Start)
	}
	for _, d := range dates {
		if d.StartKind != catalogue.StartFixed {
			return label("start_kind", d.StartKind)
		}
	}
	return ""
}

// The venue page.

type venuePageData struct {
	layout
	Venue    *catalogue.Venue
	Provider *catalogue.Provider
}

func (s *Server) venuePage(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound)
		return
	}
	ctx := r.Context()
	v, err := s.store.Venue(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := venuePageData{layout: layout{Title: v.Name, Description: shorten(v.Description, 160)}, Venue: v}
	if v.ProviderID != 0 {
		d.Provider, err = s.store.Provider(ctx, v.ProviderID)
		if err != nil && !errors.Is(err, catalogue.ErrNotFound) {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "venue", d)
}
