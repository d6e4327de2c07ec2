package record_test

import (
	"testing"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
	"github.com/lernnetz/lernnetz/geo"
)

// Locate cleans the postal code and positions a German address from the
// gazetteer; foreign, malformed and unknown codes get no position.
func TestLocate(t *testing.T) {
	a := catalogue.Address{PostalCode: "D- 66663", City: "Merzig"}
	g := record.Locate(geo.Default(), &a)
	if g == nil || g.Lat < 49.3 || g.Lat > 49.6 || g.Lon < 6.4 || g.Lon > 6.8 || a.PostalCode != "66663" || a.State == "" {
		t.Errorf("Merzig: %+v %+v", g, a)
	}
	kept := catalogue.Address{PostalCode: "66663", State: "Saarland"}
	if record.Locate(geo.Default(), &kept) == nil || kept.State != "Saarland" {
		t.Errorf("a given state was replaced: %+v", kept)
	}
	for _, a := range []catalogue.Address{{PostalCode: "00000"}, {PostalCode: "6666"}, {PostalCode: "66663", Country: "FR"}, {}} {
		before := a
		if g := record.Locate(geo.Default(), &a); g != nil {
			t.Errorf("%+v got a position: %+v", before, g)
		}
	}
}
