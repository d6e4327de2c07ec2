package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/lernnetz/lernnetz/mail"
	"github.com/lernnetz/lernnetz/mail/mailtest"
	"github.com/lernnetz/lernnetz/storage/storetest"
)

var ctx = context.Background()

const from = "lernnetz Saar <noreply@lernnetz.example>"

func TestSMTPDelivery(t *testing.T) {
	server := mailtest.Start(t, "lernnetz", "s3cret pass")
	transport, err := mail.NewSMTP(server.URL())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(transport.String(), "s3cret") {
		t.Errorf("the transport shows its password: %s", transport)
	}
	store := storetest.OpenSQLite(t)
	sender := mail.NewSender(store, transport, from)
	text := "Guten Tag,\n\nbitte bestätigen Sie Ihre Adresse: https://lernnetz.example/konto/bestaetigen?token=abc_DEF-123\n\n" +
		strings.Repeat("Eine lange Zeile mit Umlauten äöü ß, die umbrochen werden muss. ", 4) + "\n"
	if err := sender.Enqueue(ctx, mail.Message{To: "lena@example.org", Subject: "Bitte bestätigen Sie Ihre E-Mail-Adresse", Text: text}); err != nil {
		t.Fatal(err)
	}
	if n, err := sender.Flush(ctx); n != 1 || err != nil {
		t.Fatalf("flush: %d %v", n, err)
	}
	m := server.Wait(t, "lena@example.org", 0, 5*time.Second)
	if m.From != "noreply@lernnetz.example" || m.Subject != "Bitte bestätigen Sie Ihre E-Mail-Adresse" {
		t.Errorf("from %q subject %q", m.From, m.Subject)
	}
	if strings.TrimRight(m.Text, "\n") != strings.TrimRight(text, "\n") {
		t.Errorf("text differs:\n%s\nwant:\n%s", m.Text, text)
	}
	for k, want := range map[string]string{"Auto-Submitted": "auto-generated", "To": "<lena@example.org>"} {
		if got := m.Header.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	if m.Header.Get("Message-Id") == "" || m.Header.Get("Date") == "" {
		t.Errorf("no Message-ID or Date: %v", m.Header)
	}
	if ct := m.Header.Get("Content-Type"); !strings.Contains(ct, "text/plain") || !strings.Contains(strings.ToLower(ct), "utf-8") {
		t.Errorf("Content-Type %q", ct)
	}
	if left, _ := store.ClaimMail(ctx, time.Now().Add(time.Hour), 10, time.Minute); len(left) != 0 {
		t.Errorf("the outbox still holds %d messages", len(left))
	}
}

func TestSMTPFailures(t *testing.T) {
	server := mailtest.Start(t, "lernnetz", "right")
	store := storetest.OpenSQLite(t)
	now := time.Date(2030, 1, 1, 8, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }

	// A wrong password is a configuration error: the message waits.
	bad := strings.Replace(server.URL(), ":right@", ":wrong@", 1)
	transport, err := mail.NewSMTP(bad)
	if err != nil {
		t.Fatal(err)
	}
	sender := mail.NewSender(store, transport, from, mail.WithClock(clock))
	sender.Enqueue(ctx, mail.Message{To: "a@example.org", Subject: "x", Text: "x"})
	if n, err := sender.Flush(ctx); n != 1 || err != nil {
		t.Fatalf("flush: %d %v", n, err)
	}
	if len(server.Messages()) != 0 {
		t.Fatal("delivered with a wrong password")
	}
	if due, _ := store.ClaimMail(ctx, now.Add(59*time.Second), 10, time.Minute); len(due) != 0 {
		t.Fatal("retried before the backoff")
	}
	// With the right password, the retry after the backoff delivers it.
	good, _ := mail.NewSMTP(server.URL())
	sender = mail.NewSender(store, good, from, mail.WithClock(func() time.Time { return now.Add(time.Minute) }))
	if n, _ := sender.Flush(ctx); n != 1 {
		t.Fatalf("retry sent %d", n)
	}
	if m := server.Wait(t, "a@example.org", 0, 5*time.Second); m == nil {
		t.Fatal("not delivered")
	}

	// A recipient refused for good is given up at once.
	server.Reject = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	sender.Enqueue(ctx, mail.Message{To: "nobody@example.org", Subject: "x", Text: "x"})
	sender.Flush(ctx)
	if due, _ := store.ClaimMail(ctx, now.Add(24*time.Hour), 10, time.Minute); len(due) != 0 {
		t.Errorf("a rejected recipient is retried: %+v", due)
	}
	// A temporary refusal is retried.
	server.Reject = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try later"}
	sender.Enqueue(ctx, mail.Message{To: "later@example.org", Subject: "x", Text: "x"})
	sender.Flush(ctx)
	if due, _ := store.ClaimMail(ctx, now.Add(24*time.Hour), 10, time.Minute); len(due) != 1 {
		t.Errorf("a temporary refusal is not retried: %+v", due)
	}
}

func TestBackoff(t *testing.T) {
	for n, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 5: 16 * time.Minute, 9: 4 * time.Hour, 40: 4 * time.Hour} {
		if got := mail.Backoff(n); got != want {
			t.Errorf("Backoff(%d) = %v, want %v", n, got, want)
		}
	}
}

func TestSMTPURL(t *testing.T) {
	for _, ok := range []string{"smtp://user:pass@mail.example.org:587", "smtps://user:pass@mail.example.org", "smtp://127.0.0.1:25?tls=none",
		"smtp://mail.example.org?tls=opportunistic"} {
		if _, err := mail.NewSMTP(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "http://mail.example.org", "smtp://", "smtp://mail.example.org?tls=maybe",
		"smtps://mail.example.org?tls=none", "smtp://mail.example.org:port"} {
		if _, err := mail.NewSMTP(bad); err == nil {
			t.Errorf("%q accepted", bad)
		} else if strings.Contains(err.Error(), "pass") && strings.Contains(bad, "pass") {
			t.Errorf("error shows the password: %v", err)
		}
	}
}

func TestDirTransport(t *testing.T) {
	dir, err := mail.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for i, subj := range []string{"Erste Nachricht", "Zweite Nachricht – mit Umlauten: Grüße"} {
		if err := dir.Send(ctx, from, &mail.Message{To: "lena@example.org", Subject: subj, Text: "Text " + string(rune('A'+i)) + " äöü"}); err != nil {
			t.Fatal(err)
		}
	}
	list, err := dir.List()
	if err != nil || len(list) != 2 {
		t.Fatalf("list: %v %d", err, len(list))
	}
	if list[0].Subject != "Zweite Nachricht – mit Umlauten: Grüße" || list[0].To != "lena@example.org" || list[0].Text != "Text B äöü" {
		t.Errorf("newest: %+v", list[0])
	}
	got, err := dir.Read(list[1].Name)
	if err != nil || got.Subject != "Erste Nachricht" {
		t.Errorf("read: %v %+v", err, got)
	}
	for _, name := range []string{"../etc/passwd", "x.eml", "", list[1].Name + "/", "/" + list[1].Name} {
		if _, err := dir.Read(name); err != mail.ErrNoMessage {
			t.Errorf("Read(%q): %v", name, err)
		}
	}
}
