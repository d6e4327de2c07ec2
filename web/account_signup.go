package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/mail"
)

// Sign-up, e-mail verification and password reset. Neither sign-up nor the
// reset request tells whether an address has an account: both answer with
// the same page, and the mail says the rest to the address's owner.

// mailPerHour bounds the account mail lernnetz sends to one address, so
// that its forms cannot flood anyone's inbox.
const mailPerHour = 5

// mayMail reports whether another account mail may go to email now, and
// counts it.
func (a *accounts) mayMail(ctx context.Context, email string, now time.Time) (bool, error) {
	key := account.ThrottleKey("mail", account.EmailKey(email))
	sent, err := a.store.Failures(ctx, key, now.Add(-time.Hour))
	if err != nil || len(sent) >= mailPerHour {
		return false, err
	}
	return true, a.store.RecordFailure(ctx, key, now)
}

// link returns the absolute URL of path with query on the configured base
// URL (never the request's Host header).
func (s *Server) link(path string, query url.Values) string {
	u := s.baseURL + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	return u
}

// sendMail queues an account mail to u, unless the address had enough.
func (s *Server) sendMail(ctx context.Context, to string, m mail.Message) error {
	a := s.acct
	ok, err := a.mayMail(ctx, to, a.now())
	if err != nil {
		return err
	}
	if !ok {
		s.log.Warn("account mail withheld: too many to one address", "request_id", requestID(ctx))
		return nil
	}
	m.To = to
	return a.mail.Enqueue(ctx, m)
}

// sendVerification sends u a new link that confirms the e-mail address.
func (s *Server) sendVerification(ctx context.Context, u *account.User) error {
	a := s.acct
	if err := a.store.DeleteUserTokens(ctx, u.ID, account.PurposeVerifyEmail); err != nil {
		return err
	}
	token, stored := account.NewOneTimeToken(u.ID, account.PurposeVerifyEmail, a.now())
	if err := a.store.CreateToken(ctx, stored); err != nil {
		return err
	}
	return s.sendMail(ctx, u.Email, verifyMail(u, s.link("/konto/bestaetigen", url.Values{"token": {token}})))
}

func signUpForm(loc *locale, n account.NewUser) *form {
	pw := newPasswordField(loc, "password", "password", loc.T("account.field.password"))
	return &form{
		Action: "/konto/registrieren", Submit: loc.T("account.signup.title"),
		Fields: []*field{nameField(loc, n.DisplayName), emailField(loc, n.Email), pw},
	}
}

func (s *Server) renderSignUp(w http.ResponseWriter, r *http.Request, status int, f *form) {
	loc := localeOf(r)
	s.renderAccount(w, r, status, "account_form", &accountPageData{
		layout: layout{Title: loc.T("account.signup.title"), Description: loc.T("account.signup.description")},
		Intro:  []string{loc.T("account.signup.intro")},
		Form:   f,
		Links:  []pageLink{{"/konto/anmelden", loc.T("account.signup.login")}},
	})
}

func (s *Server) signUpForm(w http.ResponseWriter, r *http.Request) {
	s.renderSignUp(w, r, http.StatusOK, signUpForm(localeOf(r), account.NewUser{}))
}

func (s *Server) checkYourMail(w http.ResponseWriter, r *http.Request, email string) {
	loc := localeOf(r)
	s.renderAccount(w, r, http.StatusOK, "account_form", &accountPageData{
		layout: layout{Title: loc.T("account.mailsent.title")},
		Intro: []string{
			loc.T("account.signup.sent", email),
			loc.T("account.signup.nomail"),
		},
		Links: []pageLink{{"/konto/anmelden", loc.T("account.to_login")}},
	})
}

func (s *Server) signUp(w http.ResponseWriter, r *http.Request) {
	if !s.ipAllowed(w, r) {
		return
	}
	a := s.acct
	ctx := r.Context()
	n := account.NewUser{Email: r.PostFormValue("email"), DisplayName: r.PostFormValue("display_name"), Password: r.PostFormValue("password")}
	if err := n.Validate(); err != nil {
		f := signUpForm(localeOf(r), n)
		if !f.setErrors(localeOf(r), err) {
			s.accountFailed(w, r, err)
			return
		}
		s.renderSignUp(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	hash, err := a.hasher.Hash(n.Password)
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	now := a.now()
	u := &account.User{Email: n.Email, DisplayName: n.DisplayName, PasswordHash: hash, PasswordChangedAt: &now}
	err = a.store.CreateUser(ctx, u)
	switch {
	case errors.Is(err, account.ErrConflict):
		// Someone — the owner, or anyone — signed up with a taken address.
		// Tell the owner, not the form.
		existing, err := a.store.UserByEmail(ctx, n.Email)
		if err == nil && existing.Active() {
			err = s.sendMail(ctx, existing.Email, alreadyRegisteredMail(existing,
				s.link("/konto/anmelden", nil), s.link("/konto/passwort-vergessen", nil)))
		}
		if err != nil && !errors.Is(err, account.ErrNotFound) {
			s.accountFailed(w, r, err)
			return
		}
	case err != nil:
		s.accountFailed(w, r, err)
		return
	default:
		s.log.Info("sign-up", "user", u, "request_id", requestID(ctx))
		if err := s.sendVerification(ctx, u); err != nil {
			s.accountFailed(w, r, err)
			return
		}
	}
	s.checkYourMail(w, r, n.Email)
}

// linkInvalid answers a link whose token is unknown, used or expired.
func (s *Server) linkInvalid(w http.ResponseWriter, r *http.Request, again pageLink) {
	loc := localeOf(r)
	s.renderAccount(w, r, http.StatusBadRequest, "account_form", &accountPageData{
		layout: layout{Title: loc.T("account.link_invalid.title")},
		Intro:  []string{loc.T("account.link_invalid.text")},
		Links:  []pageLink{{again.Href, loc.T(again.Text)}},
	})
}

var verifyAgain = pageLink{"/konto/anmelden", "account.verify.again"} // Text is a message key

// verifyForm shows a button rather than confirming at once: mail scanners
// that follow links must not use them up, and GET changes nothing.
func (s *Server) verifyForm(w http.ResponseWriter, r *http.Request) {
	loc := localeOf(r)
	a := s.acct
	token := r.URL.Query().Get("token")
	if _, err := a.store.PeekToken(r.Context(), account.HashToken(token), account.PurposeVerifyEmail, a.now()); err != nil {
		if errors.Is(err, account.ErrNotFound) {
			s.linkInvalid(w, r, verifyAgain)
			return
		}
		s.accountFailed(w, r, err)
		return
	}
	s.renderAccount(w, r, http.StatusOK, "account_form", &accountPageData{
		layout: layout{Title: loc.T("account.verify.title")},
		Intro:  []string{loc.T("account.verify.intro")},
		Form:   &form{Action: "/konto/bestaetigen", Submit: loc.T("account.verify.title"), Hidden: []hiddenInput{{"token", token}}},
	})
}

func (s *Server) verify(w http.ResponseWriter, r *http.Request) {
	loc := localeOf(r)
	if !s.ipAllowed(w, r) {
		return
	}
	a := s.acct
	ctx := r.Context()
	now := a.now()
	t, err := a.store.ConsumeToken(ctx, account.HashToken(r.PostFormValue("token")), account.PurposeVerifyEmail, now)
	if errors.Is(err, account.ErrNotFound) {
		s.linkInvalid(w, r, verifyAgain)
		return
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	u, err := a.store.User(ctx, t.UserID)
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	if !u.Verified() {
		u.EmailVerifiedAt = &now
		if err := a.store.UpdateUser(ctx, u); err != nil {
			s.accountFailed(w, r, err)
			return
		}
	}
	s.log.Info("e-mail address verified", "user", u, "request_id", requestID(ctx))
	s.renderAccount(w, r, http.StatusOK, "account_form", &accountPageData{
		layout: layout{Title: loc.T("account.verified.title")},
		Notice: loc.T("account.verified.notice"),
		Intro:  []string{loc.T("account.verified.intro")},
		Links:  []pageLink{{"/konto/anmelden", loc.T("account.to_login")}},
	})
}

// Password reset.

func forgotForm(loc *locale, email string) *form {
	return &form{Action: "/konto/passwort-vergessen", Submit: loc.T("account.forgot.submit"), Fields: []*field{emailField(loc, email)}}
}

func (s *Server) renderForgot(w http.ResponseWriter, r *http.Request, status int, f *form) {
	loc := localeOf(r)
	s.renderAccount(w, r, status, "account_form", &accountPageData{
		layout: layout{Title: loc.T("account.forgot.title")},
		Intro:  []string{loc.T("account.forgot.intro")},
		Form:   f,
		Links:  []pageLink{{"/konto/anmelden", loc.T("account.back_to_login")}},
	})
}

func (s *Server) forgotForm(w http.ResponseWriter, r *http.Request) {
	s.renderForgot(w, r, http.StatusOK, forgotForm(localeOf(r), ""))
}

func (s *Server) forgot(w http.ResponseWriter, r *http.Request) {
	loc := localeOf(r)
	if !s.ipAllowed(w, r) {
		return
	}
	a := s.acct
	ctx := r.Context()
	email := r.PostFormValue("email")
	if err := account.ValidateEmail(email); err != nil {
		f := forgotForm(loc, email)
		f.setErrors(loc, err)
		s.renderForgot(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	u, err := a.store.UserByEmail(ctx, email)
	switch {
	case errors.Is(err, account.ErrNotFound):
	case err != nil:
		s.accountFailed(w, r, err)
		return
	case u.Active():
		token, stored := account.NewOneTimeToken(u.ID, account.PurposeResetPassword, a.now())
		err := a.store.CreateToken(ctx, stored)
		if err == nil {
			err = s.sendMail(ctx, u.Email, resetMail(u, s.link("/konto/passwort-neu", url.Values{"token": {token}})))
		}
		if err != nil {
			s.accountFailed(w, r, err)
			return
		}
		s.log.Info("password reset requested", "user", u, "request_id", requestID(ctx))
	}
	s.renderAccount(w, r, http.StatusOK, "account_form", &accountPageData{
		layout: layout{Title: loc.T("account.mailsent.title")},
		Intro: []string{
			loc.T("account.forgot.sent"),
			loc.T("account.forgot.nomail"),
		},
		Links: []pageLink{{"/konto/anmelden", loc.T("account.to_login")}},
	})
}

var resetAgain = pageLink{"/konto/passwort-vergessen", "account.reset.again"} // Text is a message key

func resetForm(loc *locale, token string) *form {
	return &form{
		Action: "/konto/passwort-neu", Submit: loc.T("account.reset.submit"),
		Hidden: []hiddenInput{{"token", token}},
		Fields: []*field{newPasswordField(loc, "password", "password", loc.T("account.field.new_password"))},
	}
}

func (s *Server) renderReset(w http.ResponseWriter, r *http.Request, status int, f *form) {
	loc := localeOf(r)
	s.renderAccount(w, r, status, "account_form", &accountPageData{
		layout: layout{Title: loc.T("account.reset.title")},
		Intro:  []string{loc.T("account.reset.intro")},
		Form:   f,
	})
}

func (s *Server) resetForm(w http.ResponseWriter, r *http.Request) {
	a := s.acct
	token := r.URL.Query().Get("token")
	if _, err := a.store.PeekToken(r.Context(), account.HashToken(token), account.PurposeResetPassword, a.now()); err != nil {
		if errors.Is(err, account.ErrNotFound) {
			s.linkInvalid(w, r, resetAgain)
			return
		}
		s.accountFailed(w, r, err)
		return
	}
	s.renderReset(w, r, http.StatusOK, resetForm(localeOf(r), token))
}

// reset sets a new password with a token from a reset mail: it ends every
// session of the account, confirms the address (the mail reached it) and
// forgets failed logins, so an account an attacker kept busy opens at once.
func (s *Server) reset(w http.ResponseWriter, r *http.Request) {
	if !s.ipAllowed(w, r) {
		return
	}
	a := s.acct
	ctx := r.Context()
	now := a.now()
	token, pw := r.PostFormValue("token"), r.PostFormValue("password")
	hash := account.HashToken(token)
	t, err := a.store.PeekToken(ctx, hash, account.PurposeResetPassword, now)
	if errors.Is(err, account.ErrNotFound) {
		s.linkInvalid(w, r, resetAgain)
		return
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	u, err := a.store.User(ctx, t.UserID)
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	if err := account.CheckPassword(pw, u.Email); err != nil {
		f := resetForm(localeOf(r), token)
		f.setErrors(localeOf(r), err)
		s.renderReset(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if _, err := a.store.ConsumeToken(ctx, hash, account.PurposeResetPassword, now); err != nil {
		if errors.Is(err, account.ErrNotFound) { // used meanwhile
			s.linkInvalid(w, r, resetAgain)
			return
		}
		s.accountFailed(w, r, err)
		return
	}
	if err := s.setPassword(ctx, u, pw, 0); err != nil {
		s.accountFailed(w, r, err)
		return
	}
	if !u.Verified() {
		u.EmailVerifiedAt = &now
		if err := a.store.UpdateUser(ctx, u); err != nil {
			s.accountFailed(w, r, err)
			return
		}
	}
	if err := a.store.ClearFailures(ctx, loginKey(u.Email)); err != nil {
		s.accountFailed(w, r, err)
		return
	}
	a.clearCookie(w)
	s.log.Info("password reset", "user", u, "request_id", requestID(ctx))
	http.Redirect(w, r, "/konto/anmelden?hinweis=passwort-neu", http.StatusSeeOther)
}

// setPassword hashes and stores pw as u's password, ends every session of
// u but keep (0: all) and tells u by mail.
func (s *Server) setPassword(ctx context.Context, u *account.User, pw string, keep int64) error {
	a := s.acct
	hash, err := a.hasher.Hash(pw)
	if err != nil {
		return err
	}
	if err := a.store.SetPassword(ctx, u.ID, hash, a.now()); err != nil {
		return err
	}
	if _, err := a.store.DeleteUserSessions(ctx, u.ID, keep); err != nil {
		return err
	}
	return s.sendMail(ctx, u.Email, passwordChangedMail(u, s.link("/konto/passwort-vergessen", nil)))
}
