package web_test

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/mail"
	"github.com/lernnetz/lernnetz/mail/mailtest"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/web"
)

// clock is the fake clock of an account test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// cheapArgon2 keeps most tests fast; TestSignUpToLogout uses the real
// parameters.
var cheapArgon2 = account.Argon2Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// accountEnv is a running server with accounts on a real SQLite store,
// sending mail through a real SMTP server in the test process.
type accountEnv struct {
	srv    *httptest.Server
	store  *storage.Store
	smtp   *mailtest.Server
	clock  *clock
	hasher *account.Hasher
	base   string
	key    []byte // the secret key sealing second factors; nil in dev mode
	web    *web.Server
}

type envOption func(*web.Config, *web.AccountConfig)

func withDev(mailDir string) envOption {
	return func(c *web.Config, a *web.AccountConfig) {
		c.Dev = true
		a.SecretKey = nil
		a.MailDir = mailDir
	}
}

func withRealArgon2() envOption {
	return func(c *web.Config, a *web.AccountConfig) { a.Hasher = account.NewHasher(account.DefaultArgon2) }
}

func withIPLimit(n int) envOption {
	return func(c *web.Config, a *web.AccountConfig) { a.PerIPPerMinute = n }
}

func withProduction() envOption {
	return func(c *web.Config, a *web.AccountConfig) { c.Dev = false }
}

func newAccountEnv(t *testing.T, opts ...envOption) *accountEnv {
	t.Helper()
	return newAccountEnvOn(t, func(t *testing.T, now func() time.Time) *storage.Store {
		store, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "lernnetz.db"), storage.WithClock(now))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { store.Close() })
		return store
	}, opts...)
}

// newAccountEnvOn is newAccountEnv on the store that open returns.
func newAccountEnvOn(t *testing.T, open func(t *testing.T, now func() time.Time) *storage.Store, opts ...envOption) *accountEnv {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	clk := &clock{t: time.Date(2030, 3, 4, 9, 0, 0, 0, catalogue.Berlin)}
	store := open(t, clk.Now)
	var err error
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	key := make([]byte, account.SecretKeyLen)
	for i := range key {
		key[i] = byte(i * 7)
	}
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelError}))
	hasher := account.NewHasher(cheapArgon2)
	cfg := web.Config{Store: store, Logger: log, BaseURL: base, Version: "test", Dev: true}
	acc := &web.AccountConfig{Store: store, SecretKey: key, Now: clk.Now, Hasher: hasher, Moderation: store}
	for _, o := range opts {
		o(&cfg, acc)
	}
	hasher = acc.Hasher

	// Mail goes over SMTP to a server in the test process; in development
	// mode with a mail folder, into the folder.
	smtpServer := mailtest.Start(t, "lernnetz", "smtp-secret")
	var transport mail.Transport
	if cfg.Dev && acc.MailDir != "" {
		transport, err = mail.NewDir(acc.MailDir)
	} else {
		transport, err = mail.NewSMTP(smtpServer.URL())
	}
	if err != nil {
		t.Fatal(err)
	}
	sender := mail.NewSender(store, transport, "lernnetz Saar <noreply@lernnetz.example>", mail.WithLogger(log))
	sender.Interval = 100 * time.Millisecond
	done := make(chan struct{})
	go func() { sender.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	acc.Mail = sender
	cfg.Accounts = acc
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	ws := web.New(cfg)
	srv.Config.Handler = ws
	srv.Start()
	t.Cleanup(srv.Close)
	return &accountEnv{srv: srv, store: store, smtp: smtpServer, clock: clk, hasher: hasher, base: base, key: acc.SecretKey, web: ws}
}

// browser is a client with its own cookies that sends what a browser sends
// with a same-origin form: Origin and Sec-Fetch-Site.
type browser struct {
	t      *testing.T
	e      *accountEnv
	client *http.Client
	header http.Header // extra headers for every request
}

func (e *accountEnv) browser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, e: e, header: http.Header{}, client: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

type page struct {
	status int
	header http.Header
	body   string
}

// location is where a redirect points, without the base URL.
func (p page) location() string { return strings.TrimPrefix(p.header.Get("Location"), "") }

func (b *browser) do(req *http.Request) page {
	b.t.Helper()
	for k, vs := range b.header {
		req.Header[k] = vs
	}
	res, err := b.client.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return page{status: res.StatusCode, header: res.Header, body: string(body)}
}

func (b *browser) get(path string) page {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.e.srv.URL+path, nil)
	req.Header.Set("Sec-Fetch-Site", "none")
	return b.do(req)
}

func (b *browser) post(path string, form url.Values) page {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.e.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.e.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.do(req)
}

// cookie returns the browser's session cookie value, or "".
func (b *browser) cookie() string {
	u, _ := url.Parse(b.e.srv.URL)
	for _, c := range b.client.Jar.Cookies(u) {
		if c.Name == "lernnetz_session" {
			return c.Value
		}
	}
	return ""
}

func (b *browser) setCookie(value string) {
	u, _ := url.Parse(b.e.srv.URL)
	b.client.Jar.SetCookies(u, []*http.Cookie{{Name: "lernnetz_session", Value: value, Path: "/"}})
}

// want fails unless the page has status and contains every one of wants.
func (p page) want(t *testing.T, status int, wants ...string) page {
	t.Helper()
	if p.status != status {
		t.Fatalf("status %d, want %d; Location %q; body:\n%s", p.status, status, p.header.Get("Location"), p.body)
	}
	for _, w := range wants {
		if !strings.Contains(p.body, w) {
			t.Errorf("page lacks %q:\n%s", w, p.body)
		}
	}
	return p
}

// wantNot fails when the page contains any of texts.
func (p page) wantNot(t *testing.T, texts ...string) page {
	t.Helper()
	for _, w := range texts {
		if strings.Contains(p.body, w) {
			t.Errorf("page contains %q:\n%s", w, p.body)
		}
	}
	return p
}

// redirect fails unless the page redirects (303) to path.
func (p page) redirect(t *testing.T, path string) {
	t.Helper()
	if p.status != http.StatusSeeOther || p.header.Get("Location") != path {
		t.Fatalf("got %d to %q, want 303 to %q; body:\n%s", p.status, p.header.Get("Location"), path, p.body)
	}
}

var hiddenRe = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// hidden returns the value of the page's hidden input name.
func (p page) hidden(t *testing.T, name string) string {
	t.Helper()
	for _, m := range hiddenRe.FindAllStringSubmatch(p.body, -1) {
		if m[1] == name {
			return html.UnescapeString(m[2])
		}
	}
	t.Fatalf("no hidden input %q in:\n%s", name, p.body)
	return ""
}

var linkRe = regexp.MustCompile(`https?://\S+`)

// mailLink returns the first link in a mail to path, as a path with query.
func mailLink(t *testing.T, m *mailtest.Message, path string) string {
	t.Helper()
	for _, l := range linkRe.FindAllString(m.Text, -1) {
		u, err := url.Parse(l)
		if err == nil && u.Path == path {
			return u.RequestURI()
		}
	}
	t.Fatalf("no link to %s in mail:\n%s", path, m.Text)
	return ""
}

const goodPassword = "Mein Kurs beginnt im Mai in Merzig"

// user creates a verified user with goodPassword directly in the store.
func (e *accountEnv) user(t *testing.T, email string, roles ...account.Role) *account.User {
	t.Helper()
	hash, err := e.hasher.Hash(goodPassword)
	if err != nil {
		t.Fatal(err)
	}
	now := e.clock.Now()
	u := &account.User{Email: email, DisplayName: "Test", PasswordHash: hash, EmailVerifiedAt: &now, Roles: roles}
	if err := e.store.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

// login signs b in as email with goodPassword and expects to land on /konto.
func (b *browser) login(email string) {
	b.t.Helper()
	b.post("/konto/anmelden", url.Values{"email": {email}, "password": {goodPassword}}).redirect(b.t, "/konto")
}

// signedIn reports whether b's session opens /konto.
func (b *browser) signedIn() bool {
	b.t.Helper()
	p := b.get("/konto")
	switch p.status {
	case http.StatusOK:
		return true
	case http.StatusSeeOther:
		return false
	}
	b.t.Fatalf("/konto: status %d", p.status)
	return false
}
