package openqcat_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/lernnetz/lernnetz/exchange/openqcat"
	"github.com/lernnetz/lernnetz/exchange/record"
	"github.com/lernnetz/lernnetz/geo"
)

// noPlaces is a gazetteer that knows no postal code: the fuzzer tests the
// reader, not the loading of the real gazetteer.
type noPlaces struct{}

func (noPlaces) PostalCode(string) (geo.Place, bool) { return geo.Place{}, false }

// FuzzReader feeds the reader arbitrary bytes: it must never panic or
// loop, must end in io.EOF or a worded *Error, and every record it hands
// out must be whole. The committed seeds (testdata/fuzz/FuzzReader: the
// sample delivery, a delta, broken and hostile documents) run with
// go test; go test -fuzz=FuzzReader searches further.
func FuzzReader(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><OPENQCAT><HEADER><SUPPLIER><SUPPLIER_ID>1</SUPPLIER_ID><SUPPLIER_NAME>X</SUPPLIER_NAME></SUPPLIER></HEADER><NEW_CATALOG><SERVICE><PRODUCT_ID>1</PRODUCT_ID><SERVICE_DETAILS><TITLE>T</TITLE></SERVICE_DETAILS></SERVICE></NEW_CATALOG></OPENQCAT>`))
	limits := record.Limits{MaxDepth: 32, MaxRecordBytes: 64 << 10, MaxTextBytes: 8 << 10, MaxElements: 2000}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := openqcat.NewReader(bytes.NewReader(data), openqcat.WithLimits(limits), openqcat.WithGazetteer(noPlaces{}))
		for i := 0; ; i++ {
			if i > len(data)+10 {
				t.Fatal("more records than bytes: the reader does not end")
			}
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				var e *openqcat.Error
				if !errors.As(err, &e) || e.Msg == "" {
					t.Fatalf("error is not a worded *openqcat.Error: %#v", err)
				}
				if _, again := r.Next(); again != err {
					t.Fatalf("after %v, Next returned %v", err, again)
				}
				return
			}
			if i == 0 && rec.Kind != record.KindHeader {
				t.Fatalf("first record is a %v, not the header", rec.Kind)
			}
			switch rec.Kind {
			case record.KindHeader:
				if rec.Header == nil {
					t.Fatal("header record without header")
				}
			case record.KindProvider:
				if rec.Provider == nil {
					t.Fatal("provider record without provider")
				}
			case record.KindOffer:
				if rec.Offer == nil || len(rec.Venues) != len(rec.Offer.Dates) {
					t.Fatalf("offer record not whole: %+v", rec)
				}
			}
			for _, p := range rec.Problems {
				if p.Message == "" || p.Path == "" || p.Line == 0 {
					t.Fatalf("problem without message, path or line: %+v", p)
				}
			}
			rec.Locate("dates[0].start")
		}
	})
}
