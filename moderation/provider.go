package moderation

import (
	"encoding/json"
	"reflect"
	"slices"

	"github.com/lernnetz/lernnetz/catalogue"
)

// SmallProviderFields are the details of a provider whose change is
// routine: the ways to reach it (e-mail address, phone, website). A
// provider's members change them without a queue item; a change of
// anything else (name, kind, description, address) goes live just as
// well — a provider exists only after a coordinator approved it — and is
// flagged for a look (KindChange with the provider and no offer).
var SmallProviderFields = []string{"email", "phone", "website"}

// ReviewProvider decides what happens when a provider's member saves after
// over before: the change goes live, and Queue is KindChange with the
// changed fields unless every changed field is a SmallProviderFields one.
// Status is unused.
func ReviewProvider(before, after *catalogue.Provider) Outcome {
	a, b := providerFields(before), providerFields(after)
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
	for _, f := range changed {
		if !slices.Contains(SmallProviderFields, f) {
			return Outcome{Queue: KindChange, Fields: changed}
		}
	}
	return Outcome{}
}

func providerFields(p *catalogue.Provider) map[string]any {
	b, _ := json.Marshal(p)
	var m map[string]any
	json.Unmarshal(b, &m)
	for _, k := range []string{"id", "created_at", "updated_at", "provenance", "geo"} {
		delete(m, k)
	}
	return m
}
