package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/lernnetz/lernnetz/exchange"
	"github.com/lernnetz/lernnetz/storage"
)

// importMemoryLimit is the soft memory limit of lernnetz import.
const importMemoryLimit = 160 << 20

// importError ends an import that did not bring in everything; its code is
// the process exit code: 1 when some records were rejected (or a file broke
// off after records were imported), 2 when nothing usable was imported.
type importError struct {
	code int
	msg  string
}

func (e *importError) Error() string { return e.msg }

// exitCode returns the exit code for a command's error: an import's own
// code, 1 for anything else.
func exitCode(err error) int {
	var ie *importError
	if errors.As(err, &ie) {
		return ie.code
	}
	return 1
}

// cmdImport implements
//
//	lernnetz import [--format NAME] [--source NAME] [--dry-run] [--json] FILE…
//
// It imports files one after the other ("-" reads standard input) – each
// in the format Detect finds (DEfTIS, open-Qcat, CSV) unless --format names
// one – and prints a summary of each, in German or as JSON (one object per
// file). While it runs it shows its progress on standard error when that
// is a terminal. The exit code is 0 when every record of every file was
// imported, 1 when some were rejected, 2 when nothing usable was imported.
func cmdImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c, err := newFlagSet("import", getenv, stderr)
	if err != nil {
		return err
	}
	source := fs.String("source", "", "name of the source the records come from `NAME`; default: from the file's DS_NAME, e.g. wdb-brandenburg")
	dryRun := fs.Bool("dry-run", false, "read, check and compare everything, save nothing")
	asJSON := fs.Bool("json", false, "print each file's summary as JSON")
	format := fs.String("format", "", "the files' format `NAME` ("+strings.Join(exchange.FormatNames(true), ", ")+"); default: detected from the content")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: lernnetz import [flags] FILE…\n\nImports files (DEfTIS/DIN PAS 1045, and the other formats this program knows) into the\ncatalogue; \"-\" reads standard input. The format is detected unless --format names it.\nExit code: 0 all imported, 1 some records rejected, 2 nothing usable.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if fs.NArg() == 0 {
		return usageError{errors.New("name at least one file to import (or - for standard input)")}
	}
	if err := formatFlag(*format); err != nil {
		return err
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

	// A long import keeps its memory small: unless GOMEMLIMIT says
	// otherwise, the garbage collector works harder as the process nears
	// importMemoryLimit (a soft limit; it never stops the import).
	if getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
	}
	im := &exchange.Importer{Store: store}
	opts := exchange.Options{Source: *source, DryRun: *dryRun, Format: *format}
	codes := make([]int, 0, fs.NArg())
	for _, name := range fs.Args() {
		sum, err := importFile(ctx, im, name, opts, stderr)
		if sum == nil { // the file could not be opened
			fmt.Fprintf(stderr, "lernnetz import: %v\n", err)
			codes = append(codes, 2)
			continue
		}
		if *asJSON {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			if err := enc.Encode(sum); err != nil {
				return err
			}
		} else {
			printSummary(stdout, sum)
		}
		if ctx.Err() != nil { // interrupted: the unfinished batch is not saved
			return fmt.Errorf("abgebrochen: %w", ctx.Err())
		}
		codes = append(codes, outcome(sum))
	}
	return importResult(codes)
}

func importFile(ctx context.Context, im *exchange.Importer, name string, opts exchange.Options, stderr io.Writer) (*exchange.Summary, error) {
	var r io.Reader = os.Stdin
	opts.FileName = "(Standardeingabe)"
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r, opts.FileName = f, filepath.Base(name)
	}
	if isTerminal(stderr) {
		p := newProgress(r, stderr, opts.FileName)
		r, opts.Progress = p, p.update
		defer p.done()
	}
	return im.Import(ctx, r, opts)
}

// outcome is the exit code of one file's import.
func outcome(s *exchange.Summary) int {
	switch {
	case s.Complete():
		return 0
	case s.Imported():
		return 1
	default:
		return 2
	}
}

// importResult combines the files' outcomes: 0 when all were complete, 2
// when none brought anything usable, 1 otherwise.
func importResult(codes []int) error {
	worst, best := 0, 2
	for _, c := range codes {
		worst, best = max(worst, c), min(best, c)
	}
	switch {
	case worst == 0:
		return nil
	case best == 2:
		return &importError{code: 2, msg: "nichts importiert (Einzelheiten oben)"}
	default:
		return &importError{code: 1, msg: "nicht alles importiert (Einzelheiten oben)"}
	}
}

// printSummary writes a summary for people, in German.
func printSummary(w io.Writer, s *exchange.Summary) {
	kind := "Änderungslieferung"
	if s.FullCatalogue {
		kind = "vollständiger Katalog"
	}
	fmt.Fprintf(w, "%s – Quelle „%s“", s.File, s.Source)
	if s.DataSupplier != "" {
		fmt.Fprintf(w, " (%s)", s.DataSupplier)
	}
	fmt.Fprintf(w, ", %s", kind)
	if s.Timestamp != nil {
		fmt.Fprintf(w, " vom %s", s.Timestamp.Format("02.01.2006 15:04"))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  Anbieter:  %d neu, %d geändert, %d unverändert\n", s.ProvidersInserted, s.ProvidersUpdated, s.ProvidersUnchanged)
	fmt.Fprintf(w, "  Angebote:  %d neu, %d geändert, %d unverändert, %d zurückgezogen, %d gelöscht\n",
		s.Inserted, s.Updated, s.Unchanged, s.Withdrawn, s.Deleted)
	fmt.Fprintf(w, "  Orte:      %d neu, %d geändert\n", s.VenuesInserted, s.VenuesUpdated)
	if s.DuplicatesFlagged > 0 {
		fmt.Fprintf(w, "  Mögliche Dubletten markiert: %d\n", s.DuplicatesFlagged)
	}
	if s.DeleteNotFound > 0 {
		fmt.Fprintf(w, "  Zu löschen, aber nicht (mehr) vorhanden: %d\n", s.DeleteNotFound)
	}
	if s.RejectedRecords > 0 {
		fmt.Fprintf(w, "  Abgelehnt: %d Datensätze\n", s.RejectedRecords)
		for _, r := range s.Rejected {
			where := r.Path
			if r.Line > 0 {
				where = fmt.Sprintf("Zeile %d, %s", r.Line, r.Path)
			}
			if r.SourceID != "" {
				where += " (" + r.SourceID + ")"
			}
			fmt.Fprintf(w, "    %s: %s\n", strings.TrimPrefix(where, ", "), r.Message)
		}
	}
	if s.WithdrawalSkipped != "" {
		fmt.Fprintf(w, "  Nichts zurückgezogen: %s\n", s.WithdrawalSkipped)
	}
	if s.Error != "" {
		fmt.Fprintf(w, "  Abgebrochen: %s\n", s.Error)
	}
	if s.DryRun {
		fmt.Fprintln(w, "  Probelauf: nichts gespeichert.")
	}
	fmt.Fprintf(w, "  Dauer: %s s\n", strings.Replace(fmt.Sprintf("%.1f", s.Seconds), ".", ",", 1))
}
