package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange"
)

// Export: GET /api/v1/export/{format} streams the published catalogue – or
// what changed in it since a time – through exchange.Export in one of the
// registered exchange formats, the same export as `lernnetz export`. The
// response is written as the store is read, page by page: its status and
// headers are sent with the first bytes, so a problem found before them is a
// problem+json, and a failure after them aborts the connection (the client
// sees a truncated transfer, never a file that looks complete).

type exportInput struct {
	Format   string    `path:"format" doc:"The exchange format."`
	Since    time.Time `query:"since" doc:"Only what changed since this instant (RFC 3339): the offers and providers saved since then and, where the format can say so, the offers deleted or unpublished since then. Default: the whole catalogue."`
	Provider int64     `query:"provider" minimum:"0" doc:"Only this provider and its offers."`
}

func (s *Server) registerExport(api huma.API) {
	var names []string
	content := map[string]*huma.MediaType{}
	for _, f := range exchange.Formats() {
		if f.NewWriter == nil {
			continue
		}
		names = append(names, f.Name)
		mt, _, _ := strings.Cut(f.MediaType, ";")
		content[mt] = &huma.MediaType{Schema: &huma.Schema{Type: "string"}}
	}
	if len(names) == 0 {
		return
	}
	register(s, api, huma.Operation{
		OperationID: "export-catalogue",
		Method:      http.MethodGet,
		Path:        "/export/{format}",
		Summary:     "Export the catalogue in an exchange format",
		Description: "Streams the published offers with their providers, dates and venues in an exchange format (" +
			strings.Join(names, ", ") + "); with `since` only what changed since then, with `provider` only one " +
			"provider's. The file is written while the catalogue is read; a failure in the middle aborts the transfer.",
		Tags:   []string{"exchange"},
		Errors: []int{http.StatusNotFound, http.StatusUnprocessableEntity},
	}, s.exportCatalogue)
	op := api.OpenAPI().Paths["/export/{format}"].Get
	for _, p := range op.Parameters {
		if p.Name == "format" && p.Schema != nil {
			for _, n := range names {
				p.Schema.Enum = append(p.Schema.Enum, n)
			}
		}
	}
	op.Responses["200"] = &huma.Response{Description: "The catalogue file, as an attachment.", Content: content}
}

func (s *Server) exportCatalogue(ctx context.Context, in *exportInput) (*huma.StreamResponse, error) {
	f, ok := exchange.Lookup(in.Format)
	if !ok || f.NewWriter == nil {
		return nil, newProblem(http.StatusNotFound, fmt.Sprintf("There is no export format %q; there are: %s.",
			in.Format, strings.Join(exchange.FormatNames(false), ", ")))
	}
	if in.Provider != 0 {
		if _, err := s.store.Provider(ctx, in.Provider); err != nil {
			return nil, s.apiError(ctx, err, fmt.Sprintf("provider %d", in.Provider))
		}
	}
	opts := exchange.ExportOptions{Since: in.Since, ProviderID: in.Provider, SupplierName: "lernnetz", BaseURL: baseURLFrom(ctx)}
	// A format that cannot write a delta says so before writing: try it
	// without output first.
	if !in.Since.IsZero() {
		probe := &lazyWriter{}
		if _, err := exchange.Export(ctx, emptyStore{s.store}, f.NewWriter(probe), opts); err != nil && !probe.started {
			p := newProblem(http.StatusUnprocessableEntity, fmt.Sprintf("The format %s cannot export changes since a time.", f.Name),
				&ProblemDetail{Location: "query.since", Code: "unsupported", Message: err.Error(), MessageEN: err.Error()})
			return nil, p
		}
	}
	filename := fmt.Sprintf("lernnetz-%s%s", time.Now().In(catalogue.Berlin).Format("2006-01-02"), f.Ext)
	return &huma.StreamResponse{Body: func(hctx huma.Context) {
		extendDeadlines(hctx, longRequest)
		w := &lazyWriter{start: func() {
			hctx.SetHeader("Content-Type", f.MediaType)
			hctx.SetHeader("Content-Disposition", `attachment; filename="`+filename+`"`)
			hctx.SetStatus(http.StatusOK)
		}, w: hctx.BodyWriter()}
		sum, err := exchange.Export(ctx, s.store, f.NewWriter(w), opts)
		if err == nil {
			w.Write(nil) // an empty export still sends its headers
			return
		}
		if !w.started {
			var p *Problem
			if !errors.As(s.apiError(ctx, err, "export"), &p) {
				p = newProblem(http.StatusInternalServerError, "An internal error occurred.")
			}
			p.RequestID = requestID(ctx)
			hctx.SetHeader("Content-Type", "application/problem+json")
			hctx.SetStatus(p.Status)
			huma.DefaultJSONFormat.Marshal(hctx.BodyWriter(), p)
			return
		}
		s.log.Error("export failed while streaming", "format", f.Name, "error", err, "written_offers", sum.Offers,
			"request_id", requestID(ctx))
		panic(http.ErrAbortHandler) // the client must not take the part for the whole
	}}, nil
}

// lazyWriter calls start before the first write and streams from then on.
type lazyWriter struct {
	start   func()
	w       interface{ Write([]byte) (int, error) }
	started bool
}

func (l *lazyWriter) Write(b []byte) (int, error) {
	if !l.started {
		l.started = true
		if l.start != nil {
			l.start()
		}
		if l.w != nil {
			// Stream: no buffering for an ETag (etag.go).
			if f, ok := l.w.(http.Flusher); ok {
				f.Flush()
			}
		}
	}
	if l.w == nil || len(b) == 0 {
		return len(b), nil
	}
	return l.w.Write(b)
}

// emptyStore is a store with no offers and no providers, for trying a
// format's writer without reading the catalogue.
type emptyStore struct{ catalogue.Store }

func (emptyStore) Offers(context.Context, catalogue.OfferFilter) ([]*catalogue.Offer, int, error) {
	return nil, 0, nil
}

func (emptyStore) Providers(context.Context, catalogue.ProviderFilter) ([]*catalogue.Provider, int, error) {
	return nil, 0, nil
}

func (emptyStore) Changes(context.Context, int64, int) ([]catalogue.Change, error) { return nil, nil }
