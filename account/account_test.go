package account_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/account"
)

func fieldCode(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var ve *account.ValidationError
	if !errors.As(err, &ve) || len(ve.Errors) != 1 {
		t.Fatalf("want one field error, got %v", err)
	}
	return ve.Errors[0].Code
}

func TestPasswordPolicy(t *testing.T) {
	for _, tc := range []struct {
		name, pw, email, code string
	}{
		{"empty", "", "", "required"},
		{"11 characters", "abcdefghijk", "", "password_short"},
		{"12 characters", "Kurs in Mzg!", "", ""},
		{"spaces count and are kept", "  ab cd ef  ", "", ""},
		{"129 characters", strings.Repeat("x", 128) + "y", "", ""},
		{"256 characters", strings.Repeat("ab", 128), "", ""},
		{"257 characters", strings.Repeat("a", 257), "", "password_long"},
		{"common", "1qaz2wsx3edc", "", "password_common"},
		{"common in other case", "1QAZ2WSX3EDC", "", "password_common"},
		{"common, another", "qwertyuiopasdfgh", "", "password_common"},
		// Runes, not bytes: 11 umlauts are 22 bytes but 11 characters.
		{"11 umlauts", strings.Repeat("ä", 11), "", "password_short"},
		{"12 umlauts", strings.Repeat("ä", 12), "", ""},
		{"emoji", "🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑", "", ""},
		{"the e-mail address", "Lena.Muster@example.org", "lena.muster@example.org", "password_is_email"},
		{"no composition rules", "correct horse battery staple", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fieldCode(t, account.CheckPassword(tc.pw, tc.email)); got != tc.code {
				t.Errorf("CheckPassword(%q) = %q, want %q", tc.pw, got, tc.code)
			}
		})
	}
	var ve *account.ValidationError
	errors.As(account.CheckPassword("kurz", ""), &ve)
	if got := ve.Errors[0].Message("de"); got != "Das Passwort muss mindestens 12 Zeichen lang sein." {
		t.Errorf("German message %q", got)
	}
	if got := ve.Errors[0].Message("en"); got != "The password must have at least 12 characters." {
		t.Errorf("English message %q", got)
	}
}

func TestCommonPasswordList(t *testing.T) {
	for _, pw := range []string{"123qweasdzxc", "qwerty123456", "administrator", "ghhh47hj7649"} {
		if !account.IsCommonPassword(pw) {
			t.Errorf("%q is not on the list", pw)
		}
	}
	if account.IsCommonPassword("Mein Kurs beginnt im Mai in Merzig") {
		t.Error("a long sentence is on the list")
	}
}

func TestNewUserValidate(t *testing.T) {
	n := account.NewUser{Email: "  kein-at-zeichen ", DisplayName: strings.Repeat("x", 101), Password: "short"}
	err := n.Validate()
	var ve *account.ValidationError
	if !errors.As(err, &ve) || len(ve.Errors) != 3 ||
		!ve.Has("email", "invalid_email") || !ve.Has("display_name", "too_long") || !ve.Has("password", "password_short") {
		t.Fatalf("got %v", err)
	}
	n = account.NewUser{Email: " Lena@Example.org ", DisplayName: " Lena ", Password: "ein sicheres Passwort"}
	if err := n.Validate(); err != nil {
		t.Fatal(err)
	}
	if n.Email != "Lena@Example.org" || n.DisplayName != "Lena" {
		t.Errorf("not trimmed: %q %q", n.Email, n.DisplayName)
	}
	if account.EmailKey(" Lena@Example.ORG") != "lena@example.org" {
		t.Error("EmailKey does not fold case")
	}
	for _, bad := range []string{"", "a@b", "@example.org", "Lena <lena@example.org>", "lena@example.org, x@example.org"} {
		if account.ValidateEmail(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// cheap keeps the tests fast; the parameters' shape is what matters.
var cheap = account.Argon2Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func TestArgon2RoundTrip(t *testing.T) {
	h := account.NewHasher(account.DefaultArgon2)
	enc, err := h.Hash("Straße nach Saarbrücken")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not a PHC string with OWASP's parameters", enc)
	}
	if enc2, _ := h.Hash("Straße nach Saarbrücken"); enc2 == enc {
		t.Error("two hashes of one password are equal: no salt")
	}
	if ok, rehash, err := h.Verify(enc, "Straße nach Saarbrücken"); !ok || rehash || err != nil {
		t.Errorf("right password: ok %v rehash %v err %v", ok, rehash, err)
	}
	// NFKC: a decomposed "ß"-less form typed elsewhere still matches.
	if ok, _, _ := h.Verify(enc, "Straße nach Saarbru\u0308cken"); !ok {
		t.Error("the decomposed ü does not match")
	}
	if ok, _, err := h.Verify(enc, "Strasse nach Saarbrücken"); ok || err != nil {
		t.Errorf("wrong password: ok %v err %v", ok, err)
	}
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
		"$argon2id$v=19$m=999999999,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA", strings.Replace(enc, "v=19", "v=16", 1)} {
		if _, _, err := h.Verify(bad, "x"); !errors.Is(err, account.ErrInvalidHash) {
			t.Errorf("Verify(%q): %v, want ErrInvalidHash", bad, err)
		}
	}
	h.VerifyNothing("anything") // must not panic
}

func TestArgon2Rehash(t *testing.T) {
	old := account.NewHasher(cheap)
	enc, err := old.Hash("ein langes Passwort")
	if err != nil {
		t.Fatal(err)
	}
	stronger := cheap
	stronger.Memory, stronger.Time = 128, 2
	cur := account.NewHasher(stronger)
	ok, rehash, err := cur.Verify(enc, "ein langes Passwort")
	if !ok || !rehash || err != nil {
		t.Fatalf("old parameters: ok %v rehash %v err %v; want a rehash", ok, rehash, err)
	}
	if _, rehash, _ := cur.Verify(enc, "falsches Passwort"); rehash {
		t.Error("rehash asked for a wrong password")
	}
	enc2, _ := cur.Hash("ein langes Passwort")
	if ok, rehash, _ := cur.Verify(enc2, "ein langes Passwort"); !ok || rehash {
		t.Errorf("after rehash: ok %v rehash %v", ok, rehash)
	}
}

func TestTOTP(t *testing.T) {
	key, err := account.NewTOTPKey("lena@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if len(key.Secret) != 32 || !strings.HasPrefix(key.URI, "otpauth://totp/lernnetz:lena@example.org?") ||
		!strings.Contains(key.URI, "secret="+key.Secret) {
		t.Fatalf("key %+v", key)
	}
	if uri := account.TOTPURI(key.Secret, "lena@example.org"); !strings.HasPrefix(uri, "otpauth://totp/lernnetz:lena@example.org?") ||
		!strings.Contains(uri, "secret="+key.Secret) || !strings.Contains(uri, "issuer=lernnetz") || !strings.Contains(uri, "period=30") {
		t.Errorf("URI %q", uri)
	}
	now := time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)
	step := account.TOTPStep(now)
	code := func(d time.Duration) string {
		c, err := account.TOTPCode(key.Secret, now.Add(d))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	for _, tc := range []struct {
		name     string
		code     string
		lastStep int64
		want     int64
		err      string
	}{
		{"current", code(0), 0, step, ""},
		{"with a space", code(0)[:3] + " " + code(0)[3:], 0, step, ""},
		{"one step back", code(-30 * time.Second), 0, step - 1, ""},
		{"one step ahead", code(30 * time.Second), 0, step + 1, ""},
		{"two steps back", code(-60 * time.Second), 0, 0, "code_invalid"},
		{"two steps ahead", code(60 * time.Second), 0, 0, "code_invalid"},
		{"wrong", "000000", 0, 0, "code_invalid"},
		{"too short", "12345", 0, 0, "code_invalid"},
		{"reused", code(0), step, 0, "code_used"},
		{"older than the last used", code(-30 * time.Second), step, 0, "code_used"},
		{"newer than the last used", code(30 * time.Second), step, step + 1, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.code == "000000" && code(0) == "000000" {
				t.Skip("the current code happens to be 000000")
			}
			got, err := account.CheckTOTP(key.Secret, tc.code, now, tc.lastStep)
			if c := fieldCode(t, err); c != tc.err || got != tc.want {
				t.Errorf("CheckTOTP = %d, %q; want %d, %q", got, c, tc.want, tc.err)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	a, b := account.NewToken(), account.NewToken()
	if len(a) != 43 || a == b {
		t.Fatalf("tokens %q %q", a, b)
	}
	if h := account.HashToken(a); len(h) != 64 || h == a || h != account.HashToken(a) {
		t.Fatalf("hash %q", h)
	}
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	tok, stored := account.NewOneTimeToken(7, account.PurposeResetPassword, now)
	if stored.Hash != account.HashToken(tok) || stored.UserID != 7 || !stored.ExpiresAt.Equal(now.Add(time.Hour)) {
		t.Errorf("stored %+v", stored)
	}
}

func TestSessionExpiry(t *testing.T) {
	start := time.Date(2030, 1, 1, 8, 0, 0, 0, time.UTC)
	staff := &account.User{ID: 1, Roles: []account.Role{account.RoleCoordinator}}
	learner := &account.User{ID: 2}
	if got := account.LimitsFor(staff, false); got != account.StaffSessionLimits || got.Idle != 30*time.Minute || got.Absolute != 12*time.Hour {
		t.Errorf("staff limits %+v", got)
	}
	if got := account.LimitsFor(learner, true); got != account.StaffSessionLimits {
		t.Errorf("provider member limits %+v", got)
	}
	if got := account.LimitsFor(learner, false); got != account.LearnerSessionLimits {
		t.Errorf("learner limits %+v", got)
	}
	tok, s := account.NewSession(1, account.SessionActive, account.StaffSessionLimits, start, strings.Repeat("u", 500), "127.0.0.1")
	if s.TokenHash != account.HashToken(tok) || len(s.UserAgent) != 200 {
		t.Fatalf("session %+v", s)
	}
	if s.Expired(start.Add(29*time.Minute)) || !s.Expired(start.Add(30*time.Minute)) {
		t.Error("idle timeout is not 30 minutes")
	}
	// Activity every 20 minutes keeps it alive until the absolute end.
	at := start
	for at.Before(start.Add(12*time.Hour - 20*time.Minute)) {
		at = at.Add(20 * time.Minute)
		if s.Expired(at) {
			t.Fatalf("expired at %v despite activity", at.Sub(start))
		}
		if !s.NeedsTouch(at) {
			t.Fatal("no touch after 20 minutes")
		}
		s.LastSeenAt = at
	}
	if s.NeedsTouch(at.Add(59 * time.Second)) {
		t.Error("touch within a minute")
	}
	if !s.Expired(start.Add(12 * time.Hour)) {
		t.Error("alive after 12 hours")
	}
}

func TestThrottle(t *testing.T) {
	th := account.DefaultThrottle
	now := time.Date(2030, 1, 1, 8, 0, 0, 0, time.UTC)
	var fails []time.Time
	for i := range 5 {
		if d := th.RetryAfter(fails, now); d != 0 {
			t.Fatalf("attempt %d must wait %v", i+1, d)
		}
		fails = append(fails, now)
		now = now.Add(time.Second)
	}
	// The sixth attempt within the minute waits until the first failure is
	// a minute old.
	if d := th.RetryAfter(fails, now); d != 55*time.Second {
		t.Fatalf("sixth attempt: wait %v, want 55s", d)
	}
	if d := th.RetryAfter(fails, now.Add(54500*time.Millisecond)); d != time.Second {
		t.Errorf("rounding: %v, want 1s", d)
	}
	now = now.Add(55 * time.Second)
	if d := th.RetryAfter(fails, now); d != 0 {
		t.Fatalf("after the minute: wait %v", d)
	}
	// From the tenth failure in an hour the delay grows: 1 s, 2 s, 4 s …
	for range 5 {
		fails = append(fails, now)
		now = now.Add(20 * time.Second)
	}
	last := fails[len(fails)-1]
	if d := th.RetryAfter(fails, last); d != time.Second {
		t.Errorf("after 10 failures: %v, want 1s", d)
	}
	fails = append(fails, last.Add(time.Second))
	if d := th.RetryAfter(fails, last.Add(time.Second)); d != 2*time.Second {
		t.Errorf("after 11 failures: %v, want 2s", d)
	}
	// Many failures: capped at MaxBackoff, and never permanent.
	many := make([]time.Time, 40)
	for i := range many {
		many[i] = now.Add(time.Duration(i) * 90 * time.Second)
	}
	end := many[len(many)-1]
	if d := th.RetryAfter(many, end); d != th.MaxBackoff {
		t.Errorf("40 failures: %v, want %v", d, th.MaxBackoff)
	}
	if d := th.RetryAfter(many, end.Add(time.Hour)); d != 0 {
		t.Errorf("an hour later: wait %v", d)
	}
	// 100 an hour.
	hour := make([]time.Time, 100)
	for i := range hour {
		hour[i] = now.Add(time.Duration(i) * 30 * time.Second)
	}
	th.BackoffAfter = 0
	if d := th.RetryAfter(hour, hour[99].Add(time.Minute)); d != hour[0].Add(time.Hour).Sub(hour[99].Add(time.Minute)) {
		t.Errorf("100 in an hour: %v", d)
	}
	if account.ThrottleKey("login", "a@example.org") == account.ThrottleKey("reset", "a@example.org") {
		t.Error("scopes share keys")
	}
}

func TestSecretBox(t *testing.T) {
	key := make([]byte, 32)
	key[0] = 1
	box, err := account.NewSecretBox(key)
	if err != nil {
		t.Fatal(err)
	}
	sealed := box.Seal("JBSWY3DPEHPK3PXP", account.TOTPContext(7))
	if !strings.HasPrefix(sealed, "v1:") || strings.Contains(sealed, "JBSWY3DPEHPK3PXP") {
		t.Fatalf("sealed %q", sealed)
	}
	if got, err := box.Open(sealed, account.TOTPContext(7)); err != nil || got != "JBSWY3DPEHPK3PXP" {
		t.Fatalf("open: %q %v", got, err)
	}
	if _, err := box.Open(sealed, account.TOTPContext(8)); !errors.Is(err, account.ErrUnseal) {
		t.Error("opens in another user's context")
	}
	other, _ := account.NewSecretBox(make([]byte, 32))
	if _, err := other.Open(sealed, account.TOTPContext(7)); !errors.Is(err, account.ErrUnseal) {
		t.Error("opens under another key")
	}
	if _, err := account.NewSecretBox([]byte("short")); err == nil {
		t.Error("short key accepted")
	}
}
