package main

import (
	"context"
	"io"
	"testing"
	"time"
)

// TestDrivesEveryTarget runs the benchmark briefly on a small catalogue:
// every target answers, and no request of the query log or for an offer
// page fails.
func TestDrivesEveryTarget(t *testing.T) {
	o := options{offers: 1500, seed: 1, targets: "api,search,offer", concurrency: 4, duration: 400 * time.Millisecond,
		gzip: true, warmup: 100 * time.Millisecond}
	got, err := run(context.Background(), o, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"api", "search", "offer"} {
		st := got[name]
		if st == nil || len(st.lat) == 0 {
			t.Fatalf("%s: no requests measured", name)
		}
		if st.errors > 0 {
			t.Errorf("%s: %d of %d requests failed, first: %s", name, st.errors, len(st.lat), st.firstErr)
		}
		if st.bytes == 0 {
			t.Errorf("%s: empty answers", name)
		}
	}
	// open loop
	o.rate, o.targets = 50, "api"
	got, err = run(context.Background(), o, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(got["api"].lat); n < 10 || n > 30 {
		t.Errorf("open loop at 50/s for 0.4 s sent %d requests", n)
	}
}
