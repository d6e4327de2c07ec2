package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/moderation"

	"time"
)

// The moderation queue and the append-only audit log (migration 00004).

var _ moderation.Store = (*Store)(nil)

const itemColumns = `id, kind, state, provider_id, offer_id, requested_by, title, fields, provider, created_at,
	decided_at, decided_by, reason`

func scanItem(row rowScanner) (*moderation.Item, error) {
	var it moderation.Item
	var provider, offer, requested, decidedBy sql.NullInt64
	var fields string
	var prov sql.NullString
	var decided sql.NullTime
	if err := row.Scan(&it.ID, &it.Kind, &it.State, &provider, &offer, &requested, &it.Title, &fields, &prov,
		&it.CreatedAt, &decided, &decidedBy, &it.Reason); err != nil {
		return nil, err
	}
	it.ProviderID, it.OfferID, it.RequestedBy, it.DecidedBy = provider.Int64, offer.Int64, requested.Int64, decidedBy.Int64
	it.CreatedAt, it.DecidedAt = fromDB(it.CreatedAt), fromDBNull(decided)
	if err := decodeJSON("moderation_items.fields", fields, &it.Fields); err != nil {
		return nil, err
	}
	p, err := decodeNullableJSON[catalogue.Provider]("moderation_items.provider", prov)
	if err != nil {
		return nil, err
	}
	it.Provider = p
	return &it, nil
}

// AddItem inserts an open queue item.
func (s *Store) AddItem(ctx context.Context, it *moderation.Item) error {
	now := s.stamp()
	it.State = moderation.StateOpen
	err := s.writer().QueryRowContext(ctx, s.q(`INSERT INTO moderation_items (kind, state, provider_id, offer_id,
		requested_by, title, fields, provider, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`),
		it.Kind, it.State, nullID(it.ProviderID), nullID(it.OfferID), nullID(it.RequestedBy), it.Title,
		jsonText(nonNil(it.Fields)), jsonNullable(it.Provider), dbTime(now)).Scan(&it.ID)
	if err != nil {
		return fmt.Errorf("storage: add %s item to the moderation queue: %w", it.Kind, err)
	}
	it.CreatedAt = now
	return nil
}

func nonNil(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

// Item returns one queue item.
func (s *Store) Item(ctx context.Context, id int64) (*moderation.Item, error) {
	it, err := scanItem(s.reader().QueryRowContext(ctx, s.q(`SELECT `+itemColumns+` FROM moderation_items WHERE id = $1`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, moderation.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("storage: moderation item %d: %w", id, err)
	}
	return it, nil
}

// Items lists queue items in state, oldest first.
func (s *Store) Items(ctx context.Context, state moderation.State, limit int) ([]*moderation.Item, error) {
	if limit <= 0 {
		limit = 100
	}
	query, args := `SELECT `+itemColumns+` FROM moderation_items ORDER BY id LIMIT $1`, []any{limit}
	if state != "" {
		query, args = `SELECT `+itemColumns+` FROM moderation_items WHERE state = $1 ORDER BY id LIMIT $2`, []any{state, limit}
	}
	rows, err := s.reader().QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("storage: moderation items: %w", err)
	}
	defer rows.Close()
	var out []*moderation.Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: moderation items: %w", err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// DecideItem closes an open item; the state condition in the UPDATE makes
// two coordinators deciding at once safe: one wins, the other gets
// ErrDecided.
func (s *Store) DecideItem(ctx context.Context, id int64, state moderation.State, by int64, reason string, providerID int64, at time.Time) error {
	if state != moderation.StateApproved && state != moderation.StateRejected {
		return fmt.Errorf("storage: decide moderation item %d: %q is no decision", id, state)
	}
	res, err := s.writer().ExecContext(ctx, s.q(`UPDATE moderation_items SET state = $1, decided_by = $2, reason = $3,
		decided_at = $4, provider_id = COALESCE($5, provider_id) WHERE id = $6 AND state = 'open'`),
		state, nullID(by), reason, dbTime(at), nullID(providerID), id)
	if err != nil {
		return fmt.Errorf("storage: decide moderation item %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	if _, err := s.Item(ctx, id); err != nil {
		return err
	}
	return fmt.Errorf("storage: moderation item %d: %w", id, moderation.ErrDecided)
}

// AppendAudit adds an entry to the audit log.
func (s *Store) AppendAudit(ctx context.Context, e *moderation.AuditEntry) error {
	if e.At.IsZero() {
		e.At = s.stamp()
	}
	e.At = fromDB(dbTime(e.At))
	before, after := rawOrNull(e.Before), rawOrNull(e.After)
	err := s.writer().QueryRowContext(ctx, s.q(`INSERT INTO audit_log (at, actor_id, action, entity, entity_id, before, after)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`),
		dbTime(e.At), nullID(e.ActorID), e.Action, e.Entity, e.EntityID, before, after).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("storage: append %s of %s %d to the audit log: %w", e.Action, e.Entity, e.EntityID, err)
	}
	return nil
}

func rawOrNull(r json.RawMessage) string {
	if len(r) == 0 || !json.Valid(r) {
		return "null"
	}
	return string(r)
}

// Audit lists audit entries newest first.
func (s *Store) Audit(ctx context.Context, f moderation.AuditFilter) ([]*moderation.AuditEntry, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	where, args := "", []any{}
	add := func(cond string, v any) {
		args = append(args, v)
		if where == "" {
			where = " WHERE "
		} else {
			where += " AND "
		}
		where += fmt.Sprintf(cond, len(args))
	}
	if f.Entity != "" {
		add("entity = $%d", f.Entity)
	}
	if f.EntityID != 0 {
		add("entity_id = $%d", f.EntityID)
	}
	if f.ActorID != 0 {
		add("actor_id = $%d", f.ActorID)
	}
	args = append(args, limit)
	rows, err := s.reader().QueryContext(ctx, s.q(fmt.Sprintf(`SELECT id, at, actor_id, action, entity, entity_id, before, after
		FROM audit_log%s ORDER BY id DESC LIMIT $%d`, where, len(args))), args...)
	if err != nil {
		return nil, fmt.Errorf("storage: audit log: %w", err)
	}
	defer rows.Close()
	var out []*moderation.AuditEntry
	for rows.Next() {
		var e moderation.AuditEntry
		var actor sql.NullInt64
		var before, after string
		if err := rows.Scan(&e.ID, &e.At, &actor, &e.Action, &e.Entity, &e.EntityID, &before, &after); err != nil {
			return nil, fmt.Errorf("storage: audit log: %w", err)
		}
		e.At, e.ActorID = fromDB(e.At), actor.Int64
		e.Before, e.After = json.RawMessage(before), json.RawMessage(after)
		out = append(out, &e)
	}
	return out, rows.Err()
}

// ConfirmOffers marks every offer of the provider that is not withdrawn as
// still current at at, and returns how many it marked.
func (s *Store) ConfirmOffers(ctx context.Context, providerID int64, at time.Time) (int, error) {
	res, err := s.writer().ExecContext(ctx, s.q(`UPDATE offers SET last_confirmed_at = $1 WHERE provider_id = $2 AND status <> 'withdrawn'`),
		dbTime(at), providerID)
	if err != nil {
		return 0, fmt.Errorf("storage: confirm offers of provider %d: %w", providerID, err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// RawExec runs a statement on the write connection, outside every method's
// rules; for tests that show what the database itself refuses.
func (s *Store) RawExec(query string, args ...any) error {
	_, err := s.w.Exec(s.q(query), args...)
	return err
}
