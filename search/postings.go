package search

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/lernnetz/lernnetz/search/analysis"
)

// Weights of the kinds of alternatives a query term can match.
const (
	weightExact   = 1.0
	weightSynonym = 0.9
	weightPrefix  = 0.8 // a completion of the last word typed
	weightFuzzy   = 0.6 // a spelling correction

	maxPrefixExpansion = 32 // completions of a prefix, the most frequent
	maxFuzzy           = 8  // corrections of a word, the closest and most frequent
)

// slot is one query term with the index terms that match it.
type slot struct {
	text  string // as typed
	alts  []alt
	fuzzy bool // matched only through corrections
}

// alt is an index term that matches a slot.
type alt struct {
	term   string
	weight float64
	df     int
	idf    float64
	dist   int // edit distance for corrections
}

// plan resolves the query text against the dictionaries of the state's
// segments. It also returns the spelling suggestion (when a term needed a
// correction) and whether every term matched something.
func (e *Engine) plan(st *state, text string) (slots []slot, didYouMean string) {
	qts := e.analyzer.Query(text)
	if len(qts) == 0 {
		return nil, ""
	}
	corrected := false
	var sugg []string
	for _, qt := range qts {
		sl := slot{text: qt.Text}
		seen := map[string]int{}
		addAlt := func(term string, w float64, dist int) {
			if i, ok := seen[term]; ok {
				sl.alts[i].weight = math.Max(sl.alts[i].weight, w)
				return
			}
			df := st.df(term)
			if df == 0 {
				return
			}
			seen[term] = len(sl.alts)
			sl.alts = append(sl.alts, alt{term: term, weight: w, df: df, dist: dist})
		}
		for i, a := range qt.Alternatives {
			switch {
			case i == 0 && qt.Prefix:
				addAlt(a, weightExact, 0)
				for _, c := range st.completions(a, maxPrefixExpansion) {
					addAlt(c, weightPrefix, 0)
				}
			case i == 0:
				addAlt(a, weightExact, 0)
			default:
				w := weightSynonym
				if qt.Prefix && i == 1 {
					w = weightExact // the stem of the typed text read as a whole word
				}
				addAlt(a, w, 0)
			}
		}
		word := qt.Alternatives[0]
		if len(sl.alts) == 0 && qt.Fuzzy > 0 {
			for _, c := range st.corrections(e.analyzer, word, qt.Fuzzy, qt.Prefix, maxFuzzy) {
				addAlt(c.term, weightFuzzy, c.dist)
			}
			if len(sl.alts) > 0 {
				sl.fuzzy = true
				corrected = true
				sugg = append(sugg, st.displayFolded(sl.alts[0].term))
				slots = append(slots, sl)
				continue
			}
		}
		sugg = append(sugg, analysis.Fold(qt.Text))
		slots = append(slots, sl)
	}
	if corrected {
		didYouMean = strings.Join(sugg, " ")
	}
	n := float64(max(1, st.liveN))
	for i := range slots {
		exactIDF := -1.0
		for j := range slots[i].alts {
			a := &slots[i].alts[j]
			df := float64(a.df)
			a.idf = math.Log(1 + (n-df+0.5)/(df+0.5))
			if a.weight == weightExact {
				exactIDF = math.Max(exactIDF, a.idf)
			}
		}
		// A completion, synonym or correction is rarer than the word itself
		// and would outscore it on idf alone: "Alltag" completed to the
		// compound part "alltagsaufgab" in a learning outcome must not beat
		// "Alltag" in a title. Expansions score at most as the word typed.
		if exactIDF >= 0 {
			for j := range slots[i].alts {
				if a := &slots[i].alts[j]; a.weight < weightExact {
					a.idf = math.Min(a.idf, exactIDF)
				}
			}
		}
	}
	return slots, didYouMean
}

// suggestSpelling returns the query text with every word that matches
// nothing replaced by the closest index term, for a query without results.
func (e *Engine) suggestSpelling(st *state, slots []slot) string {
	changed := false
	out := make([]string, len(slots))
	for i, sl := range slots {
		out[i] = analysis.Fold(sl.text)
		if len(sl.alts) > 0 {
			if sl.fuzzy {
				out[i] = st.displayFolded(sl.alts[0].term)
				changed = true
			}
			continue
		}
		w := analysis.Fold(sl.text)
		budget := min(2, max(1, utf8.RuneCountInString(w)/4))
		if cs := st.corrections(e.analyzer, w, budget, false, 1); len(cs) > 0 {
			out[i] = st.displayFolded(cs[0].term)
			changed = true
		}
	}
	if !changed {
		return ""
	}
	return strings.Join(out, " ")
}

// df returns the number of documents with term t over all segments (dead
// documents included, as is usual for index statistics).
func (st *state) df(t string) int {
	n := 0
	for _, s := range st.segs {
		if i := s.lookup(t); i >= 0 {
			n += int(s.df[i])
		}
	}
	return n
}

// displayFolded returns the folded surface form of term t, or t.
func (st *state) displayFolded(t string) string {
	for _, s := range st.segs {
		if i := s.lookup(t); i >= 0 {
			if d := s.display(i); d != "" {
				return analysis.Fold(d)
			}
		}
	}
	return t
}

// completions returns up to max terms longer than prefix p, starting with it,
// the most frequent first.
func (st *state) completions(p string, max int) []string {
	type cand struct {
		term string
		df   int
	}
	byTerm := map[string]int{}
	var cs []cand
	for _, s := range st.segs {
		lo, hi := s.prefixRange(p)
		for i := lo; i < hi; i++ {
			t := unsafeString(s.termBytes[s.termOff[i]:s.termOff[i+1]])
			if len(t) == len(p) {
				continue
			}
			if k, ok := byTerm[t]; ok {
				cs[k].df += int(s.df[i])
				continue
			}
			byTerm[t] = len(cs)
			cs = append(cs, cand{t, int(s.df[i])})
		}
	}
	slices.SortFunc(cs, func(a, b cand) int {
		if a.df != b.df {
			return b.df - a.df
		}
		return strings.Compare(a.term, b.term)
	})
	out := make([]string, 0, min(len(cs), max))
	for _, c := range cs[:min(len(cs), max)] {
		out = append(out, strings.Clone(c.term))
	}
	return out
}

type correction struct {
	term string
	dist int
	df   int
}

// corrections returns up to max index terms within edit distance budget of
// w (for a prefix, also terms whose beginning is), the closest and most
// frequent first. It scans the dictionary ranges of terms starting with the
// first letter of w, or with its second letter (a swap of the first two).
func (st *state) corrections(a *analysis.Analyzer, w string, budget int, prefix bool, max int) []correction {
	if w == "" || budget <= 0 {
		return nil
	}
	firsts := []string{w[:1]}
	if len(w) > 1 && w[1] != w[0] {
		firsts = append(firsts, w[1:2])
	}
	wl := utf8.RuneCountInString(w)
	found := map[string]int{}
	var cs []correction
	for _, s := range st.segs {
		for _, f := range firsts {
			lo, hi := s.prefixRange(f)
			for i := lo; i < hi; i++ {
				t := unsafeString(s.termBytes[s.termOff[i]:s.termOff[i+1]])
				tl := len(t) // bytes ≥ runes; a cheap bound first
				if !prefix && (tl < wl-budget) {
					continue
				}
				if strings.IndexByte(t, ' ') >= 0 {
					continue // phrases are not corrected
				}
				tr := utf8.RuneCountInString(t)
				d := -1
				if tr >= wl-budget && tr <= wl+budget && analysis.WithinDistance(w, t, budget) {
					d = analysis.Distance(w, t)
				}
				if d < 0 && prefix && tr > wl {
					// the beginning of a longer term, typed with a mistake
					for _, n := range []int{wl - 1, wl, wl + 1} {
						if n < 1 || n > tr || n < wl-budget {
							continue
						}
						pre := prefixRunes(t, n)
						if analysis.WithinDistance(w, pre, budget) {
							if k := analysis.Distance(w, pre); d < 0 || k < d {
								d = k
							}
						}
					}
				}
				if d <= 0 {
					continue // 0: an exact match, which is not a correction
				}
				if k, ok := found[t]; ok {
					cs[k].df += int(s.df[i])
					continue
				}
				found[t] = len(cs)
				cs = append(cs, correction{term: strings.Clone(t), dist: d, df: int(s.df[i])})
			}
		}
	}
	slices.SortFunc(cs, func(x, y correction) int {
		if x.dist != y.dist {
			return x.dist - y.dist
		}
		if x.df != y.df {
			return y.df - x.df
		}
		return strings.Compare(x.term, y.term)
	})
	return cs[:min(len(cs), max)]
}

func prefixRunes(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// segAlt is an alternative resolved in one segment.
type segAlt struct {
	ti     int     // term number in the segment
	factor float64 // weight × idf / maxLevel: score per impact level
}

// segSlots resolves the slots in segment s; a slot without any term in s
// has no alternatives (and matches nothing there).
func segSlots(s *segment, slots []slot) [][]segAlt {
	out := make([][]segAlt, len(slots))
	for i, sl := range slots {
		for _, a := range sl.alts {
			if ti := s.lookup(a.term); ti >= 0 {
				out[i] = append(out[i], segAlt{ti: ti, factor: a.weight * a.idf / maxLevel})
			}
		}
	}
	return out
}

// textMatch returns the live documents of s that match every slot.
func textMatch(s *segment, live *roaring.Bitmap, ss [][]segAlt) *roaring.Bitmap {
	sets := make([]*roaring.Bitmap, 0, len(ss)+1)
	for _, alts := range ss {
		if len(alts) == 0 {
			return roaring.New()
		}
		if len(alts) == 1 {
			sets = append(sets, s.docs(alts[0].ti))
			continue
		}
		bs := make([]*roaring.Bitmap, len(alts))
		for k, a := range alts {
			bs[k] = s.docs(a.ti)
		}
		sets = append(sets, roaring.FastOr(bs...))
	}
	// smallest first
	sort.Slice(sets, func(a, b int) bool { return sets[a].GetCardinality() < sets[b].GetCardinality() })
	r := roaring.And(sets[0], live)
	for _, b := range sets[1:] {
		if r.IsEmpty() {
			break
		}
		r.And(b)
	}
	return r
}

// scoreDocs computes the relevance of each of the sorted documents cands.
func scoreDocs(s *segment, ss [][]segAlt, cands []uint32, scores []float64) {
	clear(scores)
	best := make([]float64, len(cands))
	for _, alts := range ss {
		clear(best)
		for _, a := range alts {
			accumulate(s, a, cands, best)
		}
		for k, v := range best {
			scores[k] += v
		}
	}
}

// accumulate raises best[k] to the contribution of alternative a to
// document cands[k] where that is higher.
func accumulate(s *segment, a segAlt, cands []uint32, best []float64) {
	if len(cands) == 0 {
		return
	}
	pays := s.postingsOf(a.ti)
	df := int(s.df[a.ti])
	if df < smallMax {
		docs := s.small[s.ref[a.ti] : s.ref[a.ti]+s.df[a.ti]]
		i, k := 0, 0
		for i < len(docs) && k < len(cands) {
			switch {
			case docs[i] < cands[k]:
				i++
			case docs[i] > cands[k]:
				k = k + sort.Search(len(cands)-k, func(j int) bool { return cands[k+j] >= docs[i] })
			default:
				if v := a.factor * float64(payLevel(pays[i])); v > best[k] {
					best[k] = v
				}
				i++
				k++
			}
		}
		return
	}
	bm := s.bms[s.ref[a.ti]]
	if len(cands)*32 < df {
		for k, d := range cands {
			if bm.Contains(d) {
				if v := a.factor * float64(payLevel(pays[bm.Rank(d)-1])); v > best[k] {
					best[k] = v
				}
			}
		}
		return
	}
	it := bm.ManyIterator()
	buf := make([]uint32, 256)
	ord, k := 0, 0
	for k < len(cands) {
		n := it.NextMany(buf)
		if n == 0 {
			return
		}
		for _, d := range buf[:n] {
			for k < len(cands) && cands[k] < d {
				k++
			}
			if k == len(cands) {
				return
			}
			if cands[k] == d {
				if v := a.factor * float64(payLevel(pays[ord])); v > best[k] {
					best[k] = v
				}
				k++
			}
			ord++
		}
	}
}
