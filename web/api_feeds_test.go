package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/mmcdole/gofeed"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/demo"
	"github.com/lernnetz/lernnetz/search"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/storage/storetest"
	"github.com/lernnetz/lernnetz/web"
)

// feedEnv serves the Saarland demo with a search engine on a store whose
// clock the test moves.
type feedEnv struct {
	base  string
	store *storage.Store
	clock *storetest.Clock
}

func newFeedEnv(t *testing.T) *feedEnv {
	t.Helper()
	ctx := context.Background()
	clock := storetest.NewClock(time.Now().Truncate(time.Second))
	store := storetest.OpenSQLite(t, storage.WithClock(clock.Now))
	if err := demo.Load(ctx, store, clock.Now()); err != nil {
		t.Fatal(err)
	}
	engine := search.NewEngine(store)
	if err := engine.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	srv.Config.Handler = web.New(web.Config{Store: store, Search: engine, BaseURL: base,
		Logger: slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))})
	srv.Start()
	t.Cleanup(srv.Close)
	return &feedEnv{base: base, store: store, clock: clock}
}

func (e *feedEnv) get(t *testing.T, path string) response {
	t.Helper()
	res, err := http.Get(e.base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

// feed fetches and parses an Atom feed.
func (e *feedEnv) feed(t *testing.T, path string) *gofeed.Feed {
	t.Helper()
	r := e.get(t, path)
	if r.status != http.StatusOK || !strings.HasPrefix(r.contentType(), "application/atom+xml") {
		t.Fatalf("GET %s: %d %s: %s", path, r.status, r.contentType(), r.body)
	}
	f, err := gofeed.NewParser().ParseString(string(r.body))
	if err != nil {
		t.Fatalf("parse %s: %v\n%s", path, err, r.body)
	}
	if f.FeedType != "atom" {
		t.Fatalf("%s is %s, not atom", path, f.FeedType)
	}
	return f
}

func TestOffersFeed(t *testing.T) {
	e := newFeedEnv(t)
	ctx := context.Background()

	// A changed offer comes first.
	e.clock.Advance(time.Hour)
	offers, _, err := e.store.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusPublished, Page: catalogue.Page{Limit: 5}})
	if err != nil {
		t.Fatal(err)
	}
	changed := offers[3]
	changed.Title += " (neu überarbeitet)"
	if err := e.store.SaveOffer(ctx, changed); err != nil {
		t.Fatal(err)
	}

	f := e.feed(t, "/api/v1/feeds/offers.atom")
	if len(f.Items) != 20 || f.Language != "de" || !strings.Contains(f.Title, "Angebote") {
		t.Fatalf("whole catalogue: %d entries, language %q, title %q", len(f.Items), f.Language, f.Title)
	}
	first := f.Items[0]
	wantURL := fmt.Sprintf("%s/angebote/%d", e.base, changed.ID)
	if first.Title != changed.Title || first.GUID != wantURL || first.Link != wantURL ||
		first.UpdatedParsed == nil || !first.UpdatedParsed.Equal(e.clock.Now()) {
		t.Errorf("first entry: %q id %q link %q updated %v; want the changed offer %q at %s",
			first.Title, first.GUID, first.Link, first.UpdatedParsed, changed.Title, wantURL)
	}
	if first.Description == "" || len(first.Authors) != 1 || first.Authors[0].Name == "" || len(first.Categories) == 0 {
		t.Errorf("first entry lacks summary, author or categories: %+v", first)
	}
	for i := 1; i < len(f.Items); i++ {
		if f.Items[i].UpdatedParsed.After(*f.Items[i-1].UpdatedParsed) {
			t.Errorf("entry %d is newer than entry %d", i, i-1)
		}
	}
	if f.FeedLink != e.base+"/api/v1/feeds/offers.atom" || f.Link != e.base+"/suche" || f.UpdatedParsed == nil ||
		!f.UpdatedParsed.Equal(e.clock.Now()) {
		t.Errorf("feed links: self %q alternate %q updated %v", f.FeedLink, f.Link, f.UpdatedParsed)
	}

	// One provider's feed: only its offers.
	p := changed.ProviderID
	pf := e.feed(t, fmt.Sprintf("/api/v1/feeds/offers.atom?provider=%d&per_page=100", p))
	_, total, _ := e.store.Offers(ctx, catalogue.OfferFilter{ProviderID: p, Status: catalogue.StatusPublished})
	if len(pf.Items) != min(total, 100) || pf.Link != fmt.Sprintf("%s/anbieter/%d", e.base, p) || pf.Items[0].Title != changed.Title {
		t.Errorf("provider feed: %d entries (want %d), alternate %q", len(pf.Items), total, pf.Link)
	}
	prov, err := e.store.Provider(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range pf.Items {
		if it.Authors[0].Name != prov.Name {
			t.Errorf("provider feed of %q has an offer of %q", prov.Name, it.Authors[0].Name)
		}
	}
	if !strings.Contains(pf.Title, prov.Name) {
		t.Errorf("provider feed title %q", pf.Title)
	}

	// A search's feed: its entries are offers the search finds, and it
	// reads the parameters as the search does.
	params := url.Values{"q": {"Englisch"}, "near": {"Saarbrücken"}, "radius_km": {"30"}}
	sf := e.feed(t, "/api/v1/feeds/offers.atom?"+params.Encode())
	_, res := getSearch(t, e.base, url.Values{"q": {"Englisch"}, "near": {"Saarbrücken"}, "radius_km": {"30"}, "per_page": {"100"}})
	var found []string
	for _, o := range res.Offers {
		found = append(found, o.URL)
	}
	if len(sf.Items) == 0 || len(sf.Items) != min(20, len(found)) || !strings.Contains(sf.Title, "Englisch") {
		t.Fatalf("search feed: %d entries, search found %d; title %q", len(sf.Items), len(found), sf.Title)
	}
	for _, it := range sf.Items {
		if !slices.Contains(found, it.Link) {
			t.Errorf("search feed has %s, which the search does not find", it.Link)
		}
	}
	if !strings.Contains(sf.FeedLink, "q=Englisch") || !strings.HasPrefix(sf.Link, e.base+"/suche?") {
		t.Errorf("search feed links: self %q alternate %q", sf.FeedLink, sf.Link)
	}

	// Errors are problems.
	for path, status := range map[string]int{
		"/api/v1/feeds/offers.atom?radius_km=weit&near=66111": http.StatusBadRequest,
		"/api/v1/feeds/offers.atom?near=Nirgendwo123":         http.StatusBadRequest,
		"/api/v1/feeds/offers.atom?provider=999999":           http.StatusNotFound,
		"/api/v1/feeds/dates.ics?topic=keins":                 http.StatusBadRequest,
	} {
		r := e.get(t, path)
		if r.status != status || r.contentType() != "application/problem+json" {
			t.Errorf("GET %s: %d %s, want %d problem+json", path, r.status, r.contentType(), status)
		}
	}

	// The portal links to the feeds.
	for path, feed := range map[string]string{
		"/":                            "/api/v1/feeds/offers.atom",
		"/suche?q=Englisch":            "/api/v1/feeds/offers.atom?q=Englisch",
		fmt.Sprintf("/anbieter/%d", p): fmt.Sprintf("/api/v1/feeds/offers.atom?provider=%d", p),
	} {
		r := e.get(t, path)
		mustContain(t, r.body, `<link rel="alternate" type="application/atom+xml"`, `href="`+feed+`"`)
	}
}

func TestDatesCalendar(t *testing.T) {
	e := newFeedEnv(t)
	params := url.Values{"q": {"Englisch"}, "day_time": {"evening"}, "per_page": {"50"}}
	r := e.get(t, "/api/v1/feeds/dates.ics?"+params.Encode())
	if r.status != http.StatusOK || !strings.HasPrefix(r.contentType(), "text/calendar") {
		t.Fatalf("dates.ics: %d %s: %s", r.status, r.contentType(), r.body)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(r.body))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, r.body)
	}
	for _, line := range strings.SplitAfter(string(r.body), "\r\n") {
		if len(line) > 77 {
			t.Errorf("line longer than 75 octets: %q", line)
		}
	}

	// One event per matching date with a start: the dates the search API
	// lists for the same parameters.
	_, res := getSearch(t, e.base, params)
	want := map[string]string{} // UID → offer URL
	host := strings.TrimPrefix(e.base, "http://")
	for _, o := range res.Offers {
		for _, d := range o.Dates {
			want[fmt.Sprintf("termin-%d@%s", d.ID, host)] = o.URL
		}
	}
	events := cal.Events()
	if len(events) == 0 {
		t.Fatal("no events")
	}
	got := map[string]bool{}
	for _, ev := range events {
		uid := ev.Id()
		url := ev.GetProperty(ics.ComponentPropertyUrl)
		if offer, ok := want[uid]; !ok || url == nil || url.Value != offer {
			t.Errorf("event %s (%v) is not a date the search finds", uid, url)
		}
		if got[uid] {
			t.Errorf("event %s twice", uid)
		}
		got[uid] = true
		start, err := ev.GetStartAt()
		if err != nil {
			t.Errorf("event %s: %v", uid, err)
		} else if h := start.In(catalogue.Berlin).Hour(); h < 17 {
			t.Errorf("event %s starts at %d h, not in the evening", uid, h)
		}
	}
	if len(events) != len(want) {
		t.Errorf("%d events, the search lists %d dates", len(events), len(want))
	}
	if name := cal.CalendarProperties; len(name) == 0 || !strings.Contains(string(r.body), "X-WR-CALNAME:lernnetz: Termine – Englisch") {
		t.Errorf("calendar has no name")
	}
}
