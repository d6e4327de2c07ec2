package deftis_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/exchange/deftis"
	"github.com/lernnetz/lernnetz/exchange/record"
)

const head = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

func deep(open, close string, n int) string {
	return strings.Repeat(open, n) + strings.Repeat(close, n)
}

// TestHostileInput feeds files that attack or break the parser: each must
// fail fast with the right kind of *deftis.Error, in German, with a line.
func TestHostileInput(t *testing.T) {
	garbage := make([]byte, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range garbage {
		garbage[i] = byte(rng.UintN(256))
	}
	small := record.Limits{MaxDepth: 64, MaxRecordBytes: 64 << 10, MaxTextBytes: 4 << 10, MaxElements: 1000}
	tests := []struct {
		name   string
		doc    string
		limits *record.Limits
		kind   error
		line   int // 0: any line > 0
		msg    string
	}{
		{name: "DOCTYPE with an external entity (XXE)", kind: deftis.ErrForbidden, line: 2, msg: "DOCTYPE",
			doc: head + `<!DOCTYPE DEFTISCAT [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<DEFTISCAT><DATASUPPLIER><DS_NAME>&xxe;</DS_NAME></DATASUPPLIER></DEFTISCAT>`},
		{name: "billion laughs", kind: deftis.ErrForbidden, line: 14, msg: "Billion Laughs",
			doc: head + `<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ELEMENT lolz (#PCDATA)>
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<DEFTISCAT>&lol9;</DEFTISCAT>`},
		{name: "a DOCTYPE inside a record", kind: deftis.ErrForbidden, msg: "DOCTYPE",
			doc: head + `<DEFTISCAT><COURSESUPPLIERS><COURSESUPPLIER><!DOCTYPE x></COURSESUPPLIER></COURSESUPPLIERS></DEFTISCAT>`},
		{name: "an undeclared entity", kind: deftis.ErrSyntax, line: 2, msg: "Entität",
			doc: head + `<DEFTISCAT><DATASUPPLIER><DS_NAME>&nbsp;</DS_NAME></DATASUPPLIER></DEFTISCAT>`},
		{name: "10,000-deep nesting in a record", kind: deftis.ErrLimit, line: 2, msg: "64 Ebenen",
			doc: head + `<DEFTISCAT><COURSESUPPLIERS><COURSESUPPLIER>` + deep("<X>", "</X>", 10_000) + `</COURSESUPPLIER></COURSESUPPLIERS></DEFTISCAT>`},
		{name: "10,000-deep nesting above the records", kind: deftis.ErrLimit, line: 2, msg: "64 Ebenen",
			doc: head + `<DEFTISCAT>` + deep("<A>", "</A>", 10_000) + `</DEFTISCAT>`},
		{name: "10,000-deep nesting of known containers", kind: deftis.ErrLimit, line: 2, msg: "64 Ebenen",
			doc: head + `<DEFTISCAT><COURSETRANSACTIONS>` + deep("<INSERTCOURSES>", "</INSERTCOURSES>", 10_000) + `</COURSETRANSACTIONS></DEFTISCAT>`},
		{name: "invalid UTF-8 in a UTF-8 file", kind: deftis.ErrEncoding, line: 3, msg: "UTF-8",
			doc: head + "<DEFTISCAT>\n<DATASUPPLIER><DS_NAME>M\xfcller</DS_NAME></DATASUPPLIER></DEFTISCAT>"},
		{name: "Latin-9 bytes without a declaration", kind: deftis.ErrEncoding, line: 1, msg: "UTF-8",
			doc: "<DEFTISCAT><DATASUPPLIER><DS_NAME>Stra\xdfe</DS_NAME></DATASUPPLIER></DEFTISCAT>"},
		{name: "UTF-8 declared as ISO-8859-15", kind: deftis.ErrEncoding, line: 4, msg: "ISO-8859-15",
			doc: `<?xml version="1.0" encoding="ISO-8859-15"?>
<DEFTISCAT>
<DATASUPPLIER>
<DS_NAME>Müller</DS_NAME></DATASUPPLIER></DEFTISCAT>`},
		{name: "an unknown encoding", kind: deftis.ErrEncoding, line: 1, msg: "KOI-42",
			doc: `<?xml version="1.0" encoding="KOI-42"?><DEFTISCAT/>`},
		{name: "UTF-16 declared in an 8-bit file", kind: deftis.ErrEncoding, line: 1, msg: "UTF-16",
			doc: `<?xml version="1.0" encoding="UTF-16"?><DEFTISCAT/>`},
		{name: "a UTF-16 file", kind: deftis.ErrEncoding, line: 1, msg: "UTF-16",
			doc: "\xff\xfe<\x00?\x00x\x00m\x00l\x00"},
		{name: "binary garbage", doc: string(garbage)},
		{name: "a PNG", kind: deftis.ErrEncoding, doc: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"},
		{name: "empty", kind: deftis.ErrNotDEfTIS, doc: ""},
		{name: "another format", kind: deftis.ErrNotDEfTIS, line: 1, msg: "HTML", doc: `<html><body>Kurse</body></html>`},
		{name: "cut off", kind: deftis.ErrSyntax, msg: "abgeschnitten",
			doc: head + "<DEFTISCAT>\n<COURSESUPPLIERS>\n<COURSESUPPLIER><CSS_NAME>VHS</CSS_NAME>"},
		{name: "cut off between records", kind: deftis.ErrSyntax, msg: "abgeschnitten",
			doc: head + "<DEFTISCAT>\n<COURSESUPPLIERS>\n"},
		{name: "two roots", kind: deftis.ErrSyntax, line: 3, doc: head + "<DEFTISCAT/>\n<DEFTISCAT/>"},
		{name: "a text above the limit", kind: deftis.ErrLimit, limits: &small, msg: "länger als 4 KiB",
			doc: head + "<DEFTISCAT><DATASUPPLIER><DS_NAME>" + strings.Repeat("x", 1<<20) + "</DS_NAME></DATASUPPLIER></DEFTISCAT>"},
		{name: "a 20 MB comment", kind: deftis.ErrLimit, msg: "größer als 1 MiB",
			doc: head + "<DEFTISCAT><!--" + strings.Repeat("-x", 10<<20) + "--></DEFTISCAT>"},
		{name: "a record above the limit", kind: deftis.ErrLimit, limits: &small, msg: "Datensatz",
			doc: head + "<DEFTISCAT><COURSESUPPLIERS><COURSESUPPLIER>" + strings.Repeat("<CSS_DESC>"+strings.Repeat("y", 2000)+"</CSS_DESC>", 100) + "</COURSESUPPLIER></COURSESUPPLIERS></DEFTISCAT>"},
		{name: "too many elements", kind: deftis.ErrLimit, limits: &small, msg: "1000 Elemente",
			doc: head + "<DEFTISCAT><COURSESUPPLIERS><COURSESUPPLIER>" + strings.Repeat("<A/>", 5000) + "</COURSESUPPLIER></COURSESUPPLIERS></DEFTISCAT>"},
		{name: "a start tag with a million attributes", kind: deftis.ErrLimit, msg: "größer als 1 MiB",
			doc: head + "<DEFTISCAT><COURSESUPPLIERS><COURSESUPPLIER " + strings.Repeat(`a="" `, 1<<20) + "/></COURSESUPPLIERS></DEFTISCAT>"},
		{name: "an XML declaration after the start", kind: deftis.ErrSyntax, line: 4, msg: "XML-Deklaration",
			doc: head + "<DEFTISCAT>\n<COURSESUPPLIERS>\n<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?></COURSESUPPLIERS></DEFTISCAT>"},
		{name: "XML declarations in a record, each a charset decoder more", kind: deftis.ErrSyntax, line: 2, msg: "XML-Deklaration",
			doc: head + "<DEFTISCAT><COURSESUPPLIERS><COURSESUPPLIER>" + strings.Repeat(`<?xml encoding="ISO-8859-15"?>`, 20_000) +
				"</COURSESUPPLIER></COURSESUPPLIERS></DEFTISCAT>"},
		{name: "a bad DELTAUPDATE", kind: deftis.ErrNotDEfTIS, line: 2, msg: "DELTAUPDATE",
			doc: head + `<DEFTISCAT DELTAUPDATE="vielleicht"/>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var opts []deftis.Option
			if tc.limits != nil {
				opts = append(opts, deftis.WithLimits(*tc.limits))
			}
			start := time.Now()
			_, err := readAll(t, strings.NewReader(tc.doc), opts...)
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("took %v", took)
			}
			var de *deftis.Error
			if !errors.As(err, &de) {
				t.Fatalf("want a *deftis.Error, got %v", err)
			}
			if tc.kind != nil && !errors.Is(err, tc.kind) {
				t.Errorf("want %v, got %v (%v)", tc.kind, err, de.Err)
			}
			if tc.line != 0 && de.Line != tc.line || de.Line < 0 {
				t.Errorf("line %d, want %d: %v", de.Line, tc.line, err)
			}
			if tc.kind != deftis.ErrNotDEfTIS && tc.doc != "" && de.Line == 0 {
				t.Errorf("no line: %v", err)
			}
			if !strings.Contains(err.Error(), tc.msg) || strings.HasPrefix(de.Msg, "xml:") {
				t.Errorf("message %q does not say %q", err, tc.msg)
			}
		})
	}
}

// TestRecordsBeforeABreakAreComplete: a file that breaks off still yields
// the records it had completely.
func TestRecordsBeforeABreakAreComplete(t *testing.T) {
	doc := head + `<DEFTISCAT><DATASUPPLIER><DS_NAME>X</DS_NAME></DATASUPPLIER><COURSESUPPLIERS>
<COURSESUPPLIER><CSS_NAME>A</CSS_NAME><CSS_ID>1</CSS_ID></COURSESUPPLIER>
<COURSESUPPLIER><CSS_NAME>B</CSS_NAME><CSS_ID>2</CSS_ID></COURSESUPPLIER>
<COURSESUPPLIER><CSS_NAME>C</CSS_NAME><CSS_`
	recs, err := readAll(t, bytes.NewReader([]byte(doc)))
	if !errors.Is(err, deftis.ErrSyntax) || len(recs) != 3 || recs[2].Provider.Name != "B" {
		t.Fatalf("got %d records and %v", len(recs), err)
	}
}

// TestManyRepeatsStayLinear: a record with tens of thousands of children
// (within the limits) is read in linear time – no quadratic joining of
// extensions or de-duplicating of certificates.
func TestManyRepeatsStayLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString(head + "<DEFTISCAT><DATASUPPLIER><DS_NAME>X</DS_NAME></DATASUPPLIER><COURSESUPPLIERS><COURSESUPPLIER><CSS_ID>1</CSS_ID>")
	for i := range 90_000 {
		fmt.Fprintf(&b, "<CSS_QM_CERTIFICATE>Z%d</CSS_QM_CERTIFICATE>", i)
	}
	b.WriteString("</COURSESUPPLIER></COURSESUPPLIERS><COURSETRANSACTIONS><INSERTCOURSES><COURSE>")
	for range 90_000 {
		b.WriteString("<CS_WDB_X>wert</CS_WDB_X>")
	}
	b.WriteString("</COURSE></INSERTCOURSES></COURSETRANSACTIONS></DEFTISCAT>")
	start := time.Now()
	recs, err := readAll(t, strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("took %v", took)
	}
	if n := len(recs[1].Provider.Certificates); n != 90_000 {
		t.Fatalf("%d certificates", n)
	}
	if n := strings.Count(recs[2].Offer.Extensions["CS_WDB_X"], "wert"); n != 90_000 {
		t.Fatalf("%d values kept", n)
	}
}
