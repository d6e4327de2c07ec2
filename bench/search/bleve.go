package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/de" // the "de" analyzer
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/search"
)

// bleveEngine is Bleve (scorch, on disk) with its German analyzer, tuned as
// STACK.md says: no stored fields, no term vectors, no _all field. Date
// filters apply per offer (any date passes one filter, not necessarily the
// same date for all), since Bleve has no per-date join; facets are Bleve's
// term facets.
type bleveEngine struct {
	dir string
	idx bleve.Index
	de  analysis.Analyzer
}

func (b *bleveEngine) mapping() *mapping.IndexMappingImpl {
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = "de"
		f.Store, f.IncludeTermVectors, f.IncludeInAll, f.DocValues = false, false, false, false
		return f
	}
	keyword := func(docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store, f.IncludeTermVectors, f.IncludeInAll, f.DocValues = false, false, false, docValues
		return f
	}
	number := func(docValues bool) *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store, f.IncludeInAll, f.DocValues = false, false, docValues
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("title", text())
	dm.AddFieldMappingsAt("body", text())
	for _, f := range []string{"topic", "delivery_mode", "funding", "degree_type", "language", "flags", "dflags"} {
		dm.AddFieldMappingsAt(f, keyword(true)) // facets need doc values
	}
	dm.AddFieldMappingsAt("provider", keyword(false))
	dm.AddFieldMappingsAt("starts", number(false))
	dm.AddFieldMappingsAt("prices", number(false))
	dm.AddFieldMappingsAt("next_start", number(true))
	dm.AddFieldMappingsAt("min_price", number(true))
	geo := bleve.NewGeoPointFieldMapping()
	geo.Store, geo.IncludeInAll = false, false
	dm.AddFieldMappingsAt("geo", geo)

	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = "de"
	im.StoreDynamic, im.IndexDynamic, im.DocValuesDynamic = false, false, false
	return im
}

// Keywords of the flags and dflags fields.
var dateFlagTerms = func() []string {
	var out []string
	for _, c := range vocabCodes("time_pattern") {
		out = append(out, "tp:"+c)
	}
	for _, c := range vocabCodes("day_time") {
		out = append(out, "dt:"+c)
	}
	return out
}()

func bleveDoc(d *doc) map[string]any {
	codes := func(name string, mask int64) []string {
		fc := facetByName(name)
		var out []string
		for i, c := range fc.codes {
			if mask&(1<<(fc.shift+i)) != 0 {
				out = append(out, c)
			}
		}
		return out
	}
	var flags, dflags []string
	if d.flags&ofWomen != 0 {
		flags = append(flags, "women_specific")
	}
	if d.flags&ofChildcare != 0 {
		flags = append(flags, "childcare")
	}
	if d.flags&ofOnline != 0 {
		flags = append(flags, "online")
	}
	for i, t := range dateFlagTerms {
		if d.dflags&(1<<i) != 0 {
			dflags = append(dflags, t)
		}
	}
	for _, f := range []struct {
		bit  int64
		term string
	}{{dfAccessible, "accessible"}, {dfFree, "free"}, {dfNoVenue, "novenue"}, {dfNotFixed, "notfixed"}} {
		if d.dflags&f.bit != 0 {
			dflags = append(dflags, f.term)
		}
	}
	var geos []map[string]any
	for _, g := range d.geos {
		geos = append(geos, map[string]any{"lat": g[0], "lon": g[1]})
	}
	floats := func(xs []int64) []float64 {
		out := make([]float64, len(xs))
		for i, x := range xs {
			out[i] = float64(x)
		}
		return out
	}
	doc := map[string]any{
		"title": d.title, "body": d.body,
		"topic": codes("topic", d.topics), "delivery_mode": codes("delivery_mode", d.modes),
		"funding": codes("funding", d.funding), "degree_type": codes("degree_type", d.degree),
		"language": codes("language", d.langs), "flags": flags, "dflags": dflags,
		"provider": strconv.FormatInt(d.provider, 10),
		"starts":   floats(d.starts), "prices": floats(d.prices),
		"next_start": float64(d.nextStart), "min_price": float64(d.minPrice),
	}
	if len(geos) > 0 {
		doc["geo"] = geos
	}
	return doc
}

func (b *bleveEngine) build(ctx context.Context, src *source) error {
	idx, err := bleve.New(filepath.Join(b.dir, "bleve"), b.mapping())
	if err != nil {
		return err
	}
	b.idx = idx
	b.de = idx.Mapping().AnalyzerNamed("de")
	batch := idx.NewBatch()
	err = src.each(ctx, func(o *catalogue.Offer) error {
		d := newDoc(o, src.now)
		if err := batch.Index(strconv.FormatInt(d.id, 10), bleveDoc(d)); err != nil {
			return err
		}
		if batch.Size() >= 5000 {
			if err := idx.Batch(batch); err != nil {
				return err
			}
			batch.Reset()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return idx.Batch(batch)
}

// fold lower-cases a prefix and folds it as the German analyzer does.
func fold(s string) string {
	return strings.NewReplacer("ä", "a", "ö", "o", "ü", "u", "ß", "ss").Replace(strings.ToLower(s))
}

// textQuery: every word must match title or body (title boosted 4×); a
// word the analyzer drops (a stop word) is left out; the last word is a
// prefix for the prefix class.
func (b *bleveEngine) textQuery(q *benchQuery) query.Query {
	ws := words(q.q.Text)
	var conj []query.Query
	for i, w := range ws {
		if i == len(ws)-1 && prefixLast(q) {
			t, bq := bleve.NewPrefixQuery(fold(w)), bleve.NewPrefixQuery(fold(w))
			t.SetField("title")
			t.SetBoost(4)
			bq.SetField("body")
			conj = append(conj, bleve.NewDisjunctionQuery(t, bq))
			continue
		}
		for _, tok := range b.de.Analyze([]byte(w)) {
			t, bq := bleve.NewTermQuery(string(tok.Term)), bleve.NewTermQuery(string(tok.Term))
			t.SetField("title")
			t.SetBoost(4)
			bq.SetField("body")
			conj = append(conj, bleve.NewDisjunctionQuery(t, bq))
		}
	}
	if len(conj) == 0 {
		return nil
	}
	return bleve.NewConjunctionQuery(conj...)
}

func terms(field string, values ...string) query.Query {
	var qs []query.Query
	for _, v := range values {
		t := bleve.NewTermQuery(v)
		t.SetField(field)
		qs = append(qs, t)
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

func numRange(field string, lo, hi *float64, hiInclusive bool) query.Query {
	t, inc := true, hiInclusive
	q := bleve.NewNumericRangeInclusiveQuery(lo, hi, &t, &inc)
	q.SetField(field)
	return q
}

func (b *bleveEngine) search(ctx context.Context, q *benchQuery) (*result, error) {
	c, err := resolveNear(&q.q)
	if err != nil {
		return nil, err
	}
	var conj []query.Query
	text := b.textQuery(q)
	if text != nil {
		conj = append(conj, text)
	}
	sq := &q.q
	for _, f := range []struct {
		field string
		codes []string
	}{{"topic", sq.Topics}, {"delivery_mode", sq.DeliveryModes}, {"funding", sq.Funding},
		{"degree_type", sq.DegreeTypes}, {"language", sq.Languages}} {
		if len(f.codes) > 0 {
			conj = append(conj, terms(f.field, f.codes...))
		}
	}
	if sq.WomenSpecific {
		conj = append(conj, terms("flags", "women_specific"))
	}
	if sq.Childcare {
		conj = append(conj, terms("flags", "childcare"))
	}
	if sq.ProviderID != 0 {
		conj = append(conj, terms("provider", strconv.FormatInt(sq.ProviderID, 10)))
	}
	if sq.StartFrom != nil || sq.StartTo != nil {
		var lo, hi *float64
		if sq.StartFrom != nil {
			v := float64(sq.StartFrom.Unix())
			lo = &v
		}
		if sq.StartTo != nil {
			v := float64(sq.StartTo.Unix())
			hi = &v
		}
		conj = append(conj, bleve.NewDisjunctionQuery(numRange("starts", lo, hi, false), terms("dflags", "notfixed")))
	}
	if len(sq.TimePatterns) > 0 {
		var ts []string
		for _, p := range sq.TimePatterns {
			ts = append(ts, "tp:"+p)
		}
		conj = append(conj, terms("dflags", ts...))
	}
	if len(sq.DayTimes) > 0 {
		var ts []string
		for _, p := range sq.DayTimes {
			ts = append(ts, "dt:"+p)
		}
		conj = append(conj, terms("dflags", ts...))
	}
	if sq.MaxPriceCents != nil {
		zero, hi := 0.0, float64(*sq.MaxPriceCents)
		conj = append(conj, numRange("prices", &zero, &hi, true))
	}
	if sq.Accessible {
		conj = append(conj, terms("dflags", "accessible"))
	}
	online := bleve.NewDisjunctionQuery(terms("flags", "online"), terms("dflags", "novenue"))
	var circle query.Query
	if c != nil {
		g := bleve.NewGeoDistanceQuery(c.lon, c.lat, fmt.Sprintf("%gkm", c.km))
		g.SetField("geo")
		circle = g
	}
	switch {
	case sq.Online == search.OnlineOnly:
		conj = append(conj, online)
	case circle != nil && sq.Online == search.OnlineExclude:
		conj = append(conj, circle)
	case circle != nil:
		conj = append(conj, bleve.NewDisjunctionQuery(online, circle))
	}
	var bq query.Query
	switch len(conj) {
	case 0:
		bq = bleve.NewMatchAllQuery()
	case 1:
		bq = conj[0]
	default:
		bq = bleve.NewConjunctionQuery(conj...)
	}
	req := bleve.NewSearchRequestOptions(bq, sq.PerPage, (sq.Page-1)*sq.PerPage, false)
	for _, f := range []string{"topic", "delivery_mode", "funding", "degree_type", "language"} {
		req.AddFacet(f, bleve.NewFacetRequest(f, len(facetByName(f).codes)))
	}
	req.AddFacet("flags", bleve.NewFacetRequest("flags", 3))
	req.AddFacet("dflags", bleve.NewFacetRequest("dflags", 20))
	switch {
	case sq.Sort == search.SortPrice:
		req.SortBy([]string{"min_price", "_id"})
	case sq.Sort == search.SortDistance && c != nil:
		gs, err := bsearch.NewSortGeoDistance("geo", "km", c.lon, c.lat, false)
		if err != nil {
			return nil, err
		}
		req.SortByCustom(bsearch.SortOrder{gs, &bsearch.SortDocID{}})
	case sq.Sort == search.SortStart || text == nil:
		req.SortBy([]string{"next_start", "_id"})
	}
	if text == nil || sq.Sort != search.SortRelevance {
		req.Score = "none"
	}
	res, err := b.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	out := &result{total: int(res.Total), facets: map[string]map[string]int{}}
	for _, h := range res.Hits {
		id, err := strconv.ParseInt(h.ID, 10, 64)
		if err != nil {
			return nil, err
		}
		out.ids = append(out.ids, id)
	}
	for name, fr := range res.Facets {
		if fr.Terms == nil {
			continue
		}
		for _, t := range fr.Terms.Terms() {
			facet, code := name, t.Term
			switch {
			case name == "flags":
				facet, code = t.Term, "true"
				if t.Term == "online" {
					continue
				}
			case name == "dflags" && strings.HasPrefix(t.Term, "tp:"):
				facet, code = "time_pattern", t.Term[3:]
			case name == "dflags" && strings.HasPrefix(t.Term, "dt:"):
				facet, code = "day_time", t.Term[3:]
			case name == "dflags" && (t.Term == "accessible" || t.Term == "free"):
				facet, code = t.Term, "true"
			case name == "dflags":
				continue
			}
			if out.facets[facet] == nil {
				out.facets[facet] = map[string]int{}
			}
			out.facets[facet][code] = t.Count
		}
	}
	return out, nil
}

func (b *bleveEngine) size(context.Context) (int64, string, error) {
	n, err := dirSize(b.dir)
	return n, "disk", err
}

func (b *bleveEngine) close() error {
	if b.idx == nil {
		return nil
	}
	return b.idx.Close()
}
