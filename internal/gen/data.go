package gen

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/lernnetz/lernnetz/geo"
)

//go:generate go run ./internal/mkdata -shared ../../../shared/data -out data

var (
	//go:embed data/skills.tsv.gz
	skillsGz []byte
	//go:embed data/occupations.tsv.gz
	occupationsGz []byte
	//go:embed data/words.tsv.gz
	wordsGz []byte
	//go:embed data/titles.txt
	titlesTxt string
)

// skill is an ESCO skill: its German label and, for some, the UUID of its URI.
type skill struct{ label, uuid string }

// occupation is an ESCO occupation in its masculine and feminine form.
type occupation struct{ masc, fem string }

// Place is a German postal code area from the gazetteer (package geo).
type Place struct {
	PostalCode string
	Name       string
	State      string // KURSNET code of the federal state, e.g. SAA
	StateName  string // e.g. Saarland
	Lat, Lon   float64
}

// lexicon is the parsed embedded data, shared by every Generator.
type lexicon struct {
	skills      map[string][]skill      // topic ("" general) → skills
	withURI     map[string][]skill      // topic → skills that have a URI
	occupations map[string][]occupation // topic → occupations
	nouns       []string                // PAS 1045 nouns, most frequent first
	nounW       weighted                // their frequencies
	titles      []string                // PAS 1045 course titles

	places  []Place
	placeW  weighted
	byState map[string][]int // KURSNET state code → indexes into places
}

var (
	lexOnce sync.Once
	lex     *lexicon
)

func theLexicon() *lexicon {
	lexOnce.Do(func() {
		l, err := loadLexicon()
		if err != nil {
			panic(fmt.Sprintf("gen: embedded data: %v", err)) // tested: a programming error
		}
		lex = l
	})
	return lex
}

func gunzipLines(b []byte) ([][]string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	var out [][]string
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			out = append(out, strings.Split(line, "\t"))
		}
	}
	return out, sc.Err()
}

func loadLexicon() (*lexicon, error) {
	l := &lexicon{skills: map[string][]skill{}, withURI: map[string][]skill{}, occupations: map[string][]occupation{}}
	rows, err := gunzipLines(skillsGz)
	if err != nil {
		return nil, err
	}
	for _, f := range rows {
		if len(f) < 2 {
			return nil, fmt.Errorf("skills: bad line %q", f)
		}
		s := skill{label: f[1]}
		if len(f) == 3 {
			s.uuid = f[2]
			l.withURI[f[0]] = append(l.withURI[f[0]], s)
		}
		l.skills[f[0]] = append(l.skills[f[0]], s)
	}
	rows, err = gunzipLines(occupationsGz)
	if err != nil {
		return nil, err
	}
	for _, f := range rows {
		if len(f) != 3 {
			return nil, fmt.Errorf("occupations: bad line %q", f)
		}
		l.occupations[f[0]] = append(l.occupations[f[0]], occupation{f[1], f[2]})
	}
	rows, err = gunzipLines(wordsGz)
	if err != nil {
		return nil, err
	}
	type wc struct {
		w string
		n int
	}
	var ws []wc
	for _, f := range rows {
		n, err := strconv.Atoi(f[len(f)-1])
		if len(f) != 2 || err != nil {
			return nil, fmt.Errorf("words: bad line %q", f)
		}
		ws = append(ws, wc{f[0], n})
	}
	slices.SortStableFunc(ws, func(a, b wc) int { return b.n - a.n })
	var wts []float64
	for _, w := range ws {
		l.nouns = append(l.nouns, w.w)
		wts = append(wts, float64(w.n))
	}
	l.nounW = newWeighted(wts)
	for _, t := range strings.Split(titlesTxt, "\n") {
		if t = strings.TrimSpace(t); t != "" {
			l.titles = append(l.titles, t)
		}
	}
	l.loadPlaces()
	if len(l.nouns) < 500 || len(l.skills[""]) < 1000 || len(l.places) < 5000 {
		return nil, fmt.Errorf("too little data: %d nouns, %d skills, %d places", len(l.nouns), len(l.skills[""]), len(l.places))
	}
	return l, nil
}

// Shares of the places of venues: the Saarland and its neighbour
// Rheinland-Pfalz first, the rest of Germany weighted by its postal codes
// (so by population, roughly).
const (
	shareSaarland = 0.40
	shareRLP      = 0.20
)

// loadPlaces takes every ordinary postal code of the gazetteer.
func (l *lexicon) loadPlaces() {
	kursnet := map[string]string{}
	for _, s := range geo.States() {
		kursnet[s.Code] = s.KURSNET
	}
	gz := geo.Default()
	l.byState = map[string][]int{}
	for c := 1000; c <= 99999; c++ {
		p, ok := gz.PostalCode(fmt.Sprintf("%05d", c))
		if !ok || p.LargeCustomer || p.Name == "" || kursnet[p.StateCode] == "" {
			continue
		}
		st := kursnet[p.StateCode]
		l.byState[st] = append(l.byState[st], len(l.places))
		l.places = append(l.places, Place{PostalCode: p.PostalCode, Name: p.Name, State: st, StateName: p.State, Lat: p.Lat, Lon: p.Lon})
	}
	nSL, nRP := len(l.byState["SAA"]), len(l.byState["RPF"])
	nRest := len(l.places) - nSL - nRP
	ws := make([]float64, len(l.places))
	for i, p := range l.places {
		switch p.State {
		case "SAA":
			ws[i] = shareSaarland / float64(nSL)
		case "RPF":
			ws[i] = shareRLP / float64(nRP)
		default:
			ws[i] = (1 - shareSaarland - shareRLP) / float64(nRest)
		}
	}
	l.placeW = newWeighted(ws)
}

// Lexicon lists words and places the generator draws from, for programs
// that make queries against a generated catalogue.
type Lexicon struct {
	// Subjects are the course subjects of every topic (vocabulary "topic").
	Subjects map[string][]string
	// Skills are ESCO skill labels, the long tail of the offers' contents.
	Skills []string
	// Occupations are ESCO occupation labels (both forms) used in titles.
	Occupations []string
	// Nouns are the nouns of the PAS 1045 texts, most frequent first.
	Nouns []string
	// Places are the postal code areas venues are drawn from.
	Places []Place
}

// Words returns the lexicon of every generator.
func Words() Lexicon {
	l := theLexicon()
	out := Lexicon{Subjects: map[string][]string{}, Nouns: slices.Clone(l.nouns), Places: slices.Clone(l.places)}
	for _, tp := range topicProfiles {
		out.Subjects[tp.code] = slices.Clone(tp.subjects)
	}
	for _, t := range sortedKeys(l.skills) {
		for _, s := range l.skills[t] {
			out.Skills = append(out.Skills, s.label)
		}
	}
	for _, t := range sortedKeys(l.occupations) {
		for _, o := range l.occupations[t] {
			out.Occupations = append(out.Occupations, o.masc)
			if o.fem != o.masc {
				out.Occupations = append(out.Occupations, o.fem)
			}
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
