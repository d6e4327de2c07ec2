package openqcat_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/demo"
	"github.com/lernnetz/lernnetz/exchange"
	"github.com/lernnetz/lernnetz/exchange/openqcat"
	"github.com/lernnetz/lernnetz/internal/shared"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/storage/storetest"
)

var ctx = context.Background()

func clock() time.Time { return storetest.Now }

// realFile returns the real WDB Brandenburg DEfTIS export in the shared
// data beside the repository, or skips the test.
func realFile(t *testing.T) string { return shared.Path(t, shared.PAS1045) }

func TestRoundTripSQLite(t *testing.T) {
	testRoundTrip(t, func(t *testing.T) catalogue.Store { return storetest.OpenSQLite(t, storage.WithClock(clock)) })
}

func TestRoundTripPostgres(t *testing.T) {
	testRoundTrip(t, func(t *testing.T) catalogue.Store { return storetest.OpenPostgres(t, storage.WithClock(clock)) })
}

// testRoundTrip loads the demo catalogue and imports the real DEfTIS file
// into a store, exports it as open-Qcat, imports that into an empty store
// and compares everything the format carries, offer by offer.
func testRoundTrip(t *testing.T, open func(t *testing.T) catalogue.Store) {
	src := open(t)
	if err := demo.Load(ctx, src, clock()); err != nil {
		t.Fatalf("demo: %v", err)
	}
	f, err := os.Open(realFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	im := &exchange.Importer{Store: src, Now: clock}
	if _, err := im.Import(ctx, f, exchange.Options{Format: "deftis"}); err != nil {
		t.Fatalf("DEfTIS import: %v", err)
	}

	var doc bytes.Buffer
	sum, err := exchange.Export(ctx, src, openqcat.NewWriter(&doc), exchange.ExportOptions{Now: clock})
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	if sum.Offers < 100 || sum.Providers < 100 {
		t.Fatalf("export wrote %d providers and %d offers; want the demo and the real file", sum.Providers, sum.Offers)
	}

	dst := open(t)
	got, err := (&exchange.Importer{Store: dst, Now: clock}).Import(ctx, bytes.NewReader(doc.Bytes()), exchange.Options{Format: "openqcat", FileName: "export.xml"})
	if err != nil {
		t.Fatalf("import of the export: %v", err)
	}
	if got.RejectedRecords > 0 {
		t.Fatalf("import of the export rejected %d records, first: %+v", got.RejectedRecords, got.Rejected[0])
	}
	if got.Inserted != sum.Offers || got.ProvidersInserted != sum.Providers {
		t.Fatalf("import of the export: %d offers, %d providers; exported %d, %d", got.Inserted, got.ProvidersInserted, sum.Offers, sum.Providers)
	}

	const source = "lernnetz"
	compared, dates := 0, 0
	providers := map[int64]int64{} // id in src → id in dst
	for after := int64(0); ; {
		page, _, err := src.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusPublished, Ascending: true, AfterID: after, SkipTotal: true, Page: catalogue.Page{Limit: 200}})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, listed := range page {
			after = listed.ID
			want, err := src.Offer(ctx, listed.ID)
			if err != nil {
				t.Fatal(err)
			}
			pid, ok := providers[want.ProviderID]
			if !ok {
				wp, err := src.Provider(ctx, want.ProviderID)
				if err != nil {
					t.Fatal(err)
				}
				gp, err := dst.ProviderBySource(ctx, source, strconv.FormatInt(wp.ID, 10))
				if err != nil {
					t.Fatalf("provider %d %q not in the re-import: %v", wp.ID, wp.Name, err)
				}
				compareProvider(t, wp, gp)
				pid = gp.ID
				providers[want.ProviderID] = pid
			}
			have, err := dst.OfferBySource(ctx, source, pid, strconv.FormatInt(want.ID, 10))
			if err != nil {
				t.Fatalf("offer %d %q not in the re-import: %v", want.ID, want.Title, err)
			}
			venues := map[int64]*catalogue.Venue{}
			for _, d := range want.Dates {
				if d.VenueID != 0 {
					v, err := src.Venue(ctx, d.VenueID)
					if err != nil {
						t.Fatal(err)
					}
					venues[v.ID] = v
				}
			}
			compareOffer(t, want, have, venues)
			compared++
			dates += len(want.Dates)
		}
	}
	if compared != sum.Offers {
		t.Fatalf("compared %d offers, exported %d", compared, sum.Offers)
	}
	t.Logf("round trip: %d providers, %d offers with %d dates, %d bytes of open-Qcat", len(providers), compared, dates, doc.Len())
}

func check(t *testing.T, what string, want, have any) {
	t.Helper()
	want, have = emptyNil(want), emptyNil(have)
	if !reflect.DeepEqual(want, have) {
		t.Errorf("%s: exported %#v, read back %#v", what, want, have)
	}
}

func compareAddress(t *testing.T, what string, want, have catalogue.Address) {
	t.Helper()
	if want.Country == "" {
		want.Country = "DE"
	}
	if want.State == "" {
		have.State = "" // read back from the postal code
	}
	check(t, what, want, have)
}

func compareProvider(t *testing.T, want, have *catalogue.Provider) {
	t.Helper()
	what := fmt.Sprintf("provider %d %q", want.ID, want.Name)
	check(t, what+" name", want.Name, have.Name)
	check(t, what+" kind", want.Kind, have.Kind)
	compareAddress(t, what+" address", want.Address, have.Address)
	check(t, what+" phone", want.Phone, have.Phone)
	check(t, what+" email", want.Email, have.Email)
	check(t, what+" website", want.Website, have.Website)
	check(t, what+" contacts", want.Contacts, have.Contacts)
	var ba []catalogue.ExternalID
	for _, x := range want.ExternalIDs {
		if x.Scheme == "ba" {
			ba = append(ba, x)
			break
		}
	}
	var haveBA []catalogue.ExternalID
	for _, x := range have.ExternalIDs {
		if x.Scheme == "ba" {
			haveBA = append(haveBA, x)
		}
	}
	check(t, what+" BA number", ba, haveBA)
}

func compareOffer(t *testing.T, want, have *catalogue.Offer, venues map[int64]*catalogue.Venue) {
	t.Helper()
	what := fmt.Sprintf("offer %d %q", want.ID, want.Title)
	check(t, what+" title", want.Title, have.Title)
	check(t, what+" description", want.Description, have.Description)
	check(t, what+" contents", want.Contents, have.Contents)
	check(t, what+" target group", want.TargetGroup, have.TargetGroup)
	check(t, what+" prerequisites", want.Prerequisites, have.Prerequisites)
	check(t, what+" learning outcomes", want.LearningOutcomes, have.LearningOutcomes)
	check(t, what+" type", want.Type, have.Type)
	if len(want.DeliveryModes) > 0 { // one INSTRUCTION_FORM: the first mode
		check(t, what+" delivery mode", want.DeliveryModes[:1], have.DeliveryModes)
	}
	check(t, what+" languages", want.Languages, have.Languages)
	check(t, what+" degree", want.Degree, have.Degree)
	check(t, what+" degree type", want.DegreeType, have.DegreeType)
	check(t, what+" exam", want.Exam, have.Exam)
	comparePrice(t, what+" price", want.Price, have.Price)
	check(t, what+" funding", want.Funding, have.Funding)
	check(t, what+" funding note", want.FundingNote, have.FundingNote)
	check(t, what+" topics", want.Topics, have.Topics)
	check(t, what+" info URL", want.InfoURL, have.InfoURL)
	check(t, what+" registration URL", want.RegistrationURL, have.RegistrationURL)
	check(t, what+" contacts", want.Contacts, have.Contacts)
	if len(want.Dates) != len(have.Dates) {
		t.Errorf("%s: %d dates exported, %d read back", what, len(want.Dates), len(have.Dates))
		return
	}
	byID := map[string]catalogue.Date{}
	for _, d := range have.Dates {
		byID[d.SourceID] = d
	}
	for _, w := range want.Dates {
		h, ok := byID[fmt.Sprintf("%d-%d", want.ID, w.ID)]
		dw := fmt.Sprintf("%s date %d", what, w.ID)
		if !ok {
			t.Errorf("%s: not read back", dw)
			continue
		}
		wantKind := w.StartKind
		if wantKind == catalogue.StartPermanent && w.Note != "" {
			// the note needs a SERVICE_DATE, and a flexible start with one
			// reads as rolling (see doc.go)
			wantKind = catalogue.StartRolling
		}
		check(t, dw+" start kind", wantKind, h.StartKind)
		if w.StartKind == catalogue.StartFixed || w.StartKind == catalogue.StartRolling {
			compareTime(t, dw+" start", w.Start, h.Start)
		}
		compareTime(t, dw+" end", w.End, h.End)
		compareTime(t, dw+" registration deadline", w.RegistrationDeadline, h.RegistrationDeadline)
		var tp []string
		for _, p := range w.TimePatterns {
			if p == "full_time" || p == "part_time" {
				tp = []string{p}
				break
			}
		}
		check(t, dw+" time pattern", tp, h.TimePatterns)
		check(t, dw+" time description", w.TimeDescription, h.TimeDescription)
		if w.DurationUnit != "" {
			check(t, dw+" duration", fmt.Sprint(w.Duration, w.DurationUnit), fmt.Sprint(h.Duration, h.DurationUnit))
		}
		check(t, dw+" seats", [2]int{w.SeatsMin, w.SeatsMax}, [2]int{h.SeatsMin, h.SeatsMax})
		comparePrice(t, dw+" price", w.Price, h.Price)
		check(t, dw+" measure number", w.MeasureNumber, h.MeasureNumber)
		check(t, dw+" contact", w.Contact, h.Contact)
		check(t, dw+" note", w.Note, h.Note)
		if v := venues[w.VenueID]; v != nil {
			if h.Venue == nil {
				t.Errorf("%s: venue %q not read back", dw, v.Name)
				continue
			}
			check(t, dw+" venue name", v.Name, h.Venue.Name)
			compareAddress(t, dw+" venue address", v.Address, h.Venue.Address)
			check(t, dw+" venue contact", [4]string{v.Phone, v.Email, v.Website, v.Description},
				[4]string{h.Venue.Phone, h.Venue.Email, h.Venue.Website, h.Venue.Description})
			check(t, dw+" venue step-free", slices.Contains(v.Accessibility, "step_free"), slices.Contains(h.Venue.Accessibility, "step_free"))
		}
	}
}

func comparePrice(t *testing.T, what string, want, have *catalogue.Price) {
	t.Helper()
	if want == nil || have == nil {
		check(t, what, want == nil, have == nil)
		return
	}
	check(t, what, [3]any{want.AmountCents, want.Currency, want.Note}, [3]any{have.AmountCents, have.Currency, have.Note})
}

func compareTime(t *testing.T, what string, want, have *time.Time) {
	t.Helper()
	if want == nil || have == nil {
		check(t, what+" set", want != nil, have != nil)
		return
	}
	if !want.Equal(*have) {
		t.Errorf("%s: exported %s, read back %s", what, want, have)
	}
}

// emptyNil treats an empty list as none: the store reads back [] for nil.
func emptyNil(v any) any {
	switch l := v.(type) {
	case []string:
		if len(l) == 0 {
			return []string(nil)
		}
	case []catalogue.Contact:
		if len(l) == 0 {
			return []catalogue.Contact(nil)
		}
	case []catalogue.ExternalID:
		if len(l) == 0 {
			return []catalogue.ExternalID(nil)
		}
	}
	return v
}
