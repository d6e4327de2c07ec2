package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/lernnetz/lernnetz/account"
)

// The account store: users with their roles and memberships (this file),
// sessions, one-time tokens and throttle failures (sessions.go), and the
// mail outbox (outbox.go).

var _ account.Store = (*Store)(nil)

// writeTx runs fn in a write transaction (see inTx), handing it only what
// the account code needs.
func (s *Store) writeTx(ctx context.Context, fn func(q querier) error) error {
	return s.inTx(ctx, func(tx *txConn) error { return fn(tx) })
}

// writer returns where single writes go: the open transaction of an Atomic
// function, else the write connection.
func (s *Store) writer() querier {
	if s.tx != nil {
		return s.tx
	}
	return s.w
}

const userColumns = `id, email, display_name, password_hash, password_changed_at, email_verified_at,
	totp_secret, totp_last_step, created_at, updated_at, deleted_at`

func scanUser(row rowScanner) (*account.User, error) {
	var u account.User
	var changed, verified, deleted sql.NullTime
	if err := row.Scan(&u.ID, &u.Email, &u.DisplayName, &u.PasswordHash, &changed, &verified,
		&u.TOTPSecret, &u.TOTPLastStep, &u.CreatedAt, &u.UpdatedAt, &deleted); err != nil {
		return nil, err
	}
	u.PasswordChangedAt, u.EmailVerifiedAt, u.DeletedAt = fromDBNull(changed), fromDBNull(verified), fromDBNull(deleted)
	u.CreatedAt, u.UpdatedAt = fromDB(u.CreatedAt), fromDB(u.UpdatedAt)
	return &u, nil
}

// storedRoles returns the roles to store: valid, without duplicates, and
// without learner, which every user is.
func storedRoles(roles []account.Role) ([]account.Role, error) {
	if err := account.ValidateRoles(roles); err != nil {
		return nil, err
	}
	var out []account.Role
	for _, r := range account.Roles[1:] {
		if slices.Contains(roles, r) {
			out = append(out, r)
		}
	}
	return out, nil
}

func (s *Store) writeRoles(ctx context.Context, q querier, userID int64, roles []account.Role) error {
	if _, err := q.ExecContext(ctx, s.q(`DELETE FROM user_roles WHERE user_id = $1`), userID); err != nil {
		return err
	}
	for _, r := range roles {
		if _, err := q.ExecContext(ctx, s.q(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`), userID, string(r)); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) readRoles(ctx context.Context, q querier, u *account.User) error {
	rows, err := q.QueryContext(ctx, s.q(`SELECT role FROM user_roles WHERE user_id = $1`), u.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	var have []account.Role
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return err
		}
		have = append(have, account.Role(r))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	u.Roles = nil
	for _, r := range account.Roles[1:] { // in the order of account.Roles
		if slices.Contains(have, r) {
			u.Roles = append(u.Roles, r)
		}
	}
	return nil
}

// CreateUser inserts u with its roles and sets its ID and timestamps.
func (s *Store) CreateUser(ctx context.Context, u *account.User) error {
	if u.ID != 0 {
		return fmt.Errorf("storage: create user: already has id %d", u.ID)
	}
	roles, err := storedRoles(u.Roles)
	if err != nil {
		return err
	}
	now := s.stamp()
	var id int64
	err = s.writeTx(ctx, func(q querier) error {
		err := q.QueryRowContext(ctx, s.q(`INSERT INTO users (email, email_key, display_name, password_hash,
			password_changed_at, email_verified_at, totp_secret, totp_last_step, created_at, updated_at, deleted_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING id`),
			u.Email, account.EmailKey(u.Email), u.DisplayName, u.PasswordHash, dbTimePtr(u.PasswordChangedAt),
			dbTimePtr(u.EmailVerifiedAt), u.TOTPSecret, u.TOTPLastStep, dbTime(now), dbTimePtr(u.DeletedAt)).Scan(&id)
		if err != nil {
			return err
		}
		return s.writeRoles(ctx, q, id, roles)
	})
	if s.isUniqueViolation(err) {
		return fmt.Errorf("storage: the e-mail address has an account already: %w", account.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("storage: create user: %w", err)
	}
	u.ID, u.Roles, u.CreatedAt, u.UpdatedAt = id, roles, now, now
	return nil
}

func (s *Store) userWhere(ctx context.Context, what, where string, arg any) (*account.User, error) {
	q := s.reader()
	u, err := scanUser(q.QueryRowContext(ctx, s.q(`SELECT `+userColumns+` FROM users WHERE `+where), arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("storage: user %s: %w", what, account.ErrNotFound)
	}
	if err == nil {
		err = s.readRoles(ctx, q, u)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: read user %s: %w", what, err)
	}
	return u, nil
}

// User returns the user with id, or account.ErrNotFound.
func (s *Store) User(ctx context.Context, id int64) (*account.User, error) {
	return s.userWhere(ctx, fmt.Sprint(id), `id = $1`, id)
}

// UserByEmail returns the user with the e-mail address regardless of case,
// or account.ErrNotFound.
func (s *Store) UserByEmail(ctx context.Context, email string) (*account.User, error) {
	key := account.EmailKey(email)
	if key == "" {
		return nil, fmt.Errorf("storage: user without e-mail address: %w", account.ErrNotFound)
	}
	return s.userWhere(ctx, "by e-mail address", `email_key = $1`, key)
}

// UpdateUser saves u's e-mail address, display name, verification time,
// deletion time and roles.
func (s *Store) UpdateUser(ctx context.Context, u *account.User) error {
	roles, err := storedRoles(u.Roles)
	if err != nil {
		return err
	}
	now := s.stamp()
	err = s.writeTx(ctx, func(q querier) error {
		res, err := q.ExecContext(ctx, s.q(`UPDATE users SET email = $1, email_key = $2, display_name = $3,
			email_verified_at = $4, deleted_at = $5, updated_at = $6 WHERE id = $7`),
			u.Email, account.EmailKey(u.Email), u.DisplayName, dbTimePtr(u.EmailVerifiedAt), dbTimePtr(u.DeletedAt), dbTime(now), u.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return account.ErrNotFound
		}
		return s.writeRoles(ctx, q, u.ID, roles)
	})
	switch {
	case s.isUniqueViolation(err):
		return fmt.Errorf("storage: the e-mail address has an account already: %w", account.ErrConflict)
	case errors.Is(err, account.ErrNotFound):
		return fmt.Errorf("storage: update user %d: %w", u.ID, err)
	case err != nil:
		return fmt.Errorf("storage: update user %d: %w", u.ID, err)
	}
	u.Roles, u.UpdatedAt = roles, now
	return nil
}

// SetPassword stores a new password hash and removes the user's
// password-reset tokens.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string, at time.Time) error {
	err := s.writeTx(ctx, func(q querier) error {
		res, err := q.ExecContext(ctx, s.q(`UPDATE users SET password_hash = $1, password_changed_at = $2, updated_at = $2 WHERE id = $3`),
			hash, dbTime(at), userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return account.ErrNotFound
		}
		_, err = q.ExecContext(ctx, s.q(`DELETE FROM account_tokens WHERE user_id = $1 AND purpose = $2`),
			userID, string(account.PurposeResetPassword))
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: set password of user %d: %w", userID, err)
	}
	return nil
}

// RehashPassword replaces hash old by new unless it changed meanwhile.
func (s *Store) RehashPassword(ctx context.Context, userID int64, old, new string) (bool, error) {
	res, err := s.writer().ExecContext(ctx, s.q(`UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3`), new, userID, old)
	if err != nil {
		return false, fmt.Errorf("storage: rehash password of user %d: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// SetTOTP stores a sealed TOTP secret ("" removes it) with the step of the
// code that confirmed it.
func (s *Store) SetTOTP(ctx context.Context, userID int64, sealed string, step int64) error {
	res, err := s.writer().ExecContext(ctx, s.q(`UPDATE users SET totp_secret = $1, totp_last_step = $2, updated_at = $3 WHERE id = $4`),
		sealed, step, dbTime(s.stamp()), userID)
	if err != nil {
		return fmt.Errorf("storage: set second factor of user %d: %w", userID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("storage: set second factor of user %d: %w", userID, account.ErrNotFound)
	}
	if sealed == "" { // without a second factor its recovery codes go too
		return s.SetRecoveryCodes(ctx, userID, nil)
	}
	return nil
}

// UseTOTPStep records the step of a used code unless a code of this step or
// a later one was used before. The condition is part of the UPDATE, so two
// nodes racing with the same code cannot both succeed.
func (s *Store) UseTOTPStep(ctx context.Context, userID int64, step int64) (bool, error) {
	res, err := s.writer().ExecContext(ctx, s.q(`UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1`), step, userID)
	if err != nil {
		return false, fmt.Errorf("storage: use code of user %d: %w", userID, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// CountUsers counts users that are not deleted and have role ("" or learner:
// every user).
func (s *Store) CountUsers(ctx context.Context, role account.Role) (int, error) {
	var n int
	var err error
	if role == "" || role == account.RoleLearner {
		err = s.reader().QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE deleted_at IS NULL`).Scan(&n)
	} else {
		err = s.reader().QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id
			WHERE r.role = $1 AND u.deleted_at IS NULL`), string(role)).Scan(&n)
	}
	if err != nil {
		return 0, fmt.Errorf("storage: count users: %w", err)
	}
	return n, nil
}

// Memberships.

// SaveMembership adds m or changes its role.
func (s *Store) SaveMembership(ctx context.Context, m *account.Membership) error {
	if !m.Role.Valid() {
		return &account.ValidationError{Errors: []account.FieldError{{Field: "role", Code: "unknown_member_role", Params: []any{string(m.Role)}}}}
	}
	now := s.stamp()
	created := now
	err := s.writeTx(ctx, func(q querier) error {
		return q.QueryRowContext(ctx, s.q(`INSERT INTO memberships (user_id, provider_id, role, created_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (user_id, provider_id) DO UPDATE SET role = excluded.role RETURNING created_at`),
			m.UserID, m.ProviderID, string(m.Role), dbTime(now)).Scan(&created)
	})
	if err != nil {
		return fmt.Errorf("storage: save membership of user %d in provider %d: %w", m.UserID, m.ProviderID, err)
	}
	m.CreatedAt = fromDB(created)
	return nil
}

// DeleteMembership removes a membership.
func (s *Store) DeleteMembership(ctx context.Context, userID, providerID int64) error {
	res, err := s.writer().ExecContext(ctx, s.q(`DELETE FROM memberships WHERE user_id = $1 AND provider_id = $2`), userID, providerID)
	if err != nil {
		return fmt.Errorf("storage: delete membership: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("storage: membership of user %d in provider %d: %w", userID, providerID, account.ErrNotFound)
	}
	return nil
}

// Memberships lists the user's memberships by provider id.
func (s *Store) Memberships(ctx context.Context, userID int64) ([]account.Membership, error) {
	return s.memberships(ctx, `user_id = $1 ORDER BY provider_id`, userID)
}

// ProviderMembers lists the provider's members by user id.
func (s *Store) ProviderMembers(ctx context.Context, providerID int64) ([]account.Membership, error) {
	return s.memberships(ctx, `provider_id = $1 ORDER BY user_id`, providerID)
}

// ChangeMember changes or removes a membership after account.CheckMemberChange,
// in one write transaction. On SQLite the single writer serialises it; on
// PostgreSQL the provider's membership rows are locked (FOR UPDATE), so a
// second change waits and then sees the first one's result.
func (s *Store) ChangeMember(ctx context.Context, providerID, userID int64, role account.MemberRole) (account.Membership, error) {
	var before account.Membership
	err := s.writeTx(ctx, func(q querier) error {
		lock := ""
		if s.dialect == Postgres {
			lock = " FOR UPDATE"
		}
		ms, err := s.membershipsIn(ctx, q, `provider_id = $1 ORDER BY user_id`+lock, providerID)
		if err != nil {
			return err
		}
		if err := account.CheckMemberChange(ms, userID, role); err != nil {
			return err
		}
		for _, m := range ms {
			if m.UserID == userID {
				before = m
			}
		}
		if role == "" {
			_, err = q.ExecContext(ctx, s.q(`DELETE FROM memberships WHERE user_id = $1 AND provider_id = $2`), userID, providerID)
		} else {
			_, err = q.ExecContext(ctx, s.q(`UPDATE memberships SET role = $1 WHERE user_id = $2 AND provider_id = $3`), string(role), userID, providerID)
		}
		return err
	})
	if err != nil {
		return account.Membership{}, fmt.Errorf("storage: change membership of user %d in provider %d: %w", userID, providerID, err)
	}
	return before, nil
}

func (s *Store) memberships(ctx context.Context, where string, arg int64) ([]account.Membership, error) {
	return s.membershipsIn(ctx, s.reader(), where, arg)
}

func (s *Store) membershipsIn(ctx context.Context, q querier, where string, arg int64) ([]account.Membership, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT user_id, provider_id, role, created_at FROM memberships WHERE `+where), arg)
	if err != nil {
		return nil, fmt.Errorf("storage: list memberships: %w", err)
	}
	defer rows.Close()
	var out []account.Membership
	for rows.Next() {
		var m account.Membership
		var role string
		if err := rows.Scan(&m.UserID, &m.ProviderID, &role, &m.CreatedAt); err != nil {
			return nil, fmt.Errorf("storage: list memberships: %w", err)
		}
		m.Role, m.CreatedAt = account.MemberRole(role), fromDB(m.CreatedAt)
		out = append(out, m)
	}
	return out, rows.Err()
}
