package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/lernnetz/lernnetz/account"
)

// sessionKey is the context key of the request's session.
type sessionKey struct{}

// sessionInfo is the session a request came with and its user.
type sessionInfo struct {
	session *account.Session
	user    *account.User
	// bookmarks is the signed-in person's Merkliste, which replaces the
	// cookie's while they are signed in (nil for a pending session).
	bookmarks []int64
}

// sessionFrom returns the request's session in any state, or nil.
func sessionFrom(ctx context.Context) *sessionInfo {
	si, _ := ctx.Value(sessionKey{}).(*sessionInfo)
	return si
}

// currentUser returns the signed-in user of the request, or nil. A session
// that still waits for its second factor signs no one in.
func currentUser(ctx context.Context) *account.User {
	if si := sessionFrom(ctx); si != nil && si.session.State == account.SessionActive {
		return si.user
	}
	return nil
}

// withSession loads the session named by the request's cookie and its user
// into the request context. An unknown, ended or expired session is removed
// and its cookie cleared.
func (s *Server) withSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := s.acct
		if a == nil || a.store == nil {
			next.ServeHTTP(w, r)
			return
		}
		c, err := r.Cookie(a.cookieName)
		if err != nil || c.Value == "" {
			next.ServeHTTP(w, r)
			return
		}
		si, err := s.loadSession(r.Context(), c.Value)
		if err != nil {
			s.log.Error("load session", "error", err, "request_id", requestID(r.Context()))
		}
		if si == nil {
			a.clearCookie(w)
			next.ServeHTTP(w, r)
			return
		}
		noStore(w) // a page for a signed-in person is for them alone
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), sessionKey{}, si)))
	})
}

// loadSession returns the live session with token, or nil.
func (s *Server) loadSession(ctx context.Context, token string) (*sessionInfo, error) {
	a := s.acct
	if len(token) != 43 || strings.Trim(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
		return nil, nil // not a token of ours: no database round trip
	}
	se, err := a.store.SessionByToken(ctx, account.HashToken(token))
	if errors.Is(err, account.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	now := a.now()
	if se.Expired(now) {
		return nil, a.store.DeleteSession(ctx, se.UserID, se.ID)
	}
	u, err := a.store.User(ctx, se.UserID)
	if errors.Is(err, account.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !u.Active() {
		_, err := a.store.DeleteUserSessions(ctx, u.ID, 0)
		return nil, err
	}
	if se.NeedsTouch(now) {
		if err := a.store.TouchSession(ctx, se.ID, now); err != nil {
			return nil, err
		}
		se.LastSeenAt = now
	}
	si := &sessionInfo{session: se, user: u}
	if se.State == account.SessionActive {
		if si.bookmarks, err = a.store.Bookmarks(ctx, u.ID); err != nil {
			return nil, err
		}
	}
	return si, nil
}

// setCookie gives the browser a session token: HttpOnly (no script reads
// it), SameSite=Lax (no cross-site POST sends it), Secure with the __Host-
// prefix outside development, and no expiry date, so it ends with the
// browser; the server ends it sooner (account.SessionLimits).
func (a *accounts) setCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{
		Name: a.cookieName, Value: token, Path: "/",
		Secure: !a.dev, HttpOnly: true, SameSite: http.SameSiteLaxMode,
	})
}

func (a *accounts) clearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: a.cookieName, Value: "", Path: "/", MaxAge: -1,
		Secure: !a.dev, HttpOnly: true, SameSite: http.SameSiteLaxMode,
	})
}

// startSession ends the browser's current session, if any, and starts a new
// one with a new token (no session fixation) for u in state.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *account.User, state account.SessionState) error {
	a := s.acct
	ctx := r.Context()
	if si := sessionFrom(ctx); si != nil {
		if err := a.store.DeleteSession(ctx, si.session.UserID, si.session.ID); err != nil && !errors.Is(err, account.ErrNotFound) {
			return err
		}
	}
	now := a.now()
	// Tidy up on the way: logins are frequent enough, and no node needs a
	// clean-up job of its own.
	if _, err := a.store.DeleteExpiredSessions(ctx, now); err != nil {
		s.log.Warn("delete expired sessions", "error", err)
	}
	if err := a.store.PurgeFailures(ctx, now.Add(-account.ThrottleWindow)); err != nil {
		s.log.Warn("purge throttle failures", "error", err)
	}
	limits := account.PendingSessionLimits
	if state == account.SessionActive {
		ms, err := a.store.Memberships(ctx, u.ID)
		if err != nil {
			return err
		}
		limits = account.LimitsFor(u, len(ms) > 0)
	}
	token, se := account.NewSession(u.ID, state, limits, now, r.UserAgent(), a.clientIP(r))
	if err := a.store.CreateSession(ctx, se); err != nil {
		return err
	}
	a.setCookie(w, token)
	if state == account.SessionActive {
		// Signing in merges the browser's Merkliste into the account's and
		// empties the cookie: the list now travels with the person, not the
		// (perhaps shared) device.
		if ids := cookieMerkliste(r); len(ids) > 0 {
			if err := a.store.AddBookmarks(ctx, u.ID, ids, merklisteMax); err != nil {
				return err
			}
			setMerkliste(w, r, nil)
		}
	}
	return nil
}

// requireUser returns the signed-in user, or sends the browser to the login
// page (and back here afterwards) and returns nil.
func (s *Server) requireUser(w http.ResponseWriter, r *http.Request) (*account.User, *account.Session) {
	if u := currentUser(r.Context()); u != nil {
		return u, sessionFrom(r.Context()).session
	}
	next := r.URL.Path
	if r.Method != http.MethodGet {
		next = "/konto"
	}
	http.Redirect(w, r, "/konto/anmelden?weiter="+url.QueryEscape(next), http.StatusSeeOther)
	return nil, nil
}

// safeNext returns p when it is a path on this site, else "/konto": a login
// form must not send people to another site (open redirect).
func safeNext(p string) string {
	if p == "" || p[0] != '/' || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") ||
		strings.ContainsAny(p, "\r\n\\") {
		return "/konto"
	}
	u, err := url.Parse(p)
	if err != nil || u.IsAbs() || u.Host != "" {
		return "/konto"
	}
	return p
}
