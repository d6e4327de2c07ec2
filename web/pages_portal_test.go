package web_test

import (
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestErrorPagesHelpOn: the 404 and the 500 page, in both languages, offer a
// search box and the ways on: home, learning places, counselling, feedback,
// contact; the 500 page also the request number, never the internal error.
func TestErrorPagesHelpOn(t *testing.T) {
	e := newEnv(t, "")
	ways := []string{`role="search"`, `<input id="f-q" name="q" type="search"`, `action="/suche"`,
		`<a href="/">`, `<a href="/lernorte">`, `<a href="/#beratung">`, `<a href="/feedback">`, `<a href="/impressum">`}

	r := e.get(t, "/gibt-es-nicht")
	checkPage(t, r, http.StatusNotFound)
	mustContain(t, r.body, append(ways, "Seite nicht gefunden", "Suchen Sie stattdessen:", "So geht es weiter", "Kontakt und Impressum")...)
	r = e.get(t, "/gibt-es-nicht?lang=en")
	mustContain(t, r.body, append(ways, `<html lang="en">`, "Page not found", "Search instead:", "Contact and imprint")...)

	// A store that fails: every page that needs it answers with the 500 page.
	e.store.Close()
	r = e.get(t, "/")
	checkPage(t, r, http.StatusInternalServerError)
	mustContain(t, r.body, append(ways, "Ein Fehler ist aufgetreten", "Angebote suchen:", "Fehlernummer")...)
	if strings.Contains(strings.ToLower(string(r.body)), "sql") || strings.Contains(string(r.body), "closed") {
		t.Errorf("the 500 page shows the internal error:\n%s", r.body)
	}
	r = e.get(t, "/anbieter/1?lang=en")
	if r.status != http.StatusInternalServerError {
		t.Fatalf("status %d", r.status)
	}
	mustContain(t, r.body, append(ways, `<html lang="en">`, "An error occurred", "Search offers:")...)
}

// TestHreflang: every page names its German, English and default version,
// and sitemap.xml lists both languages with their alternates.
func TestHreflang(t *testing.T) {
	e := newEnv(t, "")
	f := e.fixture(t)
	o := e.saveOffer(t, newOffer(f.provider.ID, f.room.ID, "Excel", berlin(2030, time.March, 4, 18, 0)))
	links := func(de, en string) []string {
		return []string{
			fmt.Sprintf(`<link rel="alternate" hreflang="de" href="%s">`, de),
			fmt.Sprintf(`<link rel="alternate" hreflang="en" href="%s">`, en),
			fmt.Sprintf(`<link rel="alternate" hreflang="x-default" href="%s">`, de),
		}
	}
	offer := e.base + fmt.Sprintf("/angebote/%d", o.ID)
	for _, c := range []struct{ path, lang, de, en string }{
		{fmt.Sprintf("/angebote/%d", o.ID), "de", offer, offer + "?lang=en"},
		{fmt.Sprintf("/angebote/%d?lang=en", o.ID), "en", offer, offer + "?lang=en"},
		{"/impressum?lang=en", "en", e.base + "/impressum", e.base + "/impressum?lang=en"},
		{"/", "de", e.base + "/", e.base + "/?lang=en"},
		// A page without a canonical URL names itself with its query, without lang.
		{"/vergleich?ids=1&lang=en", "en", e.base + "/vergleich?ids=1", e.base + "/vergleich?ids=1&amp;lang=en"},
		{"/gibt-es-nicht", "de", e.base + "/gibt-es-nicht", e.base + "/gibt-es-nicht?lang=en"},
	} {
		r := e.get(t, c.path)
		mustContain(t, r.body, append(links(c.de, c.en), fmt.Sprintf(`<html lang="%s">`, c.lang))...)
	}
	// The link to the other language says its own language.
	mustContain(t, e.get(t, "/impressum").body, `lang="en" hreflang="en">English</a>`)
	mustContain(t, e.get(t, "/impressum?lang=en").body, `lang="de" hreflang="de">Deutsch</a>`)

	sm := e.get(t, "/sitemap.xml")
	alt := fmt.Sprintf(`<xhtml:link rel="alternate" hreflang="de" href="%[1]s"></xhtml:link>
  <xhtml:link rel="alternate" hreflang="en" href="%[1]s?lang=en"></xhtml:link>
  <xhtml:link rel="alternate" hreflang="x-default" href="%[1]s"></xhtml:link>`, offer)
	mustContain(t, sm.body, `xmlns:xhtml="http://www.w3.org/1999/xhtml"`,
		"<loc>"+offer+"</loc>", "<loc>"+offer+"?lang=en</loc>", alt)
	if n := strings.Count(string(sm.body), alt); n != 2 {
		t.Errorf("the offer's alternates appear %d times, want 2 (its German and its English URL)", n)
	}
}

// TestMerklisteFromResults: each search result has a button that puts the
// offer on the Merkliste or takes it off, a plain POST form that returns to
// the same result.
func TestMerklisteFromResults(t *testing.T) {
	base := searchEnv(t)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	_, _, body := fetch(t, c, base, "/suche?q=Englisch")
	forms := regexp.MustCompile(`<form id="merk-(\d+)" class="merk-hit" action="/merkliste" method="post">\s*`+
		`<input type="hidden" name="id" value="(\d+)">\s*<input type="hidden" name="action" value="(\w+)">\s*`+
		`<input type="hidden" name="back" value="([^"]+)">`).FindAllStringSubmatch(body, -1)
	if len(forms) < 2 {
		t.Fatalf("found %d Merkliste forms on the results:\n%s", len(forms), body)
	}
	id, action, back := forms[0][2], forms[0][3], forms[0][4]
	if action != "add" || back != "/suche?q=Englisch#angebot-"+id {
		t.Errorf("form of %s: action %q, back %q", id, action, back)
	}
	// The button sits in the result, names the offer and belongs to its form.
	has(t, "results", body, `<li class="hit" id="angebot-`+id+`">`,
		`<button type="submit" form="merk-`+id+`" class="button button-small button-secondary">Merken<span class="visually-hidden">: `)

	post := func(action string) {
		t.Helper()
		form := url.Values{"id": {id}, "action": {action}, "back": {back}}
		res, err := c.PostForm(base+"/merkliste", form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/suche?q=Englisch#angebot-"+id {
			t.Fatalf("%s: %d to %q", action, res.StatusCode, res.Header.Get("Location"))
		}
	}
	post("add")
	_, _, body = fetch(t, c, base, "/suche?q=Englisch")
	has(t, "results after saving", body, `<span class="saved">Gemerkt</span>`,
		`form="merk-`+id+`" class="button button-small button-secondary">Nicht mehr merken`,
		`<input type="hidden" name="id" value="`+id+`">
  <input type="hidden" name="action" value="remove">`, `<span class="badge">1`)
	_, _, merk := fetch(t, c, base, "/merkliste")
	has(t, "Merkliste", merk, `href="/angebote/`+id+`"`)

	post("remove")
	_, _, body = fetch(t, c, base, "/suche?q=Englisch")
	if strings.Contains(body, `class="saved"`) {
		t.Error("the offer is still marked as saved")
	}
}
