package csvfmt

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/lernnetz/lernnetz/catalogue"
)

// This file reads and writes the values of cells: German dates, numbers,
// prices, yes/no and vocabulary labels.

// parseDay reads a date as TT.MM.JJJJ (also T.M.JJJJ and TT.MM.JJ) or
// JJJJ-MM-TT, optionally followed by a time HH:MM[:SS] (after a space or
// ISO's T, "Uhr" allowed), in Europe/Berlin.
func parseDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimSuffix(s, "Uhr"))
	datePart, timePart := s, ""
	if i := strings.IndexAny(s, " T"); i > 0 {
		datePart, timePart = s[:i], strings.TrimSpace(s[i+1:])
	}
	var y, m, d int
	var err error
	switch {
	case strings.Count(datePart, ".") == 2:
		p := strings.Split(datePart, ".")
		d, m, y, err = atoi3(p[0], p[1], p[2])
		if err == nil && len(p[2]) == 2 {
			y += 2000
		} else if err == nil && len(p[2]) != 4 {
			err = errors.New("Jahr")
		}
	case strings.Count(datePart, "-") == 2:
		p := strings.Split(datePart, "-")
		y, m, d, err = atoi3(p[0], p[1], p[2])
		if err == nil && len(p[0]) != 4 {
			err = errors.New("Jahr")
		}
	default:
		err = errors.New("kein Datum")
	}
	if err != nil || m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2199 {
		return time.Time{}, errors.New("kein Datum")
	}
	hh, mm, ss := 0, 0, 0
	if timePart != "" {
		p := strings.Split(timePart, ":")
		if len(p) < 2 || len(p) > 3 || len(p[0]) > 2 || len(p[1]) != 2 {
			return time.Time{}, errors.New("keine Uhrzeit")
		}
		if len(p) == 2 {
			p = append(p, "0")
		}
		hh, mm, ss, err = atoi3(p[0], p[1], p[2])
		if err != nil || hh > 23 || mm > 59 || ss > 59 {
			return time.Time{}, errors.New("keine Uhrzeit")
		}
	}
	t := time.Date(y, time.Month(m), d, hh, mm, ss, 0, catalogue.Berlin)
	if t.Day() != d { // 31.02.
		return time.Time{}, errors.New("kein Datum")
	}
	return t, nil
}

func atoi3(a, b, c string) (int, int, int, error) {
	var out [3]int
	for i, s := range [3]string{a, b, c} {
		if s == "" || len(s) > 4 || strings.TrimFunc(s, unicode.IsDigit) != "" {
			return 0, 0, 0, errors.New("keine Zahl")
		}
		out[i], _ = strconv.Atoi(s)
	}
	return out[0], out[1], out[2], nil
}

// formatDay writes a time as TT.MM.JJJJ, with HH:MM (and :SS) when it is
// not midnight in Berlin.
func formatDay(t time.Time) string {
	t = t.In(catalogue.Berlin)
	switch {
	case t.Second() != 0:
		return t.Format("02.01.2006 15:04:05")
	case t.Hour() != 0 || t.Minute() != 0:
		return t.Format("02.01.2006 15:04")
	}
	return t.Format("02.01.2006")
}

// decimal splits a German number into its integer digits and its fraction:
// the comma is the decimal separator and dots group thousands ("1.234,50").
// A number without comma may use a dot as decimal point when it is not
// followed by exactly three digits ("49.90", "7.5"); "1.500" is 1500.
// Spaces (also no-break) and apostrophes group digits too.
func decimal(s string) (intPart, frac string, err error) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "'", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return "", "", errors.New("leer")
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' && r != ',' {
			return "", "", errors.New("keine Zahl")
		}
	}
	intPart = s
	switch commas := strings.Count(s, ","); {
	case commas > 1:
		return "", "", errors.New("mehr als ein Komma")
	case commas == 1:
		i := strings.IndexByte(s, ',')
		intPart, frac = s[:i], s[i+1:]
		if strings.Contains(frac, ".") {
			return "", "", errors.New("Punkt nach dem Komma")
		}
	case strings.Count(s, ".") == 1:
		i := strings.IndexByte(s, '.')
		if len(s)-i-1 != 3 || s[:i] == "0" || s[:i] == "" {
			intPart, frac = s[:i], s[i+1:]
		}
	}
	if strings.Contains(intPart, ".") {
		parts := strings.Split(intPart, ".")
		for i, p := range parts {
			if (i == 0 && (len(p) < 1 || len(p) > 3)) || (i > 0 && len(p) != 3) {
				return "", "", errors.New("Tausenderpunkt an falscher Stelle")
			}
		}
		intPart = strings.Join(parts, "")
	}
	if intPart == "" {
		intPart = "0"
	}
	if len(intPart) > 13 {
		return "", "", errors.New("zu groß")
	}
	return intPart, frac, nil
}

// parseNumber reads a non-negative German number ("7,5", "1.300").
func parseNumber(s string) (float64, error) {
	i, f, err := decimal(s)
	if err != nil {
		return 0, err
	}
	if f != "" {
		i += "." + f
	}
	return strconv.ParseFloat(i, 64)
}

// formatNumber writes a number with a decimal comma and no thousands
// separator ("7,5", "1300").
func formatNumber(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', -1, 64), ".", ",", 1)
}

// parseCents reads an amount of money in cents, exactly.
func parseCents(s string) (int64, error) {
	i, f, err := decimal(s)
	if err != nil {
		return 0, err
	}
	if len(f) > 2 {
		if strings.Trim(f[2:], "0") != "" {
			return 0, errors.New("Bruchteile eines Cents")
		}
		f = f[:2]
	}
	euros, err := strconv.ParseInt(i, 10, 64)
	if err != nil {
		return 0, errors.New("keine Zahl")
	}
	cents := int64(0)
	if f != "" {
		cents, _ = strconv.ParseInt((f + "0")[:2], 10, 64)
	}
	return euros*100 + cents, nil
}

// formatCents writes cents as euros with thousands dots and a decimal
// comma: 123450 → "1.234,50".
func formatCents(c int64) string {
	euros := strconv.FormatInt(c/100, 10)
	var b strings.Builder
	for i, r := range euros {
		if i > 0 && (len(euros)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return fmt.Sprintf("%s,%02d", b.String(), c%100)
}

// free are the words for a price of nothing.
var free = map[string]bool{"kostenlos": true, "kostenfrei": true, "gratis": true, "entgeltfrei": true, "gebührenfrei": true, "free": true}

// parsePrice reads a price cell: an amount with an optional currency (€,
// EUR, Euro or an ISO code; EUR when none) and an optional unit of the
// vocabulary price_unit ("pro Monat", also "je Monat", "/Monat"), or a word
// for free ("kostenlos").
func parsePrice(s string) (*catalogue.Price, error) {
	s = strings.TrimSpace(s)
	if free[strings.ToLower(s)] {
		return &catalogue.Price{AmountCents: 0, Currency: "EUR", Unit: "total"}, nil
	}
	rest := s
	currency := ""
	for _, sym := range []string{"€", "EUR "} { // a currency before the amount
		if strings.HasPrefix(rest, sym) {
			rest, currency = strings.TrimSpace(rest[len(sym):]), "EUR"
		}
	}
	end := 0
	for end < len(rest) {
		c := rest[end]
		if c >= '0' && c <= '9' || c == '.' || c == ',' || c == '\'' ||
			(c == ' ' && end+1 < len(rest) && rest[end+1] >= '0' && rest[end+1] <= '9') {
			end++
			continue
		}
		break
	}
	if end == 0 {
		return nil, errors.New("keine Zahl")
	}
	cents, err := parseCents(rest[:end])
	if err != nil {
		return nil, err
	}
	rest = strings.TrimSpace(rest[end:])
	if currency == "" {
		currency = "EUR"
		switch {
		case strings.HasPrefix(rest, "€"):
			rest = rest[len("€"):]
		case strings.HasPrefix(strings.ToLower(rest), "euro"):
			rest = rest[len("euro"):]
		case len(rest) >= 3 && isUpper(rest[:3]) && (len(rest) == 3 || rest[3] == ' ' || rest[3] == '/'):
			currency, rest = rest[:3], rest[3:]
		}
	}
	p := &catalogue.Price{AmountCents: cents, Currency: currency, Unit: "total"}
	if rest = strings.TrimSpace(rest); rest != "" {
		unit, ok := priceUnit(rest)
		if !ok {
			return nil, fmt.Errorf("„%s“ ist keine Preiseinheit (erlaubt: %s)", rest, labels("price_unit"))
		}
		p.Unit = unit
	}
	return p, nil
}

func isUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// priceUnit finds the unit of a price: a code or label of price_unit, with
// "je" or "/" for "pro".
func priceUnit(s string) (string, bool) {
	k := fold(s)
	for _, prefix := range []string{"je ", "/ ", "/"} {
		if strings.HasPrefix(k, prefix) {
			k = "pro " + strings.TrimSpace(k[len(prefix):])
			break
		}
	}
	switch k {
	case "gesamt", "insgesamt":
		return "total", true
	case "pro ue", "pro unterrichtsstunde":
		return "per_lesson", true
	case "pro std.", "pro std", "pro h":
		return "per_hour", true
	}
	return term("price_unit", k)
}

// formatPrice writes a price as parsePrice reads it: "1.234,50 €",
// "2,29 € pro Unterrichtseinheit", "kostenlos".
func formatPrice(p *catalogue.Price) string {
	if p == nil {
		return ""
	}
	unit := p.Unit
	if unit == "" {
		unit = "total"
	}
	cur := p.Currency
	if cur == "" {
		cur = "EUR"
	}
	if p.AmountCents == 0 && cur == "EUR" && unit == "total" {
		return "kostenlos"
	}
	s := formatCents(p.AmountCents)
	if cur == "EUR" {
		s += " €"
	} else {
		s += " " + cur
	}
	if unit != "total" {
		s += " " + catalogue.Vocab("price_unit").Label(unit, "de")
	}
	return s
}

// parseBool reads ja/nein (also x, 1/0, true/false, wahr/falsch, yes/no);
// empty is no.
func parseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "ja", "j", "x", "1", "true", "wahr", "yes", "y":
		return true, nil
	case "", "nein", "n", "0", "false", "falsch", "no", "-":
		return false, nil
	}
	return false, errors.New("weder ja noch nein")
}

func formatBool(b bool) string {
	if b {
		return "ja"
	}
	return "nein"
}

// parseCount reads a non-negative whole number.
func parseCount(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > 1_000_000 {
		return 0, errors.New("keine Anzahl")
	}
	return n, nil
}

func formatCount(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// durationUnits adds singulars and abbreviations to the labels of the
// vocabulary duration_unit.
var durationUnits = map[string]string{
	"ue": "lessons", "ues": "lessons", "unterrichtseinheit": "lessons", "unterrichtsstunde": "lessons", "unterrichtsstunden": "lessons",
	"std": "hours", "std.": "hours", "h": "hours", "stunde": "hours",
	"tag": "days", "woche": "weeks", "monat": "months", "jahr": "years",
	"lesson": "lessons", "hour": "hours", "day": "days", "week": "weeks", "month": "months", "semester": "semesters", "year": "years",
}

var durationSingular = map[string]string{
	"lessons": "Unterrichtseinheit", "hours": "Stunde", "days": "Tag", "weeks": "Woche", "months": "Monat", "semesters": "Semester", "years": "Jahr",
}

// parseDuration reads a duration with its unit: "12 Wochen", "40 UE",
// "7,5 Stunden".
func parseDuration(s string) (float64, string, error) {
	s = strings.TrimSpace(s)
	end := strings.IndexFunc(s, func(r rune) bool { return !(r >= '0' && r <= '9' || r == ',' || r == '.') })
	if end < 0 {
		return 0, "", errors.New("die Einheit fehlt")
	}
	if end == 0 {
		return 0, "", errors.New("die Zahl fehlt")
	}
	n, err := parseNumber(s[:end])
	if err != nil {
		return 0, "", err
	}
	u := fold(s[end:])
	code, ok := durationUnits[u]
	if !ok {
		code, ok = term("duration_unit", u)
	}
	if !ok {
		return 0, "", fmt.Errorf("„%s“ ist keine Einheit", strings.TrimSpace(s[end:]))
	}
	return n, code, nil
}

func formatDuration(n float64, unit string) string {
	if n == 0 {
		return ""
	}
	label := catalogue.Vocab("duration_unit").Label(unit, "de")
	if n == 1 && durationSingular[unit] != "" {
		label = durationSingular[unit]
	}
	return formatNumber(n) + " " + label
}

// Start kinds without a fixed date, as words in the column beginn.
var startWords = map[string]string{
	"jederzeit": catalogue.StartPermanent, "jederzeit möglich": catalogue.StartPermanent, "permanent": catalogue.StartPermanent,
	"laufend": catalogue.StartRolling, "laufender einstieg": catalogue.StartRolling, "rolling": catalogue.StartRolling,
	"nach vereinbarung": catalogue.StartOnRequest, "auf anfrage": catalogue.StartOnRequest, "on request": catalogue.StartOnRequest,
	"on_request": catalogue.StartOnRequest,
}

var startWord = map[string]string{
	catalogue.StartPermanent: "jederzeit", catalogue.StartRolling: "laufend", catalogue.StartOnRequest: "nach Vereinbarung",
}

// parseStart reads the column beginn: a date, or a word for a start
// without a fixed date, optionally with " ab DATUM".
func parseStart(s string) (kind string, start *time.Time, err error) {
	k := fold(s)
	word, after := k, ""
	if i := strings.Index(k, " ab "); i > 0 {
		word, after = k[:i], strings.TrimSpace(k[i+4:])
	}
	kind, ok := startWords[word]
	if !ok && word != "fester termin" && word != "fixed" {
		kind, ok = term("start_kind", word)
	}
	if !ok {
		t, err := parseDay(s)
		if err != nil {
			return "", nil, err
		}
		return catalogue.StartFixed, &t, nil
	}
	if after == "" {
		return kind, nil, nil
	}
	t, err := parseDay(after)
	if err != nil {
		return "", nil, err
	}
	return kind, &t, nil
}

// formatStart writes a date's start for the column beginn.
func formatStart(d *catalogue.Date) string {
	word := startWord[d.StartKind]
	switch {
	case word == "" && d.Start != nil:
		return formatDay(*d.Start)
	case word == "":
		return ""
	case d.Start != nil:
		return word + " ab " + formatDay(*d.Start)
	}
	return word
}

// skillPrefix begins every ESCO skill URI.
const skillPrefix = "http://data.europa.eu/esco/skill/"

// parseSkills reads ESCO skills written "label (URI)" or as bare URIs,
// separated by semicolons or line breaks.
func parseSkills(s string) ([]catalogue.Skill, error) {
	var out []catalogue.Skill
	rest := s
	for {
		i := strings.Index(rest, skillPrefix)
		if i < 0 {
			if strings.Trim(rest, " ;,)\n\r\t") != "" {
				return nil, fmt.Errorf("„%s“ hat keine ESCO-Adresse (%s…)", strings.TrimSpace(rest), skillPrefix)
			}
			return out, nil
		}
		label := strings.TrimSpace(strings.TrimLeft(rest[:i], " ;,)\n\r\t"))
		label = strings.TrimSpace(strings.TrimSuffix(label, "("))
		end := strings.IndexAny(rest[i:], " ;,)\n\r\t")
		if end < 0 {
			end = len(rest) - i
		}
		out = append(out, catalogue.Skill{URI: rest[i : i+end], Label: label})
		rest = rest[i+end:]
	}
}

func formatSkills(skills []catalogue.Skill) string {
	parts := make([]string, len(skills))
	for i, s := range skills {
		if s.Label == "" {
			parts[i] = s.URI
		} else {
			parts[i] = s.Label + " (" + s.URI + ")"
		}
	}
	return strings.Join(parts, "; ")
}

// fold makes a cell comparable with labels: lower case, single spaces.
func fold(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// terms maps every vocabulary's codes and German and English labels,
// folded, to codes.
var terms = func() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, name := range catalogue.VocabularyNames() {
		m := map[string]string{}
		for _, t := range catalogue.Vocab(name).Terms {
			for _, k := range []string{t.EN, t.DE, t.Code} { // a code wins over a label, German over English
				m[fold(k)] = t.Code
			}
		}
		out[name] = m
	}
	return out
}()

// term finds the code of a value of vocabulary name (a code or a label).
func term(name, s string) (string, bool) {
	c, ok := terms[name][fold(s)]
	return c, ok
}

// labels lists the German labels of a vocabulary for messages.
func labels(name string) string {
	v := catalogue.Vocab(name)
	out := make([]string, len(v.Terms))
	for i, t := range v.Terms {
		out[i] = t.DE
	}
	return strings.Join(out, ", ")
}

// parseList reads several values of vocabulary name separated by
// semicolons, commas or line breaks. Labels that contain a comma ("Lager,
// Logistik und Verkehr") are found whole. It returns the codes and the
// parts it could not read.
func parseList(name, s string) (codes, bad []string) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == '\n' || r == '\r' })
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	for i := 0; i < len(parts); {
		if parts[i] == "" {
			i++
			continue
		}
		found := false
		for k := min(len(parts)-i, 4); k >= 1; k-- {
			if c, ok := term(name, strings.Join(parts[i:i+k], ", ")); ok {
				if !contains(codes, c) {
					codes = append(codes, c)
				}
				i += k
				found = true
				break
			}
		}
		if !found {
			bad = append(bad, parts[i])
			i++
		}
	}
	return codes, bad
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// formatList writes codes as their German labels, separated by "; ".
func formatList(name string, codes []string) string {
	v := catalogue.Vocab(name)
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = v.Label(c, "de")
	}
	return strings.Join(parts, "; ")
}

// formatTerm writes one code as its German label.
func formatTerm(name, code string) string {
	if code == "" {
		return ""
	}
	return catalogue.Vocab(name).Label(code, "de")
}
