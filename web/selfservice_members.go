package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/mail"
	"github.com/lernnetz/lernnetz/moderation"
)

// Members of a provider (/anbieten/{pid}/mitglieder): its administration
// (membership role admin) sees who works for it, invites a person by e-mail
// as editor or admin, changes a member's role and removes members. The
// last admin can be neither removed nor demoted (account.CheckMemberChange).
// An invitation is a one-time token (account.NewInvitation) mailed through
// the outbox; the person opens /einladung/{token}, signs in or signs up
// with the invited address, and accepts. Until then the invitation is
// listed on the members page, where the administration can revoke it
// (a wrong address, a person who left). Every step is in the audit log,
// by user id and role: the invited address stays out of the append-only
// log, so that erasure can remove it.
// Role changes and removals run through account.Store.ChangeMember, which
// applies the last-admin rule inside the change, so two admins demoting
// each other at the same moment cannot both succeed.

func (s *Server) setupMembers() {
	s.handle("GET /anbieten/{pid}/mitglieder", s.membersPage)
	s.handle("POST /anbieten/{pid}/mitglieder", s.inviteMember)
	s.handle("POST /anbieten/{pid}/mitglieder/{id}/rolle", s.changeMemberRole)
	s.handle("POST /anbieten/{pid}/mitglieder/{id}/entfernen", s.removeMember)
	s.handle("POST /anbieten/{pid}/einladungen/{hash}/zurueckziehen", s.revokeInvitation)
	s.handle("GET /anbieten/{pid}/angaben", s.detailsPage) // selfservice_provider.go
	s.handle("POST /anbieten/{pid}/angaben", s.saveDetails)
	s.handle("GET /einladung/{token}", s.invitationPage)
	s.handle("POST /einladung/{token}", s.acceptInvitation)
}

type memberRow struct {
	UserID int64
	Name   string
	Email  string
	Role   string // the role's code
	Label  string
	Self   bool
}

// pendingRow is an invitation not yet accepted, as the members page lists it.
type pendingRow struct {
	Hash    string
	Email   string
	Label   string // of the role
	Expires string
}

type membersData struct {
	layout
	Provider *catalogue.Provider
	Members  []memberRow
	Pending  []pendingRow
	Roles    []catalogue.Term
	Email    *ofield
	Role     *ofield
	Notice   string
	Problem  string // why a change was refused
}

// Errors lists the invitation form's fields with an error.
func (d *membersData) Errors() []*ofield {
	var out []*ofield
	for _, f := range []*ofield{d.Email, d.Role} {
		if f.Error != "" {
			out = append(out, f)
		}
	}
	return out
}

// Other is empty: every error of the form has a field.
func (d *membersData) Other() []string { return nil }

var memberNotices = map[string]string{"eingeladen": "members.notice.invited", "geaendert": "members.notice.changed",
	"entfernt": "members.notice.removed", "zurueckgezogen": "members.notice.revoked"}

func memberRoles() []catalogue.Term {
	var out []catalogue.Term
	for _, r := range []account.MemberRole{account.MemberEditor, account.MemberAdmin} {
		out = append(out, catalogue.Term{Code: string(r), DE: localeDE.T("selfservice.role." + string(r)), EN: localeEN.T("selfservice.role." + string(r))})
	}
	return out
}

func (s *Server) renderMembers(w http.ResponseWriter, r *http.Request, status int, u *account.User, p *catalogue.Provider, d *membersData) {
	loc := localeOf(r)
	ctx := r.Context()
	d.layout = layout{Title: loc.T("members.title")}
	d.Provider, d.Roles = p, memberRoles()
	if d.Email == nil {
		d.Email = &ofield{Name: "email", Kind: "email", Max: account.MaxEmailLength}
		d.Role = &ofield{Name: "role", Kind: "select", Value: string(account.MemberEditor)}
	}
	d.Email.Label, d.Role.Label, d.Role.Options = loc.T("members.email"), loc.T("members.role"), d.Roles
	ms, err := s.acct.store.ProviderMembers(ctx, p.ID)
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	for _, m := range ms {
		mu, err := s.acct.store.User(ctx, m.UserID)
		if err != nil {
			s.accountFailed(w, r, err)
			return
		}
		d.Members = append(d.Members, memberRow{UserID: m.UserID, Name: mu.DisplayName, Email: mu.Email, Role: string(m.Role),
			Label: loc.T("selfservice.role." + string(m.Role)), Self: m.UserID == u.ID})
	}
	tokens, err := s.acct.store.Tokens(ctx, account.PurposeInvite, s.acct.now())
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	for _, inv := range account.PendingInvitations(tokens, p.ID) {
		d.Pending = append(d.Pending, pendingRow{Hash: inv.Hash, Email: inv.Email, Label: loc.T("selfservice.role." + string(inv.Role)),
			Expires: loc.DateTime(inv.ExpiresAt)})
	}
	s.renderAccount(w, r, status, "provider_members", d)
}

func (s *Server) membersPage(w http.ResponseWriter, r *http.Request) {
	u, p := s.tokenAdmin(w, r)
	if p == nil {
		return
	}
	d := &membersData{}
	if k, ok := memberNotices[r.URL.Query().Get("hinweis")]; ok {
		d.Notice = localeOf(r).T(k)
	}
	s.renderMembers(w, r, http.StatusOK, u, p, d)
}

func (s *Server) inviteMember(w http.ResponseWriter, r *http.Request) {
	u, p := s.tokenAdmin(w, r)
	if p == nil {
		return
	}
	ctx := r.Context()
	loc := localeOf(r)
	email, role := r.PostFormValue("email"), account.MemberRole(r.PostFormValue("role"))
	token, t, err := account.NewInvitation(u.ID, p.ID, email, role, s.acct.now())
	var ve *account.ValidationError
	if errors.As(err, &ve) {
		d := &membersData{Email: &ofield{Name: "email", Kind: "email", Value: email, Max: account.MaxEmailLength},
			Role: &ofield{Name: "role", Kind: "select", Value: string(role)}}
		if fe := ve.For("email"); fe != nil {
			d.Email.Error = fe.Message(loc.Lang)
		}
		if fe := ve.For("role"); fe != nil {
			d.Role.Error = fe.Message(loc.Lang)
		}
		s.renderMembers(w, r, http.StatusUnprocessableEntity, u, p, d)
		return
	}
	if err == nil {
		err = s.acct.store.CreateToken(ctx, t)
	}
	if err == nil {
		err = s.audit(ctx, &moderation.AuditEntry{ActorID: u.ID, Action: "member.invite", Entity: "provider", EntityID: p.ID,
			Before: moderation.Snapshot(nil), After: moderation.Snapshot(map[string]any{"role": role, "expires_at": t.ExpiresAt})})
	}
	if err == nil {
		m := invitationMail(u, p.Name, role, absURL(ctx, "/einladung/"+token))
		m.To = email
		err = s.acct.mail.Enqueue(ctx, m)
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/anbieten/%d/mitglieder?hinweis=eingeladen", p.ID), http.StatusSeeOther)
}

// changeMember applies a role change ("" removes) after the last-admin
// check, and logs it.
func (s *Server) changeMember(w http.ResponseWriter, r *http.Request, role account.MemberRole) {
	u, p := s.tokenAdmin(w, r)
	if p == nil {
		return
	}
	ctx := r.Context()
	uid, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.errorPage(w, r, http.StatusNotFound)
		return
	}
	before, err := s.acct.store.ChangeMember(ctx, p.ID, uid, role)
	var ve *account.ValidationError
	switch {
	case errors.Is(err, account.ErrNotFound):
		s.errorPage(w, r, http.StatusNotFound)
		return
	case errors.Is(err, account.ErrLastAdmin):
		s.renderMembers(w, r, http.StatusConflict, u, p, &membersData{Problem: localeOf(r).T("members.last_admin")})
		return
	case errors.As(err, &ve):
		s.renderMembers(w, r, http.StatusUnprocessableEntity, u, p, &membersData{Problem: ve.For("role").Message(localeOf(r).Lang)})
		return
	}
	action, notice := "member.role", "geaendert"
	if role == "" {
		action, notice = "member.remove", "entfernt"
	}
	var after []byte
	if role == "" {
		after = moderation.Snapshot(nil)
	} else {
		after = moderation.Snapshot(map[string]any{"user_id": uid, "role": role})
	}
	if err == nil {
		err = s.audit(ctx, &moderation.AuditEntry{ActorID: u.ID, Action: action, Entity: "provider", EntityID: p.ID,
			Before: moderation.Snapshot(map[string]any{"user_id": uid, "role": before.Role}), After: after})
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	if uid == u.ID && role != account.MemberAdmin {
		http.Redirect(w, r, "/anbieten", http.StatusSeeOther) // no longer allowed on the members page
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/anbieten/%d/mitglieder?hinweis=%s", p.ID, notice), http.StatusSeeOther)
}

// revokeInvitation deletes a pending invitation of the provider: its link
// then answers as an unknown one.
func (s *Server) revokeInvitation(w http.ResponseWriter, r *http.Request) {
	u, p := s.tokenAdmin(w, r)
	if p == nil {
		return
	}
	ctx := r.Context()
	hash := r.PathValue("hash")
	t, err := s.acct.store.PeekToken(ctx, hash, account.PurposeInvite, s.acct.now())
	if errors.Is(err, account.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound)
		return
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	inv, err := account.InvitationOf(t)
	if err != nil || inv.ProviderID != p.ID {
		s.errorPage(w, r, http.StatusNotFound) // another provider's invitation is none of this one's business
		return
	}
	err = s.acct.store.DeleteToken(ctx, hash, account.PurposeInvite)
	if errors.Is(err, account.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound) // accepted or revoked meanwhile
		return
	}
	if err == nil {
		err = s.audit(ctx, &moderation.AuditEntry{ActorID: u.ID, Action: "member.invite.revoke", Entity: "provider", EntityID: p.ID,
			Before: moderation.Snapshot(map[string]any{"role": inv.Role, "expires_at": t.ExpiresAt}), After: moderation.Snapshot(nil)})
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/anbieten/%d/mitglieder?hinweis=zurueckgezogen", p.ID), http.StatusSeeOther)
}

func (s *Server) changeMemberRole(w http.ResponseWriter, r *http.Request) {
	s.changeMember(w, r, account.MemberRole(r.PostFormValue("role")))
}

func (s *Server) removeMember(w http.ResponseWriter, r *http.Request) { s.changeMember(w, r, "") }

// The invited person's side.

type invitationData struct {
	layout
	Provider *catalogue.Provider
	Role     string
	Email    string // the invited address, shown when it is not the person's
	Wrong    bool   // signed in with another address
	Gone     bool   // unknown, used or expired
	Action   string
}

// invitation loads the path's invitation for the signed-in user; it
// answers 410 for an unknown, used or expired token.
func (s *Server) invitation(w http.ResponseWriter, r *http.Request) (*account.User, *account.Invitation, *catalogue.Provider) {
	u, _ := s.requireUser(w, r)
	if u == nil {
		return nil, nil, nil
	}
	ctx := r.Context()
	t, err := s.acct.store.PeekToken(ctx, account.HashToken(r.PathValue("token")), account.PurposeInvite, s.acct.now())
	var inv *account.Invitation
	if err == nil {
		inv, err = account.InvitationOf(t)
	}
	var p *catalogue.Provider
	if err == nil {
		p, err = s.store.Provider(ctx, inv.ProviderID)
	}
	if err != nil {
		if !errors.Is(err, account.ErrNotFound) && !errors.Is(err, catalogue.ErrNotFound) {
			s.log.Warn("invitation unusable", "error", err)
		}
		loc := localeOf(r)
		s.renderAccount(w, r, http.StatusGone, "provider_invitation", &invitationData{layout: layout{Title: loc.T("members.invitation.title")}, Gone: true})
		return nil, nil, nil
	}
	return u, inv, p
}

func (s *Server) invitationPage(w http.ResponseWriter, r *http.Request) {
	u, inv, p := s.invitation(w, r)
	if inv == nil {
		return
	}
	loc := localeOf(r)
	d := &invitationData{layout: layout{Title: loc.T("members.invitation.title")}, Provider: p,
		Role: loc.T("selfservice.role." + string(inv.Role)), Action: r.URL.Path}
	status := http.StatusOK
	if !inv.For(u) {
		d.Wrong, d.Email, status = true, inv.Email, http.StatusForbidden
	}
	s.renderAccount(w, r, status, "provider_invitation", d)
}

func (s *Server) acceptInvitation(w http.ResponseWriter, r *http.Request) {
	u, inv, p := s.invitation(w, r)
	if inv == nil {
		return
	}
	if !inv.For(u) {
		s.errorPage(w, r, http.StatusForbidden)
		return
	}
	ctx := r.Context()
	t, err := s.acct.store.ConsumeToken(ctx, account.HashToken(r.PathValue("token")), account.PurposeInvite, s.acct.now())
	if errors.Is(err, account.ErrNotFound) {
		s.errorPage(w, r, http.StatusGone) // accepted in another tab a moment ago
		return
	}
	role := inv.Role
	var ms []account.Membership
	if err == nil {
		ms, err = s.acct.store.Memberships(ctx, u.ID)
	}
	for _, m := range ms {
		if m.ProviderID == p.ID && m.Role == account.MemberAdmin {
			role = account.MemberAdmin // an invitation never demotes
		}
	}
	if err == nil {
		err = s.acct.store.SaveMembership(ctx, &account.Membership{UserID: u.ID, ProviderID: p.ID, Role: role, CreatedAt: s.acct.now()})
	}
	if err == nil {
		err = s.audit(ctx, &moderation.AuditEntry{ActorID: u.ID, Action: "member.accept", Entity: "provider", EntityID: p.ID,
			Before: moderation.Snapshot(nil), After: moderation.Snapshot(map[string]any{"user_id": u.ID, "role": role, "invited_by": t.UserID})})
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/anbieten/%d", p.ID), http.StatusSeeOther)
}

func invitationMail(from *account.User, provider string, role account.MemberRole, link string) mail.Message {
	who := "Die Verwaltung"
	if from.DisplayName != "" {
		who = from.DisplayName
	}
	return mail.Message{
		Subject: "Einladung: " + provider + " bei lernnetz Saar",
		Text: "Guten Tag,\n\n" + who + " lädt Sie ein, beim Anbieter „" + provider + "“ auf lernnetz Saar mitzuarbeiten (" +
			role.Label() + "). Mit diesem Link nehmen Sie die Einladung an:\n\n" + link + "\n\n" +
			"Sie brauchen dafür ein Konto mit dieser E-Mail-Adresse; haben Sie noch keins, können Sie es über den Link anlegen. " +
			"Der Link gilt 7 Tage und nur einmal.\n\n" +
			"Sie kennen den Anbieter nicht? Dann können Sie diese E-Mail löschen; ohne Ihre Zustimmung geschieht nichts." +
			signature,
	}
}
