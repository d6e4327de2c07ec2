package web

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// securityHeaders are sent with every response — pages, the API, static
// files, errors — from one place (protect).
var securityHeaders = [][2]string{
	// Pages may load nothing but their own stylesheet and images, run no
	// script, send forms only to lernnetz and be framed by no one.
	{"Content-Security-Policy", contentSecurityPolicy},
	// Browsers ignore it over plain HTTP; over HTTPS it keeps them there.
	{"Strict-Transport-Security", "max-age=31536000; includeSubDomains"},
	{"X-Content-Type-Options", "nosniff"},
	{"X-Frame-Options", "DENY"}, // frame-ancestors for browsers without CSP 2
	{"Referrer-Policy", "strict-origin-when-cross-origin"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
}

// protect is the security middleware every request passes: it sets the
// security headers, refuses cross-origin state-changing requests (CSRF) with
// the standard library's CrossOriginProtection, and loads the session.
func (s *Server) protect(next http.Handler) http.Handler {
	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(s.crossOriginDenied))
	inner := csrf.Handler(s.withSession(next))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for _, kv := range securityHeaders {
			h.Set(kv[0], kv[1])
		}
		inner.ServeHTTP(w, r)
	})
}

// crossOriginDenied answers a POST (PUT, DELETE …) that a browser sent from
// another site: the mark of cross-site request forgery.
func (s *Server) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	s.log.Warn("cross-origin request refused", "method", r.Method, "path", r.URL.Path,
		"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"), "request_id", requestID(r.Context()))
	if isAPI(r) {
		s.writeProblem(w, r, newProblem(http.StatusForbidden, "Cross-origin requests from browsers may only read."))
		return
	}
	s.renderError(w, r, errorPageData{
		layout:  layout{Title: "Anfrage abgelehnt"},
		Status:  http.StatusForbidden,
		Message: "Diese Anfrage kam von einer anderen Website und wurde zu Ihrem Schutz nicht ausgeführt. Bitte öffnen Sie die Seite direkt bei uns und versuchen Sie es dort noch einmal.",
	})
}

// tooManyRequests answers with 429 and Retry-After (whole seconds).
func (s *Server) tooManyRequests(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	secs := int((wait + time.Second - 1) / time.Second)
	if secs < 1 {
		secs = 1
	}
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	w.Header().Set("Cache-Control", "no-store")
	s.renderError(w, r, errorPageData{
		layout:  layout{Title: "Zu viele Versuche"},
		Status:  http.StatusTooManyRequests,
		Message: "Zu viele Versuche in kurzer Zeit. Bitte warten Sie " + waitText(secs) + " und versuchen Sie es dann noch einmal.",
	})
}

// waitText says a wait in German words.
func waitText(secs int) string {
	switch {
	case secs == 1:
		return "eine Sekunde"
	case secs < 90:
		return fmt.Sprintf("%d Sekunden", secs)
	case secs < 5400:
		return fmt.Sprintf("%d Minuten", (secs+59)/60)
	default:
		return fmt.Sprintf("%d Stunden", (secs+3599)/3600)
	}
}

// ipLimiter limits requests per client address in memory: a token bucket
// per address (per /64 network for IPv6, which one client easily has
// whole). Each node counts for itself; the per-account limits, which matter
// more, are kept in the database (account.Throttle).
type ipLimiter struct {
	every time.Duration
	burst int

	mu        sync.Mutex
	buckets   map[netip.Addr]*rate.Limiter
	lastSweep time.Time
}

func newIPLimiter(perMinute int) *ipLimiter {
	return &ipLimiter{every: time.Minute / time.Duration(perMinute), burst: perMinute, buckets: map[netip.Addr]*rate.Limiter{}}
}

// wait takes a token for the client of r at now, or returns how long it
// must wait for one.
func (l *ipLimiter) wait(addr netip.Addr, now time.Time) time.Duration {
	key := limitKey(addr)
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) > 5*time.Minute {
		for k, b := range l.buckets { // forget clients whose bucket has refilled
			if b.TokensAt(now) >= float64(l.burst) {
				delete(l.buckets, k)
			}
		}
		l.lastSweep = now
	}
	b, ok := l.buckets[key]
	if !ok {
		b = rate.NewLimiter(rate.Every(l.every), l.burst)
		l.buckets[key] = b
	}
	res := b.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return d
	}
	return 0
}

// limitKey is the key of a client address in the limiter: IPv6 cut to its
// /64.
func limitKey(a netip.Addr) netip.Addr {
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.Addr()
	}
	return a
}

// clientAddr is the address of r's client: the TCP peer — or, when the
// peer is one of the trusted proxies, the rightmost address in
// X-Forwarded-For that is not a trusted proxy (each proxy appends the
// address it saw; what a client sends on the left is not believed). Without
// trusted proxies X-Forwarded-For is ignored, so a client cannot pick the
// address its login attempts count against.
func (a *accounts) clientAddr(r *http.Request) netip.Addr {
	peer := parseAddr(r.RemoteAddr)
	if !a.trusted(peer) {
		return peer
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		h := parseAddr(strings.TrimSpace(hops[i]))
		if !h.IsValid() {
			return peer // a garbled chain: count against the proxy
		}
		if !a.trusted(h) {
			return h
		}
		peer = h
	}
	return peer
}

func (a *accounts) trusted(addr netip.Addr) bool {
	for _, p := range a.proxies {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

func parseAddr(s string) netip.Addr {
	if host, _, err := net.SplitHostPort(s); err == nil {
		s = host
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}
	}
	return a.Unmap()
}

// clientIP is the address shown in "my sessions".
func (a *accounts) clientIP(r *http.Request) string {
	if addr := a.clientAddr(r); addr.IsValid() {
		return addr.String()
	}
	return r.RemoteAddr
}

// noStore marks a response as not to be kept by any cache: pages with
// personal data, forms with tokens.
func noStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
}
