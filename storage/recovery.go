package storage

import (
	"context"
	"fmt"
	"time"
)

// Recovery codes of the second factor (migration 00007).

// SetRecoveryCodes replaces the user's recovery codes.
func (s *Store) SetRecoveryCodes(ctx context.Context, userID int64, hashes []string) error {
	err := s.writeTx(ctx, func(q querier) error {
		if _, err := q.ExecContext(ctx, s.q(`DELETE FROM recovery_codes WHERE user_id = $1`), userID); err != nil {
			return err
		}
		for _, h := range hashes {
			if _, err := q.ExecContext(ctx, s.q(`INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)`), userID, h); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: set recovery codes of user %d: %w", userID, err)
	}
	return nil
}

// UseRecoveryCode marks an unused code as used; the condition in the UPDATE
// lets only one of two racing requests have it.
func (s *Store) UseRecoveryCode(ctx context.Context, userID int64, hash string, at time.Time) (bool, error) {
	res, err := s.writer().ExecContext(ctx, s.q(`UPDATE recovery_codes SET used_at = $1
		WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL`), dbTime(at), userID, hash)
	if err != nil {
		return false, fmt.Errorf("storage: use recovery code of user %d: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// RecoveryCodesLeft counts the user's unused codes.
func (s *Store) RecoveryCodesLeft(ctx context.Context, userID int64) (int, error) {
	var n int
	if err := s.reader().QueryRowContext(ctx, s.q(`SELECT count(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL`), userID).Scan(&n); err != nil {
		return 0, fmt.Errorf("storage: recovery codes of user %d: %w", userID, err)
	}
	return n, nil
}
