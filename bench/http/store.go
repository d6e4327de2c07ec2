package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/internal/gen"
	"github.com/lernnetz/lernnetz/storage"
)

// openStore opens the store at path (an SQLite file or a postgres:// DSN)
// for the benchmark's web server,
// filling it with g's catalogue when it is empty: providers, venues and
// offers saved in id order through the store's own SaveProvider, SaveVenue
// and SaveOffer, so each gets the id the generator (and so the search index)
// gives it. A file filled once is reused by later runs.
func openStore(ctx context.Context, path string, g *gen.Generator, w io.Writer) (*storage.Store, error) {
	s, err := storage.Open(ctx, path, storage.WithClock(g.Now))
	if err != nil {
		return nil, err
	}
	empty, err := s.Empty(ctx)
	if err != nil {
		s.Close()
		return nil, err
	}
	if !empty {
		return s, nil
	}
	began := time.Now()
	const batch = 1000
	check := func(what string, want, got int64) error {
		if want != got {
			return fmt.Errorf("bench/http: %s %d was saved as %d; %s must be new and empty", what, want, got, path)
		}
		return nil
	}
	err = s.Atomic(ctx, func(tx catalogue.Store) error {
		for id := int64(1); id <= int64(g.NumProviders()); id++ {
			p := g.Provider(id)
			p.ID = 0
			if err := tx.SaveProvider(ctx, p); err != nil {
				return fmt.Errorf("provider %d: %w", id, err)
			}
			if err := check("provider", id, p.ID); err != nil {
				return err
			}
		}
		for id := int64(1); id <= int64(g.NumVenues()); id++ {
			v := g.Venue(id)
			v.ID = 0
			if err := tx.SaveVenue(ctx, v); err != nil {
				return fmt.Errorf("venue %d: %w", id, err)
			}
			if err := check("venue", id, v.ID); err != nil {
				return err
			}
		}
		return nil
	})
	for first := int64(1); err == nil && first <= int64(g.Len()); first += batch {
		err = s.Atomic(ctx, func(tx catalogue.Store) error {
			for id := first; id < first+batch && id <= int64(g.Len()); id++ {
				o := g.Offer(id)
				o.ID = 0
				for i := range o.Dates {
					o.Dates[i].ID = 0
				}
				if err := tx.SaveOffer(ctx, o); err != nil {
					return fmt.Errorf("offer %d: %w", id, err)
				}
				if err := check("offer", id, o.ID); err != nil {
					return err
				}
			}
			return nil
		})
		if first%100_000 == 1 {
			fmt.Fprintf(os.Stderr, "bench/http: %d offers saved in %v\n", first-1, time.Since(began).Round(time.Second))
		}
	}
	pg := strings.HasPrefix(path, "postgres")
	if err != nil {
		s.Close()
		if !pg {
			os.Remove(path) // a half-filled file would be taken as filled next time
		}
		return nil, err
	}
	if pg {
		path = "the PostgreSQL database" // not the DSN, which may hold a password
	}
	fmt.Fprintf(w, "filled %s with %d offers in %v (%.0f offers/s)\n", path, g.Len(), time.Since(began).Round(time.Second),
		float64(g.Len())/time.Since(began).Seconds())
	return s, nil
}
