package analysis

import (
	"sort"
	"strings"
)

// Compound splitting.
//
// The dictionary is a set of stems (words folded and stemmed like index
// terms) held in a byte trie. A part of a compound is a stem followed by one
// optional linking element or inflection (see linkSuffixes): "bildungs" is
// bildung+s, "alten" is alt+en, "kurse" is kurs+e. A part is at least four
// letters long, or three if the curated list allows it (neu, bau, alt …).
//
// split finds the segmentation of a word into at least two parts with the
// fewest parts (the longest known parts), preferring parts without linking
// letters on a tie, and then splits each part of seven letters or more the
// same way (Altenpflegehelfer → altenpflege + helfer, altenpflege → alten +
// pflege). Words that no such segmentation covers completely stay whole,
// which is what keeps Berater (bera+ter: no parts), Verkauf and Urlaub (three
// letter parts that are not allowed) whole.

const (
	// maxCompoundBytes bounds the words that split looks at; longer "words"
	// are rather garbage than German.
	maxCompoundBytes = 64
	// minCompoundBytes is the shortest word worth splitting (neu+bau).
	minCompoundBytes = 6
	// maxSplitDepth bounds the recursion into parts.
	maxSplitDepth = 3
)

// linkSuffixes are the linking elements (Fugenelemente) and inflections that
// may follow a stem inside or at the end of a compound. The empty suffix comes
// first.
var linkSuffixes = []string{"", "e", "s", "n", "en", "es", "er", "ern", "ens", "ns", "nen"}

// trie is a byte trie of stems in flat arrays. Node 0 is the root.
type trie struct {
	edgeStart []int32   // per node: first edge
	edgeCount []uint16  // per node: number of edges
	weight    []float32 // per node: 0, or the weight of the stem that ends here
	short     []bool    // per node: the stem that ends here may be a part of three letters
	label     []byte    // per edge
	child     []int32   // per edge
	root      [256]int32
}

// buildTrie builds the trie of the stems in weights (stem → weight > 0);
// short lists the stems that may be parts of three letters.
func buildTrie(weights map[string]float32, short map[string]bool) *trie {
	stems := make([]string, 0, len(weights))
	for s := range weights {
		if s != "" {
			stems = append(stems, s)
		}
	}
	sort.Strings(stems)
	t := &trie{}
	t.addNode()
	t.fill(0, stems, 0, weights, short)
	for i := range t.root {
		t.root[i] = -1
	}
	for e := t.edgeStart[0]; e < t.edgeStart[0]+int32(t.edgeCount[0]); e++ {
		t.root[t.label[e]] = t.child[e]
	}
	return t
}

func (t *trie) addNode() int32 {
	t.edgeStart = append(t.edgeStart, 0)
	t.edgeCount = append(t.edgeCount, 0)
	t.weight = append(t.weight, 0)
	t.short = append(t.short, false)
	return int32(len(t.weight) - 1)
}

// fill adds the children of node, whose words (sorted, all sharing the first
// depth bytes) are words.
func (t *trie) fill(node int32, words []string, depth int, weights map[string]float32, short map[string]bool) {
	if len(words) > 0 && len(words[0]) == depth {
		t.weight[node] = weights[words[0]]
		t.short[node] = short[words[0]]
		words = words[1:]
	}
	if len(words) == 0 {
		return
	}
	// group by the byte at depth
	type group struct {
		b      byte
		lo, hi int
	}
	var groups []group
	for i := 0; i < len(words); {
		b := words[i][depth]
		j := i + 1
		for j < len(words) && words[j][depth] == b {
			j++
		}
		groups = append(groups, group{b, i, j})
		i = j
	}
	t.edgeStart[node] = int32(len(t.label))
	t.edgeCount[node] = uint16(len(groups))
	first := len(t.label)
	for _, g := range groups {
		t.label = append(t.label, g.b)
		t.child = append(t.child, 0)
	}
	for k, g := range groups {
		c := t.addNode()
		t.child[first+k] = c
		t.fill(c, words[g.lo:g.hi], depth+1, weights, short)
	}
}

// next returns the child of node along byte c, or -1.
func (t *trie) next(node int32, c byte) int32 {
	if node == 0 {
		return t.root[c]
	}
	s := t.edgeStart[node]
	for e := s; e < s+int32(t.edgeCount[node]); e++ {
		if t.label[e] == c {
			return t.child[e]
		}
	}
	return -1
}

// part is one part of a compound: the stem w[i:j] and its surface w[i:k]
// (stem plus linking element or inflection).
type part struct {
	i, j, k int8
}

// splitter holds the scratch space of one segmentation.
type splitter struct {
	cost  [maxCompoundBytes + 1]float32
	score [maxCompoundBytes + 1]float32
	back  [maxCompoundBytes + 1]part
}

const (
	noCost = float32(1e30)
	// partCost makes a segmentation with fewer parts always win; among
	// segmentations with as many parts, the one whose parts are more common
	// nouns wins, and linking letters cost a little.
	partCost   = 1000
	suffixCost = 0.5
)

// segment finds the best segmentation of w (all bytes 'a'–'z') into at least
// two parts, appends the parts to dst and returns the mean weight (log
// frequency) of the parts; it returns dst unchanged when there is none.
func (d *decompounder) segment(dst []part, w string, sp *splitter) ([]part, float32) {
	n := len(w)
	for i := 1; i <= n; i++ {
		sp.cost[i] = noCost
	}
	sp.cost[0] = 0
	sp.score[0] = 0
	for i := 0; i < n; i++ {
		if sp.cost[i] == noCost {
			continue
		}
		node := int32(0)
		for j := i; j < n; j++ {
			node = d.t.next(node, w[j])
			if node < 0 {
				break
			}
			wt := d.t.weight[node]
			if wt == 0 {
				continue
			}
			stemEnd := j + 1
			stemLen := stemEnd - i
			suffixes := linkSuffixes
			if stemEnd == n || (w[stemEnd] != 'e' && w[stemEnd] != 's' && w[stemEnd] != 'n') {
				suffixes = linkSuffixes[:1] // every linking element starts with e, s or n
			}
			for si, suf := range suffixes {
				k := stemEnd + len(suf)
				if k > n {
					continue
				}
				if si > 0 && w[stemEnd:k] != suf {
					continue
				}
				if i == 0 && k == n {
					continue // the whole word is no split
				}
				// Parts have four letters or more. A stem of three letters
				// is a part only if the curated list allows it, or with a
				// linking element of two letters (alt+en, lag+er, dat+en).
				if stemLen < 3 || (stemLen == 3 && !d.t.short[node] && len(suf) < 2) {
					continue
				}
				c := sp.cost[i] + partCost + suffixCost*float32(len(suf)) - wt
				if c < sp.cost[k] {
					sp.cost[k] = c
					sp.score[k] = sp.score[i] + wt
					sp.back[k] = part{int8(i), int8(stemEnd), int8(k)}
				}
			}
		}
	}
	if sp.cost[n] == noCost {
		return dst, 0
	}
	start := len(dst)
	for k := n; k > 0; {
		p := sp.back[k]
		dst = append(dst, p)
		k = int(p.i)
	}
	// reverse into reading order
	for a, b := start, len(dst)-1; a < b; a, b = a+1, b-1 {
		dst[a], dst[b] = dst[b], dst[a]
	}
	return dst, sp.score[n] / float32(len(dst)-start)
}

// decompounder splits folded German words into known parts.
type decompounder struct {
	t *trie
	// freq holds the weight of common whole words (stem → log2 of the
	// frequency in ESCO + 1), whatever their word class: a word is only
	// split when its parts are on average at least as common as the word
	// itself (the rule of Koehn and Knight, "Empirical methods for compound
	// splitting", EACL 2003). That keeps "spezifisch" from becoming
	// spezi+fisch and "sicherstellen" from becoming sich+erstellen.
	freq    map[string]float32
	noSplit map[string]bool
}

// splittable reports whether w is worth a look: lower-case ASCII letters
// only, of a length that can hold two parts.
func splittable(w string) bool {
	if len(w) < minCompoundBytes || len(w) > maxCompoundBytes {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// split appends to dst the stems of the parts of the folded word w and
// returns dst unchanged when w does not split. The word is split into its
// best segmentation, each part of seven letters or more is split again (to
// a depth of maxSplitDepth), and then every run of consecutive smallest
// parts that is itself a known stem is emitted too — so that
// Gabelstaplerschein (gabel + staplerschein, staplerschein = stapl +
// schein) also gives gabelstapl. The stems are substrings of w, each
// appended once, in the order of their start and then their length.
func (d *decompounder) split(dst []string, w string) []string {
	if d == nil || !splittable(w) {
		return dst
	}
	stem := lightStem(w)
	var sp splitter
	var buf [maxCompoundBytes / 3]part
	leaves := d.leaves(buf[:0], w, 0, stem, &sp, 0)
	if len(leaves) < 2 || d.noSplit[w] || d.noSplit[stem] {
		return dst
	}
	start := len(dst)
	for a := range leaves {
		node := int32(0)
		pos := int(leaves[a].i)
		for b := a; b < len(leaves); b++ {
			if a == 0 && b == len(leaves)-1 {
				break // the whole word
			}
			end := int(leaves[b].j)
			for ; pos < end && node >= 0; pos++ {
				node = d.t.next(node, w[pos])
			}
			if node < 0 {
				break
			}
			if b == a || d.t.weight[node] > 0 {
				s := w[leaves[a].i:end]
				if !contains(dst[start:], s) {
					dst = append(dst, s)
				}
			}
			// continue through the linking letters to the next part
			for ; pos < int(leaves[b].k) && node >= 0; pos++ {
				node = d.t.next(node, w[pos])
			}
			if node < 0 {
				break
			}
		}
	}
	return dst
}

// leaves appends the smallest parts of w (whose stem is stem) to dst, with
// offsets shifted by off: the parts of its best segmentation, each replaced
// by its own parts where it splits. It appends nothing when w does not
// split.
func (d *decompounder) leaves(dst []part, w string, off int, stem string, sp *splitter, depth int) []part {
	var buf [16]part
	parts, score := d.segment(buf[:0], w, sp)
	if len(parts) == 0 || score < d.freq[stem] {
		return dst
	}
	// An adjective in -isch splits only before a long head
	// (zahn+medizinisch), not into spezi+fisch or diagnos+tisch.
	if last := parts[len(parts)-1]; strings.HasSuffix(stem, "isch") && last.j-last.i < 6 {
		return dst
	}
	for _, p := range parts {
		sub := w[p.i:p.j]
		n := len(dst)
		if depth+1 < maxSplitDepth && len(sub) >= 7 && !d.noSplit[sub] {
			dst = d.leaves(dst, sub, off+int(p.i), sub, sp, depth+1)
		}
		if len(dst) == n {
			dst = append(dst, part{int8(off) + p.i, int8(off) + p.j, int8(off) + p.k})
		} else {
			// the last sub-part ends where this part ends, linking letters included
			dst[len(dst)-1].k = int8(off) + p.k
		}
	}
	return dst
}

// head returns the longest proper final part of the folded word w that is a
// known stem with an optional inflection — the part that a truncated word
// before it shares ("Kranken- und Altenpflege": pflege) — or "".
func (d *decompounder) head(w string) string {
	if d == nil || !splittable(w) {
		return ""
	}
	n := len(w)
	for i := 2; i+4 <= n; i++ {
		node := int32(0)
		for j := i; j < n; j++ {
			node = d.t.next(node, w[j])
			if node < 0 {
				break
			}
			if d.t.weight[node] == 0 {
				continue
			}
			rest := w[j+1:]
			for _, suf := range linkSuffixes {
				if rest == suf {
					return w[i:]
				}
			}
		}
	}
	return ""
}
