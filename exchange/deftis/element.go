package deftis

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// element is one XML element of a record with all it holds. Names are upper
// case (DEfTIS names are; files that differ in case still map).
type element struct {
	name     string
	attrs    []xml.Attr
	text     string
	children []*element
	line     int
	raw      []byte // text while the element is open, when it comes in pieces
}

// child returns the first child called name, or nil.
func (e *element) child(name string) *element {
	for _, c := range e.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// attr returns the value of the attribute called name (any case).
func (e *element) attr(name string) (string, bool) {
	for _, a := range e.attrs {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value), true
		}
	}
	return "", false
}

// walk calls fn for each child with its element path: repeated names and
// the repeatable SCHEDULE and CONTACT get an XPath-style index ("[2]").
func (e *element) walk(path string, fn func(c *element, cpath string)) {
	if len(e.children) > 32 { // many children: count with maps, not by scanning
		e.walkMany(path, fn)
		return
	}
	for i, c := range e.children {
		cpath := path + "/" + c.name
		if c.name == "SCHEDULE" || c.name == "CONTACT" || e.repeated(i) {
			cpath += "[" + strconv.Itoa(e.ordinal(i)) + "]"
		}
		fn(c, cpath)
	}
}

func (e *element) walkMany(path string, fn func(c *element, cpath string)) {
	counts := make(map[string]int, len(e.children))
	for _, c := range e.children {
		counts[c.name]++
	}
	seen := make(map[string]int, len(counts))
	for _, c := range e.children {
		seen[c.name]++
		cpath := path + "/" + c.name
		if counts[c.name] > 1 || c.name == "SCHEDULE" || c.name == "CONTACT" {
			cpath += "[" + strconv.Itoa(seen[c.name]) + "]"
		}
		fn(c, cpath)
	}
}

// repeated reports whether another child has the name of child i.
func (e *element) repeated(i int) bool {
	name := e.children[i].name
	for j, c := range e.children {
		if j != i && c.name == name {
			return true
		}
	}
	return false
}

// ordinal returns the position (from 1) of child i among the children of
// its name.
func (e *element) ordinal(i int) int {
	n := 1
	for _, c := range e.children[:i] {
		if c.name == e.children[i].name {
			n++
		}
	}
	return n
}

// tree decodes one element with everything in it; it is what
// xml.Decoder.DecodeElement fills for a record. It enforces the reader's
// limits on depth, text size and number of elements as it goes.
type tree struct {
	r     *Reader
	depth int // depth of the record's parent
	line  int // line of the record's start tag
	path  string
	root  *element
}

// UnmarshalXML reads the element's tokens up to its end.
func (t *tree) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	lim := t.r.limits
	t.root = &element{name: upper(start.Name.Local), attrs: start.Attr, line: t.line}
	stack := []*element{t.root}
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
			el := &element{name: upper(tk.Name.Local), attrs: tk.Attr, line: line}
			top.children = append(top.children, el)
			stack = append(stack, el)
		case xml.EndElement:
			if top.raw != nil {
				top.text = string(top.raw)
				top.raw = nil
			}
			top.text = cleanText(top.text)
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return nil
			}
		case xml.CharData:
			if len(top.text)+len(top.raw)+len(tk) > lim.MaxTextBytes {
				line, _ := d.InputPos()
				return &Error{Line: line, Path: t.path, Msg: fmt.Sprintf("Ein Text im Element %s ist länger als %s.", top.name, size(int64(lim.MaxTextBytes))), Err: ErrLimit}
			}
			switch {
			case blank(tk): // indentation between elements; the text is trimmed anyway
			case top.text == "" && top.raw == nil:
				top.text = string(tk)
			default: // text in pieces (around a comment or CDATA)
				if top.raw == nil {
					top.raw = append([]byte(top.text), tk...)
					top.text = ""
				} else {
					top.raw = append(top.raw, tk...)
				}
			}
		case xml.Directive:
			line, _ := d.InputPos()
			return &Error{Line: line, Path: t.path, Msg: msgForbidden, Err: ErrForbidden}
		}
		if d.InputOffset()-begin > lim.MaxRecordBytes {
			line, _ := d.InputPos()
			return &Error{Line: line, Path: t.path, Msg: fmt.Sprintf("Der Datensatz ist größer als %s.", size(lim.MaxRecordBytes)), Err: ErrLimit}
		}
	}
}

// size words a number of bytes.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	default:
		return fmt.Sprintf("%d Bytes", n)
	}
}

// upper returns a name in upper case; DEfTIS names already are, so this
// rarely allocates.
func upper(s string) string { return strings.ToUpper(s) }

// blank reports whether text is only XML whitespace.
func blank(text []byte) bool {
	for _, b := range text {
		if b != ' ' && b != '\n' && b != '\t' && b != '\r' {
			return false
		}
	}
	return true
}

// cleanText trims an element's text and repairs numeric character
// references that were escaped twice ("&amp;#8211;" arrives as "&#8211;"),
// which real exports contain. Whitespace around the text, and so between
// child elements, is dropped.
func cleanText(s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "&#") {
		s = repairCharRefs(s)
	}
	return s
}

// repairCharRefs replaces "&#8211;" and "&#x2013;" by the characters they
// name, when they name a valid character.
func repairCharRefs(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "&#")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], ';')
		if j < 0 || j > 10 {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		ref := s[i+2 : i+j]
		var n uint64
		var err error
		if len(ref) > 1 && (ref[0] == 'x' || ref[0] == 'X') {
			n, err = strconv.ParseUint(ref[1:], 16, 32)
		} else {
			n, err = strconv.ParseUint(ref, 10, 32)
		}
		r := rune(n)
		if err != nil || !utf8.ValidRune(r) || (r < 0x20 && r != '\t' && r != '\n') {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteRune(r)
		s = s[i+j+1:]
	}
}

const msgForbidden = "DOCTYPE- und ENTITY-Deklarationen sind in DEfTIS-Dateien nicht erlaubt (Schutz vor XXE und „Billion Laughs“); bitte ohne DTD exportieren."
