package web

import (
	"net/http"
	"net/mail"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/lernnetz/lernnetz/catalogue"
)

// timeNow is the clock of the pages; tests may set it.
var timeNow = time.Now

// Information pages: imprint, privacy, the accessibility statement, and the
// feedback form. Their texts come from the message catalogues (info.KEY.*).

type infoPageData struct {
	layout
	Key      string   // imprint, privacy, accessibility
	Sections []string // message keys of the sections: KEY.h and KEY.p
}

var infoSections = map[string][]string{
	"imprint":       {"info.imprint.provider", "info.imprint.contact", "info.imprint.responsible", "info.imprint.liability"},
	"privacy":       {"info.privacy.summary", "info.privacy.cookies", "info.privacy.logs", "info.privacy.feedback", "info.privacy.rights"},
	"accessibility": {"info.accessibility.status", "info.accessibility.limits", "info.accessibility.feedback", "info.accessibility.enforcement"},
}

func (s *Server) infoPage(key, path string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		loc := localeOf(r)
		s.render(w, r, http.StatusOK, "info", &infoPageData{
			layout: layout{Title: loc.T("info." + key + ".title"), Canonical: path, Section: key},
			Key:    key, Sections: infoSections[key],
		})
	}
}

// Feedback. Messages are kept in memory (the last feedbackKeep) and written
// to the log; sending them to the network's editors by mail comes with the
// mail outbox.

type feedbackPageData struct {
	layout
	Message, Email, Page string
	Errors               map[string]string // field → message
	Thanks               bool
}

const feedbackKeep = 200

// Feedback is one message sent with the feedback form.
type Feedback struct {
	At      time.Time
	Message string
	Email   string
	Page    string
	Lang    string
}

type feedbackBox struct {
	mu   sync.Mutex
	msgs []Feedback
}

func (b *feedbackBox) add(f Feedback) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.msgs = append(b.msgs, f)
	if len(b.msgs) > feedbackKeep {
		b.msgs = b.msgs[len(b.msgs)-feedbackKeep:]
	}
}

// Feedback returns the feedback received since the start, oldest first (at
// most the last 200).
func (s *Server) Feedback() []Feedback {
	s.feedback.mu.Lock()
	defer s.feedback.mu.Unlock()
	return append([]Feedback(nil), s.feedback.msgs...)
}

func (s *Server) feedbackForm(w http.ResponseWriter, r *http.Request) {
	loc := localeOf(r)
	d := feedbackPageData{layout: layout{Title: loc.T("feedback.title"), Canonical: "/feedback", Section: "feedback"},
		Page: localPath(r.URL.Query().Get("seite"), "")}
	s.render(w, r, http.StatusOK, "feedback", &d)
}

func (s *Server) feedbackPost(w http.ResponseWriter, r *http.Request) {
	loc := localeOf(r)
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest)
		return
	}
	d := feedbackPageData{layout: layout{Title: loc.T("feedback.title"), Section: "feedback"},
		Message: strings.TrimSpace(r.PostForm.Get("nachricht")), Email: strings.TrimSpace(r.PostForm.Get("email")),
		Page: localPath(r.PostForm.Get("seite"), ""), Errors: map[string]string{}}
	switch n := utf8.RuneCountInString(d.Message); {
	case n == 0:
		d.Errors["nachricht"] = loc.T("feedback.error.empty")
	case n > 5000 || !utf8.ValidString(d.Message):
		d.Errors["nachricht"] = loc.T("feedback.error.long")
	}
	if d.Email != "" {
		if a, err := mail.ParseAddress(d.Email); err != nil || a.Address != d.Email || len(d.Email) > 254 {
			d.Errors["email"] = loc.T("feedback.error.email")
		}
	}
	if len(d.Errors) > 0 {
		d.Title = loc.T("feedback.title.error")
		s.render(w, r, http.StatusBadRequest, "feedback", &d)
		return
	}
	s.feedback.add(Feedback{At: timeNow(), Message: d.Message, Email: d.Email, Page: d.Page, Lang: loc.Lang})
	s.log.Info("feedback received", "page", d.Page, "chars", utf8.RuneCountInString(d.Message),
		"with_email", d.Email != "", "request_id", requestID(r.Context()))
	d = feedbackPageData{layout: layout{Title: loc.T("feedback.thanks.title"), Section: "feedback"}, Thanks: true}
	s.render(w, r, http.StatusOK, "feedback", &d)
}

// The list of learning places.

type placesPageData struct {
	layout
	Places []*catalogue.Venue
}

func (s *Server) placesPage(w http.ResponseWriter, r *http.Request) {
	loc := localeOf(r)
	places, _, err := s.store.Venues(r.Context(), catalogue.VenueFilter{LearningPlaces: true, Page: catalogue.Page{Limit: 500}})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "places", &placesPageData{
		layout: layout{Title: loc.T("places.title"), Description: loc.T("places.intro"), Canonical: "/lernorte", Section: "places"},
		Places: places,
	})
}

// registerPortal adds the routes of the learners' portal.
func (s *Server) registerPortal() {
	s.handle("GET /suche", s.searchPage)
	s.handle("GET /lernorte", s.placesPage)
	s.handle("GET /karte", s.mapPage)
	s.handle("GET /angebote/{id}/termine/{file}", s.dateICS)
	s.handle("GET /merkliste", s.merklistePage)
	s.handle("POST /merkliste", s.merklisteChange)
	s.handle("GET /vergleich", s.comparePage)
	s.handle("GET /impressum", s.infoPage("imprint", "/impressum"))
	s.handle("GET /datenschutz", s.infoPage("privacy", "/datenschutz"))
	s.handle("GET /barrierefreiheit", s.infoPage("accessibility", "/barrierefreiheit"))
	s.handle("GET /feedback", s.feedbackForm)
	s.handle("POST /feedback", s.feedbackPost)
	s.handle("GET /kiosk", s.kiosk)
	s.handle("GET /sitemap.xml", s.sitemap)
	s.handle("GET /robots.txt", s.robots)
}
