package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/lernnetz/lernnetz/exchange/deftis/deftistest"
)

// With LERNNETZ_TEST_LARGE=1: `lernnetz import` of a generated 1 GB DEfTIS
// file (about 300,000 courses, in a temporary directory) runs in less than
// 256 MiB of memory (the process's peak resident set). It takes minutes,
// so it is not part of every run.
func TestImportLargeFileRSS(t *testing.T) {
	if os.Getenv("LERNNETZ_TEST_LARGE") != "1" {
		t.Skip("set LERNNETZ_TEST_LARGE=1 to import a 1 GB file in a subprocess (takes minutes)")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "gross.xml")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	const courses = 300_000
	bw := bufio.NewWriter(f)
	if err := deftistest.Write(bw, deftistest.Catalog{Providers: 200, Courses: courses}); err != nil {
		t.Fatal(err)
	}
	if err := bw.Flush(); err != nil || f.Close() != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(file)

	cmd := exec.Command(os.Args[0], "import", file)
	cmd.Env = append(os.Environ(), "LERNNETZ_TEST_AS_MAIN=1", "LERNNETZ_DB="+filepath.Join(dir, "lernnetz.db"))
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "300000 neu") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // KiB on Linux
	t.Logf("%d MiB file, %d courses: peak RSS %d MiB\n%s", fi.Size()>>20, courses, rss>>20, out)
	if rss > 256<<20 {
		t.Errorf("peak RSS %d MiB, want below 256 MiB", rss>>20)
	}
}
