package web

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/lernnetz/lernnetz/geo"
)

// Drawing the map page's SVG: the region's outline, the towns, the
// numbered markers and the searched place, projected from degrees to the
// SVG's units on the server.

const (
	mapWidth   = 640.0 // the SVG's viewBox width; its height follows the region
	mapPadding = 24.0
	// mapMarginKm is how far outside the region a place may lie and still
	// be drawn; places further away are only listed.
	mapMarginKm = 15.0
)

// svgMap is what the template draws.
type svgMap struct {
	Width, Height float64
	Outline       string // path data
	Towns         []mapLabel
	Markers       []mapMarker
	Home          *mapLabel // the near place
}

type mapLabel struct {
	X, Y   float64
	Name   string
	Letter string // the town's letter on the map and in the legend
	Glyph  glyph
}

type mapMarker struct {
	N      int
	X, Y   float64
	Target string // the list entry's id
	Label  string
	Glyph  glyph // the number
}

// glyph is a number or letter drawn as strokes (see map_glyphs.go): path
// data in glyph units, placed at X, Y and scaled.
type glyph struct {
	D           string
	X, Y, Scale float64
}

// newGlyph places s with its centre at (cx, cy), glyphs h units high.
func newGlyph(s string, cx, cy, h float64) glyph {
	d, w := glyphPath(s)
	scale := h / glyphHeight
	return glyph{D: d, X: round1(cx - w*scale/2), Y: round1(cy - h/2), Scale: round1(scale*100) / 100}
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
			letter := string(rune('A' + len(m.Towns)))
			m.Towns = append(m.Towns, mapLabel{X: sx, Y: sy, Name: name, Letter: letter, Glyph: newGlyph(letter, sx+16, sy-15, 10)})
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
		h := 9.0 // one digit; two and three need room in the circle
		switch {
		case n >= 100:
			h = 6
		case n >= 10:
			h = 8
		}
		m.Markers = append(m.Markers, mapMarker{N: n, X: sx, Y: sy, Target: fmt.Sprintf("ort-%d", it.Venue.ID), Label: label,
			Glyph: newGlyph(strconv.Itoa(n), sx, sy, h)})
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
