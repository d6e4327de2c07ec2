// Command http measures lernnetz's portal and JSON search API over HTTP at
// catalogue scale: it starts the real web server (web.New) on loopback with
// the search engine over a generated catalogue (internal/gen) and drives it
// with a load generator in the same process:
//
//	go run ./bench/http -offers 1000000 [-snapshot /tmp/lernnetz-1m.snap] [-targets api,search,offer]
//	    [-concurrency 16] [-duration 20s] [-rate 0] [-sqlite /tmp/lernnetz-1m.db | -postgres DSN]
//
// The catalogue store is gen.Store, a read-only catalogue.Store that
// generates each offer from its id (deterministic, no database): the offer
// and search pages read their offers, providers and venues from it as they
// would from SQLite. The search index is built by Rebuild from that store,
// or loaded from -snapshot (made there on the first run). With -sqlite the
// pages read from a real SQLite file instead, filled once with the same
// catalogue (same ids) through the store's own save path.
//
// Targets: "api" is GET /api/v1/search with the queries of the committed
// query log (bench/queries.tsv) in turn; "search" is the portal's search
// page GET /suche with the same queries; "offer" is GET /angebote/{id} for
// random published offers. Each target runs for -duration with
// -concurrency connections, closed loop (a connection sends its next
// request when the answer is read) — or, with -rate, open loop: requests
// start at that fixed rate and latency counts from the scheduled start, so
// a server that falls behind is not flattered (no coordinated omission).
// The load generator shares the machine's cores with the server, as wrk on
// the same host would.
package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/lernnetz/lernnetz/bench"
	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/internal/gen"
	"github.com/lernnetz/lernnetz/search"
	"github.com/lernnetz/lernnetz/web"
)

type options struct {
	offers      int
	seed        int64
	snapshot    string
	targets     string
	concurrency int
	duration    time.Duration
	rate        float64
	gzip        bool
	warmup      time.Duration
	cpuProfile  string
	sqlite      string
	postgres    string
	listen      string
	urls        string
}

func main() {
	var o options
	flag.IntVar(&o.offers, "offers", 100_000, "offers to generate")
	flag.Int64Var(&o.seed, "seed", 1, "seed of the generated catalogue")
	flag.StringVar(&o.snapshot, "snapshot", "", "load the search index from this snapshot file; build and save it there when it does not exist")
	flag.StringVar(&o.targets, "targets", "api,search,offer", "what to drive, comma-separated: api, search, offer")
	flag.IntVar(&o.concurrency, "concurrency", 16, "connections (closed loop) or the most requests in flight (open loop)")
	flag.DurationVar(&o.duration, "duration", 20*time.Second, "how long to drive each target")
	flag.Float64Var(&o.rate, "rate", 0, "requests per second (open loop); 0: as fast as the server answers (closed loop)")
	flag.BoolVar(&o.gzip, "gzip", true, "accept gzip-compressed answers, as browsers do")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the measured runs (all targets) to this file")
	flag.StringVar(&o.sqlite, "sqlite", "", "serve the pages from this SQLite file (filled with the generated catalogue when new) instead of gen.Store")
	flag.StringVar(&o.postgres, "postgres", "", "serve the pages from this PostgreSQL database (postgres:// DSN; filled like -sqlite when empty) instead of gen.Store")
	flag.StringVar(&o.listen, "listen", "", "only serve, at this address (e.g. 127.0.0.1:8089), until interrupted: for an outside load generator such as wrk (bench/http/wrk.lua)")
	flag.StringVar(&o.urls, "urls", "", "with -listen: write each target's request paths to DIR/TARGET.txt (offer: 100,000 random published offers; search, api: the query log)")
	o.warmup = 3 * time.Second
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("bench/http: ")
	if _, err := run(context.Background(), o, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// run starts the server, drives every target and prints a table to w; it
// returns what each target measured.
func run(ctx context.Context, o options, w io.Writer) (map[string]*stats, error) {
	began := time.Now()
	g := gen.New(o.seed, gen.Options{Offers: o.offers})
	now := g.Now()
	store := gen.NewStore(g)
	eng := search.NewEngine(store, search.WithClock(func() time.Time { return now }))
	how := "built"
	if o.snapshot != "" {
		if _, err := os.Stat(o.snapshot); err == nil {
			if err := eng.LoadSnapshotFile(o.snapshot); err != nil {
				return nil, err
			}
			how = "loaded from " + o.snapshot
		}
	}
	if how == "built" {
		if err := eng.Rebuild(ctx); err != nil {
			return nil, err
		}
		if o.snapshot != "" {
			if err := eng.SaveSnapshotFile(o.snapshot); err != nil {
				return nil, err
			}
		}
	}
	var pages catalogue.Store = store
	storeName := "gen.Store (offers generated from their id, no database)"
	if o.postgres != "" {
		db, err := openStore(ctx, o.postgres, g, w)
		if err != nil {
			return nil, err
		}
		defer db.Close()
		pages, storeName = db, "PostgreSQL (the index from the same generated catalogue)"
	} else if o.sqlite != "" {
		db, err := openStore(ctx, o.sqlite, g, w)
		if err != nil {
			return nil, err
		}
		defer db.Close()
		pages, storeName = db, "SQLite "+o.sqlite+" (the index from the same generated catalogue)"
	}
	live, limit := search.SettleMemory(os.Getenv) // as lernnetz serve does
	fmt.Fprintf(w, "HTTP benchmark: %d offers (seed %d), index %s in %v; %d CPUs (%s), %s; load average %s\n",
		o.offers, o.seed, how, time.Since(began).Round(time.Millisecond), runtime.NumCPU(), cpuModel(), runtime.Version(), loadavg())
	fmt.Fprintf(w, "store: %s; live heap %d MiB, memory limit %d MiB (0: GOMEMLIMIT), RSS after start %s\n",
		storeName, live>>20, limit>>20, rss())

	addr := cmp.Or(o.listen, "127.0.0.1:0")
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	base := "http://" + ln.Addr().String()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := &http.Server{Handler: web.New(web.Config{Store: pages, Search: eng, Logger: logger, BaseURL: base, Version: "bench"}),
		ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	qs := bench.Queries()
	var published []int64
	for id := int64(1); id <= int64(g.Len()); id++ {
		if g.Published(id) {
			published = append(published, id)
		}
	}
	if o.listen != "" {
		return nil, serveOnly(ctx, o, w, base, qs, published)
	}
	tr := &http.Transport{MaxIdleConnsPerHost: o.concurrency * 2, MaxConnsPerHost: o.concurrency * 2, DisableCompression: true}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}

	mode := fmt.Sprintf("closed loop, %d connections", o.concurrency)
	if o.rate > 0 {
		mode = fmt.Sprintf("open loop at %.0f/s, at most %d in flight", o.rate, o.concurrency)
	}
	fmt.Fprintf(w, "%s, %v per target, gzip %v\n", mode, o.duration, o.gzip)
	fmt.Fprintf(w, "CPU ms/req: CPU time of this process (server, load generator and collector) per request; req/s if idle: CPUs × 1000 / that\n\n")
	fmt.Fprintf(w, "%-8s %9s %10s %8s %8s %8s %8s %8s %7s %11s %12s  %s\n", "target", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "KB/req", "errors",
		"CPU ms/req", "req/s if idle", "load 1 min")
	out := map[string]*stats{}
	var prof *os.File
	for _, name := range strings.Split(o.targets, ",") {
		name = strings.TrimSpace(name)
		var next func(i int64, r *rand.Rand) string
		switch name {
		case "api":
			next = func(i int64, _ *rand.Rand) string { return "/api/v1/search?" + qs[i%int64(len(qs))].Raw }
		case "search":
			next = func(i int64, _ *rand.Rand) string { return "/suche?" + qs[i%int64(len(qs))].Raw }
		case "offer":
			next = func(_ int64, r *rand.Rand) string {
				return "/angebote/" + strconv.FormatInt(published[r.IntN(len(published))], 10)
			}
		default:
			return nil, fmt.Errorf("unknown target %q (want api, search, offer)", name)
		}
		// warm-up: a few seconds, not measured
		drive(ctx, client, base, next, o, o.warmup)
		if o.cpuProfile != "" && prof == nil {
			if prof, err = os.Create(o.cpuProfile); err != nil {
				return nil, err
			}
			defer prof.Close()
			if err := pprof.StartCPUProfile(prof); err != nil {
				return nil, err
			}
			defer pprof.StopCPUProfile()
		}
		cpu0 := processCPU()
		st := drive(ctx, client, base, next, o, o.duration)
		st.cpu = processCPU() - cpu0
		out[name] = st
		l := percentiles(st.lat)
		perReq := float64(st.cpu) / 1e6 / float64(max(1, len(st.lat)))
		fmt.Fprintf(w, "%-8s %9d %10.0f %8.2f %8.2f %8.2f %8.1f %8.1f %7d %11.2f %12.0f  %s\n", name, len(st.lat), float64(len(st.lat))/st.took.Seconds(),
			l[0], l[1], l[2], l[3], float64(st.bytes)/1024/float64(max(1, len(st.lat))), st.errors, perReq,
			float64(runtime.NumCPU())*1000/perReq, strings.Fields(loadavg())[0])
		if st.firstErr != "" {
			fmt.Fprintf(w, "         first error: %s\n", st.firstErr)
		}
	}
	fmt.Fprintf(w, "\nRSS at the end %s\n", rss())
	return out, nil
}

type stats struct {
	lat      []time.Duration
	errors   int
	firstErr string
	bytes    int64
	took     time.Duration
	cpu      time.Duration // CPU time of the process (server, load generator, collector)
}

// processCPU returns the CPU time (user and system) this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// drive sends requests for d and measures them.
func drive(ctx context.Context, client *http.Client, base string, next func(int64, *rand.Rand) string, o options, d time.Duration) *stats {
	var mu sync.Mutex
	st := &stats{}
	var seq atomic.Int64
	one := func(r *rand.Rand, scheduled time.Time) {
		path := next(seq.Add(1)-1, r)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
		if o.gzip {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		resp, err := client.Do(req)
		var n int64
		if err == nil {
			n, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				err = fmt.Errorf("%s: %s", path, resp.Status)
			}
		}
		took := time.Since(scheduled)
		mu.Lock()
		st.lat = append(st.lat, took)
		st.bytes += n
		if err != nil {
			st.errors++
			if st.firstErr == "" {
				st.firstErr = err.Error()
			}
		}
		mu.Unlock()
	}
	began := time.Now()
	end := began.Add(d)
	var wg sync.WaitGroup
	if o.rate <= 0 {
		for w := 0; w < o.concurrency; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				r := rand.New(rand.NewPCG(uint64(w), 7))
				for time.Now().Before(end) {
					one(r, time.Now())
				}
			}(w)
		}
	} else {
		slots := make(chan struct{}, o.concurrency)
		interval := time.Duration(float64(time.Second) / o.rate)
		r := rand.New(rand.NewPCG(1, 7))
		var rmu sync.Mutex
		for i := 0; ; i++ {
			at := began.Add(time.Duration(i) * interval)
			if !at.Before(end) {
				break
			}
			time.Sleep(time.Until(at))
			slots <- struct{}{} // a server far behind holds the generator back; latency still counts from at
			wg.Add(1)
			go func(at time.Time) {
				defer wg.Done()
				defer func() { <-slots }()
				rmu.Lock()
				rr := rand.New(rand.NewPCG(r.Uint64(), 7))
				rmu.Unlock()
				one(rr, at)
			}(at)
		}
	}
	wg.Wait()
	st.took = time.Since(began)
	return st
}

func percentiles(ds []time.Duration) [4]float64 {
	if len(ds) == 0 {
		return [4]float64{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(p float64) float64 { return float64(s[min(len(s)-1, int(p*float64(len(s))))]) / 1e6 }
	return [4]float64{at(0.5), at(0.95), at(0.99), float64(s[len(s)-1]) / 1e6}
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

func rss() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	cur, peak := "?", "?"
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			cur = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			peak = strings.TrimSpace(v)
		}
	}
	return cur + " (peak " + peak + ")"
}
