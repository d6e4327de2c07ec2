package moderation_test

import (
	"slices"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/moderation"
)

func offer(status string) *catalogue.Offer {
	start := time.Date(2031, 3, 2, 18, 0, 0, 0, catalogue.Berlin)
	return &catalogue.Offer{ID: 5, ProviderID: 1, Title: "Englisch A1", Status: status,
		Price: &catalogue.Price{AmountCents: 9000, Currency: "EUR"},
		Dates: []catalogue.Date{{ID: 9, StartKind: catalogue.StartFixed, Start: &start}}}
}

func TestReview(t *testing.T) {
	// An untrusted provider's first publication waits for a coordinator.
	out := moderation.Review(nil, offer(catalogue.StatusPublished), false)
	if out.Status != catalogue.StatusReview || out.Queue != moderation.KindPublication {
		t.Errorf("first publication: %+v", out)
	}
	out = moderation.Review(offer(catalogue.StatusDraft), offer(catalogue.StatusPublished), false)
	if out.Status != catalogue.StatusReview {
		t.Errorf("draft published by an untrusted provider: %+v", out)
	}
	// Drafts need no review.
	if out := moderation.Review(nil, offer(catalogue.StatusDraft), false); out.Queue != "" || out.Status != catalogue.StatusDraft {
		t.Errorf("draft: %+v", out)
	}
	// A trusted provider's small change goes live and is flagged.
	before, after := offer(catalogue.StatusPublished), offer(catalogue.StatusPublished)
	later := after.Dates[0].Start.Add(7 * 24 * time.Hour)
	after.Dates[0].Start = &later
	after.Dates[0].ID = 0 // a form may bring the date back without its id
	after.Price = &catalogue.Price{AmountCents: 9900, Currency: "EUR"}
	out = moderation.Review(before, after, true)
	if out.Status != catalogue.StatusPublished || out.Queue != moderation.KindChange || !slices.Equal(out.Fields, []string{"dates", "price"}) {
		t.Errorf("small change: %+v", out)
	}
	if !moderation.Small(out.Fields) {
		t.Errorf("dates and price are not small: %v", out.Fields)
	}
	after.Title = "Englisch A1 kompakt"
	out = moderation.Review(before, after, true)
	if !slices.Contains(out.Fields, "title") || moderation.Small(out.Fields) {
		t.Errorf("title change: %+v", out)
	}
	// Saving without a change flags nothing.
	if out := moderation.Review(before, offer(catalogue.StatusPublished), true); out.Queue != "" {
		t.Errorf("unchanged save flagged: %+v", out)
	}
}
