package deftis

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/lernnetz/lernnetz/exchange/internal/xmlsafe"
)

// element is one XML element of a record with all it holds, as the shared
// safe-XML base decodes it.
type element = xmlsafe.Element

// walk calls fn for each child with its element path: repeated names and
// the repeatable SCHEDULE and CONTACT get an XPath-style index ("[2]").
func walk(e *element, path string, fn func(c *element, cpath string)) {
	if len(e.Children) > 32 { // many children: count with maps, not by scanning
		walkMany(e, path, fn)
		return
	}
	for i, c := range e.Children {
		cpath := path + "/" + c.Name
		if c.Name == "SCHEDULE" || c.Name == "CONTACT" || repeated(e, i) {
			cpath += "[" + strconv.Itoa(ordinal(e, i)) + "]"
		}
		fn(c, cpath)
	}
}

func walkMany(e *element, path string, fn func(c *element, cpath string)) {
	counts := make(map[string]int, len(e.Children))
	for _, c := range e.Children {
		counts[c.Name]++
	}
	seen := make(map[string]int, len(counts))
	for _, c := range e.Children {
		seen[c.Name]++
		cpath := path + "/" + c.Name
		if counts[c.Name] > 1 || c.Name == "SCHEDULE" || c.Name == "CONTACT" {
			cpath += "[" + strconv.Itoa(seen[c.Name]) + "]"
		}
		fn(c, cpath)
	}
}

// repeated reports whether another child has the name of child i.
func repeated(e *element, i int) bool {
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
func ordinal(e *element, i int) int {
	n := 1
	for _, c := range e.Children[:i] {
		if c.Name == e.Children[i].Name {
			n++
		}
	}
	return n
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
