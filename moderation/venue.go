package moderation

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
)

// SmallVenueFields are the details of a venue whose change is routine: the
// ways to reach it, its opening hours and its equipment. Everything else —
// name, kind, description, address (and with it the position) and the
// accessibility a learner relies on — is flagged.
var SmallVenueFields = []string{"email", "phone", "website", "opening_hours", "equipment"}

// ReviewVenue decides what happens when a provider's member saves a venue
// (after) over before (nil for a new venue). A venue is public on its own
// page (/lernorte/{id}) as soon as it is saved, whether or not an offer
// uses it, so the review of a provider's first publication does not cover
// it; and the provider itself was approved by a coordinator. So a venue
// always goes live at once, for trusted and new providers alike, and is
// flagged for a look (KindChange with the provider and no offer) when it
// is new or when a field beyond SmallVenueFields changed. Fields names the
// changed fields as "venue.<field>" ("venue.new" for a new venue), so the
// queue tells them from a change of the provider's own details. Status is
// unused.
func ReviewVenue(before, after *catalogue.Venue) Outcome {
	if before == nil {
		return Outcome{Queue: KindChange, Fields: []string{"venue.new"}}
	}
	a, b := venueFields(before), venueFields(after)
	var changed []string
	for k, v := range b {
		if !reflect.DeepEqual(a[k], v) {
			changed = append(changed, k)
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			changed = append(changed, k)
		}
	}
	slices.Sort(changed)
	flag := false
	for i, f := range changed {
		flag = flag || !slices.Contains(SmallVenueFields, f)
		changed[i] = "venue." + f
	}
	if !flag {
		return Outcome{}
	}
	return Outcome{Queue: KindChange, Fields: changed}
}

// IsVenueChange reports whether a KindChange item is about a venue (see
// ReviewVenue) rather than the provider's own details.
func IsVenueChange(it *Item) bool {
	return it.Kind == KindChange && it.OfferID == 0 && len(it.Fields) > 0 && strings.HasPrefix(it.Fields[0], "venue.")
}

func venueFields(v *catalogue.Venue) map[string]any {
	b, _ := json.Marshal(v)
	var m map[string]any
	json.Unmarshal(b, &m)
	for _, k := range []string{"id", "provider_id", "created_at", "updated_at", "provenance", "geo"} {
		delete(m, k)
	}
	return m
}
