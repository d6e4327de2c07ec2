package storage

import (
	"context"
	"fmt"
	"hash/fnv"
	"sync"
)

// sqliteLocks serialise Exclusive sections within one process; an SQLite
// file has one lernnetz process.
var sqliteLocks sync.Map // name → *sync.Mutex

// Exclusive runs fn while holding the lock called name. On PostgreSQL the
// lock is an advisory lock, so it holds across every node on the database;
// on SQLite it holds within the process.
func (s *Store) Exclusive(ctx context.Context, name string, fn func() error) error {
	if s.dialect != Postgres {
		m, _ := sqliteLocks.LoadOrStore(name, &sync.Mutex{})
		m.(*sync.Mutex).Lock()
		defer m.(*sync.Mutex).Unlock()
		return fn()
	}
	h := fnv.New64a()
	h.Write([]byte("lernnetz:" + name))
	key := int64(h.Sum64())
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("storage: lock %s: %w", name, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		return fmt.Errorf("storage: lock %s: %w", name, err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, key)
	return fn()
}

// Empty reports whether the catalogue has no provider.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	var n int
	if err := s.reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM providers LIMIT 1) AS p`).Scan(&n); err != nil {
		return false, fmt.Errorf("storage: count providers: %w", err)
	}
	return n == 0, nil
}

// HasSource reports whether any provider came from source.
func (s *Store) HasSource(ctx context.Context, source string) (bool, error) {
	var n int
	if err := s.reader().QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM (SELECT 1 FROM providers WHERE source = $1 LIMIT 1) AS p`), source).Scan(&n); err != nil {
		return false, fmt.Errorf("storage: look for source %q: %w", source, err)
	}
	return n > 0, nil
}
