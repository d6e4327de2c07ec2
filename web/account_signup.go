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

func signUpForm(n account.NewUser) *form {
	pw := newPasswordField("password", "password", "Passwort")
	return &form{
		Action: "/konto/registrieren", Submit: "Konto anlegen",
		Fields: []*field{nameField(n.DisplayName), emailField(n.Email), pw},
	}
}

func (s *Server) renderSignUp(w http.ResponseWriter, r *http.Request, status int, f *form) {
	s.renderAccount(w, r, status, "account_form", &accountPageData{
		layout: layout{Title: "Konto anlegen", Description: "Mit einem Konto merken Sie sich Angebote und werden benachrichtigt."},
		Intro: []string{"Mit einem Konto können Sie Angebote auf Ihrer Merkliste sammeln. " +
			"Wir schicken Ihnen eine E-Mail, um Ihre Adresse zu bestätigen."},
		Form:  f,
		Links: []pageLink{{"/konto/anmelden", "Sie haben schon ein Konto? Anmelden"}},
	})
}

func (s *Server) signUpForm(w http.ResponseWriter, r *http.Request) {
	s.renderSignUp(w, r, http.StatusOK, signUpForm(account.NewUser{}))
}

func (s *Server) checkYourMail(w http.ResponseWriter, r *http.Request, email string) {
	s.renderAccount(w, r, http.StatusOK, "account_form", &accountPageData{
		layout: layout{Title: "Bitte sehen Sie in Ihr Postfach"},
		Intro: []string{
			"Wir haben eine E-Mail an " + email + " geschickt. Bitte öffnen Sie den Link darin, um Ihre Adresse zu bestätigen. Er gilt 48 Stunden.",
			"Keine E-Mail bekommen? Sehen Sie bitte im Spam-Ordner nach. Wenn Sie sich anmelden, schicken wir den Link noch einmal.",
		},
		Links: []pageLink{{"/konto/anmelden", "Zur Anmeldung"}},
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
		f := signUpForm(n)
		if !f.setErrors(err) {
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
	s.renderAccount(w, r, http.StatusBadRequest, "account_form", &accountPageData{
		layout: layout{Title: "Dieser Link gilt nicht mehr"},
		Intro:  []string{"Der Link ist abgelaufen, wurde schon verwendet oder ist unvollständig. Aus Sicherheitsgründen gilt jeder Link nur einmal und nur für kurze Zeit."},
		Links:  []pageLink{again},
	})
}

var verifyAgain = pageLink{"/konto/anmelden", "Anmelden – dabei schicken wir Ihnen einen neuen Link"}

// verifyForm shows a button rather than confirming at once: mail scanners
// that follow links must not use them up, and GET changes nothing.
func (s *Server) verifyForm(w http.ResponseWriter, r *http.Request) {
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
		layout: layout{Title: "E-Mail-Adresse bestätigen"},
		Intro:  []string{"Bitte bestätigen Sie, dass diese E-Mail-Adresse Ihnen gehört."},
		Form:   &form{Action: "/konto/bestaetigen", Submit: "E-Mail-Adresse bestätigen", Hidden: []hiddenInput{{"token", token}}},
	})
}

func (s *Server) verify(w http.ResponseWriter, r *http.Request) {
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
		layout: layout{Title: "E-Mail-Adresse bestätigt"},
		Notice: "Danke! Ihre E-Mail-Adresse ist bestätigt.",
		Intro:  []string{"Sie können sich jetzt anmelden."},
		Links:  []pageLink{{"/konto/anmelden", "Zur Anmeldung"}},
	})
}

// Password reset.

func forgotForm(email string) *form {
	return &form{Action: "/konto/passwort-vergessen", Submit: "Link anfordern", Fields: []*field{emailField(email)}}
}

func (s *Server) renderForgot(w http.ResponseWriter, r *http.Request, status int, f *form) {
	s.renderAccount(w, r, status, "account_form", &accountPageData{
		layout: layout{Title: "Passwort vergessen"},
		Intro:  []string{"Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort wählen. Er gilt eine Stunde."},
		Form:   f,
		Links:  []pageLink{{"/konto/anmelden", "Zurück zur Anmeldung"}},
	})
}

func (s *Server) forgotForm(w http.ResponseWriter, r *http.Request) {
	s.renderForgot(w, r, http.StatusOK, forgotForm(""))
}

func (s *Server) forgot(w http.ResponseWriter, r *http.Request) {
	if !s.ipAllowed(w, r) {
		return
	}
	a := s.acct
	ctx := r.Context()
	email := r.PostFormValue("email")
	if err := account.ValidateEmail(email); err != nil {
		f := forgotForm(email)
		f.setErrors(err)
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
		layout: layout{Title: "Bitte sehen Sie in Ihr Postfach"},
		Intro: []string{
			"Wenn es zu dieser Adresse ein Konto gibt, haben wir eine E-Mail mit einem Link geschickt. Er gilt eine Stunde und nur einmal.",
			"Keine E-Mail bekommen? Sehen Sie bitte im Spam-Ordner nach und prüfen Sie die Schreibweise der Adresse.",
		},
		Links: []pageLink{{"/konto/anmelden", "Zur Anmeldung"}},
	})
}

var resetAgain = pageLink{"/konto/passwort-vergessen", "Neuen Link anfordern"}

func resetForm(token string) *form {
	return &form{
		Action: "/konto/passwort-neu", Submit: "Passwort speichern",
		Hidden: []hiddenInput{{"token", token}},
		Fields: []*field{newPasswordField("password", "password", "Neues Passwort")},
	}
}

func (s *Server) renderReset(w http.ResponseWriter, r *http.Request, status int, f *form) {
	s.renderAccount(w, r, status, "account_form", &accountPageData{
		layout: layout{Title: "Neues Passwort wählen"},
		Intro:  []string{"Nach dem Speichern melden wir Sie überall ab, wo Sie noch angemeldet sind."},
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
	s.renderReset(w, r, http.StatusOK, resetForm(token))
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
		f := resetForm(token)
		f.setErrors(err)
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
