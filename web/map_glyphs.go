package web

import (
	"strconv"
	"strings"
)

// The map draws its numbers and letters as strokes, not as SVG text: text
// in an SVG has no background that checkers can measure (axe marks its
// contrast "incomplete"), and strokes in the page's own colours are
// measured as graphics. The glyphs sit on a grid 4 units wide and 6 high,
// like a seven-segment display; glyphAdvance is the step to the next one.

const (
	glyphWidth   = 4.0
	glyphHeight  = 6.0
	glyphAdvance = 6.0
)

var glyphs = map[rune]string{
	'0': "M0 0H4V6H0Z",
	'1': "M1 1L2 0V6M1 6H3",
	'2': "M0 0H4V3H0V6H4",
	'3': "M0 0H4V6H0M1 3H4",
	'4': "M0 0V3H4M4 0V6",
	'5': "M4 0H0V3H4V6H0",
	'6': "M4 0H0V6H4V3H0",
	'7': "M0 0H4L1.5 6",
	'8': "M0 0H4V6H0ZM0 3H4",
	'9': "M4 3H0V0H4V6H0",
	'A': "M0 6V0H4V6M0 3H4",
	'B': "M0 0H3L4 1V2L3 3L4 4V5L3 6H0ZM0 3H3",
	'C': "M4 0H0V6H4",
	'D': "M0 0H3L4 1V5L3 6H0Z",
	'E': "M4 0H0V6H4M0 3H3",
	'F': "M4 0H0V6M0 3H3",
}

// glyphPath returns the path data of s in glyph units (only the runes of
// glyphs are drawn) and its width.
func glyphPath(s string) (string, float64) {
	var b strings.Builder
	n := 0
	for _, r := range s {
		g, ok := glyphs[r]
		if !ok {
			continue
		}
		// Shift every x of the glyph by the advance: x follows M, L and H.
		dx := float64(n) * glyphAdvance
		b.WriteString(shiftX(g, dx))
		n++
	}
	if n == 0 {
		return "", 0
	}
	return b.String(), float64(n-1)*glyphAdvance + glyphWidth
}

// shiftX moves a glyph's path (commands M, L, H, V, Z with absolute
// coordinates) right by dx.
func shiftX(d string, dx float64) string {
	if dx == 0 {
		return d
	}
	var b strings.Builder
	var cmd byte
	arg := 0 // index of the number within the command's pair
	for i := 0; i < len(d); {
		c := d[i]
		switch {
		case c == 'M' || c == 'L' || c == 'H' || c == 'V' || c == 'Z':
			cmd, arg = c, 0
			b.WriteByte(c)
			i++
		case c == ' ':
			b.WriteByte(c)
			i++
		default:
			j := i
			for j < len(d) && (d[j] == '.' || d[j] == '-' || d[j] >= '0' && d[j] <= '9') {
				j++
			}
			v, _ := strconv.ParseFloat(d[i:j], 64)
			if cmd == 'H' || ((cmd == 'M' || cmd == 'L') && arg%2 == 0) {
				v += dx
			}
			b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
			arg++
			i = j
		}
	}
	return b.String()
}
