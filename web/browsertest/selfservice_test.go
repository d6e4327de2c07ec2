package browsertest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/mail"
	"github.com/lernnetz/lernnetz/storage/storetest"
	"github.com/lernnetz/lernnetz/web"
)

// click clicks sel and waits until the page it leads to has loaded: a
// marker on the old document tells the two apart (a form answered at the
// same URL, a redirect).
func click(t *testing.T, ctx context.Context, what, sel string) {
	t.Helper()
	eval[bool](t, ctx, `window.__lnOld = true`)
	run(t, ctx, what, chromedp.Click(chromedp.CSS(sel)))
	deadline := time.Now().Add(20 * time.Second)
	for !eval[bool](t, ctx, `!window.__lnOld && document.readyState === "complete"`) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: no new page after clicking %s", what, sel)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// axeCheck runs axe-core (WCAG 2.1 A and AA) on the current page.
func axeCheck(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	eval[chromedp.Void](t, ctx, axeSource)
	res := eval[axeResult](t, ctx, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})`)
	for _, v := range res.Violations {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprintf("%v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " ")))
		}
		t.Errorf("%s: axe %s (%s): %s\n    %s", name, v.ID, v.Impact, v.Help, strings.Join(where, "\n    "))
	}
	t.Logf("%s: %d violations, %d rules passed", name, len(res.Violations), len(res.Passes))
}

// TestProviderJourney is a new provider's way in Chromium, from sign-up to
// a public offer: registration, the confirmation link from the development
// mail folder (/dev/mail), login, a request for a new provider that a
// coordinator (with her second factor) approves, an offer typed into the
// form and published, the first publication approved in the moderation
// queue — and the offer on the portal for everyone.
func TestProviderJourney(t *testing.T) {
	ctx := newBrowser(t)
	bg := context.Background()
	store := storetest.OpenSQLite(t)
	mailDir := t.TempDir()
	dir, err := mail.NewDir(mailDir)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sender := mail.NewSender(store, dir, "lernnetz <noreply@lernnetz.example>", mail.WithLogger(log))
	sender.Interval = 50 * time.Millisecond
	sctx, stop := context.WithCancel(bg)
	done := make(chan struct{})
	go func() { sender.Run(sctx); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	hasher := account.NewHasher(account.Argon2Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32})
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	srv.Config.Handler = web.New(web.Config{Store: store, Logger: log, BaseURL: base, Dev: true,
		Accounts: &web.AccountConfig{Store: store, Mail: sender, MailDir: mailDir, Hasher: hasher, Moderation: store}})
	srv.Start()
	t.Cleanup(srv.Close)

	// A coordinator with her second factor.
	const password = "Mein Kurs beginnt im Mai in Merzig"
	hash, _ := hasher.Hash(password)
	now := time.Now()
	coord := &account.User{Email: "koordination@lernnetz.example", PasswordHash: hash, EmailVerifiedAt: &now, Roles: []account.Role{account.RoleCoordinator}}
	if err := store.CreateUser(bg, coord); err != nil {
		t.Fatal(err)
	}
	key, _ := account.NewTOTPKey(coord.Email)
	if err := store.SetTOTP(bg, coord.ID, account.DevSecretBox().Seal(key.Secret, account.TOTPContext(coord.ID)), 0); err != nil {
		t.Fatal(err)
	}
	lastStep := int64(0)
	coordinatorApproves := func(what string) {
		t.Helper()
		clearCookies(t, ctx)
		run(t, ctx, "coordinator login", chromedp.Navigate(base+"/konto/anmelden"),
			chromedp.SendKeys(chromedp.CSS("#email"), coord.Email), chromedp.SendKeys(chromedp.CSS("#password"), password),
		)
		click(t, ctx, "coordinator password", "main form button[type=submit]")
		run(t, ctx, "code form", chromedp.WaitVisible(chromedp.CSS("#code")))
		// Each code works once: wait for a fresh one after the last login.
		for account.TOTPStep(time.Now()) <= lastStep {
			time.Sleep(200 * time.Millisecond)
		}
		lastStep = account.TOTPStep(time.Now())
		code, _ := account.TOTPCode(key.Secret, time.Now())
		run(t, ctx, "second factor", chromedp.SendKeys(chromedp.CSS("#code"), code))
		click(t, ctx, "second factor", "main form button[type=submit]")
		click(t, ctx, "queue", `a[href="/moderation"]`)
		run(t, ctx, "queue", chromedp.WaitVisible(chromedp.CSS("table.queue")))
		axeCheck(t, ctx, "moderation queue")
		if got := eval[string](t, ctx, `document.querySelector("table.queue").textContent`); !strings.Contains(got, what) {
			t.Fatalf("the queue lacks %q: %s", what, got)
		}
		click(t, ctx, "open "+what, "table.queue tbody a")
		axeCheck(t, ctx, "moderation item")
		click(t, ctx, "approve "+what, `form[action$="/freigeben"] button`)
		run(t, ctx, "approved "+what, chromedp.WaitVisible(chromedp.CSS(".notice")))
	}

	// Sign up.
	const email = "anna@sprachschule-merzig.example"
	run(t, ctx, "sign up", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/konto/registrieren"),
		chromedp.SendKeys(chromedp.CSS("#email"), email), chromedp.SendKeys(chromedp.CSS("#display_name"), "Anna Becker"),
		chromedp.SendKeys(chromedp.CSS("#password"), password))
	click(t, ctx, "sign up", "main form button[type=submit]")
	// The confirmation mail in the development folder.
	var link string
	deadline := time.Now().Add(15 * time.Second)
	linkRe := regexp.MustCompile(`https?://\S+/konto/bestaetigen\?\S+`)
	for link == "" && time.Now().Before(deadline) {
		run(t, ctx, "mail folder", chromedp.Navigate(base+"/dev/mail"), chromedp.WaitVisible(chromedp.CSS("main")))
		if eval[int](t, ctx, `document.querySelectorAll(".card-list a").length`) > 0 {
			click(t, ctx, "open mail", ".card-list a")
			run(t, ctx, "mail", chromedp.WaitVisible(chromedp.CSS(".mail-text")))
			link = linkRe.FindString(eval[string](t, ctx, `document.querySelector(".mail-text").textContent`))
		}
		if link == "" {
			time.Sleep(200 * time.Millisecond)
		}
	}
	if link == "" {
		t.Fatal("no confirmation mail with a link in /dev/mail")
	}
	run(t, ctx, "confirmation link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("main form button[type=submit]")))
	click(t, ctx, "confirm", "main form button[type=submit]")
	login := func() {
		t.Helper()
		clearCookies(t, ctx)
		run(t, ctx, "login", chromedp.Navigate(base+"/konto/anmelden"),
			chromedp.SendKeys(chromedp.CSS("#email"), email), chromedp.SendKeys(chromedp.CSS("#password"), password))
		click(t, ctx, "login", "main form button[type=submit]")
		run(t, ctx, "account", chromedp.WaitVisible(chromedp.CSS(`a[href="/anbieten"]`)))
	}
	login()

	axeCheck(t, ctx, "account")
	// Ask for a provider; the coordinator approves.
	click(t, ctx, "self-service", `a[href="/anbieten"]`)
	click(t, ctx, "provider request", `a[href="/anbieten/neu"]`)
	run(t, ctx, "provider request",
		chromedp.WaitVisible(chromedp.CSS("#f-name")),
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Sprachschule Merzig"),
		chromedp.SetValue(chromedp.CSS("#f-kind"), "private_provider"),
		chromedp.SendKeys(chromedp.CSS("#f-address-postal_code"), "66663"),
		chromedp.SendKeys(chromedp.CSS("#f-address-city"), "Merzig"))
	click(t, ctx, "send request", "main form button[type=submit]")
	run(t, ctx, "requested", chromedp.WaitVisible(chromedp.CSS(".notice")))
	coordinatorApproves("Sprachschule Merzig")

	// Write an offer and publish it.
	login()
	run(t, ctx, "self-service", chromedp.Navigate(base+"/anbieten"), chromedp.WaitVisible(chromedp.CSS(`main ul.links a[href^="/anbieten/"]`)))
	click(t, ctx, "provider", `main ul.links a[href^="/anbieten/"]`)
	click(t, ctx, "new offer", `a[href$="/angebote/neu"]`)
	run(t, ctx, "offer form", chromedp.WaitVisible(chromedp.CSS("#f-title")))
	axeCheck(t, ctx, "offer form")
	// Publishing an empty form: the errors, on their fields.
	click(t, ctx, "publish empty", `button[value="publish"]`)
	run(t, ctx, "errors", chromedp.WaitVisible(chromedp.CSS(".error-summary")))
	axeCheck(t, ctx, "offer form with errors")
	if d := eval[string](t, ctx, `document.querySelector("#f-title").getAttribute("aria-describedby")`); d != "f-title-error" {
		t.Errorf("the title's aria-describedby = %q", d)
	}
	run(t, ctx, "fill in",
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Französisch für die Grenzregion"),
		chromedp.SendKeys(chromedp.CSS("#f-short_description"), "Französisch im Alltag und im Beruf."),
		chromedp.SetValue(chromedp.CSS("#f-dates-0-start_kind"), "fixed"),
		chromedp.SetValue(chromedp.CSS("#f-dates-0-start"), time.Now().AddDate(0, 2, 0).Format(time.DateOnly)))
	click(t, ctx, "publish", `button[value="publish"]`)
	run(t, ctx, "published", chromedp.WaitVisible(chromedp.CSS(".notice")))
	axeCheck(t, ctx, "offer saved")
	notice := eval[string](t, ctx, `document.querySelector(".notice").textContent`)
	if !strings.Contains(notice, "prüft") {
		t.Fatalf("after publishing: %q", notice)
	}
	offerPath := regexp.MustCompile(`/angebote/[0-9]+`).FindString(eval[string](t, ctx, `location.pathname`))
	// The members page: the person administers the provider now.
	providerPath, _, _ := strings.Cut(eval[string](t, ctx, `location.pathname`), "/angebote/")
	run(t, ctx, "members", chromedp.Navigate(base+providerPath+"/mitglieder"), chromedp.WaitVisible(chromedp.CSS("main table")))
	axeCheck(t, ctx, "members")
	run(t, ctx, "invite", chromedp.SendKeys(chromedp.CSS("#f-email"), "kollegin@example.org"))
	click(t, ctx, "invite", "main form.account-form button[type=submit]")
	run(t, ctx, "invited", chromedp.WaitVisible(chromedp.CSS("#einladungen")))
	axeCheck(t, ctx, "members with an open invitation")
	run(t, ctx, "details", chromedp.Navigate(base+providerPath+"/angaben"), chromedp.WaitVisible(chromedp.CSS("#f-name")))
	axeCheck(t, ctx, "provider details")
	clearCookies(t, ctx)
	run(t, ctx, "not yet public", chromedp.Navigate(base+offerPath), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if title := eval[string](t, ctx, `document.querySelector("main h1").textContent`); strings.Contains(title, "Französisch") {
		t.Fatal("the offer is public before the review")
	}
	coordinatorApproves("Französisch für die Grenzregion")

	// Public now, for everyone.
	clearCookies(t, ctx)
	run(t, ctx, "public", chromedp.Navigate(base+offerPath), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if title := eval[string](t, ctx, `document.querySelector("main h1").textContent`); !strings.Contains(title, "Französisch für die Grenzregion") {
		t.Fatalf("the approved offer's page shows %q", title)
	}
}
