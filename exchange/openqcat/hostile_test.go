package openqcat_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lernnetz/lernnetz/exchange/openqcat"
	"github.com/lernnetz/lernnetz/exchange/record"
)

const decl = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

func deep(open, close string, n int) string {
	return strings.Repeat(open, n) + strings.Repeat(close, n)
}

// TestHostileInput feeds files that attack or break the parser: each must
// fail with the right kind of *openqcat.Error, in German, with its line,
// having read no file and asked no network (encoding/xml resolves no
// entity; a DOCTYPE is refused before anything in it is used).
func TestHostileInput(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "geheim.txt")
	if err := os.WriteFile(secret, []byte("GEHEIMNIS-4711"), 0o600); err != nil {
		t.Fatal(err)
	}
	garbage := make([]byte, 1<<20)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range garbage {
		garbage[i] = byte(rng.UintN(256))
	}
	small := record.Limits{MaxDepth: 64, MaxRecordBytes: 64 << 10, MaxTextBytes: 4 << 10, MaxElements: 1000}
	tests := []struct {
		name   string
		doc    string
		limits *record.Limits
		kind   error
		line   int
		msg    string
	}{
		{name: "XXE: an external entity naming a local file", kind: openqcat.ErrForbidden, line: 2, msg: "DOCTYPE",
			doc: decl + `<!DOCTYPE OPENQCAT [<!ENTITY xxe SYSTEM "file://` + secret + `">]>
<OPENQCAT><HEADER><SUPPLIER><SUPPLIER_ID>1</SUPPLIER_ID><SUPPLIER_NAME>&xxe;</SUPPLIER_NAME></SUPPLIER></HEADER></OPENQCAT>`},
		{name: "XXE: an external DTD on the network", kind: openqcat.ErrForbidden, line: 2, msg: "XXE",
			doc: decl + `<!DOCTYPE OPENQCAT SYSTEM "http://127.0.0.1:9/openqcat.dtd">
<OPENQCAT/>`},
		{name: "billion laughs", kind: openqcat.ErrForbidden, line: 7, msg: "Billion Laughs",
			doc: decl + `<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<OPENQCAT>&lol3;</OPENQCAT>`},
		{name: "a DOCTYPE inside a service", kind: openqcat.ErrForbidden, msg: "DOCTYPE",
			doc: decl + `<OPENQCAT><NEW_CATALOG><SERVICE><!DOCTYPE x></SERVICE></NEW_CATALOG></OPENQCAT>`},
		{name: "an undeclared entity", kind: openqcat.ErrSyntax, line: 2, msg: "Entität",
			doc: decl + `<OPENQCAT><HEADER><CATALOG><CATALOG_NAME>&nbsp;</CATALOG_NAME></CATALOG></HEADER></OPENQCAT>`},
		{name: "10,000-deep nesting in a service", kind: openqcat.ErrLimit, line: 2, msg: "64 Ebenen",
			doc: decl + `<OPENQCAT><NEW_CATALOG><SERVICE>` + deep("<X>", "</X>", 10_000) + `</SERVICE></NEW_CATALOG></OPENQCAT>`},
		{name: "10,000-deep nesting of containers", kind: openqcat.ErrLimit, line: 2, msg: "64 Ebenen",
			doc: decl + `<OPENQCAT><UPDATE_CATALOG>` + deep("<NEW>", "</NEW>", 10_000) + `</UPDATE_CATALOG></OPENQCAT>`},
		{name: "invalid UTF-8 in a UTF-8 file", kind: openqcat.ErrEncoding, line: 3, msg: "UTF-8",
			doc: decl + "<OPENQCAT><HEADER>\n<CATALOG><CATALOG_NAME>M\xfcller</CATALOG_NAME></CATALOG></HEADER></OPENQCAT>"},
		{name: "UTF-8 declared as ISO-8859-15", kind: openqcat.ErrEncoding, line: 4, msg: "ISO-8859-15",
			doc: `<?xml version="1.0" encoding="ISO-8859-15"?>
<OPENQCAT>
<HEADER>
<CATALOG><CATALOG_NAME>Müller</CATALOG_NAME></CATALOG></HEADER></OPENQCAT>`},
		{name: "an unknown encoding", kind: openqcat.ErrEncoding, line: 1, msg: "KOI-42",
			doc: `<?xml version="1.0" encoding="KOI-42"?><OPENQCAT/>`},
		{name: "UTF-16 declared in an 8-bit file", kind: openqcat.ErrEncoding, line: 1, msg: "UTF-16",
			doc: `<?xml version="1.0" encoding="UTF-16"?><OPENQCAT/>`},
		{name: "a UTF-16 file", kind: openqcat.ErrEncoding, line: 1, msg: "UTF-16",
			doc: "\xFF\xFE<\x00O\x00"},
		{name: "binary garbage", kind: openqcat.ErrEncoding, line: 1, msg: "UTF-8", doc: string(garbage)},
		{name: "a NUL byte", kind: openqcat.ErrSyntax, line: 2, msg: "verbotenes Zeichen",
			doc: decl + "<OPENQCAT><HEADER><CATALOG><CATALOG_NAME>a\x00b</CATALOG_NAME></CATALOG></HEADER></OPENQCAT>"},
		{name: "a giant text", kind: openqcat.ErrLimit, limits: &small, msg: "4096 Bytes",
			doc: decl + `<OPENQCAT><NEW_CATALOG><SERVICE><PRODUCT_ID>` + strings.Repeat("x", 1<<20) + `</PRODUCT_ID></SERVICE></NEW_CATALOG></OPENQCAT>`},
		{name: "a giant attribute", kind: openqcat.ErrLimit, limits: &small, msg: "4096 Bytes",
			doc: decl + `<OPENQCAT><NEW_CATALOG><SERVICE a="` + strings.Repeat("x", 1<<20) + `"/></NEW_CATALOG></OPENQCAT>`},
		{name: "a service of a million elements", kind: openqcat.ErrLimit, limits: &small, msg: "1000 Elemente",
			doc: decl + `<OPENQCAT><NEW_CATALOG><SERVICE>` + strings.Repeat("<K/>", 1_000_000) + `</SERVICE></NEW_CATALOG></OPENQCAT>`},
		{name: "two root elements", kind: openqcat.ErrSyntax, msg: "weiteres Wurzelelement",
			doc: decl + `<OPENQCAT></OPENQCAT><OPENQCAT></OPENQCAT>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var opts []openqcat.Option
			if tc.limits != nil {
				opts = append(opts, openqcat.WithLimits(*tc.limits))
			}
			r := openqcat.NewReader(strings.NewReader(tc.doc), opts...)
			var err error
			var out bytes.Buffer
			for range 100 {
				var rec *record.Record
				if rec, err = r.Next(); err != nil {
					break
				}
				if rec.Provider != nil {
					out.WriteString(rec.Provider.Name)
				}
			}
			var e *openqcat.Error
			if !errors.As(err, &e) || !errors.Is(err, tc.kind) {
				t.Fatalf("error %v (%T), want an *openqcat.Error of kind %v", err, err, tc.kind)
			}
			if !strings.Contains(e.Msg, tc.msg) || (tc.line > 0 && e.Line != tc.line) || e.Line == 0 {
				t.Errorf("error %q at line %d, want line %d and %q", e.Msg, e.Line, tc.line, tc.msg)
			}
			if strings.Contains(out.String()+err.Error(), "GEHEIMNIS") {
				t.Error("the content of a local file got into the records")
			}
		})
	}
}
