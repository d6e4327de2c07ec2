package analysis

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
)

// The embedded word lists. See README.md for their sources and licences.
var (
	// esco_words.txt.gz: words of the German labels and descriptions of ESCO
	// v1.2, one a line, made by internal/gen. ESCO © European Union,
	// CC BY 4.0.
	//go:embed data/esco_words.txt.gz
	escoWordsGz []byte

	// curated.txt: hand-made education vocabulary and splitting rules.
	//go:embed data/curated.txt
	curatedWords string

	// thesaurus.txt: synonym groups.
	//go:embed data/thesaurus.txt
	thesaurusText string
)

// data is what every Analyzer shares.
type data struct {
	stop map[string]bool
	dec  *decompounder
	th   *thesaurus
}

var sharedData = sync.OnceValue(func() *data {
	d, err := loadData(escoWordsGz, curatedWords, thesaurusText)
	if err != nil {
		panic("analysis: embedded data: " + err.Error())
	}
	return d
})

// loadData builds the stop word set, the compound dictionary and the
// thesaurus.
func loadData(wordsGz []byte, curated, thesaurusSrc string) (*data, error) {
	d := &data{stop: make(map[string]bool, len(stopWords))}
	for _, w := range stopWords {
		d.stop[Fold(w)] = true
	}
	dec, err := loadDecompounder(wordsGz, curated, d.stop)
	if err != nil {
		return nil, err
	}
	d.dec = dec
	th, err := parseThesaurus(thesaurusSrc)
	if err != nil {
		return nil, err
	}
	d.th = th
	return d, nil
}

// loadDecompounder reads the ESCO word list (lines "word total nouns": the
// word, how often it occurs, how often written as a noun) and the curated
// list (see data/curated.txt for its format) into a decompounder.
func loadDecompounder(wordsGz []byte, curated string, stop map[string]bool) (*decompounder, error) {
	zr, err := gzip.NewReader(bytes.NewReader(wordsGz))
	if err != nil {
		return nil, fmt.Errorf("word list: %w", err)
	}
	nouns := make(map[string]int, 20000) // stem → occurrences as a noun
	total := make(map[string]int, 40000) // stem → occurrences
	stemOf := func(w string) string {
		f := Fold(w)
		if stop[f] {
			return ""
		}
		if s := stemFolded(f); len(s) >= 3 && isLowerASCII(s) {
			return s
		}
		return ""
	}
	sc := bufio.NewScanner(zr)
	for line := 1; sc.Scan(); line++ {
		f := strings.Fields(sc.Text())
		if len(f) != 3 {
			return nil, fmt.Errorf("word list line %d: want 3 fields", line)
		}
		t, err1 := strconv.Atoi(f[1])
		n, err2 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("word list line %d: bad count", line)
		}
		s := stemOf(f[0])
		if s == "" {
			continue
		}
		total[s] += t
		if n > 0 {
			nouns[s] += n
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("word list: %w", err)
	}
	short := map[string]bool{}
	blocked := map[string]bool{}
	noSplit := map[string]bool{}
	for _, line := range strings.Split(curated, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		for _, e := range strings.Fields(line) {
			switch e[0] {
			case '~':
				s := stemFolded(Fold(e[1:]))
				short[s] = true
				nouns[s] = max(nouns[s], curatedCount)
			case '!':
				blocked[stemFolded(Fold(e[1:]))] = true
			case '=':
				f := Fold(e[1:])
				noSplit[stripFeminine(f)] = true
				noSplit[stemFolded(f)] = true
			default:
				if s := stemOf(e); s != "" {
					nouns[s] = max(nouns[s], curatedCount)
				}
			}
		}
	}
	weights := make(map[string]float32, len(nouns))
	for s, n := range nouns {
		if !blocked[s] {
			weights[s] = weight(n)
		}
	}
	freq := make(map[string]float32, len(total))
	for s, t := range total {
		if t >= 2 {
			freq[s] = weight(t)
		}
	}
	return &decompounder{t: buildTrie(weights, short), freq: freq, noSplit: noSplit}, nil
}

// curatedCount is the frequency given to the words of the curated list: that
// of a common ESCO noun.
const curatedCount = 50

// weight turns a frequency into the weight of a part: log2(n+1), at least a
// little above zero (zero marks "no stem" in the trie).
func weight(n int) float32 {
	w := float32(math.Log2(float64(n) + 1))
	if w < 0.01 {
		w = 0.01
	}
	return w
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
