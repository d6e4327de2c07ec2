package web

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
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

const (
	mapWidth   = 640.0 // the SVG's viewBox width; its height follows the region
	mapPadding = 24.0
	// mapMarginKm is how far outside the region a place may lie and still
	// be drawn; places further away are only listed.
	mapMarginKm = 15.0
)

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

// svgMap is what the template draws.
type svgMap struct {
	Width, Height float64
	Outline       string // path data
	Towns         []mapLabel
	Markers       []mapMarker
	Home          *mapLabel // the near place
}

type mapLabel struct {
	X, Y float64
	Name string
}

type mapMarker struct {
	N      int
	X, Y   float64
	Target string // the list entry's id
	Label  string
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
		res, err := s.searcher.Search(ctx, q)
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
		found, err := s.hydrate(ctx, res.Hits)
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

// drawMap projects the region's outline, the places and the near place
// onto the SVG, numbers the drawn places and returns how many lie off the
// map.
func drawMap(loc *locale, items []*mapItem, home *geo.Place) (svgMap, int) {
	ring := mapOutline()
	if len(ring) == 0 {
		return svgMap{}, 0
	}
	origin := ring[0]
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	xs, ys := make([]float64, len(ring)), make([]float64, len(ring))
	for i, p := range ring {
		xs[i], ys[i] = geo.Offset(origin, p)
		minX, maxX = math.Min(minX, xs[i]), math.Max(maxX, xs[i])
		minY, maxY = math.Min(minY, ys[i]), math.Max(maxY, ys[i])
	}
	on := func(p geo.Point) (float64, float64, bool) {
		x, y := geo.Offset(origin, p)
		return x, y, x >= minX-mapMarginKm && x <= maxX+mapMarginKm && y >= minY-mapMarginKm && y <= maxY+mapMarginKm
	}
	// The view holds the region and every place drawn.
	vminX, vminY, vmaxX, vmaxY := minX, minY, maxX, maxY
	grow := func(x, y float64) {
		vminX, vmaxX = math.Min(vminX, x), math.Max(vmaxX, x)
		vminY, vmaxY = math.Min(vminY, y), math.Max(vmaxY, y)
	}
	var homeXY [2]float64
	homeOn := false
	if home != nil {
		var x, y float64
		if x, y, homeOn = on(geo.Point{Lat: home.Lat, Lon: home.Lon}); homeOn {
			grow(x, y)
			homeXY = [2]float64{x, y}
		}
	}
	for _, it := range items {
		if g := it.Venue.Geo; g != nil {
			if x, y, ok := on(geo.Point{Lat: g.Lat, Lon: g.Lon}); ok {
				grow(x, y)
			}
		}
	}
	scale := (mapWidth - 2*mapPadding) / (vmaxX - vminX)
	m := svgMap{Width: mapWidth, Height: math.Round((vmaxY-vminY)*scale + 2*mapPadding)}
	px := func(x, y float64) (float64, float64) {
		return round1(mapPadding + (x-vminX)*scale), round1(mapPadding + (vmaxY-y)*scale)
	}
	var path strings.Builder
	for i := range ring {
		x, y := px(xs[i], ys[i])
		if i == 0 {
			path.WriteString("M")
		} else {
			path.WriteString("L")
		}
		path.WriteString(strconv.FormatFloat(x, 'f', -1, 64) + " " + strconv.FormatFloat(y, 'f', -1, 64))
	}
	path.WriteString("Z")
	m.Outline = path.String()
	for _, name := range mapTowns {
		if p, ok := geo.Default().Place(name); ok {
			x, y := geo.Offset(origin, geo.Point{Lat: p.Lat, Lon: p.Lon})
			sx, sy := px(x, y)
			m.Towns = append(m.Towns, mapLabel{X: sx, Y: sy, Name: name})
		}
	}
	if homeOn {
		x, y := px(homeXY[0], homeXY[1])
		m.Home = &mapLabel{X: x, Y: y, Name: loc.T("map.home", home.Name)}
	}
	outside, n := 0, 0
	for _, it := range items {
		g := it.Venue.Geo
		if g == nil {
			outside++
			continue
		}
		x, y, ok := on(geo.Point{Lat: g.Lat, Lon: g.Lon})
		if !ok {
			outside++
			continue
		}
		n++
		it.N = n
		sx, sy := px(x, y)
		sx, sy = apart(m.Markers, sx, sy)
		label := fmt.Sprintf("%d: %s", n, joinNonEmpty(", ", it.Venue.Name, it.Venue.Address.City))
		if len(it.Offers) > 0 {
			label += " – " + loc.N("map.offers", len(it.Offers)+it.MoreOffers)
		}
		if it.Distance != "" {
			label += " – " + it.Distance
		}
		m.Markers = append(m.Markers, mapMarker{N: n, X: sx, Y: sy, Target: fmt.Sprintf("ort-%d", it.Venue.ID), Label: label})
	}
	return m, outside
}

// apart moves a marker at (x, y) off the markers already placed, so that
// places in the same street stay apart: around a circle, wider each round.
func apart(placed []mapMarker, x, y float64) (float64, float64) {
	const gap = 22.0
	free := func(x, y float64) bool {
		for _, p := range placed {
			if math.Hypot(p.X-x, p.Y-y) < gap {
				return false
			}
		}
		return true
	}
	for ring := 1; !free(x, y) && ring < 8; ring++ {
		for k := 0; k < 8*ring; k++ {
			a := 2 * math.Pi * float64(k) / float64(8*ring)
			nx, ny := round1(x+gap*float64(ring)*math.Cos(a)), round1(y+gap*float64(ring)*math.Sin(a))
			if free(nx, ny) {
				return nx, ny
			}
		}
	}
	return x, y
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// mapURL is the map of the search with raw's parameters.
func mapURL(raw url.Values) string {
	if len(raw) == 0 {
		return "/karte"
	}
	return "/karte?" + raw.Encode()
}
