package record

import (
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
)

// VenueName is the name of a venue read from a file: its own name, else
// "street, city", else its postal code; "" when the address names no place
// (online courses write an empty one), so that no venue is made.
func VenueName(name string, a catalogue.Address) string {
	if name == "" {
		name = strings.TrimSpace(strings.Trim(a.Street+", "+a.City, ", "))
	}
	if name == "" {
		name = a.PostalCode
	}
	return name
}

// VenueKey is the source id of a venue whose file gives it none: its name
// and address, folded (case and spacing do not count), so that the same
// place in many offers and files is one venue of its provider, whichever
// format it came in.
func VenueKey(name string, a catalogue.Address) string {
	fold := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	return "addr:" + fold(a.PostalCode) + "|" + fold(a.City) + "|" + fold(a.Street) + "|" + fold(name)
}
