package exchange_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange"
	"github.com/lernnetz/lernnetz/exchange/deftis"
	"github.com/lernnetz/lernnetz/internal/shared"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/storage/storetest"
)

var ctx = context.Background()

// now is the time the imports and stores run at: after the real file's
// dates, before the test files'.
var now = storetest.Now

func clock() time.Time { return now }

func TestImportSQLite(t *testing.T) {
	runImportTests(t, func(t *testing.T) catalogue.Store { return storetest.OpenSQLite(t, storage.WithClock(clock)) })
}

func TestImportPostgres(t *testing.T) {
	runImportTests(t, func(t *testing.T) catalogue.Store { return storetest.OpenPostgres(t, storage.WithClock(clock)) })
}

// runImportTests runs every import test on a new store from open.
func runImportTests(t *testing.T, open func(t *testing.T) catalogue.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s catalogue.Store)
	}{
		{"RealFile", testRealFile},
		{"DeltaUpdatesAndDeletes", testDelta},
		{"FullCatalogueWithdrawsMissing", testWithdraw},
		{"CutOffFileWithdrawsNothing", testCutOff},
		{"KilledImportResumes", testKilled},
		{"BadRecordsAreRejected", testBadRecords},
		{"HostileFileImportsNothing", testHostile},
		{"DryRunSavesNothing", testDryRun},
		{"BoundToOneProvider", testBoundToProvider},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

func importer(s catalogue.Store) *exchange.Importer {
	return &exchange.Importer{Store: s, Now: clock}
}

func importFile(t *testing.T, im *exchange.Importer, path string, opts exchange.Options) (*exchange.Summary, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if opts.FileName == "" {
		opts.FileName = filepath.Base(path)
	}
	return im.Import(ctx, f, opts)
}

func mustImport(t *testing.T, s catalogue.Store, path string) *exchange.Summary {
	t.Helper()
	sum, err := importFile(t, importer(s), path, exchange.Options{})
	if err != nil {
		t.Fatalf("import %s: %v", path, err)
	}
	return sum
}

// counts is the part of a summary the tests compare.
type counts struct {
	Inserted, Updated, Unchanged, Withdrawn, Deleted, DeleteNotFound, Duplicates int
	ProvidersInserted, ProvidersUpdated, ProvidersUnchanged, Rejected            int
}

func countsOf(s *exchange.Summary) counts {
	return counts{s.Inserted, s.Updated, s.Unchanged, s.Withdrawn, s.Deleted, s.DeleteNotFound, s.DuplicatesFlagged,
		s.ProvidersInserted, s.ProvidersUpdated, s.ProvidersUnchanged, s.RejectedRecords}
}

func wantCounts(t *testing.T, what string, s *exchange.Summary, want counts) {
	t.Helper()
	if got := countsOf(s); got != want {
		t.Fatalf("%s:\n got %+v\nwant %+v\nrejected: %+v", what, got, want, s.Rejected)
	}
}

func lastSeq(t *testing.T, s catalogue.Store) int64 {
	t.Helper()
	var seq int64
	for {
		changes, err := s.Changes(ctx, seq, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(changes) == 0 {
			return seq
		}
		seq = changes[len(changes)-1].Seq
	}
}

func offer(t *testing.T, s catalogue.Store, source, provider, course string) *catalogue.Offer {
	t.Helper()
	p, err := s.ProviderBySource(ctx, source, provider)
	if err != nil {
		t.Fatalf("provider %s: %v", provider, err)
	}
	o, err := s.OfferBySource(ctx, source, p.ID, course)
	if err != nil {
		t.Fatalf("offer %s: %v", course, err)
	}
	return o
}

func total(t *testing.T, s catalogue.Store) (providers, offers int) {
	t.Helper()
	_, providers, err := s.Providers(ctx, catalogue.ProviderFilter{})
	if err != nil {
		t.Fatal(err)
	}
	_, offers, err = s.Offers(ctx, catalogue.OfferFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return providers, offers
}

// realFile returns the real WDB Brandenburg export in the shared data
// beside the repository, or skips the test.
func realFile(t *testing.T) string { return shared.Path(t, shared.PAS1045) }

func testRealFile(t *testing.T, s catalogue.Store) {
	path := realFile(t)
	sum := mustImport(t, s, path)
	wantCounts(t, "first import", sum, counts{Inserted: 19, Duplicates: 1, ProvidersInserted: 533})
	if sum.Source != "wdb-brandenburg" || !sum.FullCatalogue || !sum.Complete() || sum.DataSupplier != "WDB-Brandenburg" {
		t.Fatalf("summary: %+v", sum)
	}
	if p, o := total(t, s); p != 533 || o != 19 {
		t.Fatalf("%d providers and %d offers in the store, want 533 and 19", p, o)
	}

	// Umlauts and ß of ISO-8859-15, and a repaired "&amp;#8211;".
	providers, _, err := s.Providers(ctx, catalogue.ProviderFilter{Page: catalogue.Page{Limit: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, p := range providers {
		kinds[p.Name] = p.Kind
	}
	for name, kind := range map[string]string{
		"Akademie für Fußpflege, Kosmetik und Wellness": "private_provider",
		"Oberstufenzentrum 2 Spree-Neiße":               "school",
		"Volkshochschule Potsdam":                       "adult_education_centre",
		"Handwerkskammer Potsdam":                       "chamber",
		"Europa-Universität Viadrina Frankfurt":         "university",
		"Zentrum für Rechts- und Verwaltungswissenschaften an der BTU Cottbus – Senftenberg": "private_provider",
	} {
		if got, ok := kinds[name]; !ok || got != kind {
			t.Errorf("provider %q: kind %q (found %v), want %q", name, got, ok, kind)
		}
	}

	const src, morphos = "wdb-brandenburg", "D83B91CF-13E0-028C-BCF9-8F9D02CE03B9"
	o := offer(t, s, src, morphos, "A1E06AAB-F264-4308-F318-2C2E43E1CB54") // Experte im Prozessmanagement
	if o.Title != "Experte im Prozessmanagement" || o.Price == nil || o.Price.AmountCents != 151380 || o.Price.Currency != "EUR" {
		t.Fatalf("price of %q: %+v", o.Title, o.Price)
	}
	if strings.Join(o.Funding, ",") != "bildungsgutschein" || strings.Join(o.DeliveryModes, ",") != "e_learning,virtual_classroom" ||
		o.Type != "further_training" || o.TeachingHours != 180 || o.Status != catalogue.StatusExpired || len(o.Contacts) != 2 {
		t.Fatalf("offer mapped wrong: %+v", o)
	}
	if len(o.Dates) != 3 {
		t.Fatalf("%d dates, want 3", len(o.Dates))
	}
	d := o.Dates[0]
	if !d.Start.Equal(time.Date(2022, 10, 26, 0, 0, 0, 0, catalogue.Berlin)) || !d.End.Equal(time.Date(2022, 11, 24, 0, 0, 0, 0, catalogue.Berlin)) ||
		d.Duration != 180 || d.DurationUnit != "hours" || d.MeasureNumber != "M-04393-26001" || d.SourceID != "59764E00-FB5A-A427-2C7D-2E8CFFCF2155" ||
		d.TimeDescription != "Montag-Freitag 08:30-16:30 Uhr" || strings.Join(d.TimePatterns, ",") != "full_time" || d.SeatsMax != 15 {
		t.Fatalf("date mapped wrong: %+v", d)
	}
	if d.Venue == nil || d.Venue.Geo == nil || d.Venue.Address.PostalCode != "14469" || d.Venue.Kind != "classroom" ||
		strings.Join(d.Venue.Accessibility, ",") != "step_free" || d.Venue.ProviderID != o.ProviderID {
		t.Fatalf("venue: %+v", d.Venue)
	}
	if o.Extensions["CS_WDB_SYSTEMATIK_AA"] != "C 0235-20-15" || o.Extensions["CS_WDB_SCHULART_AA@typ"] != "105" ||
		o.Extensions["COURSESCHEDULES/SCHEDULE[2]/S_WDB_INFOLINK"] == "" {
		t.Fatalf("extensions lost: %v", o.Extensions)
	}
	_, dates, err := s.Dates(ctx, catalogue.DateFilter{From: &time.Time{}})
	if err != nil || dates != 50 {
		t.Fatalf("%d dates in the store (%v), want 44 schedules and 6 free schedules", dates, err)
	}

	for _, tc := range []struct{ provider, course, funding, modes, startKind string }{
		{"D85E38CE-1EA0-09B5-F906-05A96EAEA485", "A0C57A36-C189-91B3-E817-ABC41C71401F", "eu_programme,federal_programme", "classroom", catalogue.StartFixed},
		{"D89A63F4-DFD6-6E68-DBB3-BD90294C09E4", "A1E00470-9251-11EC-AB1A-357BCD0E40C4", "state_programme", "distance", catalogue.StartPermanent},
		{morphos, "A1DD8697-1F77-7DCA-4010-76D1AEBDE054", "bildungsgutschein,avgs", "individual_coaching,classroom", catalogue.StartOnRequest},
		{"D84DD4B8-D88D-DB49-4731-4BBEF089EC3F", "A06BA7DE-27F8-852E-6B8D-447F09FF6077", "", "classroom", catalogue.StartOnRequest},
	} {
		o := offer(t, s, src, tc.provider, tc.course)
		if strings.Join(o.Funding, ",") != tc.funding || strings.Join(o.DeliveryModes, ",") != tc.modes || o.Dates[0].StartKind != tc.startKind {
			t.Errorf("%q: funding %v, modes %v, start %s; want %s, %s, %s", o.Title, o.Funding, o.DeliveryModes, o.Dates[0].StartKind, tc.funding, tc.modes, tc.startKind)
		}
	}

	// The university's two identical offers: both kept, the second flagged.
	const btu = "D8659D76-A6AB-B7D8-B097-A37DEF63818E"
	first := offer(t, s, src, btu, "A0CA7A7B-D327-7696-5003-452D53EB3777")
	second := offer(t, s, src, btu, "A0CA8AEC-98C1-1D6F-1831-FFBC9DE00861")
	if first.ID == second.ID || first.DuplicateOf != 0 || second.DuplicateOf != first.ID {
		t.Fatalf("duplicates: first %d (duplicate of %d), second %d (duplicate of %d)", first.ID, first.DuplicateOf, second.ID, second.DuplicateOf)
	}

	// Again: nothing changes, nothing is written.
	seq := lastSeq(t, s)
	sum = mustImport(t, s, path)
	wantCounts(t, "second import", sum, counts{Unchanged: 19, Duplicates: 1, ProvidersUnchanged: 533})
	if sum.VenuesInserted != 0 || sum.VenuesUpdated != 0 {
		t.Fatalf("venues written again: %+v", sum)
	}
	if changes, err := s.Changes(ctx, seq, 10); err != nil || len(changes) != 0 {
		t.Fatalf("the second import wrote to the change log: %+v, %v", changes, err)
	}
}

func testDelta(t *testing.T, s catalogue.Store) {
	sum := mustImport(t, s, "testdata/full.xml")
	wantCounts(t, "full", sum, counts{Inserted: 3, ProvidersInserted: 2})
	const src = "kursportal-musterland"
	c1 := offer(t, s, src, "P1", "C1")
	keptDate := c1.Dates[1].ID
	if c1.Price.AmountCents != 14950 || c1.Dates[0].Venue == nil || c1.Provenance.Source != src || c1.Provenance.ImportedAt == nil {
		t.Fatalf("C1: %+v", c1)
	}
	c3 := offer(t, s, src, "P2", "C3")
	if !strings.Contains(c3.Description, `<script>alert("x")</script>`) {
		t.Fatalf("markup must be kept as text: %q", c3.Description)
	}

	sum, err := importFile(t, importer(s), "testdata/delta-latin9.xml", exchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// P2's description lost its dash (ISO-8859-15 has no "–"): an update.
	wantCounts(t, "delta", sum, counts{Inserted: 1, Updated: 1, Deleted: 1, DeleteNotFound: 1, ProvidersUpdated: 1})
	c1 = offer(t, s, src, "P1", "C1")
	if c1.Title != "Englisch B1 am Abend (Aufbaukurs)" || c1.Price.AmountCents != 123450 || c1.Price.Note != "inkl. Lehrbuch (25 €)" {
		t.Fatalf("C1 not updated: %q %+v", c1.Title, c1.Price)
	}
	if len(c1.Dates) != 1 || c1.Dates[0].ID != keptDate {
		t.Fatalf("C1's remaining date %+v should keep id %d", c1.Dates, keptDate)
	}
	p2, err := s.ProviderBySource(ctx, src, "P2")
	if err != nil || p2.Name != "Bildungswerk Groß & Söhne GmbH" || p2.Description != "Schweißen, Buchhaltung und mehr - seit 1990." {
		t.Fatalf("P2: %+v, %v", p2, err)
	}
	p1, _ := s.ProviderBySource(ctx, src, "P1")
	if _, err := s.OfferBySource(ctx, src, p2.ID, "C2"); !errors.Is(err, catalogue.ErrNotFound) {
		t.Fatalf("C2 should be deleted: %v", err)
	}
	c4 := offer(t, s, src, "P1", "C4")
	if c4.Title != "Öffentlichkeitsarbeit für Vereine" || c4.ProviderID != p1.ID || c4.Price.AmountCents != 8900 ||
		strings.Join(c4.Dates[0].TimePatterns, ",") != "weekend" || c4.Status != catalogue.StatusPublished {
		t.Fatalf("C4: %+v", c4)
	}
	if _, n := total(t, s); n != 3 {
		t.Fatalf("%d offers, want 3", n)
	}
	// The same delta again: nothing to do.
	sum = mustImport(t, s, "testdata/delta-latin9.xml")
	wantCounts(t, "delta again", sum, counts{Unchanged: 2, DeleteNotFound: 2, ProvidersUnchanged: 1})
}

func testWithdraw(t *testing.T, s catalogue.Store) {
	mustImport(t, s, "testdata/full.xml")
	const src = "kursportal-musterland"
	sum := mustImport(t, s, "testdata/full-without-c2.xml")
	wantCounts(t, "full without C2", sum, counts{Unchanged: 2, Withdrawn: 1, ProvidersUnchanged: 2})
	c2 := offer(t, s, src, "P2", "C2")
	if c2.Status != catalogue.StatusWithdrawn || len(c2.Dates) != 1 {
		t.Fatalf("C2 should be withdrawn, not deleted: %s with %d dates", c2.Status, len(c2.Dates))
	}
	sum = mustImport(t, s, "testdata/full-without-c2.xml")
	wantCounts(t, "again", sum, counts{Unchanged: 2, ProvidersUnchanged: 2})
	sum = mustImport(t, s, "testdata/full.xml")
	wantCounts(t, "C2 is back", sum, counts{Updated: 1, Unchanged: 2, ProvidersUnchanged: 2})
	if c2 = offer(t, s, src, "P2", "C2"); c2.Status != catalogue.StatusPublished {
		t.Fatalf("C2 is %s, want published again", c2.Status)
	}
}

// cut returns the file at path cut off in the middle of the element that
// starts with marker.
func cut(t *testing.T, path, marker string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte(marker))
	if i < 0 {
		t.Fatalf("%s has no %q", path, marker)
	}
	return data[:i+len(marker)/2]
}

func testCutOff(t *testing.T, s catalogue.Store) {
	im := importer(s)
	im.BatchSize = 2
	data := cut(t, "testdata/full.xml", "<CS_NAME>Schweißen")
	sum, err := im.Import(ctx, bytes.NewReader(data), exchange.Options{FileName: "cut.xml"})
	if !errors.Is(err, deftis.ErrSyntax) || sum.Error == "" || sum.WithdrawalSkipped == "" {
		t.Fatalf("a cut-off file: %v, %+v", err, sum)
	}
	// The providers and the two complete courses are saved; C3 is not.
	wantCounts(t, "cut off", sum, counts{Inserted: 2, ProvidersInserted: 2})
	if _, n := total(t, s); n != 2 {
		t.Fatalf("%d offers, want 2", n)
	}
	sum = mustImport(t, s, "testdata/full.xml")
	wantCounts(t, "complete", sum, counts{Inserted: 1, Unchanged: 2, ProvidersUnchanged: 2})

	// A cut-off full catalogue that lacks C2 (and C3, cut) withdraws nothing.
	data = cut(t, "testdata/full-without-c2.xml", "<CS_NAME>Schweißen")
	if _, err := im.Import(ctx, bytes.NewReader(data), exchange.Options{}); err == nil {
		t.Fatal("no error for a cut-off file")
	}
	refs, err := s.SourceOffers(ctx, "kursportal-musterland")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range refs {
		if r.Status != catalogue.StatusPublished {
			t.Errorf("%s is %s after a cut-off file", r.SourceID, r.Status)
		}
	}
}

// killer hands out a file in small pieces and cancels the import once it
// has read past a point, like a process killed mid-way.
type killer struct {
	data   []byte
	pos    int
	at     int
	cancel context.CancelFunc
}

func (k *killer) Read(p []byte) (int, error) {
	if k.pos >= len(k.data) {
		return 0, nil
	}
	n := copy(p[:min(len(p), 64)], k.data[k.pos:])
	k.pos += n
	if k.pos > k.at {
		k.cancel()
	}
	return n, nil
}

func testKilled(t *testing.T, s catalogue.Store) {
	data, err := os.ReadFile("testdata/full.xml")
	if err != nil {
		t.Fatal(err)
	}
	im := importer(s)
	im.BatchSize = 2 // P1+P2, then C1+C2, then C3 alone
	kctx, cancel := context.WithCancel(ctx)
	defer cancel()
	k := &killer{data: data, at: bytes.Index(data, []byte("<CS_ID>C3</CS_ID>")), cancel: cancel}
	sum, err := im.Import(kctx, k, exchange.Options{FileName: "full.xml"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
	// Reading runs ahead of saving, so the kill may catch the second batch
	// before or after its commit; either way batches land whole, and C3,
	// read after the kill, not at all.
	p, o := total(t, s)
	if (p != 0 && p != 2) || (o != 0 && o != 2) || p != sum.ProvidersInserted || o != sum.Inserted {
		t.Fatalf("after the kill: %d providers, %d offers, summary %+v; want whole batches", p, o, countsOf(sum))
	}
	sum = mustImport(t, s, "testdata/full.xml")
	if sum.Inserted+sum.Unchanged != 3 || sum.Inserted != 3-o || sum.ProvidersInserted != 2-p {
		t.Fatalf("resumed: %+v", countsOf(sum))
	}
	if _, o = total(t, s); o != 3 {
		t.Fatalf("%d offers after resuming, want 3", o)
	}
}

// lineOf returns the line of the nth occurrence (1-based) of s in the file.
func lineOf(t *testing.T, path, s string, nth int) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := -1
	for range nth {
		j := bytes.Index(data[i+1:], []byte(s))
		if j < 0 {
			t.Fatalf("%q occurs fewer than %d times in %s", s, nth, path)
		}
		i += 1 + j
	}
	return bytes.Count(data[:i], []byte("\n")) + 1
}

func testBadRecords(t *testing.T, s catalogue.Store) {
	const path = "testdata/bad-records.xml"
	sum, err := importFile(t, importer(s), path, exchange.Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, "bad records", sum, counts{Inserted: 1, ProvidersInserted: 1, Rejected: 3})
	if sum.Complete() || !sum.Imported() {
		t.Fatalf("summary: %+v", sum)
	}
	const course = "DEFTISCAT/COURSETRANSACTIONS/INSERTCOURSES/COURSE"
	want := []exchange.Rejection{
		{Line: lineOf(t, path, "2027-13-45", 1), Path: course + "[1]/COURSESCHEDULES/SCHEDULE[2]/S_START_DATE", SourceID: "B1", Message: "kein Zeitpunkt"},
		{Line: lineOf(t, path, "<COURSE>", 2), Path: course + "[2]/CS_NAME", SourceID: "B2", Message: "CS_NAME"},
		{Line: lineOf(t, path, "<CS_PRICE>1.500", 1), Path: course + "[4]/CS_PRICE", SourceID: "B4", Message: "mehrdeutig"},
		{Line: lineOf(t, path, "<S_END_DATE>2027-03-01", 1), Path: course + "[4]/COURSESCHEDULES/SCHEDULE[1]/S_END_DATE", SourceID: "B4", Message: "Ende liegt vor dem Beginn"},
		{Line: lineOf(t, path, "<CS_INFOLINK>", 1), Path: course + "[4]/CS_INFOLINK", SourceID: "B4", Message: "Internetadresse"},
	}
	for _, w := range want {
		found := false
		for _, r := range sum.Rejected {
			if r.Path == w.Path && r.Line == w.Line && r.SourceID == w.SourceID && r.File == "bad-records.xml" && strings.Contains(r.Message, w.Message) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing rejection %+v; got %+v", w, sum.Rejected)
		}
	}
	if len(sum.Rejected) != len(want) {
		t.Errorf("%d rejections, want %d: %+v", len(sum.Rejected), len(want), sum.Rejected)
	}
	if o := offer(t, s, "kursportal-musterland", "P1", "B3"); o.Price.AmountCents != 12000 {
		t.Fatalf("B3: %+v", o.Price)
	}
}

func testHostile(t *testing.T, s catalogue.Store) {
	doc := `<?xml version="1.0"?>
<!DOCTYPE DEFTISCAT [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<DEFTISCAT><DATASUPPLIER><DS_NAME>&xxe;</DS_NAME></DATASUPPLIER>
<COURSESUPPLIERS><COURSESUPPLIER><CSS_NAME>X</CSS_NAME><CSS_ID>1</CSS_ID></COURSESUPPLIER></COURSESUPPLIERS></DEFTISCAT>`
	sum, err := importer(s).Import(ctx, strings.NewReader(doc), exchange.Options{FileName: "xxe.xml"})
	if !errors.Is(err, deftis.ErrForbidden) || sum.Imported() || !strings.Contains(sum.Error, "Zeile 2") {
		t.Fatalf("a hostile file: %v, %+v", err, sum)
	}
	if p, _ := total(t, s); p != 0 {
		t.Fatalf("%d providers from a hostile file", p)
	}
}

func testDryRun(t *testing.T, s catalogue.Store) {
	sum, err := importFile(t, importer(s), "testdata/full.xml", exchange.Options{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	wantCounts(t, "dry run", sum, counts{Inserted: 3, ProvidersInserted: 2})
	if p, o := total(t, s); p != 0 || o != 0 {
		t.Fatalf("a dry run saved %d providers and %d offers", p, o)
	}
	if seq := lastSeq(t, s); seq != 0 {
		t.Fatalf("a dry run wrote to the change log (up to %d)", seq)
	}
}

// testBoundToProvider imports a file with two suppliers as an upload of one
// provider: the first supplier stands for it, the second and its courses
// are rejected with their line, and nothing of another provider changes.
func testBoundToProvider(t *testing.T, s catalogue.Store) {
	own := &catalogue.Provider{Name: "VHS Merzig", Kind: "adult_education_centre"}
	other := &catalogue.Provider{Name: "Fremder Anbieter", Kind: "private_provider"}
	for _, p := range []*catalogue.Provider{own, other} {
		if err := s.SaveProvider(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	sum, err := importFile(t, importer(s), "testdata/full.xml", exchange.Options{Source: "anbieter-1", ProviderID: own.ID})
	if err != nil {
		t.Fatal(err)
	}
	// P1 stands for own (not written), P2 is rejected with C2 and C3.
	wantCounts(t, "bound import", sum, counts{Inserted: 1, ProvidersUnchanged: 1, Rejected: 3})
	for _, r := range sum.Rejected {
		if r.Line == 0 || !strings.Contains(r.Message, "für den diese Datei hochgeladen wird") {
			t.Errorf("rejection without line or reason: %+v", r)
		}
	}
	offers, _, err := s.Offers(ctx, catalogue.OfferFilter{Page: catalogue.Page{Limit: 10}})
	if err != nil || len(offers) != 1 || offers[0].ProviderID != own.ID || offers[0].Provenance.SourceID != "C1" {
		t.Fatalf("offers after a bound import: %v %+v", err, offers)
	}
	if p, _ := s.Provider(ctx, own.ID); p.Name != "VHS Merzig" {
		t.Errorf("the file's supplier record overwrote the provider: %q", p.Name)
	}
	if _, n, _ := s.Providers(ctx, catalogue.ProviderFilter{}); n != 2 {
		t.Errorf("providers = %d, want 2: the file's second supplier was created", n)
	}
}
