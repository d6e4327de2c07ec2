//go:build blevecheck

package analysis

// Cross-check of the stemmer and the folding against bleve's German
// analysis (github.com/blevesearch/bleve/v2/analysis/lang/de), whose
// algorithms this package re-implements without allocations. It is behind a
// build tag because bleve's registry pulls in most of bleve; run it with
//
//	go test -tags blevecheck -run Bleve ./search/analysis

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
)

func esco(t *testing.T) []string {
	zr, err := gzip.NewReader(bytes.NewReader(escoWordsGz))
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		words = append(words, strings.Fields(sc.Text())[0])
	}
	return words
}

func bleveFilter(f analysis.TokenFilter, w string) string {
	ts := f.Filter(analysis.TokenStream{&analysis.Token{Term: []byte(w)}})
	return string(ts[0].Term)
}

// The light stemmer gives exactly bleve's result on every folded ESCO word.
func TestBleveLightStemmer(t *testing.T) {
	stemmer := de.NewGermanLightStemmerFilter()
	words := esco(t)
	words = append(words, "kurs", "kurse", "kursen", "kurses", "lehrgange", "prufungen", "erzieherinnen")
	for _, w := range words {
		f := Fold(w)
		if got, want := lightStem(f), bleveFilter(stemmer, f); got != want {
			t.Errorf("lightStem(%q) = %q, bleve %q", f, got, want)
		}
	}
	t.Logf("%d words compared", len(words))
}

// Fold agrees with bleve's lower-casing + German normalisation except where
// it is documented to differ (an umlaut letter before an e, a second e).
func TestBleveNormalize(t *testing.T) {
	norm := de.NewGermanNormalizeFilter()
	diff := 0
	words := esco(t)
	for _, w := range words {
		want := bleveFilter(norm, strings.ToLower(w))
		if got := Fold(w); got != want {
			diff++
			if diff <= 10 {
				t.Logf("Fold(%q) = %q, bleve %q", w, got, want)
			}
		}
	}
	t.Logf("%d of %d words fold differently", diff, len(words))
	if diff > len(words)/200 {
		t.Errorf("too many differences: %d", diff)
	}
}
