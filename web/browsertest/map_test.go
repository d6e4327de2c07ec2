package browsertest

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestMapKeyboard: Tab reaches every marker of the map in order, each with
// its name and a visible focus, and Enter on a marker leads to its entry in
// the list.
func TestMapKeyboard(t *testing.T) {
	s := startSite(t)
	ctx := newBrowser(t)
	run(t, ctx, "map", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(s.url+"/karte"))
	n := eval[int](t, ctx, `document.querySelectorAll("a.map-marker").length`)
	if n < 5 {
		t.Fatalf("%d markers", n)
	}
	seen := 0
	for range 200 {
		run(t, ctx, "tab", chromedp.KeyEvent(kb.Tab))
		if !eval[bool](t, ctx, `document.activeElement.matches("a.map-marker")`) {
			if seen > 0 {
				break
			}
			continue
		}
		seen++
		got := eval[map[string]string](t, ctx, `(() => { const a = document.activeElement, s = getComputedStyle(a.querySelector("circle"));
			return {name: a.getAttribute("aria-label"), num: a.querySelector("text").textContent, stroke: s.stroke, width: s.strokeWidth,
				outline: getComputedStyle(a).outlineStyle}; })()`)
		if got["name"] == "" || got["num"] != fmt.Sprint(seen) {
			t.Errorf("marker %d: name %q, number %q", seen, got["name"], got["num"])
		}
		if got["width"] != "5px" && got["outline"] == "none" {
			t.Errorf("marker %d: focus not visible: %v", seen, got)
		}
	}
	if seen != n {
		t.Fatalf("Tab reached %d of %d markers in a row", seen, n)
	}
	// Back to the first marker, then Enter: the list entry of the same number.
	run(t, ctx, "focus", chromedp.Focus(chromedp.CSS("a.map-marker")), chromedp.KeyEvent(kb.Enter))
	hash := eval[string](t, ctx, `location.hash`)
	num := eval[string](t, ctx, `document.querySelector(location.hash + " .map-no").textContent`)
	if hash == "" || num != "1" {
		t.Errorf("Enter on marker 1 led to %q (number %q)", hash, num)
	}
}
