// Package bench holds lernnetz's benchmarks: the query log they replay
// (queries.tsv, made by cmd/makequeries) and, in bench/search, the search
// benchmark that compares lernnetz's engine with SQLite FTS5, PostgreSQL
// full text search and Bleve on a generated catalogue (internal/gen).
// Nothing here is part of the lernnetz binary.
package bench

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
)

//go:generate go run ./cmd/makequeries -o queries.tsv

// Query classes of the query log.
const (
	ClassFrequentSingle = "frequent-single"
	ClassRareSingle     = "rare-single"
	ClassMultiWord      = "multi-word"
	ClassTypo           = "typo"
	ClassPrefix         = "prefix"
	ClassFacetsOnly     = "facets-only"
	ClassRadius         = "radius"
	ClassTextFacets     = "text+facets+radius"
)

// Classes lists the query classes in the order reports show them.
var Classes = []string{ClassFrequentSingle, ClassRareSingle, ClassMultiWord, ClassTypo, ClassPrefix,
	ClassFacetsOnly, ClassRadius, ClassTextFacets}

//go:embed queries.tsv
var queriesTSV string

// Query is one line of the query log: its class and the URL query string
// that search.ParseQuery reads.
type Query struct {
	Class  string
	Raw    string
	Values url.Values
}

// Queries returns the committed query log (queries.tsv).
func Queries() []Query {
	qs, err := ReadQueries(strings.NewReader(queriesTSV))
	if err != nil {
		panic(fmt.Sprintf("bench: queries.tsv: %v", err)) // tested
	}
	return qs
}

// ReadQueryFile reads a query log from a file.
func ReadQueryFile(path string) ([]Query, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadQueries(f)
}

// ReadQueries reads a query log: one query a line, as "class<TAB>query
// string"; empty lines and lines starting with # are skipped.
func ReadQueries(r io.Reader) ([]Query, error) {
	var out []Query
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		class, raw, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("line %d: want class<TAB>query", n)
		}
		v, err := url.ParseQuery(raw)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		out = append(out, Query{Class: class, Raw: raw, Values: v})
	}
	return out, sc.Err()
}
