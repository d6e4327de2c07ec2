package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/lernnetz/lernnetz/account"
)

// Provider API tokens (migration 00005): only their hashes are stored.

const apiTokenColumns = `id, provider_id, name, scope, token_hash, created_by, created_at, last_used_at, revoked_at`

func scanAPIToken(row rowScanner) (*account.APIToken, error) {
	var t account.APIToken
	var by sql.NullInt64
	var used, revoked sql.NullTime
	if err := row.Scan(&t.ID, &t.ProviderID, &t.Name, &t.Scope, &t.Hash, &by, &t.CreatedAt, &used, &revoked); err != nil {
		return nil, err
	}
	t.CreatedBy, t.CreatedAt = by.Int64, fromDB(t.CreatedAt)
	t.LastUsedAt, t.RevokedAt = fromDBNull(used), fromDBNull(revoked)
	return &t, nil
}

// CreateAPIToken stores a provider API token.
func (s *Store) CreateAPIToken(ctx context.Context, t *account.APIToken) error {
	err := s.writer().QueryRowContext(ctx, s.q(`INSERT INTO api_tokens (provider_id, name, scope, token_hash, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`),
		t.ProviderID, t.Name, t.Scope, t.Hash, nullID(t.CreatedBy), dbTime(t.CreatedAt)).Scan(&t.ID)
	if err != nil {
		return fmt.Errorf("storage: create API token for provider %d: %w", t.ProviderID, err)
	}
	t.CreatedAt = fromDB(dbTime(t.CreatedAt))
	return nil
}

// APITokenByHash returns the token with the hash.
func (s *Store) APITokenByHash(ctx context.Context, hash string) (*account.APIToken, error) {
	t, err := scanAPIToken(s.reader().QueryRowContext(ctx, s.q(`SELECT `+apiTokenColumns+` FROM api_tokens WHERE token_hash = $1`), hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, account.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("storage: API token: %w", err)
	}
	return t, nil
}

// ProviderAPITokens lists a provider's tokens, newest first.
func (s *Store) ProviderAPITokens(ctx context.Context, providerID int64) ([]*account.APIToken, error) {
	rows, err := s.reader().QueryContext(ctx, s.q(`SELECT `+apiTokenColumns+` FROM api_tokens WHERE provider_id = $1 ORDER BY id DESC`), providerID)
	if err != nil {
		return nil, fmt.Errorf("storage: API tokens of provider %d: %w", providerID, err)
	}
	defer rows.Close()
	var out []*account.APIToken
	for rows.Next() {
		t, err := scanAPIToken(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: API tokens of provider %d: %w", providerID, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeAPIToken ends a token of the provider.
func (s *Store) RevokeAPIToken(ctx context.Context, providerID, id int64, at time.Time) error {
	res, err := s.writer().ExecContext(ctx, s.q(`UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1)
		WHERE id = $2 AND provider_id = $3`), dbTime(at), id, providerID)
	if err != nil {
		return fmt.Errorf("storage: revoke API token %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("storage: API token %d of provider %d: %w", id, providerID, account.ErrNotFound)
	}
	return nil
}

// TouchAPIToken notes the token's last use.
func (s *Store) TouchAPIToken(ctx context.Context, id int64, at time.Time) error {
	if _, err := s.writer().ExecContext(ctx, s.q(`UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`), dbTime(at), id); err != nil {
		return fmt.Errorf("storage: touch API token %d: %w", id, err)
	}
	return nil
}
