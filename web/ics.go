package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lernnetz/lernnetz/catalogue"
)

// An iCalendar file (RFC 5545) per date of an offer, for learners' calendars:
// /angebote/{id}/termine/{dateID}.ics. Times are in UTC, which every
// calendar converts; lines end in CRLF and are folded at 75 octets.

func (s *Server) dateICS(w http.ResponseWriter, r *http.Request) {
	file, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	dateID, err := strconv.ParseInt(file, 10, 64)
	if !ok || err != nil || dateID <= 0 {
		s.errorPage(w, r, http.StatusNotFound)
		return
	}
	o, ok := s.publishedOffer(w, r)
	if !ok {
		return
	}
	var date *catalogue.Date
	for i := range o.Dates {
		if o.Dates[i].ID == dateID {
			date = &o.Dates[i]
		}
	}
	if date == nil || date.Start == nil {
		s.errorPage(w, r, http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="lernnetz-termin-%d.ics"`, date.ID))
	w.Write(dateCalendar(r, o, date, timeNow()))
}

// dateCalendar is the VCALENDAR of one date.
func dateCalendar(r *http.Request, o *catalogue.Offer, d *catalogue.Date, now time.Time) []byte {
	c := newCalendar(r, now, "")
	c.event(o, d)
	return c.end()
}

// calendar writes a VCALENDAR: the one place that knows lernnetz's events,
// their escaping and folding, for a single date and for a search's dates.
type calendar struct {
	b    strings.Builder
	r    *http.Request
	loc  *locale
	now  time.Time
	host string // the right-hand side of UIDs
}

// newCalendar starts a calendar for the request r; name, when set, is the
// calendar's name shown by calendar programs.
func newCalendar(r *http.Request, now time.Time, name string) *calendar {
	c := &calendar{r: r, loc: localeOf(r), now: now, host: r.Host}
	if base := baseURLFrom(r.Context()); base != "" {
		if _, h, ok := strings.Cut(base, "://"); ok {
			c.host = h
		}
	}
	c.line("BEGIN", "VCALENDAR")
	c.line("VERSION", "2.0")
	c.line("PRODID", "-//lernnetz//lernnetz Saar//DE")
	c.line("CALSCALE", "GREGORIAN")
	c.line("METHOD", "PUBLISH")
	if name != "" {
		c.line("X-WR-CALNAME", escapeText(name))
	}
	return c
}

func (c *calendar) line(name, value string) { c.b.WriteString(foldLine(name + ":" + value)) }

// end closes the calendar and returns it.
func (c *calendar) end() []byte {
	c.line("END", "VCALENDAR")
	return []byte(c.b.String())
}

// event adds the VEVENT of the date d of offer o; dates without a fixed
// start have none.
func (c *calendar) event(o *catalogue.Offer, d *catalogue.Date) {
	if d.Start == nil {
		return
	}
	r := c.r
	utc := func(t time.Time) string { return t.UTC().Format("20060102T150405Z") }
	c.line("BEGIN", "VEVENT")
	c.line("UID", fmt.Sprintf("termin-%d@%s", d.ID, c.host))
	c.line("DTSTAMP", utc(c.now))
	start := *d.Start
	if !hasClock(start) {
		// A whole day (or days): DATE values, the end exclusive.
		c.line("DTSTART;VALUE=DATE", start.In(catalogue.Berlin).Format("20060102"))
		end := start
		if d.End != nil {
			end = *d.End
		}
		c.line("DTEND;VALUE=DATE", end.In(catalogue.Berlin).AddDate(0, 0, 1).Format("20060102"))
	} else {
		c.line("DTSTART", utc(start))
		end := start.Add(time.Hour)
		if d.End != nil && d.End.After(start) {
			end = *d.End
			// A course over weeks has its end as the last day; the event is
			// its first meeting, so end it on the first day.
			if y, m, dd := end.In(catalogue.Berlin).Date(); y != start.Year() || m != start.Month() || dd != start.In(catalogue.Berlin).Day() {
				e := end.In(catalogue.Berlin)
				s := start.In(catalogue.Berlin)
				end = time.Date(s.Year(), s.Month(), s.Day(), e.Hour(), e.Minute(), 0, 0, catalogue.Berlin)
				if !end.After(start) {
					end = start.Add(time.Hour)
				}
			}
		}
		c.line("DTEND", utc(end))
	}
	c.line("SUMMARY", escapeText(o.Title))
	desc := joinNonEmpty("\n", o.ShortDescription, d.TimeDescription, c.loc.Span(d.Start, d.End),
		absURL(r.Context(), offerPath(o.ID)))
	c.line("DESCRIPTION", escapeText(desc))
	if v := d.Venue; v != nil {
		c.line("LOCATION", escapeText(joinNonEmpty(", ", v.Name, v.Address.Street, joinNonEmpty(" ", v.Address.PostalCode, v.Address.City))))
		if v.Geo != nil {
			c.line("GEO", fmt.Sprintf("%.6f;%.6f", v.Geo.Lat, v.Geo.Lon))
		}
	}
	c.line("URL", absURL(r.Context(), offerPath(o.ID)))
	c.line("END", "VEVENT")
}

// escapeText escapes a TEXT value (RFC 5545, 3.3.11).
func escapeText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// foldLine ends a content line with CRLF, folding it into lines of at most
// 75 octets without splitting a UTF-8 character (RFC 5545, 3.1).
func foldLine(s string) string {
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}
