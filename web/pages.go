package web

import (
	"bytes"
	"cmp"
	"embed"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// funcsFor returns the template functions in the language of l.
func funcsFor(l *locale) template.FuncMap {
	return template.FuncMap{
		"t":            l.T,
		"n":            l.N,
		"label":        l.Label,
		"labels":       l.Labels,
		"degree":       l.Degree,
		"paragraphs":   paragraphs,
		"price":        l.Price,
		"number":       l.Number,
		"day":          l.Day,
		"km":           l.Km,
		"contactName":  contactName,
		"offerPath":    offerPath,
		"providerPath": providerPath,
		"venuePath":    venuePath,
		"join":         func(items []string) string { return strings.Join(items, ", ") },
		"osm":          osmURL,
		"asset":        assetPath,
		"list":         func(v ...string) []string { return v },
		"searchURL":    func(param, value string) string { return searchURL(nil, param, value) },
		// catalogueLang marks text from the catalogue, which is German, on
		// pages in another language (WCAG 3.1.2, language of parts).
		"catalogueLang": func() template.HTMLAttr { return catalogueLangAttr(l) },
	}
}

// catalogueLangAttr is the lang attribute of catalogue text on pages in the
// language of l: none in German.
func catalogueLangAttr(l *locale) template.HTMLAttr {
	if l.Lang == "de" {
		return ""
	}
	return ` lang="de"`
}

// pageNames are the templates of the pages besides the layout.
var pageNames = []string{"home", "offer", "provider", "venue", "error", "search", "merkliste", "compare",
	"info", "feedback", "places", "help_csv", "map"}

// templateFuncs are the German template functions; other template sets (the
// account pages) start from them.
var templateFuncs = funcsFor(localeDE)

// pageTemplates holds the German template set of each page: the layout with
// the page's "content", its functions bound to German; pageTemplatesEN holds
// the English ones. A page without an English set is shown in German.
var (
	pageTemplates   = parseTemplates(localeDE, pageNames...)
	pageTemplatesEN = parseTemplates(localeEN, pageNames...)
)

// foldTemplates says whether parseTemplates folds constant translations
// (template_fold.go); a test turns it off to compare.
var foldTemplates = true

func parseTemplates(l *locale, names ...string) map[string]*template.Template {
	layout := template.Must(template.New("layout.html").Funcs(funcsFor(l)).ParseFS(templateFS, "templates/layout.html"))
	out := make(map[string]*template.Template, len(names))
	for _, n := range names {
		out[n] = template.Must(template.Must(layout.Clone()).ParseFS(templateFS, "templates/"+n+".html"))
		if foldTemplates {
			foldConstants(out[n], l)
		}
	}
	return out
}

// layout is what every page tells the layout; render fills the fields after
// Description.
type layout struct {
	Title       string // of the page, before " – lernnetz"
	Description string // for <meta name="description">
	// Canonical is the path of the page's canonical URL; empty for pages
	// that search engines should not index (noindex).
	Canonical string
	// JSONLD is schema.org data about the page, rendered as JSON.
	JSONLD any
	// Feed is the path of an Atom feed of the page's offers, linked as
	// rel=alternate (api_feeds.go).
	Feed string
	// Calendar is the path of an iCalendar file of the page's dates.
	Calendar string

	L            *locale
	CanonicalURL string // absolute, with ?lang=en in English
	SwitchURL    string // this page in the other language
	HrefDE       string // absolute URLs of the page in German and English, for hreflang
	HrefEN       string
	Merkliste    int // how many offers are on the Merkliste
	Kiosk        bool
	Section      string // the main navigation entry of the page
}

func (l *layout) base() *layout { return l }

// page is the data of a page: a struct that embeds layout.
type page interface{ base() *layout }

// contentSecurityPolicy allows the pages nothing but their own stylesheet
// and scripts (static/suggest.js, which asks the API for suggestions).
// JSON-LD is data, not script: browsers never execute it.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; connect-src 'self'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// render writes the page name with data in the language of the request. It
// renders into a buffer first, so that a template error becomes a clean 500
// page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	loc := localeOf(r)
	tmpl := pageTemplatesEN[name]
	if loc.Lang != "en" || tmpl == nil {
		loc, tmpl = localeDE, pageTemplates[name]
	}
	p, ok := data.(page)
	if !ok {
		// A page's data given as a value: render a copy we can fill in.
		v := reflect.New(reflect.TypeOf(data))
		v.Elem().Set(reflect.ValueOf(data))
		data = v.Interface()
		p = data.(page) // every page's data embeds layout
	}
	b := p.base()
	b.L = loc
	b.Kiosk = isKiosk(r)
	b.Merkliste = len(merklisteIDs(r))
	b.SwitchURL = switchURL(r, loc)
	b.HrefDE, b.HrefEN = alternates(r, b.Canonical)
	if b.Canonical != "" {
		b.CanonicalURL = b.HrefDE
		if loc.Lang == "en" {
			b.CanonicalURL = b.HrefEN
		}
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("render page", "page", name, "error", err, "request_id", requestID(r.Context()))
		if name != "error" {
			s.errorPage(w, r, http.StatusInternalServerError)
			return
		}
		http.Error(w, loc.T("error.500.title"), http.StatusInternalServerError)
		return
	}
	rememberLocale(w, r)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", loc.Lang)
	if b.Canonical == "" || status >= 400 {
		w.Header().Set("X-Robots-Tag", "noindex")
	}
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// switchURL is the request's page in the other language: its URL with the
// lang parameter set, for GET requests; the home page otherwise.
func switchURL(r *http.Request, loc *locale) string {
	other := "en"
	if loc.Lang == "en" {
		other = "de"
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return "/?lang=" + other
	}
	q := r.URL.Query()
	q.Set("lang", other)
	return r.URL.Path + "?" + q.Encode()
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

// errorPage renders the page for status.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int) {
	s.renderError(w, r, errorPageData{Status: status})
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, d errorPageData) {
	loc := localeOf(r)
	key := "error." + strconv.Itoa(d.Status)
	if _, ok := loc.msgs[key+".title"]; !ok {
		key = "error.500"
	}
	if d.Title == "" {
		d.Title = loc.T(key + ".title")
	}
	if d.Message == "" {
		d.Message = loc.T(key + ".text")
	}
	if d.Status >= 500 {
		d.RequestID = requestID(r.Context())
	}
	s.render(w, r, d.Status, "error", &d)
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

// The home page.

type homePageData struct {
	layout
	searchForm
	OfferCount     int
	ProviderCount  int
	PlaceCount     int
	Dates          []homeDate
	Topics         []catalogue.Term
	LearningPlaces []*catalogue.Venue
	Counselling    []*catalogue.Provider
}

type homeDate struct {
	When       string
	OfferID    int64
	OfferTitle string
	Venue      *catalogue.Venue
}

func (s *Server) homePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	loc := localeOf(r)
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
	counselling, _, err := s.store.Providers(ctx, catalogue.ProviderFilter{Kind: "counselling_centre", Page: catalogue.Page{Limit: 20}})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := homePageData{
		layout: layout{Title: loc.T("home.title"), Description: loc.T("home.description"), Canonical: "/", Section: "home",
			Feed: feedPath("offers.atom", nil)},
		OfferCount: offerCount, ProviderCount: providerCount, PlaceCount: placeCount,
		Topics: catalogue.Vocab("topic").Terms, LearningPlaces: places, Counselling: counselling,
	}
	for _, date := range dates {
		if date.Start == nil {
			continue // the store lists dates without a fixed start last
		}
		d.Dates = append(d.Dates, homeDate{
			When: loc.Span(date.Start, date.End), OfferID: date.OfferID, OfferTitle: date.OfferTitle, Venue: date.Venue,
		})
	}
	s.render(w, r, http.StatusOK, "home", &d)
}

// The offer page.

type offerPageData struct {
	layout
	Offer       *catalogue.Offer
	Price       string
	Dates       []dateRow
	OnMerkliste bool
	Funding     []fundingText
}

// fundingText explains a kind of funding in plain words.
type fundingText struct {
	Label, Text string
}

// dateRow is a date as the offer page's table shows it.
type dateRow struct {
	ID              int64
	OfferID         int64
	When            string
	Duration        string
	Times           []string
	TimeDescription string
	Venue           *catalogue.Venue
	Price           string
	PriceNote       string
	Notes           []string // registration deadline, places, measure number, note
	Contact         *catalogue.Contact
	Calendar        bool // has a fixed start: offers an .ics file
}

func newDateRow(loc *locale, d *catalogue.Date, offerPrice *catalogue.Price) dateRow {
	row := dateRow{
		ID:              d.ID,
		OfferID:         d.OfferID,
		When:            loc.Span(d.Start, d.End),
		Duration:        loc.Duration(d.Duration, d.DurationUnit),
		Times:           loc.Labels("time_pattern", d.TimePatterns),
		TimeDescription: d.TimeDescription,
		Venue:           d.Venue,
		Contact:         d.Contact,
		Calendar:        d.StartKind == catalogue.StartFixed && d.Start != nil,
	}
	if d.StartKind != catalogue.StartFixed || row.When == "" {
		row.When = loc.Label("start_kind", d.StartKind)
	}
	// "Abends" is both a time pattern and a time of day: say it once.
	if dt := loc.Label("day_time", d.DayTime); d.DayTime != "" && !slices.Contains(row.Times, dt) {
		row.Times = append(row.Times, dt)
	}
	price := d.Price
	if price == nil {
		price = offerPrice
	}
	row.Price = loc.Price(price)
	if price != nil {
		row.PriceNote = price.Note
	}
	if d.RegistrationDeadline != nil {
		row.Notes = append(row.Notes, loc.T("date.deadline", loc.DateTime(*d.RegistrationDeadline)))
	}
	if seats := loc.Seats(d.SeatsMin, d.SeatsMax); seats != "" {
		row.Notes = append(row.Notes, seats)
	}
	if d.MeasureNumber != "" {
		row.Notes = append(row.Notes, loc.T("date.measure", d.MeasureNumber))
	}
	if d.Note != "" {
		row.Notes = append(row.Notes, d.Note)
	}
	return row
}

// publishedOffer reads the offer of the request's {id} and answers for it
// when it cannot be shown: 404, or 410 for an expired or withdrawn offer.
func (s *Server) publishedOffer(w http.ResponseWriter, r *http.Request) (*catalogue.Offer, bool) {
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound)
		return nil, false
	}
	o, err := s.store.Offer(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return nil, false
	}
	switch o.Status {
	case catalogue.StatusPublished:
		return o, true
	case catalogue.StatusExpired, catalogue.StatusWithdrawn:
		loc := localeOf(r)
		s.renderError(w, r, errorPageData{
			layout: layout{Title: loc.T("offer.gone.title")}, Status: http.StatusGone,
			Message:  loc.T("offer.gone.text", o.Title),
			LinkPath: providerPath(o.ProviderID), LinkText: loc.T("offer.gone.link"),
		})
	default:
		s.errorPage(w, r, http.StatusNotFound)
	}
	return nil, false
}

func (s *Server) offerPage(w http.ResponseWriter, r *http.Request) {
	o, ok := s.publishedOffer(w, r)
	if !ok {
		return
	}
	loc := localeOf(r)
	d := offerPageData{
		layout: layout{Title: o.Title, Description: shorten(cmp.Or(o.ShortDescription, o.Description), 160),
			Canonical: offerPath(o.ID), JSONLD: courseJSONLD(r.Context(), o)},
		Offer:       o,
		Price:       loc.Price(o.Price),
		OnMerkliste: onMerkliste(r, o.ID),
	}
	for _, f := range o.Funding {
		d.Funding = append(d.Funding, fundingText{Label: loc.Label("funding", f), Text: loc.T("funding." + f)})
	}
	for i := range o.Dates {
		d.Dates = append(d.Dates, newDateRow(loc, &o.Dates[i], o.Price))
	}
	s.render(w, r, http.StatusOK, "offer", &d)
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
	loc := localeOf(r)
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
	d := providerPageData{layout: layout{Title: p.Name, Description: shorten(p.Description, 160), Canonical: providerPath(id),
		JSONLD: organizationJSONLD(ctx, p)}, Provider: p, Venues: venues}
	feedQuery := url.Values{"provider": {strconv.FormatInt(id, 10)}}
	d.Feed, d.Calendar = feedPath("offers.atom", feedQuery), feedPath("dates.ics", feedQuery)
	now := time.Now()
	for _, o := range offers {
		d.Offers = append(d.Offers, providerOffer{Offer: o, Next: nextStart(loc, o.Dates, now)})
	}
	s.render(w, r, http.StatusOK, "provider", &d)
}

// nextStart tells when the next of dates begins.
func nextStart(loc *locale, dates []catalogue.Date, now time.Time) string {
	var next *catalogue.Date
	for i := range dates {
		d := &dates[i]
		if d.Start != nil && !d.Start.Before(now) && (next == nil || d.Start.Before(*next.Start)) {
			next = d
		}
	}
	if next != nil {
		return loc.T("date.from", loc.DateTime(*next.Start))
	}
	for _, d := range dates {
		if d.StartKind != catalogue.StartFixed {
			return loc.Label("start_kind", d.StartKind)
		}
	}
	return ""
}

// The venue page.

type venuePageData struct {
	layout
	Venue    *catalogue.Venue
	Provider *catalogue.Provider
	Hours    []hoursRow
}

// hoursRow is a weekday's opening hours as a venue page shows them.
type hoursRow struct {
	Day   string // the weekday's label
	Spans string // "10:00–12:00 und 14:00–19:00 Uhr"
}

// weekdays are the codes of catalogue.OpeningHours.Day, Monday first.
var weekdays = []string{"mo", "tu", "we", "th", "fr", "sa", "su"}

// openingHours puts a venue's opening intervals in a week's order and each
// weekday's intervals on one row, earliest first.
func openingHours(loc *locale, hours []catalogue.OpeningHours) []hoursRow {
	hs := slices.Clone(hours)
	slices.SortStableFunc(hs, func(a, b catalogue.OpeningHours) int {
		return cmp.Or(cmp.Compare(slices.Index(weekdays, a.Day), slices.Index(weekdays, b.Day)), cmp.Compare(a.Opens, b.Opens))
	})
	var rows []hoursRow
	var spans []string
	for i, h := range hs {
		spans = append(spans, h.Opens+"–"+h.Closes)
		if i+1 == len(hs) || hs[i+1].Day != h.Day {
			rows = append(rows, hoursRow{Day: loc.Label("weekday", h.Day),
				Spans: loc.T("venue.hours.spans", joinAnd(loc, spans))})
			spans = nil
		}
	}
	return rows
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
	d := venuePageData{layout: layout{Title: v.Name, Description: shorten(v.Description, 160), Canonical: venuePath(id),
		JSONLD: placeJSONLD(ctx, v), Section: "places"}, Venue: v, Hours: openingHours(localeOf(r), v.OpeningHours)}
	if v.ProviderID != 0 {
		d.Provider, err = s.store.Provider(ctx, v.ProviderID)
		if err != nil && !errors.Is(err, catalogue.ErrNotFound) {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "venue", &d)
}
