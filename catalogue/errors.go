package catalogue

import (
	"errors"

	"github.com/lernnetz/lernnetz/fielderr"
)

// ErrNotFound is returned by stores when a requested record does not exist.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a save would violate a uniqueness rule, for
// example a second offer with the same source id from the same source.
var ErrConflict = errors.New("conflict")

// FieldError is one problem with one field of a record (see package
// fielderr, the one home of field errors).
type FieldError = fielderr.FieldError

// ValidationError carries every field error of a record at once; Entity is
// "offer", "provider" or "venue".
type ValidationError = fielderr.ValidationError

func init() {
	fielderr.Register(messages)
	fielderr.RegisterEntity("offer", "Das Angebot")
	fielderr.RegisterEntity("provider", "Der Anbieter")
	fielderr.RegisterEntity("venue", "Der Ort")
}

// messages holds every validation message, in German and English.
var messages = map[string]fielderr.Text{
	"unknown_code":            {"%q ist kein gültiger Wert für dieses Feld.", "%q is not a valid value for this field."},
	"duplicate":               {"%q ist doppelt angegeben.", "%q is given twice."},
	"invalid_url":             {"Bitte eine vollständige Internetadresse angeben, die mit https:// oder http:// beginnt.", "Please enter a full web address starting with https:// or http://."},
	"out_of_range":            {"Bitte eine Zahl von %v bis %v angeben.", "Please enter a number from %v to %v."},
	"negative":                {"Der Wert darf nicht negativ sein.", "The value must not be negative."},
	"end_before_start":        {"Das Ende liegt vor dem Beginn.", "The end is before the start."},
	"deadline_after_start":    {"Der Anmeldeschluss liegt nach dem Beginn.", "The registration deadline is after the start."},
	"min_above_max":           {"Die Mindestzahl ist größer als die Höchstzahl.", "The minimum is larger than the maximum."},
	"start_required":          {"Ein Termin mit festem Datum braucht einen Beginn.", "A date with a fixed start needs a start."},
	"date_required":           {"Ein veröffentlichtes Angebot braucht mindestens einen Termin.", "A published offer needs at least one date."},
	"invalid_format":          {"Bitte im Format %s angeben.", "Please use the format %s."},
	"invalid_postal_code":     {"Eine deutsche Postleitzahl hat fünf Ziffern.", "A German postal code has five digits."},
	"unknown_postal_code":     {"Diese Postleitzahl ist uns nicht bekannt. Bitte prüfen Sie sie.", "We do not know this postal code. Please check it."},
	"invalid_skill_uri":       {"Bitte eine ESCO-Kompetenz-URI angeben (http://data.europa.eu/esco/skill/…).", "Please give an ESCO skill URI (http://data.europa.eu/esco/skill/…)."},
	"valid_until_before_from": {"„Gültig bis“ liegt vor „gültig ab“.", "\"Valid until\" is before \"valid from\"."},
	"unknown_provider":        {"Diesen Anbieter gibt es nicht (mehr).", "This provider does not exist (any more)."},
	"unknown_venue":           {"Diesen Veranstaltungsort gibt es nicht (mehr).", "This venue does not exist (any more)."},
	"unknown_date":            {"Dieser Termin gehört nicht zu diesem Angebot.", "This date does not belong to this offer."},
	"unknown_offer":           {"Dieses Angebot gibt es nicht (mehr).", "This offer does not exist (any more)."},
	"closes_before_opens":     {"Die Schließzeit liegt vor der Öffnungszeit.", "The closing time is before the opening time."},
}
