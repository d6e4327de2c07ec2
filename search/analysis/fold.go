package analysis

import (
	"unicode"
	"unicode/utf8"
)

// Fold lower-cases s and applies the German folding that the analyzer uses for
// every term, so that both spellings of a word meet:
//
//   - ä, ö, ü become a, o, u, and so does every other letter with a
//     diacritic (é→e, ç→c, ł→l, ø→o …): Müller = Muller, Café = Cafe;
//   - ß (and ẞ) becomes ss: Straße = Strasse;
//   - æ and œ become a and o (they are the Nordic and French ä and ö);
//   - the spelled-out umlauts ae, oe, ue lose their e: Mueller = Muller,
//     Pruefung = Prufung. The e is kept where it cannot be an umlaut
//     spelling: after a "u" that follows a vowel or a q (neue, Feuer, Steuer,
//     Quelle, Abenteuer stay as they are);
//   - every other rune is only lower-cased; punctuation, digits and spaces
//     are kept as they are, combining marks are dropped, and each byte of
//     invalid UTF-8 becomes U+FFFD.
//
// The e-rule is the one of Lucene's GermanNormalizationFilter (which bleve's
// German analyzer also uses), with two changes that make Fold idempotent
// (Fold(Fold(s)) == Fold(s)): ä, ö, ü count as a, o, u for the rule, and a
// run of e's after an umlaut vowel goes entirely. It is not always
// linguistically right — "aktuell" folds to "aktull", "Israel" to "isral" —
// but it is applied in the same way to documents and queries, so every word
// still meets itself, and consistency is what makes a search find.
func Fold(s string) string {
	if isFolded(s) {
		return s
	}
	return string(appendFold(make([]byte, 0, len(s)+4), s))
}

// isFolded reports whether s is plain lower-case ASCII on which the e-rule
// has nothing to do, so that Fold can return it unchanged.
func isFolded(s string) bool {
	var prev, prev2 byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return false
		}
		if c == 'e' && dropsE(prev, prev2) {
			return false
		}
		prev2, prev = prev, c
	}
	return true
}

// dropsE reports whether an 'e' that follows prev (and prev2 before it) is the
// e of a spelled-out umlaut: after a or o, and after a u that does not follow
// a vowel or a q. prev and prev2 are 0 at the start of a word.
func dropsE(prev, prev2 byte) bool {
	switch prev {
	case 'a', 'o':
		return true
	case 'u':
		switch prev2 {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'q':
			return false
		}
		return true
	}
	return false
}

// appendFold appends the folding of s to dst (see Fold). Word boundaries for
// the e-rule are the runes that are neither letters nor digits.
func appendFold(dst []byte, s string) []byte {
	wordStart := len(dst)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if isASCIIAlnum(c) {
				dst = appendFoldedByte(dst, c, wordStart)
			} else {
				dst = append(dst, c)
				wordStart = len(dst)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			// Invalid UTF-8: keep the output valid, and treat it as a separator.
			dst = append(dst, "\uFFFD"...)
			wordStart = len(dst)
			continue
		}
		r = unicode.ToLower(r)
		if rep := foldRune(r); rep != "" {
			for j := 0; j < len(rep); j++ {
				dst = appendFoldedByte(dst, rep[j], wordStart)
			}
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
			dst = utf8.AppendRune(dst, r)
			wordStart = len(dst)
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			// A combining mark (as in a decomposed "u" + U+0308): the letter
			// before it already stands for the folded letter.
			continue
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// appendFoldedByte appends the lower-case ASCII letter or digit c, applying
// the e-rule within the word that starts at wordStart.
func appendFoldedByte(dst []byte, c byte, wordStart int) []byte {
	if c == 'e' {
		n := len(dst) - wordStart
		var prev, prev2 byte
		if n >= 1 {
			prev = dst[len(dst)-1]
		}
		if n >= 2 {
			prev2 = dst[len(dst)-2]
		}
		if dropsE(prev, prev2) {
			return dst
		}
	}
	return append(dst, c)
}

func isASCIIAlnum(c byte) bool {
	return ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') || ('A' <= c && c <= 'Z')
}

// foldRune returns the ASCII replacement of a lower-case letter with a
// diacritic (or a ligature), or "" for a rune that keeps its form.
func foldRune(r rune) string {
	if r < 0xC0 || r > 0x24F {
		switch r {
		case 'ẞ', 'ß':
			return "ss"
		case 'ſ':
			return "s"
		}
		return ""
	}
	return latinFold[r-0xC0]
}

// latinFold maps the lower-case letters of Latin-1 Supplement, Latin
// Extended-A and Latin Extended-B (U+00C0–U+024F) to ASCII.
var latinFold = func() [0x250 - 0xC0]string {
	var t [0x250 - 0xC0]string
	set := func(to string, runes string) {
		for _, r := range runes {
			if r >= 0xC0 && r < 0x250 {
				t[r-0xC0] = to
			}
		}
	}
	set("a", "àáâãäåāăąǎǟǡǻȁȃȧ")
	set("ae", "æǣǽ")
	set("c", "çćĉċčƈ")
	set("d", "ďđð")
	set("e", "èéêëēĕėęěȅȇȩ")
	set("g", "ĝğġģǥǧǵ")
	set("h", "ĥħȟ")
	set("i", "ìíîïĩīĭįıǐȉȋ")
	set("ij", "ĳ")
	set("j", "ĵǰ")
	set("k", "ķĸǩ")
	set("l", "ĺļľŀłƚ")
	set("n", "ñńņňŉŋǹ")
	set("o", "òóôõöøōŏőǒǫǭǿȍȏȫȭȯȱ")
	set("oe", "œ")
	set("r", "ŕŗřȑȓ")
	set("s", "śŝşšșȿ")
	set("ss", "ß")
	set("t", "ţťŧțƫ")
	set("th", "þ")
	set("u", "ùúûüũūŭůűųưǔǖǘǚǜȕȗ")
	set("w", "ŵ")
	set("y", "ýÿŷƴȳ")
	set("z", "źżžƶȥ")
	return t
}()
