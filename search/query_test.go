package search

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

func TestParseQuery(t *testing.T) {
	v := url.Values{
		"q":            {"  Französisch   für den Beruf "},
		"topic":        {"languages,it", "care"},
		"funding":      {"bildungsgutschein"},
		"time_pattern": {"evening"},
		"near":         {"66111"},
		"radius_km":    {"50"},
		"start_from":   {"2027-03-01"},
		"start_to":     {"2027-03-31"},
		"max_price":    {"249,50"},
		"accessible":   {"true"},
		"sort":         {"start"},
		"page":         {"3"},
		"per_page":     {"50"},
	}
	q, err := ParseQuery(v)
	if err != nil {
		t.Fatal(err)
	}
	if q.Text != "Französisch für den Beruf" || len(q.Topics) != 3 || q.Funding[0] != "bildungsgutschein" || q.RadiusKm != 50 ||
		q.Page != 3 || q.PerPage != 50 || q.Sort != SortStart || !q.Accessible || *q.MaxPriceCents != 24950 {
		t.Fatalf("parsed %+v", q)
	}
	wantTo := time.Date(2027, 4, 1, 0, 0, 0, 0, catalogue.Berlin)
	if !q.StartTo.Equal(wantTo) || q.StartFrom.Day() != 1 {
		t.Fatalf("window %v – %v", q.StartFrom, q.StartTo)
	}
	q, _ = ParseQuery(url.Values{"free": {"1"}})
	if q.MaxPriceCents == nil || *q.MaxPriceCents != 0 || q.Page != 1 || q.PerPage != 20 || q.Online != OnlineInclude {
		t.Fatalf("defaults and free: %+v", q)
	}
}

func TestParseQueryRejectsBadInput(t *testing.T) {
	cases := []struct {
		params url.Values
		field  string
	}{
		{url.Values{"q": {strings.Repeat("Kurs ", 2000)}}, "q"},
		{url.Values{"q": {"Kurs\x00\x1b[31m"}}, "q"},
		{url.Values{"q": {"Kurs \xff\xfe"}}, "q"},
		{url.Values{"radius_km": {"-5"}}, "radius_km"},
		{url.Values{"radius_km": {"100000"}}, "radius_km"},
		{url.Values{"radius_km": {"NaN"}}, "radius_km"},
		{url.Values{"page": {"-1"}}, "page"},
		{url.Values{"page": {"1000000000"}}, "page"},
		{url.Values{"per_page": {"0"}}, "per_page"},
		{url.Values{"topic": {"astrology"}}, "topic"},
		{url.Values{"delivery_mode": {"telepathy"}}, "delivery_mode"},
		{url.Values{"sort": {"random"}}, "sort"},
		{url.Values{"sort": {"distance"}}, "sort"},
		{url.Values{"start_from": {"01.03.2027"}}, "start_from"},
		{url.Values{"start_from": {"2027-03-10"}, "start_to": {"2027-03-01"}}, "start_to"},
		{url.Values{"max_price": {"viel"}}, "max_price"},
		{url.Values{"max_price": {"NaN"}}, "max_price"},
		{url.Values{"max_price": {"-Inf"}}, "max_price"},
		{url.Values{"accessible": {"vielleicht"}}, "accessible"},
		{url.Values{"provider": {"x"}}, "provider"},
		{url.Values{"online": {"sometimes"}}, "online"},
	}
	for _, c := range cases {
		_, err := ParseQuery(c.params)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != c.field || fe.DE == "" || fe.EN == "" {
			t.Errorf("%v: want an error on %s, got %v", c.params, c.field, err)
		}
	}
	// Quotes, SQL and HTML are just text to search for.
	for _, text := range []string{`"Excel`, `'; DROP TABLE offers; --`, `<script>alert(1)</script>`} {
		if q, err := ParseQuery(url.Values{"q": {text}}); err != nil || q.Text != text {
			t.Errorf("%q: %v", text, err)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"q=Kurs", "q=%22Excel&topic=it", "near=66111&radius_km=25&sort=distance", "page=-1", "q=%ff%00", "start_from=2027-02-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := ParseQuery(v)
		if err != nil {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field == "" {
				t.Fatalf("error without a field: %v", err)
			}
			return
		}
		if q.Page < 1 || q.Page > MaxPage || q.PerPage < 1 || q.PerPage > MaxPerPage || len([]rune(q.Text)) > MaxTextLength {
			t.Fatalf("accepted out-of-range query %+v", q)
		}
	})
}
