// Package account holds lernnetz's identity rules: people (User) with their
// roles, their memberships in provider organisations, sessions, one-time
// tokens for e-mail verification and password reset, and the bookkeeping that
// throttles guessing.
//
// It owns the security decisions that do not depend on HTTP or SQL: the
// password policy (length counted in characters, a shipped list of common
// passwords, no composition rules), password hashing with argon2id, TOTP
// second factors with replay protection, random tokens of which stores keep
// only a SHA-256 hash, session lifetimes per role, the login throttle's
// windows, and the sealing of TOTP secrets at rest. Validation errors carry
// German and English messages, as in package catalogue.
//
// The store interfaces at the end (Store and its parts) are implemented by
// package storage for SQLite and PostgreSQL.
package account
