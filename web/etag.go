package web

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// Conditional GET: every successful GET (and HEAD) response of the API and
// the portal carries a strong ETag, the first 128 bits of the SHA-256 of its
// body, base64url; a request whose If-None-Match names it gets 304 Not
// Modified without a body.
//
// Why a hash of the body and not a version (updated_at) of the object: a
// response is made of more than one record (an offer shows its provider's
// name and its venues; lists and feeds many records) and of things no record
// holds (the language, the base URL, the session's Merkliste). Only the body
// itself changes exactly when any of them does, so the tag cannot go stale
// and needs no rule per route. It saves the transfer, not the rendering.
// gzip responses carry the tag weakened (W/"…"), as RFC 9110 asks for a
// different content coding; If-None-Match compares weakly, so both match.
//
// Responses larger than etagMaxBody, and handlers that flush (streams such
// as exports), are passed through without a tag.

// etagMaxBody is the largest body that is buffered to be tagged.
const etagMaxBody = 4 << 20

// withETag serves r with h, tagging a 200 response of a GET or HEAD request
// and answering If-None-Match.
func withETag(h http.Handler, w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.ServeHTTP(w, r)
		return
	}
	ew := &etagWriter{ResponseWriter: w}
	h.ServeHTTP(ew, r)
	ew.finish(r)
}

// etagWriter buffers a response until it is complete.
type etagWriter struct {
	http.ResponseWriter
	status  int
	buf     []byte
	through bool // passing through: too large, flushed, or not a 200
}

func (e *etagWriter) WriteHeader(status int) {
	if e.through || e.status != 0 {
		if e.through {
			e.ResponseWriter.WriteHeader(status)
		}
		return
	}
	if status >= 100 && status < 200 {
		e.ResponseWriter.WriteHeader(status) // informational: not the response
		return
	}
	e.status = status
	if status != http.StatusOK {
		e.passThrough()
	}
}

func (e *etagWriter) Write(b []byte) (int, error) {
	if e.status == 0 {
		e.WriteHeader(http.StatusOK)
	}
	if e.through {
		return e.ResponseWriter.Write(b)
	}
	if len(e.buf)+len(b) > etagMaxBody {
		e.passThrough()
		return e.ResponseWriter.Write(b)
	}
	e.buf = append(e.buf, b...)
	return len(b), nil
}

// Flush sends the response as it comes, untagged.
func (e *etagWriter) Flush() {
	if e.status == 0 {
		e.WriteHeader(http.StatusOK)
	}
	e.passThrough()
	http.NewResponseController(e.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (e *etagWriter) Unwrap() http.ResponseWriter { return e.ResponseWriter }

// passThrough sends the status and whatever is buffered, and from then on
// writes straight through.
func (e *etagWriter) passThrough() {
	if e.through {
		return
	}
	e.through = true
	if e.status != 0 {
		e.ResponseWriter.WriteHeader(e.status)
	}
	if len(e.buf) > 0 {
		e.ResponseWriter.Write(e.buf)
		e.buf = nil
	}
}

// finish tags and sends a buffered response, or a 304 when the client has it.
func (e *etagWriter) finish(r *http.Request) {
	if e.through {
		return
	}
	if e.status == 0 {
		e.status = http.StatusOK // a handler that wrote nothing
	}
	h := e.Header()
	etag := h.Get("ETag")
	if etag == "" {
		sum := sha256.Sum256(e.buf)
		etag = `"` + base64.RawURLEncoding.EncodeToString(sum[:16]) + `"`
		h.Set("ETag", etag)
	}
	if etagMatches(r.Header.Get("If-None-Match"), etag) {
		h.Del("Content-Length")
		h.Del("Content-Type")
		e.ResponseWriter.WriteHeader(http.StatusNotModified)
		return
	}
	if h.Get("Content-Type") == "" && len(e.buf) > 0 {
		h.Set("Content-Type", http.DetectContentType(e.buf))
	}
	if h.Get("Content-Encoding") == "" {
		h.Set("Content-Length", strconv.Itoa(len(e.buf)))
	}
	e.ResponseWriter.WriteHeader(e.status)
	e.ResponseWriter.Write(e.buf)
}

// etagMatches reports whether the If-None-Match header value list names
// etag, comparing weakly (RFC 9110, 13.1.2): W/ prefixes are ignored.
func etagMatches(list, etag string) bool {
	if list == "" {
		return false
	}
	etag = strings.TrimPrefix(etag, "W/")
	for _, tag := range strings.Split(list, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == etag {
			return true
		}
	}
	return false
}

// describeConditionalGET adds the ETag header, the If-None-Match parameter
// and the 304 response to every GET operation of doc, as withETag answers
// them.
func describeConditionalGET(doc *huma.OpenAPI) {
	for _, item := range doc.Paths {
		op := item.Get
		if op == nil {
			continue
		}
		op.Parameters = append(op.Parameters, &huma.Param{
			Name: "If-None-Match", In: "header", Schema: &huma.Schema{Type: "string"},
			Description: "The ETag of a copy the client has: when it is still current, the answer is 304 without a body.",
		})
		for code, resp := range op.Responses {
			if code != "200" {
				continue
			}
			if resp.Headers == nil {
				resp.Headers = map[string]*huma.Param{}
			}
			resp.Headers["ETag"] = &huma.Param{Schema: &huma.Schema{Type: "string"},
				Description: "A strong entity tag of the body (a hash); send it as If-None-Match to revalidate."}
		}
		op.Responses["304"] = &huma.Response{Description: "Not Modified: the copy named in If-None-Match is current."}
	}
}
