package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/demo"
	"github.com/lernnetz/lernnetz/search"
	"github.com/lernnetz/lernnetz/storage/storetest"
	"github.com/lernnetz/lernnetz/web"
)

// searchEnv serves the Saarland demo catalogue with a search engine.
func searchEnv(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	store := storetest.OpenSQLite(t)
	if err := demo.Load(ctx, store, time.Now()); err != nil {
		t.Fatal(err)
	}
	engine := search.NewEngine(store)
	if err := engine.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(web.New(web.Config{Store: store, Search: engine,
		Logger: slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))}))
	t.Cleanup(srv.Close)
	return srv.URL
}

type searchResponse struct {
	Total  int `json:"total"`
	Offers []struct {
		ID       int64  `json:"id"`
		Title    string `json:"title"`
		URL      string `json:"url"`
		Provider struct {
			Name string `json:"name"`
		} `json:"provider"`
		Dates []struct {
			ID    int64 `json:"id"`
			Venue *struct {
				Address struct {
					City string `json:"city"`
				} `json:"address"`
			} `json:"venue"`
		} `json:"dates"`
		DistanceKm *float64 `json:"distance_km"`
		Source     string   `json:"source"`
		SourceID   string   `json:"source_id"`
		Why        []struct {
			Term   string   `json:"term"`
			Fields []string `json:"fields"`
		} `json:"why"`
	} `json:"offers"`
	Facets map[string][]struct {
		Code  string `json:"code"`
		Label string `json:"label"`
		Count int    `json:"count"`
	} `json:"facets"`
	Place *struct {
		Name string `json:"name"`
	} `json:"place"`
	Errors []struct {
		Location string `json:"location"`
		Message  string `json:"message"`
	} `json:"errors"`
}

func getSearch(t *testing.T, base string, params url.Values) (int, searchResponse) {
	t.Helper()
	res, err := http.Get(base + "/api/v1/search?" + params.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out searchResponse
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return res.StatusCode, out
}

func TestSearchAPIOnTheDemoCatalogue(t *testing.T) {
	base := searchEnv(t)

	status, res := getSearch(t, base, url.Values{"q": {"Erzieherin"}})
	if status != http.StatusOK || res.Total == 0 {
		t.Fatalf("Erzieherin: %d, %d offers", status, res.Total)
	}
	hit := res.Offers[0]
	if !strings.Contains(strings.ToLower(hit.Title), "erzieher") || hit.Provider.Name == "" || !strings.HasPrefix(hit.URL, "http") ||
		len(hit.Why) == 0 || hit.Source != "demo" || hit.SourceID == "" || len(hit.Dates) == 0 {
		t.Fatalf("first hit for Erzieherin: %+v", hit)
	}
	if page, err := http.Get(hit.URL); err != nil || page.StatusCode != http.StatusOK {
		t.Fatalf("the hit's page: %v %v", err, page.StatusCode)
	}

	// Filters on the same date, near a place, with facet counts labelled in German.
	status, res = getSearch(t, base, url.Values{"q": {"Englisch"}, "near": {"Saarbrücken"}, "radius_km": {"15"}, "online": {"exclude"}, "per_page": {"50"}})
	if status != http.StatusOK || res.Total == 0 || res.Place == nil || res.Place.Name != "Saarbrücken" {
		t.Fatalf("Englisch near Saarbrücken: %d, %+v", status, res.Place)
	}
	for _, o := range res.Offers {
		if o.DistanceKm == nil || *o.DistanceKm > 15 {
			t.Fatalf("%q is %v km away", o.Title, o.DistanceKm)
		}
	}
	topics := res.Facets["topic"]
	if len(topics) == 0 {
		t.Fatal("no topic facet")
	}
	for _, f := range topics {
		if f.Code == "languages" && (f.Label != "Sprachen" || f.Count == 0) {
			t.Fatalf("languages facet: %+v", f)
		}
	}

	// Bad input: a clear 400 naming the field.
	for _, c := range []struct {
		params url.Values
		field  string
	}{
		{url.Values{"q": {strings.Repeat("x", 10000)}}, "query.q"},
		{url.Values{"radius_km": {"-5"}}, "query.radius_km"},
		{url.Values{"page": {"1000000000"}}, "query.page"},
		{url.Values{"topic": {"astrologie"}}, "query.topic"},
		{url.Values{"near": {"99999"}}, "query.near"},
	} {
		status, res := getSearch(t, base, c.params)
		if status != http.StatusBadRequest {
			t.Errorf("%v: status %d", c.params, status)
			continue
		}
		if len(res.Errors) != 1 || res.Errors[0].Location != c.field || res.Errors[0].Message == "" {
			t.Errorf("%v: errors %+v, want one on %s", c.params, res.Errors, c.field)
		}
	}

	// Suggestions while typing.
	r, err := http.Get(base + "/api/v1/suggest?q=Engl")
	if err != nil {
		t.Fatal(err)
	}
	var sug struct {
		Suggestions []struct {
			Text string `json:"text"`
		} `json:"suggestions"`
	}
	json.NewDecoder(r.Body).Decode(&sug)
	r.Body.Close()
	if r.StatusCode != http.StatusOK || len(sug.Suggestions) == 0 {
		t.Fatalf("suggest Engl: %d %+v", r.StatusCode, sug)
	}
}

// TestSearchPagingLinks: the search has the paging metadata of every list:
// total, page, per_page and RFC 8288 Link headers.
func TestSearchPagingLinks(t *testing.T) {
	base := searchEnv(t)
	res, err := http.Get(base + "/api/v1/search?q=Englisch&per_page=2&page=2")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body searchResponse
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if body.Total < 5 {
		t.Fatalf("only %d offers for Englisch", body.Total)
	}
	links := strings.Join(res.Header.Values("Link"), ", ")
	last := (body.Total + 1) / 2
	for _, want := range []string{
		`/api/v1/search?page=1&per_page=2&q=Englisch>; rel="first"`,
		`/api/v1/search?page=1&per_page=2&q=Englisch>; rel="prev"`,
		`/api/v1/search?page=3&per_page=2&q=Englisch>; rel="next"`,
		fmt.Sprintf(`/api/v1/search?page=%d&per_page=2&q=Englisch>; rel="last"`, last),
	} {
		if !strings.Contains(links, want) {
			t.Errorf("Link %q lacks %q", links, want)
		}
	}
}
