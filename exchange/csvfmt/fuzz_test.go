package csvfmt_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/lernnetz/lernnetz/exchange/csvfmt"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// FuzzReader feeds the reader arbitrary bytes: it must never panic or
// loop, must end in io.EOF or a worded *csvfmt.Error that repeats, and
// every record it hands out must be whole, its problems located. Whatever
// it reads, the writer must write, and the written file must read again
// without a fatal error. The committed seeds (testdata/fuzz/FuzzReader)
// run with go test; go test -fuzz=FuzzReader searches further.
func FuzzReader(f *testing.F) {
	f.Add(csvfmt.Example)
	f.Add(csvfmt.Template)
	f.Add([]byte("anbieter_id,anbieter_name,angebot_id,titel,beginn\np,A,1,\"Kurs\n2\",jederzeit\n"))
	limits := record.Limits{MaxDepth: 32, MaxRecordBytes: 64 << 10, MaxTextBytes: 8 << 10, MaxElements: 2000}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := csvfmt.NewReader(bytes.NewReader(data), csvfmt.WithLimits(limits))
		var out bytes.Buffer
		w := csvfmt.NewWriter(&out)
		if err := w.Begin(&record.ExportHeader{}); err != nil {
			t.Fatal(err)
		}
		var id int64
		for i := 0; ; i++ {
			if i > len(data)+10 {
				t.Fatal("more records than bytes: the reader does not end")
			}
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				var e *csvfmt.Error
				if !errors.As(err, &e) || e.Msg == "" {
					t.Fatalf("error is not a worded *csvfmt.Error: %#v", err)
				}
				if _, again := r.Next(); again != err {
					t.Fatalf("after %v, Next returned %v", err, again)
				}
				return
			}
			for _, p := range rec.Problems {
				if p.Message == "" || p.Path == "" || p.Line < 1 {
					t.Fatalf("problem without message, path or line: %+v", p)
				}
			}
			id++
			switch rec.Kind {
			case record.KindHeader:
				if rec.Header == nil || i != 0 {
					t.Fatalf("header record %d: %+v", i, rec)
				}
			case record.KindProvider:
				if rec.Provider == nil {
					t.Fatal("provider record without provider")
				}
				rec.Provider.ID = id
				if err := w.Provider(rec.Provider); err != nil {
					t.Fatal(err)
				}
			case record.KindOffer:
				if rec.Offer == nil || len(rec.Venues) != len(rec.Offer.Dates) {
					t.Fatalf("offer record not whole: %+v", rec)
				}
				rec.Offer.ID = id
				if err := w.Offer(rec.Offer, nil); err != nil {
					t.Fatal(err)
				}
			default:
				t.Fatalf("record of kind %s", rec.Kind)
			}
			rec.Locate("dates[0].start")
		}
		if err := w.End(); err != nil {
			t.Fatal(err)
		}
		again := csvfmt.NewReader(&out)
		for {
			_, err := again.Next()
			if err == io.EOF || errors.Is(err, csvfmt.ErrEmpty) {
				return
			}
			if err != nil {
				t.Fatalf("what the writer wrote does not read: %v\n%s", err, out.Bytes())
			}
		}
	})
}
