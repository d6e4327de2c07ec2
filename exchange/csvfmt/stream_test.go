package csvfmt_test

import (
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/lernnetz/lernnetz/exchange/csvfmt"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// generated is a CSV file of offers offers with two dates each, made as it
// is read, so that the test holds none of it.
type generated struct {
	offers, next int
	buf          []byte
}

func (g *generated) Read(p []byte) (int, error) {
	for len(g.buf) == 0 {
		switch {
		case g.next > g.offers:
			return 0, io.EOF
		case g.next == 0:
			g.buf = append(g.buf, "anbieter_id;anbieter_name;angebot_id;titel;beschreibung;preis;thema;beginn;ende;zeiten;ort_name;strasse;plz;ort\r\n"...)
		default:
			for d := range 2 {
				g.buf = fmt.Appendf(g.buf, "p%d;Anbieter %d;K-%d;Kurs Nummer %d über Tabellenkalkulation;\"Eine Beschreibung,\r\nüber zwei Zeilen.\";1.%03d,50 €;IT und EDV;%02d.0%d.2027 18:00;%02d.0%d.2027;montags;Raum %d;Hauptstraße %d;66111;Saarbrücken\r\n",
					g.next%50, g.next%50, g.next, g.next, g.next%1000, 1+g.next%28, 3+d, 1+g.next%28, 5+d, g.next%7, g.next%90)
			}
		}
		g.next++
	}
	n := copy(p, g.buf)
	g.buf = g.buf[n:]
	if len(g.buf) == 0 {
		g.buf = g.buf[:0:0]
	}
	return n, nil
}

func heap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestStreamingHeapIsFlat reads 100,000 offers (200,000 rows, about 45 MB):
// the heap after the last is about what it was after the first tenth –
// the reader holds one offer, plus 12 bytes for each offer's id.
func TestStreamingHeapIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 45 MB")
	}
	const offers = 100_000
	r := csvfmt.NewReader(&generated{offers: offers})
	var early, peak uint64
	n := 0
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rec.Kind != record.KindOffer {
			continue
		}
		if len(rec.Problems) > 0 || len(rec.Offer.Dates) != 2 {
			t.Fatalf("%s: %+v", rec.Path, rec.Problems)
		}
		n++
		switch {
		case n == offers/10:
			early = heap()
		case n%(offers/5) == 0:
			peak = max(peak, heap())
		}
	}
	if n != offers {
		t.Fatalf("%d offers read", n)
	}
	t.Logf("heap after %d offers: %.1f MB; at most %.1f MB later", offers/10, float64(early)/(1<<20), float64(peak)/(1<<20))
	if peak > early+4<<20 {
		t.Errorf("the heap grows with the file: %.1f MB after a tenth, %.1f MB later", float64(early)/(1<<20), float64(peak)/(1<<20))
	}
}

// BenchmarkReader measures reading rows (two per offer) into records.
func BenchmarkReader(b *testing.B) {
	const offers = 10_000
	var bytes int64
	for b.Loop() {
		g := &generated{offers: offers}
		c := &counting{r: g}
		r := csvfmt.NewReader(c)
		for {
			if _, err := r.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
		bytes = c.n
	}
	b.SetBytes(bytes)
	b.ReportMetric(float64(2*offers*b.N)/b.Elapsed().Seconds(), "rows/s")
}

type counting struct {
	r io.Reader
	n int64
}

func (c *counting) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
