// Package shared finds, for tests, the data files in shared/ beside the
// repository (read-only real files such as the WDB Brandenburg export):
// one rule for where they are and what a test does without them.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// PAS1045 is the real WDB Brandenburg DEfTIS export (PAS 1045), relative
// to shared/.
const PAS1045 = "data/pas1045/wdb-brandenburg-2022-05-10.xml"

// Path returns the path of rel (slash-separated, relative to shared/) in
// the first shared/ folder that holds it, walking up from the working
// directory. Without it the test is skipped, or fails when the CI
// environment variable is set: CI must have the shared data.
func Path(t testing.TB, rel string) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		p := filepath.Join(dir, "shared", filepath.FromSlash(rel))
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("shared/%s must be beside the repository in CI", rel)
	}
	t.Skipf("shared/%s not found beside the repository", rel)
	return ""
}
