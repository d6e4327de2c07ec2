package exchange

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/deftis"
)

// DefaultBatchSize is how many records an import saves in one transaction.
const DefaultBatchSize = 500

// Importer imports DEfTIS (PAS 1045) files into a catalogue.
type Importer struct {
	Store catalogue.Store
	// Now is the clock for derived fields and provenance (default time.Now).
	Now func() time.Time
	// BatchSize is the number of records saved per transaction (default
	// DefaultBatchSize).
	BatchSize int
	// Gazetteer gives addresses their coordinates (default geo.Default()).
	Gazetteer deftis.Gazetteer
	// Limits bound what a file may demand (default deftis.DefaultLimits).
	Limits *deftis.Limits
}

// Options are the settings of one import.
type Options struct {
	// FileName names the file in the summary and in rejections.
	FileName string
	// Source overrides the source name derived from the file's DS_NAME.
	Source string
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

// Import reads the DEfTIS document r and brings its records into the
// catalogue; see the package documentation for the rules. The summary is
// returned also with an error: the error is the fatal problem that stopped
// the import (a broken or hostile file, a database failure), and the
// summary counts what was committed before it.
func (im *Importer) Import(ctx context.Context, r io.Reader, opts Options) (*Summary, error) {
	start := time.Now()
	sum := &Summary{File: opts.FileName, DryRun: opts.DryRun, Rejected: []Rejection{}}
	var ropts []deftis.Option
	if im.Gazetteer != nil {
		ropts = append(ropts, deftis.WithGazetteer(im.Gazetteer))
	}
	if im.Limits != nil {
		ropts = append(ropts, deftis.WithLimits(*im.Limits))
	}
	now := time.Now
	if im.Now != nil {
		now = im.Now
	}
	rn := &run{
		im: im, ctx: ctx, opts: opts, sum: sum, now: now().Truncate(time.Second),
		reader:    deftis.NewReader(r, ropts...),
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
	reader    *deftis.Reader
	batchSize int
	batch     []*deftis.Record

	header    *deftis.Header
	source    string
	confirmed time.Time // the data's timestamp, for provenance

	providers    map[string]int64 // CSS_ID → provider id
	badProviders map[string]bool  // CSS_IDs whose record this file rejected
	offers       map[offerKey]*catalogue.SourceRef
	bySourceID   map[string][]offerKey // CS_ID → offers of any provider, for DELETECOURSES
	seen         map[offerKey]bool     // offers the file has, for a full catalogue
	venues       map[venueKey]int64
	dups         dupIndex
	// bound is the CSS_ID that stands for Options.ProviderID.
	bound string
}

type offerKey struct {
	provider int64
	id       string
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
			if rn.header != nil && !rn.header.DeltaUpdate {
				rn.sum.WithdrawalSkipped = "Die Datei wurde nicht vollständig gelesen."
			}
			if ferr := rn.flush(); ferr != nil {
				return errors.Join(err, ferr)
			}
			return err
		}
		if rec.Kind == deftis.KindHeader {
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

// parsed is one result of deftis.Reader.Next.
type parsed struct {
	rec *deftis.Record
	err error
}

// begin starts the import once the file has told who delivers it.
func (rn *run) begin(h *deftis.Header) error {
	rn.header = h
	rn.source = rn.opts.Source
	if rn.source == "" {
		rn.source = h.Source()
	}
	if rn.source == "" {
		return errors.New("Die Datei nennt keinen Datenlieferanten (DATASUPPLIER/DS_NAME); bitte die Quelle angeben (--source)")
	}
	s := rn.sum
	s.Source, s.DataSupplier, s.DataSupplierID, s.FullCatalogue = rn.source, h.SupplierName, h.SupplierID, !h.DeltaUpdate
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
	rn.offers = make(map[offerKey]*catalogue.SourceRef, len(refs))
	rn.bySourceID = make(map[string][]offerKey, len(refs))
	rn.seen = map[offerKey]bool{}
	rn.venues = map[venueKey]int64{}
	rn.dups = dupIndex{}
	for i := range refs {
		if rn.opts.ProviderID != 0 && refs[i].ProviderID != rn.opts.ProviderID {
			continue // a bound import touches no other provider's offers
		}
		rn.remember(&refs[i])
	}
	return nil
}

func (rn *run) remember(ref *catalogue.SourceRef) {
	k := offerKey{ref.ProviderID, ref.SourceID}
	if _, ok := rn.offers[k]; !ok {
		rn.bySourceID[ref.SourceID] = append(rn.bySourceID[ref.SourceID], k)
	}
	rn.offers[k] = ref
}

func (rn *run) forget(k offerKey) {
	delete(rn.offers, k)
	keys := rn.bySourceID[k.id]
	if i := slices.Index(keys, k); i >= 0 {
		rn.bySourceID[k.id] = slices.Delete(keys, i, i+1)
	}
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
			case deftis.KindProvider:
				err = rn.provider(tx, rec, t)
			case deftis.KindOffer:
				err = rn.offer(tx, rec, t)
			case deftis.KindDelete:
				err = rn.delete(tx, rec, t)
			}
			if err != nil {
				return fmt.Errorf("%s, Zeile %d: %w", rec.Path, rec.Line, err)
			}
		}
		return nil
	})
	rn.batch = rn.batch[:0]
	if err != nil {
		return err
	}
	rn.sum.add(t)
	return nil
}

// withdrawMissing withdraws the offers of the source that a full catalogue
// no longer has. It runs only when the whole file was read: a file that is
// a delta, one part of several, or broken says nothing about what is gone.
func (rn *run) withdrawMissing() error {
	switch {
	case rn.header == nil || rn.header.DeltaUpdate:
		return nil
	case rn.header.MultiDocument:
		rn.sum.WithdrawalSkipped = "Die Datei ist nur ein Teil eines mehrteiligen Katalogs (MULTIDOCUMENT)."
		return nil
	}
	var ids []int64
	for k, ref := range rn.offers {
		if !rn.seen[k] && ref.Status != catalogue.StatusWithdrawn {
			ids = append(ids, ref.ID)
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
	if ref := rn.offers[offerKey{o.ProviderID, o.Provenance.SourceID}]; ref != nil {
		ref.Status = catalogue.StatusWithdrawn
	}
	return nil
}
