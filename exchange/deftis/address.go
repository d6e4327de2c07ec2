package deftis

import (
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// place is an ADDRESS element mapped: a postal address with coordinates
// from the gazetteer and the ways to reach it.
type place struct {
	name     string
	addr     catalogue.Address
	geo      *catalogue.Geo
	phone    string
	email    string
	web      string
	stepFree bool
	path     string
	line     int
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
			p.name = c.Text
		case "A_STREET":
			p.addr.Street = c.Text
		case "A_CITY":
			p.addr.City = c.Text
		case "A_ZIP":
			p.addr.PostalCode = c.Text
		case "A_COUNTRY":
			code, ok := country(c.Text)
			if !ok {
				rec.Problemf(cpath, c.Line, "„%s“ ist kein Ländercode (ISO 3166, z. B. DE oder DEU).", c.Text)
			}
			p.addr.Country = code
		case "A_PHONE":
			p.phone = c.Text
		case "A_EMAIL":
			p.email = first(x, c, ckey)
		case "A_WEB":
			p.web = normalizeURL(first(x, c, ckey))
		case "A_WDB_ORTSTEIL":
			p.addr.District = c.Text
		case "A_WDB_BEHINDERTENGERECHT":
			if v, err := ParseBool(c.Text); err == nil {
				p.stepFree = v
			} else {
				x.keep(c, ckey)
			}
		default: // A_FAX, A_BOXNO, A_ZIPBOX and extensions
			x.keep(c, ckey)
		}
	})
	if p.addr.Country == "" || p.addr.Country == "DE" {
		zip := strings.TrimPrefix(strings.TrimPrefix(p.addr.PostalCode, "DE-"), "D-")
		zip = strings.ReplaceAll(zip, " ", "")
		if len(zip) == 5 {
			p.addr.PostalCode = zip
			if pl, ok := r.gaz.PostalCode(zip); ok {
				p.geo = &catalogue.Geo{Lat: pl.Lat, Lon: pl.Lon}
				p.addr.State = pl.FederalState
			}
		}
	}
	return p
}

// venue makes the place a venue (a training place, Schulungsort). Its
// source id is a key of its name and address, so that the same place in
// many courses and files is one venue of its provider.
func (p *place) venue() *catalogue.Venue {
	name := record.VenueName(p.name, p.addr)
	if name == "" {
		return nil
	}
	v := &catalogue.Venue{
		Name: name, Kind: "classroom", Address: p.addr, Geo: p.geo,
		Website: p.web, Email: p.email, Phone: p.phone,
		Provenance: catalogue.Provenance{SourceID: record.VenueKey(name, p.addr)},
	}
	if p.stepFree {
		v.Accessibility = []string{"step_free"}
	}
	return v
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
