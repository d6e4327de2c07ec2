package exchange

import (
	"errors"
	"fmt"
	"slices"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// provider inserts or updates a provider, keyed by source and CSS_ID, or
// leaves it alone when nothing changed.
func (rn *run) provider(tx catalogue.Store, rec *record.Record, t *tally) error {
	if len(rec.Problems) > 0 {
		rn.badProviders[rec.SourceID] = true
		rn.reject(rec, t, rec.Problems, nil)
		return nil
	}
	if id := rn.opts.ProviderID; id != 0 {
		if rn.bound == "" || rn.bound == rec.SourceID {
			rn.bound = rec.SourceID
			rn.providers[rec.SourceID] = id
			t.providersUnchanged++
			return nil
		}
		path, line := rec.Locate("")
		rn.badProviders[rec.SourceID] = true
		rn.reject(rec, t, []record.Problem{{Line: line, Path: path, Message: fmt.Sprintf(
			"Der Anbieter %s ist ein anderer als der, für den diese Datei hochgeladen wird (%s); eine Datei darf nur die eigenen Angebote enthalten.",
			rec.SourceID, rn.bound)}}, nil)
		return nil
	}
	p := rec.Provider
	p.Provenance.Source = rn.source
	stored, err := tx.ProviderBySource(rn.ctx, rn.source, rec.SourceID)
	if err != nil && !errors.Is(err, catalogue.ErrNotFound) {
		return err
	}
	if stored != nil {
		p.ID, p.CreatedAt = stored.ID, stored.CreatedAt
	}
	if err := catalogue.PrepareProvider(p, rn.now); err != nil {
		return rn.rejectInvalid(rec, t, err)
	}
	if stored != nil && sameProvider(p, stored) {
		t.providersUnchanged++
		rn.providers[rec.SourceID] = stored.ID
		return nil
	}
	rn.stamp(&p.Provenance)
	if err := tx.SaveProvider(rn.ctx, p); err != nil {
		return rn.rejectInvalid(rec, t, err)
	}
	if stored == nil {
		t.providersInserted++
	} else {
		t.providersUpdated++
	}
	rn.providers[rec.SourceID] = p.ID
	delete(rn.badProviders, rec.SourceID)
	return nil
}

// providerID finds the provider a course names: one of this file or of an
// earlier import of the same source.
func (rn *run) providerID(tx catalogue.Store, sourceID string) (int64, string, error) {
	if id, ok := rn.providers[sourceID]; ok {
		return id, "", nil
	}
	if sourceID == "" {
		return 0, "", nil
	}
	if rn.opts.ProviderID != 0 {
		if rn.bound == "" {
			// No supplier record before the first course: it stands for the bound provider.
			rn.bound, rn.providers[sourceID] = sourceID, rn.opts.ProviderID
			return rn.opts.ProviderID, "", nil
		}
		return 0, fmt.Sprintf("Der Kurs gehört zum Anbieter %s, nicht zu dem, für den diese Datei hochgeladen wird (%s).", sourceID, rn.bound), nil
	}
	p, err := tx.ProviderBySource(rn.ctx, rn.source, sourceID)
	switch {
	case err == nil:
		rn.providers[sourceID] = p.ID
		return p.ID, "", nil
	case !errors.Is(err, catalogue.ErrNotFound):
		return 0, "", err
	case rn.badProviders[sourceID]:
		return 0, fmt.Sprintf("Der Anbieter %s wurde abgelehnt (siehe dort); seine Kurse können nicht importiert werden.", sourceID), nil
	default:
		return 0, fmt.Sprintf("Den Anbieter %s gibt es weder in dieser Datei noch aus einem früheren Import der Quelle %s.", sourceID, rn.source), nil
	}
}

// offer inserts or updates an offer, keyed by source, provider and CS_ID,
// with its venues, or leaves it alone when nothing changed.
func (rn *run) offer(tx catalogue.Store, rec *record.Record, t *tally) error {
	pid, why, err := rn.providerID(tx, rec.ProviderSourceID)
	if err != nil {
		return err
	}
	key := offerKey{pid, rec.SourceID}
	ref, known := rn.offers[key]
	if known {
		ref.seen = true // in the file, even if rejected: its stored version stays
		rn.offers[key] = ref
	}
	o := rec.Offer
	o.ProviderID, o.Provenance.Source = max(pid, 1), rn.source
	if len(rec.Problems) > 0 {
		// Report everything at once: the problems of the file and what
		// validation finds besides.
		rn.reject(rec, t, rec.Problems, catalogue.PrepareOffer(o, rn.now))
		return nil
	}
	if pid == 0 {
		path, line := rec.Locate("provider_id")
		rn.reject(rec, t, []record.Problem{{Line: line, Path: path, Message: why}}, nil)
		return nil
	}

	var stored *catalogue.Offer
	if known {
		stored, err = tx.Offer(rn.ctx, ref.id)
		if errors.Is(err, catalogue.ErrNotFound) {
			rn.forget(key)
			stored, err = nil, nil
		}
		if err != nil {
			return err
		}
	}
	if stored != nil {
		o.ID, o.CreatedAt = stored.ID, stored.CreatedAt
		keepLocalFields(o, stored)
		matchDates(o, stored)
	}
	// Validate the offer and its venues before anything is written.
	if err := catalogue.PrepareOffer(o, rn.now); err != nil {
		return rn.rejectInvalid(rec, t, err)
	}
	for i, v := range rec.Venues {
		if v == nil {
			continue
		}
		v.ProviderID, v.Provenance.Source = pid, rn.source
		if err := catalogue.PrepareVenue(v); err != nil {
			return rn.rejectInvalidAt(rec, t, err, fmt.Sprintf("dates[%d].venue", i))
		}
	}
	for i, v := range rec.Venues {
		if v == nil || i >= len(o.Dates) {
			continue
		}
		id, err := rn.venue(tx, v, t)
		if err != nil {
			return rn.rejectInvalidAt(rec, t, err, fmt.Sprintf("dates[%d].venue", i))
		}
		o.Dates[i].VenueID = id
	}
	dup, err := rn.dups.find(rn.ctx, tx, o)
	if err != nil {
		return err
	}
	o.DuplicateOf = dup
	if o.DuplicateOf != 0 {
		t.duplicates++
	}
	if stored != nil {
		if err := catalogue.PrepareOffer(o, rn.now); err != nil { // again: venues count for completeness
			return rn.rejectInvalid(rec, t, err)
		}
		if sameOffer(o, stored) {
			t.unchanged++
			rn.dups.put(o)
			return nil
		}
	}
	rn.stamp(&o.Provenance)
	if err := tx.SaveOffer(rn.ctx, o); err != nil {
		if o.DuplicateOf != 0 {
			t.duplicates--
		}
		return rn.rejectInvalid(rec, t, err)
	}
	if stored == nil {
		t.inserted++
	} else {
		t.updated++
	}
	rn.remember(key, offerRef{id: o.ID, withdrawn: o.Status == catalogue.StatusWithdrawn, seen: true})
	rn.dups.put(o)
	return nil
}

// keepLocalFields carries over what lernnetz's editors add and DEfTIS
// cannot carry (topics, ESCO skills, DQR level), so an import does not
// erase it.
func keepLocalFields(o, stored *catalogue.Offer) {
	if len(o.Topics) == 0 {
		o.Topics = stored.Topics
	}
	if len(o.Skills) == 0 {
		o.Skills = stored.Skills
	}
	if o.DQRLevel == 0 {
		o.DQRLevel = stored.DQRLevel
	}
}

// matchDates gives the offer's dates the ids of the stored dates they
// continue – by S_ID, else in order among the dates without one – so that
// an update keeps date ids stable.
func matchDates(o, stored *catalogue.Offer) {
	used := map[int64]bool{}
	var unnamed []int64
	bySource := map[string]int64{}
	for _, d := range stored.Dates {
		if d.SourceID == "" {
			unnamed = append(unnamed, d.ID)
		} else if _, dup := bySource[d.SourceID]; !dup {
			bySource[d.SourceID] = d.ID
		}
	}
	for i := range o.Dates {
		d := &o.Dates[i]
		if d.SourceID != "" {
			if id, ok := bySource[d.SourceID]; ok && !used[id] {
				d.ID, used[id] = id, true
			}
			continue
		}
		if len(unnamed) > 0 {
			d.ID, used[unnamed[0]] = unnamed[0], true
			unnamed = unnamed[1:]
		}
	}
}

// venue finds or saves the venue of a date, keyed by source, provider and
// the key of its address. Within one import the first version of a venue
// wins.
func (rn *run) venue(tx catalogue.Store, v *catalogue.Venue, t *tally) (int64, error) {
	key := venueKey{v.ProviderID, v.Provenance.SourceID}
	if id, ok := rn.venues[key]; ok {
		return id, nil
	}
	stored, err := tx.VenueBySource(rn.ctx, rn.source, v.ProviderID, key.id)
	if err != nil && !errors.Is(err, catalogue.ErrNotFound) {
		return 0, err
	}
	if stored != nil {
		v.ID, v.CreatedAt = stored.ID, stored.CreatedAt
		if sameVenue(v, stored) {
			rn.venues[key] = stored.ID
			return stored.ID, nil
		}
	}
	rn.stamp(&v.Provenance)
	if err := tx.SaveVenue(rn.ctx, v); err != nil {
		return 0, err
	}
	if stored == nil {
		t.venuesInserted++
	} else {
		t.venuesUpdated++
	}
	rn.venues[key] = v.ID
	return v.ID, nil
}

// delete deletes the offers of the source with the id of a deletion (a
// CS_ID of DELETECOURSES): of the provider the record names, or, when it
// names none, of whichever provider (DEfTIS ids are unique per data
// supplier).
func (rn *run) delete(tx catalogue.Store, rec *record.Record, t *tally) error {
	if len(rec.Problems) > 0 {
		rn.reject(rec, t, rec.Problems, nil)
		return nil
	}
	keys := append([]offerKey(nil), rn.withSourceID(rec.SourceID)...)
	if rec.ProviderSourceID != "" { // the format names the provider: only its offer
		pid, _, err := rn.providerID(tx, rec.ProviderSourceID)
		if err != nil {
			return err
		}
		keys = slices.DeleteFunc(keys, func(k offerKey) bool { return k.provider != pid })
	}
	if len(keys) == 0 {
		t.deleteNotFound++
		return nil
	}
	for _, k := range keys {
		id := rn.offers[k].id
		err := tx.DeleteOffer(rn.ctx, id)
		if err != nil && !errors.Is(err, catalogue.ErrNotFound) {
			return err
		}
		if err == nil {
			t.deleted++
		}
		rn.dups.remove(k.provider, id)
		rn.forget(k)
	}
	return nil
}

// stamp records when an import changed a record and when its source last
// vouched for it.
func (rn *run) stamp(p *catalogue.Provenance) {
	imported, confirmed := rn.now, rn.confirmed
	p.ImportedAt, p.LastConfirmedAt = &imported, &confirmed
}

// rejectInvalid rejects rec for a validation error, or passes any other
// error on (a database failure ends the batch).
func (rn *run) rejectInvalid(rec *record.Record, t *tally, err error) error {
	var ve *catalogue.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	rn.reject(rec, t, nil, ve)
	return nil
}

// rejectInvalidAt is rejectInvalid for an error of a part of the record
// (a date's venue), whose fields are prefixed with field.
func (rn *run) rejectInvalidAt(rec *record.Record, t *tally, err error, field string) error {
	var ve *catalogue.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	moved := &catalogue.ValidationError{Entity: ve.Entity}
	for _, fe := range ve.Errors {
		fe.Field = field + "." + fe.Field
		moved.Errors = append(moved.Errors, fe)
	}
	rn.reject(rec, t, nil, moved)
	return nil
}

// reject records why rec is not imported: the problems the reader found
// and the errors of validation, each located in the file. A validation
// error at the place of a problem says the same and is left out.
func (rn *run) reject(rec *record.Record, t *tally, problems []record.Problem, err error) {
	t.rejectedRecords++
	at := map[string]bool{}
	for _, p := range problems {
		at[p.Path] = true
		t.rejected = append(t.rejected, Rejection{File: rn.opts.FileName, Line: p.Line, Path: p.Path, SourceID: rec.SourceID, Message: p.Message})
	}
	var ve *catalogue.ValidationError
	if !errors.As(err, &ve) {
		return
	}
	for _, fe := range ve.Errors {
		if fe.Field == "provider_id" && len(problems) > 0 {
			continue // the provider was only a stand-in
		}
		path, line := rec.Locate(fe.Field)
		if at[path] {
			continue
		}
		t.rejected = append(t.rejected, Rejection{File: rn.opts.FileName, Line: line, Path: path, SourceID: rec.SourceID,
			Message: fmt.Sprintf("%s (Feld %s)", fe.Message("de"), fe.Field)})
	}
}
