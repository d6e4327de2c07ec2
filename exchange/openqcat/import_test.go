package openqcat_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange"
	"github.com/lernnetz/lernnetz/exchange/openqcat"
	"github.com/lernnetz/lernnetz/exchange/record"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/storage/storetest"
)

// TestImportSample imports the sample delivery as `lernnetz import` does
// (format detected from the root element): everything is saved, a second
// import of the same file changes nothing, and a delta deletes an offer
// with its dates.
func TestImportSample(t *testing.T) {
	s := storetest.OpenSQLite(t, storage.WithClock(clock))
	im := &exchange.Importer{Store: s, Now: clock}
	imp := func(doc io.Reader) *exchange.Summary {
		t.Helper()
		sum, err := im.Import(ctx, doc, exchange.Options{FileName: "kursnet-saar.xml"})
		if err != nil {
			t.Fatalf("import: %v", err)
		}
		return sum
	}
	sample, err := os.ReadFile("testdata/kursnet-saar.xml")
	if err != nil {
		t.Fatal(err)
	}
	sum := imp(bytes.NewReader(sample))
	if sum.Format != "openqcat" || sum.Source != "saarbruecker-bildungswerk" || sum.Inserted != 3 || sum.ProvidersInserted != 1 ||
		sum.VenuesInserted != 3 || sum.RejectedRecords != 0 {
		t.Fatalf("first import: %+v", sum)
	}
	p, err := s.ProviderBySource(ctx, "saarbruecker-bildungswerk", "4711")
	if err != nil {
		t.Fatal(err)
	}
	o, err := s.OfferBySource(ctx, "saarbruecker-bildungswerk", p.ID, "LAG-2026")
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Dates) != 2 || o.Dates[0].Venue == nil || o.Dates[0].Venue.Name != "Lagerhalle Burbach" || o.Dates[1].SeatsMax != 12 {
		t.Errorf("stored offer: %+v", o)
	}
	if again := imp(bytes.NewReader(sample)); again.Unchanged != 3 || again.Inserted+again.Updated != 0 || again.ProvidersUnchanged != 1 {
		t.Errorf("second import of the same file: %+v", again)
	}
	delta := `<?xml version="1.0" encoding="UTF-8"?>
<OPENQCAT version="1.1"><HEADER><CATALOG><LANGUAGE>deu</LANGUAGE><CATALOG_ID>SBW-2026</CATALOG_ID><CATALOG_NAME>Saarbrücker Bildungswerk</CATALOG_NAME></CATALOG>
<SUPPLIER><SUPPLIER_ID type="supplier_specific">4711</SUPPLIER_ID><SUPPLIER_NAME>Saarbrücker Bildungswerk gGmbH</SUPPLIER_NAME></SUPPLIER></HEADER>
<UPDATE_CATALOG seq_number="1"><DELETE><SERVICE><PRODUCT_ID>EXC-01</PRODUCT_ID></SERVICE></DELETE></UPDATE_CATALOG></OPENQCAT>`
	if d := imp(strings.NewReader(delta)); d.Deleted != 1 || d.Withdrawn != 0 {
		t.Errorf("delta: %+v", d)
	}
	if _, err := s.OfferBySource(ctx, "saarbruecker-bildungswerk", p.ID, "EXC-01"); !errors.Is(err, catalogue.ErrNotFound) {
		t.Errorf("deleted offer still there: %v", err)
	}
}

// TestWriterDelta writes a delta the way Export calls a writer – offers
// first, deletions last – and checks that the document lists DELETE before
// NEW, as the schema wants, and reads back as deletions and updates.
func TestWriterDelta(t *testing.T) {
	var out bytes.Buffer
	w := openqcat.NewWriter(&out)
	start := time.Date(2026, 5, 4, 9, 0, 0, 0, catalogue.Berlin)
	steps := []error{
		w.Begin(&record.ExportHeader{SupplierName: "lernnetz", Timestamp: start, Delta: true, Since: start.AddDate(0, 0, -1)}),
		w.Provider(&catalogue.Provider{ID: 3, Name: "VHS <Regionalverband> & Co", Kind: "adult_education_centre"}),
		w.Offer(&catalogue.Offer{ID: 7, ProviderID: 3, Title: `Kurs "<script>alert(1)</script>"`, Type: "further_training", Status: catalogue.StatusPublished,
			Dates: []catalogue.Date{{ID: 9, StartKind: catalogue.StartFixed, Start: &start}}}, nil),
		w.Deleted(5),
		w.Deleted(6),
		w.End(),
	}
	for i, err := range steps {
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	doc := out.String()
	if i, j := strings.Index(doc, "<DELETE>"), strings.Index(doc, "<NEW>"); i < 0 || j < i {
		t.Fatalf("DELETE must come before NEW:\n%s", doc)
	}
	if strings.Contains(doc, "<script>") {
		t.Error("markup in a title is not escaped")
	}
	if !strings.Contains(doc, `<COURSE_TYPE>5</COURSE_TYPE>`) || !strings.Contains(doc, `<SERVICE_PRICE type="on_request">`) {
		t.Error("a further training offer without a price is not a Weiterbildungsangebot with a price on request")
	}
	recs := mustReadAll(t, strings.NewReader(doc))
	var kinds []string
	for _, r := range recs {
		kinds = append(kinds, r.Kind.String()+":"+r.SourceID)
	}
	if got := strings.Join(kinds, " "); got != "header: provider:3 delete:5 delete:6 offer:7" {
		t.Fatalf("records %s", got)
	}
	h, p, o := recs[0].Header, recs[1].Provider, recs[4].Offer
	if !h.Delta || h.Source != "lernnetz" || !h.Timestamp.Equal(start) {
		t.Errorf("header %+v", h)
	}
	if p.Name != "VHS <Regionalverband> & Co" || p.Kind != "adult_education_centre" {
		t.Errorf("provider %+v", p)
	}
	if o.Title != `Kurs "<script>alert(1)</script>"` || o.Type != "further_training" || o.Price != nil || len(o.Dates) != 1 || o.Dates[0].SourceID != "7-9" ||
		!o.Dates[0].Start.Equal(start) || recs[4].Op != record.OpInsert || recs[4].ProviderSourceID != "3" {
		t.Errorf("offer %+v", o)
	}
}
