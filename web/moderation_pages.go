package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/mail"
	"github.com/lernnetz/lernnetz/moderation"
)

// Moderation (/moderation): coordinators and administrators work the queue
// of new providers, first publications and flagged changes; a decision is
// audited, and a rejection's reason is mailed to the person who asked.
// Asking for a new provider (/anbieten/neu) is open to every signed-in
// person.

// requireModerator returns the signed-in coordinator or administrator; 403
// for everyone else.
func (s *Server) requireModerator(w http.ResponseWriter, r *http.Request) *account.User {
	u, _ := s.requireUser(w, r)
	if u == nil {
		return nil
	}
	if !u.Has(account.RoleCoordinator) && !u.Has(account.RoleAdmin) {
		s.errorPage(w, r, http.StatusForbidden)
		return nil
	}
	return u
}

type queueData struct {
	layout
	Notice string
	Items  []*moderation.Item
}

func (s *Server) moderationQueue(w http.ResponseWriter, r *http.Request) {
	if s.requireModerator(w, r) == nil {
		return
	}
	items, err := s.mod.Items(r.Context(), moderation.StateOpen, 500)
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	s.renderAccount(w, r, http.StatusOK, "moderation_queue", &queueData{
		layout: layout{Title: localeOf(r).T("moderation.title")}, Notice: selfServiceNotice(r), Items: items})
}

type itemData struct {
	layout
	Item     *moderation.Item
	Offer    *catalogue.Offer
	Provider *catalogue.Provider
	Reason   string
	Error    string
}

func (s *Server) loadItem(w http.ResponseWriter, r *http.Request) *itemData {
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound)
		return nil
	}
	ctx := r.Context()
	it, err := s.mod.Item(ctx, id)
	if errors.Is(err, moderation.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound)
		return nil
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return nil
	}
	d := &itemData{layout: layout{Title: localeOf(r).T("moderation.kind." + string(it.Kind))}, Item: it, Provider: it.Provider}
	if it.OfferID != 0 {
		if d.Offer, err = s.store.Offer(ctx, it.OfferID); err != nil && !errors.Is(err, catalogue.ErrNotFound) {
			s.accountFailed(w, r, err)
			return nil
		}
	}
	if it.ProviderID != 0 && d.Provider == nil {
		d.Provider, _ = s.store.Provider(ctx, it.ProviderID)
	}
	return d
}

func (s *Server) moderationItem(w http.ResponseWriter, r *http.Request) {
	if s.requireModerator(w, r) == nil {
		return
	}
	if d := s.loadItem(w, r); d != nil {
		s.renderAccount(w, r, http.StatusOK, "moderation_item", d)
	}
}

// approveItem approves: a provider is created with the person as its admin,
// a first publication goes public, a flagged change is closed.
func (s *Server) approveItem(w http.ResponseWriter, r *http.Request) {
	u := s.requireModerator(w, r)
	if u == nil {
		return
	}
	d := s.loadItem(w, r)
	if d == nil {
		return
	}
	ctx := r.Context()
	it := d.Item
	now := s.acct.now()
	err := s.store.Atomic(ctx, func(tx catalogue.Store) error {
		m, err := modStore(tx)
		if err != nil {
			return err
		}
		var pid int64
		switch it.Kind {
		case moderation.KindProvider:
			if it.Provider == nil {
				return fmt.Errorf("web: moderation item %d asks for a provider but names none", it.ID)
			}
			p := *it.Provider
			p.ID = 0
			if err := tx.SaveProvider(ctx, &p); err != nil {
				return err
			}
			pid = p.ID
			if err := m.AppendAudit(ctx, &moderation.AuditEntry{ActorID: u.ID, Action: "provider.create", Entity: "provider",
				EntityID: p.ID, Before: moderation.Snapshot(nil), After: moderation.Snapshot(&p)}); err != nil {
				return err
			}
			if it.RequestedBy != 0 {
				ms := &account.Membership{UserID: it.RequestedBy, ProviderID: p.ID, Role: account.MemberAdmin}
				as, ok := tx.(account.MembershipStore)
				if !ok {
					return fmt.Errorf("web: the store %T keeps no memberships", tx)
				}
				if err := as.SaveMembership(ctx, ms); err != nil {
					return err
				}
				if err := m.AppendAudit(ctx, &moderation.AuditEntry{ActorID: u.ID, Action: "membership.create", Entity: "membership",
					EntityID: p.ID, Before: moderation.Snapshot(nil), After: moderation.Snapshot(ms)}); err != nil {
					return err
				}
			}
		case moderation.KindPublication:
			if d.Offer != nil && d.Offer.Status == catalogue.StatusReview {
				o := cloneOffer(d.Offer)
				o.Status = catalogue.StatusPublished
				if err := tx.SaveOffer(ctx, o); err != nil {
					return err
				}
				if err := m.AppendAudit(ctx, &moderation.AuditEntry{ActorID: u.ID, Action: "offer.publish", Entity: "offer",
					EntityID: o.ID, Before: snapshotOffer(d.Offer), After: snapshotOffer(o)}); err != nil {
					return err
				}
			}
		}
		if err := m.DecideItem(ctx, it.ID, moderation.StateApproved, u.ID, "", pid, now); err != nil {
			return err
		}
		return m.AppendAudit(ctx, &moderation.AuditEntry{ActorID: u.ID, Action: "moderation.approve", Entity: "moderation",
			EntityID: it.ID, Before: moderation.Snapshot(it), After: moderation.Snapshot(map[string]any{"state": moderation.StateApproved})})
	})
	if errors.Is(err, moderation.ErrDecided) {
		s.errorPage(w, r, http.StatusConflict)
		return
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	s.notify(ctx, it, true, "")
	http.Redirect(w, r, "/moderation?hinweis=freigegeben", http.StatusSeeOther)
}

// rejectItem rejects with a reason: a first publication or a flagged change
// goes back to draft (offline), and the reason is mailed.
func (s *Server) rejectItem(w http.ResponseWriter, r *http.Request) {
	u := s.requireModerator(w, r)
	if u == nil {
		return
	}
	d := s.loadItem(w, r)
	if d == nil {
		return
	}
	ctx := r.Context()
	loc := localeOf(r)
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	switch {
	case reason == "":
		d.Error = catalogue.FieldError{Code: "required"}.Message(loc.Lang)
	case utf8.RuneCountInString(reason) > moderation.MaxReason:
		d.Error = catalogue.FieldError{Code: "too_long", Params: []any{moderation.MaxReason}}.Message(loc.Lang)
	}
	if d.Error != "" {
		d.Reason = reason
		s.renderAccount(w, r, http.StatusUnprocessableEntity, "moderation_item", d)
		return
	}
	it := d.Item
	err := s.store.Atomic(ctx, func(tx catalogue.Store) error {
		m, err := modStore(tx)
		if err != nil {
			return err
		}
		if d.Offer != nil && it.Kind != moderation.KindProvider && d.Offer.Status != catalogue.StatusWithdrawn && d.Offer.Status != catalogue.StatusDraft {
			o := cloneOffer(d.Offer)
			o.Status = catalogue.StatusDraft
			if err := tx.SaveOffer(ctx, o); err != nil {
				return err
			}
			if err := m.AppendAudit(ctx, &moderation.AuditEntry{ActorID: u.ID, Action: "offer.unpublish", Entity: "offer",
				EntityID: o.ID, Before: snapshotOffer(d.Offer), After: snapshotOffer(o)}); err != nil {
				return err
			}
		}
		if err := m.DecideItem(ctx, it.ID, moderation.StateRejected, u.ID, reason, 0, s.acct.now()); err != nil {
			return err
		}
		return m.AppendAudit(ctx, &moderation.AuditEntry{ActorID: u.ID, Action: "moderation.reject", Entity: "moderation",
			EntityID: it.ID, Before: moderation.Snapshot(it), After: moderation.Snapshot(map[string]any{"state": moderation.StateRejected, "reason": reason})})
	})
	if errors.Is(err, moderation.ErrDecided) {
		s.errorPage(w, r, http.StatusConflict)
		return
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	s.notify(ctx, it, false, reason)
	http.Redirect(w, r, "/moderation?hinweis=abgelehnt", http.StatusSeeOther)
}

// notify mails the decision to the person who asked, through the outbox.
// A failure is logged: the decision stands.
func (s *Server) notify(ctx context.Context, it *moderation.Item, approved bool, reason string) {
	if it.RequestedBy == 0 {
		return
	}
	to, err := s.acct.store.User(ctx, it.RequestedBy)
	if err != nil || !to.Active() {
		return
	}
	m := decisionMail(to, it, approved, reason, absURL(ctx, "/anbieten"))
	m.To = to.Email
	if err := s.acct.mail.Enqueue(ctx, m); err != nil {
		s.log.Error("queue moderation mail", "item", it.ID, "error", err)
	}
}

func decisionMail(u *account.User, it *moderation.Item, approved bool, reason, link string) mail.Message {
	what := map[moderation.Kind]string{
		moderation.KindProvider:    "Ihre Anfrage für den Anbieter „" + it.Title + "“",
		moderation.KindPublication: "Ihr Angebot „" + it.Title + "“",
		moderation.KindChange:      "Ihre Änderung am Angebot „" + it.Title + "“",
	}[it.Kind]
	if it.Kind == moderation.KindChange && it.OfferID == 0 {
		what = "Ihre Änderung an den Angaben zum Anbieter „" + it.Title + "“"
	}
	if moderation.IsVenueChange(it) {
		what = "Ihre Änderung am Ort „" + it.Title + "“"
	}
	if approved {
		return mail.Message{
			Subject: "Freigegeben: " + it.Title,
			Text:    greeting(u) + what + " wurde von der Netzwerkkoordination freigegeben.\n\n" + link + signature,
		}
	}
	text := greeting(u) + what + " wurde von der Netzwerkkoordination nicht freigegeben. Die Begründung:\n\n" +
		reason + "\n\n"
	if it.Kind == moderation.KindChange && it.OfferID == 0 {
		text += "Die Angaben sind öffentlich, bis Sie sie korrigieren:\n\n"
	} else if it.Kind != moderation.KindProvider {
		text += "Das Angebot ist jetzt ein Entwurf und nicht öffentlich. Sie können es überarbeiten und erneut veröffentlichen:\n\n"
	}
	return mail.Message{Subject: "Nicht freigegeben: " + it.Title, Text: text + link + signature}
}

// Asking for a new provider.

type requestData struct {
	layout
	Fields []*ofield
	Other  []string
}

// Errors lists the fields with an error, for the summary.
func (d *requestData) Errors() []*ofield {
	var out []*ofield
	for _, f := range d.Fields {
		if f.Error != "" {
			out = append(out, f)
		}
	}
	return out
}

func requestForm(loc *locale, p *catalogue.Provider) *requestData {
	f := func(name, kind, value string) *ofield {
		return &ofield{Name: name, Kind: kind, Value: value, Label: loc.T("selfservice.request." + name)}
	}
	kind := f("kind", "select", p.Kind)
	kind.Options = catalogue.Vocab("provider_kind").Terms
	return &requestData{
		layout: layout{Title: loc.T("selfservice.request.title")},
		Fields: []*ofield{f("name", "text", p.Name), kind, f("address.street", "text", p.Address.Street),
			f("address.postal_code", "text", p.Address.PostalCode), f("address.city", "text", p.Address.City),
			f("website", "url", p.Website), f("email", "email", p.Email), f("phone", "tel", p.Phone), f("description", "textarea", p.Description)},
	}
}

func (s *Server) providerRequestForm(w http.ResponseWriter, r *http.Request) {
	if u, _ := s.requireUser(w, r); u == nil {
		return
	}
	s.renderAccount(w, r, http.StatusOK, "provider_request", requestForm(localeOf(r), &catalogue.Provider{}))
}

func (s *Server) providerRequest(w http.ResponseWriter, r *http.Request) {
	u, _ := s.requireUser(w, r)
	if u == nil {
		return
	}
	ctx := r.Context()
	loc := localeOf(r)
	v := func(k string) string { return r.PostFormValue(k) }
	p := &catalogue.Provider{Name: v("name"), Kind: v("kind"), Website: v("website"), Email: v("email"), Phone: v("phone"), Description: v("description"),
		Address: catalogue.Address{Street: v("address.street"), PostalCode: v("address.postal_code"), City: v("address.city"), Country: "DE"}}
	err := catalogue.PrepareProvider(p, s.acct.now())
	var ve *catalogue.ValidationError
	if errors.As(err, &ve) {
		d := requestForm(loc, p)
		for _, fe := range ve.Errors {
			found := false
			for _, f := range d.Fields {
				if f.Name == fe.Field && f.Error == "" {
					f.Error, found = fe.Message(loc.Lang), true
				}
			}
			if !found {
				d.Other = append(d.Other, fe.Field+": "+fe.Message(loc.Lang))
			}
		}
		s.renderAccount(w, r, http.StatusUnprocessableEntity, "provider_request", d)
		return
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	it := &moderation.Item{Kind: moderation.KindProvider, RequestedBy: u.ID, Title: p.Name, Provider: p}
	if err := s.mod.AddItem(ctx, it); err != nil {
		s.accountFailed(w, r, err)
		return
	}
	if err := s.audit(ctx, &moderation.AuditEntry{ActorID: u.ID, Action: "provider.request", Entity: "moderation", EntityID: it.ID,
		Before: moderation.Snapshot(nil), After: moderation.Snapshot(p)}); err != nil {
		s.accountFailed(w, r, err)
		return
	}
	http.Redirect(w, r, "/anbieten?hinweis=angefragt", http.StatusSeeOther)
}
