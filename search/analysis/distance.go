package analysis

import "unicode/utf8"

// Distance returns the Damerau–Levenshtein distance between a and b in its
// "optimal string alignment" form: the least number of rune insertions,
// deletions, substitutions and transpositions of two adjacent runes that turn
// a into b, where no substring is edited twice. "pflgee" → "pflege" is 1 (a
// transposition), "schweisen" → "schweissen" is 1 (an insertion).
//
// Compare folded terms (see Fold): the distance counts runes as given. For a
// typo check with a limit, WithinDistance is much faster.
func Distance(a, b string) int {
	ra, rb := toRunes(a), toRunes(b)
	n, m := len(ra), len(rb)
	if n == 0 {
		return m
	}
	if m == 0 {
		return n
	}
	// three rows: i-2, i-1, i
	prev2 := make([]int, m+1)
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	for j := 0; j <= m; j++ {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		for j := 1; j <= m; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}

// WithinDistance reports whether Distance(a, b) <= max, without computing
// more of the distance than it needs: it returns early when the lengths
// alone differ by more than max, and otherwise fills only a band of width
// 2·max+1 around the diagonal, stopping as soon as a whole row exceeds max.
// For ASCII strings of up to 64 bytes it does not allocate.
func WithinDistance(a, b string, max int) bool {
	if max < 0 {
		return false
	}
	if a == b {
		return true
	}
	if max == 0 {
		return false
	}
	var ba, bb [64]rune
	ra, rb := runesInto(ba[:0], a), runesInto(bb[:0], b)
	n, m := len(ra), len(rb)
	if n-m > max || m-n > max {
		return false
	}
	if n == 0 || m == 0 {
		return n+m <= max
	}
	const inf = 1 << 30
	var rows [3][66]int
	var prev2, prev, cur []int
	if m+1 <= len(rows[0]) {
		prev2, prev, cur = rows[0][:m+1], rows[1][:m+1], rows[2][:m+1]
	} else {
		prev2, prev, cur = make([]int, m+1), make([]int, m+1), make([]int, m+1)
	}
	for j := 0; j <= m; j++ {
		if j <= max {
			prev[j] = j
		} else {
			prev[j] = inf
		}
		prev2[j] = inf
	}
	for i := 1; i <= n; i++ {
		lo, hi := max1(1, i-max), min(m, i+max)
		for j := range cur {
			cur[j] = inf
		}
		if i <= max {
			cur[0] = i
		}
		rowMin := cur[0]
		for j := lo; j <= hi; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			rowMin = min(rowMin, d)
		}
		if rowMin > max {
			return false
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m] <= max
}

func max1(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func toRunes(s string) []rune {
	return runesInto(make([]rune, 0, len(s)), s)
}

// runesInto appends the runes of s to dst (bytes of invalid UTF-8 become
// U+FFFD, each on its own).
func runesInto(dst []rune, s string) []rune {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			dst = append(dst, rune(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		dst = append(dst, r)
		i += size
	}
	return dst
}
