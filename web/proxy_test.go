package web_test

import (
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/lernnetz/lernnetz/web"
)

func withTrustedProxies(prefixes ...string) envOption {
	return func(c *web.Config, a *web.AccountConfig) {
		for _, p := range prefixes {
			a.TrustedProxies = append(a.TrustedProxies, netip.MustParsePrefix(p))
		}
	}
}

// loginFrom posts a failed login that claims, in X-Forwarded-For, to come
// through the chain xff.
func loginFrom(b *browser, i int, xff string) page {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.e.srv.URL+"/konto/anmelden",
		strings.NewReader(url.Values{"email": {fmt.Sprintf("u%d@example.org", i)}, "password": {"x"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.e.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if xff != "" {
		req.Header.Set("X-Forwarded-For", xff)
	}
	return b.do(req)
}

// TestTrustedProxies: behind a configured proxy (here the loopback, where
// the test's requests come from) each client behind it gets its own
// per-address limit, taken from the rightmost untrusted X-Forwarded-For
// hop — a forged left part changes nothing; without the setting
// X-Forwarded-For is ignored, so no client can dodge the limit with it.
func TestTrustedProxies(t *testing.T) {
	t.Run("behind a trusted proxy", func(t *testing.T) {
		e := newAccountEnv(t, withTrustedProxies("127.0.0.0/8", "10.0.0.0/8"))
		b := e.browser(t)
		for i := range 30 {
			// A forged first hop varies; the address the trusted proxies saw does not.
			loginFrom(b, i, fmt.Sprintf("198.51.100.%d, 203.0.113.7, 10.0.0.2", i)).want(t, http.StatusUnprocessableEntity)
		}
		loginFrom(b, 31, "198.51.100.200, 203.0.113.7, 10.0.0.2").want(t, http.StatusTooManyRequests)
		// Another client behind the same proxy is not held up.
		loginFrom(b, 32, "203.0.113.8").want(t, http.StatusUnprocessableEntity)
		// The address shown in "my sessions" is the client's.
		e.user(t, "lena@example.org")
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/konto/anmelden",
			strings.NewReader(url.Values{"email": {"lena@example.org"}, "password": {goodPassword}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", e.srv.URL)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("X-Forwarded-For", "192.0.2.44")
		b.do(req).redirect(t, "/konto")
		b.get("/konto/sitzungen").want(t, http.StatusOK, "192.0.2.44")
	})
	t.Run("without trusted proxies", func(t *testing.T) {
		e := newAccountEnv(t)
		b := e.browser(t)
		for i := range 30 {
			loginFrom(b, i, fmt.Sprintf("203.0.113.%d", i)).want(t, http.StatusUnprocessableEntity)
		}
		loginFrom(b, 31, "203.0.113.99").want(t, http.StatusTooManyRequests)
	})
}
