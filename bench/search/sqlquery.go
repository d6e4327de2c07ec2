package main

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/lernnetz/lernnetz/bench"
	"github.com/lernnetz/lernnetz/geo"
	"github.com/lernnetz/lernnetz/search"
)

// sqlQuery builds the SQL of a query for SQLite (?n placeholders) or
// PostgreSQL ($n): numbered, so the order of the arguments does not depend
// on where they appear in the text.
type sqlQuery struct {
	postgres bool
	args     []any
}

func (b *sqlQuery) arg(v any) string {
	b.args = append(b.args, v)
	if b.postgres {
		return fmt.Sprintf("$%d", len(b.args))
	}
	return fmt.Sprintf("?%d", len(b.args))
}

// words splits query text into words of letters and digits.
func words(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// prefixLast says whether the last word is read as a prefix: for the
// prefix class, where learners have not finished typing. (lernnetz reads
// every query's last word so; the baselines do it only where it matters.)
func prefixLast(q *benchQuery) bool { return q.class == bench.ClassPrefix }

// offerFilters returns the conditions on the offer row o.
func (b *sqlQuery) offerFilters(q *search.Query) []string {
	var conds []string
	for _, f := range []struct {
		name  string
		codes []string
	}{{"topic", q.Topics}, {"delivery_mode", q.DeliveryModes}, {"funding", q.Funding},
		{"degree_type", q.DegreeTypes}, {"language", q.Languages}} {
		if len(f.codes) > 0 {
			fc := facetByName(f.name)
			conds = append(conds, fmt.Sprintf("(o.%s & %d) <> 0", fc.column, fc.mask(f.codes)))
		}
	}
	if q.WomenSpecific {
		conds = append(conds, fmt.Sprintf("(o.flags & %d) <> 0", ofWomen))
	}
	if q.Childcare {
		conds = append(conds, fmt.Sprintf("(o.flags & %d) <> 0", ofChildcare))
	}
	if q.ProviderID != 0 {
		conds = append(conds, "o.provider_id = "+b.arg(q.ProviderID))
	}
	return conds
}

// circle is a resolved radius search.
type circle struct {
	lat, lon, km float64
}

func resolveNear(q *search.Query) (*circle, error) {
	if q.Near == "" {
		return nil, nil
	}
	p, err := geo.Default().Resolve(q.Near)
	if err != nil {
		return nil, err
	}
	r := q.RadiusKm
	if r <= 0 {
		r = 25
	}
	return &circle{p.Lat, p.Lon, r}, nil
}

// haversine is the SQL distance in km from the circle's centre to date d.
func (b *sqlQuery) haversine(c *circle) string {
	lat, lon := b.arg(c.lat), b.arg(c.lon)
	return fmt.Sprintf("(12742.0 * asin(sqrt(power(sin(radians(d.lat - %s) / 2), 2) + cos(radians(%s)) * cos(radians(d.lat)) * power(sin(radians(d.lon - %s) / 2), 2))))",
		lat, lat, lon)
}

// inCircle is the bounding box (index-friendly) plus the exact distance.
func (b *sqlQuery) inCircle(c *circle) string {
	dLat := c.km / 111.2
	dLon := c.km / (111.2 * math.Cos(c.lat*math.Pi/180))
	return fmt.Sprintf("(d.lat BETWEEN %s AND %s AND d.lon BETWEEN %s AND %s AND %s <= %s)",
		b.arg(c.lat-dLat), b.arg(c.lat+dLat), b.arg(c.lon-dLon), b.arg(c.lon+dLon), b.haversine(c), b.arg(c.km))
}

// dateFilter returns an EXISTS condition that one date of the offer, not
// ended at now, passes every date filter of q — or "" when q has none.
func (b *sqlQuery) dateFilter(q *search.Query, c *circle, now time.Time) string {
	var conds []string
	if q.StartFrom != nil || q.StartTo != nil {
		from, to := int64(math.MinInt64/2), int64(math.MaxInt64/2)
		if q.StartFrom != nil {
			from = q.StartFrom.Unix()
		}
		if q.StartTo != nil {
			to = q.StartTo.Unix()
		}
		conds = append(conds, fmt.Sprintf("(d.start IS NULL OR (d.start >= %s AND d.start < %s))", b.arg(from), b.arg(to)))
	}
	if m := facetByName("time_pattern").mask(q.TimePatterns); m != 0 {
		conds = append(conds, fmt.Sprintf("(d.flags & %d) <> 0", m))
	}
	if m := facetByName("day_time").mask(q.DayTimes); m != 0 {
		conds = append(conds, fmt.Sprintf("(d.flags & %d) <> 0", m))
	}
	if q.MaxPriceCents != nil {
		conds = append(conds, "(d.price >= 0 AND d.price <= "+b.arg(*q.MaxPriceCents)+")")
	}
	if q.Accessible {
		conds = append(conds, fmt.Sprintf("(d.flags & %d) <> 0", dfAccessible))
	}
	online := fmt.Sprintf("((o.flags & %d) <> 0 OR (d.flags & %d) <> 0)", ofOnline, dfNoVenue)
	switch {
	case q.Online == search.OnlineOnly:
		conds = append(conds, online)
	case c != nil && q.Online == search.OnlineExclude:
		conds = append(conds, b.inCircle(c))
	case c != nil:
		conds = append(conds, "("+online+" OR "+b.inCircle(c)+")")
	}
	if len(conds) == 0 {
		return ""
	}
	return fmt.Sprintf("EXISTS (SELECT 1 FROM dates d WHERE d.offer_id = o.id AND (d.ends IS NULL OR d.ends > %s) AND %s)",
		b.arg(now.Unix()), strings.Join(conds, " AND "))
}

// facetSums selects the number of matches and, per facet code, how many of
// them have it: one pass over the matches instead of one GROUP BY per facet
// (the codes are bit masks).
func facetSums() string {
	var b strings.Builder
	b.WriteString("count(*)")
	for _, f := range facetCols {
		for i := range f.codes {
			fmt.Fprintf(&b, ", sum((o.%s >> %d) & 1)", f.column, f.shift+i)
		}
	}
	return b.String()
}

// facetResult turns the scanned sums into facet counts.
func facetResult(vals []int64) (int, map[string]map[string]int) {
	out := map[string]map[string]int{}
	k := 1
	for _, f := range facetCols {
		m := map[string]int{}
		for _, c := range f.codes {
			if vals[k] > 0 {
				m[c] = int(vals[k])
			}
			k++
		}
		out[f.name] = m
	}
	return int(vals[0]), out
}

// orderBy returns the ORDER BY of a sort other than relevance.
func (b *sqlQuery) orderBy(q *search.Query, c *circle, now time.Time) string {
	switch {
	case q.Sort == search.SortPrice:
		return "o.min_price, o.id"
	case q.Sort == search.SortDistance && c != nil:
		return fmt.Sprintf("(SELECT min(%s) FROM dates d WHERE d.offer_id = o.id AND d.lat IS NOT NULL AND (d.ends IS NULL OR d.ends > %s)), o.id",
			b.haversine(c), b.arg(now.Unix()))
	}
	return "o.next_start, o.id"
}
