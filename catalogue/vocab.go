package catalogue

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
)

// Term is one entry of a controlled vocabulary, with labels in German and English.
type Term struct {
	Code    string `json:"code"`
	DE      string `json:"de"`
	EN      string `json:"en"`
	KURSNET string `json:"kursnet,omitempty"` // the code in the Bundesagentur's lists, where one exists
}

// Label returns the term's label in lang ("de" or "en"); German is the default.
func (t Term) Label(lang string) string {
	if lang == "en" && t.EN != "" {
		return t.EN
	}
	return t.DE
}

// Vocabulary is a named, ordered list of terms.
type Vocabulary struct {
	Name  string `json:"name"`
	Terms []Term `json:"terms"`
	index map[string]int
}

// Has reports whether code is a term of the vocabulary.
func (v *Vocabulary) Has(code string) bool {
	_, ok := v.index[code]
	return ok
}

// Term returns the term for code.
func (v *Vocabulary) Term(code string) (Term, bool) {
	i, ok := v.index[code]
	if !ok {
		return Term{}, false
	}
	return v.Terms[i], true
}

// Label returns the label of code in lang, or code itself when it is unknown.
func (v *Vocabulary) Label(code, lang string) string {
	if t, ok := v.Term(code); ok {
		return t.Label(lang)
	}
	return code
}

//go:embed vocab.json
var vocabJSON []byte

var vocabularies = mustLoadVocabularies(vocabJSON)

func mustLoadVocabularies(data []byte) map[string]*Vocabulary {
	var raw map[string][]Term
	if err := json.Unmarshal(data, &raw); err != nil {
		panic(fmt.Sprintf("catalogue: vocab.json is invalid: %v", err))
	}
	out := make(map[string]*Vocabulary, len(raw))
	for name, terms := range raw {
		v := &Vocabulary{Name: name, Terms: terms, index: make(map[string]int, len(terms))}
		for i, t := range terms {
			if _, dup := v.index[t.Code]; dup || t.Code == "" || t.DE == "" || t.EN == "" {
				panic(fmt.Sprintf("catalogue: vocab.json: %s term %d (%q) is duplicated or lacks a label", name, i, t.Code))
			}
			v.index[t.Code] = i
		}
		out[name] = v
	}
	return out
}

// Vocab returns the controlled vocabulary called name, or nil.
// The names are listed by VocabularyNames.
func Vocab(name string) *Vocabulary { return vocabularies[name] }

// VocabularyNames lists the names of all controlled vocabularies, sorted.
func VocabularyNames() []string {
	names := make([]string, 0, len(vocabularies))
	for n := range vocabularies {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
