package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenising: the text becomes a sequence of units. A unit is one word, or
// several words joined by hyphens (IT-Projektmanagement, E-Learning). Before
// anything is folded, the tokenizer removes the gender forms of German job
// titles, so that all of them meet the masculine base:
//
//   - a gender star, colon, underscore, middle dot or slash before "in" or
//     "innen" (Erzieher*innen, Erzieher:innen, Erzieher_innen,
//     Erzieher/-innen, Erzieher/innen, Erzieher/-in), and "(in)", "(innen)"
//     in parentheses: the suffix is absorbed into the word's span and dropped;
//   - a capital I inside a word (ErzieherInnen, ErzieherIn): the suffix is
//     dropped ("In" only after a person-noun ending, so LinkedIn stays);
//   - the gender tags of job advertisements, (m/w/d), (w/m/d), (m/f/d),
//     m/w/x, (d/m/w), (gn) …: the whole tag is dropped and takes no position.
//
// A word that ends in a hyphen followed by a conjunction or a comma is
// truncated (Ergänzungsstrich): "Kranken- und Altenpflege" means
// Krankenpflege and Altenpflege. The index completes it with the final part
// of the next full word ("Aus-, Fort- und Weiterbildung" → Ausbildung,
// Fortbildung). "(Wieder-)Eingliederung" is completed with the whole next
// word (Wiedereingliederung).

// maxWordBytes bounds the text of one word that the analyzer folds and
// stems; the rest of a longer "word" is ignored (its span stays whole).
const maxWordBytes = 128

// rawTok is a maximal run of letters, digits and combining marks (with
// apostrophes between letters) in the input.
type rawTok struct {
	start, end int
	apos       bool // contains an apostrophe to remove
}

// wordPart is one word of a unit.
type wordPart struct {
	start, end int    // the word in the input, without an absorbed suffix
	spanEnd    int    // the end of the word's span, absorbed gender suffix and C++ sign included
	text       string // the word's text when it is not input[start:end] (apostrophes removed, "Innen" cut, "c++"), else ""
}

type truncKind uint8

const (
	truncNone  truncKind = iota
	truncHead            // "Kranken- und Altenpflege": completed with the head of a later word
	truncWhole           // "(Wieder-)Eingliederung": completed with the whole next word
)

// unit is a word, or words joined by hyphens, as the analyzer sees them.
type unit struct {
	start, end int // span in the input, absorbed gender suffixes included
	pLo, pHi   int // its parts: tokens.parts[pLo:pHi]
	trunc      truncKind
	alt        bool // an alternative ending after "/-": Kaufmann/-frau, Handwerksunternehmen/ -unternehmer
}

// tokens is the result of tokenize.
type tokens struct {
	units []unit
	parts []wordPart
}

func (ts *tokens) partsOf(u *unit) []wordPart { return ts.parts[u.pLo:u.pHi] }

// text returns the text of p in s.
func (p *wordPart) textIn(s string) string {
	if p.text != "" {
		return p.text
	}
	t := s[p.start:p.end]
	if len(t) > maxWordBytes {
		t = truncateUTF8(t, maxWordBytes)
	}
	return t
}

func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// asciiWord marks the ASCII bytes that belong to words.
var asciiWord = func() (t [128]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	return t
}()

// wordRuneAt reports whether the rune at s[i:] belongs to a word, and its
// size. Invalid UTF-8 is a separator of size 1.
func wordRuneAt(s string, i int) (bool, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return asciiWord[c], 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && size <= 1 {
		return false, 1
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r), size
}

// isApostrophe reports whether s[i:] starts with an apostrophe that may sit
// inside a word (Kolping's, don't), and its size.
func isApostrophe(s string, i int) (bool, int) {
	switch {
	case s[i] == '\'':
		return true, 1
	case strings.HasPrefix(s[i:], "’"):
		return true, len("’")
	}
	return false, 0
}

// scan splits s into raw tokens, appending to dst; it stops after max tokens
// (max <= 0: no limit).
func scan(dst []rawTok, s string, max int) []rawTok {
	i := 0
	for i < len(s) {
		in, size := wordRuneAt(s, i)
		if !in {
			i += size
			continue
		}
		if max > 0 && len(dst) >= max {
			return dst
		}
		t := rawTok{start: i}
		i += size
		for i < len(s) {
			in, size = wordRuneAt(s, i)
			if in {
				i += size
				continue
			}
			if ok, as := isApostrophe(s, i); ok && i+as < len(s) {
				if in2, _ := wordRuneAt(s, i+as); in2 {
					t.apos = true
					i += as
					continue
				}
			}
			break
		}
		t.end = i
		dst = append(dst, t)
	}
	return dst
}

// tokenize turns s into units; it looks at no more than maxUnits units
// (maxUnits <= 0: no limit).
func tokenize(s string, maxUnits int) tokens {
	var sc scratch
	return sc.tokenize(s, maxUnits)
}

// tokenize is tokenize with the buffers of sc; the result uses them.
func (sc *scratch) tokenize(s string, maxUnits int) tokens {
	maxRaw := 0
	if maxUnits > 0 {
		maxRaw = 4*maxUnits + 16
	}
	raw := scan(sc.raw[:0], s, maxRaw)
	sc.raw = raw
	ts := tokens{units: sc.units[:0], parts: sc.parts[:0]}
	defer func() { sc.units, sc.parts = ts.units, ts.parts }()
	for k := 0; k < len(raw); {
		if maxUnits > 0 && len(ts.units) >= maxUnits {
			break
		}
		if n := genderTag(s, raw, k); n > 0 {
			k += n
			continue
		}
		u := unit{start: raw[k].start, pLo: len(ts.parts)}
		if k > 0 {
			gap := s[raw[k-1].end:raw[k].start]
			first, _ := utf8.DecodeRuneInString(s[raw[k].start:])
			u.alt = (gap == "/-" || gap == "/ -") && unicode.IsLower(first)
		}
		for {
			p, end := makePart(s, raw[k])
			// gender suffix: Erzieher*innen, Erzieher/-in, Erzieher(innen)
			if k+1 < len(raw) && end == raw[k].end {
				if e := genderSuffix(s, raw[k], raw[k+1]); e > 0 {
					end = e
					k++
				}
			}
			p.spanEnd = end
			ts.parts = append(ts.parts, p)
			u.end = end
			if k+1 < len(raw) && isHyphenGap(s[end:raw[k+1].start]) && genderTag(s, raw, k+1) == 0 {
				k++
				continue
			}
			break
		}
		k++
		u.pHi = len(ts.parts)
		next := len(s)
		if k < len(raw) {
			next = raw[k].start
		}
		u.trunc = truncation(s[u.end:next])
		ts.units = append(ts.units, u)
	}
	return ts
}

// makePart makes the word part of raw token t and returns the end of its span
// (after "++" or "#" of C++ and C#).
func makePart(s string, t rawTok) (wordPart, int) {
	p := wordPart{start: t.start, end: t.end}
	w := s[t.start:t.end]
	end := t.end
	if t.apos {
		w = strings.NewReplacer("'", "", "’", "").Replace(w)
		p.text = w
	}
	// C++, C#, F#, J#: keep the sign with a one- or two-letter name.
	if len(w) <= 2 && end < len(s) {
		for _, sign := range []string{"++", "#"} {
			if strings.HasPrefix(s[end:], sign) {
				after := end + len(sign)
				if after == len(s) {
					p.text, end = w+sign, after
					break
				}
				if in, _ := wordRuneAt(s, after); !in {
					p.text, end = w+sign, after
					break
				}
			}
		}
	}
	// Binnen-I: ErzieherInnen, ErzieherIn.
	if base, ok := binnenI(w); ok {
		p.text = base
		p.end = p.start + len(base) // exact unless apostrophes were removed
		if p.end > t.end {
			p.end = t.end
		}
	}
	return p, end
}

// binnenI returns w without a gender ending written with a capital I
// (ErzieherInnen → Erzieher; ErzieherIn → Erzieher when the remainder ends
// like a person noun).
func binnenI(w string) (string, bool) {
	var base string
	switch {
	case strings.HasSuffix(w, "Innen"):
		base = w[:len(w)-5]
	case strings.HasSuffix(w, "In"):
		base = w[:len(w)-2]
	default:
		return "", false
	}
	if len(base) < 3 {
		return "", false
	}
	last, _ := utf8.DecodeLastRuneInString(base)
	if !unicode.IsLower(last) {
		return "", false
	}
	if strings.HasSuffix(w, "In") && !isPersonBase(Fold(base)) {
		return "", false
	}
	return base, true
}

// genderSuffix returns the end of the span of the gender suffix token b
// that follows token a ("*innen", ":in", "/-innen", "(in)" …), or 0.
func genderSuffix(s string, a, b rawTok) int {
	suf := s[b.start:b.end]
	if !strings.EqualFold(suf, "in") && !strings.EqualFold(suf, "innen") {
		return 0
	}
	if a.end-a.start < 3 {
		return 0
	}
	last, _ := utf8.DecodeLastRuneInString(s[a.start:a.end])
	if !unicode.IsLetter(last) {
		return 0
	}
	switch gap := s[a.end:b.start]; gap {
	case "/":
		// "Erzieher/in", but not "online/in Präsenz"
		if strings.EqualFold(suf, "in") && !isPersonBase(Fold(s[a.start:a.end])) {
			return 0
		}
		return b.end
	case "*", ":", "_", "/-", "·", "/ -", "*-":
		return b.end
	case "(":
		if strings.HasPrefix(s[b.end:], ")") {
			return b.end + 1
		}
	}
	return 0
}

// genderLetters are the words of gender tags such as (m/w/d).
var genderLetters = map[string]bool{
	"m": true, "w": true, "d": true, "x": true, "f": true, "i": true,
	"div": true, "divers": true,
}

// genderTag returns the number of raw tokens, starting at k, that form a
// gender tag such as "(m/w/d)", "w/m/d", "m/f/x" or "(gn)", or 0.
func genderTag(s string, raw []rawTok, k int) int {
	if !maybeGenderLetter(s[raw[k].start:raw[k].end]) {
		return 0
	}
	t := strings.ToLower(s[raw[k].start:raw[k].end])
	if t == "gn" {
		if raw[k].start > 0 && s[raw[k].start-1] == '(' && strings.HasPrefix(s[raw[k].end:], ")") {
			return 1
		}
		return 0
	}
	n, mw := 0, false
	for j := k; j < len(raw); j++ {
		t := s[raw[j].start:raw[j].end]
		if !maybeGenderLetter(t) {
			break
		}
		t = strings.ToLower(t)
		if !genderLetters[t] {
			break
		}
		if j > k {
			gap := strings.TrimSpace(s[raw[j-1].end:raw[j].start])
			if gap != "/" && gap != "|" && gap != "," {
				break
			}
		}
		if t == "m" || t == "w" || t == "f" {
			mw = true
		}
		n++
	}
	if n >= 2 && mw {
		return n
	}
	return 0
}

// maybeGenderLetter is a cheap test that t may be a word of a gender tag.
func maybeGenderLetter(t string) bool {
	if len(t) > 6 || len(t) == 0 {
		return false
	}
	switch t[0] {
	case 'm', 'w', 'd', 'x', 'f', 'i', 'g', 'M', 'W', 'D', 'X', 'F', 'I', 'G':
		return true
	}
	return false
}

// isHyphenGap reports whether gap joins two words into one unit: a hyphen
// (-, U+2010, U+2011) or an en dash without spaces.
func isHyphenGap(gap string) bool {
	switch gap {
	case "-", "\u2010", "\u2011", "\u2013":
		return true
	}
	return false
}

// truncation classifies the gap after a unit: "- und", "-, ", "-/" mark a
// truncated word (truncHead), "-)" one that prefixes the next word
// (truncWhole).
func truncation(gap string) truncKind {
	var rest string
	switch {
	case strings.HasPrefix(gap, "-"):
		rest = gap[1:]
	case strings.HasPrefix(gap, "\u2010"):
		rest = gap[len("\u2010"):]
	default:
		return truncNone
	}
	if strings.HasPrefix(rest, ")") {
		return truncWhole
	}
	if rest == "" {
		return truncNone // end of text or a lone hyphen
	}
	for _, r := range rest {
		if r != ' ' && r != ',' && r != '/' && r != '\u00a0' {
			return truncNone
		}
	}
	return truncHead
}
