package deftis_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/lernnetz/lernnetz/exchange/deftis"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// FuzzParse feeds the reader arbitrary bytes: it must never panic or loop,
// must end in io.EOF or an *Error, and every record it hands out must be
// whole. The committed seeds (testdata/fuzz/FuzzParse) run with go test;
// go test -fuzz=FuzzParse searches further.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><DEFTISCAT DELTAUPDATE="false"><DATASUPPLIER><DS_NAME>X</DS_NAME></DATASUPPLIER></DEFTISCAT>`))
	limits := record.Limits{MaxDepth: 32, MaxRecordBytes: 64 << 10, MaxTextBytes: 8 << 10, MaxElements: 2000}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := deftis.NewReader(bytes.NewReader(data), deftis.WithLimits(limits))
		for i := 0; ; i++ {
			if i > len(data)+10 {
				t.Fatal("more records than bytes: the reader does not end")
			}
			rec, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				var de *deftis.Error
				if !errors.As(err, &de) || de.Msg == "" {
					t.Fatalf("error is not a worded *deftis.Error: %#v", err)
				}
				if _, again := r.Next(); again != err {
					t.Fatalf("after %v, Next returned %v", err, again)
				}
				return
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
				if p.Message == "" || p.Path == "" {
					t.Fatalf("problem without message or path: %+v", p)
				}
			}
			rec.Locate("dates[0].start")
		}
	})
}
