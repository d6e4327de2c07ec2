package analysis

import (
	"testing"
	"unicode/utf8"
)

// FuzzAnalyze feeds arbitrary text to Index, Query, Fold and Stem and checks
// that nothing panics, that the output is well-formed and bounded, that Fold
// is idempotent and that a text always finds itself. The seed corpus is in
// testdata/fuzz/FuzzAnalyze; run it with
//
//	go test -run '^$' -fuzz FuzzAnalyze -fuzztime 30s ./search/analysis
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"Erzieher*innen (m/w/d) – Kranken- und Altenpflege",
		"E-Learning, E Learning, C++ und Deutsch als Zweitsprache",
		"Mueller Straße Café aktuelle Feuerwehr",
		"Pr\xfcfung \xff 🎓 <b>x</b>",
	} {
		f.Add(s)
	}
	a := New()
	f.Fuzz(func(t *testing.T, s string) {
		toks := a.Index(s)
		checkTokens(t, s, toks)
		q := a.Query(s)
		checkQuery(t, s, q)

		idx := make(map[string]bool, len(toks))
		for _, tk := range toks {
			idx[tk.Term] = true
		}
		for _, qt := range q {
			if !termMatches(qt, idx) {
				t.Fatalf("%q: query term %+v is not among the text's own index terms", s, qt)
			}
		}

		folded := Fold(s)
		if !utf8.ValidString(folded) {
			t.Fatalf("Fold(%q) is not valid UTF-8", s)
		}
		if again := Fold(folded); again != folded {
			t.Fatalf("Fold not idempotent: %q → %q → %q", s, folded, again)
		}
		if st := a.Stem(s); !utf8.ValidString(st) || len(st) > len(folded) {
			t.Fatalf("Stem(%q) = %q", s, st)
		}
	})
}
