// Command makequeries writes the benchmark query log (bench/queries.tsv):
// realistic learner queries against a catalogue made by internal/gen, in
// the URL parameters search.ParseQuery reads, each with its class. The
// output depends only on the program and gen's word lists, so
//
//	go generate ./bench
//
// makes the same file again.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"net/url"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lernnetz/lernnetz/bench"
	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/geo"
	"github.com/lernnetz/lernnetz/internal/gen"
	"github.com/lernnetz/lernnetz/search"
)

// How many queries of each class.
var counts = map[string]int{
	bench.ClassFrequentSingle: 200,
	bench.ClassRareSingle:     150,
	bench.ClassMultiWord:      200,
	bench.ClassTypo:           120,
	bench.ClassPrefix:         120,
	bench.ClassFacetsOnly:     150,
	bench.ClassRadius:         130,
	bench.ClassTextFacets:     130,
}

// Words learners type most, with German variants the engine should
// understand ("Kurse", "Schweissen", "Saarbruecken").
var frequent = []string{
	"Kurs", "Kurs", "Kurs", "Weiterbildung", "Weiterbildung", "online", "online", "Grundlagen", "Englisch", "Englisch",
	"Deutsch", "Excel", "Yoga", "Pflege", "Buchhaltung", "Spanisch", "Französisch", "Python", "Projektmanagement",
	"Bewerbungstraining", "Integrationskurs", "Erste Hilfe", "Gabelstapler", "Schweißen", "Schweissen", "Kurse",
	"Sprachkurs", "Computer", "Smartphone", "Malen", "Fotografie", "Altenpflege", "Erzieher", "Erzieherin",
	"Umschulung", "Seminar", "Workshop", "Bildungsurlaub", "Bildungsgutschein", "Zertifikat", "Saarbrücken",
	"Saarbruecken", "Saarlouis", "Homburg", "Neunkirchen", "Merzig", "Trier", "Kaiserslautern", "Berlin", "Rückenschule",
	"Pilates", "Marketing", "Führung", "Kommunikation", "Lagerlogistik", "SAP", "Linux", "Italienisch", "Demenz", "Abitur",
	"Hauptschulabschluss", "Praxis", "Einsteiger", "Anfänger", "Abendkurs", "Wochenende", "Fortgeschrittene",
}

// Modifiers added to a subject in multi-word queries.
var modifiers = []string{
	"Grundlagen", "für Anfänger", "Einsteiger", "Aufbaukurs", "online", "Abendkurs", "Wochenende", "Kurs", "Weiterbildung",
	"Zertifikat", "Bildungsurlaub", "kompakt", "Prüfung", "Saarbrücken", "Homburg", "Saarlouis", "B1", "A2", "Umschulung",
	"berufsbegleitend", "Praxis", "Fortgeschrittene", "IHK", "kostenlos", "Seminar", "Bildungsgutschein",
}

// Handwritten typos, as people make them.
var typos = []string{
	"Englsich", "Pflgee", "Weiterbildnug", "Buchaltung", "Exel", "Pyhton", "Projektmanagment", "Bewerbungstrainig",
	"Integrationskurz", "Gabelstaplr", "Schweisen", "Fotographie", "Altenplege", "Erziehrin", "Spansich", "Franzözisch",
	"Italiensich", "Kommunkation", "Rückenshule", "Smartfone", "Computr", "Buchhaltng", "Lagerlogistk", "Saarbrüken",
	"Homberg", "Deutch", "Marekting", "Grundlagn", "Kurss", "Weiterbldung",
}

// Towns searched near, with their weight in the log.
var towns = []string{
	"Saarbrücken", "Saarbrücken", "Saarbrücken", "66111", "66117", "66123", "Saarlouis", "66740", "Homburg", "66424",
	"Neunkirchen", "66538", "St. Ingbert", "Merzig", "St. Wendel", "Völklingen", "Dillingen", "Blieskastel", "Lebach",
	"Trier", "54290", "Kaiserslautern", "Zweibrücken", "Pirmasens", "Mainz", "Koblenz", "Berlin", "Hamburg", "München",
	"Köln", "Frankfurt am Main", "Leipzig", "Stuttgart", "Dresden", "Sankt Wendel", "Saarbruecken",
}

type maker struct {
	r   *rand.Rand
	lex gen.Lexicon
}

func main() {
	out := flag.String("o", "queries.tsv", "output file")
	seed := flag.Uint64("seed", 1045, "random seed")
	flag.Parse()
	m := &maker{r: rand.New(rand.NewPCG(*seed, 66111)), lex: gen.Words()}
	var b strings.Builder
	b.WriteString("# lernnetz search benchmark query log: class<TAB>URL query string (search.ParseQuery).\n")
	b.WriteString("# Made by bench/cmd/makequeries (go generate ./bench); dates refer to gen.DefaultNow (2026-03-02).\n")
	seen := map[string]bool{}
	total := 0
	for _, class := range bench.Classes {
		n := 0
		for tries := 0; n < counts[class] && tries < 100*counts[class]; tries++ {
			v := m.query(class)
			raw := v.Encode()
			if seen[raw] && class != bench.ClassFrequentSingle {
				continue
			}
			if _, err := search.ParseQuery(v); err != nil {
				log.Fatalf("%s %s: %v", class, raw, err)
			}
			if near := v.Get("near"); near != "" {
				if _, err := geo.Default().Resolve(near); err != nil {
					log.Fatalf("%s: unknown place %q", class, near)
				}
			}
			seen[raw] = true
			fmt.Fprintf(&b, "%s\t%s\n", class, raw)
			n++
		}
		total += n
	}
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%s: %d queries", *out, total)
}

func (m *maker) pick(xs []string) string { return xs[m.r.IntN(len(xs))] }

func (m *maker) chance(p float64) bool { return m.r.Float64() < p }

// subject is a course subject, common ones more often.
func (m *maker) subject() string {
	topics := slices.Sorted(func(yield func(string) bool) {
		for k := range m.lex.Subjects {
			if !yield(k) {
				return
			}
		}
	})
	ss := m.lex.Subjects[m.pick(topics)]
	u := m.r.Float64()
	return ss[int(float64(len(ss))*u*u)]
}

// rareWord is a long word from the ESCO labels or the tail of the PAS 1045
// nouns: found in a few offers of a large catalogue, in none of a small one.
func (m *maker) rareWord() string {
	for {
		var w string
		if m.chance(0.7) {
			words := strings.Fields(m.pick(m.lex.Skills))
			w = words[m.r.IntN(len(words))]
		} else {
			w = m.lex.Nouns[len(m.lex.Nouns)/2+m.r.IntN(len(m.lex.Nouns)/2)]
		}
		w = strings.Trim(w, ",.;:()/\"'")
		first, _ := utf8.DecodeRuneInString(w)
		if utf8.RuneCountInString(w) >= 8 && unicode.IsUpper(first) && isWord(w) {
			return w
		}
	}
}

func isWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '-' {
			return false
		}
	}
	return true
}

// typo makes a typing error in w: a swapped, dropped or doubled letter.
func (m *maker) typo(w string) string {
	rs := []rune(w)
	if len(rs) < 5 {
		return w + string(rs[len(rs)-1])
	}
	i := 1 + m.r.IntN(len(rs)-2)
	switch m.r.IntN(3) {
	case 0:
		rs[i], rs[i+1] = rs[i+1], rs[i]
	case 1:
		rs = append(rs[:i], rs[i+1:]...)
	default:
		rs = append(rs[:i+1], rs[i:]...)
	}
	return string(rs)
}

// prefix cuts w to what someone has typed so far (at least three letters).
func prefix(w string, n int) string {
	rs := []rune(w)
	return string(rs[:max(3, min(len(rs)-1, n))])
}

func (m *maker) day(from, to int) string {
	d := gen.DefaultNow.AddDate(0, 0, from+m.r.IntN(to-from+1))
	return d.Format("2006-01-02")
}

func (m *maker) codes(vocab string) []string {
	var out []string
	for _, t := range catalogue.Vocab(vocab).Terms {
		out = append(out, t.Code)
	}
	return out
}

// facets adds one to three filters.
func (m *maker) facets(v url.Values, n int) {
	for i := 0; i < n; i++ {
		switch m.r.IntN(11) {
		case 0, 1:
			v.Add("topic", m.pick(m.codes("topic")))
		case 2:
			v.Add("delivery_mode", m.pick([]string{"classroom", "virtual_classroom", "e_learning", "blended"}))
		case 3:
			v.Add("funding", m.pick([]string{"bildungsgutschein", "bildungsgutschein", "bildungsfreistellung", "avgs", "aufstiegs_bafoeg"}))
		case 4:
			v.Add("time_pattern", m.pick(m.codes("time_pattern")))
		case 5:
			v.Set("start_from", m.day(0, 60))
			if m.chance(0.4) {
				v.Set("start_to", m.day(90, 200))
			}
		case 6:
			v.Set("max_price", m.pick([]string{"50", "100", "200", "500", "1000"}))
		case 7:
			v.Set("free", "1")
		case 8:
			v.Add("degree_type", m.pick([]string{"certificate", "chamber_exam", "language_certificate", "attendance"}))
		case 9:
			v.Add("day_time", m.pick(m.codes("day_time")))
		default:
			v.Add("language", m.pick([]string{"en", "fr", "es", "ar", "uk"}))
		}
	}
	if m.chance(0.15) {
		v.Set("accessible", "1")
	}
}

func (m *maker) place(v url.Values) {
	v.Set("near", m.pick(towns))
	if m.chance(0.7) {
		v.Set("radius_km", m.pick([]string{"5", "10", "10", "25", "25", "50", "100"}))
	}
	if m.chance(0.15) {
		v.Set("online", m.pick([]string{"exclude", "only"}))
	}
}

func (m *maker) sortAndPage(v url.Values, distance bool) {
	switch u := m.r.Float64(); {
	case u < 0.08:
		v.Set("sort", "start")
	case u < 0.12:
		v.Set("sort", "price")
	case u < 0.2 && distance:
		v.Set("sort", "distance")
	}
	if m.chance(0.08) {
		v.Set("page", fmt.Sprint(2+m.r.IntN(4)))
	}
}

func (m *maker) query(class string) url.Values {
	v := url.Values{}
	switch class {
	case bench.ClassFrequentSingle:
		v.Set("q", m.pick(frequent))
	case bench.ClassRareSingle:
		v.Set("q", m.rareWord())
	case bench.ClassMultiWord:
		switch m.r.IntN(4) {
		case 0, 1:
			v.Set("q", m.subject()+" "+m.pick(modifiers))
		case 2:
			v.Set("q", m.pick(modifiers)+" "+m.subject()+" "+m.pick(modifiers))
		default:
			v.Set("q", m.pick(frequent)+" "+m.rareWord())
		}
		m.sortAndPage(v, false)
	case bench.ClassTypo:
		if m.chance(0.4) {
			v.Set("q", m.pick(typos))
		} else {
			w := strings.Fields(m.subject())[0]
			if utf8.RuneCountInString(w) < 5 {
				w = m.pick(frequent)
			}
			v.Set("q", m.typo(w))
		}
	case bench.ClassPrefix:
		w := m.pick(frequent)
		if m.chance(0.5) {
			w = strings.Fields(m.subject())[0]
		}
		p := prefix(w, 3+m.r.IntN(5))
		if m.chance(0.25) {
			p = m.pick(frequent) + " " + p
		}
		v.Set("q", p)
	case bench.ClassFacetsOnly:
		m.facets(v, 1+m.r.IntN(3))
		m.sortAndPage(v, false)
	case bench.ClassRadius:
		m.place(v)
		m.sortAndPage(v, true)
	case bench.ClassTextFacets:
		if m.chance(0.6) {
			v.Set("q", m.subject())
		} else {
			v.Set("q", m.pick(frequent))
		}
		m.facets(v, 1+m.r.IntN(2))
		m.place(v)
		m.sortAndPage(v, true)
	}
	return v
}
