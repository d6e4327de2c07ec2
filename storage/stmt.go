package storage

import (
	"context"
	"database/sql"
	"strconv"
	"sync"
	"sync/atomic"
)

// maxCachedStmts bounds the statements one transaction keeps prepared.
const maxCachedStmts = 64

// txConn is a write transaction that, on SQLite, prepares each statement
// once and reuses it for the rest of the transaction. Parsing SQL is a large
// part of the cost of a small write there (the driver keeps no statement
// cache), and an import batch in one Atomic transaction repeats the same
// few statements hundreds of times. PostgreSQL's driver caches prepared
// statements itself. Only single-row queries and Exec are cached: a
// statement whose rows are still open must not be run again.
type txConn struct {
	*sql.Tx
	cache bool
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
	// known holds the rows ("providers:7", "venues:12") this transaction
	// has found to exist, so a batch of offers of one provider checks the
	// provider once. Deleting a provider forgets them all.
	known map[string]struct{}
}

// rowExists reports whether table has a row with id, asking the database
// once per transaction for each row found. table is one of our own table
// names, never input.
func (t *txConn) rowExists(ctx context.Context, q func(string) string, table string, id int64) (bool, error) {
	key := table + ":" + strconv.FormatInt(id, 10)
	t.mu.Lock()
	_, ok := t.known[key]
	t.mu.Unlock()
	if ok {
		return true, nil
	}
	ok, err := exists(ctx, t, q(`SELECT 1 FROM `+table+` WHERE id = $1`), id)
	if ok {
		t.mu.Lock()
		if t.known == nil {
			t.known = make(map[string]struct{})
		}
		t.known[key] = struct{}{}
		t.mu.Unlock()
	}
	return ok, err
}

// forgetRows drops what rowExists learnt; call it after deleting rows that
// rowExists may have seen.
func (t *txConn) forgetRows() {
	t.mu.Lock()
	t.known = nil
	t.mu.Unlock()
}

func newTxConn(tx *sql.Tx, cache bool) *txConn {
	return &txConn{Tx: tx, cache: cache}
}

// prepared returns query prepared in the transaction, or nil to run it
// directly (no cache, the cache full, or preparing failed – the direct run
// then reports the error).
func (t *txConn) prepared(ctx context.Context, query string) *sql.Stmt {
	if !t.cache {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if st, ok := t.stmts[query]; ok {
		return st
	}
	if len(t.stmts) >= maxCachedStmts {
		return nil
	}
	st, err := t.Tx.PrepareContext(ctx, query) // closed by database/sql when the transaction ends
	if err != nil {
		return nil
	}
	if t.stmts == nil {
		t.stmts = make(map[string]*sql.Stmt)
	}
	t.stmts[query] = st
	return st
}

// QueryRowContext runs a query that returns at most one row.
func (t *txConn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.prepared(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}

// ExecContext runs a statement that returns no rows.
func (t *txConn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.prepared(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

// Exec runs a statement that returns no rows.
func (t *txConn) Exec(query string, args ...any) (sql.Result, error) {
	return t.ExecContext(context.Background(), query, args...)
}

// maxReadStmts bounds the statements the SQLite read pool keeps prepared;
// queries with IN lists of varying length make a statement per length.
const maxReadStmts = 512

// stmtReader is SQLite's read pool with its statements prepared once and
// kept for the life of the store. SQLite (here compiled to WebAssembly)
// spends about as long parsing a short SELECT as running it: without the
// cache, preparing was 17 % of an offer page's CPU. A *sql.Stmt is safe for
// concurrent use; database/sql prepares it on each pooled connection the
// first time it runs there. PostgreSQL's driver caches statements itself
// and reads the pool directly.
type stmtReader struct {
	db    *sql.DB
	stmts sync.Map // query → *sql.Stmt
	n     atomic.Int32
}

func (r *stmtReader) stmt(ctx context.Context, query string) *sql.Stmt {
	if v, ok := r.stmts.Load(query); ok {
		return v.(*sql.Stmt)
	}
	if r.n.Load() >= maxReadStmts {
		return nil
	}
	st, err := r.db.PrepareContext(ctx, query)
	if err != nil {
		return nil // the direct run reports the error
	}
	if v, loaded := r.stmts.LoadOrStore(query, st); loaded {
		st.Close()
		return v.(*sql.Stmt)
	}
	r.n.Add(1)
	return st
}

// QueryContext runs a query with its prepared statement.
func (r *stmtReader) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := r.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return r.db.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a query that returns at most one row with its
// prepared statement.
func (r *stmtReader) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := r.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return r.db.QueryRowContext(ctx, query, args...)
}

// ExecContext runs a statement on the read pool as it is (reads only; kept
// for the querier interface).
func (r *stmtReader) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return r.db.ExecContext(ctx, query, args...)
}

// close closes the kept statements.
func (r *stmtReader) close() {
	r.stmts.Range(func(_, v any) bool {
		v.(*sql.Stmt).Close()
		return true
	})
}
