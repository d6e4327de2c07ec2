package xmlsafe

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// errGuard is returned by the guard when a token or record would need more
// bytes than the limits allow.
var errGuard = errors.New("xmlsafe: read limit reached")

// guard counts the bytes read from the file and refuses to read past limit,
// so that no single token (a giant text, a DOCTYPE, a start tag with a
// million attributes) or record can make the XML decoder buffer more than
// the limits allow.
type guard struct {
	r     io.Reader
	n     int64 // bytes read so far
	limit int64 // reading past this fails with errGuard
}

func (g *guard) Read(p []byte) (int, error) {
	if g.n >= g.limit {
		return 0, errGuard
	}
	if rest := g.limit - g.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	return n, err
}

// encodingError reports bytes that cannot be in the declared encoding.
type encodingError struct {
	line int
	msg  string
}

func (e *encodingError) Error() string { return e.msg }

// charsetReader returns the decoder's CharsetReader: it honours the
// encoding declared in the XML declaration (ISO-8859-15, windows-1252, …)
// and, for single-byte encodings, watches the raw bytes for UTF-8 sequences,
// the sign of a UTF-8 file declared as Latin-9 (it would import as "Ã¤").
// line tells the decoder's line when the declaration is read.
func charsetReader(line func() int) func(label string, input io.Reader) (io.Reader, error) {
	return func(label string, input io.Reader) (io.Reader, error) {
		enc, name := charset.Lookup(label)
		switch {
		case enc == nil:
			return nil, &encodingError{line: line(), msg: fmt.Sprintf("Die Zeichenkodierung „%s“ aus der XML-Deklaration ist unbekannt.", label)}
		case name == "utf-8":
			return input, nil
		case strings.HasPrefix(name, "utf-16"):
			return nil, &encodingError{line: line(), msg: fmt.Sprintf("Die Datei ist als %s deklariert, aber in einer 8-Bit-Kodierung geschrieben.", label)}
		}
		if singleByte(name) {
			input = &utf8Sniffer{r: input, line: line(), label: label}
		}
		return enc.NewDecoder().Reader(input), nil
	}
}

// singleByte reports whether the WHATWG encoding called name maps each byte
// to one character (ISO-8859-x, windows-125x, KOI8 …).
func singleByte(name string) bool {
	for _, prefix := range []string{"iso-8859-", "windows-", "koi8-", "macintosh", "ibm866", "x-mac-"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// utf8Sniffer fails on the first UTF-8 sequence of a Latin letter or of
// typographic punctuation in a file declared in a single-byte encoding:
// C3 80–BF (À…ÿ, so ä ö ü ß é), C2 A0–BF (no-break space, §, °) and
// E2 80–82 xx (– “ „ €). As ISO-8859-15 these would read "Ã¤", "Â§" or
// "â€ž", which real German text never contains.
type utf8Sniffer struct {
	r      io.Reader
	line   int
	label  string
	p1, p2 byte // the two bytes before the current one
}

func (s *utf8Sniffer) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	for i := range n {
		b := p[i]
		cont := b >= 0x80 && b <= 0xBF
		if cont && (s.p1 == 0xC3 || (s.p1 == 0xC2 && b >= 0xA0) || (s.p2 == 0xE2 && s.p1 >= 0x80 && s.p1 <= 0x82)) {
			return 0, &encodingError{line: s.line, msg: fmt.Sprintf(
				"Die Datei ist als %s deklariert, enthält aber UTF-8-Zeichen. Bitte encoding=\"UTF-8\" in die XML-Deklaration schreiben oder die Datei als %s speichern.",
				s.label, s.label)}
		}
		if b == '\n' {
			s.line++
		}
		s.p2, s.p1 = s.p1, b
	}
	return n, err
}
