package storage

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/lernnetz/lernnetz/mail"
)

var _ mail.Outbox = (*Store)(nil)

// EnqueueMail stores m to be sent at or after at.
func (s *Store) EnqueueMail(ctx context.Context, m *mail.Message, at time.Time) (int64, error) {
	var id int64
	err := s.writeTx(ctx, func(q querier) error {
		return q.QueryRowContext(ctx, s.q(`INSERT INTO mail_outbox (to_addr, subject, body, created_at, send_after)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`), m.To, m.Subject, m.Text, dbTime(s.stamp()), dbTime(at)).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("storage: enqueue mail: %w", err)
	}
	return id, nil
}

// ClaimMail leases up to limit due messages. The condition is repeated
// outside the subquery so that, on PostgreSQL, a row another node claimed
// meanwhile is skipped when the UPDATE re-reads it.
func (s *Store) ClaimMail(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]*mail.Queued, error) {
	if limit <= 0 {
		limit = 10
	}
	var out []*mail.Queued
	err := s.writeTx(ctx, func(q querier) error {
		rows, err := q.QueryContext(ctx, s.q(`UPDATE mail_outbox SET claimed_until = $1, attempts = attempts + 1
			WHERE id IN (SELECT id FROM mail_outbox WHERE failed_at IS NULL AND send_after <= $2
				AND (claimed_until IS NULL OR claimed_until <= $2) ORDER BY id LIMIT $3)
			AND failed_at IS NULL AND (claimed_until IS NULL OR claimed_until <= $2)
			RETURNING id, to_addr, subject, body, attempts, created_at`), dbTime(now.Add(lease)), dbTime(now), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			m := &mail.Queued{}
			if err := rows.Scan(&m.ID, &m.To, &m.Subject, &m.Text, &m.Attempts, &m.CreatedAt); err != nil {
				return err
			}
			m.CreatedAt = fromDB(m.CreatedAt)
			out = append(out, m)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("storage: claim mail: %w", err)
	}
	// RETURNING gives no order; send oldest first.
	slices.SortFunc(out, func(a, b *mail.Queued) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// MailSent removes a sent message.
func (s *Store) MailSent(ctx context.Context, id int64) error {
	if _, err := s.writer().ExecContext(ctx, s.q(`DELETE FROM mail_outbox WHERE id = $1`), id); err != nil {
		return fmt.Errorf("storage: mark mail %d sent: %w", id, err)
	}
	return nil
}

// MailFailed records a failed attempt: tried again at retry, or, with a
// zero retry, given up and its text removed.
func (s *Store) MailFailed(ctx context.Context, id int64, reason string, retry time.Time) error {
	var err error
	if retry.IsZero() {
		_, err = s.writer().ExecContext(ctx, s.q(`UPDATE mail_outbox SET failed_at = $1, last_error = $2, body = '', claimed_until = NULL
			WHERE id = $3`), dbTime(s.stamp()), reason, id)
	} else {
		_, err = s.writer().ExecContext(ctx, s.q(`UPDATE mail_outbox SET send_after = $1, last_error = $2, claimed_until = NULL
			WHERE id = $3`), dbTime(retry), reason, id)
	}
	if err != nil {
		return fmt.Errorf("storage: mark mail %d failed: %w", id, err)
	}
	return nil
}
