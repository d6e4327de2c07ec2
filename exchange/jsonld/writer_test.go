package jsonld_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/demo"
	"github.com/lernnetz/lernnetz/exchange"
	"github.com/lernnetz/lernnetz/exchange/jsonld"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/storage/storetest"
)

type links struct{}

func (links) OfferURL(id int64) string    { return "https://portal.example/angebote/" + itoa(id) }
func (links) ProviderURL(id int64) string { return "https://portal.example/anbieter/" + itoa(id) }
func (links) VenueURL(id int64) string    { return "https://portal.example/lernorte/" + itoa(id) }
func (links) DateURL(o, d int64) string {
	return "https://portal.example/angebote/" + itoa(o) + "#termin-" + itoa(d)
}

func itoa(id int64) string { b, _ := json.Marshal(id); return string(b) }

// The demo catalogue exported as JSON-LD parses back with encoding/json
// into one EducationalOrganization per provider and one Course per
// published offer, each with a CourseInstance per date, places and offers,
// and every course's provider in the graph.
func TestExportDemo(t *testing.T) {
	ctx := context.Background()
	s := storetest.OpenSQLite(t, storage.WithClock(func() time.Time { return storetest.Now }))
	if err := demo.Load(ctx, s, storetest.Now); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	sum, err := exchange.Export(ctx, s, jsonld.NewWriter(&buf), exchange.ExportOptions{Links: links{}})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Context string           `json:"@context"`
		Graph   []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%.300s", err, buf.Bytes())
	}
	if doc.Context != "https://schema.org" {
		t.Errorf("@context %q", doc.Context)
	}
	types := map[string]int{}
	orgs := map[string]bool{}
	instances, places, offers := 0, 0, 0
	for _, n := range doc.Graph {
		typ, _ := n["@type"].(string)
		types[typ]++
		id, _ := n["@id"].(string)
		if typ == "EducationalOrganization" {
			orgs[id] = true
		}
	}
	_, total, err := s.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusPublished})
	if err != nil {
		t.Fatal(err)
	}
	_, providers, err := s.Providers(ctx, catalogue.ProviderFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if types["Course"] != total || types["EducationalOrganization"] != providers || len(doc.Graph) != total+providers ||
		sum.Offers != total || sum.Providers != providers {
		t.Fatalf("graph types %v, want %d courses and %d organisations (summary %+v)", types, total, providers, sum)
	}
	for _, n := range doc.Graph {
		if n["@type"] != "Course" {
			continue
		}
		if name, _ := n["name"].(string); name == "" || !strings.HasPrefix(n["@id"].(string), "https://portal.example/angebote/") {
			t.Fatalf("course without name or @id: %v", n)
		}
		prov, _ := n["provider"].(map[string]any)
		if pid, _ := prov["@id"].(string); !orgs[pid] {
			t.Errorf("course %v: provider %v not in the graph", n["name"], prov)
		}
		list, _ := n["hasCourseInstance"].([]any)
		if len(list) == 0 {
			t.Errorf("course %v without instances", n["name"])
		}
		for _, x := range list {
			in := x.(map[string]any)
			if in["@type"] != "CourseInstance" {
				t.Errorf("instance of type %v", in["@type"])
			}
			instances++
			if loc, ok := in["location"].(map[string]any); ok {
				places++
				if loc["@type"] != "Place" && loc["@type"] != "Library" {
					t.Errorf("location of type %v", loc["@type"])
				}
				if addr, _ := loc["address"].(map[string]any); addr["@type"] != "PostalAddress" {
					t.Errorf("location without postal address: %v", loc)
				}
			}
			if of, ok := in["offers"].(map[string]any); ok {
				offers++
				if of["@type"] != "Offer" || of["priceCurrency"] != "EUR" {
					t.Errorf("offer %v", of)
				}
			}
		}
	}
	_, dates, err := s.Dates(ctx, catalogue.DateFilter{Status: catalogue.StatusPublished})
	if err != nil {
		t.Fatal(err)
	}
	if instances != dates || places == 0 || offers == 0 {
		t.Errorf("%d course instances (want %d), %d with a place, %d with an offer", instances, dates, places, offers)
	}
}
