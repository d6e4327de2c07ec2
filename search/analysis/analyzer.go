package analysis

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// TokenKind tells why the analyzer emitted a token.
type TokenKind uint8

const (
	// Word is the stem of a word of the text.
	Word TokenKind = iota
	// Part is the stem of a part of a compound word (pfleg in
	// Altenpflegehelfer), at the position of the whole word.
	Part
	// Joined is the stem of a hyphenated word written together (elearning
	// for E-Learning, and for "E Learning"), at the position of its first
	// word.
	Joined
	// Phrase is a multi-word thesaurus term found in the text ("deutsch als
	// zweitsprach": stems separated by single spaces), at the position of
	// its first word. Queries name such terms among their alternatives.
	Phrase
	// Synonym is a thesaurus expansion of a word, only emitted when
	// Options.IndexSynonyms is set.
	Synonym
	// Stop is a stop word (der, und, für …). An index may skip these
	// tokens; if it keeps them, queries made only of stop words ("Die") find
	// something.
	Stop
)

var kindNames = [...]string{"Word", "Part", "Joined", "Phrase", "Synonym", "Stop"}

// String returns the name of the kind.
func (k TokenKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "TokenKind(?)"
}

// Token is one term that the analyzer emits for a document.
type Token struct {
	// Term is the index term: folded and stemmed (see Analyzer.Stem).
	Term string
	// Pos is the position of the word in the text, counting words from 0
	// (stop words count, dropped gender tags such as "(m/w/d)" do not). The
	// parts of a compound share the position of the whole word; the words of
	// a hyphenated word have positions of their own.
	Pos int
	// Start and End are the byte offsets of the word in the input text
	// (End exclusive). Compound parts, joined forms and completed truncated
	// words carry the span of the word they come from; a phrase spans all its
	// words.
	Start, End int
	// Kind tells why the token was emitted.
	Kind TokenKind
}

// QueryTerm is one term of an analysed query. A document matches the term
// when it has one of the Alternatives among its index terms.
type QueryTerm struct {
	// Text is the term as typed: the word, the hyphenated word or the
	// thesaurus phrase, a slice of the query text.
	Text string
	// Alternatives are the index terms that count as a match: the stem
	// first, then the thesaurus synonyms (single stems, joined stems and
	// phrases with spaces, all in index form).
	//
	// When Prefix is true, Alternatives[0] is instead the folded but
	// unstemmed text as typed, to be matched as a prefix of index terms
	// ("erzieh" finds erziehung); the remaining alternatives — the stem of
	// the text read as a complete word ("Kurse" typed without a space still
	// finds kurs) and its synonyms — match exactly.
	Alternatives []string
	// Prefix is true for the last term of a search-as-you-type query: the
	// query did not end with a space or punctuation, so the word may be
	// incomplete.
	Prefix bool
	// Fuzzy is the edit distance (see WithinDistance) that the index may
	// allow between Stem and an index term when the term has no exact
	// match: 0 for words of up to 4 letters, 1 for 5–8, 2 for longer.
	// Phrases get 0.
	Fuzzy int
	// Stem is the index form of Text read as a complete word (for a phrase,
	// the phrase term); it is Alternatives[0] unless Prefix is set. Typo
	// tolerance compares it with index terms: "Pflgee" has the stem "pflge",
	// one transposition from the index term "pfleg".
	Stem string
}

// MaxQueryTerms is the largest number of terms that Query returns; the rest
// of a longer query is ignored.
const MaxQueryTerms = 32

// Options changes the behaviour of an Analyzer made by NewWithOptions.
type Options struct {
	// IndexSynonyms makes Index also emit the thesaurus expansions of the
	// words and phrases of a document, as tokens of kind Synonym. It is off
	// by default: Query already puts the synonyms among a term's
	// Alternatives, which keeps the index small and lets the thesaurus change
	// without re-indexing. Turn it on for an index that cannot look up
	// several alternatives per query term.
	IndexSynonyms bool
}

// Analyzer is lernnetz's German analysis chain, the same for documents
// (Index) and queries (Query). An Analyzer is safe for concurrent use.
type Analyzer struct {
	stop map[string]bool
	dec  *decompounder
	th   *thesaurus
	opts Options
}

// New returns the default German analyzer. The embedded word lists are
// loaded on the first call and shared by every analyzer.
func New() *Analyzer {
	return NewWithOptions(Options{})
}

// NewWithOptions returns a German analyzer with the given options (see New).
func NewWithOptions(opts Options) *Analyzer {
	d := sharedData()
	return &Analyzer{stop: d.stop, dec: d.dec, th: d.th, opts: opts}
}

// scratch holds the buffers of one Index or Query call; they are reused
// through scratchPool. Nothing that Index or Query returns points into them.
type scratch struct {
	raw   []rawTok
	units []unit
	parts []wordPart
	pos   []position
	ends  []int
	buf   []byte
	split []string
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

// putScratch returns sc to the pool unless a huge text made it huge.
func putScratch(sc *scratch) {
	if cap(sc.buf) > 1<<16 || cap(sc.raw) > 1<<13 {
		return
	}
	scratchPool.Put(sc)
}

// position is one word of an analysed text.
type position struct {
	start, end int    // span in the input
	folded     string // the word folded
	key        string // its stem
	stop       bool
	unit       int // index of its unit
	first      bool
}

// analyzeWords folds and stems every word of ts.
func (a *Analyzer) analyzeWords(s string, ts *tokens, sc *scratch) []position {
	// Fold all words into one buffer and make one string of it: the folded
	// words and their stems are substrings of it.
	buf := sc.buf[:0]
	ends := sc.ends[:0]
	for i := range ts.parts {
		buf = appendFold(buf, ts.parts[i].textIn(s))
		ends = append(ends, len(buf))
	}
	sc.buf, sc.ends = buf, ends
	all := string(buf)
	dst := sc.pos[:0]
	defer func() { sc.pos = dst }()
	start := 0
	for ui := range ts.units {
		u := &ts.units[ui]
		for pi, p := range ts.partsOf(u) {
			end := ends[u.pLo+pi]
			folded := all[start:end]
			start = end
			dst = append(dst, position{
				start:  p.start,
				end:    p.spanEnd,
				folded: folded,
				key:    stemFolded(folded),
				stop:   a.stop[folded],
				unit:   ui,
				first:  pi == 0,
			})
		}
	}
	return dst
}

// Index analyses the text of a document and returns its index terms: for
// every word its stem (kind Word, or Stop for a stop word), the stems of the
// parts of a compound (Part), hyphenated words and a single letter before a
// word written together (Joined), truncated words completed ("Kranken- und
// Altenpflege" → krankenpfleg; Word), the multi-word thesaurus terms of the
// text (Phrase), and with Options.IndexSynonyms the thesaurus synonyms
// (Synonym). The tokens are ordered by position. Index takes time linear in
// the length of the text and has no limit on the number of tokens.
func (a *Analyzer) Index(text string) []Token {
	sc := getScratch()
	defer putScratch(sc)
	ts := sc.tokenize(text, 0)
	pos := a.analyzeWords(text, &ts, sc)
	toks := make([]Token, 0, len(pos)*2)
	parts := sc.split[:0]
	defer func() { sc.split = parts[:0] }()
	phrases := false
	for i := 0; i < len(pos); i++ {
		p := &pos[i]
		u := &ts.units[p.unit]
		if p.stop {
			toks = append(toks, Token{Term: p.key, Pos: i, Start: p.start, End: p.end, Kind: Stop})
		} else if p.key != "" {
			toks = append(toks, Token{Term: p.key, Pos: i, Start: p.start, End: p.end, Kind: Word})
			toks, parts = a.appendParts(toks, parts, stripFeminine(p.folded), p.key, i, p.start, p.end)
		}
		if !phrases && a.th.phrases[p.key] != nil {
			phrases = true
		}
		// hyphenated: the words written together, at the first word
		if p.first && u.pHi-u.pLo > 1 {
			if j := unitKey(text, ts.partsOf(u)); j != "" {
				toks = append(toks, Token{Term: j, Pos: i, Start: u.start, End: u.end, Kind: Joined})
			}
		}
		last := i+1 == len(pos) || pos[i+1].unit != p.unit
		if !last {
			continue
		}
		// Kaufmann/-frau: also Kauffrau
		if u.alt && p.unit > 0 {
			if w := swapMannFrau(pos[i-1].folded, p.folded); w != "" {
				toks = append(toks, Token{Term: stemFolded(w), Pos: i, Start: p.start, End: p.end, Kind: Word})
			}
		}
		// a single letter before a word: E Learning → elearning
		if u.pHi-u.pLo == 1 && isSingleLetter(p.folded) && i+1 < len(pos) && pos[i+1].first &&
			onlySpace(text[u.end:pos[i+1].start]) {
			n := &pos[i+1]
			j := stemFolded(Fold(text[p.start:p.end] + ts.parts[ts.units[n.unit].pLo].textIn(text)))
			toks = append(toks, Token{Term: j, Pos: i, Start: p.start, End: n.end, Kind: Joined})
		}
		// truncated words: Kranken- und Altenpflege, (Wieder-)Eingliederung
		if u.trunc != truncNone {
			if w := a.complete(text, &ts, pos, p.unit); w != "" {
				key := stemFolded(w)
				toks = append(toks, Token{Term: key, Pos: i, Start: p.start, End: p.end, Kind: Word})
				toks, parts = a.appendParts(toks, parts, stripFeminine(w), key, i, p.start, p.end)
			}
		}
	}
	if phrases {
		toks = a.appendPhrases(toks, pos)
	}
	if a.opts.IndexSynonyms && a.th != nil {
		n := len(toks)
		for i := 0; i < n; i++ {
			t := toks[i]
			if t.Kind != Word && t.Kind != Joined && t.Kind != Phrase {
				continue
			}
			for _, syn := range a.th.appendExpansions(nil, t.Term) {
				toks = append(toks, Token{Term: syn, Pos: t.Pos, Start: t.Start, End: t.End, Kind: Synonym})
			}
		}
		if len(toks) > n {
			sort.SliceStable(toks, func(i, j int) bool { return toks[i].Pos < toks[j].Pos })
		}
	}
	return toks
}

// appendParts appends the compound parts of the folded word w (whose stem is
// key) as Part tokens, each stem once.
func (a *Analyzer) appendParts(toks []Token, scratch []string, w, key string, pos, start, end int) ([]Token, []string) {
	scratch = a.dec.split(scratch[:0], w)
	for k, s := range scratch {
		if s == key || contains(scratch[:k], s) {
			continue
		}
		toks = append(toks, Token{Term: s, Pos: pos, Start: start, End: end, Kind: Part})
	}
	return toks, scratch
}

// appendPhrases appends a Phrase token for every multi-word thesaurus term in
// pos, keeping the tokens ordered by position.
func (a *Analyzer) appendPhrases(toks []Token, pos []position) []Token {
	keys := make([]string, 0, 8)
	var found []Token
	for i := range pos {
		if a.th.phrases[pos[i].key] == nil {
			continue
		}
		keys = keys[:0]
		for j := i; j < len(pos) && j-i < 8; j++ {
			keys = append(keys, pos[j].key)
		}
		if ph := a.th.matchPhrase(keys); ph != nil {
			found = append(found, Token{
				Term: ph.term, Pos: i, Start: pos[i].start, End: pos[i+len(ph.keys)-1].end, Kind: Phrase,
			})
		}
	}
	if len(found) == 0 {
		return toks
	}
	out := make([]Token, 0, len(toks)+len(found))
	k := 0
	for _, t := range toks {
		for k < len(found) && found[k].Pos < t.Pos {
			out = append(out, found[k])
			k++
		}
		out = append(out, t)
	}
	return append(out, found[k:]...)
}

// complete returns the folded completion of the truncated unit ui ("kranken"
// + "pflege"), or "".
func (a *Analyzer) complete(s string, ts *tokens, pos []position, ui int) string {
	u := &ts.units[ui]
	lastPart := ts.parts[u.pHi-1].textIn(s)
	switch u.trunc {
	case truncWhole:
		if ui+1 >= len(ts.units) {
			return ""
		}
		n := &ts.units[ui+1]
		return Fold(lastPart + ts.parts[n.pLo].textIn(s))
	case truncHead:
		for k := ui + 1; k < len(ts.units) && k <= ui+6; k++ {
			n := &ts.units[k]
			if n.trunc == truncHead {
				continue
			}
			if n.pHi-n.pLo == 1 && isConjunction(Fold(ts.parts[n.pLo].textIn(s))) {
				continue
			}
			target := stripFeminine(Fold(ts.parts[n.pHi-1].textIn(s)))
			if h := a.dec.head(target); h != "" {
				return Fold(lastPart) + h
			}
			return ""
		}
	}
	return ""
}

// swapMannFrau completes the alternative ending of a job title: "kaufmann"
// followed by "/-frau" gives "kauffrau", "kauffrau" by "/-mann" "kaufmann";
// anything else gives "".
func swapMannFrau(prev, ending string) string {
	switch {
	case ending == "frau" && strings.HasSuffix(prev, "mann") && len(prev) > 4:
		return prev[:len(prev)-4] + "frau"
	case ending == "mann" && strings.HasSuffix(prev, "frau") && len(prev) > 4:
		return prev[:len(prev)-4] + "mann"
	}
	return ""
}

func isConjunction(w string) bool {
	switch w {
	case "und", "oder", "bzw", "sowie", "u", "als", "auch", "wie":
		return true
	}
	return false
}

func isSingleLetter(w string) bool {
	return len(w) == 1 && w[0] >= 'a' && w[0] <= 'z'
}

func onlySpace(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// Query analyses a search query and returns its terms, at most
// MaxQueryTerms. Every word becomes a term whose Alternatives are its stem
// and its thesaurus synonyms; a multi-word thesaurus term in the query
// ("Deutsch als Zweitsprache") becomes one term; a hyphenated word becomes
// one term per word, unless it is a thesaurus term or has a one-letter part
// (E-Learning), in which case it is one term written together. Stop words are
// dropped unless the query has nothing else ("Die" stays). The last term is a
// Prefix term when the query does not end with a space or punctuation.
func (a *Analyzer) Query(text string) []QueryTerm {
	sc := getScratch()
	defer putScratch(sc)
	ts := sc.tokenize(text, 4*MaxQueryTerms)
	pos := a.analyzeWords(text, &ts, sc)
	if len(pos) == 0 {
		return nil
	}
	prefix := false
	if lu := ts.units[len(ts.units)-1]; lu.end == len(text) {
		r, _ := utf8.DecodeLastRuneInString(text)
		prefix = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
	}
	allStop := true
	for i := range pos {
		if !pos[i].stop {
			allStop = false
			break
		}
	}
	terms := make([]QueryTerm, 0, min(len(pos), MaxQueryTerms))
	add := func(t QueryTerm) {
		for _, o := range terms {
			if o.Prefix == t.Prefix && o.Alternatives[0] == t.Alternatives[0] {
				return
			}
		}
		terms = append(terms, t)
	}
	keys := make([]string, 0, 8)
	for i := 0; i < len(pos) && len(terms) < MaxQueryTerms; {
		p := &pos[i]
		u := &ts.units[p.unit]
		if u.alt && !allStop {
			i++ // "Kauffrau/-mann": the alternative ending is no extra condition
			continue
		}
		// a multi-word thesaurus term
		if a.th.phrases[p.key] != nil {
			keys = keys[:0]
			for j := i; j < len(pos) && j-i < 8; j++ {
				keys = append(keys, pos[j].key)
			}
			if ph := a.th.matchPhrase(keys); ph != nil {
				endPos := &pos[i+len(ph.keys)-1]
				add(QueryTerm{
					Text:         text[p.start:endPos.end],
					Alternatives: a.th.appendExpansions([]string{ph.term}, ph.term),
					Stem:         ph.term,
				})
				i += len(ph.keys)
				continue
			}
		}
		isLast := func(j int) bool { return j == len(pos)-1 }
		// a hyphenated word written together: E-Learning, or a thesaurus term
		if p.first && u.pHi-u.pLo > 1 {
			n := u.pHi - u.pLo
			joined := unitKey(text, ts.partsOf(u))
			single := false
			for j := i; j < i+n; j++ {
				single = single || isSingleLetter(pos[j].folded)
			}
			if single || a.th.has(joined) {
				add(a.queryTerm(text[u.start:u.end], Fold(joinParts(text, ts.partsOf(u))), joined,
					prefix && isLast(i+n-1)))
				i += n
				continue
			}
		}
		// a single letter before a word: E Learning
		if u.pHi-u.pLo == 1 && isSingleLetter(p.folded) && i+1 < len(pos) && pos[i+1].first &&
			onlySpace(text[u.end:pos[i+1].start]) {
			n := &pos[i+1]
			nu := &ts.units[n.unit]
			if nu.pHi-nu.pLo == 1 {
				folded := Fold(text[p.start:p.end] + ts.parts[nu.pLo].textIn(text))
				add(a.queryTerm(text[p.start:n.end], folded, stemFolded(folded), prefix && isLast(i+1)))
				i += 2
				continue
			}
		}
		if p.stop && !allStop {
			i++
			continue
		}
		if p.key != "" {
			add(a.queryTerm(text[p.start:p.end], p.folded, p.key, prefix && isLast(i)))
		}
		i++
	}
	if len(terms) > MaxQueryTerms {
		terms = terms[:MaxQueryTerms]
	}
	return terms
}

// queryTerm makes the term for one word (or words written together) with the
// folded text folded and the stem key.
func (a *Analyzer) queryTerm(text, folded, key string, prefix bool) QueryTerm {
	t := QueryTerm{Text: text, Prefix: prefix, Fuzzy: fuzzyBudget(folded), Stem: key}
	alts := make([]string, 0, 4)
	if prefix {
		alts = append(alts, folded)
		if key != folded {
			alts = append(alts, key)
		}
	} else {
		alts = append(alts, key)
	}
	t.Alternatives = a.th.appendExpansions(alts, key)
	return t
}

// fuzzyBudget is the edit distance allowed for a word of the length of w:
// 0 up to 4 letters, 1 for 5–8, 2 for longer.
func fuzzyBudget(w string) int {
	switch n := runeLen(w); {
	case n <= 4:
		return 0
	case n <= 8:
		return 1
	default:
		return 2
	}
}
