package web

import (
	"errors"
	"html/template"
	"net/http"
	"strings"

	"github.com/lernnetz/lernnetz/account"
)

// Account pages share one layout of their own: a heading, a notice, an
// error summary that links to the fields, and a plain HTML form whose
// errors are tied to their fields (aria-describedby, aria-invalid). No
// script is needed anywhere.

// accountPages are the account templates, added to the German and the
// English page sets with the site's layout and the shared parts in
// account_parts.html.
var accountPages = []string{"account_form", "account_home", "account_sessions", "account_enrol", "account_devmail"}

func init() {
	for _, set := range []struct {
		l     *locale
		pages map[string]*template.Template
	}{{localeDE, pageTemplates}, {localeEN, pageTemplatesEN}} {
		funcs := funcsFor(set.l)
		funcs["dateTime"] = set.l.DateTime
		funcs["groups"] = groupsOf4
		for _, n := range accountPages {
			set.pages[n] = template.Must(template.New("layout.html").Funcs(funcs).
				ParseFS(templateFS, "templates/layout.html", "templates/account_parts.html", "templates/"+n+".html"))
		}
	}
}

// groupsOf4 splits a TOTP secret into groups of four for typing.
func groupsOf4(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// field is one input of an account form.
type field struct {
	ID           string
	Name         string
	Label        string
	Type         string // text, email, password
	Autocomplete string
	InputMode    string
	MaxLength    int
	Value        string // never set for passwords
	Hint         string
	Error        string
}

// DescribedBy lists the ids of the hint and the error, for aria-describedby.
func (f *field) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID+"-hinweis")
	}
	if f.Error != "" {
		ids = append(ids, f.ID+"-fehler")
	}
	return strings.Join(ids, " ")
}

type hiddenInput struct{ Name, Value string }

// form is a form of an account page.
type form struct {
	Action string
	Submit string
	Hidden []hiddenInput
	Fields []*field
}

// Errors returns the fields with an error, for the summary.
func (f *form) Errors() []*field {
	if f == nil {
		return nil
	}
	var out []*field
	for _, fl := range f.Fields {
		if fl.Error != "" {
			out = append(out, fl)
		}
	}
	return out
}

// field returns the form's field named name, or nil.
func (f *form) field(name string) *field {
	for _, fl := range f.Fields {
		if fl.Name == name {
			return fl
		}
	}
	return nil
}

// setErrors puts the messages in the language of loc of a *account.ValidationError on the
// fields they name and reports whether err was one.
func (f *form) setErrors(loc *locale, err error) bool {
	var ve *account.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	for _, fe := range ve.Errors {
		if fl := f.field(fe.Field); fl != nil && fl.Error == "" {
			fl.Error = fe.Message(loc.Lang)
		}
	}
	return true
}

type pageLink struct{ Href, Text string }

// accountPageData is what every account page shows.
type accountPageData struct {
	layout
	Notice string   // a confirmation at the top
	Intro  []string // paragraphs before the form
	Form   *form
	Links  []pageLink
	// AccountNav shows the account navigation, for signed-in people.
	AccountNav bool
}

// renderAccount renders an account page, never cached.
func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, status int, name string, data page) {
	noStore(w)
	s.render(w, r, status, name, data)
}

// The fields of the account forms.

func emailField(loc *locale, value string) *field {
	return &field{ID: "email", Name: "email", Label: loc.T("account.field.email"), Type: "email", Autocomplete: "email",
		MaxLength: account.MaxEmailLength, Value: value}
}

func nameField(loc *locale, value string) *field {
	return &field{ID: "display_name", Name: "display_name", Label: loc.T("account.field.name"), Type: "text", Autocomplete: "name",
		MaxLength: account.MaxNameLength, Value: value, Hint: loc.T("account.field.name.hint")}
}

func currentPasswordField(label string) *field {
	return &field{ID: "password", Name: "password", Label: label, Type: "password", Autocomplete: "current-password"}
}

func newPasswordField(loc *locale, id, name, label string) *field {
	return &field{ID: id, Name: name, Label: label, Type: "password", Autocomplete: "new-password",
		MaxLength: account.MaxPasswordLength,
		Hint:      loc.T("account.field.new_password.hint")}
}

func codeField(loc *locale) *field {
	return &field{ID: "code", Name: "code", Label: loc.T("account.field.code"), Type: "text", Autocomplete: "one-time-code",
		InputMode: "numeric", MaxLength: 7, Hint: loc.T("account.field.code.hint")}
}

// notices are the confirmations a redirect can ask for with ?hinweis=:
// the values are message keys.
var notices = map[string]string{
	"abgemeldet":         "account.notice.logged_out",
	"geloescht":          "privacy.notice.erased", // account_privacy.go
	"passwort-neu":       "account.notice.password_new",
	"passwort-geaendert": "account.notice.password_changed",
	"zwei-faktor":        "account.notice.totp",
	"sitzung-beendet":    "account.notice.session_ended",
	"andere-beendet":     "account.notice.others_ended",
}

func noticeFrom(r *http.Request) string {
	if key, ok := notices[r.URL.Query().Get("hinweis")]; ok {
		return localeOf(r).T(key)
	}
	return ""
}
