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

// accountPages are the account templates, added to the German page set
// (the account pages are in German for now) with the site's layout and the
// shared parts in account_parts.html.
var accountPages = []string{"account_form", "account_home", "account_sessions", "account_enrol", "account_devmail"}

func init() {
	funcs := template.FuncMap{"dateTime": formatDateTime, "groups": groupsOf4}
	for k, v := range templateFuncs {
		funcs[k] = v
	}
	for _, n := range accountPages {
		pageTemplates[n] = template.Must(template.New("layout.html").Funcs(funcs).
			ParseFS(templateFS, "templates/layout.html", "templates/account_parts.html", "templates/"+n+".html"))
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

// setErrors puts the German messages of a *account.ValidationError on the
// fields they name and reports whether err was one.
func (f *form) setErrors(err error) bool {
	var ve *account.ValidationError
	if !errors.As(err, &ve) {
		return false
	}
	for _, fe := range ve.Errors {
		if fl := f.field(fe.Field); fl != nil && fl.Error == "" {
			fl.Error = fe.Message("de")
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

func emailField(value string) *field {
	return &field{ID: "email", Name: "email", Label: "E-Mail-Adresse", Type: "email", Autocomplete: "email",
		MaxLength: account.MaxEmailLength, Value: value}
}

func nameField(value string) *field {
	return &field{ID: "display_name", Name: "display_name", Label: "Name (freiwillig)", Type: "text", Autocomplete: "name",
		MaxLength: account.MaxNameLength, Value: value, Hint: "So sprechen wir Sie in E-Mails an."}
}

func currentPasswordField(label string) *field {
	return &field{ID: "password", Name: "password", Label: label, Type: "password", Autocomplete: "current-password"}
}

func newPasswordField(id, name, label string) *field {
	return &field{ID: id, Name: name, Label: label, Type: "password", Autocomplete: "new-password",
		MaxLength: account.MaxPasswordLength,
		Hint: "Mindestens 12 Zeichen, gern viel mehr. Ein Satz aus mehreren Wörtern ist leicht zu merken und schwer zu erraten. " +
			"Sonderzeichen sind nicht nötig; weit verbreitete Passwörter lehnen wir ab."}
}

func codeField() *field {
	return &field{ID: "code", Name: "code", Label: "Sechsstelliger Code", Type: "text", Autocomplete: "one-time-code",
		InputMode: "numeric", MaxLength: 7, Hint: "Der Code steht in Ihrer Authentifizierungs-App und wechselt alle 30 Sekunden."}
}

// notices are the confirmations a redirect can ask for with ?hinweis=.
var notices = map[string]string{
	"abgemeldet":         "Sie sind abgemeldet.",
	"passwort-neu":       "Ihr neues Passwort gilt. Bitte melden Sie sich damit an.",
	"passwort-geaendert": "Ihr Passwort ist geändert. Alle anderen Sitzungen wurden beendet.",
	"zwei-faktor":        "Die Anmeldung mit zweitem Faktor ist eingerichtet. Ab jetzt fragen wir bei jeder Anmeldung nach dem Code.",
	"sitzung-beendet":    "Die Sitzung wurde beendet.",
	"andere-beendet":     "Alle anderen Sitzungen wurden beendet.",
}

func noticeFrom(r *http.Request) string { return notices[r.URL.Query().Get("hinweis")] }
