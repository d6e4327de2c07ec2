-- The Merkliste of signed-in people. The id orders it: newest first.

-- +goose Up
CREATE TABLE bookmarks (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    offer_id INTEGER NOT NULL REFERENCES offers (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX bookmarks_user_offer ON bookmarks (user_id, offer_id);
CREATE INDEX bookmarks_offer ON bookmarks (offer_id);

-- +goose Down
DROP TABLE bookmarks;
