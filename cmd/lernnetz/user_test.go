package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/storage"
)

func TestUserCreate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "lernnetz.db")
	env := map[string]string{"LERNNETZ_DB": db, "LERNNETZ_LOG_LEVEL": "error"}
	getenv := func(k string) string { return env[k] }
	ctx := context.Background()
	run := func(args ...string) (string, string, error) {
		var out, errOut bytes.Buffer
		err := cmdUser(ctx, args, getenv, &out, &errOut)
		return out.String(), errOut.String(), err
	}

	out, _, err := run("create", "--role", "admin", "--email", "Admin@Example.org", "--name", "Erste Administratorin")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Created account 1 for Admin@Example.org (admin).") || !strings.Contains(out, "second factor") {
		t.Errorf("output:\n%s", out)
	}
	pw := strings.TrimSpace(out[strings.Index(out, "change it after the first login): ")+len("change it after the first login): "):])
	pw = strings.SplitN(pw, "\n", 2)[0]
	if len(pw) != 24 {
		t.Fatalf("generated password %q", pw)
	}

	stdin = strings.NewReader("ein Passwort von der Standardeingabe\n")
	if _, _, err := run("create", "--email", "beratung@example.org", "--role", "counsellor,coordinator", "--password-stdin"); err != nil {
		t.Fatal(err)
	}
	stdin = strings.NewReader("1qaz2wsx3edc\n")
	if _, _, err := run("create", "--email", "schwach@example.org", "--password-stdin"); err == nil || !isUsage(err) ||
		!strings.Contains(err.Error(), "common") {
		t.Errorf("common password: %v", err)
	}
	if _, _, err := run("create", "--email", "admin@example.org"); err == nil || !strings.Contains(err.Error(), "has an account already") {
		t.Errorf("duplicate: %v", err)
	}
	for _, bad := range [][]string{{"create"}, {"create", "--email", "kein-at"}, {"create", "--email", "x@example.org", "--role", "root"}, {"delete"}, {}} {
		if _, _, err := run(bad...); err == nil || !isUsage(err) {
			t.Errorf("%v: %v, want a usage error", bad, err)
		}
	}

	store, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	admin, err := store.UserByEmail(ctx, "admin@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if !admin.Verified() || !admin.Has(account.RoleAdmin) || admin.DisplayName != "Erste Administratorin" {
		t.Errorf("admin %+v", admin)
	}
	if ok, _, _ := account.NewHasher(account.DefaultArgon2).Verify(admin.PasswordHash, pw); !ok {
		t.Error("the printed password does not match")
	}
	staff, _ := store.UserByEmail(ctx, "beratung@example.org")
	if ok, _, _ := account.NewHasher(account.DefaultArgon2).Verify(staff.PasswordHash, "ein Passwort von der Standardeingabe"); !ok ||
		!staff.Has(account.RoleCounsellor) || !staff.Has(account.RoleCoordinator) {
		t.Errorf("staff %+v", staff)
	}

	// reset-2fa removes the second factor and ends the sessions.
	if err := store.SetTOTP(ctx, admin.ID, "v1:sealed", 5); err != nil {
		t.Fatal(err)
	}
	_, se := account.NewSession(admin.ID, account.SessionActive, account.StaffSessionLimits, admin.CreatedAt, "", "")
	store.CreateSession(ctx, se)
	out, _, err = run("reset-2fa", "--email", "ADMIN@example.org")
	if err != nil || !strings.Contains(out, "ended 1 sessions") {
		t.Fatalf("reset-2fa: %v %s", err, out)
	}
	if u, _ := store.User(ctx, admin.ID); u.HasTOTP() {
		t.Error("second factor left")
	}
	if _, _, err := run("reset-2fa", "--email", "nobody@example.org"); err == nil {
		t.Error("reset-2fa of nobody")
	}
}

func TestAccountSettings(t *testing.T) {
	hexKey := strings.Repeat("ab", 32)
	for _, tc := range []struct {
		env  map[string]string
		ok   bool
		dev  bool
		keyN int
	}{
		{map[string]string{}, true, false, 0},
		{map[string]string{"LERNNETZ_DEV": "true"}, true, true, 0},
		{map[string]string{"LERNNETZ_SECRET_KEY": hexKey}, true, false, 32},
		{map[string]string{"LERNNETZ_SECRET_KEY": "q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s="}, true, false, 32},
		{map[string]string{"LERNNETZ_SECRET_KEY": "short"}, false, false, 0},
		{map[string]string{"LERNNETZ_DEV": "maybe"}, false, false, 0},
		{map[string]string{"LERNNETZ_TRUSTED_PROXIES": "10.0.0.0/8, 127.0.0.1 ,::1"}, true, false, 0},
		{map[string]string{"LERNNETZ_TRUSTED_PROXIES": "proxy.example"}, false, false, 0},
	} {
		s, err := accountSettingsFrom(func(k string) string { return tc.env[k] })
		if (err == nil) != tc.ok || (err == nil && (s.Dev != tc.dev || len(s.SecretKey) != tc.keyN)) {
			t.Errorf("%v: %+v %v", tc.env, s, err)
		}
		if v := tc.env["LERNNETZ_TRUSTED_PROXIES"]; v != "" && err == nil {
			if len(s.Proxies) != 3 || s.Proxies[0].String() != "10.0.0.0/8" || s.Proxies[1].String() != "127.0.0.1/32" || s.Proxies[2].String() != "::1/128" {
				t.Errorf("proxies of %q: %v", v, s.Proxies)
			}
		}
	}
}

// TestServeWithAccounts starts lernnetz serve in development mode: sign-up
// mail lands in the mail folder and /dev/mail shows it.
func TestServeWithAccounts(t *testing.T) {
	dir := t.TempDir()
	env := envFrom(map[string]string{
		"LERNNETZ_DB": filepath.Join(dir, "lernnetz.db"), "LERNNETZ_ADDR": "127.0.0.1:0", "LERNNETZ_DEMO": "false",
		"LERNNETZ_DEV": "true", "LERNNETZ_MAIL_DIR": filepath.Join(dir, "mail"), "LERNNETZ_LOG_LEVEL": "error",
	})
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() { done <- Run(ctx, []string{"serve"}, env, &out, &errOut) }()
	base := waitForURL(t, &out, &errOut)

	form := url.Values{"email": {"neu@example.org"}, "password": {"Kurse in Saarbrücken und Merzig"}}
	req, _ := http.NewRequest(http.MethodPost, base+"/konto/registrieren", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("sign-up: %d", res.StatusCode)
	}
	var body string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		res, err := http.Get(base + "/dev/mail")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if body = string(b); strings.Contains(body, "Bitte bestätigen Sie Ihre E-Mail-Adresse") {
			break
		}
	}
	if !strings.Contains(body, "an neu@example.org") {
		t.Fatalf("/dev/mail does not show the verification mail:\n%s", body)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited with %d; stderr:\n%s", code, errOut.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}

	// Outside development mode, accounts with mail need a secret key.
	code := Run(context.Background(), []string{"serve"}, envFrom(map[string]string{
		"LERNNETZ_DB": filepath.Join(dir, "lernnetz.db"), "LERNNETZ_ADDR": "127.0.0.1:0", "LERNNETZ_DEMO": "false",
		"LERNNETZ_SMTP_URL": "smtp://127.0.0.1:1?tls=none", "LERNNETZ_LOG_LEVEL": "error",
	}), io.Discard, io.Discard)
	if code != 2 {
		t.Errorf("serve with SMTP but no secret key: exit %d, want 2", code)
	}
}
