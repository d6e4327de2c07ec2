package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/lernnetz/lernnetz/catalogue"
)

const providerColumns = `id, name, kind, description, street, postal_code, city, district, state, country,
	lat, lon, website, email, phone, founded_year, contacts, certificates, external_ids, extensions,
	source, source_id, imported_at, last_confirmed_at, created_at, updated_at`

func scanProvider(row rowScanner) (*catalogue.Provider, error) {
	var p catalogue.Provider
	var lat, lon sql.NullFloat64
	var contacts, certificates, externalIDs, extensions string
	var importedAt, confirmedAt sql.NullTime
	a := &p.Address
	err := row.Scan(&p.ID, &p.Name, &p.Kind, &p.Description, &a.Street, &a.PostalCode, &a.City, &a.District, &a.State, &a.Country,
		&lat, &lon, &p.Website, &p.Email, &p.Phone, &p.FoundedYear, &contacts, &certificates, &externalIDs, &extensions,
		&p.Provenance.Source, &p.Provenance.SourceID, &importedAt, &confirmedAt, &p.CreatedAt, &p.UpdatedAt)
	if err != nil {
		return nil, err
	}
	p.Geo = geoFrom(lat, lon)
	p.Provenance.ImportedAt = fromDBNull(importedAt)
	p.Provenance.LastConfirmedAt = fromDBNull(confirmedAt)
	p.CreatedAt, p.UpdatedAt = fromDB(p.CreatedAt), fromDB(p.UpdatedAt)
	if err := errors.Join(
		decodeJSON("providers.contacts", contacts, &p.Contacts),
		decodeJSON("providers.certificates", certificates, &p.Certificates),
		decodeJSON("providers.external_ids", externalIDs, &p.ExternalIDs),
		decodeJSON("providers.extensions", extensions, &p.Extensions),
	); err != nil {
		return nil, err
	}
	if len(p.Extensions) == 0 {
		p.Extensions = nil
	}
	return &p, nil
}

// SaveProvider validates p, then inserts it (ID 0) or updates it.
func (s *Store) SaveProvider(ctx context.Context, p *catalogue.Provider) error {
	now := s.stamp()
	if err := catalogue.PrepareProvider(p, now); err != nil {
		return err
	}
	a := p.Address
	args := []any{p.Name, p.Kind, p.Description, a.Street, a.PostalCode, a.City, a.District, a.State, a.Country,
		nullFloat(p.Geo, true), nullFloat(p.Geo, false), p.Website, p.Email, p.Phone, p.FoundedYear,
		jsonText(p.Contacts), jsonText(p.Certificates), jsonText(p.ExternalIDs), jsonText(p.Extensions),
		p.Provenance.Source, p.Provenance.SourceID, dbTimePtr(p.Provenance.ImportedAt), dbTimePtr(p.Provenance.LastConfirmedAt),
		dbTime(now)}
	id, created := p.ID, now
	err := s.inTx(ctx, func(tx *txConn) error {
		var err error
		if id == 0 {
			err = tx.QueryRowContext(ctx, s.q(`INSERT INTO providers (name, kind, description, street, postal_code, city, district, state, country,
				lat, lon, website, email, phone, founded_year, contacts, certificates, external_ids, extensions,
				source, source_id, imported_at, last_confirmed_at, updated_at, created_at)
				VALUES (`+placeholders(1, 25)+`) RETURNING id`), append(args, dbTime(now))...).Scan(&id)
		} else {
			err = tx.QueryRowContext(ctx, s.q(`UPDATE providers SET name=$1, kind=$2, description=$3, street=$4, postal_code=$5, city=$6,
				district=$7, state=$8, country=$9, lat=$10, lon=$11, website=$12, email=$13, phone=$14, founded_year=$15,
				contacts=$16, certificates=$17, external_ids=$18, extensions=$19, source=$20, source_id=$21,
				imported_at=$22, last_confirmed_at=$23, updated_at=$24 WHERE id=$25 RETURNING created_at`), append(args, id)...).Scan(&created)
			if errors.Is(err, sql.ErrNoRows) {
				return catalogue.ErrNotFound
			}
		}
		if err != nil {
			return err
		}
		return s.logChange(tx, "provider", id, "save", now)
	})
	switch {
	case err == nil:
		p.ID, p.CreatedAt, p.UpdatedAt = id, fromDB(created), now
		return nil
	case errors.Is(err, catalogue.ErrNotFound):
		return fmt.Errorf("storage: save provider %d: %w", id, err)
	case s.isUniqueViolation(err):
		return fmt.Errorf("storage: provider %q from source %q exists already: %w", p.Provenance.SourceID, p.Provenance.Source, catalogue.ErrConflict)
	default:
		return fmt.Errorf("storage: save provider %q: %w", p.Name, err)
	}
}

// Provider returns the provider with id, or catalogue.ErrNotFound.
func (s *Store) Provider(ctx context.Context, id int64) (*catalogue.Provider, error) {
	p, err := scanProvider(s.reader().QueryRowContext(ctx, s.q(`SELECT `+providerColumns+` FROM providers WHERE id = $1`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("storage: provider %d: %w", id, catalogue.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: read provider %d: %w", id, err)
	}
	return p, nil
}

// Providers lists providers by name, with the total number matching f.
func (s *Store) Providers(ctx context.Context, f catalogue.ProviderFilter) ([]*catalogue.Provider, int, error) {
	limit, offset := limits(f.Page)
	where, args := `WHERE ($1 = '' OR kind = $1)`, []any{f.Kind}
	order := `name, id`
	if !f.ChangedSince.IsZero() {
		where += ` AND updated_at >= $2`
		args = append(args, dbTime(f.ChangedSince))
		order = `updated_at, id`
	}
	var total int
	if err := s.reader().QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM providers `+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("storage: count providers: %w", err)
	}
	n := len(args)
	rows, err := s.reader().QueryContext(ctx, s.q(`SELECT `+providerColumns+` FROM providers `+where+` ORDER BY `+order+
		limitOffset(limit, n+1)), append(args, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("storage: list providers: %w", err)
	}
	defer rows.Close()
	var out []*catalogue.Provider
	for rows.Next() {
		p, err := scanProvider(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("storage: list providers: %w", err)
		}
		out = append(out, p)
	}
	return out, total, rows.Err()
}

// DeleteProvider removes a provider with its offers, their dates and its venues.
func (s *Store) DeleteProvider(ctx context.Context, id int64) error {
	now := s.stamp()
	err := s.inTx(ctx, func(tx *txConn) error {
		rows, err := tx.QueryContext(ctx, s.q(`SELECT id FROM offers WHERE provider_id = $1`), id)
		if err != nil {
			return err
		}
		var offers []int64
		for rows.Next() {
			var oid int64
			if err := rows.Scan(&oid); err != nil {
				rows.Close()
				return err
			}
			offers = append(offers, oid)
		}
		rows.Close()
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM providers WHERE id = $1`), id)
		tx.forgetRows()
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return catalogue.ErrNotFound
		}
		for _, oid := range offers {
			if err := s.logChange(tx, "offer", oid, "delete", now); err != nil {
				return err
			}
		}
		return s.logChange(tx, "provider", id, "delete", now)
	})
	if err != nil {
		return fmt.Errorf("storage: delete provider %d: %w", id, err)
	}
	return nil
}
