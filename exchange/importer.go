package exchange

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// DefaultBatchSize is how many records an import saves in one transaction.
const DefaultBatchSize = 500

// Importer imports documents of any registered format (DEfTIS by default)
// into a catalogue.
type Importer struct {
	Store catalogue.Store
	// Now is the clock for derived fields and provenance (default time.Now).
	Now func() time.Time
	// BatchSize is the number of records saved per transaction (default
	// DefaultBatchSize).
	BatchSize int
	// Gazetteer gives addresses their coordinates (default geo.Default()).
	Gazetteer Gazetteer
	// Limits bound what a file may demand (default record.DefaultLimits).
	Limits *record.Limits
}

// Options are the settings of one import.
type Options struct {
	// FileName names the file in the summary and in rejections.
	FileName string
	// Source overrides the source name derived from the file's DS_NAME.
	Source string
	// Format names the file's format ("deftis", "openqcat", "csv"); empty:
	// Import detects it (Detect). ImportRecords ignores it.
	Format string
	// Progress, when set, is called after each saved batch with the number
	// of offer records (and deletions) handled so far.
	Progress func(offers int)
	// ProviderID binds the import to one provider (an upload in the
	// provider self-service): the file's first supplier record stands for
	// this provider and is not written (the provider's details are kept in
	// lernnetz); every other supplier and the courses of any other supplier
	// are rejected; only this provider's offers of the source are withdrawn
	// or deleted. 0: the file's suppliers are imported as they are.
	ProviderID int64
	// DryRun reads, checks and compares everything and saves nothing. It
	// runs in one transaction that is rolled back, so it holds the
	// database's write lock while it runs.
	DryRun bool
}

var errDryRun = errors.New("exchange: dry run")

// Import reads the document r – in the format opts.Format, or the one
// Detect finds – and brings its records into the catalogue; see
// ImportRecords.
func (im *Importer) Import(ctx context.Context, r io.Reader, opts Options) (*Summary, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	f, err := im.format(br, opts)
	if err != nil {
		sum := &Summary{File: opts.FileName, Format: opts.Format, DryRun: opts.DryRun, Rejected: []Rejection{}, Error: err.Error()}
		return sum, err
	}
	cfg := ReaderConfig{Gazetteer: im.Gazetteer, Limits: record.DefaultLimits}
	if im.Limits != nil {
		cfg.Limits = *im.Limits
	}
	sum, err := im.ImportRecords(ctx, f.NewReader(br, cfg), opts)
	sum.Format = f.Name
	return sum, err
}

// format finds the format of the document br starts.
func (im *Importer) format(br *bufio.Reader, opts Options) (Format, error) {
	if opts.Format != "" {
		f, ok := Lookup(opts.Format)
		if !ok {
			return Format{}, unknownFormat(opts.Format)
		}
		if f.NewReader == nil {
			return Format{}, fmt.Errorf("%s-Dateien können nicht importiert werden (%s files cannot be imported)", f.Title, f.Name)
		}
		return f, nil
	}
	head, _ := br.Peek(sniffBytes) // a short file is all head; a read error shows again when reading
	return Detect(opts.FileName, head)
}

// ImportRecords brings the records of rr into the catalogue; see the
// package documentation for the rules. The summary is returned also with
// an error: the error is the fatal problem that stopped the import (a
// broken or hostile file, a database failure), and the summary counts what
// was committed before it.
func (im *Importer) ImportRecords(ctx context.Context, rr record.Reader, opts Options) (*Summary, error) {
	start := time.Now()
	sum := &Summary{File: opts.FileName, Format: opts.Format, DryRun: opts.DryRun, Rejected: []Rejection{}}
	now := time.Now
	if im.Now != nil {
		now = im.Now
	}
	rn := &run{
		im: im, ctx: ctx, opts: opts, sum: sum, now: now().Truncate(time.Second),
		reader:    rr,
		batchSize: im.BatchSize,
	}
	if rn.batchSize <= 0 {
		rn.batchSize = DefaultBatchSize
	}
	var err error
	if opts.DryRun {
		err = im.Store.Atomic(ctx, func(tx catalogue.Store) error {
			rn.store = tx
			if err := rn.run(); err != nil {
				return err
			}
			return errDryRun
		})
		if errors.Is(err, errDryRun) {
			err = nil
		}
	} else {
		rn.store = im.Store
		err = rn.run()
	}
	sum.Seconds = time.Since(start).Seconds()
	if cerr := ctx.Err(); err != nil && cerr != nil && !errors.Is(err, cerr) {
		err = fmt.Errorf("%w: %v", cerr, err) // the database reports an interrupt in its own words
	}
	if err != nil {
		sum.Error = err.Error()
	}
	return sum, err
}

// run is the state of one import.
type run struct {
	im        *Importer
	ctx       context.Context
	store     catalogue.Store
	opts      Options
	sum       *Summary
	now       time.Time
	reader    record.Reader
	batchSize int
	batch     []*record.Record
	handled   int // offer and delete records saved or rejected, for Options.Progress

	header    *record.Header
	source    string
	confirmed time.Time // the data's timestamp, for provenance

	providers    map[string]int64      // CSS_ID → provider id
	badProviders map[string]bool       // CSS_IDs whose record this file rejected
	offers       map[offerKey]offerRef // the source's offers, stored or saved by this import
	bySourceID   map[string][]offerKey // CS_ID → offers of any provider, for DELETECOURSES; made at the first

	venues map[venueKey]int64
	dups   dupIndex
	// bound is the CSS_ID that stands for Options.ProviderID.
	bound string
}

type offerKey struct {
	provider int64
	id       string
}

// offerRef is what an import keeps of each offer of its source – a few
// bytes, for a source may have a million.
type offerRef struct {
	id        int64
	withdrawn bool
	seen      bool // the file has it (for a full catalogue: not to be withdrawn)
}

type venueKey struct {
	provider int64
	id       string
}

func (rn *run) run() error {
	records, stop := rn.read()
	defer stop()
	for {
		if err := rn.ctx.Err(); err != nil {
			return err // like a kill: the unfinished batch is not saved
		}
		next := <-records
		rec, err := next.rec, next.err
		if err == io.EOF {
			break
		}
		if err != nil {
			// The file is broken from here on; what was read before it is
			// complete and is saved. Nothing is withdrawn: the file does not
			// say what the catalogue is.
			if rn.header != nil && !rn.header.Delta {
				rn.sum.WithdrawalSkipped = "Die Datei wurde nicht vollständig gelesen."
			}
			if ferr := rn.flush(); ferr != nil {
				return errors.Join(err, ferr)
			}
			return err
		}
		if rec.Kind == record.KindHeader {
			if rn.header == nil {
				if err := rn.begin(rec.Header); err != nil {
					return err
				}
			}
			continue
		}
		rn.batch = append(rn.batch, rec)
		if len(rn.batch) >= rn.batchSize {
			if err := rn.flush(); err != nil {
				return err
			}
		}
	}
	if err := rn.flush(); err != nil {
		return err
	}
	return rn.withdrawMissing()
}

// read reads the file in a goroutine of its own, so that parsing the next
// records overlaps with saving the last batch. At most one batch of records
// waits. stop ends the goroutine and waits for it, so r is not read after
// Import returns.
func (rn *run) read() (records <-chan parsed, stop func()) {
	ch := make(chan parsed, rn.batchSize)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			rec, err := rn.reader.Next()
			select {
			case ch <- parsed{rec, err}:
			case <-done:
				return
			}
			if err != nil {
				return
			}
		}
	})
	return ch, func() { close(done); wg.Wait() }
}

// parsed is one result of a reader's Next.
type parsed struct {
	rec *record.Record
	err error
}

// begin starts the import once the file has told who delivers it.
func (rn *run) begin(h *record.Header) error {
	rn.header = h
	rn.source = rn.opts.Source
	if rn.source == "" {
		rn.source = h.Source
	}
	if rn.source == "" {
		return errors.New("Die Datei nennt keinen Datenlieferanten (bei DEfTIS: DATASUPPLIER/DS_NAME); bitte die Quelle angeben (--source). The file names no data supplier; please give the source (--source).")
	}
	s := rn.sum
	s.Source, s.DataSupplier, s.DataSupplierID, s.FullCatalogue = rn.source, h.SupplierName, h.SupplierID, !h.Delta
	rn.confirmed = rn.now
	if !h.Timestamp.IsZero() {
		ts := h.Timestamp
		s.Timestamp, rn.confirmed = &ts, ts
	}
	refs, err := rn.store.SourceOffers(rn.ctx, rn.source)
	if err != nil {
		return err
	}
	rn.providers = map[string]int64{}
	rn.badProviders = map[string]bool{}
	rn.offers = make(map[offerKey]offerRef, len(refs))
	rn.venues = map[venueKey]int64{}
	rn.dups = dupIndex{}
	for i := range refs {
		if rn.opts.ProviderID != 0 && refs[i].ProviderID != rn.opts.ProviderID {
			continue // a bound import touches no other provider's offers
		}
		rn.remember(offerKey{refs[i].ProviderID, refs[i].SourceID}, offerRef{id: refs[i].ID, withdrawn: refs[i].Status == catalogue.StatusWithdrawn})
	}
	return nil
}

func (rn *run) remember(k offerKey, ref offerRef) {
	if _, ok := rn.offers[k]; !ok && rn.bySourceID != nil {
		rn.bySourceID[k.id] = append(rn.bySourceID[k.id], k)
	}
	rn.offers[k] = ref
}

func (rn *run) forget(k offerKey) {
	delete(rn.offers, k)
	if rn.bySourceID == nil {
		return
	}
	keys := rn.bySourceID[k.id]
	if i := slices.Index(keys, k); i >= 0 {
		rn.bySourceID[k.id] = slices.Delete(keys, i, i+1)
	}
}

// withSourceID returns the offers of any provider with the source id,
// indexing them at the first call (only files with deletions need it).
func (rn *run) withSourceID(id string) []offerKey {
	if rn.bySourceID == nil {
		rn.bySourceID = make(map[string][]offerKey, len(rn.offers))
		for k := range rn.offers {
			rn.bySourceID[k.id] = append(rn.bySourceID[k.id], k)
		}
	}
	return rn.bySourceID[id]
}

// flush saves the pending records in one transaction. A record that is
// rejected does not stop the batch; a database error does, and then the
// whole batch is rolled back and the import ends.
func (rn *run) flush() error {
	if len(rn.batch) == 0 {
		return nil
	}
	t := &tally{}
	err := rn.store.Atomic(rn.ctx, func(tx catalogue.Store) error {
		for _, rec := range rn.batch {
			var err error
			switch rec.Kind {
			case record.KindProvider:
				err = rn.provider(tx, rec, t)
			case record.KindOffer:
				err = rn.offer(tx, rec, t)
			case record.KindDelete:
				err = rn.delete(tx, rec, t)
			}
			if err != nil {
				return fmt.Errorf("%s, Zeile %d: %w", rec.Path, rec.Line, err)
			}
		}
		return nil
	})
	if err != nil {
		rn.batch = rn.batch[:0]
		return err
	}
	rn.sum.add(t)
	if rn.opts.Progress != nil {
		for _, rec := range rn.batch {
			if rec.Kind == record.KindOffer || rec.Kind == record.KindDelete {
				rn.handled++
			}
		}
		rn.opts.Progress(rn.handled)
	}
	rn.batch = rn.batch[:0]
	return nil
}

// withdrawMissing withdraws the offers of the source that a full catalogue
// no longer has. It runs only when the whole file was read: a file that is
// a delta, one part of several, or broken says nothing about what is gone.
func (rn *run) withdrawMissing() error {
	switch {
	case rn.header == nil || rn.header.Delta:
		return nil
	case rn.header.MultiDocument:
		rn.sum.WithdrawalSkipped = "Die Datei ist nur ein Teil eines mehrteiligen Katalogs (MULTIDOCUMENT)."
		return nil
	}
	var ids []int64
	for _, ref := range rn.offers {
		if !ref.seen && !ref.withdrawn {
			ids = append(ids, ref.id)
		}
	}
	slices.Sort(ids)
	for len(ids) > 0 {
		n := min(len(ids), rn.batchSize)
		part := ids[:n]
		ids = ids[n:]
		t := &tally{}
		err := rn.store.Atomic(rn.ctx, func(tx catalogue.Store) error {
			for _, id := range part {
				if err := rn.withdraw(tx, id, t); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		rn.sum.add(t)
	}
	return nil
}

func (rn *run) withdraw(tx catalogue.Store, id int64, t *tally) error {
	o, err := tx.Offer(rn.ctx, id)
	if errors.Is(err, catalogue.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	o.Status = catalogue.StatusWithdrawn
	var ve *catalogue.ValidationError
	if err := tx.SaveOffer(rn.ctx, o); errors.As(err, &ve) {
		t.rejected = append(t.rejected, Rejection{File: rn.opts.FileName, SourceID: o.Provenance.SourceID,
			Message: "Das Angebot fehlt in der Datei, konnte aber nicht zurückgezogen werden: " + ve.Error()})
		return nil
	} else if err != nil {
		return err
	}
	t.withdrawn++
	k := offerKey{o.ProviderID, o.Provenance.SourceID}
	if ref, ok := rn.offers[k]; ok {
		ref.withdrawn = true
		rn.offers[k] = ref
	}
	return nil
}
