package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/web"
)

const adminToken = "test-admin-token-0123456789"

// env is a running server on a real SQLite store.
type env struct {
	srv   *httptest.Server
	web   *web.Server
	store *storage.Store
	base  string // the server's BaseURL
}

// envOption changes the configuration of a test server (or its store).
type apiOption func(cfg *web.Config, store *[]storage.Option)

// newEnv starts a server with the admin token token ("" disables writes).
func newEnv(t testing.TB, token string, opts ...apiOption) *env {
	t.Helper()
	ctx := context.Background()
	var storeOpts []storage.Option
	cfg := web.Config{}
	for _, o := range opts {
		o(&cfg, &storeOpts)
	}
	store, err := storage.Open(ctx, filepath.Join(t.TempDir(), "lernnetz.db"), storeOpts...)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { store.Close() })

	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	cfg.Store, cfg.AdminToken, cfg.BaseURL, cfg.Version = store, token, base, "test"
	cfg.Logger = slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	w := web.New(cfg)
	srv.Config.Handler = w
	srv.Start()
	t.Cleanup(srv.Close)
	return &env{srv: srv, web: w, store: store, base: base}
}

// berlin returns a time in Europe/Berlin.
func berlin(y int, m time.Month, d, h, mi int) time.Time {
	return time.Date(y, m, d, h, mi, 0, 0, catalogue.Berlin)
}

// newProvider returns a valid provider.
func newProvider(name string) *catalogue.Provider {
	return &catalogue.Provider{
		Name:        name,
		Kind:        "adult_education_centre",
		Description: "Die Volkshochschule für alle.",
		Address:     catalogue.Address{Street: "Altes Rathaus 1", PostalCode: "66111", City: "Saarbrücken"},
		Website:     "https://vhs.example.org",
		Email:       "info@vhs.example.org",
		Phone:       "0681 123456",
		Certificates: []catalogue.Certificate{
			{Code: "azav", ValidFrom: "2024-01-01", ValidUntil: "2028-12-31"},
		},
	}
}

// newVenue returns a valid venue of providerID; kind library makes it a learning place.
func newVenue(providerID int64, name, kind string) *catalogue.Venue {
	return &catalogue.Venue{
		ProviderID: providerID,
		Name:       name,
		Kind:       kind,
		Address:    catalogue.Address{Street: "Bahnhofstraße 5", PostalCode: "66111", City: "Saarbrücken"},
		OpeningHours: []catalogue.OpeningHours{{Day: "th", Opens: "14:00", Closes: "19:00"}, {Day: "mo", Opens: "09:00", Closes: "18:00"},
			{Day: "th", Opens: "10:00", Closes: "12:00"}},
		Equipment:     []string{"12 PC-Arbeitsplätze"},
		Accessibility: []string{"step_free", "lift"},
	}
}

// newOffer returns a valid published offer of providerID with two dates at venueID,
// the first starting at start.
func newOffer(providerID, venueID int64, title string, start time.Time) *catalogue.Offer {
	end := start.Add(3 * time.Hour)
	second := start.AddDate(0, 0, 7)
	return &catalogue.Offer{
		ProviderID:       providerID,
		Title:            title,
		ShortDescription: "Ein Kurs für den Einstieg.",
		Description:      "Erster Absatz.\n\nZweiter Absatz.",
		Type:             "further_training",
		DeliveryModes:    []string{"classroom"},
		Languages:        []string{"de"},
		Topics:           []string{"it"},
		Funding:          []string{"bildungsgutschein"},
		Price:            &catalogue.Price{AmountCents: 123450, Currency: "EUR"},
		TeachingHours:    40,
		Status:           catalogue.StatusPublished,
		Dates: []catalogue.Date{
			{StartKind: catalogue.StartFixed, Start: &start, End: &end, VenueID: venueID, SeatsMax: 12},
			{StartKind: catalogue.StartFixed, Start: &second, VenueID: venueID},
		},
	}
}

func (e *env) saveProvider(t *testing.T, p *catalogue.Provider) *catalogue.Provider {
	t.Helper()
	if err := e.store.SaveProvider(context.Background(), p); err != nil {
		t.Fatalf("save provider: %v", err)
	}
	return p
}

func (e *env) saveVenue(t *testing.T, v *catalogue.Venue) *catalogue.Venue {
	t.Helper()
	if err := e.store.SaveVenue(context.Background(), v); err != nil {
		t.Fatalf("save venue: %v", err)
	}
	return v
}

func (e *env) saveOffer(t *testing.T, o *catalogue.Offer) *catalogue.Offer {
	t.Helper()
	if err := e.store.SaveOffer(context.Background(), o); err != nil {
		t.Fatalf("save offer: %v", err)
	}
	return o
}

// fixture is a provider with a learning place and a classroom.
type fixture struct {
	provider *catalogue.Provider
	library  *catalogue.Venue
	room     *catalogue.Venue
}

func (e *env) fixture(t *testing.T) fixture {
	t.Helper()
	p := e.saveProvider(t, newProvider("VHS Saarbrücken"))
	return fixture{
		provider: p,
		library:  e.saveVenue(t, newVenue(p.ID, "Stadtbibliothek Saarbrücken", "library")),
		room:     e.saveVenue(t, newVenue(p.ID, "VHS-Zentrum", "classroom")),
	}
}

// response is a read response.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) contentType() string { return r.header.Get("Content-Type") }

// do sends a request; body, when not nil, is sent as JSON.
func (e *env) do(t *testing.T, method, path, token string, body any) response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	url := path
	if !strings.HasPrefix(path, "http") {
		url = e.srv.URL + path
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func (e *env) get(t *testing.T, path string) response {
	t.Helper()
	return e.do(t, http.MethodGet, path, "", nil)
}

// decode decodes a JSON response into v, failing on the wrong status.
func decode(t *testing.T, r response, wantStatus int, v any) {
	t.Helper()
	if r.status != wantStatus {
		t.Fatalf("status %d, want %d; body: %s", r.status, wantStatus, r.body)
	}
	if v == nil {
		return
	}
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// problem is the error body of the API.
type problem struct {
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail"`
	RequestID string `json:"request_id"`
	Errors    []struct {
		Location  string `json:"location"`
		Code      string `json:"code"`
		Message   string `json:"message"`
		MessageEN string `json:"message_en"`
		Value     any    `json:"value"`
	} `json:"errors"`
}

// decodeProblem checks that r is a problem+json with status.
func decodeProblem(t *testing.T, r response, status int) problem {
	t.Helper()
	if ct := r.contentType(); ct != "application/problem+json" {
		t.Errorf("Content-Type %q, want application/problem+json; body: %s", ct, r.body)
	}
	var p problem
	decode(t, r, status, &p)
	if p.Status != status || p.Title == "" {
		t.Errorf("problem status %d title %q, want %d and a title", p.Status, p.Title, status)
	}
	if p.RequestID == "" || p.RequestID != r.header.Get("X-Request-Id") {
		t.Errorf("problem request_id %q, header %q", p.RequestID, r.header.Get("X-Request-Id"))
	}
	return p
}

// offerJSON is what the tests read of an offer.
type offerJSON struct {
	ID         int64  `json:"id"`
	ProviderID int64  `json:"provider_id"`
	Title      string `json:"title"`
	Status     string `json:"status"`
	URL        string `json:"url"`
	Provider   struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
		URL  string `json:"url"`
	} `json:"provider"`
	Dates []dateJSON `json:"dates"`
}

type dateJSON struct {
	ID         int64      `json:"id"`
	OfferID    int64      `json:"offer_id"`
	OfferTitle string     `json:"offer_title"`
	OfferURL   string     `json:"offer_url"`
	StartKind  string     `json:"start_kind"`
	Start      *time.Time `json:"start"`
	End        *time.Time `json:"end"`
	VenueID    int64      `json:"venue_id"`
	URL        string     `json:"url"`
	Venue      *struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
		URL  string `json:"url"`
	} `json:"venue"`
}

type listJSON[T any] struct {
	Total   int `json:"total"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
	Items   []T `json:"items"`
}

// mustContain fails unless every one of wants is in body.
func mustContain(t *testing.T, body []byte, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !bytes.Contains(body, []byte(w)) {
			t.Errorf("body lacks %q", w)
		}
	}
}
