package analysis

import (
	"bufio"
	"fmt"
	"strings"
)

// thesaurus holds groups of equivalent terms (see data/thesaurus.txt). Every
// term is normalised to the form the index uses: the stem of a single word,
// the stem of the joined parts of a hyphenated word ("elearning"), or the
// stems of the words of a phrase separated by single spaces ("deutsch als
// zweitsprach").
type thesaurus struct {
	groups  [][]string         // the normalised terms of each group, in the order written
	byTerm  map[string][]int32 // term → the groups it is in
	phrases map[string][]phrase
}

// phrase is a thesaurus term of several words.
type phrase struct {
	keys []string // the stem of each word
	term string   // keys joined by spaces
}

// parseThesaurus reads the thesaurus format: one group a line, terms
// separated by commas, "#" comments.
func parseThesaurus(src string) (*thesaurus, error) {
	th := &thesaurus{byTerm: map[string][]int32{}, phrases: map[string][]phrase{}}
	sc := bufio.NewScanner(strings.NewReader(src))
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		var group []string
		for _, entry := range strings.Split(text, ",") {
			entry = strings.TrimSpace(entry)
			if entry == "" {
				continue
			}
			keys := entryKeys(entry)
			if len(keys) == 0 {
				return nil, fmt.Errorf("thesaurus line %d: %q has no word", line, entry)
			}
			term := strings.Join(keys, " ")
			if contains(group, term) {
				continue
			}
			group = append(group, term)
			if len(keys) > 1 && !th.hasPhrase(keys[0], term) {
				th.phrases[keys[0]] = append(th.phrases[keys[0]], phrase{keys: keys, term: term})
			}
		}
		if len(group) < 2 {
			return nil, fmt.Errorf("thesaurus line %d: a group needs two different terms", line)
		}
		id := int32(len(th.groups))
		th.groups = append(th.groups, group)
		for _, t := range group {
			th.byTerm[t] = append(th.byTerm[t], id)
		}
	}
	// longest phrases first, so that the longest match wins
	for k, ps := range th.phrases {
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && len(ps[j].keys) > len(ps[j-1].keys); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
		th.phrases[k] = ps
	}
	return th, sc.Err()
}

func (th *thesaurus) hasPhrase(first, term string) bool {
	for _, p := range th.phrases[first] {
		if p.term == term {
			return true
		}
	}
	return false
}

// entryKeys normalises a thesaurus term: one key for a single or hyphenated
// word, one key per word for a phrase.
func entryKeys(entry string) []string {
	ts := tokenize(entry, 0)
	if len(ts.units) == 1 {
		u := &ts.units[0]
		return []string{unitKey(entry, ts.partsOf(u))}
	}
	var keys []string
	for i := range ts.units {
		for _, p := range ts.partsOf(&ts.units[i]) {
			keys = append(keys, stemFolded(Fold(p.textIn(entry))))
		}
	}
	return keys
}

// unitKey is the term of a unit as a whole: the stem of its word, or of its
// hyphenated parts written together.
func unitKey(s string, parts []wordPart) string {
	if len(parts) == 1 {
		return stemFolded(Fold(parts[0].textIn(s)))
	}
	return stemFolded(Fold(joinParts(s, parts)))
}

// joinParts writes the words of a hyphenated unit together (E-Learning →
// ELearning), so that they fold and stem like the one-word spelling.
func joinParts(s string, parts []wordPart) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.textIn(s))
		if b.Len() >= maxWordBytes {
			return truncateUTF8(b.String(), maxWordBytes)
		}
	}
	return b.String()
}

// has reports whether term is in the thesaurus.
func (th *thesaurus) has(term string) bool {
	if th == nil {
		return false
	}
	_, ok := th.byTerm[term]
	return ok
}

// appendExpansions appends to dst the terms of the groups of term, other than
// term itself and those already in dst.
func (th *thesaurus) appendExpansions(dst []string, term string) []string {
	if th == nil {
		return dst
	}
	for _, g := range th.byTerm[term] {
		for _, t := range th.groups[g] {
			if t != term && !contains(dst, t) {
				dst = append(dst, t)
			}
		}
	}
	return dst
}

// matchPhrase returns the longest thesaurus phrase that starts at keys[0], or
// nil.
func (th *thesaurus) matchPhrase(keys []string) *phrase {
	if th == nil || len(keys) < 2 {
		return nil
	}
	cands := th.phrases[keys[0]]
	for i := range cands {
		p := &cands[i]
		if len(p.keys) > len(keys) {
			continue
		}
		ok := true
		for j := 1; j < len(p.keys); j++ {
			if p.keys[j] != keys[j] {
				ok = false
				break
			}
		}
		if ok {
			return p
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
