package deftis_test

import (
	"bytes"
	"io"
	"runtime"
	"testing"

	"github.com/lernnetz/lernnetz/exchange/deftis"
	"github.com/lernnetz/lernnetz/exchange/deftis/deftistest"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// TestMemoryStaysFlat streams a generated catalogue of 10,000 courses
// (about 35 MB) through the reader: the heap must not grow with the file.
func TestMemoryStaysFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 35 MB")
	}
	const courses = 10_000
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(deftistest.Write(pw, deftistest.Catalog{Providers: 50, Courses: courses})) }()
	r := deftis.NewReader(pr)
	var peak uint64
	var ms runtime.MemStats
	n := 0
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Problems) > 0 {
			t.Fatalf("%s: %v", rec.Path, rec.Problems)
		}
		if rec.Kind == record.KindOffer {
			if n++; n%1000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
		}
	}
	if n != courses {
		t.Fatalf("read %d courses, want %d", n, courses)
	}
	if peak > 64<<20 {
		t.Fatalf("the heap grew to %d MiB while streaming", peak>>20)
	}
	t.Logf("peak heap %d MiB", peak>>20)
}

// BenchmarkRead measures the reader alone, in courses per second.
func BenchmarkRead(b *testing.B) {
	const courses = 2000
	var doc bytes.Buffer
	if err := deftistest.Write(&doc, deftistest.Catalog{Providers: 20, Courses: courses}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(doc.Len()))
	for b.Loop() {
		r := deftis.NewReader(bytes.NewReader(doc.Bytes()))
		for {
			if _, err := r.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(courses*b.N)/b.Elapsed().Seconds(), "courses/s")
}
