// Command search benchmarks lernnetz's search engine against SQLite FTS5,
// PostgreSQL full text search and Bleve on the same generated catalogue
// (internal/gen, same seed) and the same query log (bench/queries.tsv):
//
//	go run ./bench/search -offers 1000000 [-engines lernnetz,fts5,postgres,bleve] [-json out.json] [-queries bench/queries.tsv]
//
// Each engine runs in a child process of its own, so that its memory (RSS)
// is measured cleanly: it indexes the catalogue, answers the query log once
// to warm up, then -passes times on one core (one goroutine, GOMAXPROCS 1)
// for the latencies, then -passes times on all cores (GOMAXPROCS
// goroutines) for the throughput. Every run is bounded by -timeout: an
// engine that runs out of its share of the time reports what it measured.
// PostgreSQL runs only when LERNNETZ_BENCH_POSTGRES or
// LERNNETZ_TEST_POSTGRES holds a DSN; it works in a fresh schema and drops
// it afterwards.
//
// The program prints one table of all engines, one per query class, and
// writes the same as JSON with -json.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/lernnetz/lernnetz/bench"
	"github.com/lernnetz/lernnetz/catalogue"
)

// options are the command line.
type options struct {
	offers     int
	seed       int64
	engines    string
	jsonOut    string
	queries    string
	maxQueries int
	passes     int
	timeout    time.Duration
	dir        string
	inProcess  bool
	snapshot   string // lernnetz: load the index from this file (made on the first run)
	slowest    int    // report this many slowest queries
	cpuProfile string // CPU profile of re-running the slowest queries

	child    string // internal: run this engine and print its report as JSON
	deadline int64  // internal: the child's deadline, Unix milliseconds
}

func main() {
	var o options
	flag.IntVar(&o.offers, "offers", 100_000, "offers to generate")
	flag.Int64Var(&o.seed, "seed", 1, "seed of the generated catalogue")
	flag.StringVar(&o.engines, "engines", strings.Join(engineNames, ","), "engines to run, comma-separated")
	flag.StringVar(&o.jsonOut, "json", "", "write the results as JSON to this file")
	flag.StringVar(&o.queries, "queries", "", "query log (default: the committed bench/queries.tsv)")
	flag.IntVar(&o.maxQueries, "max-queries", 0, "use only this many queries, spread over the log (0: all)")
	flag.IntVar(&o.passes, "passes", 3, "measured passes over the query log, on one core and on all cores")
	flag.DurationVar(&o.timeout, "timeout", 60*time.Minute, "time limit of the whole run")
	flag.StringVar(&o.dir, "dir", "", "directory for index files (default: the system's temporary directory)")
	flag.BoolVar(&o.inProcess, "inprocess", false, "run the engines in this process (RSS is then not per engine)")
	flag.StringVar(&o.snapshot, "snapshot", "", "lernnetz only: load the index from this snapshot file instead of building it; build and save it when the file does not exist")
	flag.IntVar(&o.slowest, "slowest", 20, "list this many slowest queries of the one-core passes per engine")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of re-running the slowest queries (10 times each) to this file (prefixed with the engine's name)")
	flag.StringVar(&o.child, "child", "", "internal: run one engine and print its report")
	flag.Int64Var(&o.deadline, "deadline", 0, "internal: the child's deadline in Unix milliseconds")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("bench/search: ")

	if o.child != "" {
		if err := runChild(o); err != nil {
			log.Fatal(err)
		}
		return
	}
	rep, err := run(context.Background(), o, os.Stderr)
	if err != nil {
		log.Fatal(err)
	}
	printReport(os.Stdout, rep)
	if o.jsonOut != "" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(o.jsonOut, append(b, '\n'), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// report is the whole run.
type report struct {
	Command     string          `json:"command"`
	Date        string          `json:"date"`
	Machine     machine         `json:"machine"`
	Offers      int             `json:"offers"`
	Seed        int64           `json:"seed"`
	Queries     int             `json:"queries"`
	Passes      int             `json:"passes"`
	GenRate     float64         `json:"generator_offers_per_s"` // included in every build rate
	LoadBefore  string          `json:"load_before"`            // /proc/loadavg
	LoadAfter   string          `json:"load_after"`
	Engines     []*engineReport `json:"engines"`
	WallSeconds float64         `json:"wall_seconds"`
}

type machine struct {
	CPUs      int    `json:"cpus"`
	CPUModel  string `json:"cpu_model"`
	MemTotal  string `json:"mem_total"`
	GoVersion string `json:"go_version"`
	OS        string `json:"os"`
}

func loadQueries(o options) ([]benchQuery, error) {
	var qs []bench.Query
	if o.queries == "" {
		qs = bench.Queries()
	} else {
		var err error
		if qs, err = bench.ReadQueryFile(o.queries); err != nil {
			return nil, err
		}
	}
	if o.maxQueries > 0 && o.maxQueries < len(qs) {
		// every k-th query, so that every class stays in
		picked := make([]bench.Query, 0, o.maxQueries)
		for i := 0; i < o.maxQueries; i++ {
			picked = append(picked, qs[i*len(qs)/o.maxQueries])
		}
		qs = picked
	}
	return parseQueries(qs)
}

func run(ctx context.Context, o options, logw io.Writer) (*report, error) {
	began := time.Now()
	deadline := began.Add(o.timeout)
	ctx, cancel := context.WithDeadline(ctx, deadline.Add(30*time.Second))
	defer cancel()
	qs, err := loadQueries(o)
	if err != nil {
		return nil, err
	}
	rep := &report{Command: strings.Join(os.Args, " "), Date: began.Format(time.RFC3339), Machine: describeMachine(),
		Offers: o.offers, Seed: o.seed, Queries: len(qs), Passes: o.passes, LoadBefore: loadavg()}
	rep.GenRate = generatorRate(o.seed, o.offers)
	fmt.Fprintf(logw, "bench/search: %d offers (seed %d), %d queries, %d passes; generator %.0f offers/s; load %s\n",
		o.offers, o.seed, len(qs), o.passes, rep.GenRate, rep.LoadBefore)
	names := strings.Split(o.engines, ",")
	for i, name := range names {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if _, _, err := newEngine(name, ""); err != nil {
			return nil, err
		}
		share := time.Until(deadline) / time.Duration(len(names)-i)
		if share <= 0 {
			rep.Engines = append(rep.Engines, &engineReport{Engine: name, Skipped: "no time left"})
			continue
		}
		engDeadline := time.Now().Add(share)
		fmt.Fprintf(logw, "bench/search: %s (until %s) …\n", name, engDeadline.Format("15:04:05"))
		var er *engineReport
		if o.inProcess {
			er, err = runEngine(ctx, name, runConfig{offers: o.offers, seed: o.seed, passes: o.passes, queries: qs,
				dir: o.dir, deadline: engDeadline, snapshot: o.snapshot, slowest: o.slowest, cpuProfile: o.cpuProfile})
		} else {
			er, err = spawn(ctx, o, name, engDeadline)
		}
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(logw, "bench/search: %s done: %s\n", name, summary(er))
		rep.Engines = append(rep.Engines, er)
	}
	rep.LoadAfter = loadavg()
	rep.WallSeconds = time.Since(began).Seconds()
	return rep, nil
}

func summary(er *engineReport) string {
	if er.Skipped != "" {
		return "skipped: " + er.Skipped
	}
	return fmt.Sprintf("build %.1fs, p50 %.2fms, p95 %.2fms, %.0f q/s on one core, %.0f q/s on %d", er.BuildSeconds,
		er.Latency.P50, er.Latency.P95, er.QPS1, er.QPSAll, er.Threads)
}

// spawn runs one engine in a child process and reads its report.
func spawn(ctx context.Context, o options, name string, deadline time.Time) (*engineReport, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	args := []string{"-child", name, "-offers", fmt.Sprint(o.offers), "-seed", fmt.Sprint(o.seed),
		"-passes", fmt.Sprint(o.passes), "-max-queries", fmt.Sprint(o.maxQueries),
		"-deadline", fmt.Sprint(deadline.UnixMilli())}
	if o.queries != "" {
		args = append(args, "-queries", o.queries)
	}
	if o.dir != "" {
		args = append(args, "-dir", o.dir)
	}
	args = append(args, "-slowest", fmt.Sprint(o.slowest))
	if o.snapshot != "" {
		args = append(args, "-snapshot", o.snapshot)
	}
	if o.cpuProfile != "" {
		args = append(args, "-cpuprofile", o.cpuProfile)
	}
	cctx, cancel := context.WithDeadline(ctx, deadline.Add(30*time.Second))
	defer cancel()
	cmd := exec.CommandContext(cctx, exe, args...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		if cctx.Err() != nil {
			return &engineReport{Engine: name, Skipped: "killed at the time limit"}, nil
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var er engineReport
	if err := json.Unmarshal(out.Bytes(), &er); err != nil {
		return nil, fmt.Errorf("%s: bad report: %w", name, err)
	}
	return &er, nil
}

func runChild(o options) error {
	qs, err := loadQueries(o)
	if err != nil {
		return err
	}
	deadline := time.UnixMilli(o.deadline)
	if o.deadline == 0 {
		deadline = time.Now().Add(o.timeout)
	}
	ctx, cancel := context.WithDeadline(context.Background(), deadline.Add(20*time.Second))
	defer cancel()
	er, err := runEngine(ctx, o.child, runConfig{offers: o.offers, seed: o.seed, passes: o.passes, queries: qs,
		dir: o.dir, deadline: deadline, snapshot: o.snapshot, slowest: o.slowest, cpuProfile: o.cpuProfile})
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(er)
}

// generatorRate measures how fast the catalogue is generated and prepared
// (part of every engine's build time).
func generatorRate(seed int64, offers int) float64 {
	src := newSource(seed, min(offers, 20_000))
	began := time.Now()
	src.each(context.Background(), func(*catalogue.Offer) error { return nil })
	return float64(src.g.Len()) / time.Since(began).Seconds()
}

func describeMachine() machine {
	m := machine{CPUs: runtime.NumCPU(), GoVersion: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPUModel = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "MemTotal:") {
				m.MemTotal = strings.TrimSpace(strings.TrimPrefix(line, "MemTotal:"))
			}
		}
	}
	return m
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

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return "?"
}

func mib(b int64) string {
	if b <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20))
}

func printReport(w io.Writer, rep *report) {
	fmt.Fprintf(w, "Search benchmark: %d offers (seed %d), %d queries × %d passes; %s, %d CPUs (%s), %s RAM, %s\n",
		rep.Offers, rep.Seed, rep.Queries, rep.Passes, rep.Machine.OS, rep.Machine.CPUs, rep.Machine.CPUModel,
		rep.Machine.MemTotal, rep.Machine.GoVersion)
	fmt.Fprintf(w, "%s; load average before %s, after %s; generator %.0f offers/s (included in build rates)\n\n",
		rep.Date, rep.LoadBefore, rep.LoadAfter, rep.GenRate)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "engine\tindexed\tbuild s\tbuild offers/s\tindex size\tRSS (peak)\tp50 ms\tp95 ms\tp99 ms\tmax ms\tq/s 1 core\tq/s all cores\tzero hits\terrors\tload 1 min\t")
	for _, e := range rep.Engines {
		if e.Skipped != "" {
			fmt.Fprintf(tw, "%s\t(skipped: %s)\t\t\t\t\t\t\t\t\t\t\t\t\t\t\n", e.Engine, e.Skipped)
			continue
		}
		partial := ""
		if e.Partial {
			partial = "*"
		}
		fmt.Fprintf(tw, "%s%s\t%d\t%.1f\t%.0f\t%s (%s)\t%s (%s)\t%.2f\t%.2f\t%.2f\t%.1f\t%.0f\t%.0f (%d)\t%.0f %%\t%d\t%s → %s\t\n",
			e.Engine, partial, e.Offers, e.BuildSeconds, e.BuildRate, mib(e.IndexBytes), e.IndexWhere, mib(e.RSSBytes), mib(e.PeakRSSBytes),
			e.Latency.P50, e.Latency.P95, e.Latency.P99, e.Latency.Max, e.QPS1, e.QPSAll, e.Threads, 100*e.ZeroHits, e.Errors,
			firstField(e.LoadStart), firstField(e.LoadEnd))
	}
	tw.Flush()
	for _, e := range rep.Engines {
		if e.Partial {
			fmt.Fprintln(w, "\n* partial: the time limit ended the measured passes early.")
			break
		}
	}
	fmt.Fprintln(w, "RSS: of the engine's own process after the build and a GC (peak: during the build); for postgres only the")
	fmt.Fprintln(w, "client's (the server is another process). Build rates include generating the offers.")
	for _, e := range rep.Engines {
		if e.FirstErr != "" {
			fmt.Fprintf(w, "first error of %s: %s\n", e.Engine, e.FirstErr)
		}
	}

	fmt.Fprintln(w, "\nCPU time per query on its thread (one core; independent of the machine's load): p50 / p99 / max ms")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "class\t")
	for _, e := range rep.Engines {
		if e.Skipped == "" {
			fmt.Fprintf(tw, "%s\t", e.Engine)
		}
	}
	fmt.Fprintln(tw)
	for _, class := range append([]string{"all"}, bench.Classes...) {
		fmt.Fprintf(tw, "%s\t", class)
		for _, e := range rep.Engines {
			if e.Skipped != "" {
				continue
			}
			cell := "—"
			if class == "all" {
				cell = fmt.Sprintf("%.2f / %.2f / %.2f", e.CPU.P50, e.CPU.P99, e.CPU.Max)
			}
			for _, c := range e.Classes {
				if c.Class == class {
					cell = fmt.Sprintf("%.2f / %.2f / %.2f", c.CPU.P50, c.CPU.P99, c.CPU.Max)
				}
			}
			fmt.Fprintf(tw, "%s\t", cell)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()

	fmt.Fprintln(w, "\nPer query class (one core, wall clock): p50 / p99 / max ms")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "class\t")
	for _, e := range rep.Engines {
		if e.Skipped == "" {
			fmt.Fprintf(tw, "%s\t", e.Engine)
		}
	}
	fmt.Fprintln(tw)
	for _, class := range bench.Classes {
		fmt.Fprintf(tw, "%s\t", class)
		for _, e := range rep.Engines {
			if e.Skipped != "" {
				continue
			}
			cell := "—"
			for _, c := range e.Classes {
				if c.Class == class {
					cell = fmt.Sprintf("%.2f / %.2f / %.2f", c.Latency.P50, c.Latency.P99, c.Latency.Max)
				}
			}
			fmt.Fprintf(tw, "%s\t", cell)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	for _, e := range rep.Engines {
		if len(e.Slowest) == 0 {
			continue
		}
		fmt.Fprintf(w, "\nSlowest queries of %s (one core, slowest of the passes):\n", e.Engine)
		for _, q := range e.Slowest {
			fmt.Fprintf(w, "%8.2f ms  %-18s total %-8d %s\n", q.Millis, q.Class, q.Total, q.Raw)
		}
	}

	fmt.Fprintln(w, "\nPer query class (one core): p50 / p95 ms, mean total hits, share of queries without hits")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "class\tqueries\t")
	var ran []*engineReport
	for _, e := range rep.Engines {
		if e.Skipped == "" {
			ran = append(ran, e)
			fmt.Fprintf(tw, "%s\t", e.Engine)
		}
	}
	fmt.Fprintln(tw)
	for _, class := range bench.Classes {
		n := 0
		cells := ""
		for _, e := range ran {
			cell := "—"
			for _, c := range e.Classes {
				if c.Class == class {
					n = c.Queries
					cell = fmt.Sprintf("%.2f / %.2f, %.0f hits, %.0f %% none", c.Latency.P50, c.Latency.P95, c.MeanTotal, 100*c.ZeroHits)
				}
			}
			cells += cell + "\t"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\n", class, n, cells)
	}
	tw.Flush()
}
