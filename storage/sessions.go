package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/lernnetz/lernnetz/account"
)

// Sessions, one-time tokens and throttle failures of the account store.

const sessionColumns = `id, token_hash, user_id, state, created_at, last_seen_at, expires_at, idle_seconds, user_agent, ip`

func scanSession(row rowScanner) (*account.Session, error) {
	var se account.Session
	var state string
	var idle int64
	if err := row.Scan(&se.ID, &se.TokenHash, &se.UserID, &state, &se.CreatedAt, &se.LastSeenAt, &se.ExpiresAt,
		&idle, &se.UserAgent, &se.IP); err != nil {
		return nil, err
	}
	se.State = account.SessionState(state)
	se.IdleTimeout = time.Duration(idle) * time.Second
	se.CreatedAt, se.LastSeenAt, se.ExpiresAt = fromDB(se.CreatedAt), fromDB(se.LastSeenAt), fromDB(se.ExpiresAt)
	return &se, nil
}

// CreateSession inserts se and sets its ID.
func (s *Store) CreateSession(ctx context.Context, se *account.Session) error {
	err := s.writeTx(ctx, func(q querier) error {
		return q.QueryRowContext(ctx, s.q(`INSERT INTO sessions (token_hash, user_id, state, created_at, last_seen_at,
			expires_at, idle_seconds, user_agent, ip) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`),
			se.TokenHash, se.UserID, string(se.State), dbTime(se.CreatedAt), dbTime(se.LastSeenAt), dbTime(se.ExpiresAt),
			int64(se.IdleTimeout/time.Second), se.UserAgent, se.IP).Scan(&se.ID)
	})
	if err != nil {
		return fmt.Errorf("storage: create session of user %d: %w", se.UserID, err)
	}
	return nil
}

// SessionByToken returns the session whose token has the hash.
func (s *Store) SessionByToken(ctx context.Context, tokenHash string) (*account.Session, error) {
	se, err := scanSession(s.reader().QueryRowContext(ctx, s.q(`SELECT `+sessionColumns+` FROM sessions WHERE token_hash = $1`), tokenHash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("storage: session: %w", account.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: read session: %w", err)
	}
	return se, nil
}

// TouchSession sets the session's last activity.
func (s *Store) TouchSession(ctx context.Context, id int64, at time.Time) error {
	if _, err := s.writer().ExecContext(ctx, s.q(`UPDATE sessions SET last_seen_at = $1 WHERE id = $2`), dbTime(at), id); err != nil {
		return fmt.Errorf("storage: touch session: %w", err)
	}
	return nil
}

// UserSessions lists the user's sessions, newest first.
func (s *Store) UserSessions(ctx context.Context, userID int64) ([]*account.Session, error) {
	rows, err := s.reader().QueryContext(ctx, s.q(`SELECT `+sessionColumns+` FROM sessions WHERE user_id = $1 ORDER BY created_at DESC, id DESC`), userID)
	if err != nil {
		return nil, fmt.Errorf("storage: list sessions: %w", err)
	}
	defer rows.Close()
	var out []*account.Session
	for rows.Next() {
		se, err := scanSession(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: list sessions: %w", err)
		}
		out = append(out, se)
	}
	return out, rows.Err()
}

// DeleteSession ends session id of the user.
func (s *Store) DeleteSession(ctx context.Context, userID, id int64) error {
	res, err := s.writer().ExecContext(ctx, s.q(`DELETE FROM sessions WHERE id = $1 AND user_id = $2`), id, userID)
	if err != nil {
		return fmt.Errorf("storage: delete session: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("storage: session %d of user %d: %w", id, userID, account.ErrNotFound)
	}
	return nil
}

// DeleteUserSessions ends every session of the user but except.
func (s *Store) DeleteUserSessions(ctx context.Context, userID, except int64) (int, error) {
	res, err := s.writer().ExecContext(ctx, s.q(`DELETE FROM sessions WHERE user_id = $1 AND id <> $2`), userID, except)
	if err != nil {
		return 0, fmt.Errorf("storage: delete sessions of user %d: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// DeleteExpiredSessions removes sessions past their absolute end or idle
// for longer than their idle timeout at now.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	// The idle condition is checked in Go: date arithmetic differs between
	// the databases. Candidates are few: sessions idle for a minute or more.
	res, err := s.writer().ExecContext(ctx, s.q(`DELETE FROM sessions WHERE expires_at <= $1`), dbTime(now))
	if err != nil {
		return 0, fmt.Errorf("storage: delete expired sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	rows, err := s.reader().QueryContext(ctx, s.q(`SELECT id, last_seen_at, idle_seconds FROM sessions WHERE last_seen_at <= $1`),
		dbTime(now.Add(-account.TouchInterval)))
	if err != nil {
		return int(n), fmt.Errorf("storage: find idle sessions: %w", err)
	}
	var idle []int64
	for rows.Next() {
		var id, seconds int64
		var seen time.Time
		if err := rows.Scan(&id, &seen, &seconds); err != nil {
			rows.Close()
			return int(n), fmt.Errorf("storage: find idle sessions: %w", err)
		}
		if !now.Before(seen.Add(time.Duration(seconds) * time.Second)) {
			idle = append(idle, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return int(n), fmt.Errorf("storage: find idle sessions: %w", err)
	}
	for len(idle) > 0 {
		batch := idle[:min(len(idle), 500)]
		idle = idle[len(batch):]
		args := make([]any, len(batch))
		for i, id := range batch {
			args[i] = id
		}
		res, err := s.writer().ExecContext(ctx, s.q(`DELETE FROM sessions WHERE id IN (`+placeholders(1, len(batch))+`)`), args...)
		if err != nil {
			return int(n), fmt.Errorf("storage: delete idle sessions: %w", err)
		}
		m, _ := res.RowsAffected()
		n += m
	}
	return int(n), nil
}

// One-time tokens.

const tokenColumns = `token_hash, user_id, purpose, data, created_at, expires_at`

func scanToken(row rowScanner) (*account.Token, error) {
	var t account.Token
	var purpose string
	if err := row.Scan(&t.Hash, &t.UserID, &purpose, &t.Data, &t.CreatedAt, &t.ExpiresAt); err != nil {
		return nil, err
	}
	t.Purpose = account.Purpose(purpose)
	t.CreatedAt, t.ExpiresAt = fromDB(t.CreatedAt), fromDB(t.ExpiresAt)
	return &t, nil
}

// CreateToken stores t and removes the user's expired tokens.
func (s *Store) CreateToken(ctx context.Context, t *account.Token) error {
	data := t.Data
	if data == "" {
		data = "{}"
	}
	err := s.writeTx(ctx, func(q querier) error {
		if _, err := q.ExecContext(ctx, s.q(`DELETE FROM account_tokens WHERE user_id = $1 AND expires_at <= $2`),
			t.UserID, dbTime(t.CreatedAt)); err != nil {
			return err
		}
		_, err := q.ExecContext(ctx, s.q(`INSERT INTO account_tokens (token_hash, user_id, purpose, data, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6)`), t.Hash, t.UserID, string(t.Purpose), data, dbTime(t.CreatedAt), dbTime(t.ExpiresAt))
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: create %s token of user %d: %w", t.Purpose, t.UserID, err)
	}
	return nil
}

// ConsumeToken deletes and returns a valid token. DELETE … RETURNING makes
// the check and the use one step: of two requests with the same token, one
// gets it.
func (s *Store) ConsumeToken(ctx context.Context, hash string, purpose account.Purpose, now time.Time) (*account.Token, error) {
	var t *account.Token
	err := s.writeTx(ctx, func(q querier) error {
		var err error
		t, err = scanToken(q.QueryRowContext(ctx, s.q(`DELETE FROM account_tokens WHERE token_hash = $1 AND purpose = $2
			RETURNING `+tokenColumns), hash, string(purpose)))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("storage: %s token: %w", purpose, account.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: use %s token: %w", purpose, err)
	}
	if !now.Before(t.ExpiresAt) {
		return nil, fmt.Errorf("storage: %s token expired: %w", purpose, account.ErrNotFound)
	}
	return t, nil
}

// PeekToken returns a valid token without using it.
func (s *Store) PeekToken(ctx context.Context, hash string, purpose account.Purpose, now time.Time) (*account.Token, error) {
	t, err := scanToken(s.reader().QueryRowContext(ctx, s.q(`SELECT `+tokenColumns+` FROM account_tokens
		WHERE token_hash = $1 AND purpose = $2 AND expires_at > $3`), hash, string(purpose), dbTime(now)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("storage: %s token: %w", purpose, account.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: read %s token: %w", purpose, err)
	}
	return t, nil
}

// DeleteUserTokens removes the user's tokens of purpose.
func (s *Store) DeleteUserTokens(ctx context.Context, userID int64, purpose account.Purpose) error {
	if _, err := s.writer().ExecContext(ctx, s.q(`DELETE FROM account_tokens WHERE user_id = $1 AND purpose = $2`),
		userID, string(purpose)); err != nil {
		return fmt.Errorf("storage: delete %s tokens of user %d: %w", purpose, userID, err)
	}
	return nil
}

// Tokens returns the tokens of purpose valid at now, oldest first.
func (s *Store) Tokens(ctx context.Context, purpose account.Purpose, now time.Time) ([]*account.Token, error) {
	rows, err := s.reader().QueryContext(ctx, s.q(`SELECT `+tokenColumns+` FROM account_tokens
		WHERE purpose = $1 AND expires_at > $2 ORDER BY created_at, token_hash`), string(purpose), dbTime(now))
	if err != nil {
		return nil, fmt.Errorf("storage: list %s tokens: %w", purpose, err)
	}
	defer rows.Close()
	var out []*account.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: list %s tokens: %w", purpose, err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: list %s tokens: %w", purpose, err)
	}
	return out, nil
}

// DeleteToken removes one token by its hash and purpose.
func (s *Store) DeleteToken(ctx context.Context, hash string, purpose account.Purpose) error {
	res, err := s.writer().ExecContext(ctx, s.q(`DELETE FROM account_tokens WHERE token_hash = $1 AND purpose = $2`), hash, string(purpose))
	if err != nil {
		return fmt.Errorf("storage: delete %s token: %w", purpose, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("storage: delete %s token: %w", purpose, err)
	} else if n == 0 {
		return fmt.Errorf("storage: %s token: %w", purpose, account.ErrNotFound)
	}
	return nil
}

// Throttle failures.

// RecordFailure notes a failure under key and forgets the key's failures
// older than account.ThrottleWindow.
func (s *Store) RecordFailure(ctx context.Context, key string, at time.Time) error {
	err := s.writeTx(ctx, func(q querier) error {
		if _, err := q.ExecContext(ctx, s.q(`DELETE FROM throttle_failures WHERE key = $1 AND at_ms < $2`),
			key, at.Add(-account.ThrottleWindow).UnixMilli()); err != nil {
			return err
		}
		_, err := q.ExecContext(ctx, s.q(`INSERT INTO throttle_failures (key, at_ms) VALUES ($1, $2)`), key, at.UnixMilli())
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: record failure: %w", err)
	}
	return nil
}

// Failures returns the times of the key's failures since then, oldest first.
func (s *Store) Failures(ctx context.Context, key string, since time.Time) ([]time.Time, error) {
	rows, err := s.reader().QueryContext(ctx, s.q(`SELECT at_ms FROM throttle_failures WHERE key = $1 AND at_ms >= $2 ORDER BY at_ms`),
		key, since.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("storage: read failures: %w", err)
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var ms int64
		if err := rows.Scan(&ms); err != nil {
			return nil, fmt.Errorf("storage: read failures: %w", err)
		}
		out = append(out, fromDB(time.UnixMilli(ms)))
	}
	return out, rows.Err()
}

// ClearFailures forgets the key's failures.
func (s *Store) ClearFailures(ctx context.Context, key string) error {
	if _, err := s.writer().ExecContext(ctx, s.q(`DELETE FROM throttle_failures WHERE key = $1`), key); err != nil {
		return fmt.Errorf("storage: clear failures: %w", err)
	}
	return nil
}

// PurgeFailures forgets every failure before then.
func (s *Store) PurgeFailures(ctx context.Context, before time.Time) error {
	if _, err := s.writer().ExecContext(ctx, s.q(`DELETE FROM throttle_failures WHERE at_ms < $1`), before.UnixMilli()); err != nil {
		return fmt.Errorf("storage: purge failures: %w", err)
	}
	return nil
}
