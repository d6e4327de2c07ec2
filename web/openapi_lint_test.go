package web_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestOpenAPILint runs an independent validator, Redocly CLI (pinned in
// tools/openapi/package.json, installed with `npm ci --prefix tools/openapi`)
// with its recommended rules over the served openapi.json, and fails on every
// error. Without the installed tool it skips, unless LERNNETZ_REQUIRE_TOOLS=1
// (as in CI) makes it mandatory.
func TestOpenAPILint(t *testing.T) {
	dir := toolsDir(t, "openapi")
	cli := filepath.Join(dir, "node_modules", "@redocly", "cli", "bin", "cli.js")
	node, nodeErr := exec.LookPath("node")
	if _, err := os.Stat(cli); err != nil || nodeErr != nil {
		msg := "Redocly CLI is not installed: run `npm ci --prefix tools/openapi --no-audit --no-fund` (needs Node 20.19+)"
		if os.Getenv("LERNNETZ_REQUIRE_TOOLS") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}

	e := newEnv(t, adminToken)
	r := e.get(t, "/api/v1/openapi.json")
	if r.status != 200 {
		t.Fatalf("openapi.json: %d", r.status)
	}
	file := filepath.Join(t.TempDir(), "openapi.json")
	if err := os.WriteFile(file, r.body, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, cli, "lint", "--config", filepath.Join(dir, "redocly.yaml"), "--format=json", file)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "REDOCLY_TELEMETRY=off", "REDOCLY_SUPPRESS_UPDATE_NOTICE=true", "NO_COLOR=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var report struct {
		Totals struct {
			Errors   int `json:"errors"`
			Warnings int `json:"warnings"`
		} `json:"totals"`
		Problems []struct {
			RuleID   string `json:"ruleId"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
			Location []struct {
				Pointer string `json:"pointer"`
			} `json:"location"`
		} `json:"problems"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("redocly lint gave no report (%v): %v\n%s\n%s", runErr, err, stdout.Bytes(), stderr.Bytes())
	}
	for _, p := range report.Problems {
		where := ""
		if len(p.Location) > 0 {
			where = p.Location[0].Pointer
		}
		if p.Severity == "error" {
			t.Errorf("redocly %s at %s: %s", p.RuleID, where, p.Message)
		} else {
			t.Logf("redocly %s (%s) at %s: %s", p.RuleID, p.Severity, where, p.Message)
		}
	}
	if report.Totals.Errors == 0 && runErr != nil {
		t.Errorf("redocly lint failed without errors in its report: %v\n%s", runErr, stderr.Bytes())
	}
}

// toolsDir finds tools/name in the repository from the test's directory.
func toolsDir(t *testing.T, name string) string {
	t.Helper()
	dir, _ := os.Getwd()
	for range 4 {
		p := filepath.Join(dir, "tools", name)
		if _, err := os.Stat(filepath.Join(p, "package.json")); err == nil {
			return p
		}
		dir = filepath.Dir(dir)
	}
	t.Fatalf("tools/%s/package.json not found above the test's directory", name)
	return ""
}
