package geo

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Place is a German place with a postal code, as the gazetteer knows it.
type Place struct {
	PostalCode string  `json:"postal_code"`
	Name       string  `json:"name"`       // e.g. "Saarbrücken", "Sankt Ingbert"
	State      string  `json:"state"`      // German name of the federal state, e.g. "Saarland"
	StateCode  string  `json:"state_code"` // two-digit GeoNames code of the state, e.g. "09"
	District   string  `json:"district"`   // the data's community, e.g. "Regionalverband Saarbrücken"
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	// FederalState is the state's KURSNET code, e.g. "SAA" (see StateInfo);
	// lernnetz stores it in catalogue.Address.State.
	FederalState string `json:"federal_state"`
	// LargeCustomer is set when the postal code belongs to one organisation
	// (Großkundenpostleitzahl); Organisation then names it and Name is the
	// nearest ordinary place of its district.
	LargeCustomer bool   `json:"large_customer,omitempty"`
	Organisation  string `json:"organisation,omitempty"`
}

// Gazetteer answers questions about German postal codes and places. It is
// safe for concurrent use.
type Gazetteer struct {
	once sync.Once
	lazy func() (*Gazetteer, error) // loads the data on first use, or nil

	rows   []Place            // every row of the data, in file order
	byCode map[string][]int32 // postal code → rows, ordinary places first
	groups []group            // places: rows with the same name and district
	names  map[string][]int   // Fold(name) and base name → groups, best first
	loose  map[string][]int   // foldLoose of the same keys → groups, best first
	orgs   map[string][]int32 // Fold(organisation) → large-customer rows
}

// group is one place made of the rows (postal codes) with the same name in
// the same district, with its representative Place.
type group struct {
	key, base string // Fold(name) and baseName(name)
	codes     int    // number of distinct postal codes
	place     Place
}

//go:embed zipcodes.de.csv.gz
var embeddedCSV []byte

var defaultGazetteer = &Gazetteer{lazy: func() (*Gazetteer, error) {
	zr, err := gzip.NewReader(bytes.NewReader(embeddedCSV))
	if err != nil {
		return nil, err
	}
	return Load(zr)
}}

// Default returns the gazetteer of the embedded GeoNames data. The data is
// parsed on the first lookup (under 0.1 s), not when the program starts.
func Default() *Gazetteer { return defaultGazetteer }

// ensure loads a lazily loaded gazetteer. The embedded data is part of the
// program and tested, so a failure is a programming error and panics.
func (g *Gazetteer) ensure() {
	if g.lazy == nil {
		return
	}
	g.once.Do(func() {
		loaded, err := g.lazy()
		if err != nil {
			panic(fmt.Sprintf("geo: embedded postal code data: %v", err))
		}
		g.rows, g.byCode, g.groups = loaded.rows, loaded.byCode, loaded.groups
		g.names, g.loose, g.orgs = loaded.names, loaded.loose, loaded.orgs
	})
}

// Len returns the number of rows (postal code–place pairs) loaded.
func (g *Gazetteer) Len() int {
	g.ensure()
	return len(g.rows)
}

// PostalCode returns the place of a five-digit postal code: the first
// ordinary place the data lists for it, or, for a large-customer code, the
// first organisation.
func (g *Gazetteer) PostalCode(code string) (Place, bool) {
	g.ensure()
	rows := g.byCode[strings.TrimSpace(code)]
	if len(rows) == 0 {
		return Place{}, false
	}
	return g.rows[rows[0]], true
}

// PostalCodePlaces returns every place of a postal code — one code can serve
// several places — ordinary places first, in the data's order.
func (g *Gazetteer) PostalCodePlaces(code string) []Place {
	g.ensure()
	rows := g.byCode[strings.TrimSpace(code)]
	out := make([]Place, len(rows))
	for i, r := range rows {
		out[i] = g.rows[r]
	}
	return out
}

// Place returns a place by name, ignoring case, diacritics and the usual
// spelling variants (see Fold): "Saarbrücken", "saarbruecken" and
// "SAARBRUCKEN" are the same place, as are "St. Ingbert" and "Sankt Ingbert".
// The place has the centroid of its postal codes as coordinate and its lowest
// postal code. When several places share the name, the one with the most
// postal codes wins, an exact name before a name with a suffix
// ("Neunkirchen" finds Neunkirchen/Saar with three codes before villages
// called Neunkirchen with one); Places lists all of them.
func (g *Gazetteer) Place(name string) (Place, bool) {
	places := g.places(name, 1)
	if len(places) == 0 {
		return Place{}, false
	}
	return places[0], true
}

// Places returns every place that the name may mean, best first (see Place).
// Organisations with a large-customer code are found by their exact name
// when no ordinary place matches.
func (g *Gazetteer) Places(name string) []Place {
	return g.places(name, -1)
}

func (g *Gazetteer) places(name string, limit int) []Place {
	g.ensure()
	key := Fold(name)
	if key == "" {
		return nil
	}
	ids := g.names[key]
	if len(ids) == 0 {
		ids = g.loose[foldLoose(key)]
	}
	if base := baseName(name); len(ids) == 0 && base != "" {
		// "Dillingen/Saar" when the data says "Dillingen".
		if ids = g.names[base]; len(ids) == 0 {
			ids = g.loose[foldLoose(base)]
		}
	}
	var out []Place
	for _, id := range ids {
		if limit >= 0 && len(out) >= limit {
			return out
		}
		out = append(out, g.groups[id].place)
	}
	if len(out) == 0 {
		for _, r := range g.orgs[key] {
			if limit >= 0 && len(out) >= limit {
				break
			}
			out = append(out, g.rows[r])
		}
	}
	return out
}

// Resolve turns what a person typed into a place: a five-digit postal code
// (also "66111 Saarbrücken") or a place name. An unknown code or name gives a
// *UnknownPlaceError whose message can be shown as it is.
func (g *Gazetteer) Resolve(s string) (Place, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return Place{}, &UnknownPlaceError{}
	}
	digits := leadingDigits(s)
	switch {
	case digits == len(s):
		if p, ok := g.PostalCode(s); ok && digits == 5 {
			return p, nil
		}
		return Place{}, &UnknownPlaceError{Input: s, PostalCode: true}
	case digits == 5 && s[5] == ' ':
		if p, ok := g.PostalCode(s[:5]); ok {
			return p, nil
		}
		if p, ok := g.Place(s[6:]); ok {
			return p, nil
		}
		return Place{}, &UnknownPlaceError{Input: s[:5], PostalCode: true}
	}
	if p, ok := g.Place(s); ok {
		return p, nil
	}
	return Place{}, &UnknownPlaceError{Input: s}
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// Load reads a gazetteer from CSV in the GeoNames-derived format of the
// embedded data (a header naming at least zipcode, place, state, state_code,
// community, community_code, latitude and longitude).
func Load(r io.Reader) (*Gazetteer, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("reading header: %w", err)
	}
	col := make(map[string]int, len(header))
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, name := range []string{"zipcode", "place", "state", "state_code", "community", "community_code", "latitude", "longitude"} {
		if _, ok := col[name]; !ok {
			return nil, fmt.Errorf("column %q is missing", name)
		}
	}
	g := &Gazetteer{byCode: make(map[string][]int32)}
	var community []string // community code of each row
	var large []bool       // the row is a large customer
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		field := func(name string) string { return strings.TrimSpace(rec[col[name]]) }
		text := func(name string) string { return repairUTF8(field(name)) }
		lat, errLat := strconv.ParseFloat(field("latitude"), 64)
		lon, errLon := strconv.ParseFloat(field("longitude"), 64)
		if errLat != nil || errLon != nil || math.Abs(lat) > 90 || math.Abs(lon) > 180 {
			return nil, fmt.Errorf("line %d: invalid coordinate %q, %q", line, field("latitude"), field("longitude"))
		}
		code := field("zipcode")
		if code == "" || text("place") == "" {
			return nil, fmt.Errorf("line %d: postal code or place is missing", line)
		}
		p := Place{PostalCode: code, Name: text("place"), District: text("community"), Lat: lat, Lon: lon}
		stateCode := field("state_code")
		if st, ok := lookupState(stateCode, text("state")); ok {
			p.State, p.StateCode, p.FederalState = st.Name, st.Code, st.KURSNET
		}
		// Large-customer rows carry the numeric GeoNames state code; rows of
		// ordinary places carry letters (see the package documentation).
		isLarge := leadingDigits(stateCode) == 2 && len(stateCode) == 2
		if isLarge {
			p.LargeCustomer, p.Organisation = true, p.Name
		}
		g.rows = append(g.rows, p)
		community = append(community, field("community_code"))
		large = append(large, isLarge)
	}
	g.index(community, large)
	return g, nil
}

// repairUTF8 undoes double encoding ("KÃ¶ln" → "Köln"): text whose runes
// all fit in a byte and whose bytes are valid UTF-8 was UTF-8 read as Latin-1.
func repairUTF8(s string) string {
	if !strings.Contains(s, "Ã") && !strings.Contains(s, "Â") {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			return s
		}
		b = append(b, byte(r))
	}
	if !utf8.Valid(b) {
		return s
	}
	return string(b)
}

// index builds the lookup maps once all rows are read.
func (g *Gazetteer) index(community []string, large []bool) {
	// Postal codes: ordinary places first, then organisations.
	for pass := 0; pass < 2; pass++ {
		for i := range g.rows {
			if large[i] == (pass == 1) {
				code := g.rows[i].PostalCode
				g.byCode[code] = append(g.byCode[code], int32(i))
			}
		}
	}

	// Places: ordinary rows grouped by name and district.
	byGroup := make(map[string]int)
	var members [][]int32
	for i, p := range g.rows {
		if large[i] {
			continue
		}
		k := Fold(p.Name) + "\x00" + community[i]
		id, ok := byGroup[k]
		if !ok {
			id = len(g.groups)
			byGroup[k] = id
			g.groups = append(g.groups, group{key: Fold(p.Name), base: baseName(p.Name)})
			members = append(members, nil)
		}
		members[id] = append(members[id], int32(i))
	}
	for id := range g.groups {
		g.groups[id].codes, g.groups[id].place = g.summarise(members[id])
	}

	g.names = make(map[string][]int)
	g.loose = make(map[string][]int)
	for id, gr := range g.groups {
		g.names[gr.key] = append(g.names[gr.key], id)
		g.loose[foldLoose(gr.key)] = append(g.loose[foldLoose(gr.key)], id)
		if gr.base != "" {
			g.names[gr.base] = append(g.names[gr.base], id)
			if lb := foldLoose(gr.base); lb != foldLoose(gr.key) {
				g.loose[lb] = append(g.loose[lb], id)
			}
		}
	}
	for key, ids := range g.names {
		g.rank(key, ids, func(s string) string { return s })
	}
	for key, ids := range g.loose {
		g.rank(key, ids, foldLoose)
	}

	// Organisations: their own name, and the nearest place of their district.
	g.orgs = make(map[string][]int32)
	byCommunity := make(map[string][]int32)
	for i := range g.rows {
		if !large[i] {
			byCommunity[community[i]] = append(byCommunity[community[i]], int32(i))
		}
	}
	for i := range g.rows {
		if !large[i] {
			continue
		}
		key := Fold(g.rows[i].Organisation)
		g.orgs[key] = append(g.orgs[key], int32(i))
		if near, ok := g.nearest(g.rows[i], byCommunity[community[i]]); ok {
			g.rows[i].Name = near.Name
		}
	}
}

// summarise makes the representative place of a group: the first row's
// names, the lowest postal code and the centroid of the rows.
func (g *Gazetteer) summarise(rows []int32) (int, Place) {
	p := g.rows[rows[0]]
	codes := make(map[string]bool, len(rows))
	var lat, lon float64
	for _, r := range rows {
		row := g.rows[r]
		codes[row.PostalCode] = true
		if row.PostalCode < p.PostalCode {
			p.PostalCode = row.PostalCode
		}
		lat += row.Lat
		lon += row.Lon
	}
	p.Lat = math.Round(lat/float64(len(rows))*1e4) / 1e4
	p.Lon = math.Round(lon/float64(len(rows))*1e4) / 1e4
	return len(codes), p
}

// rank orders the groups found under a key: most postal codes first, then
// the groups whose full name is the key, then by lowest postal code.
func (g *Gazetteer) rank(key string, ids []int, fold func(string) string) {
	slices.SortStableFunc(ids, func(a, b int) int {
		ga, gb := &g.groups[a], &g.groups[b]
		if ga.codes != gb.codes {
			return gb.codes - ga.codes
		}
		ea, eb := fold(ga.key) == key, fold(gb.key) == key
		if ea != eb {
			if ea {
				return -1
			}
			return 1
		}
		return strings.Compare(ga.place.PostalCode, gb.place.PostalCode)
	})
}

// nearest returns the ordinary place among rows closest to p. Within a
// district the flat-earth approximation orders distances correctly.
func (g *Gazetteer) nearest(p Place, rows []int32) (Place, bool) {
	best, bestDist := -1, math.Inf(1)
	cos := math.Cos(p.Lat * math.Pi / 180)
	for _, r := range rows {
		q := &g.rows[r]
		dy, dx := q.Lat-p.Lat, (q.Lon-p.Lon)*cos
		if d := dx*dx + dy*dy; d < bestDist {
			best, bestDist = int(r), d
		}
	}
	if best < 0 {
		return Place{}, false
	}
	return g.rows[best], true
}
