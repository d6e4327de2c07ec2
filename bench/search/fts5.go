package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/ncruces/go-sqlite3/driver"
	"github.com/ncruces/go-sqlite3/ext/fts5"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/search"
)

// fts5Engine is SQLite FTS5 (ncruces/go-sqlite3, no cgo): a contentless
// FTS5 table with title and body, tokenizer unicode61 with diacritics
// removed, ranked by bm25 with the title weighted 4:1; filters, facets and
// radius in SQL over an offers table with bit-mask columns and a dates
// table.
type fts5Engine struct {
	dir  string
	path string
	db   *sql.DB
	now  time.Time
}

const sqliteSchema = `
CREATE TABLE offers (id INTEGER PRIMARY KEY, provider_id INTEGER NOT NULL, topics INTEGER NOT NULL,
	modes INTEGER NOT NULL, funding INTEGER NOT NULL, degree INTEGER NOT NULL, langs INTEGER NOT NULL,
	flags INTEGER NOT NULL, dflags INTEGER NOT NULL, next_start INTEGER NOT NULL, min_price INTEGER NOT NULL);
CREATE TABLE dates (id INTEGER PRIMARY KEY, offer_id INTEGER NOT NULL, start INTEGER, ends INTEGER,
	price INTEGER NOT NULL, flags INTEGER NOT NULL, lat REAL, lon REAL);
CREATE VIRTUAL TABLE fts USING fts5(title, body, content='', tokenize='unicode61 remove_diacritics 2');
`

const sqliteIndexes = `
CREATE INDEX dates_offer ON dates (offer_id);
CREATE INDEX dates_place ON dates (lat, lon);
CREATE INDEX offers_start ON offers (next_start);
CREATE INDEX offers_price ON offers (min_price);
INSERT INTO fts (fts) VALUES ('optimize');
ANALYZE;
`

func (f *fts5Engine) open() error {
	params := url.Values{}
	params.Add("_pragma", "journal_mode(wal)")
	params.Add("_pragma", "synchronous(off)")
	params.Add("_pragma", "cache_size(-32768)")
	params.Add("_pragma", "temp_store(memory)")
	params.Add("_pragma", "busy_timeout(10000)")
	db, err := driver.Open("file:"+(&url.URL{Path: f.path}).EscapedPath()+"?"+params.Encode(), fts5.Register)
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(runtime.NumCPU())
	db.SetMaxIdleConns(runtime.NumCPU())
	f.db = db
	return nil
}

func (f *fts5Engine) build(ctx context.Context, src *source) error {
	f.now = src.now
	f.path = filepath.Join(f.dir, "fts5.db")
	os.Remove(f.path)
	if err := f.open(); err != nil {
		return err
	}
	if _, err := f.db.ExecContext(ctx, sqliteSchema); err != nil {
		return err
	}
	conn, err := f.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var tx *sql.Tx
	var insOffer, insDate, insText *sql.Stmt
	begin := func() error {
		var err error
		if tx, err = conn.BeginTx(ctx, nil); err != nil {
			return err
		}
		if insOffer, err = tx.PrepareContext(ctx, `INSERT INTO offers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`); err != nil {
			return err
		}
		if insDate, err = tx.PrepareContext(ctx, `INSERT INTO dates VALUES (?, ?, ?, ?, ?, ?, ?, ?)`); err != nil {
			return err
		}
		insText, err = tx.PrepareContext(ctx, `INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)`)
		return err
	}
	if err := begin(); err != nil {
		return err
	}
	n := 0
	err = src.each(ctx, func(o *catalogue.Offer) error {
		d := newDoc(o, f.now)
		if _, err := insOffer.ExecContext(ctx, d.id, d.provider, d.topics, d.modes, d.funding, d.degree, d.langs,
			d.flags, d.dflags, d.nextStart, d.minPrice); err != nil {
			return err
		}
		for _, dd := range d.dates {
			if _, err := insDate.ExecContext(ctx, dd.id, d.id, dd.start, dd.end, dd.price, dd.flags, dd.lat, dd.lon); err != nil {
				return err
			}
		}
		if _, err := insText.ExecContext(ctx, d.id, d.title, d.body); err != nil {
			return err
		}
		if n++; n%5000 == 0 {
			if err := tx.Commit(); err != nil {
				return err
			}
			return begin()
		}
		return nil
	})
	if err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, sqliteIndexes); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return err
}

// ftsMatch turns query text into an FTS5 expression: every word must
// occur (AND), the last one as a prefix for the prefix class.
func ftsMatch(q *benchQuery) string {
	ws := words(q.q.Text)
	for i, w := range ws {
		ws[i] = `"` + w + `"`
		if i == len(ws)-1 && prefixLast(q) {
			ws[i] += "*"
		}
	}
	return strings.Join(ws, " ")
}

// sqliteWhere writes FROM and WHERE of q.
func (f *fts5Engine) where(b *sqlQuery, q *benchQuery, c *circle) (from, where string) {
	var conds []string
	from = "offers o"
	if m := ftsMatch(q); m != "" {
		from = "fts JOIN offers o ON o.id = fts.rowid"
		conds = append(conds, "fts MATCH "+b.arg(m))
	}
	conds = append(conds, b.offerFilters(&q.q)...)
	if df := b.dateFilter(&q.q, c, f.now); df != "" {
		conds = append(conds, df)
	}
	if len(conds) == 0 {
		return from, ""
	}
	return from, " WHERE " + strings.Join(conds, " AND ")
}

func (f *fts5Engine) search(ctx context.Context, q *benchQuery) (*result, error) {
	c, err := resolveNear(&q.q)
	if err != nil {
		return nil, err
	}
	b := &sqlQuery{}
	from, where := f.where(b, q, c)
	order := "bm25(fts, 4.0, 1.0), o.id"
	if q.q.Sort != search.SortRelevance || !strings.HasPrefix(from, "fts") {
		order = b.orderBy(&q.q, c, f.now)
	}
	top := fmt.Sprintf("SELECT o.id FROM %s%s ORDER BY %s LIMIT %s OFFSET %s", from, where, order,
		b.arg(q.q.PerPage), b.arg((q.q.Page-1)*q.q.PerPage))
	rows, err := f.db.QueryContext(ctx, top, b.args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", top, err)
	}
	res := &result{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		res.ids = append(res.ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	b = &sqlQuery{}
	from, where = f.where(b, q, c)
	agg := fmt.Sprintf("SELECT %s FROM %s%s", facetSums(), from, where)
	vals, err := scanSums(f.db.QueryRowContext(ctx, agg, b.args...))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", agg, err)
	}
	res.total, res.facets = facetResult(vals)
	return res, nil
}

// scanSums reads a facetSums row; SUM over no rows is NULL.
func scanSums(row *sql.Row) ([]int64, error) {
	n := 1
	for _, fc := range facetCols {
		n += len(fc.codes)
	}
	vals := make([]sql.NullInt64, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := row.Scan(ptrs...); err != nil {
		return nil, err
	}
	out := make([]int64, n)
	for i, v := range vals {
		out[i] = v.Int64
	}
	return out, nil
}

func (f *fts5Engine) size(context.Context) (int64, string, error) {
	n, err := dirSize(f.dir)
	return n, "disk", err
}

func (f *fts5Engine) close() error {
	if f.db == nil {
		return nil
	}
	err := f.db.Close()
	os.Remove(f.path)
	os.Remove(f.path + "-wal")
	os.Remove(f.path + "-shm")
	return err
}
