package storage

import (
	"context"
	"fmt"
	"slices"
)

// The Merkliste of signed-in people (migration 00006).

// Bookmarks returns the user's bookmarked offers, newest first.
func (s *Store) Bookmarks(ctx context.Context, userID int64) ([]int64, error) {
	rows, err := s.reader().QueryContext(ctx, s.q(`SELECT offer_id FROM bookmarks WHERE user_id = $1 ORDER BY id DESC`), userID)
	if err != nil {
		return nil, fmt.Errorf("storage: bookmarks of user %d: %w", userID, err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("storage: bookmarks of user %d: %w", userID, err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// AddBookmarks puts offerIDs at the front of the user's list.
func (s *Store) AddBookmarks(ctx context.Context, userID int64, offerIDs []int64, max int) error {
	err := s.writeTx(ctx, func(q querier) error {
		// Oldest of the new ones first, so the first gets the highest id.
		for _, id := range slices.Backward(offerIDs) {
			if _, err := q.ExecContext(ctx, s.q(`DELETE FROM bookmarks WHERE user_id = $1 AND offer_id = $2`), userID, id); err != nil {
				return err
			}
			if _, err := q.ExecContext(ctx, s.q(`INSERT INTO bookmarks (user_id, offer_id)
				SELECT $1, id FROM offers WHERE id = $2`), userID, id); err != nil {
				return err
			}
		}
		_, err := q.ExecContext(ctx, s.q(`DELETE FROM bookmarks WHERE user_id = $1 AND id NOT IN
			(SELECT id FROM bookmarks WHERE user_id = $1 ORDER BY id DESC LIMIT $2)`), userID, max)
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: add bookmarks of user %d: %w", userID, err)
	}
	return nil
}

// RemoveBookmark takes an offer off the user's list.
func (s *Store) RemoveBookmark(ctx context.Context, userID, offerID int64) error {
	if _, err := s.writer().ExecContext(ctx, s.q(`DELETE FROM bookmarks WHERE user_id = $1 AND offer_id = $2`), userID, offerID); err != nil {
		return fmt.Errorf("storage: remove bookmark of user %d: %w", userID, err)
	}
	return nil
}
