package demo

import (
	"fmt"
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
)

// venueSpec describes a venue. Venues with main set are where a provider's
// classes usually take place; a provider without one gets a classroom at its
// own address.
type venueSpec struct {
	key, owner         string // owner is a provider key; "" for the network's learning places
	main               bool
	name, kind         string
	street, code, city string
	district           string
	desc               string
	hours              string // e.g. "mo-fr 09:00-18:00; sa 10:00-14:00", see parseHours
	equipment          []string
	access             []string // vocabulary "accessibility"; nil: drawn at random
}

// mainKind overrides the kind of a provider's automatic main venue.
var mainKind = map[string]string{
	"saar-automotive":   "company",
	"klinikum-westsaar": "company",
	"softwerk-igb":      "company",
	"kulturwerkstatt":   "other",
	"mgh-ottweiler":     "other",
}

var allAccess = []string{"step_free", "lift", "accessible_wc", "disabled_parking"}

// venueSpecs lists the venues that are more than a provider's classroom.
var venueSpecs = []venueSpec{
	{key: "vhs-sb-schlossplatz", owner: "vhs-sb", main: true, name: "VHS-Zentrum am Schlossplatz", kind: "classroom",
		street: "Schloßplatz 2", code: "66119", city: "Saarbrücken", district: "Alt-Saarbrücken",
		desc:      "Hauptgebäude der Volkshochschule im Alten Rathaus mit 24 Kursräumen, zwei EDV-Räumen und Lehrküche.",
		equipment: []string{"2 EDV-Räume mit je 14 PC-Arbeitsplätzen", "Lehrküche", "WLAN", "Beamer in allen Räumen"},
		access:    []string{"step_free", "lift", "accessible_wc", "hearing_loop"}},
	{key: "vhs-sb-dudweiler", owner: "vhs-sb", name: "VHS-Lernzentrum Dudweiler", kind: "classroom",
		street: "Rathausstraße 7", code: "66125", city: "Saarbrücken", district: "Dudweiler",
		desc:   "Außenstelle mit vier Kursräumen und Bewegungsraum.",
		access: []string{"step_free", "accessible_wc"}},
	{key: "vhs-mzg-haus", owner: "vhs-mzg", main: true, name: "VHS-Haus Merzig", kind: "classroom",
		street: "Hochwaldstraße 44", code: "66663", city: "Merzig",
		desc: "Kurshaus der VHS Merzig-Wadern mit zehn Kursräumen."},
	{key: "vhs-mzg-wadern", owner: "vhs-mzg", name: "VHS-Außenstelle Wadern", kind: "classroom",
		street: "Marktplatz 13", code: "66687", city: "Wadern",
		desc: "Zwei Kursräume im Alten Rathaus Wadern."},
	{key: "slz-merzig", owner: "vhs-mzg", name: "Selbstlernzentrum Merzig", kind: "self_learning_centre",
		street: "Hochwaldstraße 44", code: "66663", city: "Merzig",
		desc:      "Offenes Selbstlernzentrum im VHS-Haus: Lernen am PC, mit Sprachlernprogrammen und Lernbegleitung, ohne Anmeldung und kostenfrei.",
		hours:     "mo,tu,th 09:00-12:30; mo,tu,th 14:00-18:00; we 09:00-13:00; fr 09:00-14:00",
		equipment: []string{"8 PC-Arbeitsplätze", "WLAN", "Sprachlernsoftware", "Drucker und Scanner", "Headsets", "Lernbegleitung dienstags und donnerstags"},
		access:    []string{"step_free", "lift", "accessible_wc"}},
	{key: "kvhs-sls-dillingen", owner: "kvhs-sls", name: "KVHS-Kursraum Dillingen", kind: "classroom",
		street: "Merziger Straße 51", code: "66763", city: "Dillingen",
		desc: "Kursräume im Bürgerhaus Dillingen."},
	{key: "kvhs-sls-lebach", owner: "kvhs-sls", name: "KVHS-Kursraum Lebach", kind: "classroom",
		street: "Pickardstraße 2", code: "66822", city: "Lebach",
		desc: "Kursraum in der Stadthalle Lebach."},
	{key: "vhs-spk-blieskastel", owner: "vhs-spk", name: "VHS-Außenstelle Blieskastel", kind: "classroom",
		street: "Schlossbergstraße 2", code: "66440", city: "Blieskastel",
		desc: "Kursräume in der Orangerie."},
	{key: "vhs-spk-bexbach", owner: "vhs-spk", name: "VHS-Außenstelle Bexbach", kind: "classroom",
		street: "Rathausstraße 68", code: "66450", city: "Bexbach",
		desc: "Kursraum und Gymnastikraum im Bürgerzentrum."},
	{key: "kvhs-nk-ottweiler", owner: "kvhs-nk", name: "KVHS-Außenstelle Ottweiler", kind: "classroom",
		street: "Schlosshof 4", code: "66564", city: "Ottweiler",
		desc: "Kursräume in der historischen Altstadt."},
	{key: "lernzentrum-igb", owner: "vhs-igb", name: "Lernzentrum St. Ingbert", kind: "self_learning_centre",
		street: "Spinnereistraße 1", code: "66386", city: "St. Ingbert",
		desc:      "Selbstlernzentrum in der Alten Baumwollspinnerei: Lernplätze, PCs mit Lernsoftware, Gruppenraum und Beratung zu Lernwegen.",
		hours:     "tu-fr 10:00-18:00; sa 10:00-14:00",
		equipment: []string{"10 PC-Arbeitsplätze", "WLAN", "Sprachlernsoftware", "Gruppenarbeitsraum (8 Plätze)", "Tablets zum Ausleihen", "3D-Drucker"},
		access:    []string{"step_free", "lift", "accessible_wc", "disabled_parking"}},
	{key: "ak-kirkel", owner: "ak", name: "Bildungszentrum der Arbeitskammer Kirkel", kind: "classroom",
		street: "Am Tannenwald 1", code: "66459", city: "Kirkel",
		desc:      "Tagungszentrum mit Übernachtung im Grünen: zwölf Seminarräume, Hotel und Restaurant.",
		equipment: []string{"12 Seminarräume", "WLAN", "Übernachtung im Haus"},
		access:    []string{"step_free", "lift", "accessible_wc", "disabled_parking"}},
	{key: "uds-homburg", owner: "uds", name: "Universität des Saarlandes, Campus Homburg", kind: "classroom",
		street: "Kirrberger Straße 100", code: "66424", city: "Homburg",
		desc: "Medizinische Fakultät mit Hörsälen und Skills-Lab."},
	{key: "aa-biz", owner: "aa-saarland", main: true, name: "Berufsinformationszentrum (BiZ) Saarbrücken", kind: "classroom",
		street: "Hafenstraße 18", code: "66111", city: "Saarbrücken",
		desc:      "Im BiZ informieren Sie sich über Berufe, Aus- und Weiterbildung – mit PC-Plätzen und Veranstaltungsraum.",
		hours:     "mo-we 08:00-16:00; th 08:00-18:00; fr 08:00-12:30",
		equipment: []string{"6 PC-Arbeitsplätze", "Veranstaltungsraum für 40 Personen"},
		access:    []string{"step_free", "lift", "accessible_wc", "hearing_loop"}},
	{key: "it-akademie-online", owner: "it-akademie", name: "Virtuelles Klassenzimmer der IT-Akademie Saar", kind: "online",
		desc: "Live-Unterricht im Browser mit Breakout-Räumen und virtuellen Laborumgebungen."},
	{key: "fernakademie-online", owner: "fernakademie", name: "Online-Campus der Fernakademie Südwest", kind: "online",
		desc: "Lernplattform mit Studienheften, Einsendeaufgaben, Foren und Live-Sprechstunden."},
	{key: "keb-pfarrheim", owner: "keb", name: "Pfarrheim St. Michael", kind: "other",
		street: "Schwarzenbergstraße 2", code: "66111", city: "Saarbrücken", district: "St. Johann",
		desc: "Gemeinderäume mit Saal und Küche."},

	// Learning places of libraries
	{key: "lib-sb", owner: "stabi-sb", main: true, name: "Stadtbibliothek Saarbrücken", kind: "library",
		street: "Gustav-Regler-Platz 1", code: "66111", city: "Saarbrücken", district: "St. Johann",
		desc:      "Zentralbibliothek mit 60 Lernplätzen, Lernkabinen, PC-Arbeitsplätzen und Sprachlernecke.",
		hours:     "tu,we,fr 10:00-19:00; th 10:00-20:00; sa 10:00-15:00",
		equipment: []string{"60 Lernplätze", "12 PC-Arbeitsplätze", "WLAN", "Sprachlernecke mit Sprachlernsoftware", "Lernkabinen zum Reservieren", "Onleihe Saar", "Lesegerät für Menschen mit Sehbehinderung"},
		access:    []string{"step_free", "lift", "accessible_wc", "hearing_loop", "tactile_guidance"}},
	{key: "lib-nk", owner: "stabi-nk", main: true, name: "Stadtbibliothek Neunkirchen", kind: "library",
		street: "Marienstraße 2", code: "66538", city: "Neunkirchen",
		desc:      "Bibliothek mit Lerninsel und Digitalsprechstunde.",
		hours:     "tu,we,fr 10:00-18:00; th 12:00-19:00; sa 10:00-13:00",
		equipment: []string{"Lerninsel mit 20 Plätzen", "6 PC-Arbeitsplätze", "WLAN", "Tablets zum Ausprobieren", "Onleihe Saar"},
		access:    []string{"step_free", "accessible_wc"}},
	{key: "lib-sls", owner: "stabi-sls", main: true, name: "Stadtbibliothek Saarlouis", kind: "library",
		street: "Kaiser-Friedrich-Ring 26", code: "66740", city: "Saarlouis",
		desc:      "Bibliothek in der Altstadt mit Lesecafé und Sprachenbereich.",
		hours:     "mo 14:00-18:00; tu,we,fr 10:00-18:00; th 10:00-19:00; sa 10:00-13:00",
		equipment: []string{"30 Lernplätze", "4 PC-Arbeitsplätze", "WLAN", "Sprachkurse auf DVD und online", "Drucker und Scanner"},
		access:    []string{"step_free", "lift", "accessible_wc"}},
	{key: "lib-hom", owner: "stabi-hom", main: true, name: "Stadtbibliothek Homburg", kind: "library",
		street: "Am Forum 5", code: "66424", city: "Homburg",
		desc:      "Stadtbibliothek mit Schulungsraum.",
		hours:     "tu-fr 10:00-18:00; sa 10:00-13:00",
		equipment: []string{"Schulungsraum mit 10 Laptops", "WLAN", "Tablets zum Ausprobieren"},
		access:    []string{"step_free", "lift"}},

	// Learning places of the network itself
	{key: "slz-sb", name: "Selbstlernzentrum Saarbrücken", kind: "self_learning_centre",
		street: "Bahnhofstraße 31", code: "66111", city: "Saarbrücken", district: "St. Johann",
		desc:      "Das Selbstlernzentrum des Netzwerks in der Innenstadt: kostenfreie Lernplätze mit PC, Lernsoftware für Sprachen, Grundbildung und EDV, dazu Lernberatung durch die Weiterbildungsberatung Saar.",
		hours:     "mo-we,fr 09:00-18:00; th 09:00-20:00; sa 10:00-14:00",
		equipment: []string{"16 PC-Arbeitsplätze", "WLAN", "Sprachlernsoftware", "Lernprogramme für Grundbildung", "Drucker und Scanner", "Headsets", "Lernbegleitung werktags 10–16 Uhr"},
		access:    []string{"step_free", "lift", "accessible_wc", "hearing_loop", "tactile_guidance"}},
	{key: "lib-wnd", name: "Stadtbücherei St. Wendel", kind: "library",
		street: "Schloßstraße 3", code: "66606", city: "St. Wendel",
		desc:      "Kleine Stadtbücherei mit Lernplätzen und Onleihe.",
		hours:     "tu,th 10:00-18:00; we,fr 10:00-13:00; sa 10:00-12:00",
		equipment: []string{"12 Lernplätze", "2 PC-Arbeitsplätze", "WLAN", "Onleihe Saar"},
		access:    []string{"step_free"}},
	{key: "lib-losheim", name: "Gemeindebücherei Losheim am See", kind: "library",
		street: "Merziger Straße 3", code: "66679", city: "Losheim am See",
		desc:      "Gemeindebücherei mit Lernecke und Vorlesestunden.",
		hours:     "tu 14:00-18:00; th 10:00-12:00; th 14:00-19:00; sa 10:00-12:00",
		equipment: []string{"8 Lernplätze", "1 PC-Arbeitsplatz", "WLAN"},
		access:    []string{"step_free", "accessible_wc", "disabled_parking"}},
}

func (g *generator) addVenues() {
	g.venueIndex = make(map[string]int)
	g.ownVenues = make(map[string][]int)
	g.onlineVenue = make(map[string]int)
	for _, p := range g.providerSpecs {
		hasMain := false
		for _, vs := range venueSpecs {
			if vs.owner == p.key && vs.main {
				g.addVenue(vs)
				hasMain = true
			}
		}
		if !hasMain {
			kind := mainKind[p.key]
			if kind == "" {
				kind = "classroom"
			}
			g.addVenue(venueSpec{key: p.key + "-main", owner: p.key, main: true, name: p.name, kind: kind,
				street: p.street, code: p.code, city: p.city, district: p.district,
				desc: "Räume am Sitz von " + p.name + "."})
		}
		for _, vs := range venueSpecs {
			if vs.owner == p.key && !vs.main {
				g.addVenue(vs)
			}
		}
	}
	for _, vs := range venueSpecs {
		if vs.owner == "" {
			g.addVenue(vs)
		}
	}
}

func (g *generator) addVenue(vs venueSpec) {
	if _, dup := g.venueIndex[vs.key]; dup {
		panic("demo: duplicate venue key " + vs.key)
	}
	idx := len(g.cat.Venues)
	owner := -1
	v := &catalogue.Venue{
		Name:          vs.name,
		Kind:          vs.kind,
		Description:   vs.desc,
		OpeningHours:  parseHours(vs.hours),
		Equipment:     vs.equipment,
		Accessibility: vs.access,
		Provenance:    g.provenance(fmt.Sprintf("venue-%02d-%s", idx+1, vs.key)),
	}
	if vs.code != "" {
		v.Address = g.address(vs.street, vs.code, vs.city, vs.district)
		v.Geo = g.geoOf(vs.code, idx+7)
		if vs.access == nil {
			for _, a := range allAccess {
				if g.chance(0.55) {
					v.Accessibility = append(v.Accessibility, a)
				}
			}
		}
	}
	if vs.owner != "" {
		owner = g.providerIndex[vs.owner]
		spec := g.providerSpecs[owner]
		v.Website, v.Email, v.Phone = spec.website(), spec.email("info"), spec.phone+"-0"
		switch {
		case vs.kind == "online":
			g.onlineVenue[vs.owner] = idx
		case vs.kind != "self_learning_centre":
			g.ownVenues[vs.owner] = append(g.ownVenues[vs.owner], idx)
		}
	} else {
		v.Website = "https://www.lernnetz-saar.example/lernorte/" + vs.key
		v.Email = "lernorte@lernnetz-saar.example"
		v.Phone = "0681 6853-30"
	}
	g.venueIndex[vs.key] = idx
	g.cat.Venues = append(g.cat.Venues, v)
	g.cat.VenueProvider = append(g.cat.VenueProvider, owner)
}

// parseHours reads opening hours written as "mo-fr 09:00-18:00; sa
// 10:00-14:00": groups separated by ";", each a list of days or day ranges
// and one interval. Intervals are sorted by weekday, then opening time.
func parseHours(s string) []catalogue.OpeningHours {
	if s == "" {
		return nil
	}
	days := []string{"mo", "tu", "we", "th", "fr", "sa", "su"}
	pos := func(d string) int {
		for i, x := range days {
			if x == d {
				return i
			}
		}
		panic("demo: bad weekday " + d)
	}
	perDay := make([][]catalogue.OpeningHours, 7)
	for _, group := range strings.Split(s, ";") {
		f := strings.Fields(group)
		if len(f) != 2 {
			panic("demo: bad opening hours " + group)
		}
		opens, closes, ok := strings.Cut(f[1], "-")
		if !ok {
			panic("demo: bad opening interval " + f[1])
		}
		for _, part := range strings.Split(f[0], ",") {
			from, to, isRange := strings.Cut(part, "-")
			if !isRange {
				to = from
			}
			for i := pos(from); i <= pos(to); i++ {
				perDay[i] = append(perDay[i], catalogue.OpeningHours{Day: days[i], Opens: opens, Closes: closes})
			}
		}
	}
	var out []catalogue.OpeningHours
	for _, hs := range perDay {
		for i := 1; i < len(hs); i++ { // few entries: insertion sort by opening time
			for j := i; j > 0 && hs[j].Opens < hs[j-1].Opens; j-- {
				hs[j], hs[j-1] = hs[j-1], hs[j]
			}
		}
		out = append(out, hs...)
	}
	return out
}
