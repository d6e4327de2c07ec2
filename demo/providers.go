package demo

import (
	"fmt"
	"math"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/geo"
)

// providerSpec describes one demo provider. Phone numbers are the base
// number; the switchboard gets "-0" and each person an extension.
type providerSpec struct {
	key, name, kind    string
	street, code, city string
	district           string // Ortsteil, optional
	domain, phone      string // domain without ".example"
	founded            int
	desc               string
	people             []person
	certs              []string // vocabulary "certificate"
	baNumber           bool     // has a provider number of the Bundesagentur
}

// person is a fictitious contact person of a provider.
type person struct {
	sal, title, given, family, role, mail, ext string
}

func (p *providerSpec) website() string { return "https://www." + p.domain + ".example" }
func (p *providerSpec) email(local string) string {
	return local + "@" + p.domain + ".example"
}

func (g *generator) addProviders() {
	g.providerIndex = make(map[string]int, len(providerSpecs))
	for i, spec := range providerSpecs {
		if _, dup := g.providerIndex[spec.key]; dup {
			panic("demo: duplicate provider key " + spec.key)
		}
		g.providerIndex[spec.key] = i
		g.providerSpecs = append(g.providerSpecs, spec)
		g.cat.Providers = append(g.cat.Providers, g.provider(i, spec))
	}
}

func (g *generator) provider(i int, s providerSpec) *catalogue.Provider {
	p := &catalogue.Provider{
		Name:        s.name,
		Kind:        s.kind,
		Description: s.desc,
		Address:     g.address(s.street, s.code, s.city, s.district),
		Geo:         g.geoOf(s.code, i),
		Website:     s.website(),
		Email:       s.email("info"),
		Phone:       s.phone + "-0",
		FoundedYear: s.founded,
		Provenance:  g.provenance(fmt.Sprintf("provider-%02d-%s", i+1, s.key)),
	}
	for _, ps := range s.people {
		p.Contacts = append(p.Contacts, catalogue.Contact{
			Salutation: ps.sal, Title: ps.title, GivenName: ps.given, FamilyName: ps.family,
			Role: ps.role, Phone: s.phone + "-" + ps.ext, Email: s.email(ps.mail),
		})
	}
	for _, code := range s.certs {
		from := g.now.AddDate(0, 0, -g.between(60, 1000))
		years := 3
		if code == "lqw" {
			years = 4
		}
		p.Certificates = append(p.Certificates, catalogue.Certificate{
			Code:       code,
			Note:       certificateNotes[code],
			ValidFrom:  isoDay(from),
			ValidUntil: isoDay(from.AddDate(years, 0, -1)),
		})
	}
	if s.baNumber {
		p.ExternalIDs = append(p.ExternalIDs, catalogue.ExternalID{Scheme: "ba", Value: fmt.Sprintf("%d", 10000000+g.rng.IntN(89999999))})
	}
	return p
}

var certificateNotes = map[string]string{
	"azav":      "Trägerzulassung nach AZAV durch eine fachkundige Stelle",
	"iso_9001":  "Qualitätsmanagementsystem nach DIN EN ISO 9001:2015",
	"iso_21001": "Managementsystem für Bildungsorganisationen",
	"lqw":       "Lernerorientierte Qualitätstestierung in der Weiterbildung",
	"efqm":      "Recognised for Excellence",
	"zfu":       "Zulassung der Fernlehrgänge durch die Staatliche Zentralstelle für Fernunterricht",
	"bamf":      "Zugelassener Träger für Integrationskurse",
	"other":     "Qualitätssiegel „Gute Weiterbildung Saar“ des Netzwerks",
}

// address makes an address; the federal state comes from the gazetteer.
func (g *generator) address(street, code, city, district string) catalogue.Address {
	a := catalogue.Address{Street: street, PostalCode: code, City: city, District: district, Country: "DE"}
	if p, ok := geo.Default().PostalCode(code); ok {
		a.State = p.FederalState
	}
	return a
}

// geoOf returns the coordinate of a postal code, moved by up to about 400 m
// in a direction fixed by n, so that the providers and venues of one postal
// code do not hide each other on a map.
func (g *generator) geoOf(code string, n int) *catalogue.Geo {
	p, ok := geo.Default().PostalCode(code)
	if !ok {
		panic("demo: unknown postal code " + code)
	}
	angle := float64(n) * 2.39996 // golden angle: well spread directions
	r := 0.0012 + 0.0024*float64(n%5)/4
	lat := p.Lat + r*math.Sin(angle)
	lon := p.Lon + r*math.Cos(angle)/math.Cos(p.Lat*math.Pi/180)
	return &catalogue.Geo{Lat: math.Round(lat*1e5) / 1e5, Lon: math.Round(lon*1e5) / 1e5}
}

// provenance marks a record as demo data, last confirmed some days ago.
func (g *generator) provenance(id string) catalogue.Provenance {
	confirmed := g.now.AddDate(0, 0, -g.between(0, 240)).Truncate(time.Hour)
	return catalogue.Provenance{Source: Source, SourceID: id, LastConfirmedAt: &confirmed}
}

// providerSpecs lists the network's providers. Names of public institutions
// are real; companies, private providers, associations and all people are
// invented.
var providerSpecs = []providerSpec{
	// Volkshochschulen
	{key: "vhs-sb", name: "Volkshochschule Regionalverband Saarbrücken", kind: "adult_education_centre",
		street: "Schloßplatz 2", code: "66119", city: "Saarbrücken", district: "Alt-Saarbrücken",
		domain: "vhs-saarbruecken", phone: "0681 506", founded: 1919,
		desc: "Die größte Volkshochschule des Saarlandes mit jährlich über 2.000 Kursen in Sprachen, Beruf, Gesundheit, Kultur und Grundbildung, dazu Integrationskurse und ein Selbstlernzentrum in der Innenstadt.",
		people: []person{
			{"Frau", "", "Claudia", "Becker", "Fachbereichsleitung Sprachen", "sprachen", "4310"},
			{"Herr", "", "Thomas", "Schneider", "Fachbereichsleitung Beruf und EDV", "beruf", "4320"},
			{"Frau", "", "Aylin", "Demir", "Beratung Integrationskurse", "integration", "4340"},
		},
		certs: []string{"lqw", "bamf", "azav"}, baNumber: true},
	{key: "vhs-mzg", name: "VHS Merzig-Wadern", kind: "adult_education_centre",
		street: "Hochwaldstraße 44", code: "66663", city: "Merzig",
		domain: "vhs-merzig-wadern", phone: "06861 8039", founded: 1947,
		desc: "Kreisvolkshochschule für den Landkreis Merzig-Wadern mit Kursen in Merzig, Wadern, Losheim am See und Perl – mit einem besonderen Schwerpunkt auf Französisch und Luxemburgisch für Grenzgängerinnen und Grenzgänger.",
		people: []person{
			{"Frau", "", "Monika", "Klein", "Programmplanung", "programm", "12"},
			{"Herr", "", "Jean-Luc", "Weber", "Sprachen und Grenzregion", "sprachen", "15"},
		},
		certs: []string{"lqw", "bamf"}},
	{key: "kvhs-nk", name: "Kreisvolkshochschule Neunkirchen", kind: "adult_education_centre",
		street: "Lindenallee 13", code: "66538", city: "Neunkirchen",
		domain: "kvhs-neunkirchen", phone: "06821 1021", founded: 1952,
		desc: "Die Kreisvolkshochschule bietet im ganzen Landkreis Neunkirchen Kurse zu Sprachen, EDV, Gesundheit und Kultur an, dazu Bildungsurlaube und Grundbildung.",
		people: []person{
			{"Herr", "", "Markus", "Hoffmann", "Leitung", "leitung", "10"},
			{"Frau", "", "Sabine", "Wagner", "Kursberatung", "beratung", "14"},
		},
		certs: []string{"lqw", "bamf"}},
	{key: "kvhs-sls", name: "Kreisvolkshochschule Saarlouis", kind: "adult_education_centre",
		street: "Kaiser-Wilhelm-Straße 4", code: "66740", city: "Saarlouis",
		domain: "kvhs-saarlouis", phone: "06831 4440", founded: 1950,
		desc: "Weiterbildung für den Landkreis Saarlouis mit Kursorten in Saarlouis, Dillingen, Lebach und Saarwellingen.",
		people: []person{
			{"Frau", "Dr.", "Andrea", "Müller", "Leitung", "leitung", "201"},
			{"Herr", "", "Stefan", "Meyer", "EDV und Beruf", "edv", "215"},
		},
		certs: []string{"lqw", "bamf", "azav"}, baNumber: true},
	{key: "vhs-spk", name: "Volkshochschule des Saarpfalz-Kreises", kind: "adult_education_centre",
		street: "Am Forum 1", code: "66424", city: "Homburg",
		domain: "vhs-saarpfalz", phone: "06841 104", founded: 1949,
		desc: "Die Volkshochschule des Saarpfalz-Kreises hat ihr Haupthaus in Homburg und Außenstellen in Blieskastel, Bexbach, Kirkel und Gersheim.",
		people: []person{
			{"Frau", "", "Petra", "Schmitt", "Kursverwaltung", "kurse", "7120"},
			{"Herr", "", "Daniel", "Fischer", "Gesundheit und Kultur", "gesundheit", "7125"},
		},
		certs: []string{"lqw"}},
	{key: "kvhs-wnd", name: "Kreisvolkshochschule St. Wendel", kind: "adult_education_centre",
		street: "Mommstraße 21", code: "66606", city: "St. Wendel",
		domain: "kvhs-wnd", phone: "06851 801", founded: 1951,
		desc: "Volkshochschule für das St. Wendeler Land mit Kursen in allen acht Gemeinden des Landkreises.",
		people: []person{
			{"Frau", "", "Julia", "Schäfer", "Programmbereich Beruf", "beruf", "5220"},
		},
		certs: []string{"lqw", "bamf"}},
	{key: "vhs-vk", name: "Volkshochschule Völklingen", kind: "adult_education_centre",
		street: "Rathausplatz 3", code: "66333", city: "Völklingen",
		domain: "vhs-voelklingen", phone: "06898 13", founded: 1948,
		desc: "Städtische Volkshochschule mit Sprachkursen, Integrationskursen und Angeboten zur Industriekultur rund um das Weltkulturerbe Völklinger Hütte.",
		people: []person{
			{"Herr", "", "Murat", "Yılmaz", "Integration und Sprachen", "sprachen", "2540"},
			{"Frau", "", "Heike", "Koch", "Anmeldung", "anmeldung", "2541"},
		},
		certs: []string{"bamf", "other"}},
	{key: "vhs-igb", name: "Volkshochschule St. Ingbert", kind: "adult_education_centre",
		street: "Kohlenstraße 63", code: "66386", city: "St. Ingbert",
		domain: "vhs-st-ingbert", phone: "06894 13", founded: 1953,
		desc: "Die Volkshochschule der Stadt St. Ingbert betreibt das Lernzentrum in der Alten Baumwollspinnerei mit Selbstlernplätzen.",
		people: []person{
			{"Frau", "", "Katrin", "Bauer", "Leitung und Lernzentrum", "leitung", "7830"},
		},
		certs: []string{"lqw"}},

	// Private providers
	{key: "bw-technik", name: "Saar-Bildungswerk Technik GmbH", kind: "private_provider",
		street: "Hüttenstraße 12", code: "66333", city: "Völklingen",
		domain: "saar-bildungswerk-technik", phone: "06898 91770", founded: 1991,
		desc: "Bildungsträger für Metall- und Elektroberufe mit Schweißfachbetrieb, CNC-Werkstatt und Prüfstelle für Schweißerprüfungen nach DIN EN ISO 9606.",
		people: []person{
			{"Herr", "", "Frank", "Zimmermann", "Lehrgangsberatung Metall", "metall", "21"},
			{"Frau", "", "Nadine", "Krämer", "Förderberatung", "foerderung", "30"},
		},
		certs: []string{"azav", "iso_9001"}, baNumber: true},
	{key: "sprachen-grenzland", name: "Sprachenzentrum Grenzland", kind: "private_provider",
		street: "Mainzer Straße 29", code: "66111", city: "Saarbrücken", district: "St. Johann",
		domain: "sprachenzentrum-grenzland", phone: "0681 9385", founded: 2004,
		desc: "Privates Sprachinstitut für Französisch, Englisch und Deutsch als Fremdsprache – mit Firmenkursen für Unternehmen der Großregion SaarLorLux und telc-Prüfungszentrum.",
		people: []person{
			{"Madame", "", "Sophie", "Laurent", "Studienberatung Französisch", "francais", "11"},
			{"Herr", "", "Michael", "Braun", "Firmenkurse", "firmen", "12"},
		},
		certs: []string{"iso_21001", "azav"}, baNumber: true},
	{key: "it-akademie", name: "IT-Akademie Saar GmbH", kind: "private_provider",
		street: "Europaallee 21", code: "66113", city: "Saarbrücken", district: "Malstatt",
		domain: "it-akademie-saar", phone: "0681 8309", founded: 2009,
		desc: "Zertifizierte IT-Weiterbildungen und Umschulungen in Vollzeit und Teilzeit, in Präsenz oder im virtuellen Klassenzimmer – förderfähig mit Bildungsgutschein.",
		people: []person{
			{"Frau", "", "Lena", "Hartmann", "Bildungsberatung", "beratung", "100"},
			{"Herr", "", "Piotr", "Nowak", "Dozent Netzwerke und Cloud", "p.nowak", "140"},
		},
		certs: []string{"azav", "iso_9001"}, baNumber: true},
	{key: "pflegeschule", name: "Pflegeschule Saarpfalz gGmbH", kind: "private_provider",
		street: "Kaiserstraße 50", code: "66424", city: "Homburg",
		domain: "pflegeschule-saarpfalz", phone: "06841 99370", founded: 1998,
		desc: "Gemeinnützige Pflegeschule mit Ausbildungen und Weiterbildungen in der Alten- und Krankenpflege, in Kooperation mit Pflegeeinrichtungen im ganzen Saarland.",
		people: []person{
			{"Frau", "", "Birgit", "Lang", "Schulleitung", "schulleitung", "10"},
			{"Herr", "", "Ahmad", "Haddad", "Beratung Quereinstieg Pflege", "beratung", "15"},
		},
		certs: []string{"azav", "iso_9001"}, baNumber: true},
	{key: "logistik-dillingen", name: "Logistik- und Fahrschulzentrum Dillingen", kind: "private_provider",
		street: "Industriestraße 7", code: "66763", city: "Dillingen",
		domain: "lfz-dillingen", phone: "06831 76540", founded: 1986,
		desc: "Aus- und Weiterbildung für Lager, Logistik und Verkehr: Staplerscheine, Berufskraftfahrer-Weiterbildung, Gefahrgut und Ladungssicherung.",
		people: []person{
			{"Herr", "", "Jürgen", "Schuster", "Lehrgangsleitung", "lehrgang", "3"},
		},
		certs: []string{"azav"}, baNumber: true},
	{key: "fernakademie", name: "Fernakademie Südwest", kind: "private_provider",
		street: "Titzstraße 3", code: "66740", city: "Saarlouis",
		domain: "fernakademie-suedwest", phone: "06831 98860", founded: 2012,
		desc: "Staatlich zugelassene Fernlehrgänge mit Online-Campus, persönlicher Studienbegleitung und Präsenzphasen in Saarlouis.",
		people: []person{
			{"Frau", "", "Svenja", "Richter", "Studienberatung", "studienberatung", "20"},
		},
		certs: []string{"zfu", "azav"}, baNumber: true},
	{key: "kbz-nk", name: "Kaufmännisches Bildungszentrum Neunkirchen GmbH", kind: "private_provider",
		street: "Bahnhofstraße 40", code: "66538", city: "Neunkirchen",
		domain: "kbz-neunkirchen", phone: "06821 29610", founded: 1994,
		desc: "Kaufmännische Weiterbildungen und Umschulungen mit IHK-Abschluss: Büromanagement, Buchhaltung, Lohn und Gehalt, Personal.",
		people: []person{
			{"Frau", "", "Melanie", "Schwarz", "Kundenberatung", "beratung", "0"},
			{"Herr", "", "Oliver", "Neumann", "Lehrgangsleitung Rechnungswesen", "rewe", "14"},
		},
		certs: []string{"azav", "iso_9001"}, baNumber: true},
	{key: "karriere-saar", name: "Coaching & Karriere Saar", kind: "private_provider",
		street: "Sulzbachtalstraße 88", code: "66280", city: "Sulzbach",
		domain: "karriere-saar", phone: "06897 57120", founded: 2015,
		desc: "Einzelcoaching, Bewerbungstraining und berufliche Neuorientierung – mit Aktivierungs- und Vermittlungsgutschein (AVGS) kostenfrei.",
		people: []person{
			{"Frau", "", "Natalia", "Kowalski", "Coach", "n.kowalski", "1"},
		},
		certs: []string{"azav"}, baNumber: true},
	{key: "gastro-akademie", name: "Hotel- und Gastroakademie Saar", kind: "private_provider",
		street: "Seestraße 11", code: "66679", city: "Losheim am See",
		domain: "gastroakademie-saar", phone: "06872 90140", founded: 2001,
		desc: "Schulungshotel mit Lehrküche, Restaurant und Bar: Weiterbildungen und Umschulungen in Küche, Service und Hauswirtschaft.",
		people: []person{
			{"Herr", "", "Luca", "Rossi", "Küchenmeister, Lehrgangsleitung", "kueche", "30"},
		},
		certs: []string{"azav"}, baNumber: true},
	{key: "reha-saar", name: "Reha-Bildungszentrum Saar gGmbH", kind: "private_provider",
		street: "Völklinger Straße 15", code: "66346", city: "Püttlingen",
		domain: "reha-bildung-saar", phone: "06898 69310", founded: 1997,
		desc: "Berufliche Rehabilitation und Integration: Qualifizierungen, Belastungserprobung und Jobcoaching für Menschen mit gesundheitlichen Einschränkungen.",
		people: []person{
			{"Frau", "", "Anja", "Werner", "Reha-Beratung", "reha", "11"},
		},
		certs: []string{"azav", "iso_9001"}, baNumber: true},

	// Schools
	{key: "bbz-lebach", name: "Berufsbildungszentrum Lebach", kind: "school",
		street: "Dillinger Straße 59", code: "66822", city: "Lebach",
		domain: "bbz-lebach", phone: "06881 9260", founded: 1972,
		desc: "Berufliche Schule mit Fachschule für Sozialpädagogik, Berufsfachschulen und Fachoberschule – auch berufsbegleitend.",
		people: []person{
			{"Herr", "", "Christian", "Schulz", "Abteilungsleitung Fachschule Sozialpädagogik", "fachschule", "40"},
		},
		certs: []string{"other"}},
	{key: "bbz-igb", name: "Berufsbildungszentrum St. Ingbert", kind: "school",
		street: "Ensheimer Straße 135", code: "66386", city: "St. Ingbert",
		domain: "bbz-st-ingbert", phone: "06894 9880", founded: 1969,
		desc: "Berufliche Schule mit Fachschule für Technik: Abendform zum staatlich geprüften Techniker in Maschinenbau und Elektrotechnik.",
		people: []person{
			{"Frau", "", "Tanja", "Keller", "Sekretariat Fachschule Technik", "technik", "12"},
		},
	},
	{key: "abendschule-sb", name: "Abendschule Saarbrücken – Zweiter Bildungsweg", kind: "school",
		street: "Dudweilerstraße 48", code: "66111", city: "Saarbrücken", district: "St. Johann",
		domain: "abendschule-saarbruecken", phone: "0681 390", founded: 1965,
		desc: "Schulabschlüsse für Erwachsene am Abend und am Vormittag: Hauptschulabschluss, mittlerer Bildungsabschluss und Abitur.",
		people: []person{
			{"Herr", "", "Andreas", "Wolf", "Schulleitung", "sekretariat", "4410"},
		},
	},

	// Universities
	{key: "uds", name: "Universität des Saarlandes", kind: "university",
		street: "Campus", code: "66123", city: "Saarbrücken",
		domain: "uni-saarland", phone: "0681 302", founded: 1948,
		desc: "Die Landesuniversität bietet über ihr Zentrum für lebenslanges Lernen weiterbildende Studiengänge, Zertifikatskurse und ein Seniorenstudium an.",
		people: []person{
			{"Frau", "Dr.", "Eva", "Lehmann", "Zentrum für lebenslanges Lernen", "zell", "64100"},
			{"Herr", "", "Tobias", "Krüger", "Seniorenstudium", "seniorenstudium", "64110"},
		},
		certs: []string{"other"}},
	{key: "htw", name: "htw saar", kind: "university",
		street: "Goebenstraße 40", code: "66117", city: "Saarbrücken", district: "St. Arnual",
		domain: "htwsaar", phone: "0681 5867", founded: 1971,
		desc: "Die Hochschule für Technik und Wirtschaft des Saarlandes bietet berufsbegleitende Bachelor- und Masterstudiengänge sowie Zertifikatskurse in Technik, Wirtschaft und Sozialwissenschaften.",
		people: []person{
			{"Herr", "Prof. Dr.", "Martin", "Vogel", "Weiterbildungszentrum", "weiterbildung", "500"},
		},
		certs: []string{"other"}},

	// Chambers
	{key: "ihk", name: "IHK Saarland", kind: "chamber",
		street: "Franz-Josef-Röder-Straße 9", code: "66119", city: "Saarbrücken",
		domain: "ihk-saarland", phone: "0681 9520", founded: 1863,
		desc: "Die Industrie- und Handelskammer des Saarlandes bereitet auf IHK-Fortbildungsprüfungen vor – vom Fachwirt bis zum Betriebswirt – und nimmt die Prüfungen ab.",
		people: []person{
			{"Frau", "", "Karin", "Schröder", "Weiterbildungsberatung", "weiterbildung", "750"},
			{"Herr", "", "Ralf", "Peters", "Prüfungswesen", "pruefungen", "760"},
		},
		certs: []string{"iso_9001", "azav"}, baNumber: true},
	{key: "hwk", name: "Handwerkskammer des Saarlandes", kind: "chamber",
		street: "Hohenzollernstraße 47-49", code: "66117", city: "Saarbrücken",
		domain: "hwk-saarland", phone: "0681 5809", founded: 1900,
		desc: "Die Handwerkskammer bereitet in ihrem Bildungszentrum auf die Meisterprüfung in allen vier Teilen vor und bietet technische Lehrgänge für das Handwerk an.",
		people: []person{
			{"Herr", "", "Dieter", "Jung", "Meisterschule", "meisterschule", "141"},
			{"Frau", "", "Simone", "Hahn", "Bildungsberatung", "bildung", "150"},
		},
		certs: []string{"azav", "iso_9001"}, baNumber: true},
	{key: "ak", name: "Arbeitskammer des Saarlandes", kind: "chamber",
		street: "Fritz-Dobisch-Straße 6-8", code: "66111", city: "Saarbrücken",
		domain: "arbeitskammer", phone: "0681 4005", founded: 1951,
		desc: "Die Arbeitskammer vertritt die Interessen der Beschäftigten im Saarland und bietet in ihrem Bildungszentrum Kirkel Seminare und Bildungsurlaube zu Arbeitswelt, Gesellschaft und Gesundheit an.",
		people: []person{
			{"Frau", "", "Nicole", "Schmidt", "Bildungszentrum Kirkel", "bildungszentrum", "444"},
		},
		certs: []string{"iso_9001"}},
	{key: "lwk", name: "Landwirtschaftskammer für das Saarland", kind: "chamber",
		street: "Dillinger Straße 67", code: "66822", city: "Lebach",
		domain: "lwk-saarland", phone: "06881 9280", founded: 1957,
		desc: "Selbstverwaltung der saarländischen Landwirtschaft mit Lehrgängen für Hauswirtschaft, Gartenbau und Direktvermarktung.",
		people: []person{
			{"Frau", "", "Ute", "Marx", "Hauswirtschaft", "hauswirtschaft", "22"},
		},
	},

	// Companies
	{key: "saar-automotive", name: "Saar Automotive Components GmbH", kind: "company",
		street: "Industriestraße 30", code: "66424", city: "Homburg",
		domain: "saar-automotive", phone: "06841 7770", founded: 1978,
		desc: "Zulieferer der Automobilindustrie mit eigenem Ausbildungszentrum, das auch Quereinsteigerinnen und Quereinsteiger für die Produktion qualifiziert.",
		people: []person{
			{"Herr", "", "Kai", "Walter", "Ausbildungszentrum", "ausbildung", "300"},
		},
		certs: []string{"iso_9001"}},
	{key: "klinikum-westsaar", name: "Klinikum Westsaar gGmbH – Bildungsinstitut", kind: "company",
		street: "Trierer Straße 148", code: "66663", city: "Merzig",
		domain: "klinikum-westsaar", phone: "06861 7050", founded: 1988,
		desc: "Innerbetriebliches Bildungsinstitut eines Krankenhausverbunds, dessen Fortbildungen auch externen Pflegekräften offenstehen.",
		people: []person{
			{"Frau", "", "Martina", "Roth", "Innerbetriebliche Fortbildung", "ibf", "4120"},
		},
	},
	{key: "softwerk-igb", name: "Softwerk St. Ingbert GmbH", kind: "company",
		street: "Kaiserstraße 170", code: "66386", city: "St. Ingbert",
		domain: "softwerk-igb", phone: "06894 38950", founded: 2011,
		desc: "Softwarehaus für Industrie und Verwaltung, das mit seiner Academy Fachkräfte aus anderen Berufen in die Softwareentwicklung bringt.",
		people: []person{
			{"Frau", "", "Jana", "Friedrich", "Academy", "academy", "40"},
		},
	},

	// Unions
	{key: "dgb-bw", name: "DGB-Bildungswerk Saar", kind: "union",
		street: "Fritz-Dobisch-Straße 5", code: "66111", city: "Saarbrücken",
		domain: "dgb-bildungswerk-saar", phone: "0681 40001", founded: 1972,
		desc: "Gewerkschaftliche Bildungsarbeit: Seminare für Betriebs- und Personalräte, Schwerbehindertenvertretungen und Bildungsurlaube für alle Beschäftigten.",
		people: []person{
			{"Herr", "", "Uwe", "Klein", "Seminarorganisation", "seminare", "120"},
		},
	},
	{key: "gew-bildung", name: "Gewerkschaftliches Bildungsforum Neunkirchen", kind: "union",
		street: "Hüttenbergstraße 15", code: "66538", city: "Neunkirchen",
		domain: "bildungsforum-nk", phone: "06821 90380", founded: 1983,
		desc: "Bildungsforum der Gewerkschaften im Landkreis Neunkirchen mit Seminaren zu Arbeitsrecht, Mitbestimmung und Gesundheit am Arbeitsplatz.",
		people: []person{
			{"Frau", "", "Ines", "Graf", "Bildungssekretärin", "bildung", "12"},
		},
	},

	// Libraries
	{key: "stabi-sb", name: "Stadtbibliothek Saarbrücken", kind: "library",
		street: "Gustav-Regler-Platz 1", code: "66111", city: "Saarbrücken", district: "St. Johann",
		domain: "stadtbibliothek-saarbruecken", phone: "0681 905", founded: 1912,
		desc: "Die Stadtbibliothek ist Lernort für alle: mit Lernplätzen, PC-Arbeitsplätzen, Sprachlernecke, Onleihe und Veranstaltungen zur digitalen Teilhabe.",
		people: []person{
			{"Frau", "", "Anna", "Sommer", "Lernort und Veranstaltungen", "lernort", "1520"},
		},
	},
	{key: "stabi-nk", name: "Stadtbibliothek Neunkirchen", kind: "library",
		street: "Marienstraße 2", code: "66538", city: "Neunkirchen",
		domain: "stadtbibliothek-neunkirchen", phone: "06821 2900", founded: 1926,
		desc: "Bibliothek im Stadtzentrum mit Lerninsel, Gaming-Zone und Digitalsprechstunden für Seniorinnen und Senioren.",
		people: []person{
			{"Herr", "", "Felix", "Berger", "Bibliothekspädagogik", "bibliothek", "11"},
		},
	},
	{key: "stabi-sls", name: "Stadtbibliothek Saarlouis", kind: "library",
		street: "Kaiser-Friedrich-Ring 26", code: "66740", city: "Saarlouis",
		domain: "stadtbibliothek-saarlouis", phone: "06831 4430", founded: 1931,
		desc: "Stadtbibliothek in der Altstadt mit Lernplätzen, Sprachenbereich und Lesecafé.",
		people: []person{
			{"Frau", "", "Miriam", "Engel", "Leitung", "leitung", "1"},
		},
	},
	{key: "stabi-hom", name: "Stadtbibliothek Homburg", kind: "library",
		street: "Am Forum 5", code: "66424", city: "Homburg",
		domain: "stadtbibliothek-homburg", phone: "06841 1010", founded: 1950,
		desc: "Stadtbibliothek mit Schulungsraum und Tablets zum Ausprobieren.",
		people: []person{
			{"Herr", "", "Patrick", "Ziegler", "Medienpädagogik", "medien", "6620"},
		},
	},

	// Socio-cultural centres
	{key: "kulturwerkstatt", name: "Kulturwerkstatt Burbach", kind: "sociocultural",
		street: "Bergstraße 10", code: "66115", city: "Saarbrücken", district: "Burbach",
		domain: "kulturwerkstatt-burbach", phone: "0681 76190", founded: 1985,
		desc: "Soziokulturelles Zentrum im Saarbrücker Westen mit offenen Werkstätten, Theater, Nähcafé und Sprachcafé.",
		people: []person{
			{"Frau", "", "Selin", "Arslan", "Programm", "programm", "2"},
		},
	},
	{key: "mgh-ottweiler", name: "Mehrgenerationenhaus Ottweiler", kind: "sociocultural",
		street: "Wilhelm-Heinrich-Straße 21", code: "66564", city: "Ottweiler",
		domain: "mgh-ottweiler", phone: "06824 70450", founded: 2008,
		desc: "Treffpunkt für alle Generationen mit Digitalpatenschaften, Elternkursen, Sprachcafé und Repair-Café.",
		people: []person{
			{"Frau", "", "Gabriele", "Brandt", "Koordination", "kontakt", "1"},
		},
	},

	// Counselling centres
	{key: "wb-beratung", name: "Weiterbildungsberatung Saar", kind: "counselling_centre",
		street: "Bahnhofstraße 31", code: "66111", city: "Saarbrücken", district: "St. Johann",
		domain: "weiterbildungsberatung-saar", phone: "0681 6853", founded: 2010,
		desc: "Unabhängige, kostenfreie Beratung zu Weiterbildung, Anerkennung ausländischer Abschlüsse und Förderung – persönlich, am Telefon und per Video. Betreibt das Selbstlernzentrum des Netzwerks.",
		people: []person{
			{"Frau", "", "Hanna", "Seidel", "Weiterbildungsberaterin", "h.seidel", "21"},
			{"Herr", "", "Emre", "Aydın", "Weiterbildungsberater", "e.aydin", "22"},
		},
		certs: []string{"other"}},
	{key: "frau-beruf", name: "Beratungsstelle Frau & Beruf Neunkirchen", kind: "counselling_centre",
		street: "Stummstraße 6", code: "66538", city: "Neunkirchen",
		domain: "frau-und-beruf-nk", phone: "06821 14970", founded: 1992,
		desc: "Beratung und Kurse für Frauen, die in den Beruf zurückkehren, sich neu orientieren oder sich selbstständig machen wollen – mit Kinderbetreuung.",
		people: []person{
			{"Frau", "", "Claudia", "Pohl", "Beraterin", "beratung", "1"},
		},
	},
	{key: "migrationsberatung", name: "Migrations- und Integrationsberatung Saarlouis", kind: "counselling_centre",
		street: "Französische Straße 12", code: "66740", city: "Saarlouis",
		domain: "integration-saarlouis", phone: "06831 76880", founded: 2006,
		desc: "Beratung für Zugewanderte zu Sprachkursen, Anerkennung, Arbeit und Ausbildung – auf Deutsch, Arabisch, Ukrainisch und Türkisch.",
		people: []person{
			{"Frau", "", "Olena", "Kovalenko", "Beraterin", "o.kovalenko", "3"},
			{"Herr", "", "Samir", "Khalil", "Berater", "s.khalil", "4"},
		},
	},

	// Employment agencies
	{key: "aa-saarland", name: "Agentur für Arbeit Saarland", kind: "employment_agency",
		street: "Hafenstraße 18", code: "66111", city: "Saarbrücken",
		domain: "arbeitsagentur-saarland", phone: "0681 9440", founded: 1952,
		desc: "Die Agentur für Arbeit berät zu Berufswahl, Weiterbildung und Förderung mit Bildungsgutschein und bietet Informationsveranstaltungen im Berufsinformationszentrum (BiZ) an.",
		people: []person{
			{"", "", "", "", "Berufsberatung im Erwerbsleben", "berufsberatung", "500"},
		},
	},
	{key: "jobcenter-sb", name: "Jobcenter im Regionalverband Saarbrücken", kind: "employment_agency",
		street: "Heinestraße 2", code: "66121", city: "Saarbrücken",
		domain: "jobcenter-rvsbr", phone: "0681 3808", founded: 2005,
		desc: "Das Jobcenter unterstützt Menschen im Bürgergeld-Bezug mit Beratung, Vermittlung und Förderung von Weiterbildung.",
		people: []person{
			{"", "", "", "", "Team Weiterbildung", "weiterbildung", "200"},
		},
	},

	// Municipalities
	{key: "bildungsbuero-wnd", name: "Bildungsbüro Landkreis St. Wendel", kind: "municipality",
		street: "Mommstraße 27", code: "66606", city: "St. Wendel",
		domain: "bildungsbuero-wnd", phone: "06851 8014", founded: 2012,
		desc: "Das Bildungsbüro des Landkreises koordiniert Bildungsangebote, organisiert Lernfeste und berät zu Grundbildung.",
		people: []person{
			{"Herr", "", "Sebastian", "Kraus", "Bildungskoordination", "bildung", "140"},
		},
	},
	{key: "stadt-vk", name: "Stadt Völklingen – Integrationsbüro", kind: "municipality",
		street: "Hindenburgplatz 5", code: "66333", city: "Völklingen",
		domain: "voelklingen-integration", phone: "06898 1300", founded: 2015,
		desc: "Integrationsbüro der Stadt mit Sprachcafés, Orientierungskursen und Lotsinnen und Lotsen für neu Zugewanderte.",
		people: []person{
			{"Frau", "", "Fatma", "Öztürk", "Integrationsbeauftragte", "integration", "2210"},
		},
	},
	{key: "stadt-blieskastel", name: "Stadt Blieskastel – Seniorenbüro", kind: "municipality",
		street: "Paradeplatz 5", code: "66440", city: "Blieskastel",
		domain: "blieskastel-senioren", phone: "06842 9260", founded: 2001,
		desc: "Das Seniorenbüro bietet Kurse und Sprechstunden rund um Smartphone, Tablet und Internet an.",
		people: []person{
			{"Herr", "", "Rainer", "Dietz", "Seniorenbeauftragter", "senioren", "140"},
		},
	},

	// Faith-based providers
	{key: "keb", name: "Katholische Erwachsenenbildung Saarland", kind: "faith_based",
		street: "Ursulinenstraße 67", code: "66111", city: "Saarbrücken",
		domain: "keb-saar", phone: "0681 90680", founded: 1967,
		desc: "Kirchliche Erwachsenenbildung mit Elternkursen, Seminaren zu Ethik und Gesellschaft, Qualifizierungen für das Ehrenamt und Gesundheitsangeboten.",
		people: []person{
			{"Frau", "", "Theresa", "Fuchs", "Bildungsreferentin", "t.fuchs", "12"},
		},
		certs: []string{"lqw"}},
	{key: "eeb", name: "Evangelische Erwachsenenbildung an der Saar", kind: "faith_based",
		street: "Am Ludwigsplatz 11", code: "66117", city: "Saarbrücken", district: "Alt-Saarbrücken",
		domain: "eeb-saar", phone: "0681 37560", founded: 1972,
		desc: "Evangelische Bildungsarbeit zu Familie, Generationen, Glaube und Gesellschaft in Gemeinden und Bildungshäusern.",
		people: []person{
			{"Herr", "Dr.", "Johannes", "Kühn", "Studienleitung", "j.kuehn", "20"},
		},
		certs: []string{"lqw"}},
	{key: "caritas-bz", name: "Caritas-Bildungszentrum Saar-Hochwald", kind: "faith_based",
		street: "Marktplatz 4", code: "66687", city: "Wadern",
		domain: "caritas-bildung-hochwald", phone: "06871 92330", founded: 1996,
		desc: "Bildungszentrum der Caritas für Pflege, Betreuung und Hauswirtschaft, mit Qualifizierungen für Betreuungskräfte und pflegende Angehörige.",
		people: []person{
			{"Frau", "", "Elisabeth", "Weiß", "Kursorganisation", "kurse", "0"},
		},
		certs: []string{"azav"}, baNumber: true},

	// Associations
	{key: "arbeit-leben", name: "Bildungsverein Arbeit und Leben Saar e.V.", kind: "association",
		street: "Saargemünder Straße 80", code: "66119", city: "Saarbrücken", district: "St. Arnual",
		domain: "arbeit-und-leben-saar", phone: "0681 98770", founded: 1958,
		desc: "Politische und berufliche Bildung für Beschäftigte: Bildungsurlaube, Seminare zu Demokratie, Digitalisierung und Europa.",
		people: []person{
			{"Herr", "", "Lukas", "Brenner", "Bildungsreferent", "l.brenner", "14"},
		},
		certs: []string{"lqw"}},
	{key: "drk-sls", name: "DRK-Kreisverband Saarlouis e.V.", kind: "association",
		street: "Lisdorfer Straße 37", code: "66740", city: "Saarlouis",
		domain: "drk-saarlouis", phone: "06831 9490", founded: 1921,
		desc: "Erste-Hilfe-Ausbildung für Führerschein, Betrieb und Familie, Sanitätsdienst und Kurse für pflegende Angehörige.",
		people: []person{
			{"Herr", "", "Marco", "Lorenz", "Ausbildung Erste Hilfe", "ausbildung", "30"},
		},
		certs: []string{"other"}},
	{key: "alpha-saar", name: "Alpha-Netzwerk Saar e.V.", kind: "association",
		street: "Marktplatz 1", code: "66346", city: "Püttlingen",
		domain: "alpha-netzwerk-saar", phone: "06898 96420", founded: 2013,
		desc: "Verein für Grundbildung und Alphabetisierung: Lernangebote in kleinen Gruppen, Lerncafés und Schulungen für Menschen, die Betroffene begleiten.",
		people: []person{
			{"Frau", "", "Sandra", "Kaiser", "Lernbegleitung", "lernen", "1"},
		},
	},
	{key: "digital-dabei", name: "Digital dabei – Seniorennetz Saar e.V.", kind: "association",
		street: "Von-der-Leyen-Straße 3", code: "66440", city: "Blieskastel",
		domain: "digital-dabei-saar", phone: "06842 50770", founded: 2018,
		desc: "Ehrenamtliche Digitalbotschafterinnen und -botschafter helfen älteren Menschen im Saarpfalz-Kreis beim Umgang mit Smartphone, Tablet und Internet.",
		people: []person{
			{"Herr", "", "Werner", "Albrecht", "Vorsitzender", "vorstand", "1"},
		},
	},
	{key: "gesundheitssport", name: "Gesundheitssport Saar e.V.", kind: "association",
		street: "Am Sportzentrum 2", code: "66280", city: "Sulzbach",
		domain: "gesundheitssport-saar", phone: "06897 84120", founded: 1979,
		desc: "Verein für Prävention und Rehabilitationssport mit von Krankenkassen bezuschussten Kursen.",
		people: []person{
			{"Frau", "", "Lisa", "Herrmann", "Kursleitung", "kurse", "2"},
		},
		certs: []string{"other"}},

	// Other institutions
	{key: "lpm", name: "Landesinstitut für Pädagogik und Medien (LPM)", kind: "other",
		street: "Beethovenstraße 26", code: "66125", city: "Saarbrücken", district: "Dudweiler",
		domain: "lpm-saarland", phone: "06897 7908", founded: 1993,
		desc: "Landesinstitut für Fortbildung und Medienbildung mit Kursen zu Medienkompetenz, Datenschutz und digitaler Bildung – auch für Eltern und Ehrenamtliche.",
		people: []person{
			{"Frau", "", "Carina", "Voigt", "Medienbildung", "medienbildung", "160"},
		},
	},
	{key: "eao", name: "Europäische Akademie Otzenhausen", kind: "other",
		street: "Europahausstraße 35", code: "66620", city: "Nonnweiler",
		domain: "eao-otzenhausen", phone: "06873 6620", founded: 1954,
		desc: "Bildungszentrum für politische Bildung und europäische Begegnung am Hunsrückrand, mit anerkannten Bildungsurlauben und Seminaren zu Europa, Demokratie und Nachhaltigkeit.",
		people: []person{
			{"Herr", "", "Pascal", "Thiel", "Programmleitung", "programm", "111"},
		},
		certs: []string{"iso_9001"}},
}
