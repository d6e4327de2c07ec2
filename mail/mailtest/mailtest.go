// Package mailtest runs a real SMTP server in the test process (with
// github.com/emersion/go-smtp), so that tests send mail over the network the
// way production does and read what arrived.
package mailtest

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net"
	"net/mail"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	lmail "github.com/lernnetz/lernnetz/mail"
)

// Message is a message the server received.
type Message struct {
	From    string   // envelope sender
	To      []string // envelope recipients
	Header  mail.Header
	Subject string
	Text    string // decoded body
	Raw     []byte
}

// Server is an SMTP server on 127.0.0.1 that keeps what it receives.
type Server struct {
	Addr     string // host:port
	Username string // required when set (AUTH PLAIN)
	Password string

	srv      *smtp.Server
	mu       sync.Mutex
	messages []*Message
	arrived  chan struct{}
	// Reject, when set, answers every RCPT TO with it (e.g. a 550 or a 451).
	Reject *smtp.SMTPError
}

// Start starts a server that is closed when the test ends. With a user name
// it requires AUTH PLAIN (allowed without TLS, as on a local relay).
func Start(t testing.TB, username, password string) *Server {
	t.Helper()
	s := &Server{Username: username, Password: password, arrived: make(chan struct{}, 100)}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{server: s}, nil
	}))
	s.srv.Domain = "localhost"
	s.srv.AllowInsecureAuth = true
	s.srv.ReadTimeout = 10 * time.Second
	s.srv.WriteTimeout = 10 * time.Second
	s.srv.MaxMessageBytes = 1 << 20
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Addr = ln.Addr().String()
	go s.srv.Serve(ln)
	t.Cleanup(func() { s.srv.Close() })
	return s
}

// URL returns the LERNNETZ_SMTP_URL for the server.
func (s *Server) URL() string {
	u := url.URL{Scheme: "smtp", Host: s.Addr, RawQuery: "tls=none"}
	if s.Username != "" {
		u.User = url.UserPassword(s.Username, s.Password)
	}
	return u.String()
}

// Messages returns what arrived so far.
func (s *Server) Messages() []*Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Message(nil), s.messages...)
}

// Wait waits up to timeout for a message to rcpt that arrived after the
// first skip ones to that address, and returns it.
func (s *Server) Wait(t testing.TB, rcpt string, skip int, timeout time.Duration) *Message {
	t.Helper()
	deadline := time.After(timeout)
	for {
		n := 0
		for _, m := range s.Messages() {
			for _, to := range m.To {
				if to == rcpt {
					if n == skip {
						return m
					}
					n++
				}
			}
		}
		select {
		case <-s.arrived:
		case <-deadline:
			t.Fatalf("no mail no. %d to %s within %v (%d messages arrived)", skip+1, rcpt, timeout, len(s.Messages()))
			return nil
		}
	}
}

var mimeDecoder = &mime.WordDecoder{}

// session is one SMTP connection; it implements smtp.Session and, for
// AUTH PLAIN, smtp.AuthSession.
type session struct {
	server *Server
	authed bool
	from   string
	to     []string
}

func (s *session) AuthMechanisms() []string {
	if s.server.Username == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != s.server.Username || password != s.server.Password {
			return errors.New("invalid credentials")
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, opts *smtp.MailOptions) error {
	if s.server.Username != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, opts *smtp.RcptOptions) error {
	if s.server.Reject != nil {
		return s.server.Reject
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	text, err := lmail.DecodeBody(msg)
	if err != nil {
		return err
	}
	subject, err := mimeDecoder.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		subject = msg.Header.Get("Subject")
	}
	m := &Message{From: s.from, To: s.to, Header: msg.Header, Subject: subject, Text: text, Raw: raw}
	s.server.mu.Lock()
	s.server.messages = append(s.server.messages, m)
	s.server.mu.Unlock()
	select {
	case s.server.arrived <- struct{}{}:
	default:
	}
	return nil
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }
