package record

import "github.com/lernnetz/lernnetz/catalogue"

// Place is an address as a format's reader maps it (DEfTIS ADDRESS,
// open-Qcat LOCATION), before it becomes a venue of the offer's provider.
type Place struct {
	Name        string
	Address     catalogue.Address
	Geo         *catalogue.Geo
	Phone       string
	Email       string
	Website     string
	Description string
	StepFree    bool   // reachable without steps
	SourceID    string // the file's own key of the place; "" for VenueKey
}

// Venue makes the place a venue (a training place, Schulungsort), named by
// VenueName and, without a source id of its own, keyed by VenueKey, so that
// the same place in many offers and files is one venue of its provider;
// nil when the place names nothing (online courses write an empty one).
func (p *Place) Venue() *catalogue.Venue {
	name := VenueName(p.Name, p.Address)
	if name == "" {
		return nil
	}
	id := p.SourceID
	if id == "" {
		id = VenueKey(name, p.Address)
	}
	v := &catalogue.Venue{
		Name: name, Kind: "classroom", Description: p.Description, Address: p.Address, Geo: p.Geo,
		Website: p.Website, Email: p.Email, Phone: p.Phone,
		Provenance: catalogue.Provenance{SourceID: id},
	}
	if p.StepFree {
		v.Accessibility = []string{"step_free"}
	}
	return v
}
