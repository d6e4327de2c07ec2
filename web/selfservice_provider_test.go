package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/moderation"
)

// TestProviderDetails: a provider's administration changes its details;
// they are public at once and audited, and a change beyond the ways to
// reach the provider is flagged for the coordination.
func TestProviderDetails(t *testing.T) {
	e := newAccountEnv(t)
	ctx := context.Background()
	x, _ := e.provider(t, "VHS Merzig")
	admin := e.user(t, "verwaltung@vhs-merzig.example")
	e.member(t, admin, x.ID, account.MemberAdmin)
	editor := e.user(t, "redaktion@vhs-merzig.example")
	e.member(t, editor, x.ID, account.MemberEditor)
	details := fmt.Sprintf("/anbieten/%d/angaben", x.ID)
	form := url.Values{"name": {"VHS Merzig"}, "kind": {"adult_education_centre"}, "address.postal_code": {"66663"}, "address.city": {"Merzig"},
		"email": {"kurse@vhs-merzig.example"}, "website": {"https://vhs-merzig.example"}, "phone": {"06861 9360"}}

	ed := e.browser(t)
	ed.login("redaktion@vhs-merzig.example")
	ed.get(details).want(t, http.StatusForbidden)
	ed.post(details, form).want(t, http.StatusForbidden)

	b := e.browser(t)
	b.login("verwaltung@vhs-merzig.example")
	b.get(fmt.Sprintf("/anbieten/%d", x.ID)).want(t, http.StatusOK, `href="`+details+`"`)
	b.get(details).want(t, http.StatusOK, `value="VHS Merzig"`, `value="66663"`)
	bad := url.Values{"name": {""}, "kind": {"adult_education_centre"}, "website": {"ftp://x"}}
	b.post(details, bad).want(t, http.StatusUnprocessableEntity, "Bitte ausfüllen.")

	// New ways to reach it: live, audited, not flagged.
	b.post(details, form).redirect(t, fmt.Sprintf("/anbieten/%d?hinweis=gespeichert", x.ID))
	if p, _ := e.store.Provider(ctx, x.ID); p.Email != "kurse@vhs-merzig.example" || p.Website != "https://vhs-merzig.example" || p.Phone != "06861 9360" {
		t.Fatalf("saved: %+v", p)
	}
	e.browser(t).get(fmt.Sprintf("/anbieter/%d", x.ID)).want(t, http.StatusOK, "https://vhs-merzig.example", `href="tel:06861%209360"`)
	b.get(details).want(t, http.StatusOK, `type="tel" value="06861 9360"`)
	open := func() []*moderation.Item {
		its, err := e.store.Items(ctx, moderation.StateOpen, 100)
		if err != nil {
			t.Fatal(err)
		}
		return its
	}
	if its := open(); len(its) != 0 {
		t.Errorf("a new e-mail address was flagged: %+v", its[0])
	}

	// A phone "number" of any length would go live unreviewed: refused.
	long := url.Values{}
	for k, v := range form {
		long[k] = v
	}
	long.Set("phone", strings.Repeat("0681 123 ", 30_000))
	b.post(details, long).want(t, http.StatusUnprocessableEntity, "Bitte höchstens 250 Zeichen eingeben.")
	if p, _ := e.store.Provider(ctx, x.ID); p.Phone != "06861 9360" {
		t.Fatalf("a %d-byte phone was saved", len(p.Phone))
	}

	// A new name: live and flagged.
	form.Set("name", "VHS Merzig-Wadern")
	b.post(details, form).redirect(t, fmt.Sprintf("/anbieten/%d?hinweis=gespeichert", x.ID))
	e.browser(t).get(fmt.Sprintf("/anbieter/%d", x.ID)).want(t, http.StatusOK, "VHS Merzig-Wadern")
	its := open()
	if len(its) != 1 || its[0].Kind != moderation.KindChange || its[0].ProviderID != x.ID || its[0].OfferID != 0 ||
		!slices.Equal(its[0].Fields, []string{"name"}) || its[0].RequestedBy != admin.ID {
		t.Errorf("queue: %+v", its)
	}
	entries, err := e.store.Audit(ctx, moderation.AuditFilter{Entity: "provider", EntityID: x.ID})
	if err != nil || len(entries) != 2 || entries[0].Action != "provider.update" || entries[0].ActorID != admin.ID {
		t.Fatalf("audit: %v %+v", err, entries)
	}

	// The coordination looks at it; a rejection tells the admin why.
	_, secret := e.staff(t, "koordination@example.org", account.RoleCoordinator)
	c := e.browser(t)
	c.loginStaff("koordination@example.org", secret)
	item := fmt.Sprintf("/moderation/%d", its[0].ID)
	c.get(item).want(t, http.StatusOK, "VHS Merzig-Wadern")
	c.post(item+"/ablehnen", url.Values{"reason": {"Der Name im Handelsregister ist ein anderer."}}).redirect(t, "/moderation?hinweis=abgelehnt")
	m := e.smtp.Wait(t, "verwaltung@vhs-merzig.example", 0, 10*time.Second)
	if !strings.Contains(m.Text, "Angaben zum Anbieter") || !strings.Contains(m.Text, "Handelsregister") || strings.Contains(m.Text, "Entwurf") {
		t.Errorf("rejection mail:\n%s", m.Text)
	}
}
