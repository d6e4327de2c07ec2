// Package browsertest tests the portal in a real browser (headless Chromium
// driven by chromedp): the way from a search to a comparison by mouse and by
// keyboard, axe-core on every page template in German and English, the
// weight of every page, and screenshots at 375 and 1280 px in screenshots/.
//
// The tests skip when /usr/bin/chromium is missing.
package browsertest

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/demo"
	"github.com/lernnetz/lernnetz/mail"
	"github.com/lernnetz/lernnetz/search"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/storage/storetest"
	"github.com/lernnetz/lernnetz/web"
)

const chromiumPath = "/usr/bin/chromium"

// axeSource is axe-core 4.14.1 (MPL-2.0), vendored from the npm package.
//
//go:embed testdata/axe.min.js
var axeSource string

// site is the portal with the demo catalogue, a search engine and accounts.
type site struct {
	url      string
	offerID  int64 // a published offer with a date at a venue
	offer2ID int64
	provider int64
	place    int64
	venue    int64  // a venue of provider, for the self-service venue form
	session  string // the session cookie of a signed-in learner
}

// sessionCookie is the name of the account session cookie (plain HTTP, as
// in the tests).
const sessionCookie = "lernnetz_session"

// testPassword is the password of the site's learner.
const testPassword = "Mein Kurs beginnt im Mai in Merzig"

// discardMail drops the account mail: the pages are tested here, the mail
// in package web.
type discardMail struct{}

func (discardMail) Enqueue(context.Context, mail.Message) error { return nil }

func startSite(t *testing.T) *site {
	t.Helper()
	ctx := context.Background()
	store := storetest.OpenSQLite(t)
	if err := demo.Load(ctx, store, time.Now()); err != nil {
		t.Fatal(err)
	}
	engine := search.NewEngine(store)
	if err := engine.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	hasher := account.NewHasher(account.Argon2Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	srv.Config.Handler = web.New(web.Config{Store: store, Search: engine, BaseURL: base, Dev: true,
		Logger:   slog.New(slog.NewTextHandler(io.Discard, nil)),
		Accounts: &web.AccountConfig{Store: store, Mail: discardMail{}, Hasher: hasher, SecretKey: make([]byte, account.SecretKeyLen), Moderation: store}})
	srv.Start()
	t.Cleanup(srv.Close)
	s := &site{url: srv.URL}
	s.session = signIn(t, ctx, store, hasher, srv.URL)
	offers, _, err := store.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusPublished, Page: catalogue.Page{Limit: 50}})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range offers {
		if len(o.Dates) > 0 && o.Dates[0].Venue != nil {
			if s.offerID == 0 {
				s.offerID, s.provider = o.ID, o.ProviderID
			} else if s.offer2ID == 0 {
				s.offer2ID = o.ID
			}
		}
	}
	places, _, err := store.Venues(ctx, catalogue.VenueFilter{LearningPlaces: true, Page: catalogue.Page{Limit: 1}})
	if err != nil || len(places) == 0 {
		t.Fatalf("no learning place: %v", err)
	}
	s.place = places[0].ID
	// The learner also edits for the offer's provider: the self-service
	// venue pages go through the checks too.
	lena, err := store.UserByEmail(ctx, "lena@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SaveMembership(ctx, &account.Membership{UserID: lena.ID, ProviderID: s.provider, Role: account.MemberEditor}); err != nil {
		t.Fatal(err)
	}
	own, _, err := store.Venues(ctx, catalogue.VenueFilter{ProviderID: s.provider, Page: catalogue.Page{Limit: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if len(own) == 0 {
		v := &catalogue.Venue{ProviderID: s.provider, Name: "Haus 1", Kind: "classroom", Address: catalogue.Address{PostalCode: "66663", City: "Merzig"}}
		if err := store.SaveVenue(ctx, v); err != nil {
			t.Fatal(err)
		}
		own = append(own, v)
	}
	s.venue = own[0].ID
	return s
}

// signIn creates a verified learner and returns the session cookie of a
// login through the login form.
func signIn(t *testing.T, ctx context.Context, store *storage.Store, hasher *account.Hasher, base string) string {
	t.Helper()
	hash, err := hasher.Hash(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := store.CreateUser(ctx, &account.User{Email: "lena@example.org", DisplayName: "Lena", PasswordHash: hash, EmailVerifiedAt: &now}); err != nil {
		t.Fatal(err)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(base+"/konto/anmelden", url.Values{"email": {"lena@example.org"}, "password": {testPassword}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for _, ck := range res.Cookies() {
		if ck.Name == sessionCookie {
			return ck.Value
		}
	}
	t.Fatalf("login: %d, no session cookie", res.StatusCode)
	return ""
}

// page is a page of a template; signedIn pages are requested with the
// learner's session.
type page struct {
	name, path string
	signedIn   bool
}

// templates are a page of every template.
func (s *site) templates() []page {
	return []page{
		{"home", "/", false},
		{"search", "/suche?q=Englisch", false},
		{"search-empty", "/suche?q=Xylophonbaukurs", false},
		{"search-error", "/suche?q=Englisch&near=Atlantis", false},
		{"offer", fmt.Sprintf("/angebote/%d", s.offerID), false},
		{"provider", fmt.Sprintf("/anbieter/%d", s.provider), false},
		{"place", fmt.Sprintf("/lernorte/%d", s.place), false},
		{"places", "/lernorte", false},
		{"map", "/karte", false},
		{"map-search", "/karte?q=Englisch&near=66111", false},
		{"merkliste", "/merkliste", false},
		{"compare", fmt.Sprintf("/vergleich?ids=%d,%d", s.offerID, s.offer2ID), false},
		{"imprint", "/impressum", false},
		{"privacy", "/datenschutz", false},
		{"accessibility", "/barrierefreiheit", false},
		{"feedback", "/feedback", false},
		{"help-csv", "/hilfe/csv", false},
		{"404", "/gibt-es-nicht", false},
		{"login", "/konto/anmelden", false},
		{"signup", "/konto/registrieren", false},
		{"forgot", "/konto/passwort-vergessen", false},
		{"account", "/konto", true},
		{"sessions", "/konto/sitzungen", true},
		{"password", "/konto/passwort", true},
		{"second-factor", "/konto/zwei-faktor", true},
		{"venues", fmt.Sprintf("/anbieten/%d/orte", s.provider), true},
		{"venue-new", fmt.Sprintf("/anbieten/%d/orte/neu", s.provider), true},
		{"venue-edit", fmt.Sprintf("/anbieten/%d/orte/%d", s.provider, s.venue), true},
	}
}

// setSession signs the browser in for a signedIn page and out for others.
func (s *site) setSession(t *testing.T, ctx context.Context, p page) {
	t.Helper()
	var err error
	if p.signedIn {
		_, err = chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: sessionCookie, Value: s.session, URL: s.url + "/"})
	} else {
		_, err = chromedp.Call(ctx, network.DeleteCookies, network.DeleteCookiesParams{Name: sessionCookie, URL: s.url + "/"})
	}
	if err != nil {
		t.Fatal(err)
	}
}

// newBrowser starts a headless Chromium with a fresh profile.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("LERNNETZ_REQUIRE_BROWSER") != "" {
			t.Fatalf("LERNNETZ_REQUIRE_BROWSER is set but Chromium is missing at %s: %v", chromiumPath, err)
		}
		t.Skipf("browser tests need Chromium at %s (apt-get install chromium): %v", chromiumPath, err)
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelA() })
	if err := chromedp.Do(ctx); err != nil { // start the browser
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// run runs steps with a timeout.
func run(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(tctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %.60q: %v", js, err)
	}
	return v
}

func clearCookies(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Call(ctx, network.ClearBrowserCookies, struct{}{}); err != nil {
		t.Fatal(err)
	}
}

// The way through the portal, with the mouse.
func TestJourneyMouse(t *testing.T) {
	s := startSite(t)
	ctx := newBrowser(t)
	run(t, ctx, "home", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(s.url+"/"),
		chromedp.Click(chromedp.CSS("#f-q")), chromedp.SendKeys(chromedp.CSS("#f-q"), "Englisch"),
		chromedp.Click(chromedp.CSS(".search-box button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#ergebnisse")))
	before := eval[string](t, ctx, `document.querySelector("#ergebnisse").textContent`)
	run(t, ctx, "facet", chromedp.Click(chromedp.CSS(".facet[open] input[type=checkbox]")),
		chromedp.Click(chromedp.CSS(".filters button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".chips")))
	after := eval[string](t, ctx, `document.querySelector("#ergebnisse").textContent`)
	t.Logf("search: %s; with a facet: %s", before, after)
	run(t, ctx, "offer", chromedp.Click(chromedp.CSS(".hit h3 a")), chromedp.WaitVisible(chromedp.CSS(".merk-form button")),
		chromedp.Click(chromedp.CSS(".merk-form button")), chromedp.WaitReady(chromedp.CSS(`.merk-form input[value=remove]`)))
	run(t, ctx, "merkliste", chromedp.Click(chromedp.CSS(`nav a[href="/merkliste"]`)), chromedp.WaitVisible(chromedp.CSS(".compare-form button")),
		chromedp.Click(chromedp.CSS(".compare-form button")), chromedp.WaitVisible(chromedp.CSS("table.compare")))
	if n := eval[int](t, ctx, `document.querySelectorAll("table.compare thead th").length`); n != 1 {
		t.Errorf("comparison of %d offers, want 1", n)
	}
}

// The same way by keyboard alone: Tab, Enter and Space, with a visible focus.
func TestJourneyKeyboard(t *testing.T) {
	s := startSite(t)
	ctx := newBrowser(t)
	clearCookies(t, ctx)
	run(t, ctx, "home", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(s.url+"/"))

	// tabTo presses Tab until the focus is on an element matching sel and
	// checks that the focus is visible.
	tabTo := func(sel string) {
		t.Helper()
		for range 300 {
			run(t, ctx, "tab", chromedp.KeyEvent(kb.Tab))
			if eval[bool](t, ctx, fmt.Sprintf(`document.activeElement && document.activeElement.matches(%q)`, sel)) {
				style := eval[map[string]string](t, ctx, `(() => { const s = getComputedStyle(document.activeElement);
					return {style: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow}; })()`)
				if style["style"] == "none" || style["width"] == "0px" {
					t.Errorf("focus on %s is not visible: %v", sel, style)
				}
				return
			}
		}
		t.Fatalf("Tab never reached %s", sel)
	}
	press := func(key, waitFor string) {
		t.Helper()
		run(t, ctx, "press", chromedp.KeyEvent(key), chromedp.WaitReady(chromedp.CSS(waitFor)))
	}

	tabTo("#f-q")
	run(t, ctx, "type", chromedp.KeyEvent("Englisch"))
	press(kb.Enter, "#ergebnisse")
	tabTo(".facet[open] input[type=checkbox]")
	run(t, ctx, "space", chromedp.KeyEvent(" "))
	if !eval[bool](t, ctx, `document.activeElement.checked`) {
		t.Fatal("Space did not tick the facet")
	}
	tabTo(".filters button[type=submit]")
	press(kb.Enter, ".chips")
	tabTo(".hit h3 a")
	press(kb.Enter, ".merk-form button")
	tabTo(".merk-form button")
	press(kb.Enter, `.merk-form input[value=remove]`)
	tabTo(`nav a[href="/merkliste"]`)
	press(kb.Enter, ".compare-form")
	tabTo(".compare-form button")
	press(kb.Enter, "table.compare")
}

// TestSuggestions: typing into the search box offers what the catalogue
// has (static/suggest.js asks /api/v1/suggest under the page's
// Content-Security-Policy) in the box's list of suggestions; choosing one
// and searching finds offers.
func TestSuggestions(t *testing.T) {
	s := startSite(t)
	ctx := newBrowser(t)
	run(t, ctx, "home", chromedp.EmulateViewport(375, 800), chromedp.Navigate(s.url+"/"),
		chromedp.Click(chromedp.CSS("#f-q")), chromedp.SendKeys(chromedp.CSS("#f-q"), "Engl"))
	var options []string
	for range 50 {
		options = eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#f-q-vorschlaege option"), o => o.value)`)
		if len(options) > 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !slices.ContainsFunc(options, func(o string) bool { return strings.HasPrefix(o, "Englisch") }) {
		t.Fatalf("suggestions for %q: %q, want one starting with Englisch", "Engl", options)
	}
	i := slices.IndexFunc(options, func(o string) bool { return strings.HasPrefix(o, "Englisch") })
	run(t, ctx, "choose", chromedp.SetValue(chromedp.CSS("#f-q"), options[i]),
		chromedp.Click(chromedp.CSS(".search-box button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#ergebnisse")))
	if n := eval[int](t, ctx, `document.querySelectorAll(".hit").length`); n == 0 {
		t.Errorf("the suggestion %q finds nothing", options[i])
	}
}

type axeResult struct {
	Violations []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			Target  []any  `json:"target"`
			Summary string `json:"failureSummary"`
		} `json:"nodes"`
	} `json:"violations"`
	Passes []json.RawMessage `json:"passes"`
}

// TestAxe runs axe-core on every template in German and English.
func TestAxe(t *testing.T) {
	s := startSite(t)
	ctx := newBrowser(t)
	// One offer on the Merkliste, so its page has content.
	if _, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: "merkliste",
		Value: fmt.Sprintf("%d.%d", s.offerID, s.offer2ID), URL: s.url + "/"}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"de", "en"} {
		for _, tp := range s.templates() {
			sep := "?"
			if strings.Contains(tp.path, "?") {
				sep = "&"
			}
			s.setSession(t, ctx, tp)
			run(t, ctx, tp.name, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(s.url+tp.path+sep+"lang="+lang))
			eval[chromedp.Void](t, ctx, axeSource)
			res := eval[axeResult](t, ctx, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})`)
			if htmlLang := eval[string](t, ctx, `document.documentElement.lang`); htmlLang != lang {
				t.Errorf("%s (%s): <html lang=%q>", tp.name, lang, htmlLang)
			}
			for _, v := range res.Violations {
				var where []string
				for _, n := range v.Nodes {
					where = append(where, fmt.Sprintf("%v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " ")))
				}
				t.Errorf("%s (%s) %s: axe %s (%s): %s\n    %s", tp.name, lang, tp.path, v.ID, v.Impact, v.Help, strings.Join(where, "\n    "))
			}
			t.Logf("%s (%s): %d violations, %d rules passed", tp.name, lang, len(res.Violations), len(res.Passes))
		}
	}
}

// TestPageWeight fetches every template gzipped: at most 60 KB each.
func TestPageWeight(t *testing.T) {
	s := startSite(t)
	tr := &http.Transport{DisableCompression: true}
	for _, tp := range s.templates() {
		req, _ := http.NewRequest(http.MethodGet, s.url+tp.path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		cookie := fmt.Sprintf("merkliste=%d.%d", s.offerID, s.offer2ID)
		if tp.signedIn {
			cookie += "; " + sessionCookie + "=" + s.session
		}
		req.Header.Set("Cookie", cookie)
		res, err := tr.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: not gzipped", tp.name)
		}
		t.Logf("%-14s %6.1f KB gzip", tp.name, float64(len(body))/1024)
		if len(body) > 60*1024 {
			t.Errorf("%s weighs %d bytes gzipped, more than 60 KB", tp.name, len(body))
		}
	}
}

// TestScreenshots writes every template at 375 and 1280 px to screenshots/.
func TestScreenshots(t *testing.T) {
	s := startSite(t)
	ctx := newBrowser(t)
	dir := "screenshots"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: "merkliste",
		Value: fmt.Sprintf("%d.%d", s.offerID, s.offer2ID), URL: s.url + "/"}); err != nil {
		t.Fatal(err)
	}
	for _, width := range []int64{375, 1280} {
		for _, tp := range s.templates() {
			s.setSession(t, ctx, tp)
			tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			png, err := chromedp.Run(tctx, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
				if _, err := chromedp.EmulateViewport(width, 800)(ctx, tg); err != nil {
					return nil, err
				}
				if _, err := chromedp.Navigate(s.url+tp.path)(ctx, tg); err != nil {
					return nil, err
				}
				return chromedp.FullScreenshot(100)(ctx, tg)
			})
			cancel()
			if err != nil {
				t.Fatalf("%s at %d px: %v", tp.name, width, err)
			}
			name := filepath.Join(dir, fmt.Sprintf("%s-%d.png", tp.name, width))
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	abs, _ := filepath.Abs(dir)
	t.Logf("screenshots in %s", abs)
}
