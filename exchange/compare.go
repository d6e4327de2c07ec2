package exchange

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

// The comparisons tell whether a mapped record says anything the stored one
// does not, ignoring what the store assigns (ids, timestamps) and when the
// record was imported. Both sides are prepared records, so they compare as
// their JSON encodings.

func sameProvider(mapped, stored *catalogue.Provider) bool {
	a, b := *mapped, *stored
	for _, p := range []*catalogue.Provider{&a, &b} {
		p.ID, p.CreatedAt, p.UpdatedAt = 0, time.Time{}, time.Time{}
		p.Provenance.ImportedAt, p.Provenance.LastConfirmedAt = nil, nil
	}
	return sameJSON(&a, &b)
}

func sameVenue(mapped, stored *catalogue.Venue) bool {
	a, b := *mapped, *stored
	for _, v := range []*catalogue.Venue{&a, &b} {
		v.ID, v.CreatedAt, v.UpdatedAt = 0, time.Time{}, time.Time{}
		v.Provenance.ImportedAt, v.Provenance.LastConfirmedAt = nil, nil
	}
	return sameJSON(&a, &b)
}

func sameOffer(mapped, stored *catalogue.Offer) bool {
	a, b := *mapped, *stored
	for _, o := range []*catalogue.Offer{&a, &b} {
		o.ID, o.Provider, o.CreatedAt, o.UpdatedAt = 0, nil, time.Time{}, time.Time{}
		o.Provenance.ImportedAt, o.Provenance.LastConfirmedAt = nil, nil
		dates := make([]catalogue.Date, len(o.Dates))
		for i, d := range o.Dates {
			d.ID, d.OfferID, d.OfferTitle, d.Venue = 0, 0, "", nil
			dates[i] = d
		}
		o.Dates = dates
	}
	return sameJSON(&a, &b)
}

func sameJSON(a, b any) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}
