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

// TestProviderMembers: a provider's administration lists its members,
// invites a person by e-mail, changes roles and removes members, never its
// last admin; the invitation works once, for seven days, only for the
// invited address, and each step is in the audit log.
func TestProviderMembers(t *testing.T) {
	e := newAccountEnv(t)
	ctx := context.Background()
	x, _ := e.provider(t, "VHS Merzig")
	y, _ := e.provider(t, "VHS Homburg")
	admin := e.user(t, "verwaltung@vhs-merzig.example")
	e.member(t, admin, x.ID, account.MemberAdmin)
	editor := e.user(t, "redaktion@vhs-merzig.example")
	e.member(t, editor, x.ID, account.MemberEditor)
	e.member(t, editor, y.ID, account.MemberEditor) // one person, two providers
	members := fmt.Sprintf("/anbieten/%d/mitglieder", x.ID)
	roleOf := func(uid, pid int64) account.MemberRole {
		ms, err := e.store.Memberships(ctx, uid)
		if err != nil {
			t.Fatal(err)
		}
		if i := slices.IndexFunc(ms, func(m account.Membership) bool { return m.ProviderID == pid }); i >= 0 {
			return ms[i].Role
		}
		return ""
	}

	ed := e.browser(t)
	ed.login("redaktion@vhs-merzig.example")
	ed.get(members).want(t, http.StatusForbidden)
	ed.post(members, url.Values{"email": {"freund@example.org"}, "role": {"admin"}}).want(t, http.StatusForbidden)

	b := e.browser(t)
	b.login("verwaltung@vhs-merzig.example")
	b.get(fmt.Sprintf("/anbieten/%d", x.ID)).want(t, http.StatusOK, `href="`+members+`"`)
	b.get(members).want(t, http.StatusOK, "verwaltung@vhs-merzig.example", "redaktion@vhs-merzig.example")

	// The last admin stays.
	b.post(fmt.Sprintf("%s/%d/entfernen", members, admin.ID), nil).want(t, http.StatusConflict, "mindestens ein Mitglied in der Verwaltung")
	b.post(fmt.Sprintf("%s/%d/rolle", members, admin.ID), url.Values{"role": {"editor"}}).want(t, http.StatusConflict)
	if roleOf(admin.ID, x.ID) != account.MemberAdmin {
		t.Fatal("the last admin was demoted")
	}

	// Invite.
	b.post(members, url.Values{"email": {"keine adresse"}, "role": {"owner"}}).want(t, http.StatusUnprocessableEntity, "keine Rolle in einer Organisation")
	b.post(members, url.Values{"email": {"Neu@Example.org"}, "role": {"admin"}}).redirect(t, members+"?hinweis=eingeladen")
	m := e.smtp.Wait(t, "Neu@Example.org", 0, 10*time.Second)
	if !strings.Contains(m.Text, "VHS Merzig") || !strings.Contains(m.Text, "7 Tage") {
		t.Errorf("invitation mail:\n%s", m.Text)
	}
	link := strings.TrimPrefix(linkRe.FindString(m.Text), e.base)
	if !strings.HasPrefix(link, "/einladung/") {
		t.Fatalf("invitation link %q", link)
	}

	// Not for anyone else, and anonymous visitors sign in first.
	e.browser(t).get(link).redirect(t, "/konto/anmelden?weiter="+url.QueryEscape(link))
	ed.get(link).want(t, http.StatusForbidden, "Neu@Example.org")
	ed.post(link, nil).want(t, http.StatusForbidden)
	if roleOf(editor.ID, x.ID) != account.MemberEditor {
		t.Fatal("someone else accepted the invitation")
	}

	// The invited person (signed up with the address, any case) accepts.
	invited := e.user(t, "neu@example.org")
	n := e.browser(t)
	n.login("neu@example.org")
	n.get(link).want(t, http.StatusOK, "VHS Merzig", "Verwaltung", "Einladung annehmen")
	n.post(link, nil).redirect(t, fmt.Sprintf("/anbieten/%d", x.ID))
	if roleOf(invited.ID, x.ID) != account.MemberAdmin {
		t.Fatal("accepting made no admin membership")
	}
	n.get(link).want(t, http.StatusGone, "ungültig, schon angenommen oder abgelaufen")
	n.post(link, nil).want(t, http.StatusGone)

	// Seven days, not more.
	b.post(members, url.Values{"email": {"spaet@example.org"}, "role": {"editor"}}).redirect(t, members+"?hinweis=eingeladen")
	late := e.smtp.Wait(t, "spaet@example.org", 0, 10*time.Second)
	lateLink := strings.TrimPrefix(linkRe.FindString(late.Text), e.base)
	e.user(t, "spaet@example.org")
	e.clock.Advance(7*24*time.Hour + time.Minute)
	s := e.browser(t)
	s.login("spaet@example.org")
	s.get(lateLink).want(t, http.StatusGone)
	b.login("verwaltung@vhs-merzig.example") // the sessions ended meanwhile too
	n.login("neu@example.org")

	// Two admins now: the first may step down; the editor is promoted and
	// removed, and stays with the other provider.
	b.post(fmt.Sprintf("%s/%d/rolle", members, editor.ID), url.Values{"role": {"admin"}}).redirect(t, members+"?hinweis=geaendert")
	b.post(fmt.Sprintf("%s/%d/entfernen", members, editor.ID), nil).redirect(t, members+"?hinweis=entfernt")
	if roleOf(editor.ID, x.ID) != "" || roleOf(editor.ID, y.ID) != account.MemberEditor {
		t.Errorf("after removal: role at X %q, at Y %q", roleOf(editor.ID, x.ID), roleOf(editor.ID, y.ID))
	}
	b.post(fmt.Sprintf("%s/%d/rolle", members, admin.ID), url.Values{"role": {"editor"}}).redirect(t, "/anbieten")
	if roleOf(admin.ID, x.ID) != account.MemberEditor {
		t.Error("the admin could not step down with another admin present")
	}
	b.get(members).want(t, http.StatusForbidden)
	n.post(fmt.Sprintf("%s/%d/rolle", members, 999999), url.Values{"role": {"editor"}}).want(t, http.StatusNotFound)

	entries, err := e.store.Audit(ctx, moderation.AuditFilter{Entity: "provider", EntityID: x.ID})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, en := range entries {
		actions = append(actions, en.Action)
		if strings.Contains(string(en.Before)+string(en.After), "@") {
			t.Errorf("audit entry %s keeps an e-mail address: %s → %s", en.Action, en.Before, en.After)
		}
	}
	want := []string{"member.role", "member.remove", "member.role", "member.invite", "member.accept", "member.invite"}
	if !slices.Equal(actions, want) {
		t.Errorf("audit actions %v, want %v", actions, want)
	}
}

// TestRevokeInvitation: the members page lists the invitations not yet
// accepted with their expiry; the administration revokes one sent to a
// wrong address, whose link then no longer works, while the other stays;
// nobody else can revoke them.
func TestRevokeInvitation(t *testing.T) {
	e := newAccountEnv(t)
	ctx := context.Background()
	x, _ := e.provider(t, "VHS Merzig")
	y, _ := e.provider(t, "VHS Homburg")
	admin := e.user(t, "verwaltung@vhs-merzig.example")
	e.member(t, admin, x.ID, account.MemberAdmin)
	other := e.user(t, "verwaltung@vhs-homburg.example")
	e.member(t, other, y.ID, account.MemberAdmin)
	members := fmt.Sprintf("/anbieten/%d/mitglieder", x.ID)

	b := e.browser(t)
	b.login("verwaltung@vhs-merzig.example")
	b.get(members).want(t, http.StatusOK).wantNot(t, "Offene Einladungen")
	linkTo := func(addr string) string {
		b.post(members, url.Values{"email": {addr}, "role": {"editor"}}).redirect(t, members+"?hinweis=eingeladen")
		m := e.smtp.Wait(t, addr, 0, 10*time.Second)
		return strings.TrimPrefix(linkRe.FindString(m.Text), e.base)
	}
	wrong := linkTo("tippfehler@exmaple.org")
	right := linkTo("richtig@example.org")
	revoke := fmt.Sprintf("/anbieten/%d/einladungen/%s/zurueckziehen", x.ID, account.HashToken(strings.TrimPrefix(wrong, "/einladung/")))
	b.get(members).want(t, http.StatusOK, "Offene Einladungen", "tippfehler@exmaple.org", "richtig@example.org", "Redaktion",
		`action="`+revoke+`"`)

	// Not by the administration of another provider, not through its own address either.
	o := e.browser(t)
	o.login("verwaltung@vhs-homburg.example")
	o.post(revoke, nil).want(t, http.StatusForbidden)
	o.post(strings.Replace(revoke, fmt.Sprintf("/anbieten/%d/", x.ID), fmt.Sprintf("/anbieten/%d/", y.ID), 1), nil).want(t, http.StatusNotFound)

	b.post(revoke, nil).redirect(t, members+"?hinweis=zurueckgezogen")
	b.get(members+"?hinweis=zurueckgezogen").want(t, http.StatusOK, "Die Einladung wurde zurückgezogen", "richtig@example.org").
		wantNot(t, "tippfehler@exmaple.org")
	b.post(revoke, nil).want(t, http.StatusNotFound)

	e.user(t, "tippfehler@exmaple.org")
	w := e.browser(t)
	w.login("tippfehler@exmaple.org")
	w.get(wrong).want(t, http.StatusGone)
	e.user(t, "richtig@example.org")
	r := e.browser(t)
	r.login("richtig@example.org")
	r.post(right, nil).redirect(t, fmt.Sprintf("/anbieten/%d", x.ID))
	b.get(members).want(t, http.StatusOK).wantNot(t, "Offene Einladungen")

	entries, err := e.store.Audit(ctx, moderation.AuditFilter{Entity: "provider", EntityID: x.ID})
	if err != nil {
		t.Fatal(err)
	}
	revoked := slices.DeleteFunc(entries, func(en *moderation.AuditEntry) bool { return en.Action != "member.invite.revoke" })
	if len(revoked) != 1 || revoked[0].ActorID != admin.ID || strings.Contains(string(revoked[0].Before), "@") {
		t.Errorf("audit of the revocation: %+v", revoked)
	}
}
