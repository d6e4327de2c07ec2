package record_test

import (
	"testing"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// The same place written with other case and spacing is one venue; another
// street is another venue.
func TestVenueKeyFoldsCaseAndSpace(t *testing.T) {
	a := catalogue.Address{Street: "Hohenzollernstraße 60", PostalCode: "66117", City: "Saarbrücken"}
	b := catalogue.Address{Street: "  hohenzollernstraße   60 ", PostalCode: "66117", City: "SAARBRÜCKEN"}
	if ka, kb := record.VenueKey("VHS Saarbrücken", a), record.VenueKey("vhs  saarbrücken", b); ka != kb {
		t.Errorf("same place, two keys: %q and %q", ka, kb)
	}
	c := a
	c.Street = "Am Kieselhumes 1"
	if record.VenueKey("VHS Saarbrücken", a) == record.VenueKey("VHS Saarbrücken", c) {
		t.Error("two streets, one key")
	}
}

// A venue without a name is named by its street and city, else its postal
// code; an address without any of them makes no venue.
func TestVenueName(t *testing.T) {
	for _, tc := range []struct {
		name string
		a    catalogue.Address
		want string
	}{
		{"Raum 1", catalogue.Address{City: "Saarlouis"}, "Raum 1"},
		{"", catalogue.Address{Street: "Kaiserstraße 1", City: "Saarlouis"}, "Kaiserstraße 1, Saarlouis"},
		{"", catalogue.Address{City: "Saarlouis"}, "Saarlouis"},
		{"", catalogue.Address{PostalCode: "66740"}, "66740"},
		{"", catalogue.Address{}, ""},
	} {
		if got := record.VenueName(tc.name, tc.a); got != tc.want {
			t.Errorf("VenueName(%q, %+v) = %q, want %q", tc.name, tc.a, got, tc.want)
		}
	}
}
