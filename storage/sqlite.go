package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"

	"github.com/ncruces/go-sqlite3"
	_ "github.com/ncruces/go-sqlite3/driver" // registers the "sqlite3" database/sql driver
)

// openSQLite opens path twice: one connection for writes, taken with
// BEGIN IMMEDIATE so writers queue instead of failing with SQLITE_BUSY, and a
// pool for reads, which WAL lets run beside the writer.
func openSQLite(ctx context.Context, path string) (w, r *sql.DB, err error) {
	if path == "" {
		return nil, nil, errors.New("storage: no database given: set LERNNETZ_DB to an SQLite file path or a postgres:// DSN")
	}
	params := url.Values{}
	params.Add("_pragma", "busy_timeout(10000)")
	params.Add("_pragma", "journal_mode(wal)")
	params.Add("_pragma", "synchronous(normal)")
	params.Add("_pragma", "foreign_keys(on)")
	params.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + params.Encode()

	w, err = sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, nil, fmt.Errorf("storage: open SQLite file %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, nil, fmt.Errorf("storage: open SQLite file %s: %w", path, err)
	}
	r, err = sql.Open("sqlite3", dsn)
	if err != nil {
		w.Close()
		return nil, nil, fmt.Errorf("storage: open SQLite file %s for reading: %w", path, err)
	}
	// Keep every read connection open: database/sql keeps only two idle by
	// default, so under load the others were closed after each use and
	// opened again — the file, the schema and every prepared statement anew
	// (seen as 5 % of a search page's CPU at 1 M offers).
	readers := max(4, runtime.NumCPU()*2)
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	return w, r, nil
}

func isUniqueViolationSQLite(err error) bool {
	return errors.Is(err, sqlite3.CONSTRAINT_UNIQUE) || errors.Is(err, sqlite3.CONSTRAINT_PRIMARYKEY)
}
