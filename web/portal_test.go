package web_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
)

// fetch GETs base+path with client and returns status, headers and body.
func fetch(t *testing.T, c *http.Client, base, path string) (int, http.Header, string) {
	t.Helper()
	res, err := c.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(b)
}

func has(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func TestSearchPage(t *testing.T) {
	base := searchEnv(t)
	c := http.DefaultClient

	status, _, body := fetch(t, c, base, "/suche?q=Englisch")
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	has(t, "results", body, `<html lang="de">`, "Angebote gefunden", `<h3><a href="/angebote/`, "Warum dieses Ergebnis?",
		"steht im Titel", `name="topic"`, "Filter anwenden", `<select id="f-sort" name="sort" form="suche">`,
		// on a phone the filters come first: a link leads past them
		`<p class="to-results"><a href="#ergebnisse">Direkt zu den Ergebnissen</a></p>`, `<h2 id="ergebnisse">`)
	if n := strings.Count(body, "<script"); n != 1 || !strings.Contains(body, `<script src="/static/suggest.`) {
		t.Errorf("the search page has %d scripts, want suggest.js alone", n)
	}

	// A facet: chips with remove links, the checkbox checked.
	_, _, body = fetch(t, c, base, "/suche?q=Englisch&delivery_mode=classroom")
	has(t, "filtered", body, `value="classroom" checked`, "Präsenzveranstaltung <a href=\"/suche?q=Englisch\" class=\"chip-remove\">")

	// Near: distances.
	_, _, body = fetch(t, c, base, "/suche?q=Englisch&near=66111&radius_km=50")
	has(t, "near", body, "km entfernt", "in der Nähe von Saarbrücken")

	// Paging.
	_, _, body = fetch(t, c, base, "/suche?per_page=5")
	has(t, "paging", body, `rel="next"`, "Seite 1 von")
	_, _, body = fetch(t, c, base, "/suche?per_page=5&page=2")
	has(t, "page 2", body, `rel="prev"`, `rel="next"`)

	// Unknown place: 400, the form again, the error tied to the field.
	status, _, body = fetch(t, c, base, "/suche?q=Englisch&near=Atlantis")
	if status != http.StatusBadRequest {
		t.Errorf("unknown place: status %d", status)
	}
	has(t, "unknown place", body, `aria-describedby="f-near-error f-near-hint" aria-invalid="true"`, `<span id="f-near-error" class="field-error">`, `value="Atlantis"`)

	// Zero results: next steps.
	_, _, body = fetch(t, c, base, "/suche?q=Xylophonbaukurs&delivery_mode=classroom")
	has(t, "nothing", body, "Leider haben wir dazu nichts gefunden", "Mit weniger Filtern suchen", `href="/#beratung"`)
	if strings.Contains(body, `class="to-results"`) {
		t.Error("a link to results where there are none")
	}

	// English.
	_, _, body = fetch(t, c, base, "/suche?q=Englisch&lang=en")
	has(t, "English", body, `<html lang="en">`, "offers found", "Why this result?", "Apply filters", `hreflang="de">Deutsch</a>`)
}

func TestSearchPageWithoutSearcher(t *testing.T) {
	e := newEnv(t, "")
	r := e.get(t, "/suche?q=Englisch")
	checkPage(t, r, http.StatusServiceUnavailable)
	mustContain(t, r.body, "Die Suche ist gerade nicht verfügbar")
}

func TestMerklisteAndCompare(t *testing.T) {
	e := newEnv(t, "")
	f := e.fixture(t)
	a := e.saveOffer(t, newOffer(f.provider.ID, f.room.ID, "Excel für Einsteiger", berlin(2030, time.March, 4, 18, 0)))
	b := e.saveOffer(t, newOffer(f.provider.ID, f.room.ID, "Word kompakt", berlin(2030, time.April, 4, 9, 0)))
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}

	post := func(id int64, action string) {
		res, err := c.PostForm(e.srv.URL+"/merkliste", url.Values{"id": {fmt.Sprint(id)}, "action": {action}, "back": {fmt.Sprintf("/angebote/%d", id)}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.Request.URL.Path != fmt.Sprintf("/angebote/%d", id) {
			t.Errorf("after POST at %s", res.Request.URL)
		}
	}
	_, _, body := fetch(t, c, e.srv.URL, fmt.Sprintf("/angebote/%d", a.ID))
	has(t, "offer", body, "Auf die Merkliste", `action="/merkliste" method="post"`)
	post(a.ID, "add")
	post(b.ID, "add")
	u, _ := url.Parse(e.srv.URL)
	var cookie *http.Cookie
	for _, ck := range jar.Cookies(u) {
		if ck.Name == "merkliste" {
			cookie = ck
		}
	}
	if cookie == nil || cookie.Value != fmt.Sprintf("%d.%d", b.ID, a.ID) {
		t.Fatalf("cookie %v", cookie)
	}
	_, _, body = fetch(t, c, e.srv.URL, fmt.Sprintf("/angebote/%d", a.ID))
	has(t, "offer on the list", body, "Von der Merkliste nehmen")
	_, _, body = fetch(t, c, e.srv.URL, "/merkliste")
	has(t, "merkliste", body, "Excel für Einsteiger", "Word kompakt", `name="ids"`, "Ausgewählte vergleichen")

	_, _, body = fetch(t, c, e.srv.URL, fmt.Sprintf("/vergleich?ids=%d,%d", a.ID, b.ID))
	has(t, "compare", body, "<caption", `<th scope="row">Anbieter</th>`, `<th scope="row">Preis</th>`, "1.234,50 €",
		"Mo., 04.03.2030, 18:00–21:00 Uhr", `<th scope="col"><a href="/angebote/`)
	_, _, body = fetch(t, c, e.srv.URL, "/vergleich?ids=1&ids=2&ids=3&ids=4")
	has(t, "compare four", body, "Wir zeigen die ersten drei")

	post(a.ID, "remove")
	_, _, body = fetch(t, c, e.srv.URL, "/merkliste")
	if strings.Contains(body, "Excel für Einsteiger") {
		t.Error("removed offer still listed")
	}
	// Invalid posts.
	res, _ := c.PostForm(e.srv.URL+"/merkliste", url.Values{"id": {"x"}, "action": {"add"}})
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("invalid id: %d", res.StatusCode)
	}
	res.Body.Close()
	// An off-site back is not followed.
	res, _ = c.PostForm(e.srv.URL+"/merkliste", url.Values{"id": {fmt.Sprint(b.ID)}, "action": {"add"}, "back": {"//evil.example/"}})
	if res.Request.URL.Host != u.Host {
		t.Errorf("redirected to %s", res.Request.URL)
	}
	res.Body.Close()
}

func TestOfferExtras(t *testing.T) {
	e := newEnv(t, "")
	f := e.fixture(t)
	o := newOffer(f.provider.ID, f.room.ID, "Excel, Word; und mehr – ein langer Titel, der gefaltet werden muss, weil er so lang ist", berlin(2030, time.March, 4, 18, 0))
	o = e.saveOffer(t, o)
	r := e.get(t, fmt.Sprintf("/angebote/%d", o.ID))
	mustContain(t, r.body, `<script type="application/ld+json">`, `"@type":"Course"`, `"hasCourseInstance"`, `"@type":"CourseInstance"`,
		`"@type":"EducationalOrganization"`, `"priceCurrency":"EUR"`, `<link rel="canonical" href="`+e.base+fmt.Sprintf("/angebote/%d", o.ID)+`">`,
		fmt.Sprintf(`/angebote/%d/termine/%d.ics`, o.ID, o.Dates[0].ID))

	r = e.get(t, fmt.Sprintf("/angebote/%d/termine/%d.ics", o.ID, o.Dates[0].ID))
	if r.status != http.StatusOK || !strings.HasPrefix(r.contentType(), "text/calendar") {
		t.Fatalf("ics: %d %s", r.status, r.contentType())
	}
	for _, line := range strings.SplitAfter(string(r.body), "\r\n") {
		if len(line) > 77 {
			t.Errorf("line longer than 75 octets: %q", line)
		}
		if strings.Contains(strings.TrimSuffix(line, "\r\n"), "\n") {
			t.Errorf("bare LF in %q", line)
		}
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(r.body))
	if err != nil {
		t.Fatalf("parse ics: %v\n%s", err, r.body)
	}
	ev := cal.Events()
	if len(ev) != 1 {
		t.Fatalf("%d events", len(ev))
	}
	start, err := ev[0].GetStartAt()
	if err != nil || !start.Equal(berlin(2030, time.March, 4, 18, 0)) {
		t.Errorf("DTSTART %v %v", start, err)
	}
	if got := ev[0].GetProperty(ics.ComponentPropertySummary).Value; got != o.Title {
		t.Errorf("SUMMARY %q", got)
	}
	mustContain(t, r.body, `SUMMARY:Excel\, Word\; und mehr`, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
	if r := e.get(t, fmt.Sprintf("/angebote/%d/termine/999999.ics", o.ID)); r.status != http.StatusNotFound {
		t.Errorf("unknown date: %d", r.status)
	}
}

func TestSitemapRobotsAssetsGzip(t *testing.T) {
	e := newEnv(t, "")
	f := e.fixture(t)
	o := e.saveOffer(t, newOffer(f.provider.ID, f.room.ID, "Excel", berlin(2030, time.March, 4, 18, 0)))
	r := e.get(t, "/sitemap.xml")
	mustContain(t, r.body, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`,
		"<loc>"+e.base+fmt.Sprintf("/angebote/%d", o.ID)+"</loc>", "<loc>"+e.base+fmt.Sprintf("/anbieter/%d", f.provider.ID)+"</loc>",
		"<loc>"+e.base+fmt.Sprintf("/lernorte/%d", f.library.ID)+"</loc>")
	r = e.get(t, "/robots.txt")
	mustContain(t, r.body, "Sitemap: "+e.base+"/sitemap.xml")

	home := e.get(t, "/")
	css := regexp.MustCompile(`/static/style\.[0-9a-f]{12}\.css`).Find(home.body)
	r = e.get(t, string(css))
	if r.status != 200 || r.header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("fingerprinted css: %d %q", r.status, r.header.Get("Cache-Control"))
	}
	if r := e.get(t, "/static/style.000000000000.css"); r.status != http.StatusNotFound {
		t.Errorf("stale fingerprint: %d", r.status)
	}

	req, _ := http.NewRequest("GET", e.srv.URL+"/", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("headers %v", res.Header)
	}
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if !bytes.Contains(plain, []byte("<!DOCTYPE html>")) {
		t.Error("gzipped body is not the page")
	}
}

func TestInfoPagesFeedbackEnglish(t *testing.T) {
	e := newEnv(t, "")
	for path, h1 := range map[string]string{"/impressum": "Impressum", "/datenschutz": "Datenschutz",
		"/barrierefreiheit": "Erklärung zur Barrierefreiheit", "/feedback": "Feedback geben", "/lernorte": "Lernorte im Saarland"} {
		r := e.get(t, path)
		checkPage(t, r, http.StatusOK)
		mustContain(t, r.body, "<h1>"+h1+"</h1>")
	}
	r := e.do(t, http.MethodPost, "/feedback", "", nil)
	_ = r
	c := e.srv.Client()
	res, _ := c.PostForm(e.srv.URL+"/feedback", url.Values{"nachricht": {""}, "email": {"kein-at"}})
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("empty feedback: %d", res.StatusCode)
	}
	has(t, "feedback errors", string(b), `aria-invalid="true" aria-describedby="f-nachricht-error"`, `href="#f-email"`)
	res, _ = c.PostForm(e.srv.URL+"/feedback", url.Values{"nachricht": {"Die Schrift ist zu klein."}})
	b, _ = io.ReadAll(res.Body)
	res.Body.Close()
	has(t, "feedback thanks", string(b), "Ihre Nachricht ist bei uns angekommen")
	if fb := e.web.Feedback(); len(fb) != 1 || fb[0].Message != "Die Schrift ist zu klein." {
		t.Errorf("feedback kept: %+v", fb)
	}

	// English by parameter, then remembered by the cookie.
	jar, _ := cookiejar.New(nil)
	cj := &http.Client{Jar: jar}
	_, h, body := fetch(t, cj, e.srv.URL, "/impressum?lang=en")
	has(t, "english", body, `<html lang="en">`, "<h1>Imprint</h1>", `hreflang="de">Deutsch</a>`)
	if h.Get("Content-Language") != "en" {
		t.Errorf("Content-Language %q", h.Get("Content-Language"))
	}
	_, _, body = fetch(t, cj, e.srv.URL, "/")
	has(t, "english remembered", body, `<html lang="en">`, "Learning in Saarland")
	_, _, body = fetch(t, cj, e.srv.URL, "/?lang=de")
	has(t, "back to german", body, `<html lang="de">`)
}
