package web

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestGoMessageKeys: every message key the Go code of the pages names
// (loc.T("…"), l.T("…"), .N("…")) exists in both catalogues, so no page
// shows a bare key.
func TestGoMessageKeys(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := regexp.MustCompile(`\.(?:T|N)\("([a-z0-9_.]+)"`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range used.FindAllStringSubmatch(string(src), -1) {
			key := m[1]
			n++
			for _, l := range []*locale{localeDE, localeEN} {
				_, one := l.msgs[key+".one"]
				if _, ok := l.msgs[key]; !ok && !one && !strings.HasSuffix(key, ".") {
					t.Errorf("%s names the key %q, which %s lacks", f, key, l.Lang)
				}
			}
		}
	}
	if n < 50 {
		t.Errorf("found only %d message keys in the Go code; the pattern is broken", n)
	}
}
