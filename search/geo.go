package search

import (
	"math"

	"github.com/RoaringBitmap/roaring/v2"

	"github.com/lernnetz/lernnetz/geo"
)

// The radius index is a grid of cellDeg × cellDeg degree cells. Every segment
// keeps, per cell, the documents that have a date at a venue in it.
const cellDeg = 0.05

const cellsPerRow = 7200 // 360° / cellDeg

func cellIndex(lat, lon float64) (int, int) {
	return int(math.Floor((lat + 90) / cellDeg)), int(math.Floor((lon + 180) / cellDeg))
}

func cellOf(lat, lon float64) uint32 {
	y, x := cellIndex(lat, lon)
	return uint32(y*cellsPerRow + x)
}

// cellClass says how a grid cell lies relative to a search circle.
type cellClass uint8

const (
	cellUnknown  cellClass = iota // not classified yet
	cellOutside                   // no point of the cell is within the radius
	cellInside                    // every point of the cell is within the radius
	cellBoundary                  // some points may be within: check exactly
)

// eagerCells is the largest bounding box (in cells) classified up front;
// larger ones are classified cell by cell on first use.
const eagerCells = 4096

// circle is a radius search with the grid cells of its bounding box
// classified (a dense array: the lookup per date is an index computation).
// A circle belongs to one query, which one goroutine evaluates: the lazy
// classification needs no lock.
type circle struct {
	lat, lon, r float64
	y0, x0      int
	h, w        int
	class       []cellClass // h × w, row-major, classified on first use
	touched     []uint32    // cells not outside, when the box is small
	// for within: the cosine of the centre's latitude and the squared radii
	// below and above which the estimate is safe
	cosLat, inner2, outer2 float64
}

func newCircle(lat, lon, r float64) *circle {
	c := &circle{lat: lat, lon: lon, r: r}
	c.cosLat = math.Cos(lat * math.Pi / 180)
	// The estimate's error stays far below 5 % + 50 m within a few hundred
	// kilometres at German latitudes.
	inner, outer := r*0.95-0.05, r*1.05+0.05
	c.inner2, c.outer2 = math.Max(0, inner)*math.Max(0, inner), outer*outer
	dLat := r / 111.0 // km per degree of latitude (a little less than 111.2: errs on the large side)
	cosLat := math.Cos(math.Min(89.9, math.Abs(lat)+dLat) * math.Pi / 180)
	if cosLat < 0.01 {
		cosLat = 0.01
	}
	dLon := r / (111.0 * cosLat)
	y0, x0 := cellIndex(lat-dLat, lon-dLon)
	y1, x1 := cellIndex(lat+dLat, lon+dLon)
	c.y0, c.x0, c.h, c.w = y0, x0, y1-y0+1, x1-x0+1
	c.class = make([]cellClass, c.h*c.w)
	if c.h*c.w <= eagerCells {
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				cl := c.classify(y, x)
				c.class[(y-y0)*c.w+(x-x0)] = cl
				if cl != cellOutside {
					c.touched = append(c.touched, uint32(y*cellsPerRow+x))
				}
			}
		}
	} else {
		c.touched = nil // too many to list: docs() walks the segment's cells
	}
	return c
}

// within reports whether a point is within the radius: an equirectangular
// estimate decides unless the point is near the circle's edge, where the
// haversine distance does.
func (c *circle) within(lat, lon float64) bool {
	const kmPerDeg = 6371.0088 * math.Pi / 180
	dy := (lat - c.lat) * kmPerDeg
	dx := (lon - c.lon) * kmPerDeg * c.cosLat
	d2 := dx*dx + dy*dy
	if d2 < c.inner2 {
		return true
	}
	if d2 > c.outer2 {
		return false
	}
	return geo.Distance(c.lat, c.lon, lat, lon) <= c.r
}

// classOf returns the class of a grid cell, classifying it on first use.
func (c *circle) classOf(cell uint32) cellClass {
	y, x := int(cell/cellsPerRow)-c.y0, int(cell%cellsPerRow)-c.x0
	if y < 0 || x < 0 || y >= c.h || x >= c.w {
		return cellOutside
	}
	i := y*c.w + x
	if c.class[i] == cellUnknown {
		c.class[i] = c.classify(y+c.y0, x+c.x0)
	}
	return c.class[i]
}

// classify compares the cell with the circle: the nearest point of a
// lat/lon rectangle to the centre is the centre clamped into it; its farthest
// point is one of its corners (cells are small).
func (c *circle) classify(y, x int) cellClass {
	lat0 := float64(y)*cellDeg - 90
	lon0 := float64(x)*cellDeg - 180
	lat1, lon1 := lat0+cellDeg, lon0+cellDeg
	nearLat := math.Max(lat0, math.Min(lat1, c.lat))
	nearLon := math.Max(lon0, math.Min(lon1, c.lon))
	if geo.Distance(c.lat, c.lon, nearLat, nearLon) > c.r+0.01 {
		return cellOutside
	}
	far := 0.0
	for _, p := range [4][2]float64{{lat0, lon0}, {lat0, lon1}, {lat1, lon0}, {lat1, lon1}} {
		far = math.Max(far, geo.Distance(c.lat, c.lon, p[0], p[1]))
	}
	if far < c.r-0.01 {
		return cellInside
	}
	return cellBoundary
}

// docs returns the documents of s with a date at a venue in a cell that
// touches the circle (a superset of those within the radius).
func (c *circle) docs(s *segment) *roaring.Bitmap {
	var bms []*roaring.Bitmap
	if c.touched != nil && len(c.touched) < len(s.cells) {
		for _, k := range c.touched {
			if b := s.cells[k]; b != nil {
				bms = append(bms, b)
			}
		}
	} else {
		for k, b := range s.cells {
			if c.classOf(k) != cellOutside {
				bms = append(bms, b)
			}
		}
	}
	return roaring.FastOr(bms...)
}

// cellLowerBound returns a lower bound of the distance (km) from the centre
// to any point of a grid cell: the distance to the centre clamped into the
// cell's latitude and longitude ranges, less 1 % and 100 m (the clamped point
// is not exactly the nearest on the sphere; the error is far below that
// margin for cells of cellDeg).
func (c *circle) cellLowerBound(cell uint32) float64 {
	y, x := int(cell/cellsPerRow), int(cell%cellsPerRow)
	lat0 := float64(y)*cellDeg - 90
	lon0 := float64(x)*cellDeg - 180
	nearLat := math.Max(lat0, math.Min(lat0+cellDeg, c.lat))
	nearLon := math.Max(lon0, math.Min(lon0+cellDeg, c.lon))
	return geo.Distance(c.lat, c.lon, nearLat, nearLon)*0.99 - 0.1
}
