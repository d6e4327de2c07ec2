package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestExportCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	envA := envFrom(map[string]string{"LERNNETZ_DB": filepath.Join(dir, "a.db")})
	envB := envFrom(map[string]string{"LERNNETZ_DB": filepath.Join(dir, "b.db")})
	run := func(cmd func(context.Context, []string, func(string) string, io.Writer, io.Writer) error, env func(string) string, args ...string) (string, string, error) {
		var out, errOut bytes.Buffer
		err := cmd(ctx, args, env, &out, &errOut)
		return out.String(), errOut.String(), err
	}
	if _, msg, err := run(cmdImport, envA, "../../exchange/testdata/full.xml"); err != nil {
		t.Fatalf("import: %v\n%s", err, msg)
	}

	// To a file: a DEfTIS catalogue, and a summary on standard error.
	file := filepath.Join(dir, "export.xml")
	_, msg, err := run(cmdExport, envA, "-o", file)
	if err != nil || !strings.Contains(msg, "2 Anbieter, 3 Angebote, 0 gelöscht") {
		t.Fatalf("export: %v\n%s", err, msg)
	}
	doc, err := os.ReadFile(file)
	if err != nil || !bytes.Contains(doc, []byte(`<DEFTISCAT MULTIDOCUMENT="false" DELTAUPDATE="false"`)) || bytes.Count(doc, []byte("<COURSE>")) != 3 {
		t.Fatalf("export file: %v\n%.600s", err, doc)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".export.xml.*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	// … which imports into another catalogue, its format detected.
	out, msg, err := run(cmdImport, envB, "--json", file)
	if err != nil || !strings.Contains(out, `"format": "deftis"`) || !strings.Contains(out, `"inserted": 3`) {
		t.Fatalf("import of the export: %v\n%s%s", err, out, msg)
	}

	// To standard output; a delta since now is empty.
	since := time.Now().Add(time.Minute).Format(time.RFC3339)
	out, msg, err = run(cmdExport, envA, "--since", since, "--format", "deftis")
	if err != nil || !strings.Contains(out, `DELTAUPDATE="true"`) || strings.Contains(out, "<COURSE>") || !strings.Contains(msg, "0 Anbieter, 0 Angebote") {
		t.Fatalf("empty delta: %v\n%s%s", err, out, msg)
	}

	// JSON-LD, linked to the portal's pages.
	out, msg, err = run(cmdExport, envA, "--format", "jsonld", "--base-url", "https://portal.example/")
	if err != nil || !strings.Contains(out, `"@graph"`) || strings.Count(out, `"@type":"Course"`) != 3 ||
		!strings.Contains(out, `"@id":"https://portal.example/angebote/`) {
		t.Fatalf("JSON-LD export: %v\n%s%s", err, out, msg)
	}

	// Usage errors: exit code 2 through Run, with a message saying why.
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"export", "--format", "nosuch"}, "„nosuch“ kann nicht exportiert werden; verfügbar: "},
		{[]string{"export", "--since", "gestern"}, "no RFC 3339 time"},
		{[]string{"export", "datei.xml"}, "unexpected argument"},
		{[]string{"import", "--format", "nosuch", file}, "unknown format \"nosuch\"; importieren lassen sich: "},
	} {
		var out, errOut bytes.Buffer
		if code := Run(ctx, c.args, envA, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), c.msg) {
			t.Errorf("%v: exit %d\n%s", c.args, code, errOut.String())
		}
	}
	// An unknown provider is an error, and no file is left behind.
	var errOut bytes.Buffer
	if code := Run(ctx, []string{"export", "--provider", "4711", "-o", filepath.Join(dir, "p.xml")}, envA, &bytes.Buffer{}, &errOut); code != 1 ||
		!strings.Contains(errOut.String(), "provider 4711") {
		t.Errorf("unknown provider: exit %d\n%s", code, errOut.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "p.xml")); !os.IsNotExist(err) {
		t.Errorf("failed export left its file: %v", err)
	}
}

// The progress line shows bytes read, offers and offers per second.
func TestProgressLine(t *testing.T) {
	var w bytes.Buffer
	p := newProgress(strings.NewReader(strings.Repeat("x", 3<<20)), &w, "gross.xml")
	buf := make([]byte, 1<<20)
	for range 3 {
		p.Read(buf)
	}
	p.update(1500)
	p.done()
	if got := w.String(); !strings.HasPrefix(got, "\rgross.xml: 3.0 MB gelesen, 1500 Angebote, ") || !strings.HasSuffix(got, "\n") {
		t.Errorf("progress line %q", got)
	}
	if isTerminal(&w) {
		t.Error("a buffer is no terminal")
	}
}
