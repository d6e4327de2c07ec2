package csvfmt_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/lernnetz/lernnetz/exchange/csvfmt"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// mapped is what a file's records say, without where they stand.
func mapped(t *testing.T, data []byte) string {
	t.Helper()
	recs, err := readAll(t, data)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range recs {
		if len(r.Problems) > 0 {
			t.Fatalf("%s: %+v", r.Path, r.Problems)
		}
		j, _ := json.Marshal([]any{r.Kind, r.SourceID, r.ProviderSourceID, r.Provider, r.Offer, r.Venues})
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}

// reencode writes the rows of data again with another delimiter.
func reencode(t *testing.T, data []byte, comma rune, crlf bool) []byte {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
		cr.Comma = ';'
		if rows, err = cr.ReadAll(); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = comma, crlf
	w.WriteAll(rows)
	return buf.Bytes()
}

// TestVariantsReadAlike: BOM or none, semicolon, comma or tab, CRLF or LF,
// UTF-8 or Windows-1252 (Excel's plain CSV), an Excel "sep=" line – the
// example says the same in each.
func TestVariantsReadAlike(t *testing.T) {
	want := mapped(t, csvfmt.Example)
	noBOM := bytes.TrimPrefix(csvfmt.Example, []byte("\uFEFF"))
	cp1252, err := charmap.Windows1252.NewEncoder().Bytes(noBOM)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(cp1252, []byte{0x80}) || !bytes.Contains(cp1252, []byte{0xDF}) { // € and ß
		t.Fatal("the Windows-1252 variant lacks € or ß")
	}
	for name, data := range map[string][]byte{
		"no BOM":             noBOM,
		"comma, CRLF":        reencode(t, csvfmt.Example, ',', true),
		"comma, LF, BOM":     append([]byte("\uFEFF"), reencode(t, csvfmt.Example, ',', false)...),
		"tab":                reencode(t, csvfmt.Example, '\t', false),
		"semicolon, LF":      bytes.ReplaceAll(csvfmt.Example, []byte("\r\n"), []byte("\n")),
		"Windows-1252":       cp1252,
		"Excel sep= line":    append([]byte("sep=;\r\n"), noBOM...),
		"header in any case": bytes.Replace(noBOM, []byte("anbieter_id;anbieter_name"), []byte("Anbieter-ID; Anbieter Name"), 1),
	} {
		t.Run(name, func(t *testing.T) {
			if got := mapped(t, data); got != want {
				t.Errorf("reads otherwise than the example:\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// fatal reads data and returns its fatal *csvfmt.Error.
func fatal(t *testing.T, data []byte, opts ...csvfmt.Option) *csvfmt.Error {
	t.Helper()
	_, err := readAll(t, data, opts...)
	var e *csvfmt.Error
	if !errors.As(err, &e) || e.Msg == "" {
		t.Fatalf("want a worded *csvfmt.Error, got %#v", err)
	}
	return e
}

const head = "anbieter_id;anbieter_name;angebot_id;titel;beschreibung;beginn\r\n"

func TestFatalErrors(t *testing.T) {
	small := csvfmt.WithLimits(record.Limits{MaxRecordBytes: 64 << 10, MaxTextBytes: 8 << 10, MaxElements: 2000})
	for _, tc := range []struct {
		name  string
		data  string
		opts  []csvfmt.Option
		kind  error
		line  int
		col   string
		words string
	}{
		{"mixed encodings", head + "p;Anbieter;1;Kurs für alle;;01.03.2027\r\np;Anbieter;2;Kurs f\xfcr alle;;01.03.2027\r\n", nil,
			csvfmt.ErrEncoding, 3, "", "wechselt die Zeichenkodierung"},
		{"BOM but Latin-1", "\uFEFF" + head + "p;Anbieter;1;K\xfcche;;01.03.2027\r\n", nil, csvfmt.ErrEncoding, 2, "", "Byte-Order-Mark"},
		{"UTF-16", "\xff\xfea\x00n\x00", nil, csvfmt.ErrEncoding, 1, "", "UTF-16"},
		{"UTF-16 without BOM", "a\x00n\x00b\x00", nil, csvfmt.ErrEncoding, 1, "", "Nullbyte"},
		{"unclosed quote", head + "p;Anbieter;1;Kurs;\"Text ohne Ende\r\np;Anbieter;2;Kurs;;01.03.2027\r\n", nil, csvfmt.ErrSyntax, 2, "", "nicht richtig geschlossen"},
		{"bare quote", head + "p;Anbieter;1;Kurs \"Excel\";;01.03.2027\r\n", nil, csvfmt.ErrSyntax, 2, "", "mitten in einem Feld"},
		{"unknown column", "anbieter_id;anbieter_name;angebot_id;titel;beginn;preiss\r\np;A;1;K;01.03.2027;5\r\n", nil,
			csvfmt.ErrHeader, 1, "", "Spalte 6 heißt „preiss“; diese Spalte kennt die Vorlage nicht. Meinten Sie „preis“?"},
		{"missing columns", "anbieter_id;titel\r\np;K\r\n", nil, csvfmt.ErrHeader, 1, "", "fehlen Spalten, die die Vorlage verlangt: anbieter_name, angebot_id, beginn"},
		{"duplicate column", "anbieter_id;anbieter_name;angebot_id;titel;beginn;titel\r\np;A;1;K;01.03.2027;K\r\n", nil, csvfmt.ErrHeader, 1, "titel", "zweimal"},
		{"huge cell", head + "p;Anbieter;1;Kurs;" + strings.Repeat("Langer Text. ", 1000) + ";01.03.2027\r\n", []csvfmt.Option{small},
			csvfmt.ErrLimit, 2, "beschreibung", "größer als 8 KB"},
		{"huge cell, default limits", head + "p;Anbieter;1;Kurs;" + strings.Repeat("x", 1<<20+1) + ";01.03.2027\r\n", nil,
			csvfmt.ErrLimit, 2, "beschreibung", "größer als 1 MB"},
		{"endless quoted field", head + "p;Anbieter;1;Kurs;\"" + strings.Repeat("Zeile\r\n", 60000), []csvfmt.Option{small},
			csvfmt.ErrLimit, 0, "", "ist ein Anführungszeichen nicht geschlossen"},
		{"huge offer", head + strings.Repeat("p;Anbieter;1;Kurs;"+strings.Repeat("x", 4000)+";01.03.2027\r\n", 20), []csvfmt.Option{small},
			csvfmt.ErrLimit, 2, "angebot_id", "zusammen größer als 64 KB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := fatal(t, []byte(tc.data), tc.opts...)
			if !errors.Is(e, tc.kind) || (tc.line != 0 && e.Line != tc.line) || e.Column != tc.col || !strings.Contains(e.Msg, tc.words) {
				t.Errorf("got %v (line %d, column %q, kind %v)", e, e.Line, e.Column, e.Err)
			}
		})
	}
}

// TestGarbage: binary files end in a worded error, never in a panic or a
// record.
func TestGarbage(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 50 {
		data := make([]byte, 1+rng.IntN(5000))
		for j := range data {
			data[j] = byte(rng.UintN(256))
		}
		if i%2 == 0 {
			data = append([]byte("\x89PNG\r\n\x1a\n"), data...)
		}
		recs, err := readAll(t, data)
		var e *csvfmt.Error
		if !errors.As(err, &e) || e.Msg == "" || len(kinds(recs, record.KindOffer)) > 0 {
			t.Fatalf("garbage %d: %v, %d records", i, err, len(recs))
		}
	}
}

// TestRowProblems: problems of single rows reject their offer, with line
// and column, and leave the others.
func TestRowProblems(t *testing.T) {
	file := "anbieter_id;anbieter_name;angebot_id;titel;beginn;preis;\r\n" +
		"p;Anbieter;1;Kurs 1;01.03.2027;10 €;\r\n" + // 2
		"p;Anbieter;2;Kurs 2;01.03.2027;99,5,5 €;x;y\r\n" + // 3: one field too many (no noise about the shifted price)
		"p;Anbieter;1;Kurs 1;08.03.2027;;\r\n" + // 4: offer 1 again, after offer 2
		"p;Anderer Name;3;Kurs 3;01.03.2027;;\r\n" + // 5: the provider differs
		"p;Anbieter;4;Kurs 4;01.03.2027;;Notiz\r\n" + // 6: a cell without column name
		";Anbieter;5;Kurs 5;01.03.2027;;\r\n" + // 7: no provider id
		"p;Anbieter;6;Kurs 6;;12 €;\r\n" + // 8: no beginn: no date, the offer has none
		"p;Anbieter;7;Kurs 7;;;\r\n" + // 9: fine
		"p;Anbieter;7;;nach Vereinbarung;;;;;\r\n" // 10: same offer, title as above; empty fields beyond the header do no harm
	recs, err := readAll(t, []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	offers := kinds(recs, record.KindOffer)
	got := map[string][]record.Problem{}
	for _, o := range offers {
		got[o.Path] = o.Problems
	}
	want := map[string]string{
		"Zeile 2":     "",
		"Zeile 3":     "3 Spalten Die Zeile hat 8 Felder, die Kopfzeile 7.",
		"Zeile 4":     "4 Spalte angebot_id Das Angebot 1 stand schon ab Zeile 2.",
		"Zeile 5":     "5 Spalte anbieter_name „Anderer Name“ weicht von Zeile 2 ab (dort „Anbieter“).",
		"Zeile 6":     "6 Spalte 7 In Spalte 7 steht „Notiz“, aber die Spalte hat in der Kopfzeile keinen Namen.",
		"Zeile 7":     "7 Spalte anbieter_id Die Kennung des Anbieters (anbieter_id) fehlt.",
		"Zeile 8":     "",
		"Zeilen 9–10": "",
	}
	if len(offers) != len(want) {
		t.Fatalf("%d offers: %v", len(offers), got)
	}
	for path, w := range want {
		ps, ok := got[path]
		if !ok {
			t.Errorf("no offer at %s", path)
			continue
		}
		if w == "" {
			if len(ps) > 0 {
				t.Errorf("%s: %+v", path, ps)
			}
			continue
		}
		if len(ps) != 1 || !strings.HasPrefix(fmt.Sprintf("%d %s %s", ps[0].Line, ps[0].Path, ps[0].Message), w) {
			t.Errorf("%s: %+v, want %s", path, ps, w)
		}
	}
	if o := offers[len(offers)-1].Offer; o.Title != "Kurs 7" || len(o.Dates) != 1 || o.Dates[0].StartKind != "on_request" {
		t.Errorf("offer 7: %+v", o)
	}
	if o := offers[6].Offer; len(o.Dates) != 0 || o.Price.AmountCents != 1200 {
		t.Errorf("offer 6: %+v", o)
	}
	if ps := kinds(recs, record.KindProvider); len(ps) != 1 || ps[0].Provider.Name != "Anbieter" || ps[0].Provider.Kind != "other" {
		t.Errorf("providers: %+v", ps)
	}
}

// TestProviderRows: a row without offer describes a provider only.
func TestProviderRows(t *testing.T) {
	file := "anbieter_id;anbieter_name;anbieter_art;anbieter_plz;angebot_id;titel;beginn\n" +
		"p1;VHS Merzig-Wadern;Volkshochschule;66663;;;\n" +
		"p2;Kammer;kammer;1067;;;\n" + // Excel dropped the zero of 01067

		"p1;;;;1;Kurs;01.03.2027\n" +
		"p2;Handwerkskammer;;;;;\n"
	recs, err := readAll(t, []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	ps := kinds(recs, record.KindProvider)
	if len(ps) != 3 || ps[0].Provider.Kind != "adult_education_centre" || ps[0].Provider.Geo == nil || ps[0].Provider.Address.State != "SAA" ||
		ps[1].Provider.Kind != "chamber" || ps[1].Provider.Address.PostalCode != "01067" || ps[1].Provider.Address.State == "" || len(ps[2].Problems) != 1 || ps[2].Problems[0].Line != 5 {
		t.Fatalf("providers: %+v %+v %+v", ps[0].Provider, ps[1], ps[2])
	}
	if os := kinds(recs, record.KindOffer); len(os) != 1 || len(os[0].Problems) != 0 || os[0].ProviderSourceID != "p1" {
		t.Fatalf("offers: %+v", os)
	}
}
