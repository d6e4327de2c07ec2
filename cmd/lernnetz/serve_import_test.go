package main

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeImportLimit: LERNNETZ_MAX_IMPORT_MB bounds POST /api/v1/imports,
// and a value that is no number stops serve with a usage error.
func TestServeImportLimit(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	env := envFrom(map[string]string{"LERNNETZ_DB": filepath.Join(t.TempDir(), "lernnetz.db"), "LERNNETZ_ADDR": "127.0.0.1:0",
		"LERNNETZ_DEMO": "false", "LERNNETZ_ADMIN_TOKEN": "geheim-fuer-tests-0123", "LERNNETZ_MAX_IMPORT_MB": "1"})
	done := make(chan int, 1)
	go func() { done <- Run(ctx, []string{"serve"}, env, &out, &errOut) }()
	base := waitForURL(t, &out, &errOut)

	post := func(body []byte, contentType string) int {
		req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/imports?source=test", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer geheim-fuer-tests-0123")
		req.Header.Set("Content-Type", contentType)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if code := post(bytes.Repeat([]byte("x"), 1<<20+1), "application/xml"); code != http.StatusRequestEntityTooLarge {
		t.Errorf("1 MB + 1 byte with a limit of 1 MB: %d", code)
	}
	// serve has every format: a CSV file is imported.
	csv := "anbieter_id;anbieter_name;angebot_id;titel;kurzbeschreibung;lernform;beginn\r\n" +
		"vhs;VHS Test;k1;Excel für Einsteiger;Tabellen rechnen lernen;Präsenz;01.03.2031 18:00\r\n"
	if code := post([]byte(csv), "text/csv"); code != http.StatusCreated {
		t.Errorf("CSV upload: %d; stderr:\n%s", code, errOut.String())
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("serve exited with %d", code)
	}

	bad := envFrom(map[string]string{"LERNNETZ_DB": filepath.Join(t.TempDir(), "x.db"), "LERNNETZ_MAX_IMPORT_MB": "viel"})
	var o, e syncBuffer
	if code := Run(context.Background(), []string{"serve"}, bad, &o, &e); code != 2 || !strings.Contains(e.String(), "LERNNETZ_MAX_IMPORT_MB") {
		t.Errorf("LERNNETZ_MAX_IMPORT_MB=viel: exit %d, stderr %q", code, e.String())
	}
}
