package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// engineReport is what one engine measured.
type engineReport struct {
	Engine  string `json:"engine"`
	Skipped string `json:"skipped,omitempty"` // why it did not run

	Offers       int     `json:"offers"` // published offers indexed
	BuildSeconds float64 `json:"build_seconds"`
	BuildRate    float64 `json:"build_offers_per_s"`
	IndexBytes   int64   `json:"index_bytes"`
	IndexWhere   string  `json:"index_where"` // disk, memory, database
	RSSBytes     int64   `json:"rss_bytes"`   // VmRSS after the build (and a GC)
	PeakRSSBytes int64   `json:"peak_rss_bytes"`

	Queries  int     `json:"queries"`  // in the log
	Measured int     `json:"measured"` // single-thread queries measured
	Latency  latency `json:"latency_ms"`
	// CPU time of each query on its thread (one core): the latency on an
	// idle core, independent of the machine's load.
	CPU       latency `json:"cpu_ms"`
	QPS1      float64 `json:"qps_1_core"`
	QPSAll    float64 `json:"qps_all_cores"`
	Threads   int     `json:"threads"` // goroutines of the all-cores run
	Partial   bool    `json:"partial,omitempty"`
	Errors    int     `json:"errors"`
	FirstErr  string  `json:"first_error,omitempty"`
	ZeroHits  float64 `json:"zero_hit_share"`
	MeanTotal float64 `json:"mean_total"`

	Started   string `json:"started"`    // RFC 3339
	LoadStart string `json:"load_start"` // /proc/loadavg when the engine started
	LoadEnd   string `json:"load_end"`   // and when it ended

	Classes []classReport `json:"classes"`
	Slowest []slowQuery   `json:"slowest,omitempty"`
	// Totals per query of the warm-up pass, for comparing engines (tests).
	Totals []int `json:"-"`
}

// slowQuery is one of the slowest queries of the one-core passes.
type slowQuery struct {
	Class  string  `json:"class"`
	Raw    string  `json:"query"`
	Millis float64 `json:"ms"` // the slowest of its measured runs
	Total  int     `json:"total"`
}

// latency are percentiles in milliseconds.
type latency struct {
	P50, P95, P99, Max float64
}

type classReport struct {
	Class     string  `json:"class"`
	Queries   int     `json:"queries"`
	Latency   latency `json:"latency_ms"`
	CPU       latency `json:"cpu_ms"`
	MeanTotal float64 `json:"mean_total"`
	ZeroHits  float64 `json:"zero_hit_share"`
}

func percentiles(ds []time.Duration) latency {
	if len(ds) == 0 {
		return latency{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(p float64) float64 {
		i := min(len(s)-1, int(p*float64(len(s))))
		return float64(s[i]) / 1e6
	}
	return latency{P50: at(0.5), P95: at(0.95), P99: at(0.99), Max: float64(s[len(s)-1]) / 1e6}
}

// runConfig says what to run.
type runConfig struct {
	offers   int
	seed     int64
	passes   int
	queries  []benchQuery
	dir      string
	deadline time.Time // stop measuring then (the build is bounded by ctx)

	snapshot   string // lernnetz: snapshot file to load (or to make)
	slowest    int    // how many slowest queries to report
	cpuProfile string // CPU profile of re-running the slowest queries
}

// runEngine builds one engine and runs the query log through it: a
// warm-up pass, then cfg.passes measured passes on one core (one goroutine,
// GOMAXPROCS 1), then cfg.passes passes on all cores (GOMAXPROCS
// goroutines), each stopping at the deadline.
func runEngine(ctx context.Context, name string, cfg runConfig) (*engineReport, error) {
	rep := &engineReport{Engine: name, Queries: len(cfg.queries), Started: time.Now().Format(time.RFC3339), LoadStart: loadavg()}
	defer func() { rep.LoadEnd = loadavg() }()
	dir, err := os.MkdirTemp(cfg.dir, "lernnetz-bench-"+name+"-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	e, reason, err := newEngine(name, dir)
	if err != nil {
		return nil, err
	}
	if l, ok := e.(*lernnetzEngine); ok {
		l.snapshot = cfg.snapshot
	}
	if e == nil {
		rep.Skipped = reason
		return rep, nil
	}
	defer e.close()

	src := newSource(cfg.seed, cfg.offers)
	bctx, cancel := context.WithDeadline(ctx, cfg.deadline)
	began := time.Now()
	err = e.build(bctx, src)
	cancel()
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			rep.Skipped = fmt.Sprintf("build did not finish within the time limit (%s)", time.Since(began).Round(time.Second))
			return rep, nil
		}
		return nil, fmt.Errorf("%s: build: %w", name, err)
	}
	rep.BuildSeconds = time.Since(began).Seconds()
	rep.Offers = countPublished(src)
	rep.BuildRate = float64(rep.Offers) / rep.BuildSeconds
	runtime.GC()
	debug.FreeOSMemory()
	rep.RSSBytes, rep.PeakRSSBytes = rss()
	if rep.IndexBytes, rep.IndexWhere, err = e.size(ctx); err != nil {
		return nil, fmt.Errorf("%s: size: %w", name, err)
	}

	qs := cfg.queries
	note := func(err error) {
		rep.Errors++
		if rep.FirstErr == "" {
			rep.FirstErr = err.Error()
		}
	}
	// Warm-up: every query once; the totals are the engine's answers.
	rep.Totals = make([]int, len(qs))
	for i := range rep.Totals {
		rep.Totals[i] = -1 // not answered
	}
	for i := range qs {
		if time.Now().After(cfg.deadline) {
			rep.Partial = true
			break
		}
		res, err := e.search(ctx, &qs[i])
		if err != nil {
			note(err)
			continue
		}
		rep.Totals[i] = res.total
	}

	// One core.
	procs := runtime.GOMAXPROCS(1)
	var lat []time.Duration
	var latClass []string
	var latQuery []int
	var cpu []time.Duration
	runtime.LockOSThread()
	began = time.Now()
single:
	for p := 0; p < cfg.passes; p++ {
		for i := range qs {
			if time.Now().After(cfg.deadline) {
				rep.Partial = true
				break single
			}
			t0, c0 := time.Now(), threadCPU()
			e.search(ctx, &qs[i]) // errors were counted in the warm-up
			lat = append(lat, time.Since(t0))
			cpu = append(cpu, threadCPU()-c0)
			latClass = append(latClass, qs[i].class)
			latQuery = append(latQuery, i)
		}
	}
	elapsed := time.Since(began)
	runtime.UnlockOSThread()
	runtime.GOMAXPROCS(procs)
	rep.Measured = len(lat)
	if len(lat) > 0 {
		rep.QPS1 = float64(len(lat)) / elapsed.Seconds()
	}
	rep.Latency = percentiles(lat)
	rep.CPU = percentiles(cpu)
	rep.Slowest = slowest(qs, rep.Totals, lat, latQuery, cfg.slowest)
	if cfg.cpuProfile != "" && len(rep.Slowest) > 0 {
		if err := profileSlowest(ctx, e, qs, lat, latQuery, cfg.slowest, name+"-"+cfg.cpuProfile); err != nil {
			return nil, err
		}
	}

	// All cores.
	rep.Threads = procs
	var done atomic.Int64
	var next atomic.Int64
	total := int64(cfg.passes * len(qs))
	stop := cfg.deadline
	began = time.Now()
	var wg sync.WaitGroup
	for w := 0; w < procs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= total || time.Now().After(stop) {
					return
				}
				e.search(ctx, &qs[i%int64(len(qs))])
				done.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := done.Load(); n > 0 {
		rep.QPSAll = float64(n) / time.Since(began).Seconds()
		if n < total {
			rep.Partial = true
		}
	}

	// Per class: latencies of the one-core passes, totals of the warm-up.
	zero, sum, answered := 0, 0, 0
	for _, class := range classOrder(qs) {
		cr := classReport{Class: class}
		var ds, dc []time.Duration
		for i, c := range latClass {
			if c == class {
				ds = append(ds, lat[i])
				dc = append(dc, cpu[i])
			}
		}
		cz, cs, cn := 0, 0, 0
		for i := range qs {
			if qs[i].class != class || rep.Totals[i] < 0 {
				continue
			}
			cr.Queries++
			cn++
			cs += rep.Totals[i]
			if rep.Totals[i] == 0 {
				cz++
			}
		}
		cr.Latency = percentiles(ds)
		cr.CPU = percentiles(dc)
		if cn > 0 {
			cr.MeanTotal = float64(cs) / float64(cn)
			cr.ZeroHits = float64(cz) / float64(cn)
		}
		zero, sum, answered = zero+cz, sum+cs, answered+cn
		rep.Classes = append(rep.Classes, cr)
	}
	if answered > 0 {
		rep.ZeroHits = float64(zero) / float64(answered)
		rep.MeanTotal = float64(sum) / float64(answered)
	}
	return rep, nil
}

func classOrder(qs []benchQuery) []string {
	var out []string
	for _, q := range qs {
		if !slices.Contains(out, q.class) {
			out = append(out, q.class)
		}
	}
	return out
}

func countPublished(src *source) int {
	n := 0
	for id := int64(1); id <= int64(src.g.Len()); id++ {
		if src.g.Published(id) {
			n++
		}
	}
	return n
}

// rss reads this process's resident and peak resident memory.
func rss() (cur, peak int64) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			cur = kb * 1024
		case "VmHWM:":
			peak = kb * 1024
		}
	}
	return cur, peak
}

// slowestIndexes returns the indexes (into qs) of the n queries with the
// highest latency over the measured runs, slowest first.
func slowestIndexes(lat []time.Duration, latQuery []int, n int) ([]int, map[int]time.Duration) {
	worst := map[int]time.Duration{}
	for j, d := range lat {
		if d > worst[latQuery[j]] {
			worst[latQuery[j]] = d
		}
	}
	idx := make([]int, 0, len(worst))
	for i := range worst {
		idx = append(idx, i)
	}
	slices.SortFunc(idx, func(a, b int) int {
		if worst[a] != worst[b] {
			if worst[a] > worst[b] {
				return -1
			}
			return 1
		}
		return a - b
	})
	return idx[:min(n, len(idx))], worst
}

func slowest(qs []benchQuery, totals []int, lat []time.Duration, latQuery []int, n int) []slowQuery {
	idx, worst := slowestIndexes(lat, latQuery, n)
	out := make([]slowQuery, 0, len(idx))
	for _, i := range idx {
		out = append(out, slowQuery{Class: qs[i].class, Raw: qs[i].raw, Millis: float64(worst[i]) / 1e6, Total: totals[i]})
	}
	return out
}

// profileSlowest re-runs the n slowest queries ten times each on one core
// under the CPU profiler and writes the profile to file.
func profileSlowest(ctx context.Context, e engine, qs []benchQuery, lat []time.Duration, latQuery []int, n int, file string) error {
	idx, _ := slowestIndexes(lat, latQuery, n)
	f, err := os.Create(file)
	if err != nil {
		return fmt.Errorf("cpu profile: %w", err)
	}
	defer f.Close()
	procs := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(procs)
	if err := pprof.StartCPUProfile(f); err != nil {
		return fmt.Errorf("cpu profile: %w", err)
	}
	for range 10 {
		for _, i := range idx {
			e.search(ctx, &qs[i])
		}
	}
	pprof.StopCPUProfile()
	return f.Close()
}
