package web

import (
	"errors"
	"net/http"

	"github.com/lernnetz/lernnetz/mail"
)

// /dev/mail shows the mail of development mode, which goes to a folder
// instead of a mail server. It exists only with Config.Dev.

type devMailData struct {
	accountPageData
	Messages []*mail.Stored
	Message  *mail.Stored
}

func (s *Server) devMailList(w http.ResponseWriter, r *http.Request) {
	list, err := s.acct.mailDir.List()
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	s.renderAccount(w, r, http.StatusOK, "account_devmail", &devMailData{
		accountPageData: accountPageData{layout: layout{Title: localeOf(r).T("account.devmail.title")}},
		Messages:        list,
	})
}

func (s *Server) devMailShow(w http.ResponseWriter, r *http.Request) {
	m, err := s.acct.mailDir.Read(r.PathValue("name"))
	if errors.Is(err, mail.ErrNoMessage) {
		s.errorPage(w, r, http.StatusNotFound)
		return
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	s.renderAccount(w, r, http.StatusOK, "account_devmail", &devMailData{
		accountPageData: accountPageData{layout: layout{Title: m.Subject}},
		Message:         m,
	})
}
