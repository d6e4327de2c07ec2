package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lernnetz/lernnetz/exchange/csvfmt"
)

// TestImportCSV runs lernnetz import on CSV files: the example imports
// (exit 0), a file with a bad row imports the rest (exit 1), and an empty
// file, a header without rows and a file without --source import nothing
// (exit 2).
func TestImportCSV(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	env := envFrom(map[string]string{"LERNNETZ_DB": filepath.Join(dir, "lernnetz.db")})
	run := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := cmdImport(ctx, args, env, &out, &errOut)
		return out.String() + errOut.String(), err
	}
	file := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	example := file("beispiel.csv", csvfmt.Example)
	out, err := run("--source", "bildungswerk", example)
	if err != nil || !strings.Contains(out, "Angebote:  4 neu") || !strings.Contains(out, "Orte:      2 neu") {
		t.Fatalf("example: %v\n%s", err, out)
	}
	bad := file("kurse.csv", []byte("anbieter_id;anbieter_name;angebot_id;titel;beginn;preis\n"+
		"p;Anbieter;1;Kurs 1;01.03.2027;12,345 €\n"+
		"p;Anbieter;2;Kurs 2;01.03.2027;5 €\n"))
	out, err = run("--source", "bildungswerk", bad)
	if exitCode(err) != 1 || !strings.Contains(out, "Zeile 2, Spalte preis (1): „12,345 €“ ist kein Preis") || !strings.Contains(out, "Angebote:  1 neu") {
		t.Fatalf("bad row: exit %d (%v)\n%s", exitCode(err), err, out)
	}
	for name, data := range map[string][]byte{"leer.csv": nil, "vorlage.csv": csvfmt.Template} {
		out, err = run("--source", "bildungswerk", file(name, data))
		if exitCode(err) != 2 || !strings.Contains(out, "Abgebrochen: Zeile 1: Die Datei") {
			t.Fatalf("%s: exit %d (%v)\n%s", name, exitCode(err), err, out)
		}
	}
	if out, err = run(example); exitCode(err) != 2 || !strings.Contains(out, "--source") {
		t.Fatalf("without source: exit %d (%v)\n%s", exitCode(err), err, out)
	}
}
