package storetest

import (
	"errors"
	"testing"

	"github.com/lernnetz/lernnetz/catalogue"
)

// testFindBySource checks the lookups an import uses to find what an earlier
// import of the same source brought in.
func testFindBySource(t *testing.T, s catalogue.Store) {
	p := mustSaveProvider(t, s, "VHS Merzig")
	other := mustSaveProvider(t, s, "VHS Neunkirchen")
	got, err := s.ProviderBySource(ctx, "test", p.Provenance.SourceID)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "provider by source", got, p)
	for _, key := range [][2]string{{"other", p.Provenance.SourceID}, {"test", "P-nobody"}, {"test", ""}, {"", ""}} {
		if _, err := s.ProviderBySource(ctx, key[0], key[1]); !errors.Is(err, catalogue.ErrNotFound) {
			t.Errorf("provider %q from %q: want ErrNotFound, got %v", key[1], key[0], err)
		}
	}

	v := mustSaveVenue(t, s, p.ID, "Raum 1")
	v.Provenance = catalogue.Provenance{Source: "test", SourceID: "addr-1"}
	if err := s.SaveVenue(ctx, v); err != nil {
		t.Fatal(err)
	}
	network := NewVenue(0, "Lernort des Netzwerks")
	network.Provenance = catalogue.Provenance{Source: "test", SourceID: "addr-1"}
	if err := s.SaveVenue(ctx, network); err != nil {
		t.Fatal(err)
	}
	gotV, err := s.VenueBySource(ctx, "test", p.ID, "addr-1")
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "venue by source", gotV, v)
	if gotV, err = s.VenueBySource(ctx, "test", 0, "addr-1"); err != nil || gotV.ID != network.ID {
		t.Fatalf("network venue by source: %v, %+v", err, gotV)
	}
	if _, err := s.VenueBySource(ctx, "test", other.ID, "addr-1"); !errors.Is(err, catalogue.ErrNotFound) {
		t.Errorf("venue of another provider: want ErrNotFound, got %v", err)
	}

	o := mustSaveOffer(t, s, NewOffer(p.ID, v.ID, "Italienisch A1"))
	twin := NewOffer(other.ID, 0, "Italienisch A1")
	twin.Provenance.SourceID = o.Provenance.SourceID // the same source id at another provider
	mustSaveOffer(t, s, twin)
	gotO, err := s.OfferBySource(ctx, "test", p.ID, o.Provenance.SourceID)
	if err != nil {
		t.Fatal(err)
	}
	want := *o
	want.Provider = &catalogue.ProviderRef{ID: p.ID, Name: p.Name}
	want.Dates = append([]catalogue.Date(nil), o.Dates...)
	want.Dates[0].Venue, want.Dates[1].Venue = v, v
	sameJSON(t, "offer by source", gotO, &want)
	if gotO, err = s.OfferBySource(ctx, "test", other.ID, o.Provenance.SourceID); err != nil || gotO.ID != twin.ID {
		t.Fatalf("offer of the other provider: %v", err)
	}
	if _, err := s.OfferBySource(ctx, "test", p.ID, "O-nothing"); !errors.Is(err, catalogue.ErrNotFound) {
		t.Errorf("missing offer: want ErrNotFound, got %v", err)
	}
}

// testSourceOffers checks the list a full import compares its file with.
func testSourceOffers(t *testing.T, s catalogue.Store) {
	p := mustSaveProvider(t, s, "VHS")
	a := mustSaveOffer(t, s, NewOffer(p.ID, 0, "Kurs A"))
	b := NewOffer(p.ID, 0, "Kurs B")
	b.Status = catalogue.StatusWithdrawn
	mustSaveOffer(t, s, b)
	local := NewOffer(p.ID, 0, "Kurs ohne Quelle")
	local.Provenance = catalogue.Provenance{}
	mustSaveOffer(t, s, local)
	foreign := NewOffer(p.ID, 0, "Kurs C")
	foreign.Provenance.Source = "other"
	mustSaveOffer(t, s, foreign)

	refs, err := s.SourceOffers(ctx, "test")
	if err != nil {
		t.Fatal(err)
	}
	want := []catalogue.SourceRef{
		{ID: a.ID, ProviderID: p.ID, SourceID: "O-Kurs A", Status: catalogue.StatusPublished},
		{ID: b.ID, ProviderID: p.ID, SourceID: "O-Kurs B", Status: catalogue.StatusWithdrawn},
	}
	sameJSON(t, "source offers", refs, want)
	if refs, err := s.SourceOffers(ctx, "nobody"); err != nil || len(refs) != 0 {
		t.Fatalf("unknown source: %v, %v", refs, err)
	}
}

// testDuplicateOf checks the flag of probable duplicates: stored, checked,
// and cleared when the offer it points to is deleted.
func testDuplicateOf(t *testing.T, s catalogue.Store) {
	p := mustSaveProvider(t, s, "VHS")
	first := mustSaveOffer(t, s, NewOffer(p.ID, 0, "Erste Hilfe"))
	second := NewOffer(p.ID, 0, "Erste Hilfe am Kind")
	second.DuplicateOf = first.ID
	mustSaveOffer(t, s, second)
	got, err := s.Offer(ctx, second.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.DuplicateOf != first.ID {
		t.Fatalf("duplicate_of %d, want %d", got.DuplicateOf, first.ID)
	}

	var ve *catalogue.ValidationError
	second.DuplicateOf = first.ID + 1000
	if err := s.SaveOffer(ctx, second); !errors.As(err, &ve) || !ve.Has("duplicate_of", "unknown_offer") {
		t.Fatalf("duplicate of a missing offer: want unknown_offer, got %v", err)
	}
	second.DuplicateOf = second.ID
	if err := s.SaveOffer(ctx, second); !errors.As(err, &ve) || !ve.Has("duplicate_of", "unknown_offer") {
		t.Fatalf("duplicate of itself: want unknown_offer, got %v", err)
	}

	if err := s.DeleteOffer(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	if got, err = s.Offer(ctx, second.ID); err != nil || got.DuplicateOf != 0 {
		t.Fatalf("after deleting the original: duplicate_of %d, %v", got.DuplicateOf, err)
	}
}
