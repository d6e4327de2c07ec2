package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/moderation"
)

// API tokens of a provider (/anbieten/{pid}/schluessel): its administration
// (membership role admin) makes tokens for its own programs, sees each new
// token once, and revokes them.

type tokenRow struct {
	ID       int64
	Name     string
	Scope    string
	Created  string
	LastUsed string
	Revoked  bool
}

type tokensData struct {
	layout
	Provider *catalogue.Provider
	Tokens   []tokenRow
	New      string // the token just made, shown once
	Name     *ofield
	Scope    *ofield
	Notice   string
}

// Errors lists the fields with an error, for the summary.
func (d *tokensData) Errors() []*ofield {
	var out []*ofield
	for _, f := range []*ofield{d.Name, d.Scope} {
		if f.Error != "" {
			out = append(out, f)
		}
	}
	return out
}

// Other is empty: every error of the form has a field.
func (d *tokensData) Other() []string { return nil }

// tokenAdmin returns the user and provider when the user administers it;
// editors get 403.
func (s *Server) tokenAdmin(w http.ResponseWriter, r *http.Request) (*account.User, *catalogue.Provider) {
	u, p, role := s.membership(w, r)
	if p == nil {
		return nil, nil
	}
	if role != account.MemberAdmin {
		s.errorPage(w, r, http.StatusForbidden)
		return nil, nil
	}
	return u, p
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, status int, p *catalogue.Provider, d *tokensData) {
	loc := localeOf(r)
	d.layout = layout{Title: loc.T("selfservice.tokens.title")}
	d.Provider = p
	if d.Name == nil {
		d.Name = &ofield{Name: "name", Kind: "text", Max: account.MaxTokenName}
		d.Scope = &ofield{Name: "scope", Kind: "select", Value: string(account.ScopeWrite)}
	}
	d.Name.Label, d.Scope.Label = loc.T("selfservice.tokens.name"), loc.T("selfservice.tokens.scope")
	d.Name.Hint = loc.T("selfservice.tokens.name.hint")
	d.Scope.Options = []catalogue.Term{
		{Code: string(account.ScopeWrite), DE: localeDE.T("selfservice.tokens.scope.write"), EN: localeEN.T("selfservice.tokens.scope.write")},
		{Code: string(account.ScopeRead), DE: localeDE.T("selfservice.tokens.scope.read"), EN: localeEN.T("selfservice.tokens.scope.read")},
	}
	ts, err := s.acct.store.ProviderAPITokens(r.Context(), p.ID)
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	for _, t := range ts {
		row := tokenRow{ID: t.ID, Name: t.Name, Scope: loc.T("selfservice.tokens.scope." + string(t.Scope)),
			Created: loc.DateTime(t.CreatedAt), Revoked: !t.Active()}
		if t.LastUsedAt != nil {
			row.LastUsed = loc.DateTime(*t.LastUsedAt)
		}
		d.Tokens = append(d.Tokens, row)
	}
	s.renderAccount(w, r, status, "provider_tokens", d)
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request) {
	if _, p := s.tokenAdmin(w, r); p != nil {
		d := &tokensData{}
		if r.URL.Query().Get("hinweis") == "widerrufen" {
			d.Notice = localeOf(r).T("selfservice.tokens.revoked")
		}
		s.renderTokens(w, r, http.StatusOK, p, d)
	}
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	u, p := s.tokenAdmin(w, r)
	if p == nil {
		return
	}
	ctx := r.Context()
	loc := localeOf(r)
	name, scope := r.PostFormValue("name"), r.PostFormValue("scope")
	token, t, err := account.NewAPIToken(p.ID, name, account.Scope(scope), u.ID, s.acct.now())
	var ve *account.ValidationError
	if errors.As(err, &ve) {
		d := &tokensData{Name: &ofield{Name: "name", Kind: "text", Value: name, Max: account.MaxTokenName},
			Scope: &ofield{Name: "scope", Kind: "select", Value: scope}}
		if fe := ve.For("name"); fe != nil {
			d.Name.Error = fe.Message(loc.Lang)
		}
		if fe := ve.For("scope"); fe != nil {
			d.Scope.Error = fe.Message(loc.Lang)
		}
		s.renderTokens(w, r, http.StatusUnprocessableEntity, p, d)
		return
	}
	if err == nil {
		err = s.acct.store.CreateAPIToken(ctx, t)
	}
	if err == nil {
		err = s.audit(ctx, &moderation.AuditEntry{ActorID: u.ID, Action: "api_token.create", Entity: "provider", EntityID: p.ID,
			// Not the name: free text a person typed stays out of the log.
			Before: moderation.Snapshot(nil), After: moderation.Snapshot(map[string]any{"token_id": t.ID, "scope": t.Scope})})
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	// The token is in this response only; never cached (renderAccount).
	s.renderTokens(w, r, http.StatusOK, p, &tokensData{New: token})
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	u, p := s.tokenAdmin(w, r)
	if p == nil {
		return
	}
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound)
		return
	}
	ctx := r.Context()
	err := s.acct.store.RevokeAPIToken(ctx, p.ID, id, s.acct.now())
	if errors.Is(err, account.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound)
		return
	}
	if err == nil {
		err = s.audit(ctx, &moderation.AuditEntry{ActorID: u.ID, Action: "api_token.revoke", Entity: "provider", EntityID: p.ID,
			Before: moderation.Snapshot(map[string]int64{"token_id": id}), After: moderation.Snapshot(nil)})
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/anbieten/%d/schluessel?hinweis=widerrufen", p.ID), http.StatusSeeOther)
}
