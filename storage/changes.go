package storage

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

// Changes returns up to limit changes with a sequence number above after, in
// order. On PostgreSQL sequence numbers are handed out before commit, so a
// reader that must not miss a change re-reads a short window behind its
// position; the search index does.
func (s *Store) Changes(ctx context.Context, after int64, limit int) ([]catalogue.Change, error) {
	if limit <= 0 {
		limit = 1000
	}
	rows, err := s.reader().QueryContext(ctx, s.q(`SELECT seq, entity, entity_id, op, at FROM changes WHERE seq > $1 ORDER BY seq LIMIT `+strconv.Itoa(limit)), after) // a literal: see limitOffset
	if err != nil {
		return nil, fmt.Errorf("storage: read changes: %w", err)
	}
	defer rows.Close()
	var out []catalogue.Change
	for rows.Next() {
		var c catalogue.Change
		var at time.Time
		if err := rows.Scan(&c.Seq, &c.Entity, &c.EntityID, &c.Op, &at); err != nil {
			return nil, fmt.Errorf("storage: read changes: %w", err)
		}
		c.At = fromDB(at)
		out = append(out, c)
	}
	return out, rows.Err()
}
