package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lernnetz/lernnetz/account"
)

var recoveryCodeRe = regexp.MustCompile(`<code>([A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})</code>`)

// TestRecoveryCodes: a coordinator makes recovery codes (shown once), loses
// her phone and signs in with one — once; a new set ends the old.
func TestRecoveryCodes(t *testing.T) {
	e := newAccountEnv(t)
	_, secret := e.staff(t, "koordination@lernnetz.example", account.RoleCoordinator)
	learner := e.browser(t)
	e.user(t, "lena@example.org")
	learner.login("lena@example.org")
	learner.get("/konto/wiederherstellung").redirect(t, "/konto/zwei-faktor")

	b := e.browser(t)
	b.loginStaff("koordination@lernnetz.example", secret)
	b.get("/konto").want(t, http.StatusOK, `href="/konto/wiederherstellung"`)
	b.get("/konto/wiederherstellung").want(t, http.StatusOK, "noch 0 unbenutzte Codes")
	page := b.post("/konto/wiederherstellung", nil).want(t, http.StatusOK, "Wir zeigen sie nie wieder")
	codes := recoveryCodeRe.FindAllStringSubmatch(page.body, -1)
	if len(codes) != account.RecoveryCodeCount {
		t.Fatalf("%d codes on the page:\n%s", len(codes), page.body)
	}
	if p := b.get("/konto/wiederherstellung"); recoveryCodeRe.MatchString(p.body) || !strings.Contains(p.body, "noch 10 unbenutzte Codes") {
		t.Errorf("the codes are shown again, or not counted:\n%s", p.body)
	}
	b.post("/konto/abmelden", nil)

	// The phone is lost: a recovery code, typed sloppily, signs her in.
	code := codes[2][1]
	c := e.browser(t)
	c.post("/konto/anmelden", url.Values{"email": {"koordination@lernnetz.example"}, "password": {goodPassword}}).redirect(t, "/konto/anmelden/code?weiter=%2Fkonto")
	c.post("/konto/anmelden/code", url.Values{"code": {strings.ToLower(strings.ReplaceAll(code, "-", " "))}, "weiter": {"/konto"}}).redirect(t, "/konto")
	c.get("/konto/wiederherstellung").want(t, http.StatusOK, "noch 9 unbenutzte Codes")
	c.post("/konto/abmelden", nil)
	// Once only.
	d := e.browser(t)
	d.post("/konto/anmelden", url.Values{"email": {"koordination@lernnetz.example"}, "password": {goodPassword}}).redirect(t, "/konto/anmelden/code?weiter=%2Fkonto")
	d.post("/konto/anmelden/code", url.Values{"code": {code}, "weiter": {"/konto"}}).want(t, http.StatusUnprocessableEntity)
	// A new set ends the old one.
	d.post("/konto/anmelden/code", url.Values{"code": {codes[3][1]}, "weiter": {"/konto"}}).redirect(t, "/konto")
	d.post("/konto/wiederherstellung", nil).want(t, http.StatusOK)
	d.post("/konto/abmelden", nil)
	f := e.browser(t)
	f.post("/konto/anmelden", url.Values{"email": {"koordination@lernnetz.example"}, "password": {goodPassword}}).redirect(t, "/konto/anmelden/code?weiter=%2Fkonto")
	f.post("/konto/anmelden/code", url.Values{"code": {codes[4][1]}, "weiter": {"/konto"}}).want(t, http.StatusUnprocessableEntity)
}
