package analysis

import (
	"strings"
	"unicode/utf8"
)

// lightStem is the German light stemmer of Jacques Savoy ("Light stemming
// approaches for the French, Portuguese, German and Hungarian languages",
// ACM SAC 2006), as Lucene's GermanLightStemmer and bleve's
// stemmer_de_light implement it, written anew for folded words (ASCII in the
// common case) so that it needs no allocation: it returns a prefix of w.
//
// Step 1 removes one inflection: -ern (words of more than 5 letters), else
// -em, -en, -er, -es (more than 4), else -e (more than 3), else -s after
// b, d, f, g, h, k, l, m, n or t (more than 3). Step 2 then removes -est
// (more than 5), else -er or -en (more than 4), else -st after one of those
// consonants (more than 4). Kurs, Kurse, Kursen, Kurses → kurs; Prüfung,
// Prüfungen → prufung; Lehrgänge → lehrgang.
//
// w must be folded (see Fold): the umlaut mapping that the original does
// first is part of the folding. Lengths count runes; the suffixes are ASCII,
// so they can be tested on bytes.
func lightStem(w string) string {
	n := runeLen(w)
	w, n = stemStep1(w, n)
	return stemStep2(w, n)
}

func runeLen(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return utf8.RuneCountInString(s)
		}
	}
	return len(s)
}

// stEnding reports whether c is one of the consonants after which a final -s
// or -st is an inflection (b, d, f, g, h, k, l, m, n, t).
func stEnding(c byte) bool {
	switch c {
	case 'b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 't':
		return true
	}
	return false
}

func stemStep1(w string, n int) (string, int) {
	l := len(w)
	if n > 5 && strings.HasSuffix(w, "ern") {
		return w[:l-3], n - 3
	}
	if n > 4 && w[l-2] == 'e' {
		switch w[l-1] {
		case 'm', 'n', 'r', 's':
			return w[:l-2], n - 2
		}
	}
	if n > 3 && w[l-1] == 'e' {
		return w[:l-1], n - 1
	}
	if n > 3 && w[l-1] == 's' && stEnding(w[l-2]) {
		return w[:l-1], n - 1
	}
	return w, n
}

func stemStep2(w string, n int) string {
	l := len(w)
	if n > 5 && strings.HasSuffix(w, "est") {
		return w[:l-3]
	}
	if n > 4 && w[l-2] == 'e' && (w[l-1] == 'r' || w[l-1] == 'n') {
		return w[:l-2]
	}
	if n > 4 && w[l-2] == 's' && w[l-1] == 't' && stEnding(w[l-3]) {
		return w[:l-2]
	}
	return w
}

// personSuffixes are the endings of masculine person nouns whose feminine
// form adds -in (Lehrer → Lehrerin, Student → Studentin). They are tested on
// folded words, so "arzt" covers Ärztin (folded "arztin") and "koch" covers
// Köchin.
var personSuffixes = []string{
	"er", "or", "ent", "ant", "eur", "ist", "log", "nom", "graf", "graph",
	"ekt", "ert", "eut", "pad", "wirt", "arzt", "walt", "koch", "chef",
	"beamt", "kolleg", "kund", "soldat", "kandidat", "diplomat", "pilot",
	"akrobat", "advokat", "demokrat", "burokrat", "gesell", "coach",
	"freund", "nachbar", "prophet", "athlet", "poet", "gatt",
}

// notFeminine are words ending in -in whose remainder looks like a person
// noun but that are no feminine forms; the -in rule leaves them alone.
var notFeminine = map[string]bool{
	"glycerin": true, "nitroglycerin": true, "terpentin": true,
	"serpentin": true, "dentin": true, "valentin": true, "konstantin": true,
	"quentin": true, "chlorin": true, "pektin": true, "lektin": true,
}

// stripFeminine removes the feminine ending -in or -innen from a folded word
// when what remains looks like a masculine person noun: at least four letters
// that end in one of personSuffixes (Erzieherin, Erzieherinnen → erzieher;
// Ärztin → arzt; Studentin → student). Words such as Termin, Medizin,
// Disziplin, Berlin, Benzin or Magazin keep their ending, because their
// remainder (term, mediz, diszipl, berl, benz, magaz) does not end like a
// person noun.
func stripFeminine(w string) string {
	var base string
	switch {
	case strings.HasSuffix(w, "innen"):
		base = w[:len(w)-5]
	case strings.HasSuffix(w, "in"):
		if notFeminine[w] {
			return w
		}
		base = w[:len(w)-2]
	default:
		return w
	}
	if isPersonBase(base) {
		return base
	}
	return w
}

// isPersonBase reports whether base, a folded word, ends like a masculine
// person noun that takes the feminine -in (see personSuffixes) and has at
// least four letters.
func isPersonBase(base string) bool {
	if len(base) < 4 {
		return false
	}
	for _, suf := range personSuffixes {
		if strings.HasSuffix(base, suf) {
			return true
		}
	}
	return false
}

// Stem returns the term under which the analyzer indexes the single word
// word: the word folded (see Fold), with a feminine -in/-innen of a person
// noun removed, and stemmed by the German light stemmer. Kurs, Kurse, Kursen
// and Kurses all give "kurs"; Erzieher, Erzieherin and Erzieherinnen give
// "erzieh"; Prüfung and Pruefungen give "prufung". Stem does not split
// compounds and does not look words up in the thesaurus; see Analyzer.Index
// for the whole chain. The receiver may be nil: Stem needs no word lists.
func (a *Analyzer) Stem(word string) string {
	return stemFolded(Fold(word))
}

// stemFolded is Stem for a word that is already folded.
func stemFolded(w string) string {
	if w == "" {
		return w
	}
	return lightStem(stripFeminine(w))
}
