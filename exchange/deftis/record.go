package deftis

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
	KindHeader   Kind = iota // the catalogue's attributes and its data supplier
	KindProvider             // a COURSESUPPLIER
	KindOffer                // a COURSE of INSERTCOURSES or UPDATECOURSES
	KindDelete               // a course id of DELETECOURSES
)

// Operations of the course transactions.
const (
	OpInsert = "insert"
	OpUpdate = "update"
	OpDelete = "delete"
)

// Header is what the document says about itself: DEFTISCAT's attributes and
// the DATASUPPLIER.
type Header struct {
	Line int
	// MultiDocument is set when the catalogue is split over several files;
	// this file then is not the whole catalogue. Absent: true, as DEfTIS
	// defines.
	MultiDocument bool
	// DeltaUpdate is set when the file carries only changes; false means a
	// full catalogue. Absent: true, as DEfTIS defines.
	DeltaUpdate  bool
	Timestamp    time.Time // TIMESTAMP: when the data was current; zero when absent
	ValidUntil   time.Time // TIMESTAMP_INVALID; zero when absent
	SupplierID   string    // DS_ID
	SupplierName string    // DS_NAME
	Topic        string    // DS_TOPIC
	Area         string    // DS_AREA
}

// Source returns the name lernnetz records as the source of this
// document's records: the data supplier's name as a slug, e.g.
// "wdb-brandenburg" for "WDB-Brandenburg"; "" when the document names none.
func (h *Header) Source() string { return SourceName(h.SupplierName) }

// Record is one record of a document, mapped to lernnetz's catalogue.
// Provenance.Source, the provider id of an offer and the venue ids of its
// dates are left for the importer, which knows the store.
type Record struct {
	Kind Kind
	Op   string // OpInsert, OpUpdate or OpDelete for courses
	Line int    // line of the record's start tag
	Path string // element path, e.g. DEFTISCAT/COURSETRANSACTIONS/INSERTCOURSES/COURSE[7]

	// SourceID is the record's id in its source: CSS_ID of a provider, CS_ID
	// of a course or of a deletion.
	SourceID string
	// ProviderSourceID is a course's CS_SUPPLIERID.
	ProviderSourceID string

	Header   *Header             // KindHeader
	Provider *catalogue.Provider // KindProvider
	Offer    *catalogue.Offer    // KindOffer
	// Venues holds the venue of each of Offer.Dates (same index), nil where
	// a date names no place. Provenance.SourceID is a key of the address.
	Venues []*catalogue.Venue

	// Problems are what makes the record unusable as it is (a missing
	// CS_NAME, a date that is no date …); a record with problems is to be
	// rejected.
	Problems []Problem

	fields map[string]position // catalogue field → where it came from
}

// Problem is one reason to reject a record, in German.
type Problem struct {
	Line    int    `json:"line"`
	Path    string `json:"path"`
	Message string `json:"message"`
}

type position struct {
	path string
	line int
}

// Locate returns the element a catalogue field of the record came from, for
// example "dates[1].start" → ".../SCHEDULE[2]/S_START_DATE" and its line,
// so that validation errors point into the file. Fields it does not know
// are located at the nearest known parent, at worst at the record.
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

func (r *Record) at(field, path string, line int) {
	if r.fields == nil {
		r.fields = make(map[string]position, 32)
	}
	r.fields[field] = position{path, line}
}

func (r *Record) problem(path string, line int, format string, args ...any) {
	r.Problems = append(r.Problems, Problem{Line: line, Path: path, Message: fmt.Sprintf(format, args...)})
}

// extensions collects source elements lernnetz has no own field for; a key
// that occurs again gets its values joined with a line break (by orNil, so
// that many repeats stay linear).
type extensions map[string][]string

func (x extensions) add(key, value string) {
	x[key] = append(x[key], value)
}

// keep adds an element that is not mapped, with everything in it: its text
// under its key (its path relative to the record, without an index of its
// own, so repeated elements join), its attributes as KEY@NAME and its
// children as KEY/CHILD.
func (x extensions) keep(e *element, key string) {
	base := key
	if strings.HasSuffix(key, "]") {
		if i := strings.LastIndexByte(key, '['); i > 0 {
			base = key[:i]
		}
	}
	x.attrs(e, base)
	if e.text != "" || (len(e.children) == 0 && len(e.attrs) == 0) {
		x.add(base, e.text)
	}
	e.walk(key, func(c *element, ckey string) { x.keep(c, ckey) })
}

// attrs adds the attributes of an element as KEY@NAME.
func (x extensions) attrs(e *element, key string) {
	for _, a := range e.attrs {
		if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
			continue
		}
		x.add(key+"@"+a.Name.Local, strings.TrimSpace(a.Value))
	}
}

// orNil returns the extensions as the catalogue keeps them, nil when there
// are none.
func (x extensions) orNil() map[string]string {
	if len(x) == 0 {
		return nil
	}
	out := make(map[string]string, len(x))
	for k, vs := range x {
		out[k] = strings.Join(vs, "\n")
	}
	return out
}
