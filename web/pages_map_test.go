package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var (
	markerRe  = regexp.MustCompile(`<a class="map-marker" href="#(ort-\d+)" aria-label="(\d+): ([^"]+)">`)
	itemRe    = regexp.MustCompile(`<li id="(ort-\d+)"><span class="map-no" aria-hidden="true">(\d+)</span>`)
	distRe    = regexp.MustCompile(`<p class="meta">(\d+,\d) km von Saarbrücken</p>`)
	mapOffers = regexp.MustCompile(`<li><a href="/angebote/(\d+)">`)
)

// TestMapPage: the map of the learning places and the map of a search, both
// an SVG with a numbered link per place that leads to the same number in
// the text list, with distances from the searched place.
func TestMapPage(t *testing.T) {
	base := searchEnv(t)
	c := http.DefaultClient

	status, _, body := fetch(t, c, base, "/karte")
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	has(t, "map of learning places", body, "<h1>Karte der Lernorte</h1>",
		`<svg viewBox="0 0 640 `, `role="group" aria-labelledby="map-title" aria-describedby="map-desc"`,
		`<title id="map-title">Karte des Saarlands</title>`, `<desc id="map-desc">`,
		`<g role="img" aria-label="Umriss des Saarlands`, `<path class="map-region" d="M`, ">Saarbrücken</text>",
		"GeoNames (geonames.org, CC BY 4.0)", `<link rel="canonical" href="`+base+`/karte">`, `<a href="/lernorte">`)
	markers, items := markerRe.FindAllStringSubmatch(body, -1), itemRe.FindAllStringSubmatch(body, -1)
	if len(markers) < 5 || len(markers) != len(items) {
		t.Fatalf("%d markers and %d numbered list entries", len(markers), len(items))
	}
	for i, m := range markers {
		if m[1] != items[i][1] || m[2] != items[i][2] || m[2] != strconv.Itoa(i+1) {
			t.Errorf("marker %v does not match list entry %v", m[1:], items[i][1:])
		}
	}
	if !strings.Contains(body, "Stadtbibliothek Saarbrücken") {
		t.Error("a learning place is missing")
	}
	if strings.Contains(body, "<script") || strings.Contains(body, "tile") {
		t.Error("the map loads a script or tiles")
	}

	// The search's map: the same parameters, distances from the place, nearest first.
	_, _, list := fetch(t, c, base, "/suche?q=Englisch&near=66111&radius_km=50")
	has(t, "results", list, `<a href="/karte?near=66111&amp;q=Englisch&amp;radius_km=50">Auf der Karte zeigen</a>`)
	status, _, body = fetch(t, c, base, "/karte?q=Englisch&near=66111&radius_km=50&page=2")
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	has(t, "map of a search", body, "Karte: Angebote zu „Englisch“", "Entfernungen gelten ab Saarbrücken.",
		`aria-label="Ihr Ort: Saarbrücken"`, `<a href="/suche?near=66111&amp;q=Englisch&amp;radius_km=50">Zurück zur Trefferliste</a>`,
		`<meta name="robots" content="noindex">`)
	var last float64
	dists := distRe.FindAllStringSubmatch(body, -1)
	if len(dists) < 3 {
		t.Fatalf("%d distances in the list", len(dists))
	}
	for _, d := range dists {
		km, _ := strconv.ParseFloat(strings.Replace(d[1], ",", ".", 1), 64)
		if km < last || km > 50 {
			t.Errorf("distance %v km after %v km (radius 50)", km, last)
		}
		last = km
	}
	for _, m := range markerRe.FindAllStringSubmatch(body, -1) {
		if !strings.Contains(m[3], " km") || !strings.Contains(m[3], "Angebot") {
			t.Errorf("marker %s: name lacks distance or offers: %q", m[1], m[3])
		}
	}
	// Every offer on the map is a result of the same search (one parser).
	code, res := getSearch(t, base, url.Values{"q": {"Englisch"}, "near": {"66111"}, "radius_km": {"50"}, "per_page": {"100"}})
	if code != http.StatusOK {
		t.Fatalf("API status %d", code)
	}
	var ids []string
	for _, o := range res.Offers {
		ids = append(ids, strconv.FormatInt(o.ID, 10))
	}
	for _, m := range mapOffers.FindAllStringSubmatch(body, -1) {
		if !slices.Contains(ids, m[1]) {
			t.Errorf("offer %s is on the map but not a result", m[1])
		}
	}

	// English, and bad input tied to a clear message.
	_, _, body = fetch(t, c, base, "/karte?lang=en")
	has(t, "English map", body, `<html lang="en">`, "<h1>Map of learning places</h1>", "Map of the Saarland")
	status, _, body = fetch(t, c, base, "/karte?q=Englisch&near=Atlantis")
	if status != http.StatusBadRequest || !strings.Contains(body, "Atlantis") || !strings.Contains(body, `role="alert"`) {
		t.Errorf("unknown place: status %d", status)
	}
	if status, _, _ = fetch(t, c, base, "/karte?radius_km=abc"); status != http.StatusBadRequest {
		t.Errorf("bad radius: status %d", status)
	}
	// Learning places near a place: distances too.
	_, _, body = fetch(t, c, base, "/karte?zeige=lernorte&near=Homburg")
	has(t, "learning places near Homburg", body, "Entfernungen gelten ab Homburg.", "km von Homburg")
}
