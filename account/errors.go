package account

import (
	"errors"

	"github.com/lernnetz/lernnetz/fielderr"
)

// ErrNotFound is returned by stores when a requested record does not exist,
// and for tokens that are unknown, used or expired.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a save would violate a uniqueness rule, such
// as a second account with the same e-mail address.
var ErrConflict = errors.New("conflict")

// FieldError is one problem with one field of a form (see package
// fielderr, the one home of field errors).
type FieldError = fielderr.FieldError

// ValidationError carries every field error of a form at once.
type ValidationError = fielderr.ValidationError

func init() { fielderr.Register(messages) }

// checker collects field errors.
type checker struct{ fielderr.Checker }

func (c *checker) add(field, code string, params ...any) { c.Add(field, code, params...) }

func (c *checker) err() error { return c.Err() }

// messages holds every message of the package, in German and English.
var messages = map[string]fielderr.Text{
	"unknown_scope":       {"%q ist keine bekannte Berechtigung (read oder write).", "%q is not a known scope (read or write)."},
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
