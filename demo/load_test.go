package demo

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/storage"
)

func TestLoadIntoSQLite(t *testing.T) {
	ctx := context.Background()
	s, err := storage.Open(ctx, filepath.Join(t.TempDir(), "demo.db"),
		storage.WithClock(func() time.Time { return testNow }))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	start := time.Now()
	if err := Load(ctx, s, testNow); err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded in %v", time.Since(start))
	want := Generate(testNow)

	_, providers, err := s.Providers(ctx, catalogue.ProviderFilter{})
	if err != nil || providers != len(want.Providers) {
		t.Errorf("store has %d providers (%v), want %d", providers, err, len(want.Providers))
	}
	_, venues, err := s.Venues(ctx, catalogue.VenueFilter{})
	if err != nil || venues != len(want.Venues) {
		t.Errorf("store has %d venues (%v), want %d", venues, err, len(want.Venues))
	}
	_, places, err := s.Venues(ctx, catalogue.VenueFilter{LearningPlaces: true})
	if err != nil || places < 9 {
		t.Errorf("store has %d learning places (%v), want at least 9", places, err)
	}
	_, offers, err := s.Offers(ctx, catalogue.OfferFilter{})
	if err != nil || offers != len(want.Offers) {
		t.Errorf("store has %d offers (%v), want %d", offers, err, len(want.Offers))
	}
	_, published, _ := s.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusPublished})
	_, expired, _ := s.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusExpired})
	if published < 520 || expired == 0 || published+expired != offers {
		t.Errorf("%d published and %d expired of %d offers", published, expired, offers)
	}

	// The references by index became references by ID.
	list, _, err := s.Offers(ctx, catalogue.OfferFilter{Page: catalogue.Page{Limit: 100}})
	if err != nil {
		t.Fatal(err)
	}
	withVenue := 0
	for _, o := range list {
		full, err := s.Offer(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if full.Provider == nil || full.Provider.Name == "" {
			t.Errorf("offer %q has no provider", full.Title)
		}
		for _, d := range full.Dates {
			if d.VenueID != 0 {
				withVenue++
				if d.Venue == nil || d.Venue.Name == "" {
					t.Errorf("offer %q: date venue %d not found", full.Title, d.VenueID)
				}
			}
		}
	}
	if withVenue == 0 {
		t.Error("no date has a venue")
	}
}

// failingStore fails on the n-th offer.
type failingStore struct {
	catalogue.Store
	n int
}

func (f *failingStore) SaveOffer(ctx context.Context, o *catalogue.Offer) error {
	if f.n--; f.n == 0 {
		return errors.New("disk full")
	}
	return f.Store.SaveOffer(ctx, o)
}

// failingAtomic is a transactional store whose transaction fails midway.
type failingAtomic struct{ *storage.Store }

func (a failingAtomic) Atomic(ctx context.Context, fn func(catalogue.Store) error) error {
	return a.Store.Atomic(ctx, func(tx catalogue.Store) error { return fn(&failingStore{Store: tx, n: 100}) })
}

func TestLoadIsAllOrNothingOnATransactionalStore(t *testing.T) {
	ctx := context.Background()
	s, err := storage.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := Load(ctx, failingAtomic{s}, testNow); err == nil {
		t.Fatal("Load succeeded although saving an offer failed")
	}
	if empty, err := s.Empty(ctx); err != nil || !empty {
		t.Errorf("store not empty after a failed load (%v)", err)
	}
	// A store without transactions gets the records one by one.
	if err := Load(ctx, struct{ catalogue.Store }{s}, testNow); err != nil {
		t.Fatal(err)
	}
	if _, n, _ := s.Offers(ctx, catalogue.OfferFilter{}); n != len(Generate(testNow).Offers) {
		t.Errorf("%d offers after loading without a transaction", n)
	}
}
