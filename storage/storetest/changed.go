package storetest

import (
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

// testChangedSince checks what a harvester sees: records saved at or after
// an instant, in the order they were last saved, with status filters.
func testChangedSince(t *testing.T, s catalogue.Store, clock *Clock) {
	early := mustSaveProvider(t, s, "Zentrum früh")
	v := mustSaveVenue(t, s, early.ID, "Raum")
	old := mustSaveOffer(t, s, NewOffer(early.ID, v.ID, "Alt"))
	clock.Advance(time.Hour)
	since := clock.Now()
	later := mustSaveProvider(t, s, "Akademie spät")
	clock.Advance(time.Minute)
	fresh := mustSaveOffer(t, s, NewOffer(later.ID, 0, "Neu"))
	clock.Advance(time.Minute)
	// Withdrawing the old offer is a change since.
	old.Status = catalogue.StatusWithdrawn
	mustSaveOffer(t, s, old)
	clock.Advance(time.Minute)
	draft := NewOffer(later.ID, 0, "Entwurf")
	draft.Status = catalogue.StatusDraft
	mustSaveOffer(t, s, draft)

	offers, total, err := s.Offers(ctx, catalogue.OfferFilter{ChangedSince: since,
		Statuses: []string{catalogue.StatusPublished, catalogue.StatusWithdrawn}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range offers {
		got = append(got, o.Title+" "+o.Status)
	}
	want := []string{"Neu published", "Alt withdrawn"} // by time of the last save
	if total != 2 || len(got) != 2 || got[0] != want[0] || got[1] != want[1] || offers[0].ID != fresh.ID {
		t.Errorf("offers changed since: %v (total %d), want %v", got, total, want)
	}
	if offers, _, err := s.Offers(ctx, catalogue.OfferFilter{ChangedSince: clock.Now().Add(time.Second)}); err != nil || len(offers) != 0 {
		t.Errorf("offers changed after the last save: %d, %v", len(offers), err)
	}
	if all, total, _ := s.Offers(ctx, catalogue.OfferFilter{ChangedSince: since}); total != 3 || len(all) != 3 || all[2].ID != draft.ID {
		t.Errorf("every status changed since: %d offers", total)
	}
	if recent, _, _ := s.Offers(ctx, catalogue.OfferFilter{RecentlyChanged: true}); len(recent) != 3 ||
		recent[0].ID != draft.ID || recent[1].ID != old.ID || recent[2].ID != fresh.ID {
		t.Errorf("recently changed first: %d offers, first %q", len(recent), recent[0].Title)
	}
	if offers, total, _ := s.Offers(ctx, catalogue.OfferFilter{Statuses: []string{catalogue.StatusDraft}}); total != 1 || offers[0].ID != draft.ID {
		t.Errorf("drafts: %d", total)
	}

	providers, total, err := s.Providers(ctx, catalogue.ProviderFilter{ChangedSince: since})
	if err != nil {
		t.Fatal(err)
	}
	if total != 1 || len(providers) != 1 || providers[0].ID != later.ID {
		t.Errorf("providers changed since: %d, want only %q", total, later.Name)
	}
	// Without the filter: by name, both.
	if providers, total, _ := s.Providers(ctx, catalogue.ProviderFilter{}); total != 2 || providers[0].ID != later.ID {
		t.Errorf("providers: %d", total)
	}
}
