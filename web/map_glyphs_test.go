package web

import "testing"

// TestGlyphPath: a number's glyphs stand side by side, the second shifted
// by the advance; unknown runes are left out.
func TestGlyphPath(t *testing.T) {
	if d, w := glyphPath("17"); d != "M1 1L2 0V6M1 6H3M6 0H10L7.5 6" || w != 10 {
		t.Errorf("17: %q, width %v", d, w)
	}
	if d, w := glyphPath("B"); d != glyphs['B'] || w != 4 {
		t.Errorf("B: %q, width %v", d, w)
	}
	if d, w := glyphPath("x"); d != "" || w != 0 {
		t.Errorf("x: %q, %v", d, w)
	}
}
