// Command gen derives the analyzer's compound-splitting word list,
// ../../data/esco_words.txt.gz, from the German texts of ESCO.
//
// ESCO © European Union, CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).
//
// It reads every *.csv of the ESCO v1.2 German export (default
// ../../../../../shared/data/esco, i.e. /work/shared/data/esco beside the
// repository), splits the label columns (preferred, alternative and hidden
// labels, hierarchy terms) and the descriptions into words and writes one
// line per word: the word in lower case, how often it occurs, and how often
// it is written with a capital letter inside a sentence (a German noun). It
// keeps words of at least four letters, Latin letters only, not written in
// capitals only (abbreviations), that occur in a label or at least twice in
// the descriptions. The lines are sorted and gzip-compressed, so the output
// is the same on every run.
//
// The analyzer folds and stems the words on load: the nouns become the
// parts that compounds are split into, and every word's frequency decides
// whether splitting is worth it (a word more common than its parts stays
// whole). Verbs and adjectives are never parts: their stems ("erschein",
// "schw") split nouns into nonsense; the few that compounds need are in
// ../../data/curated.txt.
//
// Run from this directory: go run . [-esco DIR] [-out FILE]
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

func main() {
	dir := flag.String("esco", "../../../../../shared/data/esco", "directory with the ESCO *.csv files (German)")
	out := flag.String("out", "../../data/esco_words.txt.gz", "output file")
	minDesc := flag.Int("min-desc", 2, "occurrences a word needs in descriptions when it is in no label")
	flag.Parse()
	if err := run(*dir, *out, *minDesc); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

type counts struct {
	label, desc int
	noun        int // capitalised inside a sentence
}

func run(dir, out string, minDesc int) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no *.csv in %s", dir)
	}
	words := map[string]*counts{}
	for _, f := range files {
		if err := readFile(f, words); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
	}
	var keep []string
	for w, c := range words {
		if c.label > 0 || c.desc >= minDesc {
			keep = append(keep, w)
		}
	}
	sort.Strings(keep)
	fh, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(fh, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	for _, w := range keep {
		c := words[w]
		fmt.Fprintf(bw, "%s %d %d\n", w, c.label+c.desc, c.noun)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := fh.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %d distinct words, %d kept -> %s\n", len(words), len(keep), out)
	return nil
}

// readFile adds the words of one ESCO CSV file to words.
func readFile(name string, words map[string]*counts) error {
	fh, err := os.Open(name)
	if err != nil {
		return err
	}
	defer fh.Close()
	r := csv.NewReader(fh)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		return err
	}
	kind := make([]int, len(header)) // 0 skip, 1 label, 2 description
	for i, h := range header {
		h = strings.ToLower(h)
		switch {
		case strings.Contains(h, "uri") || strings.Contains(h, "code") || strings.Contains(h, "status") ||
			strings.Contains(h, "scheme") || strings.Contains(h, "type") || strings.Contains(h, "reuse") ||
			strings.Contains(h, "date"):
			kind[i] = 0
		case strings.Contains(h, "label") || strings.Contains(h, "term") || strings.Contains(h, "broaderconceptpt"):
			kind[i] = 1
		case strings.Contains(h, "description") || strings.Contains(h, "definition") || strings.Contains(h, "note"):
			kind[i] = 2
		}
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		for i, v := range rec {
			if i >= len(kind) || kind[i] == 0 {
				continue
			}
			for _, w := range splitWords(v) {
				if !useful(w.text) {
					continue
				}
				lw := strings.ToLower(w.text)
				c := words[lw]
				if c == nil {
					c = &counts{}
					words[lw] = c
				}
				if w.inner && unicode.IsUpper([]rune(w.text)[0]) {
					c.noun++
				}
				if kind[i] == 1 {
					c.label++
				} else {
					c.desc++
				}
			}
		}
	}
}

// word is a word of a text; inner is true when it stands inside a sentence
// (not first, not after . ! ? : or a line break), where a capital letter marks
// a noun.
type word struct {
	text  string
	inner bool
}

func splitWords(s string) []word {
	var out []word
	start := -1
	sentenceStart := true
	for i, r := range s + " " {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, word{text: s[start:i], inner: !sentenceStart})
			start = -1
			sentenceStart = false
		}
		switch r {
		case '.', '!', '?', ':', '\n', '"', '(', '/':
			sentenceStart = true
		}
	}
	return out
}

// useful reports whether w can be a part of a German compound: four letters
// or more, Latin letters, and not written in capitals only (abbreviations such
// as "IKT" make nonsense parts).
func useful(w string) bool {
	if utf8.RuneCountInString(w) < 4 {
		return false
	}
	upper := 0
	for _, r := range w {
		if r > unicode.MaxLatin1 && !strings.ContainsRune("ŒœẞĀāĒēŠšŽž", r) {
			return false
		}
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper <= 1
}
