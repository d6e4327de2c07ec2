package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/exchange"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/web"
)

// cmdExport implements
//
//	lernnetz export [--format NAME] [--since TIME] [--provider ID] [--status S] [-o FILE]
//
// It writes the catalogue – its published offers by default – in an
// exchange format to FILE or standard output; with --since only what
// changed since then (a delta). A file is written under a temporary name
// and renamed when complete, so a failed export leaves no half file.
func cmdExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c, err := newFlagSet("export", getenv, stderr)
	if err != nil {
		return err
	}
	format := fs.String("format", "deftis", "exchange format `NAME`: "+strings.Join(exchange.FormatNames(false), ", "))
	since := fs.String("since", "", "export only what changed since `TIME` (RFC 3339, e.g. 2026-11-01T00:00:00+01:00): a delta")
	provider := fs.Int64("provider", 0, "export only the offers of the provider with this `ID`")
	status := fs.String("status", "", "offers of this `STATUS` (published, draft, expired, withdrawn or any); default published")
	out := fs.String("o", "-", "write to `FILE`; - is standard output")
	supplier := fs.String("supplier", "lernnetz", "the portal's `NAME` as data supplier in the file")
	fs.StringVar(&c.BaseURL, "base-url", getenvOr(getenv, "LERNNETZ_BASE_URL", ""), "public URL of the portal, for links in the file `(LERNNETZ_BASE_URL)`")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: lernnetz export [flags]\n\nWrites the catalogue (published offers and their providers) in an exchange format;\nwith --since only the changes since then, deletions included.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q (the output file is given with -o)", fs.Arg(0))}
	}
	f, ok := exchange.Lookup(*format)
	if !ok || f.NewWriter == nil {
		return usageError{fmt.Errorf("das Format „%s“ kann nicht exportiert werden; verfügbar: %s (format %q cannot be exported)",
			*format, strings.Join(exchange.FormatNames(false), ", "), *format)}
	}
	opts := exchange.ExportOptions{ProviderID: *provider, Status: *status, SupplierName: *supplier, BaseURL: strings.TrimRight(c.BaseURL, "/")}
	if opts.BaseURL != "" {
		opts.Links = web.PortalLinks(opts.BaseURL)
	}
	if *since != "" {
		t, err := time.Parse(time.RFC3339, *since)
		if err != nil {
			return usageError{fmt.Errorf("--since %q is no RFC 3339 time such as 2026-11-01T00:00:00+01:00", *since)}
		}
		opts.Since = t
	}
	log, err := c.logger(stderr)
	if err != nil {
		return err
	}
	store, err := storage.Open(ctx, c.DB, storage.WithLogger(log))
	if err != nil {
		return err
	}
	defer store.Close()

	var w io.Writer = stdout
	var tmp *os.File
	if *out != "-" {
		tmp, err = os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*")
		if err != nil {
			return err
		}
		defer func() {
			if tmp != nil {
				tmp.Close()
				os.Remove(tmp.Name())
			}
		}()
		w = tmp
	}
	sum, err := exchange.Export(ctx, store, f.NewWriter(w), opts)
	if err != nil {
		return err
	}
	if tmp != nil {
		if err := tmp.Close(); err != nil {
			return err
		}
		if err := os.Rename(tmp.Name(), *out); err != nil {
			return err
		}
		tmp = nil
	}
	kind := "vollständig"
	if !opts.Since.IsZero() {
		kind = "Änderungen seit " + opts.Since.Format("02.01.2006 15:04")
	}
	fmt.Fprintf(stderr, "Export (%s, %s): %d Anbieter, %d Angebote, %d gelöscht – Stand %s; nächste Änderungslieferung mit --since %s\n",
		f.Title, kind, sum.Providers, sum.Offers, sum.Deleted, sum.Timestamp.Local().Format("02.01.2006 15:04:05"), sum.Timestamp.Format(time.RFC3339))
	return nil
}

func getenvOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// errNoFormat is returned by import for --format with an unknown name.
var errNoFormat = errors.New("unknown format")

// formatFlag checks an import's --format.
func formatFlag(name string) error {
	if name == "" {
		return nil
	}
	if f, ok := exchange.Lookup(name); !ok || f.NewReader == nil {
		return usageError{fmt.Errorf("%w %q; importieren lassen sich: %s", errNoFormat, name, strings.Join(exchange.FormatNames(true), ", "))}
	}
	return nil
}
