package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/storage/storetest"
	"github.com/lernnetz/lernnetz/web"
)

// withClock gives the test server's store the clock c.
func withClock(c *storetest.Clock) apiOption {
	return func(_ *web.Config, opts *[]storage.Option) { *opts = append(*opts, storage.WithClock(c.Now)) }
}

// getWith sends a GET with extra headers.
func (e *env) getWith(t *testing.T, path string, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	// The client must not add or strip Accept-Encoding behind our back.
	tr := &http.Transport{DisableCompression: true}
	defer tr.CloseIdleConnections()
	res, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func TestETagAndNotModified(t *testing.T) {
	e := newEnv(t, adminToken)
	f := e.fixture(t)
	o := e.saveOffer(t, newOffer(f.provider.ID, f.room.ID, "Excel für Einsteiger", time.Now().AddDate(0, 1, 0)))
	paths := []string{
		"/api/v1/offers/" + itoa(o.ID), "/api/v1/offers", "/api/v1/providers/" + itoa(f.provider.ID),
		"/api/v1/vocabularies/topic", "/api/v1/openapi.json",
		"/angebote/" + itoa(o.ID), "/anbieter/" + itoa(f.provider.ID),
	}
	for _, p := range paths {
		first := e.getWith(t, p, nil)
		tag := first.header.Get("ETag")
		if first.status != http.StatusOK || !strings.HasPrefix(tag, `"`) || len(tag) < 10 {
			t.Errorf("GET %s: status %d, ETag %q: want 200 with a strong ETag", p, first.status, tag)
			continue
		}
		again := e.getWith(t, p, map[string]string{"If-None-Match": tag})
		if again.status != http.StatusNotModified || len(again.body) != 0 || again.header.Get("ETag") != tag {
			t.Errorf("GET %s with If-None-Match %s: status %d, %d bytes, ETag %q; want 304 without a body",
				p, tag, again.status, len(again.body), again.header.Get("ETag"))
		}
		if other := e.getWith(t, p, map[string]string{"If-None-Match": `"something-else", W/"other"`}); other.status != http.StatusOK {
			t.Errorf("GET %s with another tag: %d", p, other.status)
		}
		// gzip: the same tag, weakened, and If-None-Match still matches.
		gz := e.getWith(t, p, map[string]string{"Accept-Encoding": "gzip"})
		if gz.header.Get("Content-Encoding") != "gzip" || gz.header.Get("ETag") != "W/"+tag {
			t.Errorf("GET %s gzipped: encoding %q ETag %q, want gzip and W/%s", p, gz.header.Get("Content-Encoding"), gz.header.Get("ETag"), tag)
		} else {
			zr, err := gzip.NewReader(bytes.NewReader(gz.body))
			if err != nil {
				t.Fatal(err)
			}
			plain, _ := io.ReadAll(zr)
			if !bytes.Equal(plain, first.body) {
				t.Errorf("GET %s: gzipped body differs", p)
			}
		}
		if r := e.getWith(t, p, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": "W/" + tag}); r.status != http.StatusNotModified {
			t.Errorf("GET %s gzipped with If-None-Match W/%s: %d", p, tag, r.status)
		}
	}

	// A change to the offer gives it a new tag; the old one no longer matches.
	before := e.getWith(t, "/api/v1/offers/"+itoa(o.ID), nil).header.Get("ETag")
	o.Title = "Excel für Fortgeschrittene"
	e.saveOffer(t, o)
	after := e.getWith(t, "/api/v1/offers/"+itoa(o.ID), map[string]string{"If-None-Match": before})
	if after.status != http.StatusOK || after.header.Get("ETag") == before || !bytes.Contains(after.body, []byte("Fortgeschrittene")) {
		t.Errorf("after a change: status %d ETag %q (before %q)", after.status, after.header.Get("ETag"), before)
	}
	// Errors carry no tag.
	if r := e.getWith(t, "/api/v1/offers/999999", nil); r.status != http.StatusNotFound || r.header.Get("ETag") != "" {
		t.Errorf("404: status %d ETag %q", r.status, r.header.Get("ETag"))
	}
}

func TestChangedSinceForHarvesters(t *testing.T) {
	clock := storetest.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	e := newEnv(t, adminToken, withClock(clock))
	f := e.fixture(t)
	start := time.Date(2026, 6, 1, 18, 0, 0, 0, catalogue.Berlin)
	old := e.saveOffer(t, newOffer(f.provider.ID, f.room.ID, "Alter Kurs", start))
	gone := e.saveOffer(t, newOffer(f.provider.ID, f.room.ID, "Gestrichener Kurs", start))
	clock.Advance(time.Hour)
	since := clock.Now()
	later := e.saveProvider(t, newProvider("Neue Akademie"))
	clock.Advance(time.Minute)
	fresh := e.saveOffer(t, newOffer(later.ID, 0, "Neuer Kurs", start))
	clock.Advance(time.Minute)
	gone.Status = catalogue.StatusWithdrawn
	e.saveOffer(t, gone)
	draft := newOffer(later.ID, 0, "Geheimer Entwurf", start)
	draft.Status = catalogue.StatusDraft
	e.saveOffer(t, draft)
	clock.Advance(time.Minute)
	if err := e.store.DeleteOffer(context.Background(), old.ID); err != nil {
		t.Fatal(err)
	}

	q := "changed_since=" + url.QueryEscape(since.Format(time.RFC3339))
	var offers listJSON[offerJSON]
	decode(t, e.get(t, "/api/v1/offers?"+q), http.StatusOK, &offers)
	var got []string
	for _, o := range offers.Items {
		got = append(got, o.Title+"/"+o.Status)
	}
	if want := "Neuer Kurs/published,Gestrichener Kurs/withdrawn"; strings.Join(got, ",") != want || offers.Total != 2 {
		t.Errorf("offers changed since: %v (total %d), want %s: withdrawn in, drafts out, in the order saved", got, offers.Total, want)
	}
	// An instant with an offset is the same instant.
	decode(t, e.get(t, "/api/v1/offers?changed_since="+url.QueryEscape(since.In(catalogue.Berlin).Format(time.RFC3339))), http.StatusOK, &offers)
	if offers.Total != 2 {
		t.Errorf("changed_since with +01:00: total %d", offers.Total)
	}
	// Without changed_since the list is as before: published only.
	decode(t, e.get(t, "/api/v1/offers"), http.StatusOK, &offers)
	if offers.Total != 1 || offers.Items[0].ID != fresh.ID {
		t.Errorf("offers without changed_since: total %d", offers.Total)
	}
	// Drafts only with the token.
	decode(t, e.do(t, http.MethodGet, "/api/v1/offers?status=draft&"+q, adminToken, nil), http.StatusOK, &offers)
	if offers.Total != 1 || offers.Items[0].Title != "Geheimer Entwurf" {
		t.Errorf("drafts changed since, with the token: %+v", offers.Items)
	}
	decodeProblem(t, e.get(t, "/api/v1/offers?status=draft&"+q), http.StatusUnauthorized)

	var providers listJSON[struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}]
	decode(t, e.get(t, "/api/v1/providers?"+q), http.StatusOK, &providers)
	if providers.Total != 1 || providers.Items[0].ID != later.ID {
		t.Errorf("providers changed since: %+v", providers)
	}

	// A bad instant is a problem naming the parameter.
	p := decodeProblem(t, e.get(t, "/api/v1/offers?changed_since=gestern"), http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Location != "query.changed_since" || p.Errors[0].Message == "" {
		t.Errorf("bad changed_since: %+v", p.Errors)
	}

	// The change log has the deletion, and continues from next.
	var changes struct {
		Changes []struct {
			Seq      int64  `json:"seq"`
			Entity   string `json:"entity"`
			EntityID int64  `json:"entity_id"`
			Op       string `json:"op"`
			URL      string `json:"url"`
		} `json:"changes"`
		Next int64 `json:"next"`
	}
	r := e.get(t, "/api/v1/changes?limit=3")
	decode(t, r, http.StatusOK, &changes)
	if len(changes.Changes) != 3 || changes.Next != changes.Changes[2].Seq ||
		!strings.Contains(r.header.Get("Link"), "after="+itoa(changes.Next)) {
		t.Fatalf("first page of changes: %+v, Link %q", changes, r.header.Get("Link"))
	}
	var all []string
	for next := int64(0); ; {
		decode(t, e.get(t, "/api/v1/changes?limit=3&after="+itoa(next)), http.StatusOK, &changes)
		for _, c := range changes.Changes {
			all = append(all, c.Entity+" "+itoa(c.EntityID)+" "+c.Op)
		}
		if len(changes.Changes) == 0 {
			if changes.Next != next {
				t.Errorf("empty page: next %d, want %d", changes.Next, next)
			}
			break
		}
		next = changes.Next
	}
	if last := all[len(all)-1]; last != "offer "+itoa(old.ID)+" delete" {
		t.Errorf("last change %q, want the deletion of offer %d; all: %v", last, old.ID, all)
	}
	if len(all) != 10 { // provider, 2 venues, 2 offers, provider, offer, withdrawal, draft, delete
		t.Errorf("%d changes, want 10: %v", len(all), all)
	}
	decodeProblem(t, e.get(t, "/api/v1/changes?limit=5000"), http.StatusUnprocessableEntity)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
