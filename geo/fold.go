package geo

import (
	"strings"
	"unicode"
)

// Fold normalises a place name for comparison, the German way:
//
//   - lower case;
//   - ß becomes ss (Straße = Strasse);
//   - umlauts and other diacritics lose their marks: ä→a, ö→o, ü→u, é→e …
//     (Saarbrücken = SAARBRUCKEN = saarbrucken);
//   - every run of punctuation, hyphens, slashes and spaces becomes one space,
//     apostrophes vanish ("Spiesen-Elversberg" = "spiesen elversberg");
//   - the word "St" before another word becomes "sankt"
//     ("St. Ingbert" = "Sankt Ingbert" = "sankt ingbert").
//
// Fold does not turn the spelled-out umlauts ae, oe, ue into a, o, u: that
// would also change names in which these letters are no umlaut (Itzehoe,
// Bernkastel-Kues, Soest). Gazetteer.Place applies that second, looser
// folding only when a name finds nothing with Fold, so "Saarbruecken" and
// "Voelklingen" still resolve.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 4)
	sep := false
	for _, r := range s {
		r = unicode.ToLower(r)
		if r == '\'' || r == '’' || r == '`' || r == '´' {
			continue
		}
		rep, mapped := foldRunes[r]
		if !mapped && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte(' ')
		}
		sep = false
		if mapped {
			b.WriteString(rep)
		} else {
			b.WriteRune(r)
		}
	}
	out := b.String()
	if strings.HasPrefix(out, "st ") || strings.Contains(out, " st ") {
		words := strings.Split(out, " ")
		for i := 0; i < len(words)-1; i++ {
			if words[i] == "st" {
				words[i] = "sankt"
			}
		}
		out = strings.Join(words, " ")
	}
	return out
}

// foldRunes maps lower-case letters with diacritics to plain letters.
var foldRunes = map[rune]string{
	'ä': "a", 'ö': "o", 'ü': "u", 'ß': "ss",
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'å': "a", 'ā': "a", 'ą': "a",
	'æ': "ae", 'œ': "oe",
	'ç': "c", 'ć': "c", 'č': "c",
	'ď': "d", 'đ': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ğ': "g",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ı': "i",
	'ł': "l",
	'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ø': "o", 'ō': "o", 'ő': "o",
	'ř': "r",
	'ś': "s", 'š': "s", 'ş': "s",
	'ť': "t",
	'ù': "u", 'ú': "u", 'û': "u", 'ū': "u", 'ů': "u", 'ű': "u",
	'ý': "y", 'ÿ': "y",
	'ź': "z", 'ż': "z", 'ž': "z",
}

// foldLoose applies, to a Fold result, the spelled-out umlauts: ae, oe, ue
// become a, o, u ("saarbruecken" → "saarbrucken"), except after a vowel and
// for "que", where they rarely stand for an umlaut ("neuenkirchen", "aue").
func foldLoose(folded string) string {
	if !strings.Contains(folded, "e") {
		return folded
	}
	b := []byte(folded)
	out := b[:0]
	for i := 0; i < len(b); i++ {
		c := b[i]
		if (c == 'a' || c == 'o' || c == 'u') && i+1 < len(b) && b[i+1] == 'e' {
			prev := byte(' ')
			if len(out) > 0 {
				prev = out[len(out)-1]
			}
			if !strings.ContainsRune("aeiouy", rune(prev)) && !(c == 'u' && prev == 'q') {
				out = append(out, c)
				i++ // drop the e
				continue
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// baseName returns the folded name without its distinguishing suffix — the
// part after "/", "(" or "," and after a linking word such as "am" or "an
// der" ("Sulzbach/Saar" → "sulzbach", "Frankfurt am Main" → "frankfurt") —
// or "" when the name has none.
func baseName(name string) string {
	cut := name
	if i := strings.IndexAny(cut, "/(,"); i > 0 {
		cut = cut[:i]
	}
	words := strings.Fields(Fold(cut))
	for i, w := range words {
		if i > 0 && linkingWords[w] {
			words = words[:i]
			break
		}
	}
	base := strings.Join(words, " ")
	if base == Fold(name) {
		return ""
	}
	return base
}

// linkingWords start the distinguishing part of a German place name.
var linkingWords = map[string]bool{
	"am": true, "an": true, "a": true, "ad": true, "im": true, "i": true,
	"in": true, "bei": true, "b": true, "ob": true, "vor": true, "auf": true,
	"unter": true, "uber": true, "zu": true,
}
