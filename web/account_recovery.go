package web

import (
	"net/http"

	"github.com/lernnetz/lernnetz/account"
)

// Recovery codes (/konto/wiederherstellung): a person with a second factor
// makes a set of ten one-time codes, shown once, to sign in when the app is
// lost; a new set replaces the old. The code step of the login takes them
// in place of the app's code (account_login.go).

type recoveryData struct {
	layout
	Left  int
	Codes []string // the new set, shown once
}

func (s *Server) setupRecovery() {
	s.handle("GET /konto/wiederherstellung", s.recoveryPage)
	s.handle("POST /konto/wiederherstellung", s.newRecoveryCodes)
}

// recoveryUser returns the signed-in user with a second factor; without one
// it sends them to set it up.
func (s *Server) recoveryUser(w http.ResponseWriter, r *http.Request) *account.User {
	u, _ := s.requireUser(w, r)
	if u == nil {
		return nil
	}
	if !u.HasTOTP() {
		http.Redirect(w, r, "/konto/zwei-faktor", http.StatusSeeOther)
		return nil
	}
	return u
}

func (s *Server) recoveryPage(w http.ResponseWriter, r *http.Request) {
	u := s.recoveryUser(w, r)
	if u == nil {
		return
	}
	left, err := s.acct.store.RecoveryCodesLeft(r.Context(), u.ID)
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	s.renderAccount(w, r, http.StatusOK, "account_recovery", &recoveryData{layout: layout{Title: localeOf(r).T("recovery.title")}, Left: left})
}

func (s *Server) newRecoveryCodes(w http.ResponseWriter, r *http.Request) {
	u := s.recoveryUser(w, r)
	if u == nil {
		return
	}
	codes, hashes := account.NewRecoveryCodes()
	if err := s.acct.store.SetRecoveryCodes(r.Context(), u.ID, hashes); err != nil {
		s.accountFailed(w, r, err)
		return
	}
	s.log.Info("new recovery codes", "user", u, "request_id", requestID(r.Context()))
	s.renderAccount(w, r, http.StatusOK, "account_recovery", &recoveryData{layout: layout{Title: localeOf(r).T("recovery.title")},
		Left: len(codes), Codes: codes})
}
