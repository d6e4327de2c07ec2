package search

import (
	"slices"
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/search/analysis"
)

// Suggest completes what a learner is typing: topic labels with a word
// starting with prefix, and words of offer titles and venue places (postal
// codes, cities) that start with its last word, each with the number of
// offers it would find, the most frequent first. It reads only the index's
// dictionaries and takes well under a millisecond on a large index.
func (e *Engine) Suggest(prefix string, n int) []Suggestion {
	p := analysis.Fold(strings.TrimSpace(prefix))
	if p == "" || n <= 0 {
		return nil
	}
	st := e.cur.Load()
	var out []Suggestion
	seen := map[string]bool{}
	add := func(s Suggestion) {
		key := s.Kind + "\x00" + analysis.Fold(s.Text)
		if s.Count <= 0 || seen[key] {
			return
		}
		seen[key] = true
		out = append(out, s)
	}
	for _, t := range catalogue.Vocab("topic").Terms {
		label := analysis.Fold(t.DE)
		match := strings.HasPrefix(label, p)
		for _, w := range strings.FieldsFunc(label, func(r rune) bool { return r == ' ' || r == ',' || r == '-' }) {
			match = match || strings.HasPrefix(w, p)
		}
		if !match {
			continue
		}
		count := 0
		for i, s := range st.segs {
			if b := s.codes["topic/"+t.Code]; b != nil {
				count += int(b.AndCardinality(st.live[i]))
			}
		}
		add(Suggestion{Text: t.DE, Kind: "topic", Count: count})
	}
	word := p
	if i := strings.LastIndexByte(p, ' '); i >= 0 {
		word = p[i+1:]
	}
	if word != "" {
		type agg struct{ title, place int }
		counts := map[string]*agg{}
		var order []string
		prefixes := []string{word}
		if stem := e.analyzer.Stem(word); stem != "" && stem != word && strings.HasPrefix(word, stem) {
			prefixes = append(prefixes, stem)
		}
		for _, s := range st.segs {
			for pi, pre := range prefixes {
				lo, hi := s.prefixRange(pre)
				for ti := lo; ti < hi; ti++ {
					if pi > 0 && !strings.HasPrefix(word, s.term(ti)) {
						continue // the stem's own completions come from the word itself
					}
					if s.titleDF[ti] == 0 && s.placeDF[ti] == 0 {
						continue
					}
					d := s.display(ti)
					if d == "" {
						continue
					}
					a := counts[d]
					if a == nil {
						a = &agg{}
						counts[d] = a
						order = append(order, d)
					}
					a.title += int(s.titleDF[ti])
					a.place += int(s.placeDF[ti])
				}
			}
		}
		for _, d := range order {
			a := counts[d]
			if a.place > 0 && a.place >= a.title {
				add(Suggestion{Text: d, Kind: "place", Count: a.place})
			} else {
				add(Suggestion{Text: d, Kind: "title", Count: a.title})
			}
		}
	}
	kindRank := map[string]int{"topic": 0, "place": 1, "title": 2}
	slices.SortStableFunc(out, func(a, b Suggestion) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		if kindRank[a.Kind] != kindRank[b.Kind] {
			return kindRank[a.Kind] - kindRank[b.Kind]
		}
		return strings.Compare(a.Text, b.Text)
	})
	return out[:min(n, len(out))]
}
