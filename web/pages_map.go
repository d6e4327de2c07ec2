package web

import (
	"cmp"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"sync"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/geo"
	"github.com/lernnetz/lernnetz/search"
)

// The map page, GET /karte: a server-rendered SVG of the region with a
// marker for each place, and the same places as a numbered text list (with
// distances from the searched place). No tiles from elsewhere, no script.
//
// Without parameters it shows the learning places (also with
// zeige=lernorte, which may add near). Any other parameters are the search's
// (search.ParseQuery reads them): the map shows the venues of the first
// search.MaxPerPage matching offers.
//
// Each marker is a link to its entry in the list, named by number, place
// and number of offers, and reachable by Tab; the number in the marker
// matches the list, so nothing is told by colour alone.

// mapState is the federal state the map draws; its outline comes from the
// gazetteer (geo.Gazetteer.Outline).
const mapState = "Saarland"

// mapReachKm is how far around each postal-code place the outline reaches.
const mapReachKm = 5

var mapOutline = sync.OnceValue(func() []geo.Point { return geo.Default().Outline(mapState, mapReachKm) })

// mapTowns label the map for orientation, when they lie on it.
var mapTowns = []string{"Saarbrücken", "Saarlouis", "Neunkirchen", "Homburg", "St. Wendel", "Merzig"}

type mapPageData struct {
	layout
	Places      bool   // the map shows learning places, not search results
	Text        string // the search text
	Near        string // the place distances are measured from
	Total       int    // matching offers
	Limited     bool   // only the first Shown offers are mapped
	Shown       int
	SearchURL   string // the same search as a list
	Error       string
	Unavailable bool
	Map         svgMap
	Items       []mapItem
	Outside     int // places listed but not drawn
}

// mapItem is a place of the list.
type mapItem struct {
	N          int // its marker's number; 0 when not drawn
	Venue      *catalogue.Venue
	Distance   string
	km         float64
	Offers     []mapOffer
	MoreOffers int
}

type mapOffer struct {
	ID    int64
	Title string
}

// mapOffersShown is how many offers a list entry names.
const mapOffersShown = 5

func (s *Server) mapPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	loc := localeOf(r)
	raw := r.URL.Query()
	for _, p := range []string{"lang", "page", "per_page"} {
		raw.Del(p)
	}
	d := mapPageData{layout: layout{Title: loc.T("map.title"), Description: loc.T("map.description"), Section: "map"}}
	var items []*mapItem
	var home *geo.Place
	if len(raw) == 0 || raw.Get("zeige") == "lernorte" {
		d.Places = true
		if len(raw) == 0 {
			d.Canonical = "/karte"
		}
		if near := raw.Get("near"); near != "" {
			p, err := geo.Default().Resolve(near)
			var unknown *geo.UnknownPlaceError
			if errors.As(err, &unknown) {
				d.Error = unknown.Message(loc.Lang)
				s.render(w, r, http.StatusBadRequest, "map", &d)
				return
			}
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			home = &p
		}
		venues, _, err := s.store.Venues(ctx, catalogue.VenueFilter{LearningPlaces: true, Page: catalogue.Page{Limit: 500}})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		for _, v := range venues {
			items = append(items, &mapItem{Venue: v})
		}
	} else {
		raw.Del("zeige")
		d.Title = loc.T("map.title.search")
		d.Text = raw.Get("q")
		if d.Text != "" {
			d.Title = loc.T("map.title.q", d.Text)
		}
		d.SearchURL = "/suche?" + raw.Encode()
		if s.searcher == nil {
			d.Unavailable = true
			s.render(w, r, http.StatusServiceUnavailable, "map", &d)
			return
		}
		q, err := search.ParseQuery(raw)
		var fe *search.FieldError
		if errors.As(err, &fe) {
			d.Error = fe.DE
			if loc.Lang == "en" {
				d.Error = fe.EN
			}
			s.render(w, r, http.StatusBadRequest, "map", &d)
			return
		}
		q.Page, q.PerPage = 1, search.MaxPerPage
		res, found, err := s.searchOffers(ctx, q)
		var unknown *geo.UnknownPlaceError
		if errors.As(err, &unknown) {
			d.Error = unknown.Message(loc.Lang)
			s.render(w, r, http.StatusBadRequest, "map", &d)
			return
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		d.Total, d.Limited, d.Shown, home = res.Total, res.Total > len(res.Hits), len(res.Hits), res.Place
		items = venuesOf(found)
	}
	if home != nil {
		d.Near = home.Name
		for _, it := range items {
			it.km = -1
			if g := it.Venue.Geo; g != nil {
				it.km = geo.Distance(home.Lat, home.Lon, g.Lat, g.Lon)
				it.Distance = loc.Km(it.km)
			}
		}
		// Nearest first; places without coordinates last.
		slices.SortStableFunc(items, func(a, b *mapItem) int {
			switch {
			case a.km < 0 && b.km >= 0:
				return 1
			case b.km < 0 && a.km >= 0:
				return -1
			}
			return cmp.Compare(a.km, b.km)
		})
	}
	d.Map, d.Outside = drawMap(loc, items, home)
	for _, it := range items {
		d.Items = append(d.Items, *it)
	}
	s.render(w, r, http.StatusOK, "map", &d)
}

// venuesOf groups the matching dates of found offers by their venue, in the
// order the offers came.
func venuesOf(found []foundOffer) []*mapItem {
	var items []*mapItem
	byVenue := map[int64]*mapItem{}
	for _, f := range found {
		match := map[int64]bool{}
		for _, id := range f.Hit.DateIDs {
			match[id] = true
		}
		for _, date := range f.Offer.Dates {
			v := date.Venue
			if v == nil || !match[date.ID] {
				continue
			}
			it := byVenue[v.ID]
			if it == nil {
				it = &mapItem{Venue: v}
				byVenue[v.ID] = it
				items = append(items, it)
			}
			if slices.ContainsFunc(it.Offers, func(o mapOffer) bool { return o.ID == f.Offer.ID }) {
				continue
			}
			if len(it.Offers) == mapOffersShown {
				it.MoreOffers++
				continue
			}
			it.Offers = append(it.Offers, mapOffer{ID: f.Offer.ID, Title: f.Offer.Title})
		}
	}
	return items
}

// mapURL is the map of the search with raw's parameters.
func mapURL(raw url.Values) string {
	if len(raw) == 0 {
		return "/karte"
	}
	return "/karte?" + raw.Encode()
}
