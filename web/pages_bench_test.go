package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/lernnetz/lernnetz/catalogue"
)

// BenchmarkPages measures the server's own work for the portal's busiest
// pages on the Saarland demo catalogue, gzip accepted as browsers do: the
// handler is called directly (no network, no load generator), so ns/op is
// the CPU a page costs the server, comparable from run to run. The figures
// at 1 M offers over HTTP come from bench/http (docs/PERFORMANCE.md).
//
//	go test -run '^$' -bench Pages -benchmem ./web
func BenchmarkPages(b *testing.B) {
	ctx := context.Background()
	h, store := demoServer(b)
	offers, _, err := store.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusPublished, Page: catalogue.Page{Limit: 100}})
	if err != nil || len(offers) == 0 {
		b.Fatalf("demo offers: %d, %v", len(offers), err)
	}
	var offerPaths []string
	for _, o := range offers {
		offerPaths = append(offerPaths, offerPath(o.ID))
	}
	searches := []string{"/suche?q=Englisch", "/suche?q=Pflege&near=66111&radius_km=25", "/suche?topic=it&sort=start",
		"/suche?q=Excel+Kurs", "/suche?mode=online"}
	for _, c := range []struct {
		name  string
		paths []string
	}{{"offer", offerPaths}, {"search", searches}} {
		b.Run(c.name, func(b *testing.B) {
			i, bytes := 0, 0
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, c.paths[i%len(c.paths)], nil)
				req.Header.Set("Accept-Encoding", "gzip")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", req.URL, rec.Code)
				}
				bytes += rec.Body.Len()
				i++
			}
			b.ReportMetric(float64(bytes)/float64(i), "gzip-bytes/op")
		})
	}
}
