package web_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/demo"
	"github.com/lernnetz/lernnetz/exchange"
	_ "github.com/lernnetz/lernnetz/exchange/csvfmt"
	_ "github.com/lernnetz/lernnetz/exchange/openqcat"
	"github.com/lernnetz/lernnetz/storage/storetest"
	"github.com/lernnetz/lernnetz/web"
)

func TestExport(t *testing.T) {
	e := newFeedEnv(t)
	ctx := context.Background()
	_, published, err := e.store.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusPublished})
	if err != nil {
		t.Fatal(err)
	}

	var formats []string
	for _, f := range exchange.Formats() {
		if f.NewWriter == nil {
			continue
		}
		formats = append(formats, f.Name)
		r := e.get(t, "/api/v1/export/"+f.Name)
		if r.status != http.StatusOK || !strings.Contains(r.header.Get("Content-Disposition"), "attachment; filename=\"lernnetz-") ||
			r.contentType() != f.MediaType || len(r.body) < 1000 {
			t.Fatalf("export %s: %d %s %q, %d bytes: %.300s", f.Name, r.status, r.contentType(), r.header.Get("Content-Disposition"), len(r.body), r.body)
		}
		if f.NewReader == nil {
			if !bytes.Contains(r.body, []byte(htmlEscape(offers0Title(t, e)))) && !bytes.Contains(r.body, []byte(offers0Title(t, e))) {
				t.Errorf("%s export lacks the newest offer's title", f.Name)
			}
			continue
		}
		format := f.Name
		// What the API exports, the importer reads back whole.
		fresh := storetest.OpenSQLite(t)
		sum, err := (&exchange.Importer{Store: fresh}).Import(ctx, bytes.NewReader(r.body), exchange.Options{FileName: "export." + format, Source: "roundtrip"})
		if err != nil || sum.Format != format {
			t.Fatalf("import the %s export: %v (format %q)", format, err, sum.Format)
		}
		if sum.Inserted != published || sum.RejectedRecords != 0 {
			t.Errorf("%s export re-imported: %d offers (%d rejected), %d published", format, sum.Inserted, sum.RejectedRecords, published)
		}
	}

	if strings.Join(formats, ",") != "csv,deftis,jsonld,openqcat" {
		t.Errorf("exported formats %v, want all four", formats)
	}

	// One provider.
	offers, _, _ := e.store.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusPublished, Page: catalogue.Page{Limit: 1}})
	p := offers[0].ProviderID
	_, mine, _ := e.store.Offers(ctx, catalogue.OfferFilter{ProviderID: p, Status: catalogue.StatusPublished})
	r := e.get(t, fmt.Sprintf("/api/v1/export/deftis?provider=%d", p))
	if got := bytes.Count(r.body, []byte("<COURSE>")) + bytes.Count(r.body, []byte("<COURSE ")); r.status != http.StatusOK || got != mine {
		t.Errorf("provider export: %d, %d courses, want %d", r.status, got, mine)
	}

	// Since: only what changed.
	e.clock.Advance(time.Hour)
	since := e.clock.Now()
	changed := offers[0]
	changed.Title += " (überarbeitet)"
	if err := e.store.SaveOffer(ctx, changed); err != nil {
		t.Fatal(err)
	}
	r = e.get(t, "/api/v1/export/deftis?since="+url.QueryEscape(since.Format(time.RFC3339)))
	if r.status != http.StatusOK || !bytes.Contains(r.body, []byte("(überarbeitet)")) || bytes.Count(r.body, []byte("<COURSE>"))+bytes.Count(r.body, []byte("<COURSE ")) != 1 {
		t.Errorf("delta export: %d, %d bytes: %.500s", r.status, len(r.body), r.body)
	}

	// Problems.
	for path, status := range map[string]int{
		"/api/v1/export/pdf":                                                      http.StatusUnprocessableEntity, // the problem names the formats there are
		"/api/v1/export/deftis?provider=999999":                                   http.StatusNotFound,
		"/api/v1/export/deftis?since=gestern":                                     http.StatusUnprocessableEntity,
		"/api/v1/export/csv?since=" + url.QueryEscape(since.Format(time.RFC3339)): http.StatusUnprocessableEntity,
	} {
		r := e.get(t, path)
		if r.status != status || r.contentType() != "application/problem+json" {
			t.Errorf("GET %s: %d %s, want %d problem+json: %.200s", path, r.status, r.contentType(), status, r.body)
		}
	}
}

// TestExportFailureAborts: an export that fails after its first bytes must
// not look complete: the transfer is cut off. One that fails before them is
// a problem.
func TestExportFailureAborts(t *testing.T) {
	ctx := context.Background()
	store := storetest.OpenSQLite(t)
	if err := demo.Load(ctx, store, time.Now()); err != nil {
		t.Fatal(err)
	}
	// Providers are read (and written) first; reading offers then fails.
	srv := httptest.NewServer(web.New(web.Config{Store: failingOffers{store},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer srv.Close()
	res, err := http.Get(srv.URL + "/api/v1/export/deftis")
	if err != nil {
		return // cut off before the headers arrived: also not complete
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err == nil {
		t.Fatalf("a failed export ended like a complete one: %d, %d bytes: %.300s", res.StatusCode, len(body), body)
	}
	if len(body) == 0 || res.StatusCode != http.StatusOK {
		t.Errorf("the export failed before its first bytes (%d, %d bytes): the test checks nothing", res.StatusCode, len(body))
	}

	// Before the first bytes: a problem.
	store.Close()
	r, err := http.Get(srv.URL + "/api/v1/export/deftis")
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusInternalServerError || r.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("export on a closed store: %d %s", r.StatusCode, r.Header.Get("Content-Type"))
	}
}

// failingOffers is a store whose offers cannot be read.
type failingOffers struct{ catalogue.Store }

func (failingOffers) Offers(context.Context, catalogue.OfferFilter) ([]*catalogue.Offer, int, error) {
	return nil, 0, errors.New("disk on fire")
}

// offers0Title is the title of the newest published offer.
func offers0Title(t *testing.T, e *feedEnv) string {
	t.Helper()
	offers, _, err := e.store.Offers(context.Background(), catalogue.OfferFilter{Status: catalogue.StatusPublished, Page: catalogue.Page{Limit: 1}})
	if err != nil || len(offers) == 0 {
		t.Fatalf("newest offer: %v", err)
	}
	return offers[0].Title
}
