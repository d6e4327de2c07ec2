package storage

import (
	"context"
	"database/sql"
	"sync"
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
