package storage

import (
	"context"
	"database/sql"
	"strconv"
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
