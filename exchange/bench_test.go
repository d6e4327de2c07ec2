package exchange_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/exchange"
	"github.com/lernnetz/lernnetz/exchange/deftis/deftistest"
	"github.com/lernnetz/lernnetz/storage/storetest"
)

// BenchmarkImportGenerated imports a generated full catalogue of 5,000
// courses (50 providers, two dates each) into a new SQLite store, end to
// end: parsing, mapping, comparing, saving in batches. It reports offers
// per second and the process's CPU time (user and system, all goroutines:
// reading, saving, the garbage collector) per offer, which a busy machine
// changes much less than the wall clock.
func BenchmarkImportGenerated(b *testing.B) {
	const courses = 5000
	var doc bytes.Buffer
	if err := deftistest.Write(&doc, deftistest.Catalog{Providers: 50, Courses: courses}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(doc.Len()))
	var cpu time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		s := storetest.OpenSQLite(b)
		im := &exchange.Importer{Store: s, Now: clock}
		b.StartTimer()
		c0 := cpuTime()
		sum, err := im.Import(ctx, bytes.NewReader(doc.Bytes()), exchange.Options{FileName: "generated.xml"})
		cpu += cpuTime() - c0
		if err != nil || sum.Inserted != courses {
			b.Fatalf("%v: %+v", err, sum)
		}
	}
	b.ReportMetric(float64(courses*b.N)/b.Elapsed().Seconds(), "offers/s")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/float64(courses*b.N), "cpu-µs/offer")
	}
}
