package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
)

const offerColumns = `id, provider_id, title, subtitle, short_description, description, contents, target_group,
	prerequisites, learning_outcomes, type, delivery_modes, languages, degree, degree_type, exam, teaching_hours,
	price, funding, funding_note, topics, skills, dqr_level, women_specific, childcare, internship, accessibility,
	info_url, registration_url, contacts, status, completeness, extensions, source, source_id, imported_at,
	last_confirmed_at, duplicate_of, created_at, updated_at`

// offerColumnsO is offerColumns qualified with the alias o, for joins.
var offerColumnsO = qualify(offerColumns, "o")

func qualify(columns, alias string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = alias + "." + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// scanOffer scans offerColumns followed by the provider's name.
func scanOffer(row rowScanner) (*catalogue.Offer, error) {
	var o catalogue.Offer
	var modes, langs, funding, topics, skills, contacts, extensions string
	var price sql.NullString
	var importedAt, confirmedAt sql.NullTime
	var duplicateOf sql.NullInt64
	var providerName string
	err := row.Scan(&o.ID, &o.ProviderID, &o.Title, &o.Subtitle, &o.ShortDescription, &o.Description, &o.Contents, &o.TargetGroup,
		&o.Prerequisites, &o.LearningOutcomes, &o.Type, &modes, &langs, &o.Degree, &o.DegreeType, &o.Exam, &o.TeachingHours,
		&price, &funding, &o.FundingNote, &topics, &skills, &o.DQRLevel, &o.WomenSpecific, &o.Childcare, &o.Internship, &o.Accessibility,
		&o.InfoURL, &o.RegistrationURL, &contacts, &o.Status, &o.Completeness, &extensions, &o.Provenance.Source, &o.Provenance.SourceID,
		&importedAt, &confirmedAt, &duplicateOf, &o.CreatedAt, &o.UpdatedAt, &providerName)
	if err != nil {
		return nil, err
	}
	o.Provider = &catalogue.ProviderRef{ID: o.ProviderID, Name: providerName}
	o.Provenance.ImportedAt = fromDBNull(importedAt)
	o.Provenance.LastConfirmedAt = fromDBNull(confirmedAt)
	o.DuplicateOf = duplicateOf.Int64
	o.CreatedAt, o.UpdatedAt = fromDB(o.CreatedAt), fromDB(o.UpdatedAt)
	o.Price, err = decodeNullableJSON[catalogue.Price]("offers.price", price)
	if err := errors.Join(err,
		decodeJSON("offers.delivery_modes", modes, &o.DeliveryModes),
		decodeJSON("offers.languages", langs, &o.Languages),
		decodeJSON("offers.funding", funding, &o.Funding),
		decodeJSON("offers.topics", topics, &o.Topics),
		decodeJSON("offers.skills", skills, &o.Skills),
		decodeJSON("offers.contacts", contacts, &o.Contacts),
		decodeJSON("offers.extensions", extensions, &o.Extensions),
	); err != nil {
		return nil, err
	}
	if len(o.Extensions) == 0 {
		o.Extensions = nil
	}
	o.Dates = []catalogue.Date{}
	return &o, nil
}

const dateColumns = `id, offer_id, start_kind, start_at, end_at, time_patterns, time_description, duration, duration_unit,
	venue_id, seats_min, seats_max, registration_deadline, price, measure_number, contact, source_id, note, day_time`

var dateColumnsD = qualify(dateColumns, "d")

func scanDate(row rowScanner, extra ...any) (*catalogue.Date, error) {
	var d catalogue.Date
	var start, end, deadline sql.NullTime
	var patterns string
	var venueID sql.NullInt64
	var price, contact sql.NullString
	dest := []any{&d.ID, &d.OfferID, &d.StartKind, &start, &end, &patterns, &d.TimeDescription, &d.Duration, &d.DurationUnit,
		&venueID, &d.SeatsMin, &d.SeatsMax, &deadline, &price, &d.MeasureNumber, &contact, &d.SourceID, &d.Note, &d.DayTime}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	d.Start, d.End, d.RegistrationDeadline = fromDBNull(start), fromDBNull(end), fromDBNull(deadline)
	d.VenueID = venueID.Int64
	var errP, errC error
	d.Price, errP = decodeNullableJSON[catalogue.Price]("dates.price", price)
	d.Contact, errC = decodeNullableJSON[catalogue.Contact]("dates.contact", contact)
	if err := errors.Join(errP, errC, decodeJSON("dates.time_patterns", patterns, &d.TimePatterns)); err != nil {
		return nil, err
	}
	return &d, nil
}

func dateArgs(d *catalogue.Date) []any {
	return []any{d.StartKind, dbTimePtr(d.Start), dbTimePtr(d.End), jsonText(d.TimePatterns), d.TimeDescription,
		d.Duration, d.DurationUnit, nullID(d.VenueID), d.SeatsMin, d.SeatsMax, dbTimePtr(d.RegistrationDeadline),
		jsonNullable(d.Price), d.MeasureNumber, jsonNullable(d.Contact), d.SourceID, d.Note, d.DayTime}
}

var (
	insertOffer = `INSERT INTO offers (provider_id, title, subtitle, short_description, description, contents,
	target_group, prerequisites, learning_outcomes, type, delivery_modes, languages, degree, degree_type, exam,
	teaching_hours, price, funding, funding_note, topics, skills, dqr_level, women_specific, childcare, internship,
	accessibility, info_url, registration_url, contacts, status, completeness, extensions, source, source_id,
	imported_at, last_confirmed_at, updated_at, duplicate_of, created_at) VALUES (` + placeholders(1, 39) + `)`
	insertDate = `INSERT INTO dates (start_kind, start_at, end_at, time_patterns, time_description,
	duration, duration_unit, venue_id, seats_min, seats_max, registration_deadline, price, measure_number, contact,
	source_id, note, day_time, offer_id, position) VALUES (` + placeholders(1, 19) + `)`
)

// SaveOffer prepares o, then inserts or updates it together with its dates in
// one transaction. Dates with an ID are updated, dates without one are
// inserted, and the offer's other dates are deleted.
func (s *Store) SaveOffer(ctx context.Context, o *catalogue.Offer) error {
	now := s.stamp()
	if err := catalogue.PrepareOffer(o, now); err != nil {
		return err
	}
	id, created := o.ID, now
	dateIDs := make([]int64, len(o.Dates))
	err := s.inTx(ctx, func(tx *txConn) error {
		if err := s.checkOfferReferences(ctx, tx, o); err != nil {
			return err
		}
		args := []any{o.ProviderID, o.Title, o.Subtitle, o.ShortDescription, o.Description, o.Contents, o.TargetGroup,
			o.Prerequisites, o.LearningOutcomes, o.Type, jsonText(o.DeliveryModes), jsonText(o.Languages), o.Degree, o.DegreeType,
			o.Exam, o.TeachingHours, jsonNullable(o.Price), jsonText(o.Funding), o.FundingNote, jsonText(o.Topics), jsonText(o.Skills),
			o.DQRLevel, o.WomenSpecific, o.Childcare, o.Internship, o.Accessibility, o.InfoURL, o.RegistrationURL,
			jsonText(o.Contacts), o.Status, o.Completeness, jsonText(o.Extensions), o.Provenance.Source, o.Provenance.SourceID,
			dbTimePtr(o.Provenance.ImportedAt), dbTimePtr(o.Provenance.LastConfirmedAt), dbTime(now), nullID(o.DuplicateOf)}
		var err error
		isNew := id == 0
		if isNew {
			id, err = s.insertID(ctx, tx, insertOffer, append(args, dbTime(now))...)
		} else {
			err = tx.QueryRowContext(ctx, s.q(`UPDATE offers SET provider_id=$1, title=$2, subtitle=$3, short_description=$4,
				description=$5, contents=$6, target_group=$7, prerequisites=$8, learning_outcomes=$9, type=$10, delivery_modes=$11,
				languages=$12, degree=$13, degree_type=$14, exam=$15, teaching_hours=$16, price=$17, funding=$18, funding_note=$19,
				topics=$20, skills=$21, dqr_level=$22, women_specific=$23, childcare=$24, internship=$25, accessibility=$26,
				info_url=$27, registration_url=$28, contacts=$29, status=$30, completeness=$31, extensions=$32, source=$33,
				source_id=$34, imported_at=$35, last_confirmed_at=$36, updated_at=$37, duplicate_of=$38 WHERE id=$39 RETURNING created_at`),
				append(args, id)...).Scan(&created)
		}
		if err != nil {
			return err
		}
		for i := range o.Dates {
			d := &o.Dates[i]
			if d.ID == 0 {
				dateIDs[i], err = s.insertID(ctx, tx, insertDate, append(dateArgs(d), id, i)...)
			} else {
				dateIDs[i] = d.ID
				_, err = tx.ExecContext(ctx, s.q(`UPDATE dates SET start_kind=$1, start_at=$2, end_at=$3, time_patterns=$4,
					time_description=$5, duration=$6, duration_unit=$7, venue_id=$8, seats_min=$9, seats_max=$10,
					registration_deadline=$11, price=$12, measure_number=$13, contact=$14, source_id=$15, note=$16, day_time=$17,
					offer_id=$18, position=$19 WHERE id=$20`), append(dateArgs(d), id, i, d.ID)...)
			}
			if err != nil {
				return fmt.Errorf("date %d: %w", i+1, err)
			}
		}
		if isNew { // a new offer has no old dates to remove
			return s.logChange(tx, "offer", id, "save", now)
		}
		del := `DELETE FROM dates WHERE offer_id = $1`
		delArgs := []any{id}
		if len(dateIDs) > 0 {
			del += ` AND id NOT IN (` + placeholders(2, len(dateIDs)) + `)`
			for _, did := range dateIDs {
				delArgs = append(delArgs, did)
			}
		}
		if _, err := tx.ExecContext(ctx, s.q(del), delArgs...); err != nil {
			return fmt.Errorf("remove old dates: %w", err)
		}
		return s.logChange(tx, "offer", id, "save", now)
	})
	var ve *catalogue.ValidationError
	switch {
	case err == nil:
	case errors.As(err, &ve):
		return err
	case errors.Is(err, catalogue.ErrNotFound):
		return fmt.Errorf("storage: save offer %d: %w", id, err)
	case s.isUniqueViolation(err):
		return fmt.Errorf("storage: offer %q from source %q exists already for this provider: %w", o.Provenance.SourceID, o.Provenance.Source, catalogue.ErrConflict)
	default:
		return fmt.Errorf("storage: save offer %q: %w", o.Title, err)
	}
	o.ID, o.CreatedAt, o.UpdatedAt = id, fromDB(created), now
	for i := range o.Dates {
		o.Dates[i].ID, o.Dates[i].OfferID = dateIDs[i], id
	}
	return nil
}

// checkOfferReferences makes sure the provider, venues and date ids an offer
// names exist, and reports every one that does not as a field error.
func (s *Store) checkOfferReferences(ctx context.Context, tx *txConn, o *catalogue.Offer) error {
	ve := &catalogue.ValidationError{Entity: "offer"}
	if ok, err := tx.rowExists(ctx, s.q, "providers", o.ProviderID); err != nil {
		return err
	} else if !ok {
		ve.Errors = append(ve.Errors, catalogue.FieldError{Field: "provider_id", Code: "unknown_provider"})
	}
	if o.ID != 0 {
		if ok, err := exists(ctx, tx, s.q(`SELECT 1 FROM offers WHERE id = $1`), o.ID); err != nil {
			return err
		} else if !ok {
			return catalogue.ErrNotFound
		}
	}
	if o.DuplicateOf != 0 {
		if ok, err := exists(ctx, tx, s.q(`SELECT 1 FROM offers WHERE id = $1`), o.DuplicateOf); err != nil {
			return err
		} else if !ok || o.DuplicateOf == o.ID {
			ve.Errors = append(ve.Errors, catalogue.FieldError{Field: "duplicate_of", Code: "unknown_offer"})
		}
	}
	var own []int64
	if o.ID != 0 {
		rows, err := tx.QueryContext(ctx, s.q(`SELECT id FROM dates WHERE offer_id = $1`), o.ID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			own = append(own, id)
		}
		rows.Close()
	}
	for i, d := range o.Dates {
		if d.ID != 0 && !slices.Contains(own, d.ID) {
			ve.Errors = append(ve.Errors, catalogue.FieldError{Field: fmt.Sprintf("dates[%d].id", i), Code: "unknown_date"})
		}
		if d.VenueID != 0 {
			if ok, err := tx.rowExists(ctx, s.q, "venues", d.VenueID); err != nil {
				return err
			} else if !ok {
				ve.Errors = append(ve.Errors, catalogue.FieldError{Field: fmt.Sprintf("dates[%d].venue_id", i), Code: "unknown_venue"})
			}
		}
	}
	if len(ve.Errors) > 0 {
		return ve
	}
	return nil
}

// Offer returns the offer with id, its dates with their venues and its
// provider's name, or catalogue.ErrNotFound.
func (s *Store) Offer(ctx context.Context, id int64) (*catalogue.Offer, error) {
	o, err := scanOffer(s.reader().QueryRowContext(ctx, s.q(`SELECT `+offerColumnsO+`, p.name FROM offers o
		JOIN providers p ON p.id = o.provider_id WHERE o.id = $1`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("storage: offer %d: %w", id, catalogue.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: read offer %d: %w", id, err)
	}
	if err := s.attachDates(ctx, []*catalogue.Offer{o}); err != nil {
		return nil, err
	}
	return o, nil
}

// Offers lists offers newest first, each with its dates.
func (s *Store) Offers(ctx context.Context, f catalogue.OfferFilter) ([]*catalogue.Offer, int, error) {
	limit, offset := limits(f.Page)
	where := `WHERE ($1 = 0 OR o.provider_id = $1) AND ($2 = '' OR o.status = $2) AND o.id > $3`
	args := []any{f.ProviderID, f.Status, f.AfterID}
	if len(f.IDs) > 1000 {
		return nil, 0, fmt.Errorf("storage: list offers: %d ids asked for, at most 1000 at once", len(f.IDs))
	}
	if len(f.IDs) > 0 {
		where += ` AND o.id IN (` + placeholders(len(args)+1, len(f.IDs)) + `)`
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	if len(f.Statuses) > 0 {
		where += ` AND o.status IN (` + placeholders(len(args)+1, len(f.Statuses)) + `)`
		for _, st := range f.Statuses {
			args = append(args, st)
		}
	}
	if !f.ChangedSince.IsZero() {
		args = append(args, dbTime(f.ChangedSince))
		where += fmt.Sprintf(` AND o.updated_at >= $%d`, len(args))
	}
	total := -1
	if !f.SkipTotal {
		if err := s.reader().QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM offers o `+where), args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("storage: count offers: %w", err)
		}
	}
	order := `o.id DESC`
	switch {
	case f.RecentlyChanged:
		order = `o.updated_at DESC, o.id DESC`
	case !f.ChangedSince.IsZero():
		order = `o.updated_at, o.id`
	case f.Ascending:
		order = `o.id`
	}
	n := len(args)
	rows, err := s.reader().QueryContext(ctx, s.q(`SELECT `+offerColumnsO+`, p.name FROM offers o JOIN providers p ON p.id = o.provider_id `+
		where+` ORDER BY `+order+limitOffset(limit, n+1)), append(args, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("storage: list offers: %w", err)
	}
	var out []*catalogue.Offer
	for rows.Next() {
		o, err := scanOffer(rows)
		if err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("storage: list offers: %w", err)
		}
		out = append(out, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("storage: list offers: %w", err)
	}
	if err := s.attachDates(ctx, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// attachDates reads the dates of offers, in their saved order, with venues.
func (s *Store) attachDates(ctx context.Context, offers []*catalogue.Offer) error {
	if len(offers) == 0 {
		return nil
	}
	byID := make(map[int64]*catalogue.Offer, len(offers))
	args := make([]any, len(offers))
	for i, o := range offers {
		byID[o.ID] = o
		args[i] = o.ID
	}
	rows, err := s.reader().QueryContext(ctx, s.q(`SELECT `+dateColumns+` FROM dates WHERE offer_id IN (`+placeholders(1, len(offers))+`)
		ORDER BY offer_id, position`), args...)
	if err != nil {
		return fmt.Errorf("storage: read dates: %w", err)
	}
	var dates []*catalogue.Date
	for rows.Next() {
		d, err := scanDate(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("storage: read dates: %w", err)
		}
		dates = append(dates, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("storage: read dates: %w", err)
	}
	if err := s.attachVenues(ctx, dates); err != nil {
		return err
	}
	for _, d := range dates {
		o := byID[d.OfferID]
		o.Dates = append(o.Dates, *d)
	}
	return nil
}

// attachVenues fills the Venue of each date that has one.
func (s *Store) attachVenues(ctx context.Context, dates []*catalogue.Date) error {
	var ids []int64
	for _, d := range dates {
		if d.VenueID != 0 && !slices.Contains(ids, d.VenueID) {
			ids = append(ids, d.VenueID)
		}
	}
	venues, err := s.venuesByID(ctx, ids)
	if err != nil {
		return err
	}
	for _, d := range dates {
		if d.VenueID != 0 {
			d.Venue = venues[d.VenueID]
		}
	}
	return nil
}

// Dates lists dates by start (dates without a fixed start last), each with
// its venue and its offer's title.
func (s *Store) Dates(ctx context.Context, f catalogue.DateFilter) ([]*catalogue.Date, int, error) {
	limit, offset := limits(f.Page)
	where := `WHERE ($1 = 0 OR d.offer_id = $1) AND ($2 = '' OR o.status = $2) AND ($3 = 0 OR d.start_at IS NULL OR d.start_at >= $4)`
	var from any = dbTime(s.now())
	useFrom := 0
	if f.From != nil {
		from, useFrom = dbTime(*f.From), 1
	}
	args := []any{f.OfferID, f.Status, useFrom, from}
	var total int
	if err := s.reader().QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM dates d JOIN offers o ON o.id = d.offer_id `+where), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("storage: count dates: %w", err)
	}
	rows, err := s.reader().QueryContext(ctx, s.q(`SELECT `+dateColumnsD+`, o.title FROM dates d JOIN offers o ON o.id = d.offer_id `+
		where+` ORDER BY d.start_at IS NULL, d.start_at, d.id`+limitOffset(limit, 5)), append(args, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("storage: list dates: %w", err)
	}
	var out []*catalogue.Date
	for rows.Next() {
		var title string
		d, err := scanDate(rows, &title)
		if err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("storage: list dates: %w", err)
		}
		d.OfferTitle = title
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("storage: list dates: %w", err)
	}
	if err := s.attachVenues(ctx, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// DeleteOffer removes an offer and its dates.
func (s *Store) DeleteOffer(ctx context.Context, id int64) error {
	now := s.stamp()
	err := s.inTx(ctx, func(tx *txConn) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM offers WHERE id = $1`), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return catalogue.ErrNotFound
		}
		return s.logChange(tx, "offer", id, "delete", now)
	})
	if err != nil {
		return fmt.Errorf("storage: delete offer %d: %w", id, err)
	}
	return nil
}
