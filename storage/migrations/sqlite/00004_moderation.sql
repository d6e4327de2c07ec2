-- Moderation: the coordinators' review queue and the append-only audit log.
--
-- audit_log has no UPDATE or DELETE in the code, and triggers refuse both in
-- the database. It names people only by user id (actor_id); erasing an
-- account leaves the id pointing at a row that no longer names anyone.

-- +goose Up
CREATE TABLE moderation_items (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL CHECK (kind IN ('provider', 'publication', 'change')),
    state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'approved', 'rejected')),
    provider_id  INTEGER REFERENCES providers (id) ON DELETE CASCADE,
    offer_id     INTEGER REFERENCES offers (id) ON DELETE CASCADE,
    requested_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    title        TEXT NOT NULL DEFAULT '',
    fields       TEXT NOT NULL DEFAULT '[]',
    provider     TEXT, -- JSON of the proposed provider (kind provider)
    created_at   TIMESTAMP NOT NULL,
    decided_at   TIMESTAMP,
    decided_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reason       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX moderation_items_state ON moderation_items (state, id);
CREATE INDEX moderation_items_offer ON moderation_items (offer_id);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TIMESTAMP NOT NULL,
    actor_id  INTEGER, -- a user id; no foreign key: entries outlive accounts
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    before    TEXT NOT NULL DEFAULT 'null',
    after     TEXT NOT NULL DEFAULT 'null'
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_log;
DROP TABLE moderation_items;
