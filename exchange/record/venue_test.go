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

// A place becomes a classroom venue keyed by the file's own id, else by
// its name and address; a place without name and address is no venue.
func TestPlaceVenue(t *testing.T) {
	a := catalogue.Address{Street: "Kaiserstraße 1", PostalCode: "66740", City: "Saarlouis"}
	v := (&record.Place{Address: a, StepFree: true}).Venue()
	if v == nil || v.Name != "Kaiserstraße 1, Saarlouis" || v.Kind != "classroom" ||
		v.Provenance.SourceID != record.VenueKey(v.Name, a) || len(v.Accessibility) != 1 || v.Accessibility[0] != "step_free" {
		t.Fatalf("venue %+v", v)
	}
	if v := (&record.Place{Name: "Raum 1", Address: a, SourceID: "ort-7"}).Venue(); v.Provenance.SourceID != "ort-7" || v.Accessibility != nil {
		t.Errorf("venue with its own id: %+v", v)
	}
	if v := (&record.Place{Phone: "0681 1"}).Venue(); v != nil {
		t.Errorf("a place without name or address made venue %+v", v)
	}
}
