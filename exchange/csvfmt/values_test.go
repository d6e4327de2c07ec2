package csvfmt

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

func TestParsePrice(t *testing.T) {
	for _, tc := range []struct {
		in        string
		cents     int64
		cur, unit string
		bad       bool
		written   string // formatPrice of the result, when it differs from in
	}{
		{in: "1.234,50 €", cents: 123450, cur: "EUR", unit: "total"},
		{in: "89,00 €", cents: 8900, cur: "EUR", unit: "total"},
		{in: "89 €", cents: 8900, cur: "EUR", unit: "total", written: "89,00 €"},
		{in: "1.500", cents: 150000, cur: "EUR", unit: "total", written: "1.500,00 €"},
		{in: "49.90", cents: 4990, cur: "EUR", unit: "total", written: "49,90 €"},
		{in: "€ 12,5", cents: 1250, cur: "EUR", unit: "total", written: "12,50 €"},
		{in: "1 234,00 EUR", cents: 123400, cur: "EUR", unit: "total", written: "1.234,00 €"},
		{in: "3.450.000,00 €", cents: 345000000, cur: "EUR", unit: "total"},
		{in: "Kostenlos", cents: 0, cur: "EUR", unit: "total", written: "kostenlos"},
		{in: "0,00 €", cents: 0, cur: "EUR", unit: "total", written: "kostenlos"},
		{in: "2,29 € pro Unterrichtseinheit", cents: 229, cur: "EUR", unit: "per_lesson"},
		{in: "120 € je Monat", cents: 12000, cur: "EUR", unit: "per_month", written: "120,00 € pro Monat"},
		{in: "120 €/Monat", cents: 12000, cur: "EUR", unit: "per_month", written: "120,00 € pro Monat"},
		{in: "35,00 € pro UE", cents: 3500, cur: "EUR", unit: "per_lesson", written: "35,00 € pro Unterrichtseinheit"},
		{in: "100 CHF", cents: 10000, cur: "CHF", unit: "total", written: "100,00 CHF"},
		{in: "12,345 €", bad: true},
		{in: "1,2,3", bad: true},
		{in: "12.34.56", bad: true},
		{in: "-5 €", bad: true},
		{in: "auf Anfrage", bad: true},
		{in: "50 € pro Nase", bad: true},
	} {
		p, err := parsePrice(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("%q: %+v, want an error", tc.in, p)
			}
			continue
		}
		if err != nil || p.AmountCents != tc.cents || p.Currency != tc.cur || p.Unit != tc.unit {
			t.Errorf("%q: %+v, %v", tc.in, p, err)
			continue
		}
		want := tc.written
		if want == "" {
			want = tc.in
		}
		if got := formatPrice(p); got != want {
			t.Errorf("%q is written %q, want %q", tc.in, got, want)
		}
	}
}

func TestParseStartAndDays(t *testing.T) {
	day := func(s string) time.Time {
		t, _ := time.ParseInLocation("2006-01-02 15:04", s, catalogue.Berlin)
		return t
	}
	for _, tc := range []struct {
		in, kind string
		start    time.Time
		bad      bool
	}{
		{in: "14.09.2026", kind: "fixed", start: day("2026-09-14 00:00")},
		{in: "4.9.2026", kind: "fixed", start: day("2026-09-04 00:00")},
		{in: "14.09.26", kind: "fixed", start: day("2026-09-14 00:00")},
		{in: "14.09.2026 18:00", kind: "fixed", start: day("2026-09-14 18:00")},
		{in: "14.09.2026 8:30 Uhr", kind: "fixed", start: day("2026-09-14 08:30")},
		{in: "2026-09-14", kind: "fixed", start: day("2026-09-14 00:00")},
		{in: "2026-09-14T18:00:00", kind: "fixed", start: day("2026-09-14 18:00")},
		{in: "Jederzeit", kind: "permanent"},
		{in: "nach Vereinbarung", kind: "on_request"},
		{in: "Auf Anfrage", kind: "on_request"},
		{in: "laufend ab 01.10.2026", kind: "rolling", start: day("2026-10-01 00:00")},
		{in: "Laufender Einstieg", kind: "rolling"},
		{in: "31.02.2027", bad: true},
		{in: "14.13.2026", bad: true},
		{in: "14.09.2026 25:00", bad: true},
		{in: "09/14/2026", bad: true},
		{in: "bald", bad: true},
		{in: "laufend ab morgen", bad: true},
	} {
		kind, start, err := parseStart(tc.in)
		if tc.bad != (err != nil) {
			t.Errorf("%q: error %v", tc.in, err)
			continue
		}
		if tc.bad {
			continue
		}
		if kind != tc.kind || (start == nil) != tc.start.IsZero() || (start != nil && !start.Equal(tc.start)) {
			t.Errorf("%q: %s %v, want %s %v", tc.in, kind, start, tc.kind, tc.start)
		}
		d := &catalogue.Date{StartKind: kind, Start: start}
		if k2, s2, err := parseStart(formatStart(d)); err != nil || k2 != kind || (s2 == nil) != (start == nil) || (s2 != nil && !s2.Equal(*start)) {
			t.Errorf("%q written as %q reads %s %v %v", tc.in, formatStart(d), k2, s2, err)
		}
	}
}

func TestParseDurationAndNumbers(t *testing.T) {
	for in, want := range map[string]struct {
		n    float64
		unit string
	}{
		"12 Wochen": {12, "weeks"}, "1 Woche": {1, "weeks"}, "40 UE": {40, "lessons"}, "7,5 Stunden": {7.5, "hours"},
		"3 Tage": {3, "days"}, "18 Monate": {18, "months"}, "2 Semester": {2, "semesters"}, "1 Jahr": {1, "years"},
		"20 Unterrichtseinheiten": {20, "lessons"}, "8 Std.": {8, "hours"}, "1.300 Unterrichtseinheiten": {1300, "lessons"},
	} {
		n, unit, err := parseDuration(in)
		if err != nil || n != want.n || unit != want.unit {
			t.Errorf("%q: %v %s %v", in, n, unit, err)
		}
		if n2, u2, err := parseDuration(formatDuration(n, unit)); err != nil || n2 != n || u2 != unit {
			t.Errorf("%q written as %q", in, formatDuration(n, unit))
		}
	}
	for _, bad := range []string{"12", "Wochen", "12 Wochen lang", "zwölf Wochen", "1,2,3 Tage"} {
		if _, _, err := parseDuration(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	for in, want := range map[string]float64{"30": 30, "7,5": 7.5, "7.5": 7.5, "1.300": 1300, "0,25": 0.25} {
		if n, err := parseNumber(in); err != nil || n != want {
			t.Errorf("%q: %v %v", in, n, err)
		}
	}
}

func TestParseList(t *testing.T) {
	codes, bad := parseList("topic", "Lager, Logistik und Verkehr; IT und EDV, sprachen\nPOLITIK, GESELLSCHAFT UND UMWELT; it")
	if want := []string{"logistics", "it", "languages", "society"}; !slices.Equal(codes, want) || bad != nil {
		t.Errorf("topics: %v %v", codes, bad)
	}
	codes, bad = parseList("delivery_mode", "Präsenz; E-Learning")
	if !slices.Equal(codes, []string{"e_learning"}) || !slices.Equal(bad, []string{"Präsenz"}) {
		t.Errorf("modes: %v %v", codes, bad)
	}
	if c, ok := term("degree_type", "kammerprüfung (ihk/hwk)"); !ok || c != "chamber_exam" {
		t.Errorf("degree type: %q", c)
	}
	if c, ok := term("language", "English"); !ok || c != "en" {
		t.Errorf("language by English label: %q", c)
	}
	for _, name := range catalogue.VocabularyNames() {
		for _, tm := range catalogue.Vocab(name).Terms {
			if c, ok := term(name, formatTerm(name, tm.Code)); !ok || c != tm.Code {
				t.Errorf("%s: the label %q reads as %q", name, tm.DE, c)
			}
		}
	}
	for _, name := range []string{"topic", "delivery_mode", "language", "funding", "time_pattern", "accessibility"} {
		var all []string
		for _, tm := range catalogue.Vocab(name).Terms {
			all = append(all, tm.Code)
		}
		if got, bad := parseList(name, formatList(name, all)); !slices.Equal(got, all) || bad != nil {
			t.Errorf("%s does not survive being written: %v %v", name, got, bad)
		}
	}
}

func TestSkillsAndFormulas(t *testing.T) {
	skills := []catalogue.Skill{{URI: skillPrefix + "abc-1", Label: "Englisch (Sprache) sprechen"}, {URI: skillPrefix + "def-2"}}
	got, err := parseSkills(formatSkills(skills))
	if err != nil || !slices.Equal(got, skills) {
		t.Errorf("skills: %+v %v", got, err)
	}
	if _, err := parseSkills("Teamarbeit"); err == nil {
		t.Error("a skill without URI is read")
	}
	for _, s := range []string{"=HYPERLINK(\"http://x\")", "+49 681 1", "-Punkt", "@SUM(A1)", "'=1", "''+2", "normal", "'zitiert", ""} {
		e := escape(s)
		if formula(e) && e[0] != '\'' {
			t.Errorf("%q is written as a formula: %q", s, e)
		}
		if unescape(e) != s {
			t.Errorf("%q → %q → %q", s, e, unescape(e))
		}
	}
}

func TestTemplateIsTheColumns(t *testing.T) {
	var names []string
	for _, c := range Columns {
		if !c.Export {
			names = append(names, c.Name)
		}
		if c.DE == "" || c.EN == "" {
			t.Errorf("column %s lacks an explanation", c.Name)
		}
		if GroupTitle(c.Group, "de") == c.Group || GroupTitle(c.Group, "en") == c.Group {
			t.Errorf("column %s: group %q has no title", c.Name, c.Group)
		}
		if c.Vocabulary != "" && catalogue.Vocab(c.Vocabulary) == nil {
			t.Errorf("column %s: no vocabulary %s", c.Name, c.Vocabulary)
		}
	}
	if want := "\uFEFF" + joinSemicolon(names) + "\r\n"; string(Template) != want {
		t.Errorf("the template is not the header of Columns:\n%q\nwant\n%q", Template, want)
	}
}

func joinSemicolon(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ";"
		}
		out += x
	}
	return out
}

// TestDocumented: docs/CSV.md explains every column, in German and English.
func TestDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/CSV.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Columns {
		if n := strings.Count(string(doc), "| `"+c.Name+"` |"); n != 2 {
			t.Errorf("docs/CSV.md has %d table rows for column %s, want 2 (German and English)", n, c.Name)
		}
	}
}
