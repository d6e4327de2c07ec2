package mail

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// Sender stores messages in the outbox and delivers them through a
// Transport. Enqueue wakes it; it also looks at the outbox every Interval
// for messages that other nodes stored or that wait for a retry.
type Sender struct {
	outbox    Outbox
	transport Transport
	from      string
	log       *slog.Logger
	now       func() time.Time
	wake      chan struct{}

	// Interval between looks at the outbox (default 30 s).
	Interval time.Duration
	// Lease is how long a claimed message is reserved for this node
	// (default 5 min): if the node dies while sending, another sends it then.
	Lease time.Duration
	// MaxAttempts before a message is given up (default 10, spread over
	// about a day by Backoff).
	MaxAttempts int
}

// SenderOption configures a Sender.
type SenderOption func(*Sender)

// WithLogger sets where the sender logs (without addresses or text).
func WithLogger(l *slog.Logger) SenderOption { return func(s *Sender) { s.log = l } }

// WithClock sets the sender's clock (tests).
func WithClock(now func() time.Time) SenderOption { return func(s *Sender) { s.now = now } }

// NewSender returns a sender of mail from the address from (e.g.
// "lernnetz Saar <noreply@lernnetz.example>").
func NewSender(outbox Outbox, transport Transport, from string, opts ...SenderOption) *Sender {
	s := &Sender{
		outbox: outbox, transport: transport, from: from,
		log: slog.New(slog.DiscardHandler), now: time.Now, wake: make(chan struct{}, 1),
		Interval: 30 * time.Second, Lease: 5 * time.Minute, MaxAttempts: 10,
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Enqueue stores m in the outbox and wakes the sender.
func (s *Sender) Enqueue(ctx context.Context, m Message) error {
	if _, err := s.outbox.EnqueueMail(ctx, &m, s.now()); err != nil {
		return err
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
	return nil
}

// Run sends until ctx ends.
func (s *Sender) Run(ctx context.Context) {
	t := time.NewTicker(s.Interval)
	defer t.Stop()
	for {
		if _, err := s.Flush(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("mail outbox", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-t.C:
		}
	}
}

// Backoff returns the pause after the n-th failed attempt: 1, 2, 4 … minutes,
// at most 4 hours.
func Backoff(n int) time.Duration {
	return min(time.Minute<<min(max(n-1, 0), 10), 4*time.Hour)
}

// Flush sends every message that is due now and returns how many it sent.
func (s *Sender) Flush(ctx context.Context) (int, error) {
	sent := 0
	for {
		batch, err := s.outbox.ClaimMail(ctx, s.now(), 20, s.Lease)
		if err != nil {
			return sent, err
		}
		if len(batch) == 0 {
			return sent, nil
		}
		for _, m := range batch {
			if err := s.send(ctx, m); err != nil {
				return sent, err
			}
			sent++
		}
	}
}

// send delivers one claimed message and records the outcome; it returns
// an error only when the outbox cannot be written.
func (s *Sender) send(ctx context.Context, m *Queued) error {
	sendCtx, cancel := context.WithTimeout(ctx, time.Minute)
	err := s.transport.Send(sendCtx, s.from, &m.Message)
	cancel()
	if err == nil {
		s.log.Info("mail sent", "id", m.ID, "to", redactAddr(m.To), "attempt", m.Attempts)
		return s.outbox.MailSent(context.WithoutCancel(ctx), m.ID)
	}
	reason := err.Error()
	if len(reason) > 500 {
		reason = reason[:500]
	}
	var retry time.Time
	if !IsPermanent(err) && m.Attempts < s.MaxAttempts {
		retry = s.now().Add(Backoff(m.Attempts))
	}
	s.log.Warn("mail not sent", "id", m.ID, "to", redactAddr(m.To), "attempt", m.Attempts, "error", err,
		"retry", !retry.IsZero())
	if err := s.outbox.MailFailed(context.WithoutCancel(ctx), m.ID, reason, retry); err != nil {
		return fmt.Errorf("mail: record failure: %w", err)
	}
	return nil
}
