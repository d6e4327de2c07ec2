package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/lernnetz/lernnetz/bench"
)

// serveOnly writes the request paths of every target to o.urls (when set)
// and serves at base until the process is interrupted, so that a load
// generator outside the process, such as wrk with bench/http/wrk.lua, can
// drive the server without sharing its runtime:
//
//	wrk -t2 -c8 -d20s --latency -s bench/http/wrk.lua http://127.0.0.1:8089 -- /tmp/urls/offer.txt
func serveOnly(ctx context.Context, o options, w io.Writer, base string, qs []bench.Query, published []int64) error {
	if o.urls != "" {
		if err := os.MkdirAll(o.urls, 0o755); err != nil {
			return err
		}
		r := rand.New(rand.NewPCG(uint64(o.seed), 7))
		offers := make([]string, 100_000)
		for i := range offers {
			offers[i] = "/angebote/" + strconv.FormatInt(published[r.IntN(len(published))], 10)
		}
		var search, api []string
		for _, q := range qs {
			search = append(search, "/suche?"+q.Raw)
			api = append(api, "/api/v1/search?"+q.Raw)
		}
		for name, paths := range map[string][]string{"offer": offers, "search": search, "api": api} {
			if err := writeLines(filepath.Join(o.urls, name+".txt"), paths); err != nil {
				return err
			}
		}
		fmt.Fprintf(w, "request paths written to %s/{offer,search,api}.txt\n", o.urls)
	}
	fmt.Fprintf(w, "serving at %s until interrupted (RSS %s)\n", base, rss())
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	fmt.Fprintf(w, "RSS at the end %s\n", rss())
	return nil
}

func writeLines(path string, lines []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(f)
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	if err := b.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
