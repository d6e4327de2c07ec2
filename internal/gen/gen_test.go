package gen

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/storage/storetest"
)

func TestDeterministic(t *testing.T) {
	a, b := New(42, Options{Offers: 1000}), New(42, Options{Offers: 1000})
	other := New(43, Options{Offers: 1000})
	same := 0
	for i := 1; i <= 1000; i++ {
		oa, ob, oc := a.Next(), b.Next(), other.Next()
		ja, _ := json.Marshal(oa)
		jb, _ := json.Marshal(ob)
		if !bytes.Equal(ja, jb) {
			t.Fatalf("offer %d differs between two generators with the same seed:\n%s\n%s", i, ja, jb)
		}
		jr, _ := json.Marshal(a.Offer(int64(i)))
		if !bytes.Equal(ja, jr) {
			t.Fatalf("offer %d: Offer(id) differs from Next:\n%s\n%s", i, ja, jr)
		}
		jc, _ := json.Marshal(oc)
		if bytes.Equal(ja, jc) {
			same++
		}
	}
	if a.Next() != nil {
		t.Error("Next yields more than Options.Offers offers")
	}
	if same > 0 {
		t.Errorf("%d offers are the same with another seed", same)
	}
	for id := int64(1); id <= 50; id++ {
		pa, _ := json.Marshal(a.Provider(id))
		pb, _ := json.Marshal(b.Provider(id))
		va, _ := json.Marshal(a.Venue(id))
		vb, _ := json.Marshal(b.Venue(id))
		if !bytes.Equal(pa, pb) || !bytes.Equal(va, vb) {
			t.Fatalf("provider or venue %d differs between two generators with the same seed", id)
		}
	}
}

func TestEveryRecordIsValid(t *testing.T) {
	g := New(7, Options{Offers: 5000})
	for id := int64(1); id <= int64(g.NumProviders()); id++ {
		if err := catalogue.PrepareProvider(g.Provider(id), g.Now()); err != nil {
			t.Fatalf("provider %d: %v", id, err)
		}
	}
	for id := int64(1); id <= int64(g.NumVenues()); id++ {
		v := g.Venue(id)
		if err := catalogue.PrepareVenue(v); err != nil {
			t.Fatalf("venue %d: %v", id, err)
		}
		if start := g.venueStart[v.ProviderID-1]; id < start || id >= g.venueStart[v.ProviderID] {
			t.Fatalf("venue %d: owner %d has venues from %d", id, v.ProviderID, start)
		}
	}
	for o := g.Next(); o != nil; o = g.Next() {
		published := o.Status == catalogue.StatusPublished
		if err := catalogue.PrepareOffer(o, g.Now()); err != nil {
			t.Fatalf("offer %d: %v", o.ID, err)
		}
		if published && o.Status != catalogue.StatusPublished {
			t.Fatalf("offer %d: published, but every date has ended (status %s)", o.ID, o.Status)
		}
		if len(o.Dates) < 1 || len(o.Dates) > 4 {
			t.Fatalf("offer %d has %d dates", o.ID, len(o.Dates))
		}
		for _, d := range o.Dates {
			if d.VenueID != 0 && (d.Venue == nil || d.Venue.ID != d.VenueID || d.Venue.ProviderID != o.ProviderID) {
				t.Fatalf("offer %d: date %d has venue %d that is not the provider's", o.ID, d.ID, d.VenueID)
			}
		}
		if o.Provider == nil || o.Provider.Name != g.Provider(o.ProviderID).Name {
			t.Fatalf("offer %d: provider name %v is not provider %d's", o.ID, o.Provider, o.ProviderID)
		}
	}
}

// stopWords are German function words, left out when looking for the most
// frequent word of the catalogue.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`und sie in die der das mit für von zu zum zur im dem den des ist sind aus auf an am
		eine ein einen einem einer es sich werden wird oder als auch um vor über unter bei nach wie was wir ihr ihre
		ihren ihrem ihnen können kann alle nicht so nur noch bis durch sowie dann diese dieser dieses wer haben hat
		b a c e ins vom mit`) {
		stopWords[w] = true
	}
}

func TestDistributions(t *testing.T) {
	const n = 20_000
	g := New(1, Options{Offers: n})
	df := map[string]int{}
	var (
		textBytes, dups, online, free, noPrice, unpublished, saarland, venues, dates int
		topics                                                                       = map[string]int{}
		modes                                                                        = map[string]int{}
		providers                                                                    = map[int64]int{}
	)
	for o := g.Next(); o != nil; o = g.Next() {
		text := strings.Join([]string{o.Title, o.Subtitle, o.ShortDescription, o.Description, o.Contents,
			o.TargetGroup, o.Prerequisites, o.LearningOutcomes}, " ")
		textBytes += len(text)
		seen := map[string]bool{}
		for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
		if orig := g.NearDuplicateOf(o.ID); orig > 0 {
			dups++
			first := g.Offer(orig)
			if first.ProviderID != o.ProviderID || first.Title == o.Title || first.Description != o.Description ||
				!strings.Contains(o.Title, strings.TrimSuffix(first.Title, "!")) && !strings.Contains(o.Title, first.Title) {
				t.Fatalf("offer %d is no near-duplicate of %d: %q / %q", o.ID, orig, o.Title, first.Title)
			}
		}
		if o.Status != catalogue.StatusPublished {
			unpublished++
		}
		for _, tp := range o.Topics {
			topics[tp]++
		}
		for _, m := range o.DeliveryModes {
			modes[m]++
		}
		providers[o.ProviderID]++
		hasVenue := false
		for _, d := range o.Dates {
			dates++
			if d.Venue != nil {
				hasVenue = true
				venues++
				if d.Venue.Address.State == "SAA" {
					saarland++
				}
			}
		}
		if !hasVenue {
			online++
		}
		switch {
		case o.Price == nil:
			noPrice++
		case o.Price.AmountCents == 0:
			free++
		}
	}
	share := func(k int) float64 { return float64(k) / n }
	if s := share(dups); s < 0.04 || s > 0.06 {
		t.Errorf("near-duplicates: %.1f %%, want 4–6 %%", 100*s)
	}
	best, bestDF := "", 0
	for w, c := range df {
		if !stopWords[w] && c > bestDF {
			best, bestDF = w, c
		}
	}
	if s := share(bestDF); s < 0.2 || s > 0.6 {
		t.Errorf("most frequent word %q is in %.1f %% of the offers, want 20–60 %%", best, 100*s)
	}
	for _, w := range []string{"kurs", "weiterbildung", "grundlagen", "online"} {
		if s := share(df[w]); s < 0.1 || s > 0.6 {
			t.Errorf("%q is in %.1f %% of the offers, want a frequent word (10–60 %%)", w, 100*s)
		}
	}
	rare := 0
	for _, c := range df {
		if c <= 3 {
			rare++
		}
	}
	if len(df) < 8000 || rare < len(df)/4 {
		t.Errorf("%d distinct words, %d in at most 3 offers: want a long tail", len(df), rare)
	}
	if avg := textBytes / n; avg < 500 || avg > 700 {
		t.Errorf("average text %d bytes, want 500–700", avg)
	}
	if s := share(online); s < 0.08 || s > 0.35 {
		t.Errorf("online offers without venue: %.1f %%", 100*s)
	}
	if s := share(free); s < 0.02 || s > 0.2 {
		t.Errorf("free offers: %.1f %%", 100*s)
	}
	if s := share(noPrice); s < 0.03 || s > 0.15 {
		t.Errorf("offers without price: %.1f %%", 100*s)
	}
	if s := share(unpublished); s < 0.02 || s > 0.04 {
		t.Errorf("unpublished offers: %.1f %%", 100*s)
	}
	if s := float64(saarland) / float64(venues); s < 0.3 || s > 0.5 {
		t.Errorf("dates in the Saarland: %.1f %% of those with a venue", 100*s)
	}
	if avg := float64(dates) / n; avg < 1.7 || avg > 2.3 {
		t.Errorf("%.2f dates per offer", avg)
	}
	for _, tm := range catalogue.Vocab("topic").Terms {
		if topics[tm.Code] < n/200 {
			t.Errorf("topic %s: %d offers", tm.Code, topics[tm.Code])
		}
	}
	for _, m := range []string{"classroom", "virtual_classroom", "e_learning", "blended"} {
		if modes[m] < n/100 {
			t.Errorf("delivery mode %s: %d offers", m, modes[m])
		}
	}
	counts := make([]int, 0, len(providers))
	for _, c := range providers {
		counts = append(counts, c)
	}
	slices.Sort(counts)
	if top := counts[len(counts)-1]; top < 5*n/g.NumProviders() {
		t.Errorf("the largest provider has %d offers: want a skew", top)
	}
}

func TestStore(t *testing.T) {
	ctx := context.Background()
	g := New(3, Options{Offers: 2500})
	s := NewStore(g)
	var ids []int64
	after := int64(0)
	for {
		page, _, err := s.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusPublished, Ascending: true, AfterID: after,
			SkipTotal: true, Page: catalogue.Page{Limit: 1000}})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, o := range page {
			ids = append(ids, o.ID)
		}
		after = page[len(page)-1].ID
	}
	published := 0
	for id := int64(1); id <= 2500; id++ {
		if g.Offer(id).Status == catalogue.StatusPublished {
			published++
		}
	}
	if len(ids) != published || !slices.IsSorted(ids) {
		t.Errorf("ascending walk gave %d offers, want the %d published ones in order", len(ids), published)
	}
	if err := s.SaveOffer(ctx, g.Offer(1)); err != ErrReadOnly {
		t.Errorf("SaveOffer: %v", err)
	}
	o, err := s.OfferBySource(ctx, Source, g.Offer(9).ProviderID, "o9")
	if err != nil || o.ID != 9 {
		t.Errorf("OfferBySource: %v", err)
	}
}

// TestSavesIntoAStore saves a small catalogue into SQLite as the comment on
// Generator says: the store gives the records the generator's IDs.
func TestSavesIntoAStore(t *testing.T) {
	ctx := context.Background()
	g := New(5, Options{Offers: 300, Providers: 12})
	st := storetest.OpenSQLite(t, storageClock(g))
	err := st.Atomic(ctx, func(s catalogue.Store) error {
		for id := int64(1); id <= int64(g.NumProviders()); id++ {
			p := g.Provider(id)
			p.ID = 0
			if err := s.SaveProvider(ctx, p); err != nil {
				return err
			}
			if p.ID != id {
				t.Fatalf("provider %d saved as %d", id, p.ID)
			}
		}
		for id := int64(1); id <= int64(g.NumVenues()); id++ {
			v := g.Venue(id)
			v.ID = 0
			if err := s.SaveVenue(ctx, v); err != nil {
				return err
			}
			if v.ID != id {
				t.Fatalf("venue %d saved as %d", id, v.ID)
			}
		}
		for o := g.Next(); o != nil; o = g.Next() {
			want := o.ID
			o.ID = 0
			for i := range o.Dates {
				o.Dates[i].ID, o.Dates[i].OfferID = 0, 0
			}
			if err := s.SaveOffer(ctx, o); err != nil {
				return err
			}
			if o.ID != want {
				t.Fatalf("offer %d saved as %d", want, o.ID)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.Offer(ctx, 250)
	if err != nil {
		t.Fatal(err)
	}
	want := g.Offer(250)
	if got.Title != want.Title || got.Provider.Name != want.Provider.Name || len(got.Dates) != len(want.Dates) {
		t.Errorf("offer 250 read back as %q by %q with %d dates, want %q by %q with %d", got.Title, got.Provider.Name,
			len(got.Dates), want.Title, want.Provider.Name, len(want.Dates))
	}
}

func storageClock(g *Generator) storage.Option {
	return storage.WithClock(func() time.Time { return g.Now() })
}
