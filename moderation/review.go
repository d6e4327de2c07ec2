package moderation

import (
	"encoding/json"
	"reflect"
	"slices"

	"github.com/lernnetz/lernnetz/catalogue"
)

// Outcome is what moderation makes of an editor's save.
type Outcome struct {
	// Status is the status the offer is saved with: a wish to publish
	// becomes StatusReview when it must wait for a coordinator.
	Status string
	// Queue is the kind of item to add to the queue; "" for none.
	Queue Kind
	// Fields are the changed fields for a KindChange item.
	Fields []string
}

// Review decides what happens when an editor saves after over before (nil
// for a new offer). trusted says whether the provider has a public offer
// already, i.e. its first publication was approved (or it came from an
// import before moderation): a provider without one has every publication
// reviewed first; a trusted provider's publications and changes go live at
// once and are flagged for review.
func Review(before, after *catalogue.Offer, trusted bool) Outcome {
	out := Outcome{Status: after.Status}
	if after.Status != catalogue.StatusPublished {
		return out // drafts and withdrawals need no review
	}
	public := before != nil && (before.Status == catalogue.StatusPublished || before.Status == catalogue.StatusExpired)
	if !trusted && !public {
		out.Status, out.Queue = catalogue.StatusReview, KindPublication
		return out
	}
	if !public {
		out.Queue, out.Fields = KindChange, []string{"status"}
		return out
	}
	if f := Changed(before, after); len(f) > 0 {
		out.Queue, out.Fields = KindChange, f
	}
	return out
}

// SmallFields are the fields whose change is routine (dates, times, places,
// prices): flagged, never held back.
var SmallFields = []string{"dates", "price"}

// Changed lists the top-level fields (by their JSON names) in which after
// differs from before, leaving out what saving derives or stamps.
func Changed(before, after *catalogue.Offer) []string {
	a, b := fieldsOf(before), fieldsOf(after)
	var out []string
	for k, v := range b {
		if !reflect.DeepEqual(a[k], v) {
			out = append(out, k)
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// Small reports whether every field changed is a routine one.
func Small(fields []string) bool {
	for _, f := range fields {
		if !slices.Contains(SmallFields, f) {
			return false
		}
	}
	return true
}

var ignored = []string{"id", "completeness", "created_at", "updated_at", "provenance", "provider", "status"}

func fieldsOf(o *catalogue.Offer) map[string]any {
	c := *o
	// Compare dates by what a learner sees, not by ids or derived fields.
	c.Dates = make([]catalogue.Date, len(o.Dates))
	for i, d := range o.Dates {
		d.ID, d.OfferID, d.OfferTitle, d.Venue, d.DayTime = 0, 0, "", nil, ""
		c.Dates[i] = d
	}
	b, _ := json.Marshal(&c)
	var m map[string]any
	json.Unmarshal(b, &m)
	for _, k := range ignored {
		delete(m, k)
	}
	return m
}
