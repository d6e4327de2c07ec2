package csvfmt_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/demo"
	"github.com/lernnetz/lernnetz/exchange"
	"github.com/lernnetz/lernnetz/exchange/csvfmt"
)

// TestRoundTrip exports a catalogue as CSV, imports the file into an empty
// store and compares everything CSV carries: the Saarland demo and the
// real WDB Brandenburg file (imported from DEfTIS first).
func TestRoundTrip(t *testing.T) {
	eachStore(t, func(t *testing.T, open func(t *testing.T) catalogue.Store) {
		t.Run("Demo", func(t *testing.T) {
			src := open(t)
			if err := demo.Load(ctx, src, now); err != nil {
				t.Fatal(err)
			}
			roundTrip(t, src, open(t))
		})
		t.Run("PAS1045", func(t *testing.T) {
			path := pas1045File(t)
			src := open(t)
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			im := &exchange.Importer{Store: src, Now: clock}
			if _, err := im.Import(ctx, f, exchange.Options{FileName: "wdb.xml"}); err != nil {
				t.Fatal(err)
			}
			roundTrip(t, src, open(t))
		})
	})
}

func roundTrip(t *testing.T, src, dst catalogue.Store) {
	var buf bytes.Buffer
	xs, err := exchange.Export(ctx, src, csvfmt.NewWriter(&buf), exchange.ExportOptions{Status: exchange.StatusAny, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\uFEFFanbieter_id;anbieter_name;")) || !bytes.Contains(buf.Bytes(), []byte("\r\n")) {
		t.Fatalf("the export does not start as Excel wants it: %q", buf.Bytes()[:60])
	}
	sum, err := importCSV(t, dst, "export.csv", buf.Bytes())
	if err != nil {
		t.Fatalf("import of the export: %v", err)
	}
	if sum.RejectedRecords != 0 || sum.ProvidersInserted != xs.Providers {
		t.Fatalf("exported %+v, imported %+v", xs, sum.Rejected[:min(5, len(sum.Rejected))])
	}
	t.Logf("%d providers, %d offers, %d bytes of CSV", xs.Providers, xs.Offers, buf.Len())

	// Providers, by id.
	providers := map[string]*catalogue.Provider{}
	for offset := 0; ; offset += 500 {
		page, _, err := dst.Providers(ctx, catalogue.ProviderFilter{Page: catalogue.Page{Limit: 500, Offset: offset}})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range page {
			providers[p.Provenance.SourceID] = p
		}
		if len(page) < 500 {
			break
		}
	}
	n := 0
	for offset := 0; ; offset += 500 {
		page, _, err := src.Providers(ctx, catalogue.ProviderFilter{Page: catalogue.Page{Limit: 500, Offset: offset}})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range page {
			n++
			q := providers[strconv.FormatInt(p.ID, 10)]
			if q == nil {
				t.Fatalf("provider %d (%s) is missing", p.ID, p.Name)
			}
			same(t, "provider "+p.Name, providerView(p), providerView(q))
		}
		if len(page) < 500 {
			break
		}
	}
	if n != len(providers) {
		t.Errorf("%d providers, %d after the round trip", n, len(providers))
	}

	// Offers, by id.
	got := map[string]*catalogue.Offer{}
	var after int64
	for {
		page, _, err := dst.Offers(ctx, catalogue.OfferFilter{Ascending: true, AfterID: after, SkipTotal: true, Page: catalogue.Page{Limit: 500}})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page {
			got[o.Provenance.SourceID] = o
		}
		if len(page) < 500 {
			break
		}
		after = page[len(page)-1].ID
	}
	if len(got) != xs.Offers || sum.Inserted != xs.Offers {
		t.Fatalf("%d offers exported, %d imported", xs.Offers, len(got))
	}
	after = 0
	for {
		page, _, err := src.Offers(ctx, catalogue.OfferFilter{Ascending: true, AfterID: after, SkipTotal: true, Page: catalogue.Page{Limit: 500}})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page {
			q := got[strconv.FormatInt(o.ID, 10)]
			if q == nil {
				t.Fatalf("offer %d (%s) is missing", o.ID, o.Title)
			}
			if len(q.Dates) != len(o.Dates) {
				t.Fatalf("offer %s: %d dates, %d after", o.Title, len(o.Dates), len(q.Dates))
			}
			for i := range o.Dates {
				if q.Dates[i].SourceID != strconv.FormatInt(o.Dates[i].ID, 10) {
					t.Errorf("offer %s, date %d: source id %q, want %d", o.Title, i, q.Dates[i].SourceID, o.Dates[i].ID)
				}
			}
			same(t, "offer "+o.Title, offerView(o), offerView(q))
		}
		if len(page) < 500 {
			break
		}
		after = page[len(page)-1].ID
	}
}

func same(t *testing.T, what string, a, b any) {
	t.Helper()
	ja, _ := json.MarshalIndent(a, "", " ")
	jb, _ := json.MarshalIndent(b, "", " ")
	if !bytes.Equal(ja, jb) {
		la, lb := strings.Split(string(ja), "\n"), strings.Split(string(jb), "\n")
		for i := range min(len(la), len(lb)) {
			if la[i] != lb[i] {
				t.Fatalf("%s differs after the round trip, first at line %d:\n  %s\n  %s", what, i, la[i], lb[i])
			}
		}
		t.Fatalf("%s differs after the round trip:\n%s\n%s", what, ja, jb)
	}
}

// providerView is what CSV carries of a provider.
func providerView(p *catalogue.Provider) any {
	return []any{p.Name, p.Kind, p.Description, p.Address.Street, p.Address.PostalCode, p.Address.City,
		p.Phone, p.Email, p.Website, p.Extensions}
}

// offerView is what CSV carries of an offer, with its dates and venues.
// Not carried: ids and provenance (the export's ids become source ids),
// contacts beyond the first and their fax and web, date contacts, and of a
// venue anything but name, kind, address and accessibility (coordinates
// come from the postal code).
func offerView(o *catalogue.Offer) any {
	c := *o
	c.ID, c.ProviderID, c.Provider, c.Provenance, c.DuplicateOf = 0, 0, nil, catalogue.Provenance{}, 0
	c.CreatedAt, c.UpdatedAt = time.Time{}, time.Time{}
	if len(c.Contacts) > 0 {
		ct := c.Contacts[0]
		ct.Fax, ct.Web = "", ""
		c.Contacts = []catalogue.Contact{ct}
	}
	type venue struct {
		Name, Kind    string
		Address       catalogue.Address
		Accessibility []string
	}
	var venues []*venue
	c.Dates = nil
	for _, d := range o.Dates {
		if v := d.Venue; v != nil {
			a := v.Address
			a.State, a.Country = "", ""
			venues = append(venues, &venue{v.Name, v.Kind, a, v.Accessibility})
		} else {
			venues = append(venues, nil)
		}
		d.ID, d.OfferID, d.OfferTitle, d.VenueID, d.Venue, d.Contact, d.SourceID = 0, 0, "", 0, nil, nil, ""
		c.Dates = append(c.Dates, d)
	}
	return []any{c, venues}
}
