package record

import (
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/geo"
)

// Gazetteer finds the coordinates and federal state of a German postal
// code; *geo.Gazetteer is one.
type Gazetteer interface {
	PostalCode(code string) (geo.Place, bool)
}

// Locate is the one place where a German postal address gets its position:
// it cleans the postal code of a "D-"/"DE-" prefix and spaces, and, when
// the gazetteer knows the code, fills an empty federal state and returns
// the coordinates. It returns nil (and leaves a alone) for a foreign
// address or a code that is not five digits, and nil for an unknown code.
// The DEfTIS, open-Qcat and CSV readers and the self-service venue form use it.
func Locate(g Gazetteer, a *catalogue.Address) *catalogue.Geo {
	if a.Country != "" && a.Country != "DE" {
		return nil
	}
	zip := strings.TrimPrefix(strings.TrimPrefix(a.PostalCode, "DE-"), "D-")
	zip = strings.ReplaceAll(zip, " ", "")
	if len(zip) != 5 {
		return nil
	}
	a.PostalCode = zip
	pl, ok := g.PostalCode(zip)
	if !ok {
		return nil
	}
	if a.State == "" {
		a.State = pl.FederalState
	}
	return &catalogue.Geo{Lat: pl.Lat, Lon: pl.Lon}
}
