package search

import (
	"context"
	"slices"
	"testing"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/storage/storetest"
)

// storeEngine opens a real SQLite store at storetest.Now and an engine on it.
func storeEngine(t *testing.T) (*storage.Store, *Engine) {
	t.Helper()
	st := storetest.OpenSQLite(t, storage.WithClock(fixedClock(storetest.Now)))
	e := NewEngine(st, WithAnalyzer(testAnalyzer()), WithClock(fixedClock(storetest.Now)))
	return st, e
}

// saveOffer saves a published offer with the given title and plain texts.
func saveOffer(t *testing.T, st catalogue.Store, providerID, venueID int64, title string, edit func(*catalogue.Offer)) *catalogue.Offer {
	t.Helper()
	o := storetest.NewOffer(providerID, venueID, title)
	o.Subtitle = ""
	o.ShortDescription = "Ein Angebot der Region."
	o.Description = "Wir freuen uns auf Sie."
	o.Contents = ""
	o.LearningOutcomes = ""
	o.TargetGroup = "Erwachsene"
	o.Degree = ""
	o.DegreeType = "attendance"
	o.Topics = nil
	if edit != nil {
		edit(o)
	}
	if err := st.SaveOffer(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	return o
}

func ids(res *Result) []int64 {
	var out []int64
	for _, h := range res.Hits {
		out = append(out, h.OfferID)
	}
	return out
}

func search(t *testing.T, e *Engine, q Query) *Result {
	t.Helper()
	res, err := e.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	return res
}

func TestGermanMatching(t *testing.T) {
	ctx := context.Background()
	st, e := storeEngine(t)
	p := storetest.NewProvider("Volkshochschule Regionalverband")
	if err := st.SaveProvider(ctx, p); err != nil {
		t.Fatal(err)
	}
	v := storetest.NewVenue(p.ID, "Lernzentrum")
	if err := st.SaveVenue(ctx, v); err != nil {
		t.Fatal(err)
	}
	erz := saveOffer(t, st, p.ID, v.ID, "Erzieher*innen berufsbegleitend", nil)
	alt := saveOffer(t, st, p.ID, v.ID, "Altenpflegehelfer*in", nil)
	itpm := saveOffer(t, st, p.ID, v.ID, "IT-Projektmanagement", nil)
	schw := saveOffer(t, st, p.ID, v.ID, "Schweißen für Einsteiger", nil)
	eng := saveOffer(t, st, p.ID, v.ID, "Englisch für den Beruf", nil)
	pfl := saveOffer(t, st, p.ID, v.ID, "Pflegefachkraft in Teilzeit", nil)
	draft := saveOffer(t, st, p.ID, v.ID, "Erzieherin Entwurf", func(o *catalogue.Offer) { o.Status = catalogue.StatusDraft })
	if err := e.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		text string
		want []int64 // must be among the hits
		not  []int64
	}{
		{"Erzieherin ", []int64{erz.ID}, []int64{draft.ID, alt.ID}},
		{"erzieher ", []int64{erz.ID}, []int64{draft.ID}},
		{"Pflege ", []int64{alt.ID, pfl.ID}, []int64{erz.ID}},
		{"Projektmanagement ", []int64{itpm.ID}, nil},
		{"IT ", []int64{itpm.ID}, nil},
		{"schweissen ", []int64{schw.ID}, nil},
		{"Schweißen", []int64{schw.ID}, nil},
		{"Pfle", []int64{alt.ID, pfl.ID}, nil},
		{"Englsich", []int64{eng.ID}, nil},
		{"englisch beruf ", []int64{eng.ID}, []int64{erz.ID}},
	}
	for _, c := range cases {
		res := search(t, e, Query{Text: c.text})
		got := ids(res)
		for _, id := range c.want {
			if !slices.Contains(got, id) {
				t.Errorf("%q: hits %v lack %d", c.text, got, id)
			}
		}
		for _, id := range c.not {
			if slices.Contains(got, id) {
				t.Errorf("%q: hits %v include %d", c.text, got, id)
			}
		}
	}

	res := search(t, e, Query{Text: "Englsich"})
	if res.DidYouMean != "englisch" {
		t.Errorf("DidYouMean for Englsich = %q, want englisch", res.DidYouMean)
	}
	if len(res.Hits) == 0 || len(res.Hits[0].Why) == 0 || !slices.Contains(res.Hits[0].Why[0].Fields, "title") {
		t.Errorf("Englsich: why %+v", res.Hits)
	}
	if res := search(t, e, Query{Text: "Englisch "}); res.DidYouMean != "" {
		t.Errorf("exact Englisch suggested %q", res.DidYouMean)
	}
	res = search(t, e, Query{Text: "Altenpflegehelferin "})
	if !slices.Contains(ids(res), alt.ID) {
		t.Errorf("Altenpflegehelferin: %v", ids(res))
	}
	// Why names the term as typed, the index terms and the fields.
	res = search(t, e, Query{Text: "Pflege "})
	for _, h := range res.Hits {
		if h.OfferID == alt.ID {
			if len(h.Why) != 1 || h.Why[0].Term != "Pflege" || !slices.Contains(h.Why[0].Fields, "title") {
				t.Errorf("why for Altenpflegehelfer*in: %+v", h.Why)
			}
		}
	}
	// The provider's name and the venue's city are searchable.
	if res := search(t, e, Query{Text: "Volkshochschule "}); res.Total != 6 {
		t.Errorf("provider name: %d hits", res.Total)
	}
	if res := search(t, e, Query{Text: "Ingbert "}); res.Total != 6 {
		t.Errorf("venue city: %d hits", res.Total)
	}
	// Nothing matches: a spelling suggestion from the index.
	res = search(t, e, Query{Text: "Schweisen Projecktmanagement "})
	if res.Total != 0 || res.DidYouMean == "" {
		t.Errorf("no match: total %d, did you mean %q", res.Total, res.DidYouMean)
	}
	res = search(t, e, Query{Text: "qqqqzzzz "})
	if res.Total != 0 || res.DidYouMean != "" {
		t.Errorf("gibberish: total %d, did you mean %q", res.Total, res.DidYouMean)
	}
	if zs := e.ZeroResultQueries(); len(zs) < 2 || zs[0].Text != "qqqqzzzz " {
		t.Errorf("zero-result log %+v", zs)
	}
}
