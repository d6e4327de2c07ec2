package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lernnetz/lernnetz/exchange"
)

func TestImportCommand(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "lernnetz.db")
	env := envFrom(map[string]string{"LERNNETZ_DB": db})
	run := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := cmdImport(ctx, args, env, &out, &errOut)
		return out.String() + errOut.String(), err
	}
	const testdata = "../../exchange/testdata/"

	out, err := run("--dry-run", testdata+"full.xml")
	if err != nil || !strings.Contains(out, "Angebote:  3 neu") || !strings.Contains(out, "Probelauf: nichts gespeichert.") {
		t.Fatalf("dry run: %v\n%s", err, out)
	}
	out, err = run(testdata + "full.xml")
	if err != nil || !strings.Contains(out, "full.xml – Quelle „kursportal-musterland“ (Kursportal Musterland), vollständiger Katalog vom 20.11.2026 08:00") ||
		!strings.Contains(out, "Anbieter:  2 neu, 0 geändert, 0 unverändert") || !strings.Contains(out, "Angebote:  3 neu") {
		t.Fatalf("import: %v\n%s", err, out)
	}

	// JSON, one object per file; a second run changes nothing.
	out, err = run("--json", testdata+"full.xml")
	if err != nil {
		t.Fatal(err)
	}
	var sum exchange.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil || sum.Unchanged != 3 || sum.Inserted != 0 || sum.File != "full.xml" {
		t.Fatalf("JSON summary: %v\n%s", err, out)
	}

	// Some records rejected: exit code 1, each problem listed with its line.
	out, err = run("--source", "kursportal-musterland", testdata+"bad-records.xml")
	if exitCode(err) != 1 || !strings.Contains(out, "Abgelehnt: 3 Datensätze") ||
		!strings.Contains(out, "/COURSE[1]/COURSESCHEDULES/SCHEDULE[2]/S_START_DATE (B1): „2027-13-45T18:00:00“ ist kein Zeitpunkt") {
		t.Fatalf("bad records: exit %d (%v)\n%s", exitCode(err), err, out)
	}

	// Nothing usable: exit code 2.
	hostile := filepath.Join(t.TempDir(), "xxe.xml")
	os.WriteFile(hostile, []byte(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><DEFTISCAT>&e;</DEFTISCAT>`), 0o600)
	out, err = run(hostile)
	if exitCode(err) != 2 || !strings.Contains(out, "Abgebrochen: Zeile 1: DOCTYPE") {
		t.Fatalf("hostile file: exit %d (%v)\n%s", exitCode(err), err, out)
	}
	if _, err = run(filepath.Join(t.TempDir(), "fehlt.xml")); exitCode(err) != 2 {
		t.Fatalf("missing file: exit %d (%v)", exitCode(err), err)
	}
	// One good file and one bad: some imported, exit code 1.
	if _, err = run(testdata+"full.xml", hostile); exitCode(err) != 1 {
		t.Fatalf("good and bad file: exit %d (%v)", exitCode(err), err)
	}

	if _, err = run(); !isUsage(err) {
		t.Fatalf("no file: want a usage error, got %v", err)
	}
}
