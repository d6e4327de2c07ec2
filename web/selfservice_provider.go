package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/moderation"
)

// A provider's own details (/anbieten/{pid}/angaben): its administration
// changes name, kind, address, website, e-mail address, phone and description.
// The change goes live at once, is audited (provider.update, before and
// after) and, unless only the ways to reach the provider changed
// (moderation.ReviewProvider), flagged in the moderation queue — all in one
// transaction, like an editor's save of an offer.

type detailsData struct {
	*requestData
	Provider *catalogue.Provider
}

func (s *Server) renderDetails(w http.ResponseWriter, r *http.Request, status int, p *catalogue.Provider, form *catalogue.Provider, d *requestData) {
	if d == nil {
		d = requestForm(localeOf(r), form)
	}
	d.Title = localeOf(r).T("details.title")
	s.renderAccount(w, r, status, "provider_details", &detailsData{requestData: d, Provider: p})
}

func (s *Server) detailsPage(w http.ResponseWriter, r *http.Request) {
	if _, p := s.tokenAdmin(w, r); p != nil {
		s.renderDetails(w, r, http.StatusOK, p, p, nil)
	}
}

func (s *Server) saveDetails(w http.ResponseWriter, r *http.Request) {
	u, before := s.tokenAdmin(w, r)
	if before == nil {
		return
	}
	ctx := r.Context()
	loc := localeOf(r)
	v := func(k string) string { return r.PostFormValue(k) }
	p := *before
	p.Name, p.Kind, p.Website, p.Email, p.Phone, p.Description = v("name"), v("kind"), v("website"), v("email"), v("phone"), v("description")
	p.Address.Street, p.Address.PostalCode, p.Address.City = v("address.street"), v("address.postal_code"), v("address.city")
	if p.Address.Street != before.Address.Street || p.Address.PostalCode != before.Address.PostalCode || p.Address.City != before.Address.City {
		p.Geo = nil // the old position no longer fits
	}
	err := catalogue.PrepareProvider(&p, s.acct.now())
	var ve *catalogue.ValidationError
	if errors.As(err, &ve) {
		d := requestForm(loc, &p)
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
		s.renderDetails(w, r, http.StatusUnprocessableEntity, before, &p, d)
		return
	}
	if err == nil {
		err = s.store.Atomic(ctx, func(tx catalogue.Store) error {
			m, err := modStore(tx)
			if err != nil {
				return err
			}
			out := moderation.ReviewProvider(before, &p)
			if err := tx.SaveProvider(ctx, &p); err != nil {
				return err
			}
			if err := m.AppendAudit(ctx, &moderation.AuditEntry{ActorID: u.ID, Action: "provider.update", Entity: "provider", EntityID: p.ID,
				Before: moderation.Snapshot(before), After: moderation.Snapshot(&p)}); err != nil {
				return err
			}
			if out.Queue == "" {
				return nil
			}
			return m.AddItem(ctx, &moderation.Item{Kind: out.Queue, ProviderID: p.ID, RequestedBy: u.ID, Title: p.Name, Fields: out.Fields})
		})
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/anbieten/%d?hinweis=gespeichert", p.ID), http.StatusSeeOther)
}
