package exchange_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/demo"
	"github.com/lernnetz/lernnetz/exchange"
	"github.com/lernnetz/lernnetz/exchange/deftis"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/storage/storetest"
)

func TestExportSQLite(t *testing.T) {
	runExportTests(t, func(t *testing.T, clock func() time.Time) catalogue.Store {
		return storetest.OpenSQLite(t, storage.WithClock(clock))
	})
}

func TestExportPostgres(t *testing.T) {
	runExportTests(t, func(t *testing.T, clock func() time.Time) catalogue.Store {
		return storetest.OpenPostgres(t, storage.WithClock(clock))
	})
}

// opener opens a new store whose clock is clock.
type opener func(t *testing.T, clock func() time.Time) catalogue.Store

func runExportTests(t *testing.T, open opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open opener)
	}{
		{"RealFileRoundTrip", testRealRoundTrip},
		{"DemoRoundTrip", testDemoRoundTrip},
		{"DeltaExport", testDeltaExport},
		{"ProviderAndStatus", testExportFilters},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open) })
	}
}

// exportDEfTIS exports store as DEfTIS.
func exportDEfTIS(t *testing.T, s catalogue.Store, opts exchange.ExportOptions) ([]byte, *exchange.ExportSummary) {
	t.Helper()
	var buf bytes.Buffer
	if opts.Now == nil {
		opts.Now = clock
	}
	sum, err := exchange.Export(ctx, s, deftis.NewWriter(&buf), opts)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	return buf.Bytes(), sum
}

// importBytes imports a document into s; every record must be taken.
func importBytes(t *testing.T, s catalogue.Store, doc []byte) *exchange.Summary {
	t.Helper()
	sum, err := importer(s).Import(ctx, bytes.NewReader(doc), exchange.Options{FileName: "export.xml"})
	if err != nil {
		t.Fatalf("import of the export: %v", err)
	}
	if sum.RejectedRecords > 0 {
		t.Fatalf("import of the export rejected %d records: %+v", sum.RejectedRecords, sum.Rejected[:min(5, len(sum.Rejected))])
	}
	return sum
}

// The real WDB Brandenburg file, imported, exported as DEfTIS and imported
// into an empty catalogue, gives the same providers, offers, dates and
// venues field by field; ids, timestamps and provenance aside. The export's
// ids are store A's: they are the source ids in store B.
func testRealRoundTrip(t *testing.T, open opener) {
	a, b := open(t, clock), open(t, clock)
	mustImport(t, a, realFile(t))
	doc, esum := exportDEfTIS(t, a, exchange.ExportOptions{Status: exchange.StatusAny})
	if esum.Providers != 533 || esum.Offers != 19 || esum.Deleted != 0 {
		t.Fatalf("export summary %+v, want 533 providers and 19 offers", esum)
	}
	if !bytes.HasPrefix(doc, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) || !bytes.Contains(doc, []byte(`DELTAUPDATE="false"`)) ||
		!bytes.Contains(doc, []byte("<INSERTCOURSES>")) || bytes.Contains(doc, []byte("DELETECOURSES")) {
		t.Fatalf("not a full DEfTIS catalogue in UTF-8:\n%.400s", doc)
	}
	sum := importBytes(t, b, doc)
	if sum.Source != "lernnetz" || !sum.FullCatalogue || sum.Inserted != 19 || sum.ProvidersInserted != 533 {
		t.Fatalf("import of the export: %+v", sum)
	}
	compareCatalogues(t, a, b, nil, nil)

	// The export of the copy is the same document but for the ids: a
	// second round trip changes nothing.
	again := importBytes(t, b, doc)
	if again.Unchanged != 19 || again.ProvidersUnchanged != 533 || again.Inserted+again.Updated+again.ProvidersUpdated != 0 {
		t.Fatalf("importing the export again changed something: %+v", again)
	}
}

// The demo catalogue – entered in lernnetz, not imported – survives the
// round trip in everything DEfTIS carries (see deftis.Writer); what it
// cannot carry is left out of the comparison by name.
func testDemoRoundTrip(t *testing.T, open opener) {
	a, b := open(t, clock), open(t, clock)
	if err := demo.Load(ctx, a, now); err != nil {
		t.Fatal(err)
	}
	doc, esum := exportDEfTIS(t, a, exchange.ExportOptions{Status: exchange.StatusAny})
	sum := importBytes(t, b, doc)
	if sum.Inserted != esum.Offers || sum.ProvidersInserted != esum.Providers || esum.Offers < 100 {
		t.Fatalf("exported %+v, imported %+v", esum, sum)
	}
	compareCatalogues(t, a, b, notInDEfTIS, deftisDates)
}

// notInDEfTIS are the fields DEfTIS has no element for (deftis.Writer).
var notInDEfTIS = []string{
	"provider.kind", "provider.geo", "provider.external_ids", "provider.extensions",
	"offer.subtitle", "offer.contents", "offer.topics", "offer.skills", "offer.dqr_level", "offer.registration_url",
	"offer.extensions", "offer.completeness", "offer.status", "offer.price.unit",
	"date.price", "date.registration_deadline", "date.start_kind", "date.day_time",
	"venue.kind", "venue.description", "venue.opening_hours", "venue.equipment", "venue.geo",
	"venue.accessibility", "venue.name",
	"provider.certificates.note", "provider.certificates.valid_from", "provider.certificates.valid_until",
}

// deftisDates are the dates DEfTIS carries: those with a fixed start, or
// else the first (a FREESCHEDULE).
func deftisDates(ds []catalogue.Date) []catalogue.Date {
	var fixed []catalogue.Date
	for _, d := range ds {
		if d.StartKind == catalogue.StartFixed && d.Start != nil {
			fixed = append(fixed, d)
		}
	}
	if len(fixed) == 0 && len(ds) > 0 {
		return ds[:1]
	}
	return fixed
}

// compareCatalogues compares every provider and offer of a with its copy
// in b, found by source id (the id in a), and reports each differing field.
func compareCatalogues(t *testing.T, a, b catalogue.Store, ignore []string, dates func([]catalogue.Date) []catalogue.Date) {
	t.Helper()
	provs, n, err := a.Providers(ctx, catalogue.ProviderFilter{Page: catalogue.Page{Limit: 1000}})
	if err != nil || n > 1000 {
		t.Fatalf("providers: %v (%d)", err, n)
	}
	diffs := 0
	report := func(what string, d []string) {
		for _, line := range d {
			if diffs++; diffs <= 4000 {
				t.Errorf("%s: %s", what, line)
			}
		}
	}
	bProvider := map[int64]int64{}
	for _, p := range provs {
		q, err := b.ProviderBySource(ctx, "lernnetz", strconv.FormatInt(p.ID, 10))
		if err != nil {
			t.Fatalf("provider %d (%s) not in the copy: %v", p.ID, p.Name, err)
		}
		bProvider[p.ID] = q.ID
		report("provider "+p.Name, diffFields("provider", normProvider(p), normProvider(q), ignore))
	}
	after := int64(0)
	count := 0
	for {
		page, _, err := a.Offers(ctx, catalogue.OfferFilter{Ascending: true, AfterID: after, SkipTotal: true, Page: catalogue.Page{Limit: 200}})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page {
			count++
			if dates != nil {
				o.Dates = dates(o.Dates)
			}
			c, err := b.OfferBySource(ctx, "lernnetz", bProvider[o.ProviderID], strconv.FormatInt(o.ID, 10))
			if err != nil {
				t.Fatalf("offer %d (%s) not in the copy: %v", o.ID, o.Title, err)
			}
			if len(c.Dates) != len(o.Dates) {
				t.Errorf("offer %s: %d dates, want %d", o.Title, len(c.Dates), len(o.Dates))
				continue
			}
			for i := range o.Dates {
				if c.Dates[i].SourceID != strconv.FormatInt(o.Dates[i].ID, 10) && o.Dates[i].StartKind == catalogue.StartFixed {
					t.Errorf("offer %s date %d: source id %q, want the id %d", o.Title, i, c.Dates[i].SourceID, o.Dates[i].ID)
				}
			}
			report("offer "+o.Title, diffFields("offer", normOffer(o), normOffer(c), ignore))
		}
		if len(page) < 200 {
			break
		}
		after = page[len(page)-1].ID
	}
	if diffs > 40 {
		t.Errorf("… %d differences in all", diffs)
	}
	if count == 0 {
		t.Fatal("no offers compared")
	}
}

func normProvider(p *catalogue.Provider) *catalogue.Provider {
	c := *p
	c.ID, c.CreatedAt, c.UpdatedAt, c.Provenance = 0, time.Time{}, time.Time{}, catalogue.Provenance{}
	return &c
}

func normOffer(o *catalogue.Offer) *catalogue.Offer {
	c := *o
	c.ID, c.ProviderID, c.Provider, c.Provenance, c.DuplicateOf = 0, 0, nil, catalogue.Provenance{}, min(o.DuplicateOf, 1)
	c.CreatedAt, c.UpdatedAt = time.Time{}, time.Time{}
	c.Dates = slices.Clone(o.Dates)
	for i := range c.Dates {
		d := &c.Dates[i]
		d.ID, d.OfferID, d.VenueID, d.SourceID, d.OfferTitle = 0, 0, 0, "", ""
		if d.Venue != nil {
			v := *d.Venue
			v.ID, v.ProviderID, v.Provenance = 0, 0, catalogue.Provenance{}
			v.CreatedAt, v.UpdatedAt = time.Time{}, time.Time{}
			d.Venue = &v
		}
	}
	return &c
}

// diffFields compares two records through their JSON form and lists the
// fields that differ ("offer.dates[0].venue.name: a ≠ b"), leaving out
// fields under the ignored names (without indexes: "date.price" is every
// date's price).
func diffFields(prefix string, a, b any, ignore []string) []string {
	var ma, mb any
	for _, x := range []struct {
		v   any
		dst *any
	}{{a, &ma}, {b, &mb}} {
		j, _ := json.Marshal(x.v)
		json.Unmarshal(j, x.dst)
	}
	var out []string
	var walk func(path, generic string, x, y any)
	walk = func(path, generic string, x, y any) {
		for _, ig := range ignore {
			if generic == ig || strings.HasPrefix(generic, ig+".") {
				return
			}
		}
		xm, okx := x.(map[string]any)
		ym, oky := y.(map[string]any)
		if okx && oky {
			keys := map[string]bool{}
			for k := range xm {
				keys[k] = true
			}
			for k := range ym {
				keys[k] = true
			}
			sorted := make([]string, 0, len(keys))
			for k := range keys {
				sorted = append(sorted, k)
			}
			sort.Strings(sorted)
			for _, k := range sorted {
				g := generic + "." + k
				switch k {
				case "dates":
					g = "date"
				case "venue":
					g = "venue"
				}
				walk(path+"."+k, g, xm[k], ym[k])
			}
			return
		}
		xs, okx := x.([]any)
		ys, oky := y.([]any)
		if okx && oky && len(xs) == len(ys) {
			for i := range xs {
				walk(fmt.Sprintf("%s[%d]", path, i), generic, xs[i], ys[i])
			}
			return
		}
		if !reflect.DeepEqual(x, y) {
			out = append(out, fmt.Sprintf("%s: %.120v ≠ %.120v", path, x, y))
		}
	}
	walk(prefix, prefix, ma, mb)
	return out
}

// A delta export has the offers and providers saved since a time, and the
// offers deleted or unpublished since then as deletions; imported into a
// copy made from a full export it brings the copy up to date.
func testDeltaExport(t *testing.T, open opener) {
	tick := now
	a, b := open(t, func() time.Time { return tick }), open(t, clock)
	mustImport(t, a, realFile(t))
	full, _ := exportDEfTIS(t, a, exchange.ExportOptions{})
	importBytes(t, b, full)
	published := func(s catalogue.Store) []*catalogue.Offer {
		t.Helper()
		list, _, err := s.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusPublished, Ascending: true, Page: catalogue.Page{Limit: 100}})
		if err != nil {
			t.Fatal(err)
		}
		return list
	}
	offers := published(a)
	if len(offers) < 4 {
		t.Fatalf("%d published offers", len(offers))
	}

	// Nothing changed: the delta is empty.
	tick = tick.Add(time.Hour)
	since := tick
	doc, sum := exportDEfTIS(t, a, exchange.ExportOptions{Since: since, Now: func() time.Time { return tick }})
	if sum.Providers+sum.Offers+sum.Deleted != 0 || !bytes.Contains(doc, []byte(`DELTAUPDATE="true"`)) {
		t.Fatalf("delta without changes: %+v\n%s", sum, doc)
	}

	// Change one offer and its provider, withdraw one, delete one.
	tick = tick.Add(time.Minute)
	changed, withdrawn, deleted := offers[0], offers[1], offers[2]
	changed.Title += " (neu)"
	if err := a.SaveOffer(ctx, changed); err != nil {
		t.Fatal(err)
	}
	withdrawn.Status = catalogue.StatusWithdrawn
	if err := a.SaveOffer(ctx, withdrawn); err != nil {
		t.Fatal(err)
	}
	if err := a.DeleteOffer(ctx, deleted.ID); err != nil {
		t.Fatal(err)
	}
	p, err := a.Provider(ctx, offers[3].ProviderID)
	if err != nil {
		t.Fatal(err)
	}
	p.Description = "Neue Beschreibung."
	if err := a.SaveProvider(ctx, p); err != nil {
		t.Fatal(err)
	}

	doc, sum = exportDEfTIS(t, a, exchange.ExportOptions{Since: since, Now: func() time.Time { return tick }})
	wantProviders := 2
	if p.ID == changed.ProviderID {
		wantProviders = 1
	}
	if sum.Offers != 1 || sum.Deleted != 2 || sum.Providers != wantProviders {
		t.Fatalf("delta summary %+v, want 1 offer, 2 deletions, %d providers", sum, wantProviders)
	}
	for _, want := range []string{"<UPDATECOURSES>", "<DELETECOURSES>", fmt.Sprintf("<CS_ID>%d</CS_ID>", withdrawn.ID), fmt.Sprintf("<CS_ID>%d</CS_ID>", deleted.ID)} {
		if !bytes.Contains(doc, []byte(want)) {
			t.Errorf("delta lacks %s", want)
		}
	}
	isum := importBytes(t, b, doc)
	if isum.FullCatalogue || isum.Updated != 1 || isum.Deleted != 2 || isum.ProvidersUpdated != 1 || isum.ProvidersUnchanged != wantProviders-1 {
		t.Fatalf("import of the delta: %+v", isum)
	}
	got := published(b)
	if len(got) != len(offers)-2 {
		t.Fatalf("copy has %d published offers, want %d", len(got), len(offers)-2)
	}
	q, err := b.ProviderBySource(ctx, "lernnetz", strconv.FormatInt(changed.ProviderID, 10))
	if err != nil {
		t.Fatal(err)
	}
	c, err := b.OfferBySource(ctx, "lernnetz", q.ID, strconv.FormatInt(changed.ID, 10))
	if err != nil || c.Title != changed.Title {
		t.Fatalf("changed offer in the copy: %v %+v", err, c)
	}
	q, err = b.ProviderBySource(ctx, "lernnetz", strconv.FormatInt(p.ID, 10))
	if err != nil || q.Description != "Neue Beschreibung." {
		t.Fatalf("changed provider in the copy: %v %+v", err, q)
	}

	// A later delta starts where this one ended.
	doc, sum = exportDEfTIS(t, a, exchange.ExportOptions{Since: tick.Add(time.Second), Now: func() time.Time { return tick }})
	if sum.Offers+sum.Deleted+sum.Providers != 0 {
		t.Fatalf("delta after the last change: %+v\n%s", sum, doc)
	}
}

// The export can be limited to one provider, and has only published offers
// unless told otherwise.
func testExportFilters(t *testing.T, open opener) {
	a := open(t, clock)
	mustImport(t, a, realFile(t))
	all, _, err := a.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusPublished, Ascending: true, Page: catalogue.Page{Limit: 100}})
	if err != nil || len(all) < 3 {
		t.Fatalf("%d published offers: %v", len(all), err)
	}
	o := all[0]
	o.Status = catalogue.StatusWithdrawn
	if err := a.SaveOffer(ctx, o); err != nil {
		t.Fatal(err)
	}
	_, sum := exportDEfTIS(t, a, exchange.ExportOptions{})
	if sum.Offers != len(all)-1 || sum.Providers != 533 {
		t.Errorf("default export: %+v, want %d offers (published only)", sum, len(all)-1)
	}
	_, sum = exportDEfTIS(t, a, exchange.ExportOptions{Status: catalogue.StatusWithdrawn})
	if sum.Offers != 1 {
		t.Errorf("export of withdrawn offers: %+v", sum)
	}

	pid := all[1].ProviderID
	want := 0
	for _, x := range all[1:] {
		if x.ProviderID == pid {
			want++
		}
	}
	doc, sum := exportDEfTIS(t, a, exchange.ExportOptions{ProviderID: pid})
	if sum.Providers != 1 || sum.Offers != want {
		t.Errorf("export of provider %d: %+v, want 1 provider and %d offers", pid, sum, want)
	}
	b := open(t, clock)
	if isum := importBytes(t, b, doc); isum.ProvidersInserted != 1 || isum.Inserted != want {
		t.Errorf("import of one provider's export: %+v", isum)
	}

	if _, err := exchange.Export(ctx, a, deftis.NewWriter(io.Discard), exchange.ExportOptions{ProviderID: 999999}); !errors.Is(err, catalogue.ErrNotFound) {
		t.Errorf("export of an unknown provider: %v", err)
	}
	if _, err := exchange.Export(ctx, a, deftis.NewWriter(io.Discard), exchange.ExportOptions{Status: "verteilt"}); err == nil {
		t.Error("export of an unknown status: no error")
	}
}
