package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/search"
)

// postgresDSN is the database the PostgreSQL baseline may use.
func postgresDSN() string {
	if dsn := os.Getenv("LERNNETZ_BENCH_POSTGRES"); dsn != "" {
		return dsn
	}
	return os.Getenv("LERNNETZ_TEST_POSTGRES")
}

// postgresEngine is PostgreSQL full text search: a stored tsvector of the
// german configuration (title weight A, body B) with a GIN index, ranked by
// ts_rank; filters, facets and radius in SQL as for SQLite. It works in a
// schema of its own, dropped by close.
type postgresEngine struct {
	dsn    string
	schema string
	admin  *pgxpool.Pool // without search_path, to drop the schema
	pool   *pgxpool.Pool
	now    time.Time
}

const postgresSchema = `
CREATE TABLE offers (id bigint PRIMARY KEY, provider_id bigint NOT NULL, topics bigint NOT NULL,
	modes bigint NOT NULL, funding bigint NOT NULL, degree bigint NOT NULL, langs bigint NOT NULL,
	flags bigint NOT NULL, dflags bigint NOT NULL, next_start bigint NOT NULL, min_price bigint NOT NULL,
	title text NOT NULL, body text NOT NULL,
	tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('german', title), 'A') || setweight(to_tsvector('german', body), 'B')) STORED);
CREATE TABLE dates (id bigint PRIMARY KEY, offer_id bigint NOT NULL, start bigint, ends bigint,
	price bigint NOT NULL, flags bigint NOT NULL, lat double precision, lon double precision);
`

const postgresIndexes = `
CREATE INDEX offers_tsv ON offers USING gin (tsv);
CREATE INDEX dates_offer ON dates (offer_id);
CREATE INDEX dates_place ON dates (lat, lon);
CREATE INDEX offers_start ON offers (next_start);
CREATE INDEX offers_price ON offers (min_price);
VACUUM ANALYZE offers;
VACUUM ANALYZE dates;
`

func (p *postgresEngine) build(ctx context.Context, src *source) error {
	p.now = src.now
	var err error
	if p.admin, err = pgxpool.New(ctx, p.dsn); err != nil {
		return err
	}
	p.schema = fmt.Sprintf("lernnetz_bench_%d_%d", os.Getpid(), time.Now().UnixNano()%1_000_000)
	if _, err := p.admin.Exec(ctx, "CREATE SCHEMA "+p.schema); err != nil {
		return err
	}
	cfg, err := pgxpool.ParseConfig(p.dsn)
	if err != nil {
		return err
	}
	cfg.ConnConfig.RuntimeParams["search_path"] = p.schema
	cfg.MaxConns = int32(runtime.NumCPU())
	if p.pool, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
		return err
	}
	if _, err := p.pool.Exec(ctx, postgresSchema); err != nil {
		return err
	}
	const batch = 10_000
	var offers, dates [][]any
	flush := func() error {
		if len(offers) == 0 {
			return nil
		}
		if _, err := p.pool.CopyFrom(ctx, pgx.Identifier{"offers"}, []string{"id", "provider_id", "topics", "modes",
			"funding", "degree", "langs", "flags", "dflags", "next_start", "min_price", "title", "body"},
			pgx.CopyFromRows(offers)); err != nil {
			return err
		}
		if _, err := p.pool.CopyFrom(ctx, pgx.Identifier{"dates"}, []string{"id", "offer_id", "start", "ends", "price",
			"flags", "lat", "lon"}, pgx.CopyFromRows(dates)); err != nil {
			return err
		}
		offers, dates = offers[:0], dates[:0]
		return nil
	}
	err = src.each(ctx, func(o *catalogue.Offer) error {
		d := newDoc(o, p.now)
		offers = append(offers, []any{d.id, d.provider, d.topics, d.modes, d.funding, d.degree, d.langs, d.flags,
			d.dflags, d.nextStart, d.minPrice, d.title, d.body})
		for _, dd := range d.dates {
			dates = append(dates, []any{dd.id, d.id, dd.start, dd.end, dd.price, dd.flags, dd.lat, dd.lon})
		}
		if len(offers) >= batch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return err
	}
	for _, stmt := range strings.Split(strings.TrimSpace(postgresIndexes), ";\n") {
		if _, err := p.pool.Exec(ctx, strings.TrimSuffix(stmt, ";")); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return nil
}

// tsQuery turns query text into a to_tsquery expression: every word (AND),
// the last one as a prefix for the prefix class.
func tsQuery(q *benchQuery) string {
	ws := words(q.q.Text)
	for i, w := range ws {
		ws[i] = "'" + w + "'"
		if i == len(ws)-1 && prefixLast(q) {
			ws[i] += ":*"
		}
	}
	return strings.Join(ws, " & ")
}

func (p *postgresEngine) where(b *sqlQuery, q *benchQuery, c *circle) (from, where string, text bool) {
	var conds []string
	from = "offers o"
	if t := tsQuery(q); t != "" {
		from = "offers o, to_tsquery('german', " + b.arg(t) + ") q"
		conds = append(conds, "o.tsv @@ q")
		text = true
	}
	conds = append(conds, b.offerFilters(&q.q)...)
	if df := b.dateFilter(&q.q, c, p.now); df != "" {
		conds = append(conds, df)
	}
	if len(conds) == 0 {
		return from, "", text
	}
	return from, " WHERE " + strings.Join(conds, " AND "), text
}

func (p *postgresEngine) search(ctx context.Context, q *benchQuery) (*result, error) {
	c, err := resolveNear(&q.q)
	if err != nil {
		return nil, err
	}
	b := &sqlQuery{postgres: true}
	from, where, text := p.where(b, q, c)
	order := "ts_rank(o.tsv, q) DESC, o.id"
	if q.q.Sort != search.SortRelevance || !text {
		order = b.orderBy(&q.q, c, p.now)
	}
	top := fmt.Sprintf("SELECT o.id FROM %s%s ORDER BY %s LIMIT %s OFFSET %s", from, where, order,
		b.arg(q.q.PerPage), b.arg((q.q.Page-1)*q.q.PerPage))
	rows, err := p.pool.Query(ctx, top, b.args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", top, err)
	}
	res := &result{}
	res.ids, err = pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("%s: %w", top, err)
	}
	b = &sqlQuery{postgres: true}
	from, where, _ = p.where(b, q, c)
	agg := fmt.Sprintf("SELECT %s FROM %s%s", facetSums(), from, where)
	n := 1
	for _, fc := range facetCols {
		n += len(fc.codes)
	}
	vals := make([]*int64, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := p.pool.QueryRow(ctx, agg, b.args...).Scan(ptrs...); err != nil {
		return nil, fmt.Errorf("%s: %w", agg, err)
	}
	ints := make([]int64, n)
	for i, v := range vals {
		if v != nil {
			ints[i] = *v
		}
	}
	res.total, res.facets = facetResult(ints)
	return res, nil
}

func (p *postgresEngine) size(ctx context.Context) (int64, string, error) {
	var n int64
	err := p.pool.QueryRow(ctx, "SELECT pg_total_relation_size('offers') + pg_total_relation_size('dates')").Scan(&n)
	return n, "database", err
}

func (p *postgresEngine) close() error {
	var errs []error
	if p.pool != nil {
		p.pool.Close()
	}
	if p.admin != nil {
		if p.schema != "" {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			if _, err := p.admin.Exec(ctx, "DROP SCHEMA "+p.schema+" CASCADE"); err != nil {
				errs = append(errs, err)
			}
		}
		p.admin.Close()
	}
	return errors.Join(errs...)
}
