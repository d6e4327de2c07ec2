package main

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"
)

// isTerminal reports whether w is a terminal (a character device), where a
// progress line that rewrites itself is welcome.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0 && fi.Mode()&os.ModeDevice != 0
}

// progress counts the bytes an import reads and shows, at most a few times
// a second, a line with bytes read, offers done and offers per second.
type progress struct {
	r      io.Reader
	w      io.Writer
	name   string
	bytes  atomic.Int64 // read so far, by the importer's reading goroutine
	start  time.Time
	last   time.Time
	offers int
	shown  bool
}

func newProgress(r io.Reader, w io.Writer, name string) *progress {
	return &progress{r: r, w: w, name: name, start: time.Now()}
}

func (p *progress) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.bytes.Add(int64(n))
	return n, err
}

// update is the importer's Options.Progress: offers is how many offer
// records it has handled.
func (p *progress) update(offers int) {
	p.offers = offers
	if now := time.Now(); now.Sub(p.last) >= 250*time.Millisecond {
		p.last = now
		p.show(now)
	}
}

func (p *progress) show(now time.Time) {
	secs := now.Sub(p.start).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(p.offers) / secs
	}
	fmt.Fprintf(p.w, "\r%s: %.1f MB gelesen, %d Angebote, %.0f Angebote/s   ", p.name, float64(p.bytes.Load())/(1<<20), p.offers, rate)
	p.shown = true
}

// done ends the progress line.
func (p *progress) done() {
	if p.shown {
		p.show(time.Now())
		fmt.Fprintln(p.w)
	}
}
