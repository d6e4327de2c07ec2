package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/lernnetz/lernnetz/account"
)

// Login: password first; then the TOTP code when a second factor is
// enrolled, or the enrolment of one when the person's role requires it.

// loginKey is the throttle key for guesses at the account of email:
// passwords and codes count together.
func loginKey(email string) string { return account.ThrottleKey("login", account.EmailKey(email)) }

// throttled returns how long attempts on key must wait at now (0: go ahead).
func (a *accounts) throttled(ctx context.Context, key string, now time.Time) (time.Duration, error) {
	fails, err := a.store.Failures(ctx, key, now.Add(-account.ThrottleWindow))
	if err != nil {
		return 0, err
	}
	return a.throttle.RetryAfter(fails, now), nil
}

// ipAllowed takes a token from the client's bucket, or answers 429.
func (s *Server) ipAllowed(w http.ResponseWriter, r *http.Request) bool {
	if wait := s.acct.ipLimit.wait(s.acct.clientAddr(r), s.acct.now()); wait > 0 {
		s.log.Warn("too many account requests from one address", "path", r.URL.Path, "request_id", requestID(r.Context()))
		s.tooManyRequests(w, r, wait)
		return false
	}
	return true
}

// accountFailed answers an unexpected error of an account page.
func (s *Server) accountFailed(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("account page failed", "path", r.URL.Path, "error", err, "request_id", requestID(r.Context()))
	noStore(w)
	s.errorPage(w, r, http.StatusInternalServerError)
}

func loginForm(loc *locale, email, next string) *form {
	return &form{
		Action: "/konto/anmelden", Submit: loc.T("account.login.title"),
		Hidden: []hiddenInput{{"weiter", next}},
		Fields: []*field{emailField(loc, email), currentPasswordField(loc.T("account.field.password"))},
	}
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, f *form, notice string) {
	loc := localeOf(r)
	s.renderAccount(w, r, status, "account_form", &accountPageData{
		layout: layout{Title: loc.T("account.login.title")},
		Notice: notice,
		Form:   f,
		Links: []pageLink{
			{"/konto/passwort-vergessen", loc.T("account.login.forgot")},
			{"/konto/registrieren", loc.T("account.login.signup")},
		},
	})
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if currentUser(r.Context()) != nil {
		http.Redirect(w, r, "/konto", http.StatusSeeOther)
		return
	}
	s.renderLogin(w, r, http.StatusOK, loginForm(localeOf(r), "", safeNext(r.URL.Query().Get("weiter"))), noticeFrom(r))
}

// login checks e-mail address and password. Whether the address has an
// account or not, a wrong guess looks and takes the same, and counts
// against the address's throttle.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	loc := localeOf(r)
	if !s.ipAllowed(w, r) {
		return
	}
	a := s.acct
	ctx := r.Context()
	email, pw := r.PostFormValue("email"), r.PostFormValue("password")
	next := safeNext(r.PostFormValue("weiter"))
	now := a.now()
	key := loginKey(email)
	wait, err := a.throttled(ctx, key, now)
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	if wait > 0 {
		s.log.Warn("login throttled", "wait", wait, "request_id", requestID(ctx))
		s.tooManyRequests(w, r, wait)
		return
	}
	u, err := a.store.UserByEmail(ctx, email)
	if err != nil && !errors.Is(err, account.ErrNotFound) {
		s.accountFailed(w, r, err)
		return
	}
	ok := false
	if u != nil && u.Active() && u.PasswordHash != "" {
		var rehash bool
		ok, rehash, err = a.hasher.Verify(u.PasswordHash, pw)
		if err != nil {
			s.log.Error("stored password hash unreadable", "user", u, "error", err)
		}
		if ok && rehash {
			if h, err := a.hasher.Hash(pw); err == nil {
				if _, err := a.store.RehashPassword(ctx, u.ID, u.PasswordHash, h); err != nil {
					s.log.Warn("rehash password", "user", u, "error", err)
				}
			}
		}
	} else {
		a.hasher.VerifyNothing(pw)
	}
	if !ok {
		if err := a.store.RecordFailure(ctx, key, now); err != nil {
			s.accountFailed(w, r, err)
			return
		}
		f := loginForm(loc, email, next)
		f.field("password").Error = loc.T("account.login.wrong")
		s.renderLogin(w, r, http.StatusUnprocessableEntity, f, "")
		return
	}
	if !u.Verified() {
		// The password was right, so the person may learn that the address
		// still waits for confirmation; a new link goes out.
		if err := s.sendVerification(ctx, u); err != nil {
			s.accountFailed(w, r, err)
			return
		}
		s.renderAccount(w, r, http.StatusForbidden, "account_form", &accountPageData{
			layout: layout{Title: loc.T("account.unverified.title")},
			Intro: []string{
				loc.T("account.unverified.text"),
				loc.T("account.unverified.sent"),
			},
		})
		return
	}
	state := account.SessionActive
	switch {
	case u.HasTOTP():
		state = account.SessionMFA
	case u.RequiresTOTP():
		state = account.SessionEnrol
	default:
		if err := a.store.ClearFailures(ctx, key); err != nil {
			s.accountFailed(w, r, err)
			return
		}
	}
	if err := s.startSession(w, r, u, state); err != nil {
		s.accountFailed(w, r, err)
		return
	}
	s.log.Info("login", "user", u, "state", string(state), "request_id", requestID(ctx))
	switch state {
	case account.SessionMFA:
		http.Redirect(w, r, "/konto/anmelden/code?weiter="+url.QueryEscape(next), http.StatusSeeOther)
	case account.SessionEnrol:
		http.Redirect(w, r, "/konto/zwei-faktor", http.StatusSeeOther)
	default:
		http.Redirect(w, r, next, http.StatusSeeOther)
	}
}

// pending returns the request's session when it waits for a second factor
// in state.
func pending(r *http.Request, state account.SessionState) *sessionInfo {
	if si := sessionFrom(r.Context()); si != nil && si.session.State == state {
		return si
	}
	return nil
}

func codeForm(loc *locale, next string) *form {
	return &form{
		Action: "/konto/anmelden/code", Submit: loc.T("account.code.submit"),
		Hidden: []hiddenInput{{"weiter", next}},
		Fields: []*field{codeField(loc)},
	}
}

func (s *Server) renderCode(w http.ResponseWriter, r *http.Request, status int, f *form) {
	loc := localeOf(r)
	s.renderAccount(w, r, status, "account_form", &accountPageData{
		layout: layout{Title: loc.T("account.code.title")},
		Intro:  []string{loc.T("account.code.intro")},
		Form:   f,
		Links:  []pageLink{{"/konto/anmelden", loc.T("account.code.cancel")}},
	})
}

func (s *Server) codeForm(w http.ResponseWriter, r *http.Request) {
	if pending(r, account.SessionMFA) == nil {
		http.Redirect(w, r, "/konto/anmelden", http.StatusSeeOther)
		return
	}
	s.renderCode(w, r, http.StatusOK, codeForm(localeOf(r), safeNext(r.URL.Query().Get("weiter"))))
}

// code checks the TOTP code of a login whose password was right. Wrong
// codes count against the same throttle as wrong passwords.
func (s *Server) code(w http.ResponseWriter, r *http.Request) {
	si := pending(r, account.SessionMFA)
	if si == nil {
		http.Redirect(w, r, "/konto/anmelden", http.StatusSeeOther)
		return
	}
	if !s.ipAllowed(w, r) {
		return
	}
	a := s.acct
	ctx := r.Context()
	u, now := si.user, a.now()
	next := safeNext(r.PostFormValue("weiter"))
	key := loginKey(u.Email)
	wait, err := a.throttled(ctx, key, now)
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	if wait > 0 {
		s.tooManyRequests(w, r, wait)
		return
	}
	secret, err := a.box.Open(u.TOTPSecret, account.TOTPContext(u.ID))
	if err != nil {
		s.accountFailed(w, r, err) // the key changed or the row was tampered with
		return
	}
	f := codeForm(localeOf(r), next)
	if rc := account.NormalizeRecoveryCode(r.PostFormValue("code")); rc != "" {
		// A recovery code in place of the app's code (account_recovery.go).
		ok, err := a.store.UseRecoveryCode(ctx, u.ID, account.HashRecoveryCode(rc), now)
		if err != nil {
			s.accountFailed(w, r, err)
			return
		}
		if ok {
			s.finishCodeLogin(w, r, u, key, next, "login with recovery code")
			return
		}
	}
	step, err := account.CheckTOTP(secret, r.PostFormValue("code"), now, u.TOTPLastStep)
	if err == nil {
		var fresh bool
		if fresh, err = a.store.UseTOTPStep(ctx, u.ID, step); err != nil {
			s.accountFailed(w, r, err)
			return
		}
		if !fresh { // another request used the code meanwhile
			err = &account.ValidationError{Errors: []account.FieldError{{Field: "code", Code: "code_used"}}}
		}
	}
	if f.setErrors(localeOf(r), err) {
		if err := a.store.RecordFailure(ctx, key, now); err != nil {
			s.accountFailed(w, r, err)
			return
		}
		s.renderCode(w, r, http.StatusUnprocessableEntity, f)
		return
	} else if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	s.finishCodeLogin(w, r, u, key, next, "login with second factor")
}

// finishCodeLogin completes a login after the second step: clears the
// account's failures and starts the full session.
func (s *Server) finishCodeLogin(w http.ResponseWriter, r *http.Request, u *account.User, key, next, what string) {
	ctx := r.Context()
	if err := s.acct.store.ClearFailures(ctx, key); err != nil {
		s.accountFailed(w, r, err)
		return
	}
	if err := s.startSession(w, r, u, account.SessionActive); err != nil {
		s.accountFailed(w, r, err)
		return
	}
	s.log.Info(what, "user", u, "request_id", requestID(ctx))
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// logout ends the browser's session, whatever its state.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	a := s.acct
	if si := sessionFrom(r.Context()); si != nil {
		if err := a.store.DeleteSession(r.Context(), si.session.UserID, si.session.ID); err != nil && !errors.Is(err, account.ErrNotFound) {
			s.accountFailed(w, r, err)
			return
		}
		s.log.Info("logout", "user", si.user, "request_id", requestID(r.Context()))
	}
	a.clearCookie(w)
	http.Redirect(w, r, "/konto/anmelden?hinweis=abgemeldet", http.StatusSeeOther)
}
