package web

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"time"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/mail"
	"github.com/lernnetz/lernnetz/moderation"
)

// AccountConfig enables people's accounts: sign-up with e-mail
// verification, login with a second factor, sessions, password reset. See
// Config.Accounts.
type AccountConfig struct {
	// Store keeps users, sessions and tokens; required.
	Store account.Store
	// Mail takes the account mail (verification, reset, notices); required.
	// A *mail.Sender is one.
	Mail Mailer
	// SecretKey seals TOTP secrets in the database (account.SecretBox);
	// account.SecretKeyLen random bytes, required unless Config.Dev.
	SecretKey []byte
	// MailDir is the folder of development mail shown at /dev/mail when
	// Config.Dev is set.
	MailDir string
	// Now is the clock for sessions, tokens and limits; time.Now when nil.
	Now func() time.Time
	// Hasher hashes passwords; account.NewHasher(account.DefaultArgon2)
	// when nil.
	Hasher *account.Hasher
	// Throttle limits failed logins per account; account.DefaultThrottle
	// when nil.
	Throttle *account.Throttle
	// PerIPPerMinute limits the account forms' POSTs per client address;
	// 30 when 0.
	PerIPPerMinute int
	// TrustedProxies are the reverse proxies in front of lernnetz whose
	// X-Forwarded-For is believed for the per-address login limit and the
	// addresses in "my sessions"; empty: the TCP peer counts.
	TrustedProxies []netip.Prefix
	// Moderation, when set, enables the provider self-service (/anbieten)
	// and the moderation queue (/moderation). Config.Store must then keep
	// the queue and audit log as well (package storage's stores do), so
	// that a change and its audit entry are saved in one transaction.
	Moderation moderation.Store
}

// Mailer queues a message for sending.
type Mailer interface {
	Enqueue(ctx context.Context, m mail.Message) error
}

// validate checks the account configuration of c.
func (c Config) validateAccounts() error {
	a := c.Accounts
	if a == nil {
		return nil
	}
	if a.Store == nil || a.Mail == nil {
		return errors.New("web: Config.Accounts needs a Store and a Mail")
	}
	if c.BaseURL == "" {
		// Links in mail must not be built from the request's Host header,
		// which a client chooses (password-reset poisoning).
		return errors.New("web: accounts need Config.BaseURL, for the links in their mail")
	}
	if len(a.SecretKey) == 0 && !c.Dev {
		return fmt.Errorf("web: accounts need a secret key of %d random bytes to seal second factors (LERNNETZ_SECRET_KEY)", account.SecretKeyLen)
	}
	if len(a.SecretKey) != 0 {
		if _, err := account.NewSecretBox(a.SecretKey); err != nil {
			return err
		}
	}
	return nil
}

// accounts is the state of the account pages.
type accounts struct {
	dev        bool
	store      account.Store // nil: accounts are off
	mail       Mailer
	box        *account.SecretBox
	hasher     *account.Hasher
	throttle   account.Throttle
	ipLimit    *ipLimiter
	proxies    []netip.Prefix
	now        func() time.Time
	cookieName string
	mailDir    *mail.Dir
}

// Cookie names: with the __Host- prefix a browser accepts the cookie only
// with Secure, Path=/ and no Domain, so no other host or plain-HTTP page can
// set or shadow it. Development over http://127.0.0.1 cannot use it.
const (
	sessionCookie    = "__Host-lernnetz_session"
	devSessionCookie = "lernnetz_session"
)

// setupAccounts prepares the security middleware and, when cfg.Accounts is
// set, registers the account pages.
func (s *Server) setupAccounts(cfg Config) {
	a := &accounts{dev: cfg.Dev, cookieName: sessionCookie, now: time.Now}
	if cfg.Dev {
		a.cookieName = devSessionCookie
	}
	s.acct = a
	c := cfg.Accounts
	if c == nil {
		return
	}
	a.store, a.mail, a.hasher = c.Store, c.Mail, c.Hasher
	if c.Now != nil {
		a.now = c.Now
	}
	if a.hasher == nil {
		a.hasher = account.NewHasher(account.DefaultArgon2)
	}
	a.throttle = account.DefaultThrottle
	if c.Throttle != nil {
		a.throttle = *c.Throttle
	}
	a.proxies = c.TrustedProxies
	a.ipLimit = newIPLimiter(30)
	if c.PerIPPerMinute > 0 {
		a.ipLimit = newIPLimiter(c.PerIPPerMinute)
	}
	if len(c.SecretKey) > 0 {
		a.box, _ = account.NewSecretBox(c.SecretKey) // checked by Validate
	} else {
		a.box = account.DevSecretBox()
		s.log.Warn("development mode: second factors are sealed with a public key; set LERNNETZ_SECRET_KEY in production")
	}
	if cfg.Dev {
		s.log.Warn("development mode: session cookies without Secure and __Host-; never use it in production")
	}

	s.handle("GET /konto", s.accountHome)
	s.handle("GET /konto/registrieren", s.signUpForm)
	s.handle("POST /konto/registrieren", s.signUp)
	s.handle("GET /konto/bestaetigen", s.verifyForm)
	s.handle("POST /konto/bestaetigen", s.verify)
	s.handle("GET /konto/anmelden", s.loginForm)
	s.handle("POST /konto/anmelden", s.login)
	s.handle("GET /konto/anmelden/code", s.codeForm)
	s.handle("POST /konto/anmelden/code", s.code)
	s.handle("POST /konto/abmelden", s.logout)
	s.handle("GET /konto/passwort-vergessen", s.forgotForm)
	s.handle("POST /konto/passwort-vergessen", s.forgot)
	s.handle("GET /konto/passwort-neu", s.resetForm)
	s.handle("POST /konto/passwort-neu", s.reset)
	s.handle("GET /konto/passwort", s.passwordForm)
	s.handle("POST /konto/passwort", s.changePassword)
	s.handle("GET /konto/zwei-faktor", s.enrolForm)
	s.handle("POST /konto/zwei-faktor", s.enrol)
	s.handle("GET /konto/sitzungen", s.sessionsPage)
	s.handle("POST /konto/sitzungen/andere-beenden", s.endOtherSessions)
	s.handle("POST /konto/sitzungen/{id}/beenden", s.endSession)

	if cfg.Dev && c.MailDir != "" {
		dir, err := mail.NewDir(c.MailDir)
		if err != nil {
			s.log.Error("development mail folder", "error", err)
			return
		}
		a.mailDir = dir
		s.handle("GET /dev/mail", s.devMailList)
		s.handle("GET /dev/mail/{name}", s.devMailShow)
	}
}
