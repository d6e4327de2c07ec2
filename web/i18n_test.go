package web

import (
	"io/fs"
	"regexp"
	"sort"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

var verb = regexp.MustCompile(`%[-+# 0]*[0-9]*[a-z]`)

// TestMessageCatalogues: both languages have the same keys with the same
// verbs, and every key the templates name exists.
func TestMessageCatalogues(t *testing.T) {
	for k, de := range localeDE.msgs {
		en, ok := localeEN.msgs[k]
		if !ok {
			t.Errorf("en lacks %q", k)
			continue
		}
		a, b := verb.FindAllString(de, -1), verb.FindAllString(en, -1)
		sort.Strings(a)
		sort.Strings(b)
		if len(a) != len(b) {
			t.Errorf("%q: verbs %v (de) and %v (en)", k, a, b)
		}
	}
	for k := range localeEN.msgs {
		if _, ok := localeDE.msgs[k]; !ok {
			t.Errorf("de lacks %q", k)
		}
	}
	used := regexp.MustCompile(`\{\{-? *(?:t|n) "([a-z0-9_.]+)"`)
	files, _ := fs.Glob(templateFS, "templates/*.html")
	for _, f := range files {
		data, _ := fs.ReadFile(templateFS, f)
		for _, m := range used.FindAllStringSubmatch(string(data), -1) {
			key := m[1]
			_, one := localeDE.msgs[key+".one"]
			if _, ok := localeDE.msgs[key]; !ok && !one {
				t.Errorf("%s uses the unknown key %q", f, key)
			}
		}
	}
}

func TestEnglishFormats(t *testing.T) {
	at := func(y int, m time.Month, d, h, mi int) *time.Time {
		v := time.Date(y, m, d, h, mi, 0, 0, catalogue.Berlin)
		return &v
	}
	for _, c := range []struct{ got, want string }{
		{localeEN.DateTime(*at(2026, 3, 2, 18, 0)), "Mon 2 Mar 2026, 6:00 pm"},
		{localeEN.Span(at(2026, 3, 2, 18, 0), at(2026, 3, 2, 21, 15)), "Mon 2 Mar 2026, 6:00 pm–9:15 pm"},
		{localeEN.Span(at(2026, 3, 2, 0, 0), at(2026, 3, 27, 0, 0)), "Mon 2 Mar 2026 to Fri 27 Mar 2026"},
		{localeEN.Money(123450, "EUR"), "€1,234.50"},
		{localeEN.Money(1200, "CHF"), "CHF 12.00"},
		{localeEN.Price(&catalogue.Price{AmountCents: 4500, Unit: "per_month"}), "€45.00 per month"},
		{localeEN.Price(&catalogue.Price{}), "free of charge"},
		{localeEN.Number(1234.5), "1,234.5"},
		{localeEN.Duration(1, "days"), "1 day"},
		{localeEN.Day("2028-12-31"), "31 Dec 2028"},
		{localeDE.Km(3.44), "3,4 km"},
		{localeDE.Degree("Teilnahmebescheinigung", "attendance"), "Teilnahmebescheinigung"},
		{localeDE.Degree("Teilnahmebescheinigung mit Angabe des Niveaus", "attendance"), "Teilnahmebescheinigung mit Angabe des Niveaus"},
		{localeDE.Degree("telc Deutsch B1", "language_certificate"), "telc Deutsch B1 – Sprachzertifikat (z. B. telc, Goethe)"},
		{localeEN.Degree("", "chamber_exam"), "Chamber examination (IHK/HWK)"},
		{localeDE.Price(&catalogue.Price{AmountCents: 4500, Unit: "per_month"}), "45,00 € pro Monat"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
