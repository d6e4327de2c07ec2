package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/catalogue"
)

// TestSignUpToLogout runs the whole path over real HTTP and real SMTP, with
// the production argon2id parameters: sign up, receive the verification
// mail, confirm, log in, see the account, log out.
func TestSignUpToLogout(t *testing.T) {
	e := newAccountEnv(t, withRealArgon2())
	b := e.browser(t)

	form := b.get("/konto/registrieren").want(t, http.StatusOK,
		`<label for="email">E-Mail-Adresse</label>`, `autocomplete="email"`, `autocomplete="new-password"`,
		`autocomplete="name"`, `aria-describedby="password-hinweis"`)
	if strings.Contains(form.body, "<script") {
		t.Error("the form has a script")
	}
	if cc := form.header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q", cc)
	}

	// An invalid form names every problem at its field.
	bad := b.post("/konto/registrieren", url.Values{"email": {"lena@"}, "password": {"kurz"}})
	bad.want(t, http.StatusUnprocessableEntity, `Bitte prüfen Sie Ihre Angaben`, `<a href="#email">`,
		`id="email-fehler"`, `aria-describedby="email-fehler"`, `aria-invalid="true"`,
		`aria-describedby="password-hinweis password-fehler"`, "mindestens 12 Zeichen", `value="lena@"`)
	if strings.Contains(bad.body, `value="kurz"`) {
		t.Error("the password is shown again")
	}

	b.post("/konto/registrieren", url.Values{"display_name": {"Lena Müller"}, "email": {"Lena@Example.org"}, "password": {goodPassword}}).
		want(t, http.StatusOK, "Bitte sehen Sie in Ihr Postfach", "Lena@Example.org")
	m := e.smtp.Wait(t, "Lena@Example.org", 0, 10*time.Second)
	if m.Subject != "Bitte bestätigen Sie Ihre E-Mail-Adresse" || !strings.Contains(m.Text, "Guten Tag Lena Müller,") {
		t.Errorf("verification mail %q:\n%s", m.Subject, m.Text)
	}
	link := mailLink(t, m, "/konto/bestaetigen")

	// Before confirming, the password is right but login waits for the address.
	b.post("/konto/anmelden", url.Values{"email": {"lena@example.org"}, "password": {goodPassword}}).
		want(t, http.StatusForbidden, "Bitte bestätigen Sie Ihre E-Mail-Adresse")
	second := e.smtp.Wait(t, "Lena@Example.org", 1, 10*time.Second)
	if mailLink(t, second, "/konto/bestaetigen") == link {
		t.Error("the new verification mail repeats the old link")
	}
	b.get(link).want(t, http.StatusBadRequest, "Dieser Link gilt nicht mehr") // replaced by the new one
	link = mailLink(t, second, "/konto/bestaetigen")

	// The link shows a button; only the POST confirms.
	confirm := b.get(link).want(t, http.StatusOK, "E-Mail-Adresse bestätigen")
	token := confirm.hidden(t, "token")
	b.post("/konto/bestaetigen", url.Values{"token": {token}}).want(t, http.StatusOK, "Ihre E-Mail-Adresse ist bestätigt")
	b.post("/konto/bestaetigen", url.Values{"token": {token}}).want(t, http.StatusBadRequest, "Dieser Link gilt nicht mehr")

	// Log in: a new session cookie, HttpOnly and SameSite=Lax.
	res := b.post("/konto/anmelden", url.Values{"email": {"LENA@example.org"}, "password": {goodPassword}})
	res.redirect(t, "/konto")
	sc := res.header.Get("Set-Cookie")
	for _, want := range []string{"lernnetz_session=", "Path=/", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(sc, want) {
			t.Errorf("Set-Cookie %q lacks %q", sc, want)
		}
	}
	if strings.Contains(sc, "Expires") || strings.Contains(sc, "Max-Age") {
		t.Errorf("the session cookie outlives the browser: %q", sc)
	}
	home := b.get("/konto").want(t, http.StatusOK, "Mein Konto", "Lena@Example.org", "Lena Müller", "nicht eingerichtet")
	if home.header.Get("Cache-Control") != "no-store" {
		t.Errorf("account page may be cached: %q", home.header.Get("Cache-Control"))
	}
	u, err := e.store.UserByEmail(context.Background(), "lena@example.org")
	if err != nil || !u.Verified() || !strings.HasPrefix(u.PasswordHash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("stored user: %v %+v", err, u)
	}

	// Log out: the session ends on the server, not only in the browser.
	old := b.cookie()
	b.post("/konto/abmelden", nil).redirect(t, "/konto/anmelden?hinweis=abgemeldet")
	if b.cookie() != "" {
		t.Error("the cookie survived the logout")
	}
	b.get("/konto").redirect(t, "/konto/anmelden?weiter=%2Fkonto")
	b.setCookie(old)
	if b.signedIn() {
		t.Error("the old session token still works after logout")
	}
	b.get("/konto/anmelden?hinweis=abgemeldet").want(t, http.StatusOK, "Sie sind abgemeldet.")
}

// TestSignUpTellsNothing: signing up with a taken address looks the same,
// and the owner gets a mail instead.
func TestSignUpTellsNothing(t *testing.T) {
	e := newAccountEnv(t)
	e.user(t, "max@example.org")
	b := e.browser(t)
	b.post("/konto/registrieren", url.Values{"email": {"MAX@example.org"}, "password": {goodPassword}}).
		want(t, http.StatusOK, "Bitte sehen Sie in Ihr Postfach")
	m := e.smtp.Wait(t, "max@example.org", 0, 10*time.Second)
	if m.Subject != "Sie haben schon ein Konto bei lernnetz Saar" {
		t.Errorf("subject %q", m.Subject)
	}
	mailLink(t, m, "/konto/passwort-vergessen")
	if n, _ := e.store.CountUsers(context.Background(), ""); n != 1 {
		t.Errorf("%d users", n)
	}
	// A common password is refused.
	b.post("/konto/registrieren", url.Values{"email": {"neu@example.org"}, "password": {"qwertyuiopasdfgh"}}).
		want(t, http.StatusUnprocessableEntity, "weit verbreitet")
}

func TestLoginRateLimit(t *testing.T) {
	e := newAccountEnv(t)
	e.user(t, "ziel@example.org")
	b := e.browser(t)
	wrong := url.Values{"email": {"ziel@example.org"}, "password": {"falsches Passwort 1"}}
	for range 5 {
		b.post("/konto/anmelden", wrong).want(t, http.StatusUnprocessableEntity, "E-Mail-Adresse oder Passwort stimmen nicht")
		e.clock.Advance(time.Second)
	}
	// The sixth attempt within the minute: 429, whatever the password (no oracle).
	for _, pw := range []string{"falsches Passwort 1", goodPassword} {
		res := b.post("/konto/anmelden", url.Values{"email": {"ziel@example.org"}, "password": {pw}})
		res.want(t, http.StatusTooManyRequests, "Zu viele Versuche", "55 Sekunden")
		if ra := res.header.Get("Retry-After"); ra != "55" {
			t.Errorf("Retry-After %q, want 55", ra)
		}
	}
	// Another browser (another address even) is held up just the same: the
	// limit is the account's, kept in the database.
	other := e.browser(t)
	other.post("/konto/anmelden", url.Values{"email": {"Ziel@Example.org"}, "password": {goodPassword}}).
		want(t, http.StatusTooManyRequests)
	// An address without an account behaves the same.
	for range 5 {
		b.post("/konto/anmelden", url.Values{"email": {"niemand@example.org"}, "password": {"x"}}).want(t, http.StatusUnprocessableEntity)
	}
	b.post("/konto/anmelden", url.Values{"email": {"niemand@example.org"}, "password": {"x"}}).want(t, http.StatusTooManyRequests)

	// No permanent lockout: once the minute has passed, the right password works.
	e.clock.Advance(55 * time.Second)
	b.login("ziel@example.org")
	// Success forgets the failures.
	if fails, _ := e.store.Failures(context.Background(), account.ThrottleKey("login", "ziel@example.org"), e.clock.Now().Add(-time.Hour)); len(fails) != 0 {
		t.Errorf("failures after login: %v", fails)
	}
}

func TestIPRateLimit(t *testing.T) {
	e := newAccountEnv(t)
	b := e.browser(t)
	for i := range 30 {
		b.post("/konto/anmelden", url.Values{"email": {fmt.Sprintf("u%d@example.org", i)}, "password": {"x"}}).
			want(t, http.StatusUnprocessableEntity)
	}
	res := b.post("/konto/passwort-vergessen", url.Values{"email": {"u1@example.org"}})
	res.want(t, http.StatusTooManyRequests)
	if ra := res.header.Get("Retry-After"); ra != "2" {
		t.Errorf("Retry-After %q, want 2", ra)
	}
	e.clock.Advance(2 * time.Second)
	b.post("/konto/passwort-vergessen", url.Values{"email": {"u1@example.org"}}).want(t, http.StatusOK)
}

func TestSessionExpiry(t *testing.T) {
	e := newAccountEnv(t)
	ctx := context.Background()
	editor := e.user(t, "redaktion@example.org")
	p := &catalogue.Provider{Name: "VHS Merzig", Kind: "adult_education_centre"}
	if err := e.store.SaveProvider(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := e.store.SaveMembership(ctx, &account.Membership{UserID: editor.ID, ProviderID: p.ID, Role: account.MemberEditor}); err != nil {
		t.Fatal(err)
	}
	e.user(t, "lernende@example.org")

	t.Run("idle", func(t *testing.T) {
		b := e.browser(t)
		b.login("redaktion@example.org")
		b.get("/konto").want(t, http.StatusOK, "VHS Merzig", "Redaktion")
		e.clock.Advance(29 * time.Minute)
		if !b.signedIn() {
			t.Fatal("ended after 29 idle minutes")
		}
		e.clock.Advance(29 * time.Minute) // 29 minutes after the last request
		if !b.signedIn() {
			t.Fatal("activity did not keep the session")
		}
		e.clock.Advance(30 * time.Minute)
		if b.signedIn() {
			t.Fatal("alive after 30 idle minutes")
		}
		if b.cookie() != "" {
			t.Error("the expired session's cookie was not cleared")
		}
	})
	t.Run("absolute", func(t *testing.T) {
		b := e.browser(t)
		b.login("redaktion@example.org")
		start := e.clock.Now()
		for e.clock.Now().Sub(start) < 12*time.Hour-25*time.Minute {
			e.clock.Advance(25 * time.Minute)
			if !b.signedIn() {
				t.Fatalf("ended after %v despite activity", e.clock.Now().Sub(start))
			}
		}
		e.clock.Advance(start.Add(12 * time.Hour).Sub(e.clock.Now()))
		if b.signedIn() {
			t.Fatal("alive after 12 hours")
		}
	})
	t.Run("learner", func(t *testing.T) {
		b := e.browser(t)
		b.login("lernende@example.org")
		e.clock.Advance(23 * time.Hour)
		if !b.signedIn() {
			t.Fatal("a learner's session ended after 23 idle hours")
		}
		e.clock.Advance(24 * time.Hour)
		if b.signedIn() {
			t.Fatal("a learner's session lived 24 idle hours")
		}
	})
}

var secretRe = regexp.MustCompile(`<code id="schluessel">([A-Z2-7 ]+)</code>`)

func totpCode(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	c, err := account.TOTPCode(secret, at)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestTOTP: staff must enrol a second factor before anything else; then
// every login asks for a code, and a code works once.
func TestTOTP(t *testing.T) {
	e := newAccountEnv(t, withProduction())
	admin := e.user(t, "admin@example.org", account.RoleAdmin)
	b := e.browser(t)
	b.header.Set("X-Test", "1")
	res := b.post("/konto/anmelden", url.Values{"email": {"admin@example.org"}, "password": {goodPassword}})
	res.redirect(t, "/konto/zwei-faktor")
	if sc := res.header.Get("Set-Cookie"); !strings.HasPrefix(sc, "__Host-lernnetz_session=") || !strings.Contains(sc, "Secure") {
		t.Fatalf("production cookie %q", sc)
	}
	// The cookie jar keeps Secure cookies from plain http; send it by hand.
	cookie := strings.SplitN(strings.SplitN(res.header.Get("Set-Cookie"), ";", 2)[0], "=", 2)[1]
	b.header.Set("Cookie", "__Host-lernnetz_session="+cookie)

	// Half-way, the session signs no one in.
	b.get("/konto").redirect(t, "/konto/anmelden?weiter=%2Fkonto")
	enrol := b.get("/konto/zwei-faktor").want(t, http.StatusOK, "Für Ihre Rolle ist ein zweiter Faktor vorgeschrieben", "otpauth://totp/lernnetz:admin@example.org?")
	m := secretRe.FindStringSubmatch(enrol.body)
	if m == nil {
		t.Fatalf("no secret on the page:\n%s", enrol.body)
	}
	secret := strings.ReplaceAll(m[1], " ", "")
	sealed := enrol.hidden(t, "secret")
	if strings.Contains(sealed, secret) {
		t.Error("the form carries the secret in the clear")
	}
	b.post("/konto/zwei-faktor", url.Values{"secret": {sealed}, "code": {"000000"}}).want(t, http.StatusUnprocessableEntity, "Der Code stimmt nicht")
	now := e.clock.Now()
	res = b.post("/konto/zwei-faktor", url.Values{"secret": {sealed}, "code": {totpCode(t, secret, now)}})
	res.redirect(t, "/konto?hinweis=zwei-faktor")
	cookie2 := strings.SplitN(strings.SplitN(res.header.Get("Set-Cookie"), ";", 2)[0], "=", 2)[1]
	if cookie2 == cookie {
		t.Fatal("no new token after the second factor")
	}
	b.header.Set("Cookie", "__Host-lernnetz_session="+cookie2)
	b.get("/konto?hinweis=zwei-faktor").want(t, http.StatusOK, "ist eingerichtet", "Administration")
	e.smtp.Wait(t, "admin@example.org", 0, 10*time.Second)

	stored, _ := e.store.User(context.Background(), admin.ID)
	if !strings.HasPrefix(stored.TOTPSecret, "v1:") || strings.Contains(stored.TOTPSecret, secret) {
		t.Errorf("stored secret %q is not sealed", stored.TOTPSecret)
	}

	// Log out, log in: the password leads to the code.
	b.post("/konto/abmelden", nil)
	b.header.Del("Cookie")
	res = b.post("/konto/anmelden", url.Values{"email": {"admin@example.org"}, "password": {goodPassword}})
	res.redirect(t, "/konto/anmelden/code?weiter=%2Fkonto")
	cookie = strings.SplitN(strings.SplitN(res.header.Get("Set-Cookie"), ";", 2)[0], "=", 2)[1]
	b.header.Set("Cookie", "__Host-lernnetz_session="+cookie)
	b.get("/konto").redirect(t, "/konto/anmelden?weiter=%2Fkonto")
	b.get("/konto/anmelden/code").want(t, http.StatusOK, `autocomplete="one-time-code"`, `inputmode="numeric"`)
	// The enrolment's code is used up.
	b.post("/konto/anmelden/code", url.Values{"code": {totpCode(t, secret, now)}, "weiter": {"/konto"}}).
		want(t, http.StatusUnprocessableEntity, "schon verwendet")
	b.post("/konto/anmelden/code", url.Values{"code": {"12345"}, "weiter": {"/konto"}}).want(t, http.StatusUnprocessableEntity, "Der Code stimmt nicht")
	// The next step's code works, once.
	e.clock.Advance(30 * time.Second)
	code := totpCode(t, secret, e.clock.Now())
	res = b.post("/konto/anmelden/code", url.Values{"code": {code}, "weiter": {"/konto/sitzungen"}})
	res.redirect(t, "/konto/sitzungen")
	cookie2 = strings.SplitN(strings.SplitN(res.header.Get("Set-Cookie"), ";", 2)[0], "=", 2)[1]
	b.header.Set("Cookie", "__Host-lernnetz_session="+cookie2)
	b.get("/konto").want(t, http.StatusOK, "eingerichtet")

	c := e.browser(t)
	res = c.post("/konto/anmelden", url.Values{"email": {"admin@example.org"}, "password": {goodPassword}})
	pendingCookie := strings.SplitN(strings.SplitN(res.header.Get("Set-Cookie"), ";", 2)[0], "=", 2)[1]
	c.header.Set("Cookie", "__Host-lernnetz_session="+pendingCookie)
	c.post("/konto/anmelden/code", url.Values{"code": {code}}).want(t, http.StatusUnprocessableEntity, "schon verwendet")
	// Wrong codes count against the account's throttle (the login above
	// cleared it; the reused code was the first failure since).
	for range 4 {
		c.post("/konto/anmelden/code", url.Values{"code": {"999999"}})
	}
	c.post("/konto/anmelden/code", url.Values{"code": {"999999"}}).want(t, http.StatusTooManyRequests)
}

func TestSessionsListAndEnd(t *testing.T) {
	e := newAccountEnv(t)
	e.user(t, "a@example.org")
	e.user(t, "b@example.org")
	a1, a2, b1 := e.browser(t), e.browser(t), e.browser(t)
	a1.header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0")
	a2.header.Set("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1")
	a1.login("a@example.org")
	a2.login("a@example.org")
	b1.login("b@example.org")

	list := a1.get("/konto/sitzungen").want(t, http.StatusOK, "Firefox auf Linux <strong>(diese Sitzung)</strong>", "Safari auf iPhone", "127.0.0.1")
	ids := regexp.MustCompile(`/konto/sitzungen/(\d+)/beenden`).FindAllStringSubmatch(list.body, -1)
	if len(ids) != 2 {
		t.Fatalf("%d sessions listed, want 2", len(ids))
	}
	var mine, other string
	for _, m := range ids {
		if strings.Contains(list.body[strings.Index(list.body, m[0])-600:strings.Index(list.body, m[0])], "diese Sitzung") {
			mine = m[1]
		} else {
			other = m[1]
		}
	}
	bList := b1.get("/konto/sitzungen")
	bID := regexp.MustCompile(`/konto/sitzungen/(\d+)/beenden`).FindStringSubmatch(bList.body)[1]

	// Nobody ends another person's session.
	b1.post("/konto/sitzungen/"+other+"/beenden", nil).want(t, http.StatusNotFound)
	if !a2.signedIn() {
		t.Fatal("b ended a's session")
	}
	a1.post("/konto/sitzungen/"+bID+"/beenden", nil).want(t, http.StatusNotFound)
	// Anonymous: to the login.
	e.browser(t).post("/konto/sitzungen/"+other+"/beenden", nil).redirect(t, "/konto/anmelden?weiter=%2Fkonto")

	a1.post("/konto/sitzungen/"+other+"/beenden", nil).redirect(t, "/konto/sitzungen?hinweis=sitzung-beendet")
	if a2.signedIn() {
		t.Error("the ended session still works")
	}
	if !a1.signedIn() || !b1.signedIn() {
		t.Error("ending one session ended others")
	}
	a1.get("/konto/sitzungen?hinweis=sitzung-beendet").want(t, http.StatusOK, "Die Sitzung wurde beendet.")

	// "End all others", then ending one's own session logs out.
	a3 := e.browser(t)
	a3.login("a@example.org")
	a1.post("/konto/sitzungen/andere-beenden", nil).redirect(t, "/konto/sitzungen?hinweis=andere-beendet")
	if a3.signedIn() || !a1.signedIn() {
		t.Error("end all others")
	}
	a1.post("/konto/sitzungen/"+mine+"/beenden", nil).redirect(t, "/konto/anmelden?hinweis=abgemeldet")
	if a1.signedIn() {
		t.Error("still signed in after ending the own session")
	}
}

func TestChangePassword(t *testing.T) {
	e := newAccountEnv(t)
	e.user(t, "p@example.org")
	a, other := e.browser(t), e.browser(t)
	a.login("p@example.org")
	other.login("p@example.org")
	before := a.cookie()

	a.get("/konto/passwort").want(t, http.StatusOK, `autocomplete="current-password"`, `autocomplete="new-password"`)
	a.post("/konto/passwort", url.Values{"password": {"falsch falsch falsch"}, "new_password": {"ein ganz neues Passwort"}}).
		want(t, http.StatusUnprocessableEntity, "Das Passwort stimmt nicht.")
	a.post("/konto/passwort", url.Values{"password": {goodPassword}, "new_password": {"1qaz2wsx3edc"}}).
		want(t, http.StatusUnprocessableEntity, "weit verbreitet", `aria-describedby="new_password-hinweis new_password-fehler"`)
	a.post("/konto/passwort", url.Values{"password": {goodPassword}, "new_password": {"ein ganz neues Passwort"}}).
		redirect(t, "/konto?hinweis=passwort-geaendert")
	if a.cookie() == before {
		t.Error("the session token was not renewed")
	}
	a.get("/konto?hinweis=passwort-geaendert").want(t, http.StatusOK, "Ihr Passwort ist geändert")
	if other.signedIn() {
		t.Error("the other session survived the password change")
	}
	m := e.smtp.Wait(t, "p@example.org", 0, 10*time.Second)
	if m.Subject != "Ihr Passwort wurde geändert" {
		t.Errorf("notice %q", m.Subject)
	}
	c := e.browser(t)
	c.post("/konto/anmelden", url.Values{"email": {"p@example.org"}, "password": {goodPassword}}).want(t, http.StatusUnprocessableEntity)
	c.post("/konto/anmelden", url.Values{"email": {"p@example.org"}, "password": {"ein ganz neues Passwort"}}).redirect(t, "/konto")
}

func TestPasswordReset(t *testing.T) {
	e := newAccountEnv(t)
	e.user(t, "r@example.org")
	old := e.browser(t)
	old.login("r@example.org")
	b := e.browser(t)

	b.get("/konto/passwort-vergessen").want(t, http.StatusOK, `autocomplete="email"`)
	// Known or unknown, the answer is the same; only the owner gets mail.
	known := b.post("/konto/passwort-vergessen", url.Values{"email": {"R@example.org"}}).want(t, http.StatusOK)
	unknown := b.post("/konto/passwort-vergessen", url.Values{"email": {"niemand@example.org"}}).want(t, http.StatusOK)
	if known.body != unknown.body {
		t.Error("the answer tells whether an account exists")
	}
	m := e.smtp.Wait(t, "r@example.org", 0, 10*time.Second)
	if m.Subject != "Neues Passwort für lernnetz Saar" || !strings.Contains(m.Text, "gilt eine Stunde") {
		t.Errorf("reset mail %q:\n%s", m.Subject, m.Text)
	}
	link := mailLink(t, m, "/konto/passwort-neu")
	form := b.get(link).want(t, http.StatusOK, "Neues Passwort wählen", `autocomplete="new-password"`)
	token := form.hidden(t, "token")
	// A weak password is refused and the link still works.
	b.post("/konto/passwort-neu", url.Values{"token": {token}, "password": {"kurz"}}).
		want(t, http.StatusUnprocessableEntity, "mindestens 12 Zeichen")
	b.post("/konto/passwort-neu", url.Values{"token": {token}, "password": {"R@example.org"}}).
		want(t, http.StatusUnprocessableEntity, "nicht Ihre E-Mail-Adresse")
	b.post("/konto/passwort-neu", url.Values{"token": {token}, "password": {"Sommerkurs in Saarlouis"}}).
		redirect(t, "/konto/anmelden?hinweis=passwort-neu")
	if old.signedIn() {
		t.Error("a session survived the reset")
	}
	b.post("/konto/passwort-neu", url.Values{"token": {token}, "password": {"noch ein anderes Passwort"}}).
		want(t, http.StatusBadRequest, "Dieser Link gilt nicht mehr")
	b.get(link).want(t, http.StatusBadRequest, "Dieser Link gilt nicht mehr")
	b.post("/konto/anmelden", url.Values{"email": {"r@example.org"}, "password": {"Sommerkurs in Saarlouis"}}).redirect(t, "/konto")
	if got := e.smtp.Wait(t, "r@example.org", 1, 10*time.Second); got.Subject != "Ihr Passwort wurde geändert" {
		t.Errorf("second mail %q", got.Subject)
	}

	// A reset link lasts an hour.
	b.post("/konto/passwort-vergessen", url.Values{"email": {"r@example.org"}})
	link = mailLink(t, e.smtp.Wait(t, "r@example.org", 2, 10*time.Second), "/konto/passwort-neu")
	e.clock.Advance(time.Hour)
	b.get(link).want(t, http.StatusBadRequest, "Dieser Link gilt nicht mehr")
}

func TestOpenRedirect(t *testing.T) {
	e := newAccountEnv(t)
	e.user(t, "o@example.org")
	for next, want := range map[string]string{
		"/konto/sitzungen": "/konto/sitzungen", "//evil.example/x": "/konto", "https://evil.example": "/konto",
		"/\\evil.example": "/konto", "": "/konto",
	} {
		b := e.browser(t)
		b.post("/konto/anmelden", url.Values{"email": {"o@example.org"}, "password": {goodPassword}, "weiter": {next}}).redirect(t, want)
	}
	// The login form carries the page to return to.
	e.browser(t).get("/konto/sitzungen").redirect(t, "/konto/anmelden?weiter=%2Fkonto%2Fsitzungen")
	e.browser(t).get("/konto/anmelden?weiter=%2Fkonto%2Fsitzungen").want(t, http.StatusOK, `name="weiter" value="/konto/sitzungen"`)
}

func TestDevMail(t *testing.T) {
	dir := t.TempDir()
	e := newAccountEnv(t, withDev(dir))
	b := e.browser(t)
	b.get("/dev/mail").want(t, http.StatusOK, "Noch keine E-Mails")
	e.user(t, "dev@example.org")
	b.post("/konto/passwort-vergessen", url.Values{"email": {"dev@example.org"}}).want(t, http.StatusOK)
	var list page
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if list = b.get("/dev/mail"); strings.Contains(list.body, "Neues Passwort für lernnetz Saar") {
			break
		}
	}
	list.want(t, http.StatusOK, "Neues Passwort für lernnetz Saar", "an dev@example.org")
	name := regexp.MustCompile(`href="/dev/mail/([^"]+)"`).FindStringSubmatch(list.body)[1]
	b.get("/dev/mail/"+name).want(t, http.StatusOK, "Guten Tag Test,", "/konto/passwort-neu?token=")
	b.get("/dev/mail/..%2F..%2Fetc%2Fpasswd").want(t, http.StatusNotFound)
	b.get("/dev/mail/x.eml").want(t, http.StatusNotFound)
	if len(e.smtp.Messages()) != 0 {
		t.Error("development mail went to the SMTP server")
	}
	// Without development mode there is no /dev/mail.
	prod := newAccountEnv(t, withProduction())
	prod.browser(t).get("/dev/mail").want(t, http.StatusNotFound)
}
