package deftis

import (
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// place is an ADDRESS element mapped: a postal address with coordinates
// from the gazetteer and the ways to reach it.
type place struct {
	record.Place
	path string
	line int
}

// mapAddress maps an ADDRESS element at path; what has no field of its own
// goes to x under key (the element's path in the record).
func (r *Reader) mapAddress(rec *record.Record, x extensions, e *element, path, key string) place {
	p := place{path: path, line: e.Line}
	x.attrs(e, key)
	walk(e, path, func(c *element, cpath string) {
		ckey := key + strings.TrimPrefix(cpath, path)
		switch c.Name {
		case "A_NAME":
			p.Name = c.Text
		case "A_STREET":
			p.Address.Street = c.Text
		case "A_CITY":
			p.Address.City = c.Text
		case "A_ZIP":
			p.Address.PostalCode = c.Text
		case "A_COUNTRY":
			code, ok := country(c.Text)
			if !ok {
				rec.Problemf(cpath, c.Line, "„%s“ ist kein Ländercode (ISO 3166, z. B. DE oder DEU).", c.Text)
			}
			p.Address.Country = code
		case "A_PHONE":
			p.Phone = c.Text
		case "A_EMAIL":
			p.Email = first(x, c, ckey)
		case "A_WEB":
			p.Website = normalizeURL(first(x, c, ckey))
		case "A_WDB_ORTSTEIL":
			p.Address.District = c.Text
		case "A_WDB_BEHINDERTENGERECHT":
			if v, err := ParseBool(c.Text); err == nil {
				p.StepFree = v
			} else {
				x.keep(c, ckey)
			}
		default: // A_FAX, A_BOXNO, A_ZIPBOX and extensions
			x.keep(c, ckey)
		}
	})
	p.Geo = record.Locate(r.gaz, &p.Address)
	return p
}

// mapContact maps a CONTACT element at path into a catalogue.Contact and
// records where its fields came from as field (e.g. "contacts[0]").
func (r *Reader) mapContact(rec *record.Record, x extensions, e *element, path, key, field string) catalogue.Contact {
	var ct catalogue.Contact
	rec.At(field, path, e.Line)
	rec.At(field+".family_name", path, e.Line)
	x.attrs(e, key)
	var phones, faxes []string
	walk(e, path, func(c *element, cpath string) {
		switch c.Name {
		case "C_NAME":
			ct.FamilyName = c.Text
			rec.At(field+".family_name", cpath, c.Line)
		case "C_SURNAME": // DEfTIS's "surname" is the given name (Vorname)
			ct.GivenName = c.Text
		case "C_TITLE":
			ct.Title = c.Text
		case "C_POSITION":
			ct.Role = c.Text
		case "C_PHONE":
			phones = appendText(phones, c.Text)
		case "C_FAX":
			faxes = appendText(faxes, c.Text)
		case "C_EMAIL":
			ct.Email = first(x, c, key+strings.TrimPrefix(cpath, path))
			rec.At(field+".email", cpath, c.Line)
		case "C_WEB":
			ct.Web = normalizeURL(first(x, c, key+strings.TrimPrefix(cpath, path)))
			rec.At(field+".web", cpath, c.Line)
		case "C_WDB_ANREDE":
			ct.Salutation = c.Text
		default:
			x.keep(c, key+strings.TrimPrefix(cpath, path))
		}
	})
	ct.Phone, ct.Fax = strings.Join(phones, ", "), strings.Join(faxes, ", ")
	return ct
}

func appendText(list []string, s string) []string {
	if s == "" {
		return list
	}
	return append(list, s)
}

// first returns the first of several web or e-mail addresses that real
// exports put into one element ("http://a.de http://b.de", "a@x.de;
// b@x.de") and keeps the whole text as an extension under key; a single
// address is returned as it is.
func first(x extensions, e *element, key string) string {
	parts := strings.FieldsFunc(e.Text, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '\n' || r == '\t' })
	if len(parts) <= 1 {
		return e.Text
	}
	x.add(key, e.Text)
	return parts[0]
}

// normalizeURL adds the scheme that web addresses in exports often lack
// ("www.vhs.de" → "http://www.vhs.de"); anything else is left for
// validation to judge.
func normalizeURL(s string) string {
	if s == "" || strings.Contains(s, "://") || strings.ContainsAny(s, " @") || !strings.Contains(s, ".") {
		return s
	}
	return "http://" + s
}

// emptyContact reports whether a contact carries nothing at all.
func emptyContact(ct catalogue.Contact) bool { return ct == catalogue.Contact{} }
