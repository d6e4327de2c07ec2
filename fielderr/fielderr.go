// Package fielderr is the one home of field errors: a problem with one field
// of a form or a record, named by a stable code and worded in German and
// English, and ValidationError, which carries every problem of a record at
// once. Domain packages register the texts of their codes at start-up and
// alias the types (catalogue.FieldError, account.FieldError are this
// package's FieldError). It imports only the standard library.
package fielderr

import (
	"fmt"
	"strings"
	"sync"
)

// Text is a message: German first, then English; fmt verbs take a
// FieldError's Params.
type Text [2]string

var (
	mu       sync.RWMutex
	texts    = map[string]Text{}
	entities = map[string]string{}
)

func init() {
	Register(map[string]Text{
		"required":      {"Bitte ausfüllen.", "Please fill in."},
		"too_long":      {"Bitte höchstens %d Zeichen eingeben.", "Please enter at most %d characters."},
		"invalid_email": {"Bitte eine gültige E-Mail-Adresse angeben, z. B. name@beispiel.de.", "Please enter a valid e-mail address, e.g. name@example.org."},
	})
}

// Register adds the texts of codes. A code registered twice with different
// texts is a programming error and panics, so that one code means one
// message everywhere.
func Register(codes map[string]Text) {
	mu.Lock()
	defer mu.Unlock()
	for code, t := range codes {
		if old, ok := texts[code]; ok && old != t {
			panic(fmt.Sprintf("fielderr: code %q registered twice with different texts", code))
		}
		texts[code] = t
	}
}

// RegisterEntity names an entity ("offer" → "Das Angebot") for the German
// text of ValidationError.Error.
func RegisterEntity(entity, de string) {
	mu.Lock()
	defer mu.Unlock()
	entities[entity] = de
}

// Lookup returns the registered text of code.
func Lookup(code string) (Text, bool) {
	mu.RLock()
	defer mu.RUnlock()
	t, ok := texts[code]
	return t, ok
}

// FieldError is one problem with one field. Field is a path such as "title"
// or "dates[2].start"; Code is a stable machine-readable code; Params fill the
// message's placeholders.
type FieldError struct {
	Field  string `json:"field"`
	Code   string `json:"code"`
	Params []any  `json:"-"`
}

// Message returns the error's text in lang ("de" or "en"), German by default,
// worded for a person rather than a programmer. An unknown code is returned
// as it is.
func (e FieldError) Message(lang string) string {
	t, ok := Lookup(e.Code)
	if !ok {
		return e.Code
	}
	tpl := t[0]
	if lang == "en" {
		tpl = t[1]
	}
	if len(e.Params) == 0 {
		return tpl
	}
	return fmt.Sprintf(tpl, e.Params...)
}

// ValidationError carries every field error of a record or form at once.
type ValidationError struct {
	Entity string // "offer", "provider" …; "" for a form
	Errors []FieldError
}

// Error lists the field errors in German.
func (e *ValidationError) Error() string {
	mu.RLock()
	label := entities[e.Entity]
	mu.RUnlock()
	var b strings.Builder
	if label == "" {
		b.WriteString("Die Angaben sind unvollständig oder fehlerhaft: ")
	} else {
		fmt.Fprintf(&b, "%s ist unvollständig oder fehlerhaft: ", label)
	}
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
	if e == nil {
		return false
	}
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

// Checker collects field errors; rules add to it and Err yields one
// ValidationError with all of them.
type Checker struct {
	Entity string
	Errors []FieldError
}

// Add notes a problem with field.
func (c *Checker) Add(field, code string, params ...any) {
	c.Errors = append(c.Errors, FieldError{Field: field, Code: code, Params: params})
}

// Err returns a *ValidationError with every problem noted, or nil.
func (c *Checker) Err() error {
	if len(c.Errors) == 0 {
		return nil
	}
	return &ValidationError{Entity: c.Entity, Errors: c.Errors}
}
