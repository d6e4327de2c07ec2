package deftis

import (
	"fmt"
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// mapSchedules adds the dates of a COURSESCHEDULES element to the offer.
//
// Each SCHEDULE is a date with a fixed start: S_ID is its source id,
// S_START_DATE and S_END_DATE its start and end in Europe/Berlin,
// S_DURATION_NUM with S_DURATION_UNIT its duration (Hours → hours, Days →
// days …), S_WDB_MASSNAHMENUMMER_AA its measure number, S_WDB_BESCHR its
// time description, S_LN_NOTE (lernnetz's own element) its note, its
// CONTACT its contact and its ADDRESS (or else the
// course's CS_WDB_ADDRESS) its venue. S_WDB_PRAKTIKUM makes the offer one
// with an internship.
//
// A FREESCHEDULE stands for dates that are not fixed (DEfTIS 6.6.13): with
// no SCHEDULE it becomes one date whose start kind is permanent when the
// COURSESCHEDULES attribute PERMANENT is true and on_request otherwise (the
// attribute REQUEST, or a free text such as "Termin auf Anfrage"); its text
// is the date's note. A COURSESCHEDULES with neither but PERMANENT or
// REQUEST true gives the same kind of date without a note. The attributes
// themselves are kept as extensions.
func (r *Reader) mapSchedules(rec *record.Record, x extensions, o *catalogue.Offer, e *element, path, key string, ci *course) {
	x.attrs(e, key)
	permanent := r.scheduleFlag(rec, e, path, "PERMANENT")
	request := r.scheduleFlag(rec, e, path, "REQUEST")
	var free *element
	var freePath string
	fixed := 0
	walk(e, path, func(c *element, cpath string) {
		ckey := key + strings.TrimPrefix(cpath, path)
		switch c.Name {
		case "SCHEDULE":
			fixed++
			r.mapSchedule(rec, x, o, c, cpath, ckey, ci)
		case "FREESCHEDULE":
			if free == nil {
				free, freePath = c, cpath
			} else {
				x.keep(c, ckey)
			}
		default:
			x.keep(c, ckey)
		}
	})
	switch {
	case fixed > 0:
		if free != nil {
			x.keep(free, key+"/FREESCHEDULE")
		}
		return
	case free == nil && !permanent && !request:
		return
	}
	d := catalogue.Date{StartKind: catalogue.StartOnRequest, TimePatterns: ci.patterns, SeatsMin: ci.seatsMin,
		SeatsMax: ci.seatsMax, MeasureNumber: ci.measure, TimeDescription: ci.timeText}
	if permanent {
		d.StartKind = catalogue.StartPermanent
	}
	field := fmt.Sprintf("dates[%d]", len(o.Dates))
	rec.At(field, path, e.Line)
	if free != nil {
		d.Note = free.Text
		rec.At(field, freePath, free.Line)
		rec.At(field+".note", freePath, free.Line)
	}
	if ci.totalNum != "" {
		r.duration(rec, x, &d, field, ci.totalNum, ci.totalUnit, ci.totalPath, "CS_WDB_GESAMTDAUER", false)
	}
	r.seats(rec, field, ci)
	o.Dates = append(o.Dates, d)
	rec.Venues = append(rec.Venues, r.courseVenue(rec, field, ci))
}

func (r *Reader) scheduleFlag(rec *record.Record, e *element, path, name string) bool {
	v, ok := e.Attr(name)
	if !ok || v == "" {
		return false
	}
	b, err := ParseBool(v)
	if err != nil {
		rec.Problemf(path, e.Line, "Das Attribut %s hat den Wert „%s“; erwartet wird true oder false.", name, v)
	}
	return b
}

// mapSchedule adds the date of one SCHEDULE element.
func (r *Reader) mapSchedule(rec *record.Record, x extensions, o *catalogue.Offer, e *element, path, key string, ci *course) {
	field := fmt.Sprintf("dates[%d]", len(o.Dates))
	d := catalogue.Date{StartKind: catalogue.StartFixed, TimePatterns: ci.patterns, SeatsMin: ci.seatsMin,
		SeatsMax: ci.seatsMax, MeasureNumber: ci.measure}
	rec.At(field, path, e.Line)
	rec.At(field+".start", path+"/S_START_DATE", e.Line)
	x.attrs(e, key)
	var num, unit string
	var numPos position
	var venue *catalogue.Venue
	hasVenue, hasStart := false, false
	walk(e, path, func(c *element, cpath string) {
		ckey := key + strings.TrimPrefix(cpath, path)
		switch c.Name {
		case "S_ID":
			d.SourceID = c.Text
		case "S_START_DATE", "S_END_DATE":
			dst, f := &d.Start, field+".start"
			if c.Name == "S_END_DATE" {
				dst, f = &d.End, field+".end"
			} else {
				hasStart = true
			}
			rec.At(f, cpath, c.Line)
			if c.Text == "" {
				return
			}
			t, err := ParseDateTime(c.Text)
			if err != nil {
				rec.Problemf(cpath, c.Line, "„%s“ ist kein Zeitpunkt; erwartet wird JJJJ-MM-TTThh:mm:ss, z. B. 2022-10-26T09:00:00.", c.Text)
				return
			}
			*dst = &t
		case "S_DURATION_NUM":
			num, numPos = c.Text, position{cpath, c.Line}
		case "S_DURATION_UNIT":
			unit = c.Text
		case "S_WDB_MASSNAHMENUMMER_AA":
			if c.Text != "" {
				d.MeasureNumber = c.Text
			}
		case "S_LN_NOTE": // lernnetz's own: a note on the date
			d.Note = c.Text
			rec.At(field+".note", cpath, c.Line)
		case "S_WDB_BESCHR":
			d.TimeDescription = c.Text
			rec.At(field+".time_description", cpath, c.Line)
		case "S_WDB_PRAKTIKUM":
			x.keep(c, ckey)
			if v, err := ParseBool(c.Text); err != nil && c.Text != "" {
				rec.Problemf(cpath, c.Line, "„%s“ ist kein Wahrheitswert; erwartet wird true oder false.", c.Text)
			} else if v {
				ci.internship = true
			}
		case "ADDRESS":
			if hasVenue {
				x.keep(c, ckey)
				return
			}
			hasVenue = true
			pl := r.mapAddress(rec, x, c, cpath, ckey)
			venue = pl.Venue()
			rec.At(field+".venue", cpath, c.Line)
		case "CONTACT":
			if d.Contact != nil {
				x.keep(c, ckey)
				return
			}
			if ct := r.mapContact(rec, x, c, cpath, ckey, field+".contact"); !emptyContact(ct) {
				d.Contact = &ct
			}
		default: // S_DURATION_EST*, S_WDB_INFOLINK and other extensions
			x.keep(c, ckey)
		}
	})
	if !hasStart {
		rec.Problemf(path+"/S_START_DATE", e.Line, "Der Beginn des Termins (S_START_DATE) fehlt.")
	}
	if d.TimeDescription == "" {
		d.TimeDescription = ci.timeText
	}
	switch {
	case num != "":
		r.duration(rec, x, &d, field, num, unit, numPos, key+"/S_DURATION", true)
	case unit != "":
		x.add(key+"/S_DURATION_UNIT", unit)
	}
	r.seats(rec, field, ci)
	if !hasVenue {
		venue = r.courseVenue(rec, field, ci)
	}
	o.Dates = append(o.Dates, d)
	rec.Venues = append(rec.Venues, venue)
}

// duration sets a date's duration from a number and a unit. A unit that
// maps to nothing keeps both values as extensions (prefix_NUM, prefix_UNIT)
// instead; a number that is none is a problem.
func (r *Reader) duration(rec *record.Record, x extensions, d *catalogue.Date, field, num, unit string, at position, prefix string, strict bool) {
	rec.At(field+".duration", at.path, at.line)
	rec.At(field+".duration_unit", at.path, at.line)
	n, err := ParseNumber(num)
	u := durationUnit(unit)
	switch {
	case err != nil && strict:
		rec.Problemf(at.path, at.line, "„%s“ ist keine Dauer; erwartet wird eine Zahl.", num)
	case err != nil || u == "":
		if !strict { // the course-level total stays as extensions anyway
			return
		}
		x.add(prefix+"_NUM", num)
		x.add(prefix+"_UNIT", unit)
	default:
		d.Duration, d.DurationUnit = n, u
	}
}

func (r *Reader) seats(rec *record.Record, field string, ci *course) {
	if p := ci.seatsPath[0]; p.path != "" {
		rec.At(field+".seats_min", p.path, p.line)
	}
	if p := ci.seatsPath[1]; p.path != "" {
		rec.At(field+".seats_max", p.path, p.line)
	}
}

// courseVenue returns the venue of the course's CS_WDB_ADDRESS, for a date
// without an address of its own.
func (r *Reader) courseVenue(rec *record.Record, field string, ci *course) *catalogue.Venue {
	if ci.place == nil {
		return nil
	}
	rec.At(field+".venue", ci.place.path, ci.place.line)
	return ci.place.Venue()
}
