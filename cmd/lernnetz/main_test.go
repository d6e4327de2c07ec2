package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/storage/storetest"
)

// The test binary doubles as the lernnetz binary: with LERNNETZ_TEST_AS_MAIN
// set it runs main, so tests can start real lernnetz processes.
func TestMain(m *testing.M) {
	if os.Getenv("LERNNETZ_TEST_AS_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func envFrom(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// waitForURL waits until out shows the line "… portal at URL" and returns URL.
func waitForURL(t *testing.T, out fmt.Stringer, errOut fmt.Stringer) string {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		for _, line := range strings.Split(out.String(), "\n") {
			if _, url, ok := strings.Cut(line, "portal at "); ok {
				return strings.TrimSpace(url)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("lernnetz did not start; stderr:\n%s", errOut)
	return ""
}

func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if v != nil && res.StatusCode == http.StatusOK {
		if err := json.NewDecoder(res.Body).Decode(v); err != nil {
			t.Fatalf("GET %s: %v", url, err)
		}
	}
	return res.StatusCode
}

type offerList struct {
	Total int `json:"total"`
	Items []struct {
		ID       int64  `json:"id"`
		Title    string `json:"title"`
		URL      string `json:"url"`
		Provider struct {
			Name string `json:"name"`
		} `json:"provider"`
		Dates []json.RawMessage `json:"dates"`
	} `json:"items"`
}

// TestServeDemoOnFirstStart is the README's first command: lernnetz serve on
// an empty SQLite file comes up with the Saarland demo catalogue, answers on
// /healthz and in the API, and stops cleanly when asked.
func TestServeDemoOnFirstStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	env := envFrom(map[string]string{"LERNNETZ_DB": filepath.Join(t.TempDir(), "lernnetz.db"), "LERNNETZ_ADDR": "127.0.0.1:0"})
	done := make(chan int, 1)
	go func() { done <- Run(ctx, []string{"serve"}, env, &out, &errOut) }()
	base := waitForURL(t, &out, &errOut)

	if code := getJSON(t, base+"/healthz", nil); code != http.StatusOK {
		t.Fatalf("/healthz: %d", code)
	}
	var list offerList
	if code := getJSON(t, base+"/api/v1/offers?per_page=5", &list); code != http.StatusOK {
		t.Fatalf("/api/v1/offers: %d", code)
	}
	if list.Total < 500 || len(list.Items) != 5 {
		t.Fatalf("demo catalogue has %d published offers (%d on the page), want at least 500", list.Total, len(list.Items))
	}
	first := list.Items[0]
	if len(first.Dates) == 0 || first.Provider.Name == "" || !strings.HasPrefix(first.URL, base+"/") {
		t.Fatalf("offer without dates, provider or url: %+v", first)
	}
	res, err := http.Get(first.URL)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(page), htmlEscape(first.Title)) {
		t.Fatalf("offer page %s: %d, title %q missing", first.URL, res.StatusCode, first.Title)
	}

	var found struct {
		Total int `json:"total"`
	}
	if code := getJSON(t, base+"/api/v1/search?q=Deutschkurs&near=66111", &found); code != http.StatusOK || found.Total == 0 {
		t.Fatalf("search for Deutschkurs near 66111: %d, %d offers", code, found.Total)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited with %d after shutdown; stderr:\n%s", code, errOut.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop after its context was cancelled")
	}

	// The second start finds the catalogue and the search snapshot: no demo
	// load, no index rebuild.
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	var out2, errOut2 syncBuffer
	go func() { done <- Run(ctx2, []string{"serve"}, env, &out2, &errOut2) }()
	base = waitForURL(t, &out2, &errOut2)
	if !strings.Contains(errOut2.String(), "search index loaded from snapshot") || strings.Contains(errOut2.String(), "demo data") {
		t.Fatalf("second start did not use the snapshot:\n%s", errOut2.String())
	}
	if code := getJSON(t, base+"/api/v1/search?q=Deutschkurs&near=66111", &found); code != http.StatusOK || found.Total == 0 {
		t.Fatalf("search after restart: %d, %d offers", code, found.Total)
	}
	cancel2()
	if code := <-done; code != 0 {
		t.Fatalf("second serve exited with %d", code)
	}
}

func htmlEscape(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")
	return r.Replace(s)
}

func TestMigrateAndSeed(t *testing.T) {
	ctx := context.Background()
	env := envFrom(map[string]string{"LERNNETZ_DB": filepath.Join(t.TempDir(), "x.db")})
	var out, errOut syncBuffer
	if code := Run(ctx, []string{"migrate"}, env, &out, &errOut); code != 0 {
		t.Fatalf("migrate: %d %s", code, errOut.String())
	}
	if m := regexp.MustCompile(`sqlite database is at schema version (\d+) \(latest (\d+)\)`).FindStringSubmatch(out.String()); m == nil || m[1] != m[2] || m[1] == "0" {
		t.Fatalf("migrate said %q", out.String())
	}
	if code := Run(ctx, []string{"seed", "--demo"}, env, &out, &errOut); code != 0 {
		t.Fatalf("seed: %d %s", code, errOut.String())
	}
	if code := Run(ctx, []string{"seed", "--demo"}, env, &out, &errOut); code != 0 || !strings.Contains(out.String(), "loaded already") {
		t.Fatalf("second seed: %d %q", code, out.String())
	}
}

func TestUsageErrors(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"fly"}, nil, `unknown command "fly"`},
		{[]string{"seed"}, nil, "--demo"},
		{[]string{"serve"}, map[string]string{"LERNNETZ_LOG_LEVEL": "loud"}, `log level "loud"`},
		{[]string{"serve"}, map[string]string{"LERNNETZ_DEMO": "vielleicht"}, `LERNNETZ_DEMO="vielleicht"`},
		{[]string{"serve", "--port", "80"}, nil, "flag provided but not defined: -port"},
	}
	for _, c := range cases {
		var out, errOut syncBuffer
		if code := Run(ctx, c.args, envFrom(c.env), &out, &errOut); code != 2 || !strings.Contains(errOut.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, errOut.String(), c.want)
		}
	}
	var out, errOut syncBuffer
	if code := Run(ctx, []string{"version"}, envFrom(nil), &out, &errOut); code != 0 || !strings.HasPrefix(out.String(), "lernnetz ") {
		t.Errorf("version: %d %q", code, out.String())
	}
	out, errOut = syncBuffer{}, syncBuffer{}
	if code := Run(ctx, []string{"serve", "-h"}, envFrom(nil), &out, &errOut); code != 0 || !strings.Contains(errOut.String(), "LERNNETZ_ADDR") {
		t.Errorf("serve -h: exit %d, %q", code, errOut.String())
	}
	// Every command is reachable through Run.
	db := filepath.Join(t.TempDir(), "run.db")
	out, errOut = syncBuffer{}, syncBuffer{}
	if code := Run(ctx, []string{"user", "create", "--email", "koordination@lernnetz.example", "--role", "coordinator"}, envFrom(map[string]string{"LERNNETZ_DB": db}), &out, &errOut); code != 0 || !strings.Contains(out.String(), "koordination@lernnetz.example") {
		t.Errorf("user create through Run: %d %q %q", code, out.String(), errOut.String())
	}
	out, errOut = syncBuffer{}, syncBuffer{}
	if code := Run(ctx, []string{"import", "/does/not/exist.xml"}, envFrom(map[string]string{"LERNNETZ_DB": db}), &out, &errOut); code == 0 || !strings.Contains(errOut.String(), "exist.xml") {
		t.Errorf("import of a missing file through Run: %d %q", code, errOut.String())
	}
}

// node is a lernnetz serve process started from the test binary.
type node struct {
	cmd      *exec.Cmd
	out, err syncBuffer
	url      string
}

func startNode(t *testing.T, env ...string) *node {
	t.Helper()
	n := &node{cmd: exec.Command(os.Args[0], "serve")}
	n.cmd.Env = append(os.Environ(), append([]string{"LERNNETZ_TEST_AS_MAIN=1", "LERNNETZ_ADDR=127.0.0.1:0"}, env...)...)
	n.cmd.Stdout, n.cmd.Stderr = &n.out, &n.err
	if err := n.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.cmd.Process.Kill(); n.cmd.Wait() })
	return n
}

func (n *node) stop(t *testing.T) {
	t.Helper()
	n.cmd.Process.Signal(syscall.SIGTERM)
	errc := make(chan error, 1)
	go func() { errc <- n.cmd.Wait() }()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("node did not exit cleanly on SIGTERM: %v\n%s", err, n.err.String())
		}
		if !strings.Contains(n.err.String(), "msg=stopped") {
			t.Fatalf("node did not log a graceful stop:\n%s", n.err.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("node did not stop on SIGTERM")
	}
}

// TestTwoNodesOnPostgres starts two lernnetz processes on one PostgreSQL
// database at the same time: the demo catalogue is loaded once, both serve
// the same data, and an offer saved through one is served by the other.
func TestTwoNodesOnPostgres(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	env := []string{"LERNNETZ_DB=" + dsn, "LERNNETZ_ADMIN_TOKEN=geheim-fuer-tests"}
	a, b := startNode(t, env...), startNode(t, env...)
	a.url, b.url = waitForURL(t, &a.out, &a.err), waitForURL(t, &b.out, &b.err)

	var listA, listB offerList
	getJSON(t, a.url+"/api/v1/offers?per_page=1", &listA)
	getJSON(t, b.url+"/api/v1/offers?per_page=1", &listB)
	if listA.Total < 500 || listA.Total != listB.Total || listA.Items[0].ID != listB.Items[0].ID {
		t.Fatalf("nodes disagree or the demo was loaded twice: %d vs %d offers", listA.Total, listB.Total)
	}
	var providers struct {
		Total int `json:"total"`
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	getJSON(t, a.url+"/api/v1/providers?per_page=1", &providers)

	body := fmt.Sprintf(`{"provider_id": %d, "title": "Gebärdensprache Grundkurs (DGS A1)", "status": "published",
		"dates": [{"start_kind": "fixed", "start": "2027-04-13T18:00:00+02:00", "end": "2027-06-29T20:15:00+02:00"}]}`, providers.Items[0].ID)
	req, _ := http.NewRequest(http.MethodPost, a.url+"/api/v1/offers", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer geheim-fuer-tests")
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var created struct {
		ID int64 `json:"id"`
	}
	json.NewDecoder(res.Body).Decode(&created)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated || created.ID == 0 {
		t.Fatalf("POST through node A: %d", res.StatusCode)
	}
	var seen struct {
		Title string `json:"title"`
	}
	if code := getJSON(t, fmt.Sprintf("%s/api/v1/offers/%d", b.url, created.ID), &seen); code != http.StatusOK || seen.Title != "Gebärdensprache Grundkurs (DGS A1)" {
		t.Fatalf("node B does not serve the offer saved through node A: %d %q", code, seen.Title)
	}
	getJSON(t, b.url+"/api/v1/offers?per_page=1", &listB)
	if listB.Total != listA.Total+1 {
		t.Fatalf("node B lists %d offers, want %d", listB.Total, listA.Total+1)
	}
	a.stop(t)
	b.stop(t)
}
