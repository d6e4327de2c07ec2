package deftis

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/lernnetz/lernnetz/exchange/internal/xmlsafe"
	"github.com/lernnetz/lernnetz/exchange/record"
	"github.com/lernnetz/lernnetz/geo"
)

// Gazetteer finds the coordinates and federal state of a German postal code;
// *geo.Gazetteer is one.
type Gazetteer = record.Gazetteer

// Reader reads a DEfTIS document record by record: it decodes one
// COURSESUPPLIER or COURSE at a time, so memory stays flat whatever the size
// of the file. It is not safe for concurrent use.
type Reader struct {
	dec    *xmlsafe.Decoder
	limits record.Limits
	gaz    Gazetteer

	stack      []frame // open elements above the records
	header     record.Header
	headerSent bool
	sawRoot    bool
	rootClosed bool
	queue      []*record.Record // records to hand out before reading on
	err        error            // the fatal error, once there is one
}

type frame struct {
	name   string
	path   string
	counts map[string]int // children seen so far, by name
}

// Option configures a Reader.
type Option func(*Reader)

// WithLimits replaces record.DefaultLimits.
func WithLimits(l record.Limits) Option { return func(r *Reader) { r.limits = l } }

// WithGazetteer sets where coordinates of postal codes come from (default
// geo.Default()).
func WithGazetteer(g Gazetteer) Option { return func(r *Reader) { r.gaz = g } }

// NewReader returns a Reader of the DEfTIS document in src. The encoding
// declared in the XML declaration is honoured (UTF-8 when there is none).
func NewReader(src io.Reader, opts ...Option) *Reader {
	r := &Reader{limits: record.DefaultLimits}
	for _, o := range opts {
		o(r)
	}
	if r.gaz == nil {
		r.gaz = geo.Default()
	}
	r.dec, r.err = xmlsafe.NewDecoder(src, r.limits, &dialect)
	return r
}

// Next returns the next record: first the catalogue's header, then
// providers, courses and deletions in file order. At the end of a complete
// document it returns io.EOF; a fatal problem is an *Error, after which
// Next returns the same error again.
func (r *Reader) Next() (*record.Record, error) {
	if len(r.queue) > 0 {
		rec := r.queue[0]
		r.queue = r.queue[1:]
		return rec, nil
	}
	if r.err != nil {
		return nil, r.err
	}
	for {
		r.dec.Arm()
		tok, err := r.dec.Token()
		if err == io.EOF {
			return nil, r.finish()
		}
		if err != nil {
			return nil, r.fail(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			rec, err := r.start(t)
			if err != nil {
				return nil, r.fail(err)
			}
			if rec != nil {
				return r.emit(rec), nil
			}
		case xml.EndElement:
			r.stack = r.stack[:len(r.stack)-1]
			if len(r.stack) == 0 {
				r.rootClosed = true
				if !r.headerSent {
					r.headerSent = true
					return &record.Record{Kind: record.KindHeader, Line: r.header.Line, Path: "DEFTISCAT", Header: &r.header}, nil
				}
			}
		case xml.Directive:
			return nil, r.fail(&Error{Line: r.line(), Msg: msgForbidden, Err: ErrForbidden})
		}
	}
}

// emit hands out rec, preceded by the header when it has not gone out yet.
func (r *Reader) emit(rec *record.Record) *record.Record {
	if rec.Kind == record.KindHeader || r.headerSent {
		r.headerSent = true
		return rec
	}
	r.headerSent = true
	r.queue = append(r.queue, rec)
	return &record.Record{Kind: record.KindHeader, Line: r.header.Line, Path: "DEFTISCAT", Header: &r.header}
}

func (r *Reader) finish() error {
	switch {
	case !r.sawRoot:
		return r.fail(&Error{Line: r.line(), Msg: "Die Datei enthält kein DEfTIS-Dokument (kein Element DEFTISCAT).", Err: ErrNotDEfTIS})
	case !r.rootClosed:
		return r.fail(&Error{Line: r.line(), Msg: xmlsafe.MsgCutOff, Err: xmlsafe.WithCause(ErrSyntax, io.ErrUnexpectedEOF)})
	}
	r.err = io.EOF
	return io.EOF
}

func (r *Reader) line() int { return r.dec.Line() }

func (r *Reader) path() string {
	if len(r.stack) == 0 {
		return ""
	}
	return r.stack[len(r.stack)-1].path
}

// start handles a start tag above the records: it opens the containers of
// the DEfTIS structure and decodes records, the data supplier and anything
// else whole.
func (r *Reader) start(t xml.StartElement) (*record.Record, error) {
	name := strings.ToUpper(t.Name.Local)
	line := r.line()
	if len(r.stack)+1 > r.limits.MaxDepth {
		return nil, &Error{Line: line, Path: r.path(), Msg: fmt.Sprintf("Die Elemente sind tiefer als %d Ebenen verschachtelt.", r.limits.MaxDepth), Err: ErrLimit}
	}
	if len(r.stack) == 0 {
		if r.sawRoot {
			return nil, &Error{Line: line, Msg: "Nach dem Element DEFTISCAT folgt ein weiteres Wurzelelement.", Err: ErrSyntax}
		}
		if name != "DEFTISCAT" {
			return nil, &Error{Line: line, Msg: fmt.Sprintf("Das Wurzelelement heißt %s; ein DEfTIS-Dokument beginnt mit DEFTISCAT.", name), Err: ErrNotDEfTIS}
		}
		r.sawRoot = true
		r.push(name, "DEFTISCAT")
		return nil, r.readCatalogAttrs(t, line)
	}
	parent := &r.stack[len(r.stack)-1]
	parent.counts[name]++
	path := parent.path + "/" + name
	switch parent.name + ">" + name {
	case "DEFTISCAT>DATASUPPLIER":
		el, err := r.decode(t, line, path)
		if err != nil {
			return nil, err
		}
		r.readDataSupplier(el)
		return &record.Record{Kind: record.KindHeader, Line: r.header.Line, Path: "DEFTISCAT", Header: &r.header}, nil
	case "DEFTISCAT>COURSESUPPLIERS", "DEFTISCAT>COURSETRANSACTIONS",
		"COURSETRANSACTIONS>INSERTCOURSES", "COURSETRANSACTIONS>UPDATECOURSES", "COURSETRANSACTIONS>DELETECOURSES":
		r.push(name, path)
		return nil, nil
	case "COURSESUPPLIERS>COURSESUPPLIER":
		path += fmt.Sprintf("[%d]", parent.counts[name])
		el, err := r.decode(t, line, path)
		if err != nil {
			return nil, err
		}
		return r.mapProvider(el, path), nil
	case "INSERTCOURSES>COURSE", "UPDATECOURSES>COURSE":
		path += fmt.Sprintf("[%d]", parent.counts[name])
		el, err := r.decode(t, line, path)
		if err != nil {
			return nil, err
		}
		op := record.OpInsert
		if parent.name == "UPDATECOURSES" {
			op = record.OpUpdate
		}
		return r.mapCourse(el, path, op), nil
	case "DELETECOURSES>CS_ID", "DELETECOURSES>COURSEID":
		path += fmt.Sprintf("[%d]", parent.counts[name])
		el, err := r.decode(t, line, path)
		if err != nil {
			return nil, err
		}
		rec := &record.Record{Kind: record.KindDelete, Op: record.OpDelete, Line: line, Path: path, SourceID: el.Text}
		if el.Text == "" {
			rec.Problems = append(rec.Problems, record.Problem{Line: line, Path: path, Message: "Die Kennung des zu löschenden Kurses fehlt."})
		}
		return rec, nil
	}
	// DOCUMENTLIST and whatever else: read (within the limits) and drop.
	_, err := r.decode(t, line, path)
	return nil, err
}

func (r *Reader) push(name, path string) {
	r.stack = append(r.stack, frame{name: name, path: path, counts: map[string]int{}})
}

// decode reads the element that t starts, with all it contains.
func (r *Reader) decode(t xml.StartElement, line int, path string) (*element, error) {
	return r.dec.Decode(t, line, len(r.stack), path)
}

// fail turns err into the reader's fatal *Error and keeps it.
func (r *Reader) fail(err error) error {
	var e *Error
	if !errors.As(err, &e) {
		e = r.dec.Explain(err, r.line())
	}
	if e.Path == "" {
		e.Path = r.path()
	}
	r.err = e
	return e
}
