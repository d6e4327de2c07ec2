package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/csvfmt"
	"github.com/lernnetz/lernnetz/internal/shared"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/web"
)

// pas1045File finds the real WDB Brandenburg export in shared/ beside the
// repository; CI must have it.
func pas1045File(t *testing.T) string { return shared.Path(t, shared.PAS1045) }

// upload posts body to path as contentType with the token.
func (e *env) upload(t *testing.T, path, token, contentType string, body []byte) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

// importSummary is what the tests read of exchange.Summary.
type importSummary struct {
	File              string `json:"file"`
	Source            string `json:"source"`
	DryRun            bool   `json:"dry_run"`
	Inserted          int    `json:"inserted"`
	Unchanged         int    `json:"unchanged"`
	ProvidersInserted int    `json:"providers_inserted"`
	RejectedRecords   int    `json:"rejected_records"`
	Rejected          []struct {
		Line    int    `json:"line"`
		Path    string `json:"path"`
		Message string `json:"message"`
	} `json:"rejected"`
	Error string `json:"error"`
}

func withMaxImport(n int64) apiOption {
	return func(cfg *web.Config, _ *[]storage.Option) { cfg.MaxImportBytes = n }
}

func TestImportUpload(t *testing.T) {
	file, err := os.ReadFile(pas1045File(t))
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, adminToken)

	// Only with the token.
	decodeProblem(t, e.upload(t, "/api/v1/imports", "", "application/xml", file), http.StatusUnauthorized)
	decodeProblem(t, e.upload(t, "/api/v1/imports", "wrong-token-0123456789", "application/xml", file), http.StatusUnauthorized)

	// A dry run says what would happen and saves nothing.
	var dry importSummary
	decode(t, e.upload(t, "/api/v1/imports?dry_run=true&filename=wdb.xml", adminToken, "application/xml", file), http.StatusOK, &dry)
	if !dry.DryRun || dry.Inserted != 19 || dry.ProvidersInserted != 533 || dry.File != "wdb.xml" || dry.Source != "wdb-brandenburg" {
		t.Errorf("dry run: %+v", dry)
	}
	if n := countOffers(t, e); n != 0 {
		t.Fatalf("a dry run saved %d offers", n)
	}

	// The real import: 201 with the same numbers, the offers in the API.
	var sum importSummary
	r := e.upload(t, "/api/v1/imports?source=brandenburg", adminToken, "application/xml", file)
	decode(t, r, http.StatusCreated, &sum)
	if sum.Inserted != 19 || sum.ProvidersInserted != 533 || sum.Source != "brandenburg" || sum.DryRun || sum.File != "upload" {
		t.Errorf("import: %+v", sum)
	}
	offers, _, err := e.store.Offers(t.Context(), catalogue.OfferFilter{})
	if err != nil || len(offers) == 0 || offers[0].Provenance.Source != "brandenburg" {
		t.Fatalf("imported offers: %d, %v", len(offers), err)
	}
	// The same file again changes nothing.
	decode(t, e.upload(t, "/api/v1/imports?source=brandenburg", adminToken, "application/xml", file), http.StatusCreated, &sum)
	if sum.Inserted != 0 || sum.Unchanged != 19 {
		t.Errorf("second import: %+v", sum)
	}

	// A file with nothing usable: 422 problem+json with the summary.
	broken := []byte(`<?xml version="1.0" encoding="UTF-8"?><DEFTISCAT><DATASUPPLIER><DS_NAME>X</DS_NAME></DATASUPPLIER><COURSESUPPLIERS><COURSESUPPLIER>`)
	r = e.upload(t, "/api/v1/imports", adminToken, "application/xml", broken)
	p := decodeProblem(t, r, http.StatusUnprocessableEntity)
	var withSummary struct {
		Summary *importSummary `json:"summary"`
	}
	if err := json.Unmarshal(r.body, &withSummary); err != nil || withSummary.Summary == nil || withSummary.Summary.Error == "" {
		t.Errorf("422 without a summary that names the error: %s", r.body)
	}
	if len(p.Errors) == 0 || p.Errors[len(p.Errors)-1].Code != "unreadable" || !strings.Contains(p.Detail, "Nothing") {
		t.Errorf("422 problem: %+v", p)
	}
	// Not XML at all.
	decodeProblem(t, e.upload(t, "/api/v1/imports", adminToken, "application/xml", []byte("Hallo Welt")), http.StatusUnprocessableEntity)
	// No body.
	decodeProblem(t, e.upload(t, "/api/v1/imports", adminToken, "application/xml", nil), http.StatusBadRequest)
	if n := countOffers(t, e); n != 19 {
		t.Errorf("%d offers after the failed imports, want 19", n)
	}
}

func TestImportTooLarge(t *testing.T) {
	file, err := os.ReadFile(pas1045File(t))
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, adminToken, withMaxImport(1<<20)) // the file has 1.2 MB
	p := decodeProblem(t, e.upload(t, "/api/v1/imports", adminToken, "application/xml", file), http.StatusRequestEntityTooLarge)
	if len(p.Errors) != 1 || p.Errors[0].Code != "too_large" || !strings.Contains(p.Errors[0].Message, "1 MB") {
		t.Errorf("413 problem: %+v", p)
	}
	// Also when the client sends no Content-Length (chunked): nothing is saved.
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/api/v1/imports", io.MultiReader(bytes.NewReader(file)))
	req.ContentLength = -1
	req.Header.Set("Authorization", "Bearer "+adminToken)
	res, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked upload over the limit: %d", res.StatusCode)
	}
	if n := countOffers(t, e); n != 0 {
		t.Errorf("%d offers saved from a file over the limit", n)
	}
}

func TestImportUploadCSV(t *testing.T) {
	e := newEnv(t, adminToken)
	var sum importSummary
	r := e.upload(t, "/api/v1/imports?source=bw-saar&filename=beispiel.csv", adminToken, "text/csv; charset=utf-8", csvfmt.Example)
	decode(t, r, http.StatusCreated, &sum)
	if sum.Inserted != 4 || sum.RejectedRecords != 0 || sum.File != "beispiel.csv" {
		t.Errorf("CSV import: %+v", sum)
	}
	if n := countOffers(t, e); n != 4 {
		t.Errorf("%d offers after the CSV import, want the example's 4", n)
	}
	// CSV names no source: the problem says which parameter is missing.
	p := decodeProblem(t, e.upload(t, "/api/v1/imports", adminToken, "text/csv", csvfmt.Example), http.StatusUnprocessableEntity)
	if last := p.Errors[len(p.Errors)-1]; last.Location != "query.source" || last.Code != "required" {
		t.Errorf("CSV without source: %+v", p.Errors)
	}
	// The empty template has nothing usable.
	decodeProblem(t, e.upload(t, "/api/v1/imports?source=leer", adminToken, "text/csv", csvfmt.Template), http.StatusUnprocessableEntity)
}
