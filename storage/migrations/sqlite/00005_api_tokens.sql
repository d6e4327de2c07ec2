-- Provider API tokens: one provider each, read or write, revocable. Only the
-- SHA-256 of a token is kept (like sessions); the token is shown once.

-- +goose Up
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    provider_id  INTEGER NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    scope        TEXT NOT NULL CHECK (scope IN ('read', 'write')),
    token_hash   TEXT NOT NULL,
    created_by   INTEGER REFERENCES users (id) ON DELETE CASCADE, -- a leaving person's tokens end with them
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);
CREATE INDEX api_tokens_provider ON api_tokens (provider_id, id);

-- +goose Down
DROP TABLE api_tokens;
