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
	e.Walk(path, repeatable, fn)
}

// repeatable reports whether an element called name may stand more than
// once, so that its path always has an index.
func repeatable(name string) bool { return name == "SCHEDULE" || name == "CONTACT" }

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
