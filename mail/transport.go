package mail

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Transport delivers one message.
type Transport interface {
	Send(ctx context.Context, from string, m *Message) error
}

// compose builds the RFC 5322 message: UTF-8 plain text, quoted-printable,
// with Date, Message-ID and "Auto-Submitted: auto-generated" (RFC 3834), so
// that auto-responders stay quiet.
func compose(from string, m *Message, now time.Time) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("mail: sender %q: %w", from, err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("mail: recipient %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetDateWithValue(now)
	msg.SetMessageID()
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	return msg, nil
}

// SMTP delivers through an SMTP server with go-mail.
type SMTP struct {
	client *gomail.Client
	desc   string // the URL without password, for logs
}

// NewSMTP returns a transport for the server named by rawURL:
//
//	smtp://user:password@host:587     submission with STARTTLS (required)
//	smtps://user:password@host:465    TLS from the start
//	smtp://host:25?tls=none           no TLS, e.g. a relay on localhost
//	smtp://host:25?tls=opportunistic  STARTTLS when offered
//
// With a user name the strongest mechanism the server offers over TLS is
// used (PLAIN, LOGIN, SCRAM …); with tls=none only PLAIN, in the clear, which
// is fit for a relay on the same machine and nothing else.
func NewSMTP(rawURL string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("mail: SMTP URL: %w", err)
	}
	host := u.Hostname()
	if host == "" || (u.Scheme != "smtp" && u.Scheme != "smtps") {
		return nil, fmt.Errorf("mail: SMTP URL %q: use smtp://[user:password@]host[:port] or smtps://…", u.Redacted())
	}
	opts := []gomail.Option{gomail.WithTimeout(30 * time.Second)}
	port := 587
	tlsMode := u.Query().Get("tls")
	switch {
	case u.Scheme == "smtps":
		port = 465
		opts = append(opts, gomail.WithSSL())
		if tlsMode != "" {
			return nil, fmt.Errorf("mail: SMTP URL %q: smtps:// always uses TLS; leave out tls=", u.Redacted())
		}
	case tlsMode == "" || tlsMode == "starttls":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case tlsMode == "opportunistic":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	case tlsMode == "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		return nil, fmt.Errorf("mail: SMTP URL %q: tls=%q: use starttls, opportunistic or none", u.Redacted(), tlsMode)
	}
	if p := u.Port(); p != "" {
		port, err = strconv.Atoi(p)
		if err != nil {
			return nil, fmt.Errorf("mail: SMTP URL %q: port %q", u.Redacted(), p)
		}
	}
	opts = append(opts, gomail.WithPort(port))
	if user := u.User.Username(); user != "" {
		pass, _ := u.User.Password()
		auth := gomail.SMTPAuthAutoDiscover
		if tlsMode == "none" {
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(user), gomail.WithPassword(pass))
	}
	client, err := gomail.NewClient(host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: SMTP client for %s: %w", u.Redacted(), err)
	}
	return &SMTP{client: client, desc: u.Redacted()}, nil
}

// String names the server, without password.
func (t *SMTP) String() string { return t.desc }

// Send delivers m over one SMTP connection.
func (t *SMTP) Send(ctx context.Context, from string, m *Message) error {
	msg, err := compose(from, m, time.Now())
	if err != nil {
		return Permanent(err)
	}
	err = t.client.DialAndSendWithContext(ctx, msg)
	if err == nil {
		return nil
	}
	// A recipient refused with a 5xx answer will not be accepted on retry.
	// Anything else — the server away, a login refused (a configuration
	// to fix) — may pass later.
	var se *gomail.SendError
	if errors.As(err, &se) && se.Reason == gomail.ErrSMTPRcptTo && !se.IsTemp() && se.ErrorCode() >= 500 {
		return Permanent(err)
	}
	return err
}

// permanentError marks an error that no retry will cure.
type permanentError struct{ error }

func (e permanentError) Unwrap() error { return e.error }

// Permanent marks err as one that retrying will not cure (a rejected
// address): the Sender gives the message up at once.
func Permanent(err error) error { return permanentError{err} }

// IsPermanent reports whether err was marked with Permanent.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

// redactAddr shortens an address for logs to its domain: logs hold no
// personal data.
func redactAddr(addr string) string {
	if at := strings.LastIndex(addr, "@"); at >= 0 {
		return "…" + addr[at:]
	}
	return "…"
}
