package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// securitySnapshot is what every response carries, whatever it is.
var securitySnapshot = map[string]string{
	"Content-Security-Policy":    "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
	"Strict-Transport-Security":  "max-age=31536000; includeSubDomains",
	"X-Content-Type-Options":     "nosniff",
	"X-Frame-Options":            "DENY",
	"Referrer-Policy":            "strict-origin-when-cross-origin",
	"Cross-Origin-Opener-Policy": "same-origin",
}

func TestSecurityHeaders(t *testing.T) {
	e := newAccountEnv(t)
	b := e.browser(t)
	for _, tc := range []struct {
		name, method, path string
		status             int
	}{
		{"page", http.MethodGet, "/", http.StatusOK},
		{"account page", http.MethodGet, "/konto/anmelden", http.StatusOK},
		{"API", http.MethodGet, "/api/v1/offers", http.StatusOK},
		{"OpenAPI", http.MethodGet, "/api/v1/openapi.json", http.StatusOK},
		{"static file", http.MethodGet, "/static/style.css", http.StatusOK},
		{"404 page", http.MethodGet, "/gibt-es-nicht", http.StatusNotFound},
		{"404 API", http.MethodGet, "/api/v1/gibt-es-nicht", http.StatusNotFound},
		{"405", http.MethodDelete, "/konto/anmelden", http.StatusMethodNotAllowed},
		{"CSRF refusal", http.MethodPost, "/konto/anmelden", http.StatusForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, e.srv.URL+tc.path, nil)
			if tc.status == http.StatusForbidden {
				req.Header.Set("Origin", "https://evil.example")
			}
			res := b.do(req)
			if res.status != tc.status {
				t.Fatalf("status %d, want %d", res.status, tc.status)
			}
			for k, want := range securitySnapshot {
				if got := res.header.Get(k); got != want {
					t.Errorf("%s: %q, want %q", k, got, want)
				}
				if n := len(res.header.Values(k)); n != 1 {
					t.Errorf("%s sent %d times", k, n)
				}
			}
			if res.header.Get("X-Request-Id") == "" {
				t.Error("no X-Request-Id")
			}
		})
	}
}

// TestCrossOriginRequestsRefused: a form on another site cannot make a
// signed-in person's browser change anything here (CSRF).
func TestCrossOriginRequestsRefused(t *testing.T) {
	e := newAccountEnv(t)
	e.user(t, "c@example.org")
	b := e.browser(t)
	b.login("c@example.org")
	session := b.cookie()

	forms := map[string]url.Values{
		"/konto/abmelden":                 {},
		"/konto/passwort":                 {"password": {goodPassword}, "new_password": {"das Passwort des Angreifers"}},
		"/konto/sitzungen/andere-beenden": {},
		"/konto/anmelden":                 {"email": {"c@example.org"}, "password": {goodPassword}},
		"/merkliste":                      {"add": {"1"}},
	}
	for _, headers := range []map[string]string{
		{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
		{"Sec-Fetch-Site": "same-site", "Origin": "https://sub.example"},
		{"Origin": "https://evil.example"}, // an older browser: Origin only
	} {
		for path, form := range forms {
			req, _ := http.NewRequest(http.MethodPost, e.srv.URL+path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range headers {
				req.Header.Set(k, v)
			}
			res := b.do(req)
			if res.status != http.StatusForbidden || !strings.Contains(res.body, "Anfrage abgelehnt") {
				t.Errorf("POST %s with %v: status %d, want 403 with an explanation", path, headers, res.status)
			}
		}
	}
	if b.cookie() != session || !b.signedIn() {
		t.Fatal("a cross-origin request changed the session")
	}
	// The API answers in its own format.
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/api/v1/offers", strings.NewReader("{}"))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res := b.do(req); res.status != http.StatusForbidden || res.header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("cross-origin API POST: %d %s", res.status, res.header.Get("Content-Type"))
	}
	// Reading across origins stays possible, and so do same-origin forms.
	req, _ = http.NewRequest(http.MethodGet, e.srv.URL+"/konto", nil)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res := b.do(req); res.status != http.StatusOK {
		t.Errorf("cross-site GET: %d", res.status)
	}
	b.post("/konto/sitzungen/andere-beenden", nil).redirect(t, "/konto/sitzungen?hinweis=andere-beendet")
	// Clients that are no browser (no Origin, no Sec-Fetch-Site) pass, as the
	// API's token clients need.
	req, _ = http.NewRequest(http.MethodPost, e.srv.URL+"/konto/abmelden", nil)
	if res := b.do(req); res.status != http.StatusSeeOther {
		t.Errorf("POST without browser headers: %d", res.status)
	}
}
