package moderation_test

import (
	"slices"
	"testing"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/moderation"
)

func TestReviewVenue(t *testing.T) {
	before := &catalogue.Venue{ID: 3, ProviderID: 1, Name: "Lernwerkstatt", Kind: "self_learning_centre",
		Address: catalogue.Address{Street: "Bahnhofstraße 27", City: "Merzig", PostalCode: "66663"}, Accessibility: []string{"step_free"}}
	out := moderation.ReviewVenue(nil, before)
	if out.Queue != moderation.KindChange || !slices.Equal(out.Fields, []string{"venue.new"}) {
		t.Errorf("a new venue: %+v", out)
	}
	if !moderation.IsVenueChange(&moderation.Item{Kind: out.Queue, ProviderID: 1, Fields: out.Fields}) {
		t.Error("a new venue's item is not a venue change")
	}
	if moderation.IsVenueChange(&moderation.Item{Kind: moderation.KindChange, ProviderID: 1, Fields: []string{"name"}}) {
		t.Error("a provider's change is taken for a venue change")
	}
	routine := *before
	routine.Phone, routine.Equipment = "06861 1", []string{"Drucker"}
	routine.OpeningHours = []catalogue.OpeningHours{{Day: "mo", Opens: "09:00", Closes: "17:00"}}
	routine.Geo = &catalogue.Geo{Lat: 49.4, Lon: 6.6}
	if out := moderation.ReviewVenue(before, &routine); out.Queue != "" {
		t.Errorf("phone, equipment and opening hours are flagged: %+v", out)
	}
	moved := routine
	moved.Address.Street, moved.Accessibility = "Schankstraße 1", nil
	out = moderation.ReviewVenue(before, &moved)
	if out.Queue != moderation.KindChange ||
		!slices.Equal(out.Fields, []string{"venue.accessibility", "venue.address", "venue.equipment", "venue.opening_hours", "venue.phone"}) {
		t.Errorf("address and accessibility changed: %+v", out)
	}
	if out := moderation.ReviewVenue(before, before); out.Queue != "" || len(out.Fields) != 0 {
		t.Errorf("no change: %+v", out)
	}
}
