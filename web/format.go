package web

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

// German formatting of dates, times, numbers and money for the pages.
// Times are shown in Europe/Berlin, whatever zone they come in.

var weekdayShort = [...]string{"So.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa."}

// formatDate formats t's day as "Mo., 02.03.2026".
func formatDate(t time.Time) string {
	t = t.In(catalogue.Berlin)
	return fmt.Sprintf("%s, %02d.%02d.%d", weekdayShort[t.Weekday()], t.Day(), int(t.Month()), t.Year())
}

// formatDateTime formats t as "Mo., 02.03.2026, 18:00 Uhr"; a time at
// midnight stands for the whole day and is shown as the day alone.
func formatDateTime(t time.Time) string {
	t = t.In(catalogue.Berlin)
	if !hasClock(t) {
		return formatDate(t)
	}
	return formatDate(t) + ", " + t.Format("15:04") + " Uhr"
}

func hasClock(t time.Time) bool {
	t = t.In(catalogue.Berlin)
	return t.Hour() != 0 || t.Minute() != 0
}

// formatSpan formats the time from start to end: "Mo., 02.03.2026,
// 18:00–21:00 Uhr" on one day, "Mo., 02.03.2026 bis Fr., 27.03.2026" across
// days.
func formatSpan(start, end *time.Time) string {
	switch {
	case start == nil && end == nil:
		return ""
	case start == nil:
		return "bis " + formatDateTime(*end)
	case end == nil || end.Equal(*start):
		return formatDateTime(*start)
	}
	s, e := start.In(catalogue.Berlin), end.In(catalogue.Berlin)
	sy, sm, sd := s.Date()
	ey, em, ed := e.Date()
	if sy == ey && sm == em && sd == ed {
		if !hasClock(s) && !hasClock(e) {
			return formatDate(s)
		}
		return formatDate(s) + ", " + s.Format("15:04") + "–" + e.Format("15:04") + " Uhr"
	}
	return formatDateTime(s) + " bis " + formatDateTime(e)
}

// formatDay formats a day given as "2026-12-31" as "31.12.2026"; other text
// is returned as it is.
func formatDay(day string) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	return t.Format("02.01.2006")
}

// formatNumber formats f German-style: "1.234,5"; whole numbers without decimals.
func formatNumber(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, ok := strings.Cut(s, ".")
	out := sign + groupThousands(whole)
	if ok {
		out += "," + frac
	}
	return out
}

// groupThousands puts a dot between each group of three digits.
func groupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// formatMoney formats an amount in cents as "1.234,50 €"; currencies other
// than the euro keep their ISO code: "12,00 CHF".
func formatMoney(cents int64, currency string) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	symbol := currency
	if currency == "" || currency == "EUR" {
		symbol = "€"
	}
	return fmt.Sprintf("%s%s,%02d %s", sign, groupThousands(strconv.FormatInt(cents/100, 10)), cents%100, symbol)
}

// formatPrice formats a price with its unit: "1.234,50 €", "45,00 € pro
// Monat", "kostenfrei". It is empty for no price.
func formatPrice(p *catalogue.Price) string {
	if p == nil {
		return ""
	}
	if p.AmountCents == 0 {
		return "kostenfrei"
	}
	s := formatMoney(p.AmountCents, p.Currency)
	if p.Unit != "" && p.Unit != "total" {
		s += " " + label("price_unit", p.Unit)
	}
	return s
}

// label returns the German label of code in the vocabulary named vocab.
func label(vocab, code string) string {
	if v := catalogue.Vocab(vocab); v != nil {
		return v.Label(code, "de")
	}
	return code
}

// labels returns the German labels of codes.
func labels(vocab string, codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = label(vocab, c)
	}
	return out
}

// paragraphs splits text at blank lines.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// contactName joins the parts of a contact's name: "Frau Dr. Eva Muster".
func contactName(c catalogue.Contact) string {
	return joinNonEmpty(" ", c.Salutation, c.Title, c.GivenName, c.FamilyName)
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// formatSeats describes the number of places of a date.
func formatSeats(lo, hi int) string {
	switch {
	case lo > 0 && hi > 0:
		return fmt.Sprintf("%d bis %d Plätze", lo, hi)
	case hi > 0:
		return fmt.Sprintf("höchstens %d Plätze", hi)
	case lo > 0:
		return fmt.Sprintf("ab %d Teilnehmenden", lo)
	}
	return ""
}

// singularUnit names one of a duration unit; the vocabulary's labels are plural.
var singularUnit = map[string]string{
	"lessons": "Unterrichtseinheit", "hours": "Stunde", "days": "Tag", "weeks": "Woche",
	"months": "Monat", "semesters": "Semester", "years": "Jahr",
}

// formatDuration formats a duration with its unit: "40 Unterrichtseinheiten", "1 Tag".
func formatDuration(n float64, unit string) string {
	if n <= 0 {
		return ""
	}
	if one, ok := singularUnit[unit]; ok && n == 1 {
		return "1 " + one
	}
	return joinNonEmpty(" ", formatNumber(n), label("duration_unit", unit))
}

// shorten cuts text to at most n characters at a word boundary, adding "…".
func shorten(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:–-") + "…"
}

// osmURL links to a point on OpenStreetMap.
func osmURL(g *catalogue.Geo) string {
	return fmt.Sprintf("https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f#map=17/%.6f/%.6f", g.Lat, g.Lon, g.Lat, g.Lon)
}
