package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/moderation"
)

// The person's rights over their data (GDPR): /konto/daten downloads
// everything lernnetz keeps about them as JSON (schema in
// docs/PERSONAL-DATA.md); /konto/loeschen erases the account after the
// password is confirmed.

func (s *Server) setupPrivacy() {
	s.handle("GET /konto/daten", s.exportData)
	s.handle("GET /konto/loeschen", s.eraseForm)
	s.handle("POST /konto/loeschen", s.erase)
}

// personalData gathers the export of u.
func (s *Server) personalData(ctx context.Context, u *account.User) (*account.PersonalData, error) {
	a := s.acct
	d := &account.PersonalData{Schema: account.PersonalDataSchema, ExportedAt: a.now(), Account: u, SecondFactor: u.HasTOTP(),
		Memberships: []account.Membership{}, Sessions: []account.PersonalSession{}, APITokens: []*account.APIToken{},
		Requests: []any{}, Decisions: []any{}, Audit: []any{}}
	var err error
	if d.Memberships, err = a.store.Memberships(ctx, u.ID); err != nil {
		return nil, err
	}
	sessions, err := a.store.UserSessions(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	for _, se := range sessions {
		d.Sessions = append(d.Sessions, account.PersonalSession{CreatedAt: se.CreatedAt, LastSeenAt: se.LastSeenAt,
			ExpiresAt: se.ExpiresAt, UserAgent: se.UserAgent, IP: se.IP})
	}
	if d.Merkliste, err = a.store.Bookmarks(ctx, u.ID); err != nil {
		return nil, err
	}
	if by, ok := a.store.(interface {
		APITokensBy(context.Context, int64) ([]*account.APIToken, error)
	}); ok {
		if d.APITokens, err = by.APITokensBy(ctx, u.ID); err != nil {
			return nil, err
		}
	}
	if s.mod != nil {
		items, err := s.mod.Items(ctx, "", 100000)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			if it.RequestedBy == u.ID {
				d.Requests = append(d.Requests, it)
			}
			if it.DecidedBy == u.ID {
				d.Decisions = append(d.Decisions, it)
			}
		}
		entries, err := s.mod.Audit(ctx, moderation.AuditFilter{ActorID: u.ID, Limit: 100000})
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			d.Audit = append(d.Audit, e)
		}
	}
	if d.Memberships == nil {
		d.Memberships = []account.Membership{}
	}
	if d.APITokens == nil {
		d.APITokens = []*account.APIToken{}
	}
	return d, nil
}

func (s *Server) exportData(w http.ResponseWriter, r *http.Request) {
	u, _ := s.requireUser(w, r)
	if u == nil {
		return
	}
	d, err := s.personalData(r.Context(), u)
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	noStore(w)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="lernnetz-meine-daten-%d.json"`, u.ID))
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(d)
}

type eraseData struct {
	layout
	Password *ofield
	Other    []string
}

// Errors lists the fields with an error, for the summary.
func (d *eraseData) Errors() []*ofield {
	if d.Password.Error != "" {
		return []*ofield{d.Password}
	}
	return nil
}

func (s *Server) renderErase(w http.ResponseWriter, r *http.Request, status int, msg string) {
	loc := localeOf(r)
	d := &eraseData{layout: layout{Title: loc.T("privacy.erase.title")},
		Password: &ofield{Name: "password", Kind: "password", Label: loc.T("privacy.erase.password"), Error: msg}}
	s.renderAccount(w, r, status, "account_erase", d)
}

func (s *Server) eraseForm(w http.ResponseWriter, r *http.Request) {
	if u, _ := s.requireUser(w, r); u != nil {
		s.renderErase(w, r, http.StatusOK, "")
	}
}

// erase deletes the signed-in person after checking the password (wrong
// guesses count against the login throttle).
func (s *Server) erase(w http.ResponseWriter, r *http.Request) {
	u, _ := s.requireUser(w, r)
	if u == nil {
		return
	}
	ok, answered := s.confirmPassword(w, r, u)
	if answered {
		return
	}
	if !ok {
		s.renderErase(w, r, http.StatusUnprocessableEntity, account.FieldError{Code: "password_wrong"}.Message(localeOf(r).Lang))
		return
	}
	a := s.acct
	ctx := r.Context()
	keys := []string{loginKey(u.Email), account.ThrottleKey("mail", account.EmailKey(u.Email))}
	if err := a.store.EraseUser(ctx, u.ID, u.Email, keys); err != nil {
		s.accountFailed(w, r, err)
		return
	}
	if a.mailDir != nil {
		if _, err := a.mailDir.RemoveTo(u.Email); err != nil {
			s.log.Error("erase development mail", "error", err)
		}
	}
	s.log.Info("account erased", "user", u.ID, "request_id", requestID(ctx))
	a.clearCookie(w)
	setMerkliste(w, r, nil)
	http.Redirect(w, r, "/konto/anmelden?hinweis=geloescht", http.StatusSeeOther)
}
