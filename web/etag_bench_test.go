package web_test

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/demo"
)

// BenchmarkOfferList measures GET /api/v1/offers?per_page=100 on the demo
// catalogue: a full answer (rendered, hashed, sent) and a revalidation that
// ends in 304 (rendered and hashed, not sent).
func BenchmarkOfferList(b *testing.B) {
	e := newEnv(b, "")
	if err := demo.Load(context.Background(), e.store, time.Now()); err != nil {
		b.Fatal(err)
	}
	path := e.srv.URL + "/api/v1/offers?per_page=100"
	res, err := http.Get(path)
	if err != nil {
		b.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	tag := res.Header.Get("ETag")
	b.Logf("body %d bytes, ETag %s", len(body), tag)
	for _, c := range []struct {
		name, inm string
	}{{"full", ""}, {"not-modified", tag}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				req, _ := http.NewRequest(http.MethodGet, path, nil)
				if c.inm != "" {
					req.Header.Set("If-None-Match", c.inm)
				}
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				n, _ := io.Copy(io.Discard, res.Body)
				res.Body.Close()
				b.ReportMetric(float64(n), "bytes/op-body")
			}
		})
	}
}
