package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

// rowScanner is what *sql.Row and *sql.Rows have in common.
type rowScanner interface {
	Scan(dest ...any) error
}

// jsonText encodes v for a JSON column; nil slices become [] and nil maps {}.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Only values of the catalogue's own types reach here; they always encode.
		panic(fmt.Sprintf("storage: encode %T: %v", v, err))
	}
	switch string(b) {
	case "null":
		switch v.(type) {
		case map[string]string:
			return "{}"
		default:
			return "[]"
		}
	}
	return string(b)
}

// jsonNullable encodes a pointer for a nullable JSON column.
func jsonNullable[T any](v *T) any {
	if v == nil {
		return nil
	}
	return jsonText(v)
}

// decodeJSON decodes a JSON column into dst, naming the column on failure.
func decodeJSON(column, text string, dst any) error {
	if text == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(text), dst); err != nil {
		return fmt.Errorf("storage: column %s holds invalid JSON: %w", column, err)
	}
	return nil
}

// decodeNullableJSON decodes a nullable JSON column into a new T.
func decodeNullableJSON[T any](column string, text sql.NullString) (*T, error) {
	if !text.Valid {
		return nil, nil
	}
	v := new(T)
	if err := decodeJSON(column, text.String, v); err != nil {
		return nil, err
	}
	return v, nil
}

// dbTime is how an instant is stored: whole seconds, UTC (so that SQLite's
// RFC 3339 text sorts in time order).
func dbTime(t time.Time) time.Time { return t.Truncate(time.Second).UTC() }

// dbTimePtr stores an optional instant.
func dbTimePtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return dbTime(*t)
}

// fromDB returns a stored instant in Berlin, as the catalogue shows it.
func fromDB(t time.Time) time.Time { return t.In(catalogue.Berlin) }

// fromDBNull returns an optional stored instant in Berlin.
func fromDBNull(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := fromDB(t.Time)
	return &v
}

func nullFloat(g *catalogue.Geo, lat bool) any {
	if g == nil {
		return nil
	}
	if lat {
		return g.Lat
	}
	return g.Lon
}

func geoFrom(lat, lon sql.NullFloat64) *catalogue.Geo {
	if !lat.Valid || !lon.Valid {
		return nil
	}
	return &catalogue.Geo{Lat: lat.Float64, Lon: lon.Float64}
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// placeholders returns "$from, $from+1, …" for n arguments.
func placeholders(from, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(from + i))
	}
	return b.String()
}

// limitOffset is the LIMIT and OFFSET clause of a list query whose offset is
// the query's parameter number param. The limit is written into the SQL as
// a number (it is an int, never input text): SQLite plans with a LIMIT's
// value, so a statement with a bound LIMIT is prepared again on every run —
// for the 20 offers of a search page that was a sixth of reading them. The
// limits in use are few (a page size or a list of ids), so each stays one
// prepared statement; the offset, which pages through, stays bound.
func limitOffset(limit, param int) string {
	return " LIMIT " + strconv.Itoa(limit) + " OFFSET $" + strconv.Itoa(param)
}

// limits turns a page into LIMIT and OFFSET values with the store's defaults.
func limits(p catalogue.Page) (limit, offset int) {
	limit, offset = p.Limit, p.Offset
	if limit <= 0 {
		limit = 20
	}
	if limit > 1000 {
		limit = 1000
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}

func (s *Store) isUniqueViolation(err error) bool {
	if s.dialect == Postgres {
		return isUniqueViolationPostgres(err)
	}
	return isUniqueViolationSQLite(err)
}

// insertID runs insert, an INSERT of one row into a table whose key is
// id, and returns the new row's id. SQLite runs it as it is and reports its
// rowid; PostgreSQL returns it (RETURNING id). On SQLite RETURNING costs a
// temporary table and a result set per row: a fifth of the CPU of saving
// an imported offer with its dates.
func (s *Store) insertID(ctx context.Context, tx *txConn, insert string, args ...any) (int64, error) {
	if s.dialect == SQLite {
		res, err := tx.ExecContext(ctx, s.q(insert), args...)
		if err != nil {
			return 0, err
		}
		return res.LastInsertId()
	}
	var id int64
	err := tx.QueryRowContext(ctx, s.q(insert+` RETURNING id`), args...).Scan(&id)
	return id, err
}

// logChange appends a change to the change log inside tx.
func (s *Store) logChange(tx *txConn, entity string, id int64, op string, at time.Time) error {
	_, err := tx.Exec(s.q(`INSERT INTO changes (entity, entity_id, op, at) VALUES ($1, $2, $3, $4)`),
		entity, id, op, dbTime(at))
	if err != nil {
		return fmt.Errorf("storage: log change of %s %d: %w", entity, id, err)
	}
	return nil
}
