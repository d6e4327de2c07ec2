package exchange

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/lernnetz/lernnetz/exchange/deftis"
	"github.com/lernnetz/lernnetz/exchange/jsonld"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// Format is an exchange format lernnetz can import, export or both.
// Format packages register theirs with Register from an init function, as
// database/sql drivers do; a program that wants a format imports its
// package (cmd/lernnetz imports all).
type Format struct {
	Name      string // command-line name: deftis, openqcat, csv, jsonld
	Title     string // for people: "DEfTIS (DIN PAS 1045)"
	MediaType string // of a document, e.g. "application/xml"
	Ext       string // file name extension with its dot, e.g. ".xml"
	// NewReader returns a reader of the document r; nil when the format
	// cannot be imported. The reader must honour cfg.Limits and must not
	// read r after returning io.EOF or an error.
	NewReader func(r io.Reader, cfg ReaderConfig) record.Reader
	// NewWriter returns a writer of the format to w; nil when the format
	// cannot be exported.
	NewWriter func(w io.Writer) record.Writer
}

// ReaderConfig is what a format's reader gets from the importer.
type ReaderConfig struct {
	// Gazetteer gives addresses coordinates and federal states; nil means
	// geo.Default().
	Gazetteer Gazetteer
	// Limits bound what the document may demand; zero means
	// record.DefaultLimits (see EffectiveLimits).
	Limits record.Limits
}

// EffectiveLimits returns c.Limits, or record.DefaultLimits when they are
// not set.
func (c ReaderConfig) EffectiveLimits() record.Limits {
	if c.Limits == (record.Limits{}) {
		return record.DefaultLimits
	}
	return c.Limits
}

// Gazetteer finds the coordinates and federal state of a German postal
// code; *geo.Gazetteer is one.
type Gazetteer = record.Gazetteer

var (
	formatsMu sync.RWMutex
	formats   = map[string]Format{}
)

// Register makes a format available under f.Name. It panics when the name
// is empty or taken: that is a programming error, found at start-up.
func Register(f Format) {
	formatsMu.Lock()
	defer formatsMu.Unlock()
	if f.Name == "" || f.Name != strings.ToLower(f.Name) {
		panic(fmt.Sprintf("exchange: format name %q must be non-empty lower case", f.Name))
	}
	if _, dup := formats[f.Name]; dup {
		panic("exchange: format " + f.Name + " registered twice")
	}
	formats[f.Name] = f
}

// Lookup returns the registered format of that name.
func Lookup(name string) (Format, bool) {
	formatsMu.RLock()
	defer formatsMu.RUnlock()
	f, ok := formats[strings.ToLower(name)]
	return f, ok
}

// Formats returns the registered formats, ordered by name.
func Formats() []Format {
	formatsMu.RLock()
	defer formatsMu.RUnlock()
	out := make([]Format, 0, len(formats))
	for _, f := range formats {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b Format) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// FormatNames returns the names of the registered formats that can be
// imported (import) or exported (!import), for help texts.
func FormatNames(importable bool) []string {
	var names []string
	for _, f := range Formats() {
		if importable && f.NewReader != nil || !importable && f.NewWriter != nil {
			names = append(names, f.Name)
		}
	}
	return names
}

func unknownFormat(name string) error {
	return fmt.Errorf("unbekanntes Format „%s“; verfügbar sind: %s (unknown format %q)", name, strings.Join(FormatNames(true), ", "), name)
}

func init() {
	Register(Format{
		Name: "deftis", Title: "DEfTIS (DIN PAS 1045)", MediaType: "application/xml", Ext: ".xml",
		NewReader: func(r io.Reader, cfg ReaderConfig) record.Reader {
			opts := []deftis.Option{deftis.WithLimits(cfg.EffectiveLimits())}
			if cfg.Gazetteer != nil {
				opts = append(opts, deftis.WithGazetteer(cfg.Gazetteer))
			}
			return deftis.NewReader(r, opts...)
		},
		NewWriter: func(w io.Writer) record.Writer { return deftis.NewWriter(w) },
	})
	Register(Format{
		Name: "jsonld", Title: "schema.org JSON-LD", MediaType: "application/ld+json", Ext: ".jsonld",
		NewWriter: func(w io.Writer) record.Writer { return jsonld.NewWriter(w) },
	})
}
