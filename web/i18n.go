package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

// The portal speaks German (the default) and English. Every text of the
// pages comes from the message catalogues i18n/de.json and i18n/en.json,
// each of which may be split by area into i18n/de.AREA.json and
// i18n/en.AREA.json (a key lives in exactly one file): flat maps from a key
// to a text, with fmt verbs for arguments. Plurals are two
// keys, KEY.one and KEY.other (both languages have just these two forms).
// TestMessageCatalogues checks that both catalogues have the same keys and
// the same verbs, and that every key the templates use exists.

//go:embed i18n/*.json
var messageFS embed.FS

// locale is one language of the portal: its messages and its formats.
type locale struct {
	Lang string // "de" or "en", for <html lang>
	msgs map[string]string
}

var (
	localeDE = mustLoadLocale("de")
	localeEN = mustLoadLocale("en")
	locales  = map[string]*locale{"de": localeDE, "en": localeEN}
)

func mustLoadLocale(lang string) *locale {
	parts, err := fs.Glob(messageFS, "i18n/"+lang+".*json")
	if err != nil || len(parts) == 0 {
		panic(fmt.Sprintf("web: no message catalogue i18n/%s.json: %v", lang, err))
	}
	l := &locale{Lang: lang, msgs: map[string]string{}}
	for _, name := range parts {
		data, err := messageFS.ReadFile(name)
		if err != nil {
			panic(err)
		}
		var msgs map[string]string
		if err := json.Unmarshal(data, &msgs); err != nil {
			panic(fmt.Sprintf("web: %s: %v", name, err))
		}
		for k, v := range msgs {
			if _, dup := l.msgs[k]; dup {
				panic(fmt.Sprintf("web: %s: key %q is defined in two files of language %s", name, k, lang))
			}
			l.msgs[k] = v
		}
	}
	return l
}

// langCookie remembers the language a visitor chose; it is the portal's only
// cookie besides the Merkliste.
const langCookie = "lang"

// localeOf returns the language of the request: the lang parameter, else the
// lang cookie, else German.
func localeOf(r *http.Request) *locale {
	if l, ok := locales[r.URL.Query().Get("lang")]; ok {
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil {
		if l, ok := locales[c.Value]; ok {
			return l
		}
	}
	return localeDE
}

// rememberLocale sets the lang cookie when the request chose a language by
// its parameter.
func rememberLocale(w http.ResponseWriter, r *http.Request) {
	lang := r.URL.Query().Get("lang")
	if _, ok := locales[lang]; !ok {
		return
	}
	c := &http.Cookie{Name: langCookie, Value: lang, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil}
	if !isKiosk(r) {
		c.MaxAge = 365 * 24 * 3600
	}
	http.SetCookie(w, c)
}

// T returns the message key with args; a missing key shows as itself, so it
// is noticed (and the catalogue test fails).
func (l *locale) T(key string, args ...any) string {
	m, ok := l.msgs[key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return m
	}
	return fmt.Sprintf(m, args...)
}

// N returns the plural form of key for n: KEY.one or KEY.other, with n as
// the first argument.
func (l *locale) N(key string, n int, args ...any) string {
	form := ".other"
	if n == 1 {
		form = ".one"
	}
	return l.T(key+form, append([]any{n}, args...)...)
}

// Label returns the label of code in vocabulary vocab.
func (l *locale) Label(vocab, code string) string {
	if v := catalogue.Vocab(vocab); v != nil {
		return v.Label(code, l.Lang)
	}
	return code
}

// Degree names what an offer leads to: the degree's own name and the
// label of its kind, the kind left out where the name already says it
// ("Teilnahmebescheinigung mit Angabe des Niveaus", not "… – Teilnahmebescheinigung").
func (l *locale) Degree(degree, degreeType string) string {
	kind := ""
	if degreeType != "" {
		kind = l.Label("degree_type", degreeType)
	}
	if kind != "" && strings.Contains(strings.ToLower(degree), strings.ToLower(kind)) {
		kind = ""
	}
	return joinNonEmpty(" – ", degree, kind)
}

// Labels returns the labels of codes.
func (l *locale) Labels(vocab string, codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = l.Label(vocab, c)
	}
	return out
}

// English formats: "Mon 2 Mar 2026", "6:00 pm", "1,234.5", "€1,234.50".

func (l *locale) Date(t time.Time) string {
	if l.Lang == "de" {
		return formatDate(t)
	}
	return t.In(catalogue.Berlin).Format("Mon 2 Jan 2006")
}

func (l *locale) clock(t time.Time) string {
	return t.In(catalogue.Berlin).Format("3:04 pm")
}

func (l *locale) DateTime(t time.Time) string {
	if l.Lang == "de" {
		return formatDateTime(t)
	}
	if !hasClock(t) {
		return l.Date(t)
	}
	return l.Date(t) + ", " + l.clock(t)
}

// Time formats the clock time of t: "18:00 Uhr", "6:00 pm".
func (l *locale) Time(t time.Time) string {
	if l.Lang == "de" {
		return t.In(catalogue.Berlin).Format("15:04") + " Uhr"
	}
	return l.clock(t)
}

func (l *locale) Span(start, end *time.Time) string {
	if l.Lang == "de" {
		return formatSpan(start, end)
	}
	switch {
	case start == nil && end == nil:
		return ""
	case start == nil:
		return "until " + l.DateTime(*end)
	case end == nil || end.Equal(*start):
		return l.DateTime(*start)
	}
	s, e := start.In(catalogue.Berlin), end.In(catalogue.Berlin)
	sy, sm, sd := s.Date()
	ey, em, ed := e.Date()
	if sy == ey && sm == em && sd == ed {
		if !hasClock(s) && !hasClock(e) {
			return l.Date(s)
		}
		return l.Date(s) + ", " + l.clock(s) + "–" + l.clock(e)
	}
	return l.DateTime(s) + " to " + l.DateTime(e)
}

// Day formats a day given as "2026-12-31".
func (l *locale) Day(day string) string {
	if l.Lang == "de" {
		return formatDay(day)
	}
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	return t.Format("2 Jan 2006")
}

func (l *locale) Number(f float64) string {
	de := formatNumber(f)
	if l.Lang == "de" {
		return de
	}
	return swapSeparators(de)
}

// swapSeparators turns "1.234,5" into "1,234.5".
func swapSeparators(s string) string {
	return strings.NewReplacer(".", ",", ",", ".").Replace(s)
}

// Km formats a distance in kilometres with one decimal.
func (l *locale) Km(km float64) string {
	s := strconv.FormatFloat(km, 'f', 1, 64)
	if l.Lang == "de" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " km"
}

func (l *locale) Money(cents int64, currency string) string {
	if l.Lang == "de" {
		return formatMoney(cents, currency)
	}
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	amount := fmt.Sprintf("%s.%02d", swapSeparators(groupThousands(strconv.FormatInt(cents/100, 10))), cents%100)
	if currency == "" || currency == "EUR" {
		return sign + "€" + amount
	}
	return sign + currency + " " + amount
}

// Price formats a price with its unit; it is empty for no price.
func (l *locale) Price(p *catalogue.Price) string {
	if p == nil {
		return ""
	}
	if p.AmountCents == 0 {
		return l.T("price.free")
	}
	s := l.Money(p.AmountCents, p.Currency)
	if p.Unit != "" && p.Unit != "total" {
		unit := l.Label("price_unit", p.Unit)
		if l.Lang == "en" {
			unit = strings.ToLower(unit) // "Per month" stands alone in lists
		}
		s += " " + unit
	}
	return s
}

func (l *locale) Duration(n float64, unit string) string {
	if n <= 0 {
		return ""
	}
	if n == 1 {
		if one, ok := l.msgs["duration.one."+unit]; ok {
			return "1 " + one
		}
	}
	return joinNonEmpty(" ", l.Number(n), l.Label("duration_unit", unit))
}

func (l *locale) Seats(lo, hi int) string {
	switch {
	case lo > 0 && hi > 0:
		return l.T("seats.range", lo, hi)
	case hi > 0:
		return l.T("seats.max", hi)
	case lo > 0:
		return l.T("seats.min", lo)
	}
	return ""
}
