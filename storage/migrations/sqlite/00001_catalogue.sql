-- The catalogue: providers, venues, offers with their dates, and the change log.
-- Lists and nested records (contacts, certificates, code lists) are JSON text;
-- lernnetz reads whole records and the search index filters in memory.

-- +goose Up
CREATE TABLE providers (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    kind              TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    street            TEXT NOT NULL DEFAULT '',
    postal_code       TEXT NOT NULL DEFAULT '',
    city              TEXT NOT NULL DEFAULT '',
    district          TEXT NOT NULL DEFAULT '',
    state             TEXT NOT NULL DEFAULT '',
    country           TEXT NOT NULL DEFAULT '',
    lat               REAL,
    lon               REAL,
    website           TEXT NOT NULL DEFAULT '',
    email             TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    founded_year      INTEGER NOT NULL DEFAULT 0,
    contacts          TEXT NOT NULL DEFAULT '[]',
    certificates      TEXT NOT NULL DEFAULT '[]',
    external_ids      TEXT NOT NULL DEFAULT '[]',
    extensions        TEXT NOT NULL DEFAULT '{}',
    source            TEXT NOT NULL DEFAULT '',
    source_id         TEXT NOT NULL DEFAULT '',
    imported_at       TIMESTAMP,
    last_confirmed_at TIMESTAMP,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX providers_source ON providers (source, source_id) WHERE source_id <> '';
CREATE INDEX providers_name ON providers (name);

CREATE TABLE venues (
    id                INTEGER PRIMARY KEY,
    provider_id       INTEGER REFERENCES providers (id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    kind              TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    street            TEXT NOT NULL DEFAULT '',
    postal_code       TEXT NOT NULL DEFAULT '',
    city              TEXT NOT NULL DEFAULT '',
    district          TEXT NOT NULL DEFAULT '',
    state             TEXT NOT NULL DEFAULT '',
    country           TEXT NOT NULL DEFAULT '',
    lat               REAL,
    lon               REAL,
    opening_hours     TEXT NOT NULL DEFAULT '[]',
    equipment         TEXT NOT NULL DEFAULT '[]',
    accessibility     TEXT NOT NULL DEFAULT '[]',
    website           TEXT NOT NULL DEFAULT '',
    email             TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',
    source            TEXT NOT NULL DEFAULT '',
    source_id         TEXT NOT NULL DEFAULT '',
    imported_at       TIMESTAMP,
    last_confirmed_at TIMESTAMP,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX venues_provider ON venues (provider_id);
CREATE INDEX venues_kind ON venues (kind);

CREATE TABLE offers (
    id                INTEGER PRIMARY KEY,
    provider_id       INTEGER NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
    title             TEXT NOT NULL,
    subtitle          TEXT NOT NULL DEFAULT '',
    short_description TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    contents          TEXT NOT NULL DEFAULT '',
    target_group      TEXT NOT NULL DEFAULT '',
    prerequisites     TEXT NOT NULL DEFAULT '',
    learning_outcomes TEXT NOT NULL DEFAULT '',
    type              TEXT NOT NULL DEFAULT '',
    delivery_modes    TEXT NOT NULL DEFAULT '[]',
    languages         TEXT NOT NULL DEFAULT '[]',
    degree            TEXT NOT NULL DEFAULT '',
    degree_type       TEXT NOT NULL DEFAULT '',
    exam              BOOLEAN NOT NULL DEFAULT FALSE,
    teaching_hours    REAL NOT NULL DEFAULT 0,
    price             TEXT,
    funding           TEXT NOT NULL DEFAULT '[]',
    funding_note      TEXT NOT NULL DEFAULT '',
    topics            TEXT NOT NULL DEFAULT '[]',
    skills            TEXT NOT NULL DEFAULT '[]',
    dqr_level         INTEGER NOT NULL DEFAULT 0,
    women_specific    BOOLEAN NOT NULL DEFAULT FALSE,
    childcare         BOOLEAN NOT NULL DEFAULT FALSE,
    internship        BOOLEAN NOT NULL DEFAULT FALSE,
    accessibility     TEXT NOT NULL DEFAULT '',
    info_url          TEXT NOT NULL DEFAULT '',
    registration_url  TEXT NOT NULL DEFAULT '',
    contacts          TEXT NOT NULL DEFAULT '[]',
    status            TEXT NOT NULL,
    completeness      INTEGER NOT NULL DEFAULT 0,
    extensions        TEXT NOT NULL DEFAULT '{}',
    source            TEXT NOT NULL DEFAULT '',
    source_id         TEXT NOT NULL DEFAULT '',
    imported_at       TIMESTAMP,
    last_confirmed_at TIMESTAMP,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX offers_source ON offers (source, provider_id, source_id) WHERE source_id <> '';
CREATE INDEX offers_provider ON offers (provider_id);
CREATE INDEX offers_status ON offers (status, id);

CREATE TABLE dates (
    id                    INTEGER PRIMARY KEY,
    offer_id              INTEGER NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    position              INTEGER NOT NULL,
    start_kind            TEXT NOT NULL,
    start_at              TIMESTAMP,
    end_at                TIMESTAMP,
    time_patterns         TEXT NOT NULL DEFAULT '[]',
    time_description      TEXT NOT NULL DEFAULT '',
    duration              REAL NOT NULL DEFAULT 0,
    duration_unit         TEXT NOT NULL DEFAULT '',
    venue_id              INTEGER REFERENCES venues (id) ON DELETE SET NULL,
    seats_min             INTEGER NOT NULL DEFAULT 0,
    seats_max             INTEGER NOT NULL DEFAULT 0,
    registration_deadline TIMESTAMP,
    price                 TEXT,
    measure_number        TEXT NOT NULL DEFAULT '',
    contact               TEXT,
    source_id             TEXT NOT NULL DEFAULT '',
    note                  TEXT NOT NULL DEFAULT '',
    day_time              TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dates_offer ON dates (offer_id, position);
CREATE INDEX dates_start ON dates (start_at);
CREATE INDEX dates_venue ON dates (venue_id);

CREATE TABLE changes (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    op        TEXT NOT NULL,
    at        TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE changes;
DROP TABLE dates;
DROP TABLE offers;
DROP TABLE venues;
DROP TABLE providers;
