package openqcat

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

// Reader reads an open-Qcat document record by record: one SUPPLIER or
// SERVICE at a time is decoded whole, so memory stays flat whatever the
// size of the file. It is not safe for concurrent use.
type Reader struct {
	dec    *xmlsafe.Decoder
	limits record.Limits
	gaz    Gazetteer

	stack      []frame
	header     record.Header
	catalogID  string
	catalogNm  string
	suppliers  []string // names of the SUPPLIERs, for the source name
	supplierID []string // their ids, for services without SUPPLIER_ID_REF
	held       []*record.Record
	headerSent bool
	sawRoot    bool
	rootClosed bool
	op         string   // operation of the services in the current container
	pending    *pending // a Bildungsangebot waiting for its Veranstaltungen
	queue      []*record.Record
	err        error
}

type frame struct {
	name   string
	path   string
	counts map[string]int
}

// Option configures a Reader.
type Option func(*Reader)

// WithLimits replaces record.DefaultLimits.
func WithLimits(l record.Limits) Option { return func(r *Reader) { r.limits = l } }

// WithGazetteer sets where coordinates and federal states of postal codes
// come from (default geo.Default()).
func WithGazetteer(g Gazetteer) Option { return func(r *Reader) { r.gaz = g } }

// NewReader returns a Reader of the open-Qcat document in src. The encoding
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

// Next returns the next record: first the catalogue's Header, then the
// providers (SUPPLIER), then offers and deletions in file order. At the
// end of a complete document it returns io.EOF; a fatal problem is an
// *Error, after which Next returns the same error again.
func (r *Reader) Next() (*record.Record, error) {
	for {
		if len(r.queue) > 0 {
			rec := r.queue[0]
			r.queue = r.queue[1:]
			return rec, nil
		}
		if r.err != nil {
			return nil, r.err
		}
		if err := r.step(); err != nil {
			if err == io.EOF {
				err = r.finish()
			} else {
				err = r.fail(err)
			}
			if len(r.queue) == 0 {
				return nil, err
			}
		}
	}
}

// step reads one token above the records and handles it.
func (r *Reader) step() error {
	r.dec.Arm()
	tok, err := r.dec.Token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case xml.StartElement:
		return r.start(t)
	case xml.EndElement:
		top := r.stack[len(r.stack)-1]
		r.stack = r.stack[:len(r.stack)-1]
		switch top.name {
		case "NEW_CATALOG", "NEW":
			r.flush()
		case "HEADER":
			// the header is complete once the transaction starts; a document
			// without one still gets it at the end
		}
		if len(r.stack) == 0 {
			r.rootClosed = true
			r.sendHeader()
		}
	case xml.Directive:
		return &Error{Line: r.line(), Msg: msgForbidden, Err: ErrForbidden}
	}
	return nil
}

func (r *Reader) finish() error {
	r.flush()
	switch {
	case !r.sawRoot:
		r.err = &Error{Line: r.line(), Msg: "Die Datei enthält kein open-Qcat-Dokument (kein Element OPENQCAT).", Err: ErrNotOpenQcat}
	case !r.rootClosed:
		r.err = &Error{Line: r.line(), Path: r.path(), Msg: xmlsafe.MsgCutOff, Err: xmlsafe.WithCause(ErrSyntax, io.ErrUnexpectedEOF)}
	default:
		r.err = io.EOF
	}
	return r.err
}

func (r *Reader) line() int { return r.dec.Line() }

func (r *Reader) path() string {
	if len(r.stack) == 0 {
		return ""
	}
	return r.stack[len(r.stack)-1].path
}

func (r *Reader) push(name, path string) {
	r.stack = append(r.stack, frame{name: name, path: path, counts: map[string]int{}})
}

// start handles a start tag above the records.
func (r *Reader) start(t xml.StartElement) error {
	name := strings.ToUpper(t.Name.Local)
	line := r.line()
	if len(r.stack)+1 > r.limits.MaxDepth {
		return &Error{Line: line, Path: r.path(), Msg: fmt.Sprintf("Die Elemente sind tiefer als %d Ebenen verschachtelt.", r.limits.MaxDepth), Err: ErrLimit}
	}
	if len(r.stack) == 0 {
		if r.sawRoot {
			return &Error{Line: line, Msg: "Nach dem Element OPENQCAT folgt ein weiteres Wurzelelement.", Err: ErrSyntax}
		}
		if name != "OPENQCAT" {
			return &Error{Line: line, Msg: fmt.Sprintf("Das Wurzelelement heißt %s; ein open-Qcat-Dokument beginnt mit OPENQCAT.", name), Err: ErrNotOpenQcat}
		}
		r.sawRoot = true
		r.push(name, "OPENQCAT")
		return nil
	}
	parent := &r.stack[len(r.stack)-1]
	parent.counts[name]++
	path := parent.path + "/" + name
	if name == "SERVICE" || name == "SUPPLIER" {
		path += fmt.Sprintf("[%d]", parent.counts[name])
	}
	switch parent.name + ">" + name {
	case "OPENQCAT>HEADER", "UPDATE_CATALOG>DELETE", "UPDATE_CATALOG>NEW":
		r.push(name, path)
		r.op = record.OpUpdate
		return nil
	case "OPENQCAT>NEW_CATALOG", "OPENQCAT>UPDATE_CATALOG":
		if name == "UPDATE_CATALOG" {
			r.header.Delta = true
		} else if v, ok := attr(t.Attr, "FULLCATALOG"); ok && strings.EqualFold(v, "false") {
			r.header.MultiDocument = true
		}
		r.sendHeader()
		r.push(name, path)
		r.op = record.OpInsert
		return nil
	case "HEADER>CATALOG":
		e, err := r.decode(t, line, path)
		if err != nil {
			return err
		}
		r.mapCatalog(e)
		return nil
	case "HEADER>SUPPLIER":
		e, err := r.decode(t, line, path)
		if err != nil {
			return err
		}
		rec := r.mapSupplier(e)
		if r.headerSent { // a SUPPLIER after the transaction: out of order, but usable
			r.queue = append(r.queue, rec)
		} else {
			r.held = append(r.held, rec)
		}
		return nil
	case "NEW_CATALOG>SERVICE", "NEW>SERVICE":
		e, err := r.decode(t, line, path)
		if err != nil {
			return err
		}
		r.service(e)
		return nil
	case "DELETE>SERVICE":
		e, err := r.decode(t, line, path)
		if err != nil {
			return err
		}
		r.queue = append(r.queue, r.mapDeletion(e))
		return nil
	}
	// anything else (GENERATOR_INFO, DOCUMENT_CREATOR, RECIPIENT, AGREEMENT,
	// classification systems …) is read within the limits and skipped
	_, err := r.decode(t, line, path)
	return err
}

// sendHeader queues the header and the providers held back for it, once.
func (r *Reader) sendHeader() {
	if r.headerSent {
		return
	}
	r.headerSent = true
	h := r.header
	h.SupplierID, h.SupplierName = r.catalogID, r.catalogNm
	switch {
	case r.catalogNm != "":
		h.Source = record.SourceName(r.catalogNm)
	case len(r.suppliers) == 1:
		h.Source = record.SourceName(r.suppliers[0])
	default:
		h.Source = record.SourceName(r.catalogID)
	}
	r.queue = append(r.queue, &record.Record{Kind: record.KindHeader, Line: h.Line, Path: "OPENQCAT/HEADER", Header: &h})
	r.queue = append(r.queue, r.held...)
	r.held = nil
}

func attr(attrs []xml.Attr, name string) (string, bool) {
	for _, a := range attrs {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value), true
		}
	}
	return "", false
}

// decode reads the element that t starts, with all it contains, and gives
// every element in it its path.
func (r *Reader) decode(t xml.StartElement, line int, path string) (*element, error) {
	e, err := r.dec.Decode(t, line, len(r.stack), path)
	if err != nil {
		return nil, err
	}
	e.SetPaths()
	return e, nil
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
