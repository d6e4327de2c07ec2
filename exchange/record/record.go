package record

import (
	"fmt"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

// Kind tells what a Record holds.
type Kind int

// Record kinds.
const (
	KindHeader   Kind = iota // what the document says about itself
	KindProvider             // a provider
	KindOffer                // an offer, to insert or update
	KindDelete               // the id of an offer the source has deleted
)

// String names the kind, for messages and tests.
func (k Kind) String() string {
	switch k {
	case KindHeader:
		return "header"
	case KindProvider:
		return "provider"
	case KindOffer:
		return "offer"
	case KindDelete:
		return "delete"
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Operations on offers, as a document names them. The importer treats
// insert and update alike (both are upserts of whole records).
const (
	OpInsert = "insert"
	OpUpdate = "update"
	OpDelete = "delete"
)

// Header is what a document says about itself: who delivers it, when the
// data was current and whether it is the source's whole catalogue.
type Header struct {
	Line int // line of the element or row it was read from, 0 when unknown

	// Source is the name lernnetz records as the source of the document's
	// records, a slug like "wdb-brandenburg" (see SourceName); "" when the
	// document names none (the importer then needs one from its caller).
	Source string
	// Delta is set when the document carries only changes; unset means it
	// is the source's whole catalogue, and offers of the source missing
	// from it are withdrawn after the import.
	Delta bool
	// MultiDocument is set when the catalogue is split over several
	// documents; this one then is not the whole catalogue, and nothing is
	// withdrawn.
	MultiDocument bool
	Timestamp     time.Time // when the data was current; zero when unknown
	ValidUntil    time.Time // until when the data is valid; zero when unknown

	SupplierID   string // the data supplier's id (DEfTIS DS_ID)
	SupplierName string // the data supplier's name (DEfTIS DS_NAME)
	Topic        string // the data supplier's subject area (DEfTIS DS_TOPIC)
	Area         string // the data supplier's region (DEfTIS DS_AREA)
}

// Record is one record of a document, mapped to lernnetz's catalogue.
// Provenance.Source, the provider id of an offer and the venue ids of its
// dates are left for the importer, which knows the store; Provenance.SourceID
// of providers and offers is SourceID.
type Record struct {
	Kind Kind
	Op   string // OpInsert, OpUpdate or OpDelete for offers and deletions
	Line int    // line where the record starts, 0 when unknown
	Path string // where the record is, e.g. DEFTISCAT/COURSETRANSACTIONS/INSERTCOURSES/COURSE[7] or "Zeile 12"

	// SourceID is the record's id in its source: the provider's id for a
	// provider, the offer's id for an offer or a deletion.
	SourceID string
	// ProviderSourceID is the source id of an offer's provider. For a
	// deletion it may be empty: the offer ids of a source are then unique
	// across its providers (as in DEfTIS).
	ProviderSourceID string

	Header   *Header             // KindHeader
	Provider *catalogue.Provider // KindProvider
	Offer    *catalogue.Offer    // KindOffer
	// Venues holds the venue of each of Offer.Dates (same index), nil where
	// a date names no place. A venue's Provenance.SourceID is its key within
	// the provider (a key of its address when the source has no ids).
	Venues []*catalogue.Venue

	// Problems are what makes the record unusable as it is (a missing
	// title, a date that is no date …); a record with problems is rejected.
	Problems []Problem

	fields map[string]position // catalogue field → where it came from
}

// Problem is one reason to reject a record, in German, with where it is.
type Problem struct {
	Line    int    `json:"line"`
	Path    string `json:"path"`
	Message string `json:"message"`
}

type position struct {
	path string
	line int
}

// At records that the catalogue field (a path like "title",
// "dates[1].start" or "contacts[0].email", as catalogue.FieldError names
// fields) came from the element or column path at line.
func (r *Record) At(field, path string, line int) {
	if r.fields == nil {
		r.fields = make(map[string]position, 32)
	}
	r.fields[field] = position{path, line}
}

// Locate returns where a catalogue field of the record came from, for
// example "dates[1].start" → ".../SCHEDULE[2]/S_START_DATE" and its line,
// so that validation errors point into the file. A field that was not
// recorded with At is located at its nearest recorded parent
// ("dates[1].start" → "dates[1]" → "dates"), at worst at the record.
func (r *Record) Locate(field string) (path string, line int) {
	for f := field; f != ""; f = parentField(f) {
		if p, ok := r.fields[f]; ok {
			return p.path, p.line
		}
	}
	return r.Path, r.Line
}

// parentField strips the last part of a field path: "dates[1].start" →
// "dates[1]" → "dates" → "".
func parentField(f string) string {
	i := strings.LastIndexAny(f, ".[")
	if i <= 0 {
		return ""
	}
	return f[:i]
}

// Problemf adds a problem at path and line, its message formatted as by
// fmt.Sprintf.
func (r *Record) Problemf(path string, line int, format string, args ...any) {
	r.Problems = append(r.Problems, Problem{Line: line, Path: path, Message: fmt.Sprintf(format, args...)})
}

// SourceName turns a data supplier's name into the name of a source:
// lower case ASCII letters, digits and dashes ("WDB-Brandenburg" →
// "wdb-brandenburg", "Kursportal Saar e.V." → "kursportal-saar-e-v").
func SourceName(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		var s string
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			s = string(r)
		case r == 'ä':
			s = "ae"
		case r == 'ö':
			s = "oe"
		case r == 'ü':
			s = "ue"
		case r == 'ß':
			s = "ss"
		default:
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteString(s)
	}
	return b.String()
}
