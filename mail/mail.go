// Package mail sends lernnetz's e-mail — account verification, password
// resets, notices — through an outbox: a message is first stored with the
// change that caused it, then a Sender delivers it, retrying with growing
// pauses when the mail server is away. On PostgreSQL several nodes share one
// outbox; a lease makes sure each message is sent by one of them.
//
// Transports: SMTP (via github.com/wneessen/go-mail, configured by a URL such
// as smtp://user:pass@host:587) for production, and a folder of .eml files
// for development, which the portal shows at /dev/mail.
package mail

import (
	"context"
	"time"
)

// Message is one plain-text e-mail to one recipient. lernnetz sends plain
// text only: it reads well everywhere, in screen readers too, and carries no
// tracking.
type Message struct {
	To      string
	Subject string
	Text    string
}

// Queued is a message waiting in the outbox.
type Queued struct {
	ID int64
	Message
	Attempts  int // including the one this message is claimed for
	CreatedAt time.Time
}

// Outbox stores messages until they are sent. Package storage implements it
// on SQLite and PostgreSQL.
type Outbox interface {
	// EnqueueMail stores m to be sent at or after at and returns its id.
	EnqueueMail(ctx context.Context, m *Message, at time.Time) (int64, error)
	// ClaimMail leases up to limit messages that are due at now for lease:
	// no other call claims them until the lease ends. Each claim counts as
	// an attempt.
	ClaimMail(ctx context.Context, now time.Time, limit int, lease time.Duration) ([]*Queued, error)
	// MailSent removes a sent message (its text may hold a one-time link).
	MailSent(ctx context.Context, id int64) error
	// MailFailed records a failed attempt with its error; the message is
	// tried again at retry. A zero retry gives up: the message stays, marked
	// failed, without its text.
	MailFailed(ctx context.Context, id int64, reason string, retry time.Time) error
}
