// Package web is lernnetz's HTTP layer: the JSON API under /api/v1 (built
// with huma, which generates its OpenAPI 3.1 document from the handlers), the
// server-rendered HTML pages of the portal, and /healthz.
//
// Handlers are thin: they call the catalogue.Store and render what it
// returns. Errors of the API are RFC 9457 problem details (see Problem); to
// give huma's own validation errors the same shape, New replaces huma's
// package-level error constructor once per process.
package web

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/moderation"
)

// Config configures the HTTP layer.
type Config struct {
	// Store is the catalogue; required.
	Store catalogue.Store
	// AdminToken, when set, enables the write endpoints of the API for
	// requests with the header "Authorization: Bearer <AdminToken>". Without
	// it the API is read-only.
	AdminToken string
	// Logger receives one line per request and every internal error;
	// slog.Default() when nil.
	Logger *slog.Logger
	// BaseURL is the public address of the portal, e.g.
	// "https://lernnetz.example", used for the absolute URLs the API returns.
	// The portal is served at the root of the site, so BaseURL has no path.
	// When empty, URLs are built from each request's Host header, which is
	// fine for development but not behind a proxy.
	BaseURL string
	// Version is the running version, shown in the OpenAPI document.
	Version string
	// Search answers /api/v1/search and /api/v1/suggest; without it those
	// routes are absent.
	Search Searcher
	// Accounts, when set, enables sign-up, login and the account pages
	// (see AccountConfig).
	Accounts *AccountConfig
	// MaxImportBytes is the largest file POST /api/v1/imports takes;
	// DefaultMaxImportBytes when 0.
	MaxImportBytes int64
	// Dev is development mode, never for production: session cookies
	// without Secure and the __Host- prefix (for http://127.0.0.1), and the
	// mail folder at /dev/mail.
	Dev bool
}

// Validate reports whether the configuration can be used.
func (c Config) Validate() error {
	if c.Store == nil {
		return errors.New("web: Config.Store is required")
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
			return fmt.Errorf("web: BaseURL %q must be the root of an http(s) site, e.g. https://lernnetz.example", c.BaseURL)
		}
	}
	return c.validateAccounts()
}

// Route is one method and path pattern the server answers.
type Route struct {
	Method  string // GET, POST or PUT
	Pattern string // e.g. /api/v1/offers/{id}
	// OperationID is the operation's id in the OpenAPI document; empty for
	// routes outside the JSON API.
	OperationID string
}

// Server is lernnetz's HTTP handler. Create it with New.
type Server struct {
	store     catalogue.Store
	searcher  Searcher
	log       *slog.Logger
	baseURL   string    // without trailing slash; empty: from the request
	adminHash *[32]byte // SHA-256 of the admin token; nil: writes disabled
	mux       *http.ServeMux
	handler   http.Handler
	routes    []Route
	feedback  feedbackBox
	acct      *accounts        // sessions and the account pages (account_config.go)
	mod       moderation.Store // the queue and audit log; nil: no self-service (selfservice.go)
	maxImport int64            // largest import upload (api_imports.go)
}

// apiPrefix is where the JSON API lives.
const apiPrefix = "/api/v1"

// New returns the server for cfg. It panics when cfg is invalid (see
// Config.Validate), which callers can check first.
func New(cfg Config) *Server {
	if err := cfg.Validate(); err != nil {
		panic(err)
	}
	s := &Server{
		store:    cfg.Store,
		searcher: cfg.Search,
		log:      cfg.Logger,
		baseURL:  strings.TrimRight(cfg.BaseURL, "/"),
		mux:      http.NewServeMux(),
	}
	s.maxImport = cmp.Or(cfg.MaxImportBytes, DefaultMaxImportBytes)
	if s.log == nil {
		s.log = slog.Default()
	}
	if cfg.AdminToken != "" {
		h := sha256.Sum256([]byte(cfg.AdminToken))
		s.adminHash = &h
		if len(cfg.AdminToken) < 16 {
			s.log.Warn("the admin token is short; use at least 16 random characters")
		}
	}

	s.handle("GET /healthz", s.healthz)
	s.handle("GET /{$}", s.homePage)
	s.handle("GET /angebote/{id}", s.offerPage)
	s.handle("GET /anbieter/{id}", s.providerPage)
	s.handle("GET /lernorte/{id}", s.venuePage)
	s.handle("GET /static/{file}", s.static)
	s.registerPortal()
	s.setupAccounts(cfg)
	s.setupSelfService(cfg)
	s.newAPI(cfg.Version)

	s.handler = s.withRequestInfo(s.logRequests(compress(s.recoverPanics(s.protect(http.HandlerFunc(s.route))))))
	return s
}

// ServeHTTP answers a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// Routes lists every route the server answers, in the order registered.
func (s *Server) Routes() []Route {
	return append([]Route(nil), s.routes...)
}

func (s *Server) handle(pattern string, h http.HandlerFunc) {
	s.mux.HandleFunc(pattern, h)
	method, path, _ := strings.Cut(pattern, " ")
	s.routes = append(s.routes, Route{Method: method, Pattern: strings.TrimSuffix(path, "{$}")})
}

// route dispatches to the mux, answering unknown paths and methods with our
// own 404 and 405 responses: problem+json under /api/, German pages elsewhere.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	h, pattern := s.mux.Handler(r)
	if pattern != "" {
		withETag(s.mux, w, r) // etag.go
		return
	}
	// No route: let the mux tell whether the path exists for another method.
	probe := &probeWriter{header: http.Header{}}
	h.ServeHTTP(probe, r)
	status := http.StatusNotFound
	switch probe.status {
	case http.StatusMethodNotAllowed:
		status = probe.status
		w.Header().Set("Allow", probe.header.Get("Allow"))
	case http.StatusMovedPermanently, http.StatusPermanentRedirect, http.StatusFound, http.StatusTemporaryRedirect:
		s.mux.ServeHTTP(w, r) // the mux's redirect to the clean path
		return
	}
	if isAPI(r) {
		s.writeProblem(w, r, newProblem(status, fmt.Sprintf("There is no %s %s in this API.", r.Method, r.URL.Path)))
		return
	}
	s.errorPage(w, r, status)
}

func isAPI(r *http.Request) bool {
	return r.URL.Path == apiPrefix || strings.HasPrefix(r.URL.Path, apiPrefix+"/")
}

// probeWriter records what the mux would answer.
type probeWriter struct {
	header http.Header
	status int
}

func (p *probeWriter) Header() http.Header { return p.header }
func (p *probeWriter) Write(b []byte) (int, error) {
	if p.status == 0 {
		p.status = http.StatusOK
	}
	return len(b), nil
}
func (p *probeWriter) WriteHeader(status int) {
	if p.status == 0 {
		p.status = status
	}
}

// writeProblem sends p as application/problem+json outside huma.
func (s *Server) writeProblem(w http.ResponseWriter, r *http.Request, p *Problem) {
	if p.RequestID == "" {
		p.RequestID = requestID(r.Context())
	}
	for k, vs := range p.headers {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	writeJSON(w, "application/problem+json", p.Status, p)
}

func writeJSON(w http.ResponseWriter, contentType string, status int, v any) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// healthz reports whether the server and its store answer.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	w.Header().Set("Cache-Control", "no-store")
	var err error
	if p, ok := s.store.(interface{ Ping(context.Context) error }); ok {
		err = p.Ping(ctx)
	} else {
		_, _, err = s.store.Providers(ctx, catalogue.ProviderFilter{Page: catalogue.Page{Limit: 1}})
	}
	if err != nil {
		s.log.Error("health check failed", "error", err, "request_id", requestID(r.Context()))
		writeJSON(w, "application/json", http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, "application/json", http.StatusOK, map[string]string{"status": "ok"})
}

// Request information kept in the context.

type infoKey struct{}

// requestInfo is what the middleware learns about a request once.
type requestInfo struct {
	id      string
	baseURL string
	auth    authState
	url     *url.URL
	token   *account.APIToken // the provider API token of an authProvider request
}

type authState int

const (
	authNone     authState = iota // no Authorization header
	authInvalid                   // a header that is not the admin token
	authAdmin                     // the admin token
	authProvider                  // a provider's API token (requestInfo.token)
)

func infoFrom(ctx context.Context) *requestInfo {
	info, _ := ctx.Value(infoKey{}).(*requestInfo)
	return info
}

func requestID(ctx context.Context) string {
	if info := infoFrom(ctx); info != nil {
		return info.id
	}
	return ""
}

// baseURLFrom returns the base URL for absolute links in responses to the
// request of ctx.
func baseURLFrom(ctx context.Context) string {
	if info := infoFrom(ctx); info != nil {
		return info.baseURL
	}
	return ""
}

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

// withRequestInfo gives the request an id (a sane incoming X-Request-Id is
// kept), sends it back as X-Request-Id and notes the base URL and whether the
// request carries the admin token.
func (s *Server) withRequestInfo(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info := &requestInfo{id: r.Header.Get("X-Request-Id"), baseURL: s.baseURL, url: r.URL}
		if !validRequestID.MatchString(info.id) {
			var b [8]byte
			rand.Read(b[:])
			info.id = hex.EncodeToString(b[:])
		}
		if info.baseURL == "" {
			scheme := "http"
			if r.TLS != nil {
				scheme = "https"
			}
			info.baseURL = scheme + "://" + r.Host
		}
		info.auth, info.token = s.authenticate(r)
		w.Header().Set("X-Request-Id", info.id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), infoKey{}, info)))
	})
}

// authenticate compares the bearer token with the admin token in constant
// time, or finds the provider API token (account.APITokenPrefix) it is.
func (s *Server) authenticate(r *http.Request) (authState, *account.APIToken) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return authNone, nil
	}
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return authInvalid, nil
	}
	token = strings.TrimSpace(token)
	if strings.HasPrefix(token, account.APITokenPrefix) {
		return s.providerToken(r.Context(), token)
	}
	if s.adminHash == nil {
		return authInvalid, nil
	}
	sum := sha256.Sum256([]byte(token))
	if subtle.ConstantTimeCompare(sum[:], s.adminHash[:]) == 1 {
		return authAdmin, nil
	}
	return authInvalid, nil
}

// providerToken looks a provider API token up by its hash and notes its
// use (at most once a minute).
func (s *Server) providerToken(ctx context.Context, token string) (authState, *account.APIToken) {
	if s.acct == nil || s.acct.store == nil {
		return authInvalid, nil
	}
	t, err := s.acct.store.APITokenByHash(ctx, account.HashToken(token))
	if err != nil {
		if !errors.Is(err, account.ErrNotFound) {
			s.log.Error("look up API token", "error", err)
		}
		return authInvalid, nil
	}
	if !t.Active() {
		return authInvalid, nil
	}
	now := s.acct.now()
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Minute {
		if err := s.acct.store.TouchAPIToken(ctx, t.ID, now); err != nil {
			s.log.Warn("touch API token", "error", err)
		}
	}
	return authProvider, t
}

// providerTokenOf returns the provider API token of ctx's request, or nil.
func providerTokenOf(ctx context.Context) *account.APIToken {
	if info := infoFrom(ctx); info != nil && info.auth == authProvider {
		return info.token
	}
	return nil
}

func isAdmin(ctx context.Context) bool {
	info := infoFrom(ctx)
	return info != nil && info.auth == authAdmin
}

// adminProblem returns nil when the request of ctx carries the admin token,
// else the problem to answer: 403 when writes are disabled on this server,
// 401 with a WWW-Authenticate challenge otherwise.
func (s *Server) adminProblem(ctx context.Context) *Problem {
	if isAdmin(ctx) {
		return nil
	}
	var p *Problem
	if s.adminHash == nil && (s.acct == nil || s.acct.store == nil) { // no token of any kind can write
		p = newProblem(http.StatusForbidden, "Write access is disabled: this server has no admin token configured.")
	} else {
		p = newProblem(http.StatusUnauthorized, "This requires the admin token: send the header Authorization: Bearer <token>.")
		challenge := `Bearer realm="lernnetz"`
		if info := infoFrom(ctx); info != nil && info.auth == authInvalid {
			challenge += `, error="invalid_token"`
		}
		p.headers = http.Header{"Www-Authenticate": {challenge}}
	}
	p.RequestID = requestID(ctx)
	return p
}

// statusWriter records the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests writes one log line per request.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		level := slog.LevelInfo
		if r.URL.Path == "/healthz" && sw.status == http.StatusOK {
			level = slog.LevelDebug
		}
		s.log.LogAttrs(r.Context(), level, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", sw.status),
			slog.Int64("bytes", sw.bytes),
			slog.Duration("duration", time.Since(start)),
			slog.String("request_id", requestID(r.Context())),
		)
	})
}

// recoverPanics turns a panic in a handler into a logged 500 response.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw, ok := w.(*statusWriter)
		if !ok {
			sw = &statusWriter{ResponseWriter: w}
		}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic while serving request", "panic", v, "stack", string(debug.Stack()),
				"method", r.Method, "path", r.URL.Path, "request_id", requestID(r.Context()))
			if sw.status != 0 {
				return // too late for an error response
			}
			if isAPI(r) {
				s.writeProblem(sw, r, newProblem(http.StatusInternalServerError, "An internal error occurred."))
				return
			}
			s.errorPage(sw, r, http.StatusInternalServerError)
		}()
		next.ServeHTTP(sw, r)
	})
}

// absURL joins the base URL of ctx's request with path.
func absURL(ctx context.Context, path string) string {
	return baseURLFrom(ctx) + path
}

// Paths of the HTML pages.

func offerPath(id int64) string    { return fmt.Sprintf("/angebote/%d", id) }
func providerPath(id int64) string { return fmt.Sprintf("/anbieter/%d", id) }
func venuePath(id int64) string    { return fmt.Sprintf("/lernorte/%d", id) }
func datePath(offerID, id int64) string {
	return fmt.Sprintf("/angebote/%d#termin-%d", offerID, id)
}
