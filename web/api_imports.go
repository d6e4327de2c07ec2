package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/lernnetz/lernnetz/exchange"
)

// Import upload: POST /api/v1/imports takes a whole catalogue file as the
// request body and runs it through exchange.Importer, the same import as
// `lernnetz import`. The body is first spooled to a temporary file (at most
// Config.MaxImportBytes), so that a body that is too large is refused with
// 413 before anything is saved.

// DefaultMaxImportBytes is the largest import file the API takes when
// Config.MaxImportBytes is not set.
const DefaultMaxImportBytes = 64 << 20

// importMediaTypes are the media types of import files: the format is
// found from the file itself (exchange.Detect), the type is for clients.
var importMediaTypes = []string{"application/xml", "text/xml", "text/csv", "application/octet-stream"}

type importInput struct {
	DryRun   bool   `query:"dry_run" doc:"Read, check and compare everything, save nothing: the summary tells what an import would do."`
	Source   string `query:"source" maxLength:"100" doc:"The source name the records are kept under; default: the data supplier the file names (DEfTIS: DS_NAME). A second import of the same source updates, and a full catalogue withdraws what it no longer lists."`
	FileName string `query:"filename" maxLength:"200" doc:"The file's name, used in the summary and the messages; default: the filename of a Content-Disposition header, else upload."`

	body        io.Reader
	contentType string
	disposition string
	length      int64
}

// Resolve keeps the raw body: huma does not read it (the operation has no
// Body field), so it can be streamed to disk.
func (in *importInput) Resolve(ctx huma.Context) []error {
	extendDeadlines(ctx, longRequest)
	in.body = ctx.BodyReader()
	in.contentType = ctx.Header("Content-Type")
	in.disposition = ctx.Header("Content-Disposition")
	in.length, _ = strconv.ParseInt(ctx.Header("Content-Length"), 10, 64)
	return nil
}

type importOutput struct {
	Status int
	Body   *exchange.Summary
}

// importProblem is the 422 of an import that brought nothing usable: a
// problem whose errors are the first rejections, with the whole summary.
type importProblem struct {
	*Problem
	Summary *exchange.Summary `json:"summary"`
}

func init() {
	schemaNames[reflect.TypeFor[importProblem]()] = "ImportProblem"
	schemaNames[reflect.TypeFor[exchange.Summary]()] = "ImportSummary"
	schemaNames[reflect.TypeFor[exchange.Rejection]()] = "ImportRejection"
}

func (s *Server) registerImports(api huma.API) {
	problem := api.OpenAPI().Components.Schemas.Schema(reflect.TypeFor[importProblem](), true, "ImportProblem")
	content := map[string]*huma.MediaType{}
	for _, mt := range importMediaTypes {
		content[mt] = &huma.MediaType{Schema: &huma.Schema{Type: "string", Format: "binary"}}
	}
	register(s, api, huma.Operation{
		OperationID: "create-import",
		Method:      http.MethodPost,
		Path:        "/imports",
		Summary:     "Import a catalogue file",
		Description: "Imports a whole catalogue file sent as the request body – in one of the formats " +
			strings.Join(exchange.FormatNames(true), ", ") + " – with the same " +
			"rules as the command `lernnetz import`: records are matched by source and source id, unchanged ones are not " +
			"written, invalid ones are rejected with line and element path, a full catalogue withdraws the source's " +
			"offers it no longer lists. The format is found from the file's content (XML by its root element; " +
			"Content-Type text/csv means CSV). Answers 201 with the summary when " +
			"something was imported, 200 for a dry run, and 422 (a problem with the summary in `summary`) when nothing " +
			"in the file was usable. Bodies larger than the server's limit get 413.",
		Tags:          []string{"exchange"},
		Security:      adminOnly,
		DefaultStatus: http.StatusCreated,
		RequestBody:   &huma.RequestBody{Required: true, Description: "The catalogue file.", Content: content},
		Errors:        []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden, http.StatusRequestEntityTooLarge},
	}, s.createImport)
	// huma describes the 201 and its own 422; the dry run's 200 and the
	// 422 with the summary are ours.
	op := api.OpenAPI().Paths["/imports"].Post
	op.Responses["422"] = &huma.Response{
		Description: "Nothing in the file was usable: a problem with the first rejections in errors and the whole summary.",
		Content:     map[string]*huma.MediaType{"application/problem+json": {Schema: problem}},
	}
	dry := *op.Responses["201"]
	dry.Description = "A dry run: what an import would do; nothing was saved."
	op.Responses["200"] = &dry
}

func (s *Server) createImport(ctx context.Context, in *importInput) (*importOutput, error) {
	if in.length > s.maxImport {
		return nil, s.tooLargeProblem()
	}
	if in.body == nil {
		return nil, newProblem(http.StatusBadRequest, "The request has no body: send the catalogue file as the body.")
	}
	f, err := os.CreateTemp("", "lernnetz-import-*")
	if err != nil {
		return nil, s.apiError(ctx, fmt.Errorf("spool import: %w", err), "import")
	}
	defer os.Remove(f.Name())
	defer f.Close()
	n, err := io.Copy(f, io.LimitReader(in.body, s.maxImport+1))
	if err != nil {
		return nil, s.apiError(ctx, fmt.Errorf("spool import: %w", err), "import")
	}
	if n > s.maxImport {
		return nil, s.tooLargeProblem()
	}
	if n == 0 {
		return nil, newProblem(http.StatusBadRequest, "The request body is empty: send the catalogue file as the body.")
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, s.apiError(ctx, fmt.Errorf("spool import: %w", err), "import")
	}

	name := in.FileName
	if name == "" {
		if _, params, err := mime.ParseMediaType(in.disposition); err == nil {
			name = params["filename"]
		}
	}
	if name == "" {
		name = "upload"
	}
	im := &exchange.Importer{Store: s.store}
	opts := exchange.Options{FileName: name, Source: in.Source, DryRun: in.DryRun}
	if mt, _, _ := mime.ParseMediaType(in.contentType); mt == "text/csv" {
		opts.Format = "csv"
	}
	sum, err := im.Import(ctx, f, opts)
	if sum == nil {
		sum = &exchange.Summary{File: name, DryRun: in.DryRun, Rejected: []exchange.Rejection{}}
	}
	if err != nil && sum.Error == "" {
		sum.Error = err.Error()
	}
	if errors.Is(err, context.Canceled) {
		return nil, s.apiError(ctx, err, "import")
	}
	s.log.Info("import over the API", "file", name, "source", sum.Source, "dry_run", in.DryRun,
		"inserted", sum.Inserted, "updated", sum.Updated, "unchanged", sum.Unchanged, "withdrawn", sum.Withdrawn,
		"rejected", sum.RejectedRecords, "error", sum.Error, "request_id", requestID(ctx))
	if !sum.Imported() {
		return nil, newImportProblem(ctx, sum, in.Source)
	}
	status := http.StatusCreated
	if in.DryRun {
		status = http.StatusOK
	}
	return &importOutput{Status: status, Body: sum}, nil
}

// maxImportRejections is how many rejections a 422 lists in errors; the
// summary has them all.
const maxImportRejections = 100

func newImportProblem(ctx context.Context, sum *exchange.Summary, source string) *importProblem {
	detail := "Nothing in the file could be imported."
	if sum.Error != "" {
		detail += " " + sum.Error
	}
	p := newProblem(http.StatusUnprocessableEntity, detail)
	for i, r := range sum.Rejected {
		if i == maxImportRejections {
			break
		}
		p.Errors = append(p.Errors, &ProblemDetail{
			Location: fmt.Sprintf("body:%d %s", r.Line, r.Path), Code: "rejected",
			Message: r.Message, MessageEN: "The record " + r.SourceID + " was not imported: " + r.Message,
		})
	}
	if sum.Error != "" {
		p.Errors = append(p.Errors, &ProblemDetail{Location: "body", Code: "unreadable", Message: sum.Error, MessageEN: sum.Error})
	}
	if sum.Source == "" && source == "" && sum.Error != "" {
		// The file names no data supplier (a CSV file never does).
		p.Errors = append(p.Errors, &ProblemDetail{Location: "query.source", Code: "required",
			Message:   "Die Datei nennt keinen Datenlieferanten: bitte die Quelle mit dem Parameter source angeben.",
			MessageEN: "The file names no data supplier: give the source with the parameter source."})
	}
	p.RequestID = requestID(ctx)
	return &importProblem{Problem: p, Summary: sum}
}

func (s *Server) tooLargeProblem() *Problem {
	return newProblem(http.StatusRequestEntityTooLarge,
		fmt.Sprintf("The file is larger than this server takes (%d bytes). Split it, or ask the operator to raise the limit.", s.maxImport),
		&ProblemDetail{Location: "body", Code: "too_large",
			Message:   fmt.Sprintf("Die Datei ist größer als erlaubt (höchstens %d MB).", s.maxImport>>20),
			MessageEN: fmt.Sprintf("The file is larger than allowed (at most %d MB).", s.maxImport>>20)})
}

// longRequest is how long an import upload or an export may take: the
// server's deadlines (a minute) are for ordinary requests.
const longRequest = 30 * time.Minute

// extendDeadlines gives the request of ctx d to read its body and write its
// answer.
func extendDeadlines(ctx huma.Context, d time.Duration) {
	_, w := humago.Unwrap(ctx)
	rc := http.NewResponseController(w)
	deadline := time.Now().Add(d)
	rc.SetReadDeadline(deadline)
	rc.SetWriteDeadline(deadline)
}
