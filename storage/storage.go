// Package storage keeps the catalogue in SQLite (the embedded default: one
// file) or PostgreSQL (several stateless lernnetz nodes on one database).
//
// One implementation serves both: the SQL is written once, in PostgreSQL's
// placeholder style, beside the code that needs it, and rebound for SQLite.
// Only the schema (migrations/sqlite, migrations/postgres) and the driver
// set-up (sqlite.go, postgres.go) differ per database.
package storage

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

// Dialect names the database behind a Store.
type Dialect string

// The supported databases.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store implements catalogue.Store on SQLite or PostgreSQL.
type Store struct {
	dialect Dialect
	w       *sql.DB // writes; for SQLite a single connection
	r       *sql.DB // reads; for PostgreSQL the same pool as w
	now     func() time.Time
	log     *slog.Logger
	queries *sync.Map // SQL text → rebound SQL text
	tx      *txConn   // set on the store handed to an Atomic function
	rq      querier   // the read pool as reads use it: r, with kept statements on SQLite
}

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// reader returns where reads go: the open transaction of an Atomic
// function, so it sees its own changes, or else the read pool.
func (s *Store) reader() querier {
	if s.tx != nil {
		return s.tx
	}
	return s.rq
}

var _ catalogue.Store = (*Store)(nil)

// Option configures a Store.
type Option func(*Store)

// WithClock sets the clock used for timestamps and derived fields (tests).
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithLogger sets the logger for migrations and slow operations.
func WithLogger(l *slog.Logger) Option { return func(s *Store) { s.log = l } }

// Open opens the store named by dsn and applies pending migrations.
// A dsn starting with postgres:// or postgresql:// opens PostgreSQL; anything
// else is the path of an SQLite file, created when missing.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	s := &Store{now: time.Now, log: slog.New(slog.DiscardHandler), queries: &sync.Map{}}
	for _, o := range opts {
		o(s)
	}
	var err error
	if IsPostgres(dsn) {
		s.dialect = Postgres
		s.w, err = openPostgres(ctx, dsn)
		s.r = s.w
	} else {
		s.dialect = SQLite
		s.w, s.r, err = openSQLite(ctx, dsn)
	}
	if err != nil {
		return nil, err
	}
	s.rq = s.r
	if s.dialect == SQLite {
		s.rq = &stmtReader{db: s.r}
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Dialect tells which database the store uses.
func (s *Store) Dialect() Dialect { return s.dialect }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.r.PingContext(ctx) }

// Close closes the database connections.
func (s *Store) Close() error {
	if sr, ok := s.rq.(*stmtReader); ok {
		sr.close()
	}
	err := s.w.Close()
	if s.r != s.w {
		if e := s.r.Close(); err == nil {
			err = e
		}
	}
	return err
}

var placeholder = regexp.MustCompile(`\$([0-9]+)`)

// q returns query in the store's dialect: PostgreSQL's $1 becomes SQLite's ?1.
func (s *Store) q(query string) string {
	if s.dialect == Postgres {
		return query
	}
	if v, ok := s.queries.Load(query); ok {
		return v.(string)
	}
	v := placeholder.ReplaceAllString(query, "?$1")
	s.queries.Store(query, v)
	return v
}

// inTx runs fn in a write transaction and commits it when fn returns nil.
// Inside an Atomic function it joins the open transaction.
func (s *Store) inTx(ctx context.Context, fn func(tx *txConn) error) error {
	if s.tx != nil {
		return fn(s.tx)
	}
	sqlTx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("storage: begin transaction: %w", err)
	}
	tx := newTxConn(sqlTx, s.dialect == SQLite)
	committed := false
	defer func() {
		if !committed { // an error or a panic in fn
			tx.Rollback()
		}
	}()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("storage: commit: %w", err)
	}
	committed = true
	return nil
}

// Atomic runs fn with a store whose every change is committed together when
// fn returns nil and rolled back when it returns an error (or panics): an
// import batch lands whole or not at all. Calls to Atomic inside fn join the
// same transaction.
func (s *Store) Atomic(ctx context.Context, fn func(catalogue.Store) error) error {
	if s.tx != nil {
		return fn(s)
	}
	return s.inTx(ctx, func(tx *txConn) error {
		inner := *s
		inner.tx = tx
		return fn(&inner)
	})
}

// stamp returns the current time as stored: whole seconds, in Berlin.
func (s *Store) stamp() time.Time {
	return s.now().Truncate(time.Second).In(catalogue.Berlin)
}
