package main

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/netip"
	"net/url"
	"strings"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/mail"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/web"
)

// accountSettings are the settings of accounts and mail, from LERNNETZ_*:
//
//	LERNNETZ_DEV=true         development mode: cookies for http://127.0.0.1,
//	                          mail into LERNNETZ_MAIL_DIR, shown at /dev/mail
//	LERNNETZ_SMTP_URL         smtp://user:password@host:587 (see mail.NewSMTP)
//	LERNNETZ_MAIL_FROM        sender, default "lernnetz <noreply@HOST of the base URL>"
//	LERNNETZ_MAIL_DIR         development mail folder, default "mail"
//	LERNNETZ_SECRET_KEY       32 random bytes, hex or base64, sealing second
//	                          factors; required outside development mode
//	                          (make one: openssl rand -hex 32)
//	LERNNETZ_TRUSTED_PROXIES  reverse proxies whose X-Forwarded-For is believed
//	                          for login limits, e.g. "127.0.0.1,10.0.0.0/8"
//
// Accounts are on in development mode or with an SMTP server, off otherwise.
type accountSettings struct {
	Dev       bool
	SMTPURL   string
	MailFrom  string
	MailDir   string
	SecretKey []byte
	Proxies   []netip.Prefix
}

func accountSettingsFrom(getenv func(string) string) (accountSettings, error) {
	var s accountSettings
	var err error
	if v := getenv("LERNNETZ_DEV"); v != "" {
		if s.Dev, err = parseBool("LERNNETZ_DEV", v); err != nil {
			return s, err
		}
	}
	s.SMTPURL = getenv("LERNNETZ_SMTP_URL")
	s.MailFrom = getenv("LERNNETZ_MAIL_FROM")
	s.MailDir = getenv("LERNNETZ_MAIL_DIR")
	if s.MailDir == "" {
		s.MailDir = "mail"
	}
	if v := strings.TrimSpace(getenv("LERNNETZ_SECRET_KEY")); v != "" {
		if s.SecretKey, err = parseSecretKey(v); err != nil {
			return s, usageError{err}
		}
	}
	if s.Proxies, err = parseProxies(getenv("LERNNETZ_TRUSTED_PROXIES")); err != nil {
		return s, usageError{err}
	}
	return s, nil
}

// parseProxies reads a comma-separated list of addresses and networks.
func parseProxies(v string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("LERNNETZ_TRUSTED_PROXIES: %q is neither an address nor a network such as 10.0.0.0/8", f)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// parseSecretKey reads 32 bytes given as 64 hex digits or in base64.
func parseSecretKey(v string) ([]byte, error) {
	if b, err := hex.DecodeString(v); err == nil && len(b) == account.SecretKeyLen {
		return b, nil
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(v); err == nil && len(b) == account.SecretKeyLen {
			return b, nil
		}
	}
	return nil, fmt.Errorf("LERNNETZ_SECRET_KEY must be %d random bytes as 64 hex digits or base64 (openssl rand -hex 32)", account.SecretKeyLen)
}

// startAccounts returns the web configuration of accounts (nil when they are
// off) and starts the mail sender; stop ends it and waits until it has.
func startAccounts(ctx context.Context, s accountSettings, store *storage.Store, baseURL string, log *slog.Logger) (cfg *web.AccountConfig, stop func(), err error) {
	wait := func() {}
	var transport mail.Transport
	switch {
	case s.SMTPURL != "":
		t, err := mail.NewSMTP(s.SMTPURL)
		if err != nil {
			return nil, wait, usageError{err}
		}
		transport = t
	case s.Dev:
		d, err := mail.NewDir(s.MailDir)
		if err != nil {
			return nil, wait, err
		}
		transport = d
	default:
		log.Info("accounts are off: set LERNNETZ_SMTP_URL (or LERNNETZ_DEV=true for development)")
		return nil, wait, nil
	}
	if len(s.SecretKey) == 0 && !s.Dev {
		return nil, wait, usageError{fmt.Errorf("accounts need LERNNETZ_SECRET_KEY: %d random bytes, e.g. from openssl rand -hex 32", account.SecretKeyLen)}
	}
	from := s.MailFrom
	if from == "" {
		host := "localhost"
		if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
			host = u.Hostname()
		}
		from = "lernnetz <noreply@" + host + ">"
	}
	sender := mail.NewSender(store, transport, from, mail.WithLogger(log))
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sender.Run(ctx)
	}()
	log.Info("accounts are on", "mail", fmt.Sprint(transport), "from", from, "dev", s.Dev)
	stop = func() {
		cancel()
		<-done
	}
	return &web.AccountConfig{Store: store, Mail: sender, SecretKey: s.SecretKey, MailDir: s.MailDir, Moderation: store, TrustedProxies: s.Proxies}, stop, nil
}

// serveAccounts reads the account settings and starts accounts for serve:
// the web configuration (nil when accounts are off), whether development
// mode is on, and a function that stops the mail sender.
func serveAccounts(ctx context.Context, getenv func(string) string, store *storage.Store, baseURL string, log *slog.Logger) (*web.AccountConfig, bool, func(), error) {
	s, err := accountSettingsFrom(getenv)
	if err != nil {
		return nil, false, func() {}, err
	}
	cfg, wait, err := startAccounts(ctx, s, store, baseURL, log)
	return cfg, s.Dev, wait, err
}
