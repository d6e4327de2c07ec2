package openqcat

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// element is one XML element of a record with all it holds. Names are
// upper case, as open-Qcat's are.
type element struct {
	name     string
	attrs    []xml.Attr
	text     string
	children []*element
	line     int
	path     string // element path in the document, with XPath-style indexes
}

// child returns the first child called name, or nil.
func (e *element) child(name string) *element {
	if e == nil {
		return nil
	}
	for _, c := range e.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// all returns the children called name.
func (e *element) all(name string) []*element {
	if e == nil {
		return nil
	}
	var out []*element
	for _, c := range e.children {
		if c.name == name {
			out = append(out, c)
		}
	}
	return out
}

// at follows a path of child names ("SERVICE_DETAILS/TITLE"); nil when a
// step is missing.
func (e *element) at(path string) *element {
	for _, name := range strings.Split(path, "/") {
		e = e.child(name)
		if e == nil {
			return nil
		}
	}
	return e
}

// textAt returns the text at path, "" when it is missing.
func (e *element) textAt(path string) string {
	if c := e.at(path); c != nil {
		return c.text
	}
	return ""
}

// attr returns the value of the attribute called name (any case).
func (e *element) attr(name string) (string, bool) {
	if e == nil {
		return "", false
	}
	for _, a := range e.attrs {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value), true
		}
	}
	return "", false
}

// setPaths gives every element below e its path: repeated names get an
// index ("CONTACT[2]").
func (e *element) setPaths() {
	counts := make(map[string]int, len(e.children))
	for _, c := range e.children {
		counts[c.name]++
	}
	seen := make(map[string]int, len(counts))
	for _, c := range e.children {
		seen[c.name]++
		c.path = e.path + "/" + c.name
		if counts[c.name] > 1 {
			c.path += "[" + strconv.Itoa(seen[c.name]) + "]"
		}
		c.setPaths()
	}
}

// tree decodes one element with everything in it, enforcing the reader's
// limits on depth, text size, record size and number of elements.
type tree struct {
	r     *Reader
	depth int // depth of the record's parent
	line  int
	path  string
	root  *element
}

// UnmarshalXML reads the element's tokens up to its end.
func (t *tree) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	lim := t.r.limits
	t.root = &element{name: strings.ToUpper(start.Name.Local), attrs: start.Attr, line: t.line, path: t.path}
	stack := []*element{t.root}
	var texts []strings.Builder = make([]strings.Builder, 1, 8)
	count := 1
	begin := d.InputOffset()
	for {
		t.r.arm()
		tok, err := d.Token()
		if err != nil {
			return err
		}
		top := stack[len(stack)-1]
		switch tk := tok.(type) {
		case xml.StartElement:
			line, _ := d.InputPos()
			if t.depth+len(stack)+1 > lim.MaxDepth {
				return &Error{Line: line, Path: t.path, Msg: fmt.Sprintf("Die Elemente sind tiefer als %d Ebenen verschachtelt.", lim.MaxDepth), Err: ErrLimit}
			}
			if count++; count > lim.MaxElements {
				return &Error{Line: line, Path: t.path, Msg: fmt.Sprintf("Der Datensatz hat mehr als %d Elemente.", lim.MaxElements), Err: ErrLimit}
			}
			el := &element{name: strings.ToUpper(tk.Name.Local), attrs: tk.Attr, line: line}
			top.children = append(top.children, el)
			stack = append(stack, el)
			texts = append(texts, strings.Builder{})
		case xml.EndElement:
			top.text = strings.TrimSpace(texts[len(texts)-1].String())
			texts = texts[:len(texts)-1]
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				t.root.setPaths()
				return nil
			}
		case xml.CharData:
			b := &texts[len(texts)-1]
			if b.Len()+len(tk) > lim.MaxTextBytes {
				line, _ := d.InputPos()
				return &Error{Line: line, Path: t.path, Msg: fmt.Sprintf("Ein Text im Element %s ist länger als %d Bytes.", top.name, lim.MaxTextBytes), Err: ErrLimit}
			}
			if b.Len() > 0 || !blank(tk) {
				b.Write(tk)
			}
		case xml.Directive:
			line, _ := d.InputPos()
			return &Error{Line: line, Path: t.path, Msg: msgForbidden, Err: ErrForbidden}
		}
		if d.InputOffset()-begin > lim.MaxRecordBytes {
			line, _ := d.InputPos()
			return &Error{Line: line, Path: t.path, Msg: fmt.Sprintf("Der Datensatz ist größer als %d Bytes.", lim.MaxRecordBytes), Err: ErrLimit}
		}
	}
}

// blank reports whether text is only XML whitespace.
func blank(text []byte) bool {
	for _, b := range text {
		if b != ' ' && b != '\n' && b != '\t' && b != '\r' {
			return false
		}
	}
	return true
}

const msgForbidden = "DOCTYPE- und ENTITY-Deklarationen sind in open-Qcat-Dateien nicht erlaubt (Schutz vor XXE und „Billion Laughs“); bitte ohne DTD exportieren."
