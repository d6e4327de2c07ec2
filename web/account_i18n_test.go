package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestAccountPagesInEnglish: once a person picks English, the account pages,
// their field errors, notices and the account navigation speak English,
// with no German text left in the page's main part.
func TestAccountPagesInEnglish(t *testing.T) {
	e := newAccountEnv(t)
	e.user(t, "ana@example.org")
	b := e.browser(t)

	signup := b.get("/konto/registrieren?lang=en").want(t, http.StatusOK, `<html lang="en">`,
		"<h1>Create an account</h1>", `<label for="email">E-mail address</label>`, "At least 12 characters",
		"Already have an account? Sign in")
	noGerman(t, signup.body)

	// The lang cookie keeps English for the form's answer, errors included.
	b.post("/konto/registrieren", url.Values{"email": {"ana@"}, "password": {"short"}}).
		want(t, http.StatusUnprocessableEntity, "Please check what you entered", `<span class="visually-hidden">Error: </span>`)

	b.post("/konto/anmelden", url.Values{"email": {"ana@example.org"}, "password": {"wrong password here"}}).
		want(t, http.StatusUnprocessableEntity, "E-mail address or password is wrong")

	b.login("ana@example.org")
	home := b.get("/konto").want(t, http.StatusOK, "<h1>My account</h1>", "Learner", "not set up", "Sign out",
		`aria-label="My account"`)
	noGerman(t, home.body)
	sessions := b.get("/konto/sitzungen").want(t, http.StatusOK, "<h1>My sessions</h1>", "(this session)", "Last active")
	noGerman(t, sessions.body)
	b.get("/konto/zwei-faktor").want(t, http.StatusOK, "Install an authenticator app", "Six-digit code")

	// German stays the default for everyone else.
	de := e.browser(t)
	de.get("/konto/anmelden").want(t, http.StatusOK, `<html lang="de">`, "<h1>Anmelden</h1>", "Passwort vergessen?")
}

// noGerman fails when the main part of an English page still has German
// words from the account texts.
func noGerman(t *testing.T, body string) {
	t.Helper()
	main := body
	if i := strings.Index(body, "<main"); i >= 0 {
		main = body[i:]
		if j := strings.Index(main, "</main>"); j >= 0 {
			main = main[:j]
		}
	}
	for _, w := range []string{"Sie ", "Ihr", "Konto", "Passwort", "Anmeld", "Sitzung", "ä", "ö", "ü", "ß"} {
		if strings.Contains(main, w) {
			t.Errorf("English page has German %q:\n%s", w, main)
		}
	}
}
