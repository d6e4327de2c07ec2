package deftis

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

// dateTimeLayouts are the forms of a DEfTIS DateTime accepted: the one
// DEfTIS prescribes (YYYY-MM-DDThh:mm:ss), the one its own example uses
// (a space for the T), without seconds, a bare date, and RFC 3339 with a
// zone.
var dateTimeLayouts = []string{
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02",
}

// ParseDateTime reads a DEfTIS DateTime. Times without a zone are in
// Europe/Berlin; fractions of seconds are dropped.
func ParseDateTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, errors.New("leer")
	}
	if len(s) > 19 && (s[19] == '.' || s[19] == ',') { // fractional seconds without a zone
		if end := strings.IndexFunc(s[20:], func(r rune) bool { return r < '0' || r > '9' }); end < 0 {
			s = s[:19]
		}
	}
	for _, layout := range dateTimeLayouts {
		if t, err := time.ParseInLocation(layout, s, catalogue.Berlin); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(catalogue.Berlin).Truncate(time.Second), nil
	}
	return time.Time{}, errors.New("kein Datum")
}

// ParseBool reads a DEfTIS Boolean: true/false in any case, also 1/0 and
// ja/nein.
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "ja", "yes", "wahr":
		return true, nil
	case "false", "0", "nein", "no", "falsch":
		return false, nil
	}
	return false, errors.New("kein Wahrheitswert")
}

// ParseCents reads a price as integer cents, exactly (no floating point).
// It takes DEfTIS's Float ("1513.8") and German notation ("1.513,80"),
// thousands separators (dot, comma, space, apostrophe) when a number has
// both separators or one of them more than once, and an optional trailing
// € or EUR. One separator followed by exactly three digits after one to
// three leading digits ("1.500", "2,250") is ambiguous – 1500 or 1.5? – and
// an error, as is a fraction of a cent: for money, refusing beats guessing.
func ParseCents(s string) (int64, error) {
	s = strings.TrimSpace(s)
	for _, suffix := range []string{"€", "EUR", "eur", "Euro"} {
		s = strings.TrimSpace(strings.TrimSuffix(s, suffix))
	}
	s = strings.TrimPrefix(s, "+")
	if s == "" {
		return 0, errors.New("leer")
	}
	if s[0] == '-' {
		return 0, errors.New("negativ")
	}
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "'", "").Replace(s)
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' && r != ',' {
			return 0, errors.New("keine Zahl")
		}
	}
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	intPart, frac, group := s, "", ""
	switch {
	case dots > 0 && commas > 0:
		dec := strings.LastIndexAny(s, ".,")
		intPart, frac = s[:dec], s[dec+1:]
		group = "."
		if s[dec] == '.' {
			group = ","
		}
		if strings.ContainsAny(frac, ".,") || strings.Count(intPart, string(s[dec])) > 0 {
			return 0, errors.New("Trennzeichen durcheinander")
		}
	case dots > 1 || commas > 1:
		group = "."
		if commas > 1 {
			group = ","
		}
	case dots == 1 || commas == 1:
		dec := strings.IndexAny(s, ".,")
		intPart, frac = s[:dec], s[dec+1:]
		if len(frac) == 3 && len(intPart) >= 1 && len(intPart) <= 3 && intPart[0] != '0' {
			return 0, errors.New("mehrdeutig – Tausender- oder Dezimaltrennzeichen?")
		}
	}
	if group != "" {
		parts := strings.Split(intPart, group)
		for i, p := range parts {
			if (i == 0 && (len(p) < 1 || len(p) > 3)) || (i > 0 && len(p) != 3) {
				return 0, errors.New("Tausendertrennzeichen an falscher Stelle")
			}
		}
		intPart = strings.Join(parts, "")
	}
	if intPart == "" {
		intPart = "0"
	}
	if len(frac) > 2 {
		if strings.Trim(frac[2:], "0") != "" {
			return 0, errors.New("Bruchteile eines Cents")
		}
		frac = frac[:2]
	}
	if len(intPart) > 13 {
		return 0, errors.New("zu groß")
	}
	euros, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil {
		return 0, errors.New("keine Zahl")
	}
	cents := int64(0)
	if frac != "" {
		c, err := strconv.ParseInt((frac + "0")[:2], 10, 64)
		if err != nil {
			return 0, errors.New("keine Zahl")
		}
		cents = c
	}
	return euros*100 + cents, nil
}

// ParseNumber reads a non-negative decimal number such as a count of hours,
// with a decimal point or comma ("7.5", "7,5").
func ParseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if strings.Count(s, ",")+strings.Count(s, ".") > 1 {
		return 0, errors.New("keine Zahl")
	}
	s = strings.Replace(s, ",", ".", 1)
	if s == "" || strings.ContainsAny(s, "eEinINxX_+-") {
		return 0, errors.New("keine Zahl")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f > 1e9 {
		return 0, errors.New("keine Zahl")
	}
	return f, nil
}
