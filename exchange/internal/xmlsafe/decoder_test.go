package xmlsafe

import (
	"encoding/xml"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/lernnetz/lernnetz/exchange/record"
)

var (
	errSyntax    = errors.New("test: syntax")
	errEncoding  = errors.New("test: encoding")
	errForbidden = errors.New("test: forbidden")
	errLimit     = errors.New("test: limit")
	testDialect  = Dialect{Syntax: errSyntax, Encoding: errEncoding, Forbidden: errForbidden, Limit: errLimit, MsgForbidden: "keine DTD"}
)

// decodeRoot decodes the document's root element whole, as a reader does
// a record, and explains what goes wrong.
func decodeRoot(t *testing.T, doc string, lim record.Limits) (*Element, error) {
	t.Helper()
	d, err := NewDecoder(strings.NewReader(doc), lim, &testDialect)
	if err != nil {
		return nil, err
	}
	for {
		d.Arm()
		tok, err := d.Token()
		if err != nil {
			return nil, d.Explain(err, d.Line())
		}
		if st, ok := tok.(xml.StartElement); ok {
			e, err := d.Decode(st, d.Line(), 0, st.Name.Local)
			var xe *Error
			if err != nil && !errors.As(err, &xe) {
				err = d.Explain(err, d.Line())
			}
			return e, err
		}
	}
}

// Text that comes in pieces keeps the white space between them; the
// indentation between elements is dropped; paths index repeated names.
func TestDecodeTextAndPaths(t *testing.T) {
	doc := "\uFEFF<?xml version=\"1.0\"?>\n<R>\n  <a>foo<![CDATA[ ]]>bar</a>\n  <c x=\" 1 \"/><c/>\n</R>"
	root, err := decodeRoot(t, doc, record.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if got := root.TextAt("A"); got != "foo bar" {
		t.Errorf("text of A = %q, want %q", got, "foo bar")
	}
	if root.Text != "" {
		t.Errorf("indentation kept as text %q", root.Text)
	}
	root.SetPaths()
	cs := root.All("C")
	if len(cs) != 2 || cs[1].Path != "R/C[2]" || cs[1].Line != 4 {
		t.Fatalf("children C = %+v, want two, the second at R/C[2] on line 4", cs)
	}
	if v, ok := cs[0].Attr("X"); !ok || v != "1" {
		t.Errorf("attribute x = %q, %v", v, ok)
	}
}

// The refusals: each with the dialect's kind, a German message and a line.
func TestRefusals(t *testing.T) {
	small := record.DefaultLimits
	small.MaxTextBytes = 16
	for _, tc := range []struct {
		name, doc string
		lim       record.Limits
		kind      error
		msg       string
		line      int
	}{
		{"UTF-16", "\xFF\xFE<\x00R\x00/\x00>\x00", record.DefaultLimits, errEncoding, "UTF-16", 1},
		{"UTF-8 declared as KOI8-R", "<?xml version=\"1.0\" encoding=\"KOI8-R\"?>\n<R>\nGrüße</R>", record.DefaultLimits, errEncoding, "enthält aber UTF-8-Zeichen", 3},
		{"unknown charset", "<?xml version=\"1.0\" encoding=\"x-klingon\"?><R/>", record.DefaultLimits, errEncoding, "unbekannt", 1},
		{"DOCTYPE inside", "<R>\n<!DOCTYPE x></R>", record.DefaultLimits, errForbidden, "keine DTD", 2},
		{"text too long", "<R>\n<a>" + strings.Repeat("x", 17) + "</a></R>", small, errLimit, "länger als 16 Bytes", 2},
		{"cut off", "<R>\n<a>", record.DefaultLimits, errSyntax, "abgeschnitten", 2},
		{"unknown entity", "<R>&nbsp;</R>", record.DefaultLimits, errSyntax, "Unbekannte Entität", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeRoot(t, tc.doc, tc.lim)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want an *Error", err, err)
			}
			if !errors.Is(err, tc.kind) || !strings.Contains(e.Msg, tc.msg) || e.Line != tc.line {
				t.Errorf("error %q (line %d, kind %v), want kind %v, line %d, message with %q", e, e.Line, e.Err, tc.kind, tc.line, tc.msg)
			}
		})
	}
}

// A message quotes at most a short piece of the file: a name or entity of
// half a megabyte in a broken document gives a readable message, cut at a
// character boundary.
func TestMessagesQuoteLittle(t *testing.T) {
	long := strings.Repeat("ä", 256<<10) // 512 KiB
	for _, doc := range []string{
		"<R><a>x</" + long + "></R>",
		"<R>&" + long + ";</R>",
	} {
		_, err := decodeRoot(t, doc, record.DefaultLimits)
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error %v (%T), want an *Error", err, err)
		}
		if len(e.Msg) > 400 || !strings.Contains(e.Msg, "ää…") || !utf8.ValidString(e.Msg) {
			t.Errorf("message of %d bytes: %.200q…", len(e.Msg), e.Msg)
		}
	}
}
