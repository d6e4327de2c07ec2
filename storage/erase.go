package storage

import (
	"context"
	"fmt"

	"github.com/lernnetz/lernnetz/account"
)

// EraseUser removes a person and every row about them in one transaction.
// Foreign keys do most of it: roles, memberships, sessions, one-time tokens,
// bookmarks and the API tokens they made go with the user (ON DELETE
// CASCADE); moderation items lose the user id (ON DELETE SET NULL). The mail outbox
// and the throttle failures have no key to the user and are cleared here.
func (s *Store) EraseUser(ctx context.Context, userID int64, email string, throttleKeys []string) error {
	err := s.writeTx(ctx, func(q querier) error {
		if _, err := q.ExecContext(ctx, s.q(`DELETE FROM mail_outbox WHERE lower(to_addr) = $1`), account.EmailKey(email)); err != nil {
			return fmt.Errorf("mail: %w", err)
		}
		for _, k := range throttleKeys {
			if _, err := q.ExecContext(ctx, s.q(`DELETE FROM throttle_failures WHERE key = $1`), k); err != nil {
				return fmt.Errorf("throttle: %w", err)
			}
		}
		res, err := q.ExecContext(ctx, s.q(`DELETE FROM users WHERE id = $1`), userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return account.ErrNotFound
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: erase user %d: %w", userID, err)
	}
	return nil
}

// APITokensBy lists the API tokens the user made, for their data export.
func (s *Store) APITokensBy(ctx context.Context, userID int64) ([]*account.APIToken, error) {
	rows, err := s.reader().QueryContext(ctx, s.q(`SELECT `+apiTokenColumns+` FROM api_tokens WHERE created_by = $1 ORDER BY id`), userID)
	if err != nil {
		return nil, fmt.Errorf("storage: API tokens of user %d: %w", userID, err)
	}
	defer rows.Close()
	var out []*account.APIToken
	for rows.Next() {
		t, err := scanAPIToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// TextColumns lists every column of every table that holds text (TEXT,
// JSON), as table.column: what a test scans to prove an erasure complete.
func (s *Store) TextColumns(ctx context.Context) ([][2]string, error) {
	query := `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND (upper(p.type) LIKE '%TEXT%' OR upper(p.type) LIKE '%CHAR%')`
	if s.dialect == Postgres {
		query = `SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'jsonb', 'json')`
	}
	rows, err := s.r.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("storage: text columns: %w", err)
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var t, c string
		if err := rows.Scan(&t, &c); err != nil {
			return nil, err
		}
		out = append(out, [2]string{t, c})
	}
	return out, rows.Err()
}

// CountContaining counts the rows of table whose column contains needle
// (case-insensitive), for the erasure test.
func (s *Store) CountContaining(ctx context.Context, table, column, needle string) (int, error) {
	var n int
	cast := column
	if s.dialect == Postgres {
		cast = `"` + column + `"::text`
	}
	err := s.r.QueryRowContext(ctx, s.q(fmt.Sprintf(`SELECT count(*) FROM %q WHERE lower(%s) LIKE $1`, table, cast)),
		"%"+account.EmailKey(needle)+"%").Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("storage: scan %s.%s: %w", table, column, err)
	}
	return n, nil
}

// CountRefs counts the rows of table whose column equals id, for the
// erasure test.
func (s *Store) CountRefs(ctx context.Context, table, column string, id int64) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, s.q(fmt.Sprintf(`SELECT count(*) FROM %q WHERE %q = $1`, table, column)), id).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("storage: count %s.%s: %w", table, column, err)
	}
	return n, nil
}
