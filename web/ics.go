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
	loc := localeOf(r)
	var b strings.Builder
	line := func(name, value string) { b.WriteString(foldLine(name + ":" + value)) }
	utc := func(t time.Time) string { return t.UTC().Format("20060102T150405Z") }
	host := r.Host
	if base := baseURLFrom(r.Context()); base != "" {
		if _, h, ok := strings.Cut(base, "://"); ok {
			host = h
		}
	}
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//lernnetz//lernnetz Saar//DE")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("BEGIN", "VEVENT")
	line("UID", fmt.Sprintf("termin-%d@%s", d.ID, host))
	line("DTSTAMP", utc(now))
	start := *d.Start
	if !hasClock(start) {
		// A whole day (or days): DATE values, the end exclusive.
		line("DTSTART;VALUE=DATE", start.In(catalogue.Berlin).Format("20060102"))
		end := start
		if d.End != nil {
			end = *d.End
		}
		line("DTEND;VALUE=DATE", end.In(catalogue.Berlin).AddDate(0, 0, 1).Format("20060102"))
	} else {
		line("DTSTART", utc(start))
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
		line("DTEND", utc(end))
	}
	line("SUMMARY", escapeText(o.Title))
	desc := joinNonEmpty("\n", o.ShortDescription, d.TimeDescription, loc.Span(d.Start, d.End),
		absURL(r.Context(), offerPath(o.ID)))
	line("DESCRIPTION", escapeText(desc))
	if v := d.Venue; v != nil {
		line("LOCATION", escapeText(joinNonEmpty(", ", v.Name, v.Address.Street, joinNonEmpty(" ", v.Address.PostalCode, v.Address.City))))
		if v.Geo != nil {
			line("GEO", fmt.Sprintf("%.6f;%.6f", v.Geo.Lat, v.Geo.Lon))
		}
	}
	line("URL", absURL(r.Context(), offerPath(o.ID)))
	line("END", "VEVENT")
	line("END", "VCALENDAR")
	return []byte(b.String())
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
