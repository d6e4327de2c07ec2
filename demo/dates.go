package demo

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

// pattern is a weekly timetable: sessions on days (or on one day drawn from
// choose) from one time of day to another, each worth ue teaching units.
type pattern struct {
	days     []time.Weekday
	choose   []time.Weekday // one of these, drawn per offer, when days is nil
	from, to string         // HH:MM
	ue       float64
	patterns []string // vocabulary "time_pattern"
	desc     string   // time description; %s is the drawn day ("montags")
	unit     string   // how the duration is told: lessons, days or weeks
	aligned  bool     // a run starts on the first of days (a block week on Monday)
}

var (
	weekdays  = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	monToThu  = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday}
	adverbial = map[time.Weekday]string{
		time.Monday: "montags", time.Tuesday: "dienstags", time.Wednesday: "mittwochs",
		time.Thursday: "donnerstags", time.Friday: "freitags", time.Saturday: "samstags", time.Sunday: "sonntags",
	}
)

// The timetables the templates use.
var (
	evTuTh = &pattern{days: []time.Weekday{time.Tuesday, time.Thursday}, from: "18:00", to: "21:15", ue: 4,
		patterns: []string{"part_time", "evening"}, desc: "dienstags und donnerstags, 18:00–21:15 Uhr", unit: "lessons", aligned: true}
	evMoWe = &pattern{days: []time.Weekday{time.Monday, time.Wednesday}, from: "18:00", to: "21:15", ue: 4,
		patterns: []string{"part_time", "evening"}, desc: "montags und mittwochs, 18:00–21:15 Uhr", unit: "lessons", aligned: true}
	evMoTh = &pattern{days: monToThu, from: "18:00", to: "21:15", ue: 4,
		patterns: []string{"part_time", "evening"}, desc: "Montag bis Donnerstag, 18:00–21:15 Uhr", unit: "weeks", aligned: true}
	evOnce = &pattern{choose: monToThu, from: "18:30", to: "20:00", ue: 2,
		patterns: []string{"evening"}, desc: "%s, 18:30–20:00 Uhr", unit: "lessons"}
	evLong = &pattern{choose: monToThu, from: "18:00", to: "21:15", ue: 4,
		patterns: []string{"part_time", "evening"}, desc: "%s, 18:00–21:15 Uhr", unit: "lessons"}
	morning = &pattern{choose: weekdays, from: "09:00", to: "10:30", ue: 2,
		patterns: []string{"part_time"}, desc: "%s, 09:00–10:30 Uhr", unit: "lessons"}
	afternoon = &pattern{choose: weekdays, from: "14:30", to: "16:00", ue: 2,
		patterns: []string{"part_time"}, desc: "%s, 14:30–16:00 Uhr", unit: "lessons"}
	fullTime = &pattern{days: weekdays, from: "08:00", to: "15:30", ue: 8,
		patterns: []string{"full_time"}, desc: "Montag bis Freitag, 08:00–15:30 Uhr", unit: "weeks", aligned: true}
	fullTime16 = &pattern{days: weekdays, from: "08:00", to: "16:00", ue: 8,
		patterns: []string{"full_time"}, desc: "Montag bis Freitag, 08:00–16:00 Uhr", unit: "weeks", aligned: true}
	partTime = &pattern{days: weekdays, from: "08:30", to: "12:45", ue: 5,
		patterns: []string{"part_time"}, desc: "Montag bis Freitag, 08:30–12:45 Uhr", unit: "weeks", aligned: true}
	partTimeAfternoon = &pattern{days: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday}, from: "13:00", to: "16:15", ue: 4,
		patterns: []string{"part_time"}, desc: "Montag bis Donnerstag, 13:00–16:15 Uhr", unit: "weeks", aligned: true}
	dayTuTh = &pattern{days: []time.Weekday{time.Tuesday, time.Thursday}, from: "08:00", to: "15:30", ue: 8,
		patterns: []string{"part_time"}, desc: "dienstags und donnerstags, 08:00–15:30 Uhr", unit: "weeks", aligned: true}
	mondays = &pattern{days: []time.Weekday{time.Monday}, from: "09:00", to: "16:30", ue: 8,
		patterns: []string{"part_time"}, desc: "montags, 09:00–16:30 Uhr", unit: "days"}
	saturday = &pattern{days: []time.Weekday{time.Saturday}, from: "09:00", to: "16:00", ue: 8,
		patterns: []string{"weekend"}, desc: "samstags, 09:00–16:00 Uhr", unit: "days"}
	weekend = &pattern{days: []time.Weekday{time.Saturday, time.Sunday}, from: "09:00", to: "16:30", ue: 8,
		patterns: []string{"weekend", "block"}, desc: "Samstag und Sonntag, 09:00–16:30 Uhr", unit: "days", aligned: true}
	blockWeek = &pattern{days: weekdays, from: "09:00", to: "16:00", ue: 8,
		patterns: []string{"full_time", "block"}, desc: "Montag bis Freitag, 09:00–16:00 Uhr (Blockwoche)", unit: "days", aligned: true}
	oneDay = &pattern{choose: weekdays, from: "09:00", to: "16:00", ue: 8,
		desc: "%s, 09:00–16:00 Uhr", unit: "days"}
	halfDay = &pattern{choose: weekdays, from: "09:00", to: "12:15", ue: 4,
		desc: "%s, 09:00–12:15 Uhr", unit: "hours"}
	infoEvening = &pattern{choose: monToThu, from: "18:00", to: "19:30", ue: 2,
		patterns: []string{"evening"}, desc: "%s, 18:00–19:30 Uhr", unit: "hours"}
)

// when says how an offer's dates run.
type when struct {
	start  string   // start kind; "" is fixed
	pat    *pattern // timetable of fixed and rolling dates
	months int      // a fixed date lasts this many months instead of counting sessions
	dur    float64  // duration and unit given instead of computed
	unit   string
	desc   string // time description instead of the pattern's
}

// Common ways an offer runs.
var (
	anyTime   = when{start: catalogue.StartPermanent, desc: "Start jederzeit – Sie lernen in Ihrem eigenen Tempo."}
	onRequest = when{start: catalogue.StartOnRequest, desc: "Termine nach individueller Vereinbarung"}
)

// dates makes an offer's dates and the index of each date's venue (-1 for
// none). venues are the places to use in turn, empty for online offers.
func (g *generator) dates(t *offerTemplate, hours float64, venues []int, measure bool) ([]catalogue.Date, []int) {
	w := t.when
	if w.start == "" {
		w.start = catalogue.StartFixed
	}
	n := 1
	if w.start == catalogue.StartFixed || w.start == catalogue.StartRolling {
		n = g.between(1, max(t.dates, 3))
	}
	if t.dates == 1 {
		n = 1
	}
	pat := w.pat
	var day time.Weekday
	if pat != nil && pat.days == nil {
		day = pat.choose[g.rng.IntN(len(pat.choose))]
	}
	expired := w.start == catalogue.StartFixed && g.chance(0.05)
	offset := g.between(5, 100)

	var out []catalogue.Date
	var venueOf []int
	for k := 0; k < n; k++ {
		d := catalogue.Date{StartKind: w.start, TimeDescription: w.desc}
		if pat != nil {
			d.TimePatterns = slices.Clone(pat.patterns)
			if d.TimeDescription == "" {
				d.TimeDescription = pat.describe(day)
			}
		}
		// Draw every random number whatever the branch, so that only the
		// dates, not the rest of the catalogue, depend on now.
		gap, spacing, running, runningFor := g.between(10, 75), g.between(40, 90), g.chance(0.15), g.between(7, 40)
		switch w.start {
		case catalogue.StartFixed:
			start, end, sessions := g.run(g.day(offset, 0, 0), pat, day, hours, w.months)
			switch {
			case expired: // the whole offer is over: shift every date into the past
				span := int(end.Sub(start).Hours()/24) + 1
				back := span + gap + (n-1-k)*spacing
				start, end, sessions = g.run(g.day(-back, 0, 0), pat, day, hours, w.months)
			case k == 0 && running && end.Sub(start) > 60*24*time.Hour: // running already
				start, end, sessions = g.run(g.day(-runningFor, 0, 0), pat, day, hours, w.months)
			}
			d.Start, d.End = &start, &end
			d.Duration, d.DurationUnit = durationOf(pat, sessions, hours, w)
			deadline := time.Date(start.Year(), start.Month(), start.Day()-g.between(3, 21), 23, 59, 0, 0, catalogue.Berlin)
			d.RegistrationDeadline = &deadline
		case catalogue.StartRolling:
			if w.desc == "" && pat != nil {
				d.TimeDescription = "Einstieg jeden Montag möglich; " + pat.describe(day)
			} else if w.desc == "" {
				d.TimeDescription = "Einstieg jederzeit möglich"
			}
			if dur, unit := durationOf(pat, 0, hours, w); dur > 0 {
				d.Duration, d.DurationUnit = dur, unit
			}
		default:
			if w.dur > 0 {
				d.Duration, d.DurationUnit = w.dur, w.unit
			} else if hours > 0 {
				d.Duration, d.DurationUnit = hours, "hours"
			}
		}
		d.SeatsMin, d.SeatsMax = t.seats()
		if measure && w.start != catalogue.StartPermanent {
			year := g.now.Year()
			if d.Start != nil {
				year = d.Start.Year()
			}
			d.MeasureNumber = fmt.Sprintf("%d/%04d/%d", []int{955, 957, 962}[g.rng.IntN(3)], g.rng.IntN(10000), year)
		}
		d.Note = t.dateNote
		d.SourceID = fmt.Sprintf("%d", k+1)
		out = append(out, d)
		v := -1
		if len(venues) > 0 {
			v = venues[k%len(venues)]
		}
		venueOf = append(venueOf, v)
		if t.dates >= 4 { // short courses that run often
			offset += g.between(14, 60)
		} else {
			offset += g.between(28, 100)
		}
		if offset > 275 {
			break
		}
	}
	return out, venueOf
}

func (p *pattern) describe(day time.Weekday) string {
	if p.days == nil {
		return fmt.Sprintf(p.desc, adverbial[day])
	}
	return p.desc
}

// run lays out a date from the first day at or after from that fits the
// pattern: its start, its end and the number of sessions.
func (g *generator) run(from time.Time, p *pattern, day time.Weekday, hours float64, months int) (start, end time.Time, sessions int) {
	if p == nil {
		p = oneDay
		day = time.Monday
	}
	days := p.days
	if days == nil {
		days = []time.Weekday{day}
	}
	fh, fm := clock(p.from)
	th, tm := clock(p.to)
	sessions = max(1, int(math.Ceil(hours/p.ue)))
	d := from
	for !slices.Contains(days, d.Weekday()) || (p.aligned && d.Weekday() != days[0]) {
		d = d.AddDate(0, 0, 1)
	}
	start = time.Date(d.Year(), d.Month(), d.Day(), fh, fm, 0, 0, catalogue.Berlin)
	if months > 0 {
		last := d.AddDate(0, months, -1)
		for !slices.Contains(days, last.Weekday()) {
			last = last.AddDate(0, 0, -1)
		}
		return start, time.Date(last.Year(), last.Month(), last.Day(), th, tm, 0, 0, catalogue.Berlin), 0
	}
	for n := 1; n < sessions; {
		d = d.AddDate(0, 0, 1)
		if slices.Contains(days, d.Weekday()) {
			n++
		}
	}
	return start, time.Date(d.Year(), d.Month(), d.Day(), th, tm, 0, 0, catalogue.Berlin), sessions
}

// durationOf tells how long a date lasts in the unit that fits its pattern.
func durationOf(p *pattern, sessions int, hours float64, w when) (float64, string) {
	switch {
	case w.dur > 0:
		return w.dur, w.unit
	case w.months > 0 && w.months%12 == 0 && w.months >= 24:
		return float64(w.months / 12), "years"
	case w.months > 0:
		return float64(w.months), "months"
	case p == nil:
		return hours, "lessons"
	}
	switch p.unit {
	case "days":
		return float64(max(sessions, 1)), "days"
	case "weeks":
		perWeek := float64(len(p.days))
		weeks := math.Ceil(hours / p.ue / perWeek)
		if weeks > 12 {
			return math.Round(weeks / 4.33), "months"
		}
		return weeks, "weeks"
	case "hours":
		return hours * 0.75, "hours"
	default:
		return hours, "lessons"
	}
}

func clock(s string) (int, int) {
	var h, m int
	if _, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil {
		panic("demo: bad time " + s)
	}
	return h, m
}
