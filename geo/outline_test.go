package geo

import (
	"math"
	"testing"
)

// areaKm2 is the area of a ring in square kilometres (shoelace formula on
// the local projection).
func areaKm2(ring []Point) float64 {
	proj := newProjection(ring[0].Lat, ring[0].Lon)
	var a float64
	for i := range ring {
		x1, y1 := proj.xy(ring[i])
		x2, y2 := proj.xy(ring[(i+1)%len(ring)])
		a += x1*y2 - x2*y1
	}
	return math.Abs(a) / 2
}

// inRing reports whether p lies inside ring (even-odd rule).
func inRing(ring []Point, p Point) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a.Lat > p.Lat) != (b.Lat > p.Lat) && p.Lon < (b.Lon-a.Lon)*(p.Lat-a.Lat)/(b.Lat-a.Lat)+a.Lon {
			in = !in
		}
	}
	return in
}

// TestOutlineSaarland: the outline drawn from the postal-code places has
// about the Saarland's size (2,570 km²), holds its towns and leaves out
// the neighbours' towns, with few enough corners for a light map.
func TestOutlineSaarland(t *testing.T) {
	ring := Default().Outline("Saarland", 6)
	if len(ring) < 20 || len(ring) > 200 {
		t.Fatalf("outline of %d points, want 20–200", len(ring))
	}
	if a := areaKm2(ring); a < 1800 || a > 3600 {
		t.Errorf("area %.0f km², want about 2,570", a)
	}
	for _, town := range []string{"Saarbrücken", "Merzig", "Homburg", "St. Wendel", "Neunkirchen", "Saarlouis", "Perl", "Blieskastel"} {
		p, ok := Default().Place(town)
		if !ok {
			t.Fatalf("no place %s", town)
		}
		if !inRing(ring, Point{p.Lat, p.Lon}) {
			t.Errorf("%s (%.3f, %.3f) lies outside the outline", town, p.Lat, p.Lon)
		}
	}
	for _, town := range []string{"Trier", "Kaiserslautern", "Pirmasens", "Zweibrücken", "Idar-Oberstein"} {
		p, ok := Default().Place(town)
		if !ok {
			t.Fatalf("no place %s", town)
		}
		if inRing(ring, Point{p.Lat, p.Lon}) {
			t.Errorf("%s (%.3f, %.3f) lies inside the outline", town, p.Lat, p.Lon)
		}
	}
	if Default().Outline("09", 6) == nil || Default().Outline("Atlantis", 6) != nil {
		t.Error("state lookup by code or unknown name")
	}
}
