package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/lernnetz/lernnetz/catalogue"
)

const venueColumns = `id, provider_id, name, kind, description, street, postal_code, city, district, state, country,
	lat, lon, opening_hours, equipment, accessibility, website, email, phone,
	source, source_id, imported_at, last_confirmed_at, created_at, updated_at`

func scanVenue(row rowScanner) (*catalogue.Venue, error) {
	var v catalogue.Venue
	var providerID sql.NullInt64
	var lat, lon sql.NullFloat64
	var hours, equipment, access string
	var importedAt, confirmedAt sql.NullTime
	a := &v.Address
	err := row.Scan(&v.ID, &providerID, &v.Name, &v.Kind, &v.Description, &a.Street, &a.PostalCode, &a.City, &a.District, &a.State, &a.Country,
		&lat, &lon, &hours, &equipment, &access, &v.Website, &v.Email, &v.Phone,
		&v.Provenance.Source, &v.Provenance.SourceID, &importedAt, &confirmedAt, &v.CreatedAt, &v.UpdatedAt)
	if err != nil {
		return nil, err
	}
	v.ProviderID = providerID.Int64
	v.Geo = geoFrom(lat, lon)
	v.Provenance.ImportedAt = fromDBNull(importedAt)
	v.Provenance.LastConfirmedAt = fromDBNull(confirmedAt)
	v.CreatedAt, v.UpdatedAt = fromDB(v.CreatedAt), fromDB(v.UpdatedAt)
	if err := errors.Join(
		decodeJSON("venues.opening_hours", hours, &v.OpeningHours),
		decodeJSON("venues.equipment", equipment, &v.Equipment),
		decodeJSON("venues.accessibility", access, &v.Accessibility),
	); err != nil {
		return nil, err
	}
	return &v, nil
}

// SaveVenue validates v, then inserts it (ID 0) or updates it.
func (s *Store) SaveVenue(ctx context.Context, v *catalogue.Venue) error {
	now := s.stamp()
	if err := catalogue.PrepareVenue(v); err != nil {
		return err
	}
	a := v.Address
	args := []any{nullID(v.ProviderID), v.Name, v.Kind, v.Description, a.Street, a.PostalCode, a.City, a.District, a.State, a.Country,
		nullFloat(v.Geo, true), nullFloat(v.Geo, false), jsonText(v.OpeningHours), jsonText(v.Equipment), jsonText(v.Accessibility),
		v.Website, v.Email, v.Phone, v.Provenance.Source, v.Provenance.SourceID,
		dbTimePtr(v.Provenance.ImportedAt), dbTimePtr(v.Provenance.LastConfirmedAt), dbTime(now)}
	id, created := v.ID, now
	err := s.inTx(ctx, func(tx *txConn) error {
		if v.ProviderID != 0 {
			if ok, err := exists(ctx, tx, s.q(`SELECT 1 FROM providers WHERE id = $1`), v.ProviderID); err != nil {
				return err
			} else if !ok {
				return &catalogue.ValidationError{Entity: "venue", Errors: []catalogue.FieldError{{Field: "provider_id", Code: "unknown_provider"}}}
			}
		}
		var err error
		if id == 0 {
			err = tx.QueryRowContext(ctx, s.q(`INSERT INTO venues (provider_id, name, kind, description, street, postal_code, city, district, state, country,
				lat, lon, opening_hours, equipment, accessibility, website, email, phone, source, source_id,
				imported_at, last_confirmed_at, updated_at, created_at) VALUES (`+placeholders(1, 24)+`) RETURNING id`),
				append(args, dbTime(now))...).Scan(&id)
		} else {
			err = tx.QueryRowContext(ctx, s.q(`UPDATE venues SET provider_id=$1, name=$2, kind=$3, description=$4, street=$5, postal_code=$6,
				city=$7, district=$8, state=$9, country=$10, lat=$11, lon=$12, opening_hours=$13, equipment=$14, accessibility=$15,
				website=$16, email=$17, phone=$18, source=$19, source_id=$20, imported_at=$21, last_confirmed_at=$22, updated_at=$23
				WHERE id=$24 RETURNING created_at`), append(args, id)...).Scan(&created)
			if errors.Is(err, sql.ErrNoRows) {
				return catalogue.ErrNotFound
			}
		}
		if err != nil {
			return err
		}
		return s.logChange(tx, "venue", id, "save", now)
	})
	var ve *catalogue.ValidationError
	switch {
	case err == nil:
		v.ID, v.CreatedAt, v.UpdatedAt = id, fromDB(created), now
		return nil
	case errors.As(err, &ve):
		return err
	case errors.Is(err, catalogue.ErrNotFound):
		return fmt.Errorf("storage: save venue %d: %w", id, err)
	default:
		return fmt.Errorf("storage: save venue %q: %w", v.Name, err)
	}
}

// Venue returns the venue with id, or catalogue.ErrNotFound.
func (s *Store) Venue(ctx context.Context, id int64) (*catalogue.Venue, error) {
	v, err := scanVenue(s.reader().QueryRowContext(ctx, s.q(`SELECT `+venueColumns+` FROM venues WHERE id = $1`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("storage: venue %d: %w", id, catalogue.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: read venue %d: %w", id, err)
	}
	return v, nil
}

// Venues lists venues by name, with the total number matching f.
func (s *Store) Venues(ctx context.Context, f catalogue.VenueFilter) ([]*catalogue.Venue, int, error) {
	limit, offset := limits(f.Page)
	where := `WHERE ($1 = 0 OR provider_id = $1) AND ($2 = 0 OR kind IN ('self_learning_centre', 'library'))`
	learning := 0
	if f.LearningPlaces {
		learning = 1
	}
	args := []any{f.ProviderID, learning}
	var total int
	if err := s.reader().QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM venues `+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("storage: count venues: %w", err)
	}
	rows, err := s.reader().QueryContext(ctx, s.q(`SELECT `+venueColumns+` FROM venues `+where+` ORDER BY name, id`+limitOffset(limit, 3)),
		append(args, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("storage: list venues: %w", err)
	}
	defer rows.Close()
	var out []*catalogue.Venue
	for rows.Next() {
		v, err := scanVenue(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("storage: list venues: %w", err)
		}
		out = append(out, v)
	}
	return out, total, rows.Err()
}

// venuesByID reads the venues with the given ids.
func (s *Store) venuesByID(ctx context.Context, ids []int64) (map[int64]*catalogue.Venue, error) {
	out := make(map[int64]*catalogue.Venue, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.reader().QueryContext(ctx, s.q(`SELECT `+venueColumns+` FROM venues WHERE id IN (`+placeholders(1, len(ids))+`)`), args...)
	if err != nil {
		return nil, fmt.Errorf("storage: read venues: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		v, err := scanVenue(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: read venues: %w", err)
		}
		out[v.ID] = v
	}
	return out, rows.Err()
}

// exists reports whether query returns a row.
func exists(ctx context.Context, tx *txConn, query string, args ...any) (bool, error) {
	var one int
	err := tx.QueryRowContext(ctx, query, args...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
