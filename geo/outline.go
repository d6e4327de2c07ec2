package geo

import (
	"math"
	"sort"
)

// Point is a position in WGS84 degrees.
type Point struct {
	Lat, Lon float64
}

// Outline returns an approximate outline of a federal state, drawn from the
// gazetteer's own data, so that a map needs no boundary data of another
// source: the area within reachKm of the state's postal-code places (the
// data's points), with gaps narrower than 2·reachKm closed and holes
// filled (a morphological closing), traced on a 1 km grid and simplified to
// a few dozen corners. It follows the settled land, not the legal border,
// and is meant for a schematic map. The ring is closed implicitly (the last
// point joins the first); it is nil for an unknown state or one without
// places. state is the German name ("Saarland") or the GeoNames code ("09").
func (g *Gazetteer) Outline(state string, reachKm float64) []Point {
	g.ensure()
	info, ok := lookupState(state, state)
	if !ok || reachKm <= 0 {
		return nil
	}
	var pts []Point
	for _, p := range g.rows {
		if p.StateCode == info.Code {
			pts = append(pts, Point{p.Lat, p.Lon})
		}
	}
	if len(pts) == 0 {
		return nil
	}
	return outline(pts, reachKm)
}

// projection maps degrees to kilometres east and north of an origin
// (equirectangular, exact enough for a region of 100 km).
type projection struct{ lat0, lon0, kx, ky float64 }

func newProjection(lat0, lon0 float64) projection {
	return projection{lat0, lon0, 111.320 * math.Cos(lat0*math.Pi/180), 110.574}
}

func (p projection) xy(pt Point) (float64, float64) {
	return (pt.Lon - p.lon0) * p.kx, (pt.Lat - p.lat0) * p.ky
}

func (p projection) point(x, y float64) Point {
	return Point{Lat: p.lat0 + y/p.ky, Lon: p.lon0 + x/p.kx}
}

// outline traces the area within reach km of pts; see Gazetteer.Outline.
func outline(pts []Point, reach float64) []Point {
	const cell = 1.0 // km
	var lat, lon float64
	for _, p := range pts {
		lat, lon = lat+p.Lat, lon+p.Lon
	}
	proj := newProjection(lat/float64(len(pts)), lon/float64(len(pts)))
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	xs, ys := make([]float64, len(pts)), make([]float64, len(pts))
	for i, p := range pts {
		xs[i], ys[i] = proj.xy(p)
		minX, maxX = math.Min(minX, xs[i]), math.Max(maxX, xs[i])
		minY, maxY = math.Min(minY, ys[i]), math.Max(maxY, ys[i])
	}
	// Dilate by reach+grow, fill holes, erode by grow: the closing joins
	// outlying places to the rest. The grid leaves a margin of empty cells
	// all round.
	grow := reach
	x0, y0 := minX-reach-grow-2*cell, minY-reach-grow-2*cell
	w := int((maxX-minX+2*(reach+grow))/cell) + 5
	h := int((maxY-minY+2*(reach+grow))/cell) + 5
	in := make([]bool, w*h)
	reach += grow
	r2 := reach * reach
	for k := range pts {
		c0, c1 := int((xs[k]-reach-x0)/cell), int((xs[k]+reach-x0)/cell)+1
		r0, r1 := int((ys[k]-reach-y0)/cell), int((ys[k]+reach-y0)/cell)+1
		for r := max(r0, 0); r <= min(r1, h-1); r++ {
			for c := max(c0, 0); c <= min(c1, w-1); c++ {
				dx, dy := x0+(float64(c)+0.5)*cell-xs[k], y0+(float64(r)+0.5)*cell-ys[k]
				if dx*dx+dy*dy <= r2 {
					in[r*w+c] = true
				}
			}
		}
	}
	// Fill holes: whatever the outside cannot reach is inside.
	outside := make([]bool, w*h)
	stack := []int{0}
	outside[0] = true
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		r, c := i/w, i%w
		for _, n := range [4][2]int{{r - 1, c}, {r + 1, c}, {r, c - 1}, {r, c + 1}} {
			if n[0] < 0 || n[0] >= h || n[1] < 0 || n[1] >= w {
				continue
			}
			j := n[0]*w + n[1]
			if !outside[j] && !in[j] {
				outside[j] = true
				stack = append(stack, j)
			}
		}
	}
	// Erode: a cell stays when every cell within grow of it is inside.
	var disk [][2]int
	g := int(grow/cell) + 1
	for dr := -g; dr <= g; dr++ {
		for dc := -g; dc <= g; dc++ {
			if float64(dr*dr+dc*dc)*cell*cell <= grow*grow {
				disk = append(disk, [2]int{dr, dc})
			}
		}
	}
	kept := make([]bool, w*h)
	for r := 0; r < h; r++ {
		for c := 0; c < w; c++ {
			if outside[r*w+c] {
				continue
			}
			ok := true
			for _, d := range disk {
				rr, cc := r+d[0], c+d[1]
				if rr < 0 || rr >= h || cc < 0 || cc >= w || outside[rr*w+cc] {
					ok = false
					break
				}
			}
			kept[r*w+c] = ok
		}
	}
	inside := func(r, c int) bool { return r >= 0 && r < h && c >= 0 && c < w && kept[r*w+c] }

	// The boundary: the cell edges between inside and outside, directed so
	// that the inside lies to the left, joined into rings at grid corners.
	type corner struct{ r, c int }
	next := map[corner][]corner{}
	for r := 0; r < h; r++ {
		for c := 0; c < w; c++ {
			if !inside(r, c) {
				continue
			}
			if !inside(r-1, c) { // bottom edge, west to east
				next[corner{r, c}] = append(next[corner{r, c}], corner{r, c + 1})
			}
			if !inside(r, c+1) { // east edge, south to north
				next[corner{r, c + 1}] = append(next[corner{r, c + 1}], corner{r + 1, c + 1})
			}
			if !inside(r+1, c) { // top edge, east to west
				next[corner{r + 1, c + 1}] = append(next[corner{r + 1, c + 1}], corner{r + 1, c})
			}
			if !inside(r, c-1) { // west edge, north to south
				next[corner{r + 1, c}] = append(next[corner{r + 1, c}], corner{r, c})
			}
		}
	}
	starts := make([]corner, 0, len(next))
	for k := range next {
		starts = append(starts, k)
	}
	sort.Slice(starts, func(i, j int) bool {
		if starts[i].r != starts[j].r {
			return starts[i].r < starts[j].r
		}
		return starts[i].c < starts[j].c
	})
	var best [][2]float64
	for _, s := range starts {
		if len(next[s]) == 0 {
			continue
		}
		var ring [][2]float64
		for at := s; len(next[at]) > 0; {
			to := next[at][0]
			next[at] = next[at][1:]
			ring = append(ring, [2]float64{x0 + float64(at.c)*cell, y0 + float64(at.r)*cell})
			at = to
			if at == s {
				break
			}
		}
		if len(ring) > len(best) {
			best = ring
		}
	}
	simple := simplify(best, 0.9*cell)
	out := make([]Point, len(simple))
	for i, p := range simple {
		out[i] = proj.point(p[0], p[1])
	}
	return out
}

// simplify reduces a closed ring with the Douglas–Peucker algorithm: no
// point of the ring lies further than tol from the result.
func simplify(ring [][2]float64, tol float64) [][2]float64 {
	if len(ring) < 4 {
		return ring
	}
	// Split the ring at its first point and the point furthest from it.
	far, dmax := 0, -1.0
	for i, p := range ring {
		if d := math.Hypot(p[0]-ring[0][0], p[1]-ring[0][1]); d > dmax {
			far, dmax = i, d
		}
	}
	a := dp(ring[:far+1], tol)
	b := dp(append(append([][2]float64{}, ring[far:]...), ring[0]), tol)
	return append(a[:len(a)-1], b[:len(b)-1]...)
}

func dp(line [][2]float64, tol float64) [][2]float64 {
	if len(line) < 3 {
		return line
	}
	a, b := line[0], line[len(line)-1]
	idx, dmax := 0, -1.0
	for i := 1; i < len(line)-1; i++ {
		if d := segmentDistance(line[i], a, b); d > dmax {
			idx, dmax = i, d
		}
	}
	if dmax <= tol {
		return [][2]float64{a, b}
	}
	left := dp(line[:idx+1], tol)
	right := dp(line[idx:], tol)
	return append(left[:len(left)-1], right...)
}

func segmentDistance(p, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return math.Hypot(p[0]-a[0], p[1]-a[1])
	}
	t := math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
}

// Offset returns how many kilometres p lies east and north of origin, on a
// flat map centred there (equirectangular projection; good to a few metres
// per kilometre within a region of 200 km).
func Offset(origin, p Point) (eastKm, northKm float64) {
	return newProjection(origin.Lat, origin.Lon).xy(p)
}
