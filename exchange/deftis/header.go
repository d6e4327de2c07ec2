package deftis

import (
	"encoding/xml"
	"fmt"
	"github.com/lernnetz/lernnetz/exchange/record"
	"strings"
	"time"
)

// readCatalogAttrs reads DEFTISCAT's attributes into the header. A value
// that is present but not understood is fatal: whether the file is a full
// catalogue decides whether offers missing from it are withdrawn.
func (r *Reader) readCatalogAttrs(t xml.StartElement, line int) error {
	h := &r.header
	h.Line, h.MultiDocument, h.Delta = line, true, true
	bad := func(name, value, want string) error {
		return &Error{Line: line, Path: "DEFTISCAT", Msg: fmt.Sprintf("Das Attribut %s hat den Wert „%s“; erwartet wird %s.", name, value, want), Err: ErrNotDEfTIS}
	}
	for _, a := range t.Attr {
		v := strings.TrimSpace(a.Value)
		var err error
		switch strings.ToUpper(a.Name.Local) {
		case "MULTIDOCUMENT":
			if h.MultiDocument, err = ParseBool(v); err != nil {
				return bad("MULTIDOCUMENT", v, "true oder false")
			}
		case "DELTAUPDATE":
			if h.Delta, err = ParseBool(v); err != nil {
				return bad("DELTAUPDATE", v, "true oder false")
			}
		case "TIMESTAMP":
			if h.Timestamp, err = parseOptionalTime(v); err != nil {
				return bad("TIMESTAMP", v, "ein Zeitpunkt wie 2022-05-10T20:20:01")
			}
		case "TIMESTAMP_INVALID":
			if h.ValidUntil, err = parseOptionalTime(v); err != nil {
				return bad("TIMESTAMP_INVALID", v, "ein Zeitpunkt wie 2023-05-10T20:20:01")
			}
		}
	}
	return nil
}

func parseOptionalTime(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	return ParseDateTime(v)
}

// readDataSupplier reads what the importer needs of DATASUPPLIER: who
// delivers the data. Its address and contacts describe the database
// operator, not a provider, and are not imported.
func (r *Reader) readDataSupplier(e *element) {
	h := &r.header
	for _, c := range e.Children {
		switch c.Name {
		case "DS_ID":
			h.SupplierID = c.Text
		case "DS_NAME":
			h.SupplierName = c.Text
			h.Source = record.SourceName(c.Text)
		case "DS_TOPIC":
			h.Topic = c.Text
		case "DS_AREA":
			h.Area = c.Text
		}
	}
}
