package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// sniffBytes is how much of a document Detect needs.
const sniffBytes = 8 << 10

// xmlRoots maps the root element of an XML document (upper case, without a
// namespace prefix) to its format.
var xmlRoots = map[string]string{
	"DEFTISCAT": "deftis",
	"OPENQCAT":  "openqcat",
}

// ErrUnknownFormat is returned by Detect for a document of no format it
// knows.
var ErrUnknownFormat = errors.New("exchange: unknown format")

// Detect finds the format of a document from its first bytes (head; 8 KiB
// are plenty) and, where they say too little, its file name: XML by its root
// element – DEFTISCAT is DEfTIS, OPENQCAT open-Qcat –, otherwise text whose
// first line is a header row separated by semicolons, commas or tabs (or a
// .csv file) is CSV. A format that is recognised but not registered, and
// anything else, is an error in German and English.
func Detect(name string, head []byte) (Format, error) {
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	var kind string
	switch {
	case bytes.HasPrefix(head, []byte("\xFF\xFE")) || bytes.HasPrefix(head, []byte("\xFE\xFF")):
		kind = "deftis" // UTF-16: only XML declares it; the DEfTIS reader explains it is not supported
		if strings.EqualFold(filepath.Ext(name), ".csv") {
			kind = "csv"
		}
	case bytes.HasPrefix(trimmed, []byte("<")):
		root := xmlRoot(trimmed)
		if root == "" {
			// A DOCTYPE with declarations, or no element in the head: the
			// DEfTIS reader says precisely what is wrong with the XML.
			kind = "deftis"
			break
		}
		var ok bool
		if kind, ok = xmlRoots[strings.ToUpper(root)]; !ok {
			return Format{}, fmt.Errorf("%w: XML mit dem Wurzelelement %s ist weder DEfTIS (DEFTISCAT) noch open-Qcat (OPENQCAT) (XML root element %s is not a known format)", ErrUnknownFormat, root, root)
		}
	case bytes.HasPrefix(trimmed, []byte("{")) || bytes.HasPrefix(trimmed, []byte("[")):
		return Format{}, fmt.Errorf("%w: JSON kann nicht importiert werden (JSON cannot be imported)", ErrUnknownFormat)
	case strings.EqualFold(filepath.Ext(name), ".csv") || looksLikeCSV(trimmed):
		kind = "csv"
	case len(trimmed) == 0:
		return Format{}, fmt.Errorf("%w: die Datei ist leer (the file is empty)", ErrUnknownFormat)
	default:
		return Format{}, fmt.Errorf("%w: weder XML (DEfTIS, open-Qcat) noch CSV mit Kopfzeile (neither XML nor CSV with a header row)", ErrUnknownFormat)
	}
	f, ok := Lookup(kind)
	if !ok || f.NewReader == nil {
		return Format{}, fmt.Errorf("%w: die Datei ist im Format %s, das dieses Programm nicht importieren kann (format %s is not available)", ErrUnknownFormat, kind, kind)
	}
	return f, nil
}

// xmlRoot returns the local name of the first element of an XML document,
// skipping the declaration, processing instructions and comments; "" when
// head ends before it or there is a DOCTYPE.
func xmlRoot(head []byte) string {
	for {
		head = bytes.TrimLeft(head, " \t\r\n")
		switch {
		case bytes.HasPrefix(head, []byte("<?")):
			head = after(head, "?>")
		case bytes.HasPrefix(head, []byte("<!--")):
			head = after(head, "-->")
		case bytes.HasPrefix(head, []byte("<!")):
			return "" // a DOCTYPE: refused by the readers, with their own message
		case bytes.HasPrefix(head, []byte("<")):
			end := bytes.IndexAny(head, " \t\r\n/>")
			if end < 0 {
				return ""
			}
			name := string(head[1:end])
			if i := strings.IndexByte(name, ':'); i >= 0 {
				name = name[i+1:]
			}
			return name
		default:
			return ""
		}
		if head == nil {
			return ""
		}
	}
}

func after(b []byte, sep string) []byte {
	i := bytes.Index(b, []byte(sep))
	if i < 0 {
		return nil
	}
	return b[i+len(sep):]
}

// looksLikeCSV tells whether head starts with a header row: a line of text
// with at least one semicolon, comma or tab.
func looksLikeCSV(head []byte) bool {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	if len(line) == 0 || bytes.IndexByte(line, 0) >= 0 {
		return false
	}
	if !utf8.Valid(line) && len(line) < len(head) {
		// could be Latin-1; a header row is still plain text
		for _, c := range line {
			if c < 0x20 && c != '\t' && c != '\r' {
				return false
			}
		}
	}
	return bytes.ContainsAny(line, ";,\t")
}
