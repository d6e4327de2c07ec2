package openqcat

import (
	"fmt"
	"strconv"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/deftis"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// mapCatalog reads HEADER/CATALOG: CATALOG_ID and CATALOG_NAME name the
// catalogue (and so the source), GENERATION_DATE is when it was made.
func (r *Reader) mapCatalog(e *element) {
	r.header.Line = e.Line
	r.catalogID = e.TextAt("CATALOG_ID")
	r.catalogNm = e.TextAt("CATALOG_NAME")
	if t, err := deftis.ParseDateTime(e.TextAt("GENERATION_DATE")); err == nil {
		r.header.Timestamp = t
	}
}

// mapSupplier maps a SUPPLIER of the HEADER to a provider:
//
//	SUPPLIER_ID                     → source id (must)
//	SUPPLIER_NAME                   → Name (must)
//	ADDRESS                         → Address, Phone, Email, Website
//	CONTACT                         → Contacts
//	EXTENDED_INFO/ORGANIZATIONAL_FORM → Kind (its text when it is a
//	                                  lernnetz label, else its class)
//	EXTENDED_INFO/INSTITUTION_NUMBER, SUPPLIER_ID of type institution_number
//	                                → ExternalIDs, scheme "ba"
//
// Everything else (KEYWORD, MIME_INFO, CERTIFICATE, BANKING …) is kept in
// Extensions.
func (r *Reader) mapSupplier(e *element) *record.Record {
	rec := &record.Record{Kind: record.KindProvider, Line: e.Line, Path: e.Path}
	m := r.mapper(rec)
	p := &catalogue.Provider{}
	idEl := m.get(e, "SUPPLIER_ID")
	rec.SourceID = e.TextAt("SUPPLIER_ID")
	if rec.SourceID == "" {
		m.problem(e, "Die Kennung des Anbieters (SUPPLIER_ID) fehlt.")
	}
	nameEl := m.get(e, "SUPPLIER_NAME")
	p.Name = e.TextAt("SUPPLIER_NAME")
	m.field("name", nameEl)
	if p.Name == "" {
		m.problem(orElse(nameEl, e), "Der Name des Anbieters (SUPPLIER_NAME) fehlt.")
	}
	if a := m.get(e, "ADDRESS"); a != nil {
		pl := m.place(a)
		p.Address, p.Geo, p.Phone, p.Email, p.Website = pl.Address, pl.Geo, pl.Phone, pl.Email, pl.Website
		m.field("address", a)
		m.field("email", a.Child("EMAILS"))
		m.field("website", a.Child("URL"))
	}
	for i, c := range m.all(e, "CONTACT") {
		p.Contacts = append(p.Contacts, m.contact(c, fmt.Sprintf("contacts[%d]", len(p.Contacts))))
		_ = i
	}
	p.Kind = "other"
	if of := m.get(e, "EXTENDED_INFO/ORGANIZATIONAL_FORM"); of != nil {
		if code, ok := byLabel("provider_kind", of.Text); ok {
			p.Kind = code
		} else if t, ok := of.Attr("type"); ok {
			if n, err := strconv.Atoi(t); err == nil && kindByOrgForm[n] != "" {
				p.Kind = kindByOrgForm[n]
			}
		}
		m.field("kind", of)
	}
	if t, _ := idEl.Attr("type"); t == "institution_number" && rec.SourceID != "" {
		p.ExternalIDs = append(p.ExternalIDs, catalogue.ExternalID{Scheme: "ba", Value: rec.SourceID})
	} else if n := m.text(e, "EXTENDED_INFO/INSTITUTION_NUMBER"); n != "" {
		p.ExternalIDs = append(p.ExternalIDs, catalogue.ExternalID{Scheme: "ba", Value: n})
	}
	p.Provenance.SourceID = rec.SourceID
	p.Extensions = m.extensions(e)
	rec.Provider = p
	r.suppliers = append(r.suppliers, p.Name)
	r.supplierID = append(r.supplierID, rec.SourceID)
	return rec
}

// mapDeletion maps a SERVICE of UPDATE_CATALOG/DELETE: its PRODUCT_ID is
// the offer to delete (KURSNET deletes an offer's dates with it).
func (r *Reader) mapDeletion(e *element) *record.Record {
	rec := &record.Record{Kind: record.KindDelete, Op: record.OpDelete, Line: e.Line, Path: e.Path,
		SourceID: e.TextAt("PRODUCT_ID"), ProviderSourceID: e.TextAt("SUPPLIER_ID_REF")}
	if rec.SourceID == "" {
		rec.Problemf(e.Path, e.Line, "Die Kennung der zu löschenden Dienstleistung (PRODUCT_ID) fehlt.")
	}
	return rec
}

func orElse(a, b *element) *element {
	if a != nil {
		return a
	}
	return b
}
