package xmlsafe

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// Element is one XML element of a record with all it holds. Names are upper
// case (DEfTIS and open-Qcat names are; files that differ in case still
// map).
type Element struct {
	Name     string
	Attrs    []xml.Attr
	Text     string // trimmed (and cleaned by the dialect) when the element ends
	Children []*Element
	Line     int    // line of the start tag
	Path     string // element path in the document, set by SetPaths
	raw      []byte // text while the element is open, when it comes in pieces
}

// Child returns the first child called name, or nil (also on a nil
// element).
func (e *Element) Child(name string) *Element {
	if e == nil {
		return nil
	}
	for _, c := range e.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// All returns the children called name.
func (e *Element) All(name string) []*Element {
	if e == nil {
		return nil
	}
	var out []*Element
	for _, c := range e.Children {
		if c.Name == name {
			out = append(out, c)
		}
	}
	return out
}

// At follows a path of child names ("SERVICE_DETAILS/TITLE"); nil when a
// step is missing.
func (e *Element) At(path string) *Element {
	for _, name := range strings.Split(path, "/") {
		e = e.Child(name)
		if e == nil {
			return nil
		}
	}
	return e
}

// TextAt returns the text at path, "" when it is missing.
func (e *Element) TextAt(path string) string {
	if c := e.At(path); c != nil {
		return c.Text
	}
	return ""
}

// Attr returns the value of the attribute called name (any case), trimmed.
func (e *Element) Attr(name string) (string, bool) {
	if e == nil {
		return "", false
	}
	for _, a := range e.Attrs {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value), true
		}
	}
	return "", false
}

// SetPaths gives every element below e its path from e's: repeated names
// get an XPath-style index ("CONTACT[2]").
func (e *Element) SetPaths() {
	e.Walk(e.Path, nil, func(c *Element, cpath string) {
		c.Path = cpath
		c.SetPaths()
	})
}

// Walk calls fn for each child of e with its element path below path: a
// repeated name, and a name for which indexed reports true (repeatable
// elements), gets an XPath-style index ("[2]").
func (e *Element) Walk(path string, indexed func(name string) bool, fn func(c *Element, cpath string)) {
	if len(e.Children) > 32 { // many children: count with maps, not by scanning
		e.walkMany(path, indexed, fn)
		return
	}
	for i, c := range e.Children {
		cpath := path + "/" + c.Name
		if (indexed != nil && indexed(c.Name)) || e.repeated(i) {
			cpath += "[" + strconv.Itoa(e.ordinal(i)) + "]"
		}
		fn(c, cpath)
	}
}

func (e *Element) walkMany(path string, indexed func(name string) bool, fn func(c *Element, cpath string)) {
	counts := make(map[string]int, len(e.Children))
	for _, c := range e.Children {
		counts[c.Name]++
	}
	seen := make(map[string]int, len(counts))
	for _, c := range e.Children {
		seen[c.Name]++
		cpath := path + "/" + c.Name
		if counts[c.Name] > 1 || (indexed != nil && indexed(c.Name)) {
			cpath += "[" + strconv.Itoa(seen[c.Name]) + "]"
		}
		fn(c, cpath)
	}
}

// repeated reports whether another child has the name of child i.
func (e *Element) repeated(i int) bool {
	name := e.Children[i].Name
	for j, c := range e.Children {
		if j != i && c.Name == name {
			return true
		}
	}
	return false
}

// ordinal returns the position (from 1) of child i among the children of
// its name.
func (e *Element) ordinal(i int) int {
	n := 1
	for _, c := range e.Children[:i] {
		if c.Name == e.Children[i].Name {
			n++
		}
	}
	return n
}

// Decode reads the element that start begins (at line, below depth open
// elements, at path), with everything in it. It enforces the limits on
// depth, text size, record size and number of elements as it goes, and
// refuses a DOCTYPE inside.
func (d *Decoder) Decode(start xml.StartElement, line, depth int, path string) (*Element, error) {
	lim, k := d.limits, d.dialect
	root := &Element{Name: strings.ToUpper(start.Name.Local), Attrs: start.Attr, Line: line, Path: path}
	stack := []*Element{root}
	count := 1
	// The elements of the record are allocated together: as many as the
	// last record had (records of a file are alike), then more.
	var slab []Element
	begin := d.InputOffset()
	for {
		d.Arm()
		kind, err := d.next() // Token without an interface value per token
		if err != nil {
			return nil, err
		}
		top := stack[len(stack)-1]
		switch kind {
		case tokStart:
			line := d.Line()
			if depth+len(stack)+1 > lim.MaxDepth {
				return nil, &Error{Line: line, Path: path, Msg: fmt.Sprintf("Die Elemente sind tiefer als %d Ebenen verschachtelt.", lim.MaxDepth), Err: k.Limit}
			}
			if count++; count > lim.MaxElements {
				return nil, &Error{Line: line, Path: path, Msg: fmt.Sprintf("Der Datensatz hat mehr als %d Elemente.", lim.MaxElements), Err: k.Limit}
			}
			if len(slab) == cap(slab) {
				slab = make([]Element, 0, max(8, min(d.lastCount-count+1, 256)))
			}
			slab = slab[:len(slab)+1]
			el := &slab[len(slab)-1]
			el.Name, el.Attrs, el.Line = d.upper, d.attr, line
			top.Children = append(top.Children, el)
			stack = append(stack, el)
		case tokEnd:
			if top.raw != nil {
				top.Text = string(top.raw)
				top.raw = nil
			}
			top.Text = k.clean(top.Text)
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				d.lastCount = count
				return root, nil
			}
		case tokText:
			tk := d.data
			if len(top.Text)+len(top.raw)+len(tk) > lim.MaxTextBytes {
				return nil, &Error{Line: d.Line(), Path: path, Msg: fmt.Sprintf("Ein Text im Element %s ist länger als %s.", top.Name, k.size(int64(lim.MaxTextBytes))), Err: k.Limit}
			}
			switch {
			case top.Text == "" && top.raw == nil:
				if !blank(tk) { // indentation between elements is dropped
					top.Text = string(tk)
				}
			case top.raw == nil: // text in pieces (around a comment, CDATA or child)
				top.raw = append([]byte(top.Text), tk...)
				top.Text = ""
			default:
				top.raw = append(top.raw, tk...)
			}
		case tokDirective:
			return nil, &Error{Line: d.Line(), Path: path, Msg: k.MsgForbidden, Err: k.Forbidden}
		}
		if d.InputOffset()-begin > lim.MaxRecordBytes {
			return nil, &Error{Line: d.Line(), Path: path, Msg: fmt.Sprintf("Der Datensatz ist größer als %s.", k.size(lim.MaxRecordBytes)), Err: k.Limit}
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
