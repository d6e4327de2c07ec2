package deftis

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// node is an element the Writer builds before writing it: one record at a
// time, so that extensions can be put back where they came from.
type node struct {
	name   string
	attrs  []xml.Attr
	text   string
	kids   []*node
	mapped bool // made from a catalogue field, not from an extension
}

// add appends a child with text and returns it.
func (n *node) add(name, text string) *node {
	c := &node{name: name, text: text, mapped: true}
	n.kids = append(n.kids, c)
	return c
}

// opt appends a child when text is not empty.
func (n *node) opt(name, text string) {
	if text != "" {
		n.add(name, text)
	}
}

// child returns the i-th (1-based) child called name, creating it and the
// ones before it when there are fewer.
func (n *node) child(name string, i int) *node {
	seen := 0
	for _, c := range n.kids {
		if c.name == name {
			if seen++; seen == i {
				return c
			}
		}
	}
	var c *node
	for ; seen < i; seen++ {
		c = &node{name: name}
		n.kids = append(n.kids, c)
	}
	return c
}

func (n *node) setAttr(name, value string) {
	for i := range n.attrs {
		if n.attrs[i].Name.Local == name {
			n.attrs[i].Value = value
			return
		}
	}
	n.attrs = append(n.attrs, xml.Attr{Name: xml.Name{Local: name}, Value: value})
}

// overriding are the elements whose extension holds the whole raw text the
// mapped value was taken from (several addresses in one element, a
// provider's address name that differs from its own): the extension
// replaces the mapped text, and reading it again gives both back.
var overriding = map[string]bool{"A_WEB": true, "A_EMAIL": true, "C_EMAIL": true, "C_WEB": true, "CS_INFOLINK": true, "A_NAME": true}

// putExtensions puts the extensions of a record back into its element: a
// key is the element's path in the record as the Reader made it
// ("COURSESCHEDULES/SCHEDULE[2]/S_WDB_INFOLINK", "CS_WDB_SCHULART_AA@typ",
// "@ATTR" for the record's own attributes). Keys that skip says are
// written already are left out. Keys go in sorted order, so the output is
// the same each time.
func (n *node) putExtensions(ext map[string]string, skip func(key string) bool) {
	keys := make([]string, 0, len(ext))
	for k := range ext {
		if skip == nil || !skip(k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		n.putExtension(k, ext[k])
	}
}

func (n *node) putExtension(key, value string) {
	path, attr, _ := strings.Cut(key, "@")
	at := n
	var segs []string
	if path != "" {
		segs = strings.Split(path, "/")
	}
	for i, s := range segs {
		name, idx := splitIndex(s)
		if name == "" {
			return
		}
		last := i == len(segs)-1
		switch {
		case !last || idx > 0:
			at = at.child(name, max(idx, 1))
			if last && attr == "" {
				at.text = value
			}
		case attr != "":
			at = at.child(name, 1)
		default:
			at = at.leaf(name, value)
		}
	}
	if attr != "" {
		at.setAttr(attr, value)
	}
}

// leaf puts an extension's text: into the element of that name the
// extension is the raw text of (overriding), into one an attribute
// extension made, or else into a new element.
func (n *node) leaf(name, value string) *node {
	for _, c := range n.kids {
		if c.name != name {
			continue
		}
		if (c.mapped && overriding[name]) || (!c.mapped && c.text == "" && len(c.kids) == 0) {
			c.text = value
			return c
		}
	}
	c := &node{name: name, text: value}
	n.kids = append(n.kids, c)
	return c
}

// splitIndex splits "SCHEDULE[2]" into "SCHEDULE" and 2 (0 without index).
func splitIndex(s string) (string, int) {
	i := strings.IndexByte(s, '[')
	if i < 0 || !strings.HasSuffix(s, "]") {
		return s, 0
	}
	n, err := strconv.Atoi(s[i+1 : len(s)-1])
	if err != nil || n < 1 || n > 10_000 {
		return "", 0
	}
	return s[:i], n
}

// write writes the element indented by depth.
func (n *node) write(w *bufio.Writer, depth int) {
	indent(w, depth)
	w.WriteByte('<')
	w.WriteString(n.name)
	for _, a := range n.attrs {
		w.WriteByte(' ')
		w.WriteString(a.Name.Local)
		w.WriteString(`="`)
		escape(w, a.Value, true)
		w.WriteByte('"')
	}
	switch {
	case len(n.kids) == 0 && n.text == "":
		w.WriteString("/>\n")
		return
	case len(n.kids) == 0:
		w.WriteByte('>')
		escape(w, n.text, false)
	default:
		w.WriteString(">\n")
		if n.text != "" { // mixed content: only from odd extensions
			indent(w, depth+1)
			escape(w, n.text, false)
			w.WriteByte('\n')
		}
		for _, c := range n.kids {
			c.write(w, depth+1)
		}
		indent(w, depth)
	}
	w.WriteString("</")
	w.WriteString(n.name)
	w.WriteString(">\n")
}

func indent(w *bufio.Writer, depth int) {
	for range depth {
		w.WriteString("  ")
	}
}

// escape writes s as XML character data (or an attribute value): markup
// characters escaped, line breaks kept (as references in attributes and
// for carriage returns, which XML would otherwise fold), and what XML
// cannot hold – control characters, invalid UTF-8 – replaced by U+FFFD.
func escape(w *bufio.Writer, s string, attr bool) {
	for _, r := range s {
		switch {
		case r == '&':
			w.WriteString("&amp;")
		case r == '<':
			w.WriteString("&lt;")
		case r == '>':
			w.WriteString("&gt;")
		case r == '"' && attr:
			w.WriteString("&quot;")
		case r == '\r':
			w.WriteString("&#xD;")
		case (r == '\n' || r == '\t') && attr:
			fmt.Fprintf(w, "&#x%X;", r)
		case r == '\n' || r == '\t':
			w.WriteRune(r)
		case r < 0x20 || r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
			w.WriteRune(utf8.RuneError)
		default:
			w.WriteRune(r)
		}
	}
}
