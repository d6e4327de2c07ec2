package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

var stylesheetLink = regexp.MustCompile(`<link rel="stylesheet" href="/static/style\.[0-9a-f]{12}\.css">`)

// suggestScript is the one script a page may load: search-as-you-type
// beside the search box, fingerprinted, deferred, from our own origin.
var suggestScript = regexp.MustCompile(`<script src="/static/suggest\.[0-9a-f]{12}\.js" defer></script>`)

// checkPage checks what every HTML page has: status, type, language,
// landmarks, the skip link and no scripts.
func checkPage(t *testing.T, r response, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	if ct := r.contentType(); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if !strings.Contains(r.header.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Errorf("Content-Security-Policy %q", r.header.Get("Content-Security-Policy"))
	}
	mustContain(t, r.body, "<!DOCTYPE html>", `<html lang="de">`, `<a class="skip-link" href="#inhalt">`,
		"<header", "<nav", `<main id="inhalt"`, "<footer", `href="/impressum"`, `href="/barrierefreiheit"`, `href="/feedback"`)
	if !stylesheetLink.Match(r.body) {
		t.Error("no fingerprinted stylesheet link")
	}
	// No scripts but JSON-LD data, which browsers never execute, and the
	// search box's suggestions (static/suggest.js).
	lower := bytes.ToLower(r.body)
	n, ld := bytes.Count(lower, []byte("<script")), bytes.Count(lower, []byte(`<script type="application/ld+json">`))
	if sg := len(suggestScript.FindAll(r.body, -1)); n != ld+sg || sg > 1 {
		t.Errorf("page has a script besides JSON-LD and one suggest.js (%d scripts, %d JSON-LD, %d suggest.js)", n, ld, sg)
	}
}

func TestHomePage(t *testing.T) {
	e := newEnv(t, "")
	f := e.fixture(t)
	o := e.saveOffer(t, newOffer(f.provider.ID, f.room.ID, "Excel für Einsteiger", berlin(2030, time.March, 4, 18, 0)))

	r := e.get(t, "/")
	checkPage(t, r, http.StatusOK)
	mustContain(t, r.body,
		"<h1 id=\"intro-title\">Lernen im Saarland</h1>",
		"<strong>1</strong> Angebot", "<strong>1</strong> Anbieter", "<strong>1</strong> Lernort",
		fmt.Sprintf(`<a href="/angebote/%d">Excel für Einsteiger</a>`, o.ID),
		"Mo., 04.03.2030, 18:00–21:00 Uhr",
		"Mo., 11.03.2030, 18:00 Uhr",
		`<a href="/suche?topic=it">IT und EDV</a>`, `<a href="/suche?topic=basic_education">Grundbildung und Alphabetisierung</a>`,
		fmt.Sprintf(`<a href="/lernorte/%d">Stadtbibliothek Saarbrücken</a>`, f.library.ID),
	)
}

func TestOfferPage(t *testing.T) {
	e := newEnv(t, "")
	f := e.fixture(t)
	o := newOffer(f.provider.ID, f.room.ID, "Excel für Einsteiger", berlin(2030, time.March, 4, 18, 0))
	o.Contacts = []catalogue.Contact{{Salutation: "Frau", GivenName: "Eva", FamilyName: "Muster", Email: "eva@vhs.example.org"}}
	o.RegistrationURL = "https://vhs.example.org/anmeldung"
	o.Dates[1].Price = &catalogue.Price{AmountCents: 4500, Unit: "per_month"}
	deadline := berlin(2030, time.February, 25, 12, 0)
	o.Dates[0].RegistrationDeadline = &deadline
	o.Dates[0].MeasureNumber = "123/456/2030"
	e.saveOffer(t, o)

	r := e.get(t, fmt.Sprintf("/angebote/%d", o.ID))
	checkPage(t, r, http.StatusOK)
	mustContain(t, r.body,
		"<title>Excel für Einsteiger – lernnetz Saar</title>",
		"<h1>Excel für Einsteiger</h1>",
		`<p class="lead">Ein Kurs für den Einstieg.</p>`,
		"<p>Erster Absatz.</p>", "<p>Zweiter Absatz.</p>",
		fmt.Sprintf(`<a href="/anbieter/%d">VHS Saarbrücken</a>`, f.provider.ID),
		fmt.Sprintf(`<tr id="termin-%d">`, o.Dates[0].ID),
		"Mo., 04.03.2030, 18:00–21:00 Uhr", "Mo., 11.03.2030, 18:00 Uhr",
		fmt.Sprintf(`<a href="/lernorte/%d">VHS-Zentrum</a>`, f.room.ID),
		"1.234,50 €", "45,00 € pro Monat", "Abends",
		"Anmeldeschluss: Mo., 25.02.2030, 12:00 Uhr<br>höchstens 12 Plätze<br>Maßnahmenummer: 123/456/2030",
		"Weiterbildung / Fortbildung", "Präsenzveranstaltung", "Deutsch", "IT und EDV",
		"<strong>Bildungsgutschein (AZAV):</strong> Die Agentur für Arbeit", "40 Unterrichtsstunden",
		`<a class="button" href="https://vhs.example.org/anmeldung">`,
		"<strong>Frau Eva Muster</strong>", `<a href="mailto:eva@vhs.example.org">`,
	)
	// Labels, never codes.
	for _, code := range []string{"further_training", "bildungsgutschein", ">classroom<", ">evening<", ">it<", "per_month"} {
		if bytes.Contains(r.body, []byte(code)) {
			t.Errorf("page shows the code %q", code)
		}
	}
}

func TestPagesEscapeMarkup(t *testing.T) {
	e := newEnv(t, "")
	f := e.fixture(t)
	title := `<script>alert("x")</script> & Co.`
	o := e.saveOffer(t, newOffer(f.provider.ID, f.room.ID, title, time.Now().AddDate(0, 1, 0)))

	// Stored as text: the API returns it unchanged.
	var got offerJSON
	decode(t, e.get(t, fmt.Sprintf("/api/v1/offers/%d", o.ID)), http.StatusOK, &got)
	if got.Title != title {
		t.Errorf("API title %q", got.Title)
	}
	raw := e.get(t, fmt.Sprintf("/api/v1/offers/%d", o.ID)).body
	if !bytes.Contains(raw, []byte(`"title":"<script>alert(\"x\")</script> & Co."`)) {
		t.Errorf("API escapes the title: %s", raw)
	}

	escaped := "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co."
	for _, path := range []string{fmt.Sprintf("/angebote/%d", o.ID), "/", fmt.Sprintf("/anbieter/%d", f.provider.ID)} {
		r := e.get(t, path)
		checkPage(t, r, http.StatusOK)
		mustContain(t, r.body, escaped)
	}
}

func TestProviderPage(t *testing.T) {
	e := newEnv(t, "")
	f := e.fixture(t)
	o := e.saveOffer(t, newOffer(f.provider.ID, f.room.ID, "Excel für Einsteiger", berlin(2030, time.March, 4, 18, 0)))
	draft := newOffer(f.provider.ID, 0, "Unfertig", berlin(2030, time.March, 4, 18, 0))
	draft.Status = catalogue.StatusDraft
	e.saveOffer(t, draft)

	r := e.get(t, fmt.Sprintf("/anbieter/%d", f.provider.ID))
	checkPage(t, r, http.StatusOK)
	mustContain(t, r.body,
		"<h1>VHS Saarbrücken</h1>", `<p class="kicker">Volkshochschule</p>`,
		"Altes Rathaus 1<br>66111 Saarbrücken", `<a href="https://vhs.example.org">`,
		"AZAV-Zulassung (gültig bis 31.12.2028)",
		fmt.Sprintf(`<a href="/angebote/%d">Excel für Einsteiger</a>`, o.ID), "ab Mo., 04.03.2030, 18:00 Uhr",
		fmt.Sprintf(`<a href="/lernorte/%d">Stadtbibliothek Saarbrücken</a>`, f.library.ID),
	)
	if bytes.Contains(r.body, []byte("Unfertig")) {
		t.Error("the provider page lists a draft")
	}
}

func TestVenuePage(t *testing.T) {
	e := newEnv(t, "")
	f := e.fixture(t)
	r := e.get(t, fmt.Sprintf("/lernorte/%d", f.library.ID))
	checkPage(t, r, http.StatusOK)
	mustContain(t, r.body,
		"<h1>Stadtbibliothek Saarbrücken</h1>", `<p class="kicker">Bibliothek</p>`,
		fmt.Sprintf(`Ein Ort von <a href="/anbieter/%d">VHS Saarbrücken</a>`, f.provider.ID),
		// a week's order, one row a day
		`<tr><th scope="row">Montag</th><td>09:00–18:00 Uhr</td></tr>
        <tr><th scope="row">Donnerstag</th><td>10:00–12:00 und 14:00–19:00 Uhr</td></tr>`,
		"<li>12 PC-Arbeitsplätze</li>", "<li>Stufenloser Zugang</li>", "<li>Aufzug</li>",
	)
}

func TestErrorPages(t *testing.T) {
	e := newEnv(t, "")
	f := e.fixture(t)
	draft := newOffer(f.provider.ID, 0, "Entwurf", time.Now().AddDate(0, 1, 0))
	draft.Status = catalogue.StatusDraft
	e.saveOffer(t, draft)
	expired := e.saveOffer(t, newOffer(f.provider.ID, 0, "Längst vorbei", time.Now().AddDate(-1, 0, 0)))
	if expired.Status != catalogue.StatusExpired {
		t.Fatalf("status %s, want expired", expired.Status)
	}

	for _, path := range []string{
		"/angebote/4711", "/angebote/abc", "/anbieter/4711", "/lernorte/4711", "/gibt-es-nicht",
		fmt.Sprintf("/angebote/%d", draft.ID), "/static/nichts.css",
	} {
		r := e.get(t, path)
		checkPage(t, r, http.StatusNotFound)
		mustContain(t, r.body, "<h1>Seite nicht gefunden</h1>", `<a href="/">Zur Startseite</a>`)
	}

	r := e.get(t, fmt.Sprintf("/angebote/%d", expired.ID))
	checkPage(t, r, http.StatusGone)
	mustContain(t, r.body, "Längst vorbei", fmt.Sprintf(`<a href="/anbieter/%d">`, f.provider.ID))

	r = e.do(t, http.MethodPost, "/angebote/1", "", map[string]string{})
	checkPage(t, r, http.StatusMethodNotAllowed)
	if !strings.Contains(r.header.Get("Allow"), "GET") {
		t.Errorf("Allow %q", r.header.Get("Allow"))
	}
}

func TestStaticStylesheet(t *testing.T) {
	e := newEnv(t, "")
	r := e.get(t, "/static/style.css")
	if r.status != http.StatusOK || r.contentType() != "text/css; charset=utf-8" {
		t.Fatalf("style.css: %d %s", r.status, r.contentType())
	}
	mustContain(t, r.body, ":focus-visible", ".skip-link")
}

func TestRequestID(t *testing.T) {
	e := newEnv(t, "")
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/api/v1/offers/4711", nil)
	req.Header.Set("X-Request-Id", "trace-42")
	res, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var p problem
	json.NewDecoder(res.Body).Decode(&p)
	if res.Header.Get("X-Request-Id") != "trace-42" || p.RequestID != "trace-42" {
		t.Errorf("request id: header %q, problem %q", res.Header.Get("X-Request-Id"), p.RequestID)
	}
}
