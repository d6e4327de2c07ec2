package account

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNotFound is returned by stores when a requested record does not exist,
// and for tokens that are unknown, used or expired.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a save would violate a uniqueness rule, such
// as a second account with the same e-mail address.
var ErrConflict = errors.New("conflict")

// FieldError is one problem with one field of a form. Code is a stable
// machine-readable code; Params fill the message's placeholders.
type FieldError struct {
	Field  string `json:"field"`
	Code   string `json:"code"`
	Params []any  `json:"-"`
}

// Message returns the error's text in lang ("de" or "en"), German by default.
func (e FieldError) Message(lang string) string {
	m, ok := messages[e.Code]
	if !ok {
		return e.Code
	}
	tpl := m.de
	if lang == "en" {
		tpl = m.en
	}
	if len(e.Params) == 0 {
		return tpl
	}
	return fmt.Sprintf(tpl, e.Params...)
}

// ValidationError carries every field error of a form at once.
type ValidationError struct {
	Errors []FieldError
}

// Error lists the field errors in German.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("Die Angaben sind unvollständig oder fehlerhaft: ")
	for i, fe := range e.Errors {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(fe.Field)
		b.WriteString(": ")
		b.WriteString(fe.Message("de"))
	}
	return b.String()
}

// Has reports whether the error names field with code.
func (e *ValidationError) Has(field, code string) bool {
	for _, fe := range e.Errors {
		if fe.Field == field && fe.Code == code {
			return true
		}
	}
	return false
}

// For returns the first error of field, or nil.
func (e *ValidationError) For(field string) *FieldError {
	if e == nil {
		return nil
	}
	for i := range e.Errors {
		if e.Errors[i].Field == field {
			return &e.Errors[i]
		}
	}
	return nil
}

// checker collects field errors.
type checker struct{ errs []FieldError }

func (c *checker) add(field, code string, params ...any) {
	c.errs = append(c.errs, FieldError{Field: field, Code: code, Params: params})
}

func (c *checker) err() error {
	if len(c.errs) == 0 {
		return nil
	}
	return &ValidationError{Errors: c.errs}
}

// messages holds every message of the package, in German and English.
var messages = map[string]struct{ de, en string }{
	"required":            {"Bitte ausfüllen.", "Please fill in."},
	"too_long":            {"Bitte höchstens %d Zeichen eingeben.", "Please enter at most %d characters."},
	"invalid_email":       {"Bitte eine gültige E-Mail-Adresse angeben, z. B. name@beispiel.de.", "Please enter a valid e-mail address, e.g. name@example.org."},
	"password_short":      {"Das Passwort muss mindestens %d Zeichen lang sein.", "The password must have at least %d characters."},
	"password_long":       {"Das Passwort darf höchstens %d Zeichen lang sein.", "The password must have at most %d characters."},
	"password_common":     {"Dieses Passwort ist weit verbreitet und wird bei Angriffen zuerst ausprobiert. Bitte wählen Sie ein anderes, zum Beispiel einen Satz aus mehreren Wörtern.", "This password is common and among the first that attackers try. Please choose another, for example a sentence of several words."},
	"password_is_email":   {"Das Passwort darf nicht Ihre E-Mail-Adresse sein.", "The password must not be your e-mail address."},
	"password_wrong":      {"Das Passwort stimmt nicht.", "The password is not correct."},
	"code_invalid":        {"Der Code stimmt nicht. Bitte geben Sie den aktuellen sechsstelligen Code aus Ihrer App ein.", "The code is not correct. Please enter the current six-digit code from your app."},
	"code_used":           {"Dieser Code wurde schon verwendet. Bitte warten Sie auf den nächsten Code.", "This code has already been used. Please wait for the next code."},
	"unknown_role":        {"%q ist keine bekannte Rolle.", "%q is not a known role."},
	"unknown_member_role": {"%q ist keine Rolle in einer Organisation (editor oder admin).", "%q is not a role in an organisation (editor or admin)."},
}
