package jsonld

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// Writer writes an export as one JSON-LD document,
//
//	{"@context": "https://schema.org", "@graph": [ … ]}
//
// with an EducationalOrganization per provider and a Course per offer (its
// dates as CourseInstances with Place and Offer), one object a line, as it
// gets them. JSON-LD describes what is, not what went: in a delta the
// deletions are left out. It implements record.Writer.
type Writer struct {
	w     *bufio.Writer
	b     Builder
	first bool
	err   error
}

// NewWriter returns a Writer to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 64<<10), first: true}
}

// Begin opens the document; h.Links (if any) make the @ids and urls.
func (w *Writer) Begin(h *record.ExportHeader) error {
	w.b = Builder{Links: h.Links}
	_, w.err = fmt.Fprintf(w.w, "{\"@context\": %q,\n \"@graph\": [\n", Context)
	return w.err
}

// Provider writes an EducationalOrganization.
func (w *Writer) Provider(p *catalogue.Provider) error { return w.node(w.b.Organization(p)) }

// Offer writes a Course. The provider is referenced by its @id.
func (w *Writer) Offer(o *catalogue.Offer, _ map[int64]*catalogue.Venue) error {
	return w.node(w.b.Course(o))
}

// Deleted writes nothing: JSON-LD has no deletions.
func (w *Writer) Deleted(int64) error { return w.err }

// End closes the document and flushes the buffer.
func (w *Writer) End() error {
	if w.err != nil {
		return w.err
	}
	w.w.WriteString("\n]}\n")
	return w.w.Flush()
}

func (w *Writer) node(v LD) error {
	if w.err != nil {
		return w.err
	}
	b, err := json.Marshal(v)
	if err != nil {
		w.err = err
		return err
	}
	if !w.first {
		w.w.WriteString(",\n")
	}
	w.first = false
	w.w.Write(b)
	if w.w.Available() < 4<<10 {
		w.err = w.w.Flush()
	}
	return w.err
}
