package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/lernnetz/lernnetz/account"
)

// The pages of a signed-in person: the overview, the password, the second
// factor and the sessions.

type membershipRow struct {
	Provider string
	Path     string
	Role     string
}

type accountHomeData struct {
	accountPageData
	User        *account.User
	Roles       []string
	Memberships []membershipRow
	// SelfService links the provider self-service; Moderator the
	// moderation queue.
	SelfService, Moderator bool
}

func (s *Server) accountHome(w http.ResponseWriter, r *http.Request) {
	loc := localeOf(r)
	u, _ := s.requireUser(w, r)
	if u == nil {
		return
	}
	ctx := r.Context()
	ms, err := s.acct.store.Memberships(ctx, u.ID)
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	d := accountHomeData{
		accountPageData: accountPageData{layout: layout{Title: loc.T("account.home.title")}, Notice: noticeFrom(r), AccountNav: true},
		User:            u,
		SelfService:     s.mod != nil,
		Moderator:       s.mod != nil && (u.Has(account.RoleCoordinator) || u.Has(account.RoleAdmin)),
	}
	for _, role := range u.Roles {
		d.Roles = append(d.Roles, loc.T("account.role."+string(role)))
	}
	for _, m := range ms {
		row := membershipRow{Provider: loc.T("account.provider_n", m.ProviderID), Path: providerPath(m.ProviderID), Role: loc.T("account.member_role." + string(m.Role))}
		if p, err := s.store.Provider(ctx, m.ProviderID); err == nil {
			row.Provider = p.Name
		}
		d.Memberships = append(d.Memberships, row)
	}
	s.renderAccount(w, r, http.StatusOK, "account_home", &d)
}

// Changing the password.

func passwordForm(loc *locale) *form {
	return &form{
		Action: "/konto/passwort", Submit: loc.T("account.password.title"),
		Fields: []*field{currentPasswordField(loc.T("account.field.current_password")), newPasswordField(loc, "new_password", "new_password", loc.T("account.field.new_password"))},
	}
}

func (s *Server) renderPassword(w http.ResponseWriter, r *http.Request, status int, f *form) {
	loc := localeOf(r)
	s.renderAccount(w, r, status, "account_form", &accountPageData{
		layout:     layout{Title: loc.T("account.password.title")},
		Intro:      []string{loc.T("account.password.intro")},
		Form:       f,
		AccountNav: true,
	})
}

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request) {
	if u, _ := s.requireUser(w, r); u == nil {
		return
	}
	s.renderPassword(w, r, http.StatusOK, passwordForm(localeOf(r)))
}

// confirmPassword checks the password field of a signed-in person's form
// before a change that needs it (a new password, erasure). It refuses
// addresses and accounts over the login limits, and a wrong password counts
// against the login throttle like a failed login. answered says it has
// already answered the request (429, an internal error); otherwise ok tells
// whether the password was right.
func (s *Server) confirmPassword(w http.ResponseWriter, r *http.Request, u *account.User) (ok, answered bool) {
	if !s.ipAllowed(w, r) {
		return false, true
	}
	a := s.acct
	ctx := r.Context()
	now := a.now()
	key := loginKey(u.Email)
	wait, err := a.throttled(ctx, key, now)
	if err != nil {
		s.accountFailed(w, r, err)
		return false, true
	}
	if wait > 0 {
		s.tooManyRequests(w, r, wait)
		return false, true
	}
	ok, _, err = a.hasher.Verify(u.PasswordHash, r.PostFormValue("password"))
	if err != nil && !errors.Is(err, account.ErrInvalidHash) {
		s.accountFailed(w, r, err)
		return false, true
	}
	if !ok {
		if err := a.store.RecordFailure(ctx, key, now); err != nil {
			s.accountFailed(w, r, err)
			return false, true
		}
	}
	return ok, false
}

// changePassword checks the current password (guesses count against the
// login throttle), sets the new one, ends every other session and gives
// this browser a new session token.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	u, _ := s.requireUser(w, r)
	if u == nil {
		return
	}
	ok, answered := s.confirmPassword(w, r, u)
	if answered {
		return
	}
	ctx := r.Context()
	loc := localeOf(r)
	f := passwordForm(loc)
	if !ok {
		f.field("password").Error = account.FieldError{Code: "password_wrong"}.Message(loc.Lang)
		s.renderPassword(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	pw := r.PostFormValue("new_password")
	if err := account.CheckPassword(pw, u.Email); err != nil {
		f.field("new_password").Error = err.(*account.ValidationError).Errors[0].Message(loc.Lang)
		s.renderPassword(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if err := s.setPassword(ctx, u, pw, 0); err != nil {
		s.accountFailed(w, r, err)
		return
	}
	if err := s.startSession(w, r, u, account.SessionActive); err != nil {
		s.accountFailed(w, r, err)
		return
	}
	s.log.Info("password changed", "user", u, "request_id", requestID(ctx))
	http.Redirect(w, r, "/konto?hinweis=passwort-geaendert", http.StatusSeeOther)
}

// Enrolling a second factor.

type enrolData struct {
	accountPageData
	Secret  string
	URI     string
	Already bool // a second factor is enrolled
}

// enrolUser returns the person who may enrol: signed in, or half-way
// through a login that requires a second factor first.
func (s *Server) enrolUser(w http.ResponseWriter, r *http.Request) (*account.User, *account.Session) {
	if si := pending(r, account.SessionEnrol); si != nil {
		return si.user, si.session
	}
	return s.requireUser(w, r)
}

// enrolContext binds the new secret, which travels sealed in the form, to
// the session that asked for it.
func enrolContext(se *account.Session) string { return "totp-enrol:" + se.TokenHash }

func (s *Server) renderEnrol(w http.ResponseWriter, r *http.Request, status int, u *account.User, se *account.Session, secret string, f *form) {
	loc := localeOf(r)
	uri := account.TOTPURI(secret, u.Email)
	d := enrolData{
		accountPageData: accountPageData{layout: layout{Title: loc.T("account.enrol.title")}, Form: f,
			AccountNav: se.State == account.SessionActive},
		Secret: secret, URI: uri,
	}
	if se.State == account.SessionEnrol {
		d.Intro = []string{loc.T("account.enrol.required")}
	}
	s.renderAccount(w, r, status, "account_enrol", &d)
}

func (s *Server) enrolForm(w http.ResponseWriter, r *http.Request) {
	loc := localeOf(r)
	u, se := s.enrolUser(w, r)
	if u == nil {
		return
	}
	if u.HasTOTP() {
		s.renderAccount(w, r, http.StatusOK, "account_enrol", &enrolData{
			accountPageData: accountPageData{layout: layout{Title: loc.T("account.enrol.title")}, AccountNav: true}, Already: true,
		})
		return
	}
	key, err := account.NewTOTPKey(u.Email)
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	f := &form{
		Action: "/konto/zwei-faktor", Submit: loc.T("account.enrol.submit"),
		Hidden: []hiddenInput{{"secret", s.acct.box.Seal(key.Secret, enrolContext(se))}},
		Fields: []*field{codeField(loc)},
	}
	s.renderEnrol(w, r, http.StatusOK, u, se, key.Secret, f)
}

// enrol stores the second factor once a code from it checks out, so no one
// locks themselves out with a mistyped secret.
func (s *Server) enrol(w http.ResponseWriter, r *http.Request) {
	loc := localeOf(r)
	u, se := s.enrolUser(w, r)
	if u == nil || !s.ipAllowed(w, r) {
		return
	}
	if u.HasTOTP() {
		http.Redirect(w, r, "/konto/zwei-faktor", http.StatusSeeOther)
		return
	}
	a := s.acct
	ctx := r.Context()
	now := a.now()
	key := loginKey(u.Email)
	wait, err := a.throttled(ctx, key, now)
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	if wait > 0 {
		s.tooManyRequests(w, r, wait)
		return
	}
	sealed := r.PostFormValue("secret")
	secret, err := a.box.Open(sealed, enrolContext(se))
	if err != nil {
		http.Redirect(w, r, "/konto/zwei-faktor", http.StatusSeeOther) // a form of another session: start again
		return
	}
	step, err := account.CheckTOTP(secret, r.PostFormValue("code"), now, 0)
	if err != nil {
		f := &form{Action: "/konto/zwei-faktor", Submit: loc.T("account.enrol.submit"), Hidden: []hiddenInput{{"secret", sealed}}, Fields: []*field{codeField(loc)}}
		if !f.setErrors(loc, err) {
			s.accountFailed(w, r, err)
			return
		}
		if err := a.store.RecordFailure(ctx, key, now); err != nil {
			s.accountFailed(w, r, err)
			return
		}
		s.renderEnrol(w, r, http.StatusUnprocessableEntity, u, se, secret, f)
		return
	}
	if err := a.store.SetTOTP(ctx, u.ID, a.box.Seal(secret, account.TOTPContext(u.ID)), step); err != nil {
		s.accountFailed(w, r, err)
		return
	}
	if se.State == account.SessionEnrol {
		if err := a.store.ClearFailures(ctx, key); err != nil {
			s.accountFailed(w, r, err)
			return
		}
		if err := s.startSession(w, r, u, account.SessionActive); err != nil {
			s.accountFailed(w, r, err)
			return
		}
	}
	if err := s.sendMail(ctx, u.Email, totpEnabledMail(u)); err != nil {
		s.accountFailed(w, r, err)
		return
	}
	s.log.Info("second factor enrolled", "user", u, "request_id", requestID(ctx))
	http.Redirect(w, r, "/konto?hinweis=zwei-faktor", http.StatusSeeOther)
}

// Sessions.

type sessionRow struct {
	ID       int64
	Device   string
	IP       string
	Started  string
	LastSeen string
	Current  bool
	Pending  bool
}

type sessionsData struct {
	accountPageData
	Sessions []sessionRow
	Others   bool
}

func (s *Server) sessionsPage(w http.ResponseWriter, r *http.Request) {
	loc := localeOf(r)
	u, cur := s.requireUser(w, r)
	if u == nil {
		return
	}
	list, err := s.acct.store.UserSessions(r.Context(), u.ID)
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	now := s.acct.now()
	d := sessionsData{accountPageData: accountPageData{layout: layout{Title: loc.T("account.sessions.title")}, Notice: noticeFrom(r), AccountNav: true}}
	for _, se := range list {
		if se.Expired(now) {
			continue
		}
		d.Sessions = append(d.Sessions, sessionRow{
			ID: se.ID, Device: deviceName(loc, se.UserAgent), IP: se.IP,
			Started: loc.DateTime(se.CreatedAt), LastSeen: loc.DateTime(se.LastSeenAt),
			Current: se.ID == cur.ID, Pending: se.State != account.SessionActive,
		})
		if se.ID != cur.ID {
			d.Others = true
		}
	}
	s.renderAccount(w, r, http.StatusOK, "account_sessions", &d)
}

// endSession ends one of the person's own sessions; another person's
// session is "not found".
func (s *Server) endSession(w http.ResponseWriter, r *http.Request) {
	u, cur := s.requireUser(w, r)
	if u == nil {
		return
	}
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound)
		return
	}
	if err := s.acct.store.DeleteSession(r.Context(), u.ID, id); err != nil {
		if errors.Is(err, account.ErrNotFound) {
			noStore(w)
			s.errorPage(w, r, http.StatusNotFound)
			return
		}
		s.accountFailed(w, r, err)
		return
	}
	if id == cur.ID {
		s.acct.clearCookie(w)
		http.Redirect(w, r, "/konto/anmelden?hinweis=abgemeldet", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/konto/sitzungen?hinweis=sitzung-beendet", http.StatusSeeOther)
}

func (s *Server) endOtherSessions(w http.ResponseWriter, r *http.Request) {
	u, cur := s.requireUser(w, r)
	if u == nil {
		return
	}
	if _, err := s.acct.store.DeleteUserSessions(r.Context(), u.ID, cur.ID); err != nil {
		s.accountFailed(w, r, err)
		return
	}
	http.Redirect(w, r, "/konto/sitzungen?hinweis=andere-beendet", http.StatusSeeOther)
}

// deviceName names browser and system of a User-Agent header in words,
// roughly: enough to tell one's own sessions apart.
func deviceName(loc *locale, ua string) string {
	browser := ""
	for _, b := range [][2]string{{"Edg/", "Edge"}, {"OPR/", "Opera"}, {"Firefox/", "Firefox"}, {"Chrome/", "Chrome"},
		{"Safari/", "Safari"}, {"curl/", "curl"}, {"Go-http-client", loc.T("account.device.program")}} {
		if strings.Contains(ua, b[0]) {
			browser = b[1]
			break
		}
	}
	system := ""
	for _, o := range [][2]string{{"Android", "Android"}, {"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Windows", "Windows"},
		{"Mac OS X", "macOS"}, {"CrOS", "ChromeOS"}, {"Linux", "Linux"}} {
		if strings.Contains(ua, o[0]) {
			system = o[1]
			break
		}
	}
	switch {
	case browser != "" && system != "":
		return loc.T("account.device.on", browser, system)
	case browser != "":
		return browser
	case system != "":
		return system
	}
	return loc.T("account.device.unknown")
}
