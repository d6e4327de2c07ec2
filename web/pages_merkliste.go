package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
)

// The Merkliste keeps offers a learner wants to remember, without an
// account: their ids, newest first, in the cookie "merkliste" ("17.4.230"),
// HttpOnly and SameSite=Lax. It changes only by POST /merkliste from the
// portal's own forms (same-origin POST; cross-origin POSTs are refused by the
// server-wide CrossOriginProtection). Up to three of its offers can be
// compared side by side on /vergleich?ids=1,2,3.

const (
	merklisteCookie = "merkliste"
	merklisteMax    = 50
	compareMax      = 3
)

// merklisteIDs returns the Merkliste of the request: the signed-in
// person's stored list, else the cookie's.
func merklisteIDs(r *http.Request) []int64 {
	if si := sessionFrom(r.Context()); si != nil && si.bookmarks != nil {
		return si.bookmarks
	}
	return cookieMerkliste(r)
}

// cookieMerkliste reads the cookie; anything that is not a positive id is
// dropped, and so are duplicates and ids beyond merklisteMax.
func cookieMerkliste(r *http.Request) []int64 {
	c, err := r.Cookie(merklisteCookie)
	if err != nil {
		return nil
	}
	return parseIDs(strings.Split(c.Value, "."), merklisteMax)
}

// parseIDs reads up to max distinct positive ids.
func parseIDs(parts []string, max int) []int64 {
	var ids []int64
	for _, p := range parts {
		id, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64)
		if err != nil || id <= 0 || slices.Contains(ids, id) {
			continue
		}
		if len(ids) == max {
			break
		}
		ids = append(ids, id)
	}
	return ids
}

func onMerkliste(r *http.Request, id int64) bool {
	return slices.Contains(merklisteIDs(r), id)
}

func setMerkliste(w http.ResponseWriter, r *http.Request, ids []int64) {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	c := &http.Cookie{Name: merklisteCookie, Value: strings.Join(parts, "."), Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil}
	switch {
	case len(ids) == 0:
		c.MaxAge = -1
	case !isKiosk(r):
		c.MaxAge = 365 * 24 * 3600
	}
	http.SetCookie(w, c)
}

// localPath returns p when it is a path on this site, else fallback.
func localPath(p, fallback string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\\r\n") {
		return fallback
	}
	return p
}

// merklisteChange adds (action=add) or removes (action=remove) the offer id
// and returns to the page given in back.
func (s *Server) merklisteChange(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest)
		return
	}
	id, err := strconv.ParseInt(r.PostForm.Get("id"), 10, 64)
	action := r.PostForm.Get("action")
	if err != nil || id <= 0 || (action != "add" && action != "remove") {
		s.errorPage(w, r, http.StatusBadRequest)
		return
	}
	if action == "add" {
		if _, err := s.store.Offer(r.Context(), id); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	if si := sessionFrom(r.Context()); si != nil && si.bookmarks != nil {
		// Signed in: the account's list.
		var err error
		if action == "add" {
			err = s.acct.store.AddBookmarks(r.Context(), si.user.ID, []int64{id}, merklisteMax)
		} else {
			err = s.acct.store.RemoveBookmark(r.Context(), si.user.ID, id)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, localPath(r.PostForm.Get("back"), "/merkliste"), http.StatusSeeOther)
		return
	}
	ids := cookieMerkliste(r)
	ids = slices.DeleteFunc(ids, func(x int64) bool { return x == id })
	if action == "add" {
		ids = append([]int64{id}, ids...)
		if len(ids) > merklisteMax {
			ids = ids[:merklisteMax]
		}
	}
	setMerkliste(w, r, ids)
	http.Redirect(w, r, localPath(r.PostForm.Get("back"), "/merkliste"), http.StatusSeeOther)
}

// offersByIDs returns the offers with ids that were public, in the order of
// ids; drafts and offers in review are left out like unknown ids.
func (s *Server) offersByIDs(r *http.Request, ids []int64) ([]*catalogue.Offer, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	offers, _, err := s.store.Offers(r.Context(), catalogue.OfferFilter{IDs: ids, Statuses: catalogue.PublicStatuses, SkipTotal: true, Page: catalogue.Page{Limit: len(ids)}})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*catalogue.Offer, len(offers))
	for _, o := range offers {
		byID[o.ID] = o
	}
	out := make([]*catalogue.Offer, 0, len(ids))
	for _, id := range ids {
		if o := byID[id]; o != nil {
			out = append(out, o)
		}
	}
	return out, nil
}

type merklistePageData struct {
	layout
	Offers []merkOffer
}

type merkOffer struct {
	*catalogue.Offer
	Next      string
	Available bool // still published
}

func (s *Server) merklistePage(w http.ResponseWriter, r *http.Request) {
	loc := localeOf(r)
	offers, err := s.offersByIDs(r, merklisteIDs(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := merklistePageData{layout: layout{Title: loc.T("merkliste.title"), Section: "merkliste"}}
	now := timeNow()
	for _, o := range offers {
		d.Offers = append(d.Offers, merkOffer{Offer: o, Next: nextStart(loc, o.Dates, now), Available: o.Status == catalogue.StatusPublished})
	}
	w.Header().Set("Cache-Control", "private, no-store")
	s.render(w, r, http.StatusOK, "merkliste", &d)
}

type comparePageData struct {
	layout
	Offers   []*catalogue.Offer
	Rows     []compareRow
	TooMany  bool
	Selected int
}

// compareRow is one attribute of the compared offers.
type compareRow struct {
	Label string
	Cells [][]string // per offer, lines
}

func (s *Server) comparePage(w http.ResponseWriter, r *http.Request) {
	loc := localeOf(r)
	var parts []string
	for _, v := range r.URL.Query()["ids"] {
		parts = append(parts, strings.Split(v, ",")...)
	}
	ids := parseIDs(parts, merklisteMax)
	d := comparePageData{layout: layout{Title: loc.T("compare.title"), Section: "merkliste"}, Selected: len(ids)}
	if len(ids) > compareMax {
		ids, d.TooMany = ids[:compareMax], true
	}
	offers, err := s.offersByIDs(r, ids)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d.Offers = offers
	now := timeNow()
	row := func(key string, cell func(o *catalogue.Offer) []string) {
		cr := compareRow{Label: loc.T(key)}
		for _, o := range offers {
			lines := cell(o)
			if len(lines) == 0 {
				lines = []string{"–"}
			}
			cr.Cells = append(cr.Cells, lines)
		}
		d.Rows = append(d.Rows, cr)
	}
	one := func(s string) []string {
		if s == "" {
			return nil
		}
		return []string{s}
	}
	row("compare.provider", func(o *catalogue.Offer) []string {
		if o.Provider == nil {
			return nil
		}
		return one(o.Provider.Name)
	})
	row("compare.type", func(o *catalogue.Offer) []string { return one(loc.Label("offer_type", o.Type)) })
	row("compare.dates", func(o *catalogue.Offer) []string {
		var lines []string
		for i := range o.Dates {
			date := &o.Dates[i]
			if date.Ended(now) {
				continue
			}
			line := newDateRow(loc, date, o.Price).When
			if date.Venue != nil && date.Venue.Address.City != "" {
				line += " · " + date.Venue.Address.City
			}
			lines = append(lines, line)
			if len(lines) == 4 {
				break
			}
		}
		return lines
	})
	row("compare.price", func(o *catalogue.Offer) []string { return one(loc.Price(o.Price)) })
	row("compare.duration", func(o *catalogue.Offer) []string {
		var lines []string
		if o.TeachingHours > 0 {
			lines = append(lines, loc.T("offer.hours", loc.Number(o.TeachingHours)))
		}
		for _, date := range o.Dates {
			if dur := loc.Duration(date.Duration, date.DurationUnit); dur != "" {
				return append(lines, dur)
			}
		}
		return lines
	})
	row("compare.degree", func(o *catalogue.Offer) []string {
		return one(loc.Degree(o.Degree, o.DegreeType))
	})
	row("compare.delivery", func(o *catalogue.Offer) []string { return loc.Labels("delivery_mode", o.DeliveryModes) })
	row("compare.funding", func(o *catalogue.Offer) []string { return loc.Labels("funding", o.Funding) })
	row("compare.prerequisites", func(o *catalogue.Offer) []string { return one(shorten(o.Prerequisites, 200)) })
	row("compare.language", func(o *catalogue.Offer) []string { return loc.Labels("language", o.Languages) })
	w.Header().Set("Cache-Control", "private, no-store")
	s.render(w, r, http.StatusOK, "compare", &d)
}
