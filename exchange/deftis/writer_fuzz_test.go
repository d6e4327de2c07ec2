package deftis

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// FuzzWriteRead writes a provider and a course with arbitrary texts and
// numbers and reads the document back: it must be well-formed DEfTIS, and
// the texts (trimmed; characters XML cannot hold replaced), the price and
// the date must come back as written.
func FuzzWriteRead(f *testing.F) {
	f.Add("Excel für Einsteiger", "Grundlagen <b>&amp;</b> mehr", "VHS Saar", "E-Learning", int64(151380), int64(1790000000))
	f.Add(" \x00\x1f\uFFFE", "&#8211;]]>", "\"<'>", "\n\n", int64(-5), int64(0))
	f.Fuzz(func(t *testing.T, title, desc, provider, mode string, cents, unix int64) {
		start := time.Unix(unix%4_000_000_000, 0).In(catalogue.Berlin)
		p := &catalogue.Provider{ID: 3, Name: provider, Extensions: map[string]string{"CSS_WDB_X": desc}}
		o := &catalogue.Offer{ID: 7, ProviderID: 3, Title: title, Description: desc, Price: &catalogue.Price{AmountCents: cents, Currency: "EUR"},
			Extensions: map[string]string{"CS_WDB_MODE": mode, "COURSESCHEDULES/SCHEDULE[1]/S_WDB_INFOLINK": title},
			Dates:      []catalogue.Date{{ID: 9, StartKind: catalogue.StartFixed, Start: &start}}}
		var buf bytes.Buffer
		w := NewWriter(&buf)
		for _, err := range []error{w.Begin(&record.ExportHeader{SupplierName: "lernnetz", SupplierID: "x", Timestamp: start}), w.Provider(p), w.Offer(o, nil), w.End()} {
			if err != nil {
				t.Fatal(err)
			}
		}
		r := NewReader(&buf)
		var recs []*record.Record
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("reading the written document: %v\n%s", err, buf.Bytes())
			}
			recs = append(recs, rec)
		}
		var course, supplier *record.Record
		for _, rec := range recs {
			switch rec.Kind {
			case record.KindOffer:
				course = rec
			case record.KindProvider:
				supplier = rec
			}
		}
		if course == nil || supplier == nil || course.SourceID != "7" || course.ProviderSourceID != "3" || supplier.SourceID != "3" {
			t.Fatalf("records %+v", recs)
		}
		want := func(s string) string { return cleanText(xmlSafe(s)) }
		if got := course.Offer.Title; got != want(title) {
			t.Errorf("title %q, want %q", got, want(title))
		}
		if got := course.Offer.Description; got != want(desc) {
			t.Errorf("description %q, want %q", got, want(desc))
		}
		if got := supplier.Provider.Name; got != want(provider) {
			t.Errorf("provider %q, want %q", got, want(provider))
		}
		if len(course.Problems) == 0 && (course.Offer.Price == nil || course.Offer.Price.AmountCents != cents) {
			t.Errorf("price %+v, want %d cents", course.Offer.Price, cents)
		}
		if d := course.Offer.Dates; len(d) != 1 || d[0].Start == nil || !d[0].Start.Equal(start) {
			t.Errorf("dates %+v, want one starting %s", d, start)
		}
	})
}

// xmlSafe is what the writer makes of a text: characters XML cannot hold
// become U+FFFD.
func xmlSafe(s string) string {
	var b strings.Builder
	for _, r := range s { // each invalid byte is one U+FFFD
		if (r < 0x20 && r != '\n' && r != '\t' && r != '\r') || r == 0xFFFE || r == 0xFFFF {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}
