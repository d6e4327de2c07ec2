-- Imports: probable duplicates are flagged, not merged, and imported venues
-- are found again by their key in the source.

-- +goose Up
ALTER TABLE offers ADD COLUMN duplicate_of BIGINT REFERENCES offers (id) ON DELETE SET NULL;
CREATE INDEX offers_duplicate_of ON offers (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX venues_source ON venues (provider_id, source, source_id) WHERE source_id <> '';

-- +goose Down
DROP INDEX venues_source;
DROP INDEX offers_duplicate_of;
ALTER TABLE offers DROP COLUMN duplicate_of;
