package web

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/storage"
)

func TestFormatDateTime(t *testing.T) {
	at := func(y int, m time.Month, d, h, mi int) *time.Time {
		v := time.Date(y, m, d, h, mi, 0, 0, catalogue.Berlin)
		return &v
	}
	utc := time.Date(2026, 3, 2, 17, 0, 0, 0, time.UTC) // 18:00 in Berlin
	for _, tc := range []struct {
		got, want string
	}{
		{formatDateTime(utc), "Mo., 02.03.2026, 18:00 Uhr"},
		{formatDateTime(*at(2026, 7, 5, 9, 30)), "So., 05.07.2026, 09:30 Uhr"},
		{formatDateTime(*at(2026, 3, 2, 0, 0)), "Mo., 02.03.2026"},
		{formatSpan(at(2026, 3, 2, 18, 0), at(2026, 3, 2, 21, 15)), "Mo., 02.03.2026, 18:00–21:15 Uhr"},
		{formatSpan(at(2026, 3, 2, 0, 0), at(2026, 3, 27, 0, 0)), "Mo., 02.03.2026 bis Fr., 27.03.2026"},
		{formatSpan(at(2026, 3, 2, 9, 0), nil), "Mo., 02.03.2026, 09:00 Uhr"},
		{formatSpan(nil, nil), ""},
		{formatDay("2028-12-31"), "31.12.2028"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestFormatNumbersAndMoney(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{formatMoney(123450, "EUR"), "1.234,50 €"},
		{formatDuration(1, "days"), "1 Tag"},
		{formatDuration(2, "days"), "2 Tage"},
		{formatDuration(40, "lessons"), "40 Unterrichtseinheiten"},
		{formatMoney(5, ""), "0,05 €"},
		{formatMoney(123456789, "EUR"), "1.234.567,89 €"},
		{formatMoney(-1999, "CHF"), "-19,99 CHF"},
		{formatPrice(&catalogue.Price{AmountCents: 4500, Currency: "EUR", Unit: "per_month"}), "45,00 € pro Monat"},
		{formatPrice(&catalogue.Price{Currency: "EUR"}), "kostenfrei"},
		{formatPrice(nil), ""},
		{formatNumber(40), "40"},
		{formatNumber(1234.5), "1.234,5"},
		{formatNumber(1000000), "1.000.000"},
		{formatDuration(40, "lessons"), "40 Unterrichtseinheiten"},
		{formatSeats(8, 12), "8 bis 12 Plätze"},
		{label("topic", "it"), "IT und EDV"},
		{label("topic", "unknown"), "unknown"},
		{shorten("Ein  langer\nText mit vielen Wörtern", 16), "Ein langer Text…"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if got := paragraphs("Eins.\r\n\r\nZwei\nzeilig.\n\n\n"); len(got) != 2 || got[1] != "Zwei\nzeilig." {
		t.Errorf("paragraphs: %q", got)
	}
}

func TestTranslateHumaMessage(t *testing.T) {
	for _, tc := range []struct{ msg, code, de string }{
		{"expected number <= 100", "too_large", "Bitte eine Zahl bis 100 angeben."},
		{"expected number >= 1", "too_small", "Bitte eine Zahl ab 1 angeben."},
		{"invalid integer", "invalid_type", "Bitte eine ganze Zahl angeben."},
		{"unexpected property", "unknown_field", "Dieses Feld gibt es nicht."},
		{"something new", "invalid", "Der Wert ist ungültig."},
	} {
		code, de := translateHumaMessage(tc.msg)
		if code != tc.code || de != tc.de {
			t.Errorf("%q: got %q %q, want %q %q", tc.msg, code, de, tc.code, tc.de)
		}
	}
}

// TestPanicBecomesErrorResponse runs a panicking handler behind the
// server's middleware: the client gets a 500 page or problem, the log the panic.
func TestPanicBecomesErrorResponse(t *testing.T) {
	store, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "lernnetz.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var log strings.Builder
	s := New(Config{Store: store, Logger: slog.New(slog.NewTextHandler(&log, nil))})
	h := s.withRequestInfo(s.logRequests(s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("boom")
	}))))

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/angebote/1", nil))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "Ein Fehler ist aufgetreten") ||
		!strings.Contains(rec.Body.String(), rec.Header().Get("X-Request-Id")) {
		t.Errorf("page: %d %s", rec.Code, rec.Body)
	}

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/offers", nil))
	var p Problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || rec.Code != http.StatusInternalServerError ||
		rec.Header().Get("Content-Type") != "application/problem+json" || p.Status != 500 || strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("api: %d %s %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	if !strings.Contains(log.String(), "boom") || !strings.Contains(log.String(), "status=500") {
		t.Errorf("log: %s", log.String())
	}
}

func TestConfigValidate(t *testing.T) {
	if err := (Config{}).Validate(); err == nil {
		t.Error("a config without store is valid")
	}
	store, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "lernnetz.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, base := range []string{"lernnetz.example", "ftp://x", "https://x/?q=1", "https://x/portal"} {
		if err := (Config{Store: store, BaseURL: base}).Validate(); err == nil {
			t.Errorf("BaseURL %q is valid", base)
		}
	}
	if err := (Config{Store: store, BaseURL: "https://lernnetz.example/"}).Validate(); err != nil {
		t.Error(err)
	}
}

// A date held in the evenings (time pattern) and in the evening (time of
// day) says "Abends" once; different ones are both said.
func TestDateRowTimesOnce(t *testing.T) {
	start := time.Date(2027, 2, 10, 18, 30, 0, 0, time.UTC)
	d := &catalogue.Date{StartKind: catalogue.StartFixed, Start: &start, TimePatterns: []string{"evening"}, DayTime: "evening"}
	if got := newDateRow(localeDE, d, nil).Times; !slices.Equal(got, []string{"Abends"}) {
		t.Errorf("times %q, want [Abends]", got)
	}
	d.TimePatterns, d.DayTime = []string{"part_time", "weekend"}, "morning"
	if got := newDateRow(localeEN, d, nil).Times; !slices.Equal(got, []string{"Part-time", "Weekends", "Mornings"}) {
		t.Errorf("times %q", got)
	}
}
