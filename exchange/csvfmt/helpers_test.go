package csvfmt_test

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange"
	"github.com/lernnetz/lernnetz/exchange/csvfmt"
	"github.com/lernnetz/lernnetz/exchange/record"
	"github.com/lernnetz/lernnetz/internal/shared"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/storage/storetest"
)

var ctx = context.Background()

// now is the clock of stores and imports: before the example's dates.
var now = storetest.Now

func clock() time.Time { return now }

func openSQLite(t *testing.T) catalogue.Store {
	return storetest.OpenSQLite(t, storage.WithClock(clock))
}

func openPostgres(t *testing.T) catalogue.Store {
	return storetest.OpenPostgres(t, storage.WithClock(clock))
}

// eachStore runs fn on a new SQLite store and, when LERNNETZ_TEST_POSTGRES
// is set, on a new PostgreSQL store.
func eachStore(t *testing.T, fn func(t *testing.T, open func(t *testing.T) catalogue.Store)) {
	t.Run("SQLite", func(t *testing.T) { fn(t, openSQLite) })
	t.Run("Postgres", func(t *testing.T) { fn(t, openPostgres) })
}

// importCSV imports data as CSV into s from source "csv-test".
func importCSV(t *testing.T, s catalogue.Store, name string, data []byte) (*exchange.Summary, error) {
	t.Helper()
	im := &exchange.Importer{Store: s, Now: clock}
	return im.Import(ctx, bytes.NewReader(data), exchange.Options{FileName: name, Source: "csv-test", Format: "csv"})
}

// readAll reads every record of a file, and the fatal error if any; a
// fatal error must repeat.
func readAll(t testing.TB, data []byte, opts ...csvfmt.Option) ([]*record.Record, error) {
	t.Helper()
	r := csvfmt.NewReader(bytes.NewReader(data), opts...)
	var out []*record.Record
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			if again, err2 := r.Next(); again != nil || err2 != err {
				t.Fatalf("after %v, Next returned %v, %v", err, again, err2)
			}
			return out, err
		}
		out = append(out, rec)
	}
}

func kinds(recs []*record.Record, k record.Kind) []*record.Record {
	var out []*record.Record
	for _, r := range recs {
		if r.Kind == k {
			out = append(out, r)
		}
	}
	return out
}

// pas1045File finds the real WDB Brandenburg export in shared/ beside the
// repository.
func pas1045File(t *testing.T) string { return shared.Path(t, shared.PAS1045) }
