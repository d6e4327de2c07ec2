-- Accounts: people, their network-wide roles, their memberships in provider
-- organisations, server-side sessions, one-time tokens, the failures the
-- login throttle counts, and the outbox of e-mail.
--
-- Secrets are never stored in a usable form: passwords as argon2id hashes,
-- session and e-mail tokens as SHA-256 hex, TOTP secrets sealed with a key
-- from the configuration (AES-256-GCM, "v1:…"). Throttle keys are SHA-256 of
-- scope and e-mail address, so mistyped addresses are not kept.
--
-- Later tables fit beside these: audit_log (actor user_id, action, entity,
-- before/after JSON, append-only), provider_requests (moderation of new
-- providers), api_tokens (provider_id, token_hash like sessions), bookmarks
-- (user_id, offer_id). Invitations are tokens with purpose 'invite' and their
-- provider and role in data.

-- +goose Up
CREATE TABLE users (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT, -- ids are never reused: logs name them
    email               TEXT NOT NULL,
    email_key           TEXT NOT NULL,
    display_name        TEXT NOT NULL DEFAULT '',
    password_hash       TEXT NOT NULL DEFAULT '',
    password_changed_at TIMESTAMP,
    email_verified_at   TIMESTAMP,
    totp_secret         TEXT NOT NULL DEFAULT '',
    totp_last_step      INTEGER NOT NULL DEFAULT 0,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    deleted_at          TIMESTAMP
);
CREATE UNIQUE INDEX users_email_key ON users (email_key);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    TEXT NOT NULL CHECK (role IN ('learner', 'counsellor', 'coordinator', 'admin')),
    PRIMARY KEY (user_id, role)
);
CREATE INDEX user_roles_role ON user_roles (role);

CREATE TABLE memberships (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider_id INTEGER NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('editor', 'admin')),
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, provider_id)
);
CREATE INDEX memberships_provider ON memberships (provider_id);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state        TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    idle_seconds INTEGER NOT NULL,
    user_agent   TEXT NOT NULL DEFAULT '',
    ip           TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX sessions_token_hash ON sessions (token_hash);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    data       TEXT NOT NULL DEFAULT '{}',
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);

CREATE TABLE throttle_failures (
    key   TEXT NOT NULL,
    at_ms INTEGER NOT NULL -- Unix milliseconds: failures within a second keep their order
);
CREATE INDEX throttle_failures_key ON throttle_failures (key, at_ms);
CREATE INDEX throttle_failures_at ON throttle_failures (at_ms);

CREATE TABLE mail_outbox (
    id            INTEGER PRIMARY KEY,
    to_addr       TEXT NOT NULL,
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    send_after    TIMESTAMP NOT NULL,
    claimed_until TIMESTAMP,
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT NOT NULL DEFAULT '',
    failed_at     TIMESTAMP
);
CREATE INDEX mail_outbox_due ON mail_outbox (send_after) WHERE failed_at IS NULL;

-- +goose Down
DROP TABLE mail_outbox;
DROP TABLE throttle_failures;
DROP TABLE account_tokens;
DROP TABLE sessions;
DROP TABLE memberships;
DROP TABLE user_roles;
DROP TABLE users;
