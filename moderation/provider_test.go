package moderation_test

import (
	"slices"
	"testing"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/moderation"
)

func TestReviewProvider(t *testing.T) {
	before := &catalogue.Provider{ID: 1, Name: "VHS Merzig", Kind: "adult_education_centre", Email: "info@vhs.example",
		Address: catalogue.Address{City: "Merzig", PostalCode: "66663"}}
	contact := *before
	contact.Email, contact.Website = "kurse@vhs.example", "https://vhs.example"
	if out := moderation.ReviewProvider(before, &contact); out.Queue != "" {
		t.Errorf("a new e-mail address and website are flagged: %+v", out)
	}
	moved := contact
	moved.Address.Street, moved.Name = "Hochwaldstraße 1", "VHS Merzig-Wadern"
	out := moderation.ReviewProvider(before, &moved)
	if out.Queue != moderation.KindChange || !slices.Equal(out.Fields, []string{"address", "email", "name", "website"}) {
		t.Errorf("name and address changed: %+v", out)
	}
	if out := moderation.ReviewProvider(before, before); out.Queue != "" || len(out.Fields) != 0 {
		t.Errorf("no change: %+v", out)
	}
}
