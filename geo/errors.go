package geo

import "fmt"

// UnknownPlaceError is returned by Resolve when the input is neither a known
// postal code nor a known place name.
type UnknownPlaceError struct {
	Input      string // what was given, trimmed
	PostalCode bool   // the input looked like a postal code (only digits)
}

// Error returns the German message shown to learners, e.g.
// "Die Postleitzahl 99999 ist unbekannt." or "Den Ort „Xyz“ kennen wir nicht."
func (e *UnknownPlaceError) Error() string { return e.Message("de") }

// Message returns the error's text in lang ("de" or "en"), German by default.
func (e *UnknownPlaceError) Message(lang string) string {
	en := lang == "en"
	switch {
	case e.Input == "" && en:
		return "Please enter a place or a postal code."
	case e.Input == "":
		return "Bitte einen Ort oder eine Postleitzahl angeben."
	case e.PostalCode && en:
		return fmt.Sprintf("The postal code %s is unknown.", e.Input)
	case e.PostalCode:
		return fmt.Sprintf("Die Postleitzahl %s ist unbekannt.", e.Input)
	case en:
		return fmt.Sprintf("We do not know the place “%s”.", e.Input)
	default:
		return fmt.Sprintf("Den Ort „%s“ kennen wir nicht.", e.Input)
	}
}
