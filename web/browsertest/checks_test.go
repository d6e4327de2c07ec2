package browsertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The pages of every template, in German and English, also go through the
// Nu Html Checker (HTML validity) and pa11y (WCAG2AA with the HTML
// CodeSniffer and axe runners). Both tools come from the npm folder
// testdata/npm (npm ci --prefix web/browsertest/testdata/npm, with
// PUPPETEER_SKIP_DOWNLOAD=1): the tests skip without them, and fail
// without them when LERNNETZ_REQUIRE_TOOLS is set (as in CI).

const npmDir = "testdata/npm"

// needTool returns the absolute path of a file of the npm folder, or skips
// (fails when LERNNETZ_REQUIRE_TOOLS is set) when it or a program is missing.
func needTool(t *testing.T, rel string, programs ...string) string {
	t.Helper()
	missing := func(what string, err error) {
		t.Helper()
		msg := fmt.Sprintf("%s is missing (%v); install the page-check tools with "+
			"PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix web/browsertest/testdata/npm", what, err)
		if os.Getenv("LERNNETZ_REQUIRE_TOOLS") != "" {
			t.Fatal("LERNNETZ_REQUIRE_TOOLS is set but " + msg)
		}
		t.Skip(msg)
	}
	for _, p := range programs {
		if _, err := exec.LookPath(p); err != nil {
			missing(p, err)
		}
	}
	path, err := filepath.Abs(filepath.Join(npmDir, rel))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		missing(filepath.Join(npmDir, rel), err)
	}
	return path
}

// langPage is a page of a template in one language.
type langPage struct {
	page
	lang string
	url  string
}

func (p langPage) label() string { return p.name + " (" + p.lang + ")" }

// cookie is what a browser of the tests sends: two offers on the
// Merkliste and, for signed-in pages, the session.
func (s *site) cookie(p page) string {
	c := fmt.Sprintf("merkliste=%d.%d", s.offerID, s.offer2ID)
	if p.signedIn {
		c += "; " + sessionCookie + "=" + s.session
	}
	return c
}

// langPages lists every template in both languages.
func (s *site) langPages() []langPage {
	var out []langPage
	for _, lang := range []string{"de", "en"} {
		for _, p := range s.templates() {
			sep := "?"
			if strings.Contains(p.path, "?") {
				sep = "&"
			}
			out = append(out, langPage{page: p, lang: lang, url: s.url + p.path + sep + "lang=" + lang})
		}
	}
	return out
}

// wantStatus is the status a template's page answers with.
func wantStatus(p page) int {
	switch p.name {
	case "404":
		return http.StatusNotFound
	case "search-error":
		return http.StatusBadRequest
	}
	return http.StatusOK
}

// TestHTMLValidity saves every template's page in both languages and checks
// them with the Nu Html Checker in one JVM: 0 errors.
func TestHTMLValidity(t *testing.T) {
	jar := needTool(t, "node_modules/vnu-jar/build/dist/vnu.jar", "java")
	s := startSite(t)
	dir := t.TempDir()
	files := map[string]langPage{}
	var args []string
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, p := range s.langPages() {
		req, _ := http.NewRequest(http.MethodGet, p.url, nil)
		req.Header.Set("Cookie", s.cookie(p.page))
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != wantStatus(p.page) {
			t.Errorf("%s: status %d, want %d", p.label(), res.StatusCode, wantStatus(p.page))
		}
		name := filepath.Join(dir, p.name+"."+p.lang+".html")
		if err := os.WriteFile(name, body, 0o644); err != nil {
			t.Fatal(err)
		}
		files[name] = p
		args = append(args, name)
	}
	cmd := exec.Command("java", append([]string{"-jar", jar, "--errors-only", "--format", "json", "--stdout", "--exit-zero-always"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("vnu.jar: %v\n%s", err, stderr.String())
	}
	var report struct {
		Messages []struct {
			Type      string `json:"type"`
			SubType   string `json:"subType"`
			URL       string `json:"url"`
			LastLine  int    `json:"lastLine"`
			FirstCol  int    `json:"firstColumn"`
			Message   string `json:"message"`
			Extract   string `json:"extract"`
			LastCol   int    `json:"lastColumn"`
			FirstLine int    `json:"firstLine"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("vnu.jar output: %v\n%s", err, out)
	}
	errs := 0
	for _, m := range report.Messages {
		if m.Type != "error" && !(m.Type == "non-document-error") {
			continue
		}
		errs++
		file := strings.TrimPrefix(m.URL, "file:")
		p, ok := files[file]
		where := file
		if ok {
			where = p.label() + " " + p.path
		}
		t.Errorf("%s line %d: %s\n    %s", where, m.LastLine, m.Message, strings.ReplaceAll(m.Extract, "\n", " "))
	}
	t.Logf("Nu Html Checker: %d pages, %d errors, %.1f s", len(args), errs, time.Since(start).Seconds())
}

// TestPa11y runs pa11y (WCAG2AA, runners htmlcs and axe) on every
// template's page in both languages, in one node process with Debian's
// Chromium: 0 issues.
func TestPa11y(t *testing.T) {
	script := needTool(t, "pa11y-pages.js", "node")
	needTool(t, "node_modules/pa11y/package.json")
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("LERNNETZ_REQUIRE_TOOLS") != "" || os.Getenv("LERNNETZ_REQUIRE_BROWSER") != "" {
			t.Fatalf("pa11y needs Chromium at %s: %v", chromiumPath, err)
		}
		t.Skipf("pa11y needs Chromium at %s: %v", chromiumPath, err)
	}
	s := startSite(t)
	type cfgPage struct {
		Name    string            `json:"name"`
		URL     string            `json:"url"`
		Headers map[string]string `json:"headers"`
	}
	cfg := struct {
		Chrome      map[string]any `json:"chromeLaunchConfig"`
		Concurrency int            `json:"concurrency"`
		Pages       []cfgPage      `json:"pages"`
	}{Concurrency: 3, Chrome: map[string]any{"executablePath": chromiumPath,
		"args": []string{"--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"}}}
	for _, p := range s.langPages() {
		cfg.Pages = append(cfg.Pages, cfgPage{Name: p.label(), URL: p.url, Headers: map[string]string{"Cookie": s.cookie(p.page)}})
	}
	cfgFile := filepath.Join(t.TempDir(), "pa11y.json")
	data, _ := json.Marshal(cfg)
	if err := os.WriteFile(cfgFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", script, cfgFile)
	cmd.Env = append(os.Environ(), "PUPPETEER_SKIP_DOWNLOAD=1", "PUPPETEER_EXECUTABLE_PATH="+chromiumPath)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pa11y: %v\n%s", err, stderr.String())
	}
	var results []struct {
		Name   string `json:"name"`
		URL    string `json:"url"`
		Issues []struct {
			Code     string `json:"code"`
			Type     string `json:"type"`
			Message  string `json:"message"`
			Selector string `json:"selector"`
			Context  string `json:"context"`
			Runner   string `json:"runner"`
		} `json:"issues"`
	}
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("pa11y output: %v\n%.2000s", err, out)
	}
	if len(results) != len(cfg.Pages) {
		t.Fatalf("pa11y checked %d of %d pages", len(results), len(cfg.Pages))
	}
	issues := 0
	for _, r := range results {
		for _, is := range r.Issues {
			issues++
			t.Errorf("%s: %s %s (%s): %s\n    %s\n    %.200s", r.Name, is.Runner, is.Type, is.Code, is.Message, is.Selector, is.Context)
		}
	}
	t.Logf("pa11y: %d pages, %d issues, %.1f s", len(results), issues, time.Since(start).Seconds())
}
