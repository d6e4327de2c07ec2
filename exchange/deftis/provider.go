package deftis

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// mapProvider maps a COURSESUPPLIER element to a catalogue.Provider:
//
//	CSS_NAME                  name; the kind is decided from it (providerKind)
//	CSS_ID                    the provider's source id
//	CSS_DESC, CSS_WDB_KOMPETENZEN  description, in this order, joined by a blank line
//	ADDRESS (the first)       address with gazetteer coordinates and state, phone, e-mail, website
//	CSS_QM_CERTIFICATE        certificates: DE_SGB 3 → azav
//	CSS_WDB_QM_ZERTIFIKAT     certificates: ISO 9001:2015 → iso_9001, LQW → lqw, TQM/EFQM → efqm …, the name as note
//	CSS_WDB_GRUENDUNGSJAHR    founded year (a date or a year)
//	CSS_WDB_KNID_AA           external id, scheme "kursnet"
//	CONTACT                   contacts
//
// Everything else – further addresses, CSS_QM_CERTIFICATE_DESC, every other
// CSS_WDB_* element and all attributes – is kept in Extensions. The raw
// values behind certificate codes are kept there too.
func (r *Reader) mapProvider(e *element, path string) *record.Record {
	rec := &record.Record{Kind: record.KindProvider, Line: e.Line, Path: path}
	p := &catalogue.Provider{}
	x := extensions{}
	x.attrs(e, "")
	rec.At("name", path+"/CSS_NAME", e.Line)
	var desc []string
	addresses := 0
	certs := map[string]bool{}
	walk(e, path, func(c *element, cpath string) {
		key := cpath[len(path)+1:] // cpath is path + "/" + …
		switch c.Name {
		case "CSS_NAME":
			p.Name = c.Text
			rec.At("name", cpath, c.Line)
		case "CSS_ID":
			rec.SourceID = c.Text
		case "CSS_DESC", "CSS_WDB_KOMPETENZEN":
			desc = appendText(desc, c.Text)
			rec.At("description", cpath, c.Line)
		case "ADDRESS":
			if addresses++; addresses > 1 {
				x.keep(c, key)
				return
			}
			pl := r.mapAddress(rec, x, c, cpath, key)
			p.Address, p.Geo = pl.Address, pl.Geo
			p.Phone, p.Email, p.Website = pl.Phone, pl.Email, pl.Website
			rec.At("address", cpath, c.Line)
			rec.At("address.postal_code", cpath+"/A_ZIP", c.Line)
			rec.At("email", cpath+"/A_EMAIL", c.Line)
			rec.At("website", cpath+"/A_WEB", c.Line)
			if pl.Name != "" && pl.Name != p.Name && p.Name != "" {
				x.add(key+"/A_NAME", pl.Name)
			}
			if b := c.Child("A_WDB_BEHINDERTENGERECHT"); b != nil {
				if _, err := ParseBool(b.Text); err == nil { // a provider has no accessibility of its own
					x.add(key+"/A_WDB_BEHINDERTENGERECHT", b.Text)
				}
			}
		case "CSS_QM_CERTIFICATE", "CSS_WDB_QM_ZERTIFIKAT":
			x.keep(c, key)
			if c.Text == "" {
				return
			}
			code, note := qmCertificate(c.Text)
			if certs[code+"\x00"+note] {
				return
			}
			certs[code+"\x00"+note] = true
			p.Certificates = append(p.Certificates, catalogue.Certificate{Code: code, Note: note})
			rec.At(fmt.Sprintf("certificates[%d]", len(p.Certificates)-1), cpath, c.Line)
		case "CSS_WDB_GRUENDUNGSJAHR":
			if y, ok := year(c.Text); ok {
				p.FoundedYear = y
				rec.At("founded_year", cpath, c.Line)
			} else {
				x.keep(c, key)
			}
		case "CSS_WDB_KNID_AA":
			if c.Text != "" {
				p.ExternalIDs = append(p.ExternalIDs, catalogue.ExternalID{Scheme: "kursnet", Value: c.Text})
			}
		case "CONTACT":
			field := fmt.Sprintf("contacts[%d]", len(p.Contacts))
			if ct := r.mapContact(rec, x, c, cpath, key, field); !emptyContact(ct) {
				p.Contacts = append(p.Contacts, ct)
			}
		default:
			x.keep(c, key)
		}
	})
	p.Description = strings.Join(desc, "\n\n")
	p.Kind = providerKind(p.Name)
	p.Extensions = x.orNil()
	p.Provenance.SourceID = rec.SourceID
	if rec.SourceID == "" {
		rec.Problemf(path, e.Line, "Die Kennung des Anbieters (CSS_ID) fehlt.")
	}
	rec.Provider = p
	return rec
}

// year reads a founding year given as a DateTime ("1980-06-01T00:00:00")
// or as a bare year.
func year(s string) (int, bool) {
	if len(s) < 4 || (len(s) > 4 && s[4] != '-') {
		return 0, false
	}
	y, err := strconv.Atoi(s[:4])
	return y, err == nil && y > 0
}
