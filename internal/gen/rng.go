package gen

import "sort"

// rng is SplitMix64: tiny, fast and fully specified here, so that a seed
// gives the same catalogue on every Go version (math/rand/v2 keeps its
// sources stable but not every method's use of them).
type rng struct{ s uint64 }

// mix derives the seed of one record's random stream from the catalogue's
// seed, the kind of record and its number: every record can be generated
// on its own, in any order.
func mix(seed int64, kind byte, n int64) *rng {
	r := &rng{s: uint64(seed)*0x9e3779b97f4a7c15 ^ uint64(kind)<<56 ^ uint64(n)*0xd1342543de82ef95}
	r.next()
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// intn returns a number in [0, n); n must be positive and below 2³².
func (r *rng) intn(n int) int { return int((r.next() >> 32) * uint64(n) >> 32) }

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.intn(hi-lo+1)
}

// skewed returns an index in [0, n) where small indexes are much more
// likely (density ∝ 1/√x): a long tail behind a few frequent items.
func (r *rng) skewed(n int) int {
	u := r.float()
	return min(n-1, int(float64(n)*u*u))
}

func pick[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

// weighted draws indexes with given weights.
type weighted struct{ cum []float64 }

func newWeighted(ws []float64) weighted {
	cum := make([]float64, len(ws))
	sum := 0.0
	for i, w := range ws {
		sum += w
		cum[i] = sum
	}
	for i := range cum {
		cum[i] /= sum
	}
	return weighted{cum}
}

func (w weighted) draw(r *rng) int {
	return min(len(w.cum)-1, sort.SearchFloat64s(w.cum, r.float()))
}

// choice is a code with its weight.
type choice struct {
	code string
	w    float64
}

// choices draws codes by weight.
type choices struct {
	codes []string
	w     weighted
}

func newChoices(cs ...choice) choices {
	out := choices{}
	var ws []float64
	for _, c := range cs {
		out.codes = append(out.codes, c.code)
		ws = append(ws, c.w)
	}
	out.w = newWeighted(ws)
	return out
}

func (c choices) draw(r *rng) string { return c.codes[c.w.draw(r)] }
