// Package gen generates a deterministic synthetic catalogue of published
// offers with German text, for the search engine's tests and benchmarks.
// It is deliberately small; the full synthetic-catalogue generator lives
// elsewhere.
//
// The text mixes a fixed list of course subjects (so that queries such as
// "Pflege" or "Englisch" have realistic hit counts) with words drawn from a
// Zipf distribution over a vocabulary of nouns and their two-part
// compounds, plus rare invented words, so that the dictionary grows with the
// catalogue the way real text does.
package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/geo"
)

// Config says what to generate.
type Config struct {
	Offers    int
	Seed      uint64
	Now       time.Time // dates are placed around it; default 2026-11-27 10:00 Berlin
	Providers int       // default Offers/200, at least 5
}

// Catalogue is a generated catalogue; IDs are assigned (1, 2, …) so that it
// can be indexed without a store, and every offer refers to its provider by
// name and to the venues of its dates by pointer.
type Catalogue struct {
	Providers []*catalogue.Provider
	Venues    []*catalogue.Venue
	Offers    []*catalogue.Offer
}

// Place is a town with its postal code and coordinates.
type Place struct {
	City       string
	PostalCode string
	Lat, Lon   float64
}

// Places are the towns venues are in: mostly the Saarland and its
// neighbours, a few far away.
var Places = []Place{
	{"Saarbrücken", "66111", 49.2354, 6.9969}, {"Merzig", "66663", 49.4433, 6.6389},
	{"Saarlouis", "66740", 49.3164, 6.7497}, {"Neunkirchen", "66538", 49.3500, 7.1833},
	{"Homburg", "66424", 49.3270, 7.3380}, {"St. Ingbert", "66386", 49.2767, 7.1163},
	{"Völklingen", "66333", 49.2500, 6.8500}, {"St. Wendel", "66606", 49.4667, 7.1667},
	{"Dillingen", "66763", 49.3500, 6.7333}, {"Blieskastel", "66440", 49.2333, 7.2500},
	{"Lebach", "66822", 49.4100, 6.9100}, {"Sulzbach", "66280", 49.3000, 7.0667},
	{"Trier", "54290", 49.7596, 6.6439}, {"Kaiserslautern", "67655", 49.4447, 7.7690},
	{"Zweibrücken", "66482", 49.2467, 7.3697}, {"Pirmasens", "66953", 49.2000, 7.6000},
	{"Mainz", "55116", 50.0000, 8.2711}, {"Koblenz", "56068", 50.3569, 7.5890},
	{"Ludwigshafen", "67059", 49.4811, 8.4353}, {"Frankfurt am Main", "60311", 50.1109, 8.6821},
	{"Berlin", "10115", 52.5200, 13.4050}, {"Hamburg", "20095", 53.5511, 9.9937},
	{"München", "80331", 48.1374, 11.5755}, {"Köln", "50667", 50.9375, 6.9603},
}

// subject is a course subject: title stems, topics, degree.
type subject struct {
	titles  []string
	topics  []string
	degree  string
	dtype   string
	langs   []string
	weight  int
	content []string
}

var subjects = []subject{
	{[]string{"Erzieher*innen berufsbegleitend", "Erzieherin / Erzieher", "Kinderpflege", "Sozialassistenz"}, []string{"social_education"}, "Staatlich anerkannte Erzieherin", "state_recognised", nil, 6,
		[]string{"Pädagogik", "Entwicklungspsychologie", "Kita", "Elternarbeit", "Inklusion", "Bildungsplan"}},
	{[]string{"Altenpflegehelfer*in", "Pflegefachkraft", "Pflegehelfer Basiskurs", "Betreuungskraft nach § 53c SGB XI", "Gesundheits- und Krankenpflege"}, []string{"care", "health"}, "Pflegefachfrau / Pflegefachmann", "state_recognised", nil, 8,
		[]string{"Pflege", "Grundpflege", "Dokumentation", "Demenz", "Hygiene", "Pflegeplanung", "Ernährung"}},
	{[]string{"IT-Projektmanagement", "Projektmanagement mit Scrum", "Python Grundlagen", "Netzwerktechnik CCNA", "Linux-Administration", "Webentwicklung mit JavaScript", "Datenbanken und SQL"}, []string{"it", "digital_skills"}, "Zertifikat", "certificate", nil, 9,
		[]string{"Programmierung", "Softwareentwicklung", "Projektplanung", "Datenbank", "Netzwerk", "Cloud", "Agile Methoden"}},
	{[]string{"Englisch A1", "Englisch B1 für den Beruf", "Business English", "Französisch für Einsteiger", "Spanisch Intensivkurs", "Italienisch A2"}, []string{"languages"}, "telc Zertifikat", "language_certificate", []string{"en", "fr", "es", "it"}, 8,
		[]string{"Grammatik", "Wortschatz", "Konversation", "Aussprache", "Hörverstehen", "Korrespondenz"}},
	{[]string{"Deutsch als Zweitsprache B1", "Integrationskurs", "Deutsch für den Beruf B2", "Alphabetisierungskurs"}, []string{"german_second_language", "integration"}, "Deutsch-Test für Zuwanderer", "language_certificate", []string{"de"}, 7,
		[]string{"Alltag", "Orientierung", "Sprachpraxis", "Behördengänge", "Bewerbung"}},
	{[]string{"Schweißen MAG", "Schweißkurs WIG", "CNC-Fräsen", "Elektrofachkraft für festgelegte Tätigkeiten", "SPS-Programmierung", "Metallbau Grundlagen"}, []string{"crafts"}, "Schweißerprüfung nach DIN EN ISO 9606", "chamber_exam", nil, 6,
		[]string{"Werkstoffkunde", "Arbeitssicherheit", "Schweißtechnik", "Fertigung", "Steuerungstechnik", "Praxis"}},
	{[]string{"Buchhaltung mit DATEV", "Lohn- und Gehaltsabrechnung", "Kaufmann/-frau für Büromanagement", "Excel für Einsteiger", "Controlling kompakt"}, []string{"business"}, "IHK-Zertifikat", "chamber_exam", nil, 8,
		[]string{"Finanzbuchhaltung", "Steuerrecht", "Kostenrechnung", "Tabellenkalkulation", "Büroorganisation"}},
	{[]string{"Gabelstaplerschein", "Fachkraft für Lagerlogistik", "Berufskraftfahrer Weiterbildung", "Ladungssicherung"}, []string{"logistics"}, "Fahrausweis", "certificate", nil, 5,
		[]string{"Lagerhaltung", "Kommissionierung", "Verkehrsrecht", "Transport", "Logistik"}},
	{[]string{"Führungskräfte-Training", "Konfliktmanagement", "Rhetorik und Präsentation", "Zeitmanagement"}, []string{"management"}, "Teilnahmebescheinigung", "attendance", nil, 5,
		[]string{"Kommunikation", "Mitarbeiterführung", "Teamentwicklung", "Moderation", "Selbstmanagement"}},
	{[]string{"Bewerbungstraining", "Berufsorientierung für junge Erwachsene", "Jobcoaching", "Wiedereinstieg in den Beruf"}, []string{"job_application"}, "Teilnahmebescheinigung", "attendance", nil, 5,
		[]string{"Lebenslauf", "Vorstellungsgespräch", "Stärken", "Arbeitsmarkt", "Praktikum"}},
	{[]string{"Hauswirtschaft", "Koch/Köchin Umschulung", "Servicekraft Gastronomie", "Hygieneschulung"}, []string{"gastronomy"}, "Kammerprüfung", "chamber_exam", nil, 4,
		[]string{"Küche", "Service", "Lebensmittel", "Hygiene", "Warenkunde"}},
	{[]string{"Hauptschulabschluss nachholen", "Realschulabschluss im Abendkurs", "Abitur für Berufstätige"}, []string{"school_degrees", "basic_education"}, "Schulabschluss", "school_degree", nil, 3,
		[]string{"Mathematik", "Deutsch", "Englisch", "Prüfungsvorbereitung", "Lernstrategien"}},
	{[]string{"Yoga für den Rücken", "Malen und Zeichnen", "Fotografie Workshop", "Nachhaltig leben"}, []string{"health", "culture", "society"}, "", "none", nil, 4,
		[]string{"Entspannung", "Bewegung", "Kreativität", "Gestaltung", "Umwelt"}},
}

var nouns = strings.Fields(`Arbeit Beruf Bildung Kurs Lernen Wissen Praxis Theorie Methode Ziel Gruppe Team Projekt
Aufgabe Lösung Frage Antwort Thema Inhalt Grundlage Übung Beispiel Fall Anwendung Technik Werkzeug Material
Maschine Anlage System Software Daten Netz Sicherheit Qualität Planung Steuerung Prüfung Zertifikat Abschluss
Betrieb Unternehmen Kunde Markt Handel Verkauf Einkauf Lager Versand Büro Verwaltung Recht Vertrag Gesetz
Gesundheit Pflege Betreuung Familie Kind Eltern Schule Jugend Alter Mensch Gesellschaft Kultur Sprache Text
Kommunikation Gespräch Führung Personal Organisation Prozess Entwicklung Innovation Zukunft Digitalisierung
Energie Umwelt Klima Wasser Bau Haus Holz Metall Elektro Fahrzeug Verkehr Logistik Transport Küche Service
Hygiene Ernährung Bewegung Sport Kunst Musik Medien Bild Film Foto Design Farbe Form Raum Zeit Woche Termin
Stunde Tag Monat Jahr Leistung Förderung Gutschein Agentur Kammer Handwerk Industrie Dienstleistung Lehrgang
Seminar Workshop Modul Baustein Einheit Stufe Niveau Einstieg Aufbau Vertiefung Wiederholung Training Coaching`)

var adjectives = strings.Fields(`praktisch modern digital beruflich persönlich individuell flexibel kompakt intensiv
umfassend grundlegend fachlich sozial kreativ sicher erfolgreich nachhaltig regional international aktuell
wichtig neu eigen gemeinsam verschieden vielfältig schnell einfach klar konkret`)

var verbs = strings.Fields(`lernen üben vertiefen erwerben entwickeln planen gestalten anwenden verstehen
erarbeiten kennenlernen trainieren organisieren präsentieren reflektieren dokumentieren beraten begleiten`)

var fillers = strings.Fields(`der die das und mit für in im am zum zur von bei auf an nach über unter sowie oder
auch sich Sie wir ihre ihren einen einer eine ein werden wird sind ist können`)

var providerKinds = []string{"Volkshochschule", "Bildungszentrum", "Akademie", "Bildungswerk", "Institut", "Berufsförderungswerk", "Schule", "Fachschule"}

var syllables = strings.Fields(`ka ri to mer lan sel bor fin gu the stra wel dor ben zin pa lo mu ner
ste ha ki bru nach tor gel wer rat sch mo ve li`)

// zipf draws from n items with a Zipf-like distribution (exponent 1).
type zipf struct{ cum []float64 }

func newZipf(n int) *zipf {
	z := &zipf{cum: make([]float64, n)}
	s := 0.0
	for i := 0; i < n; i++ {
		s += 1 / float64(i+1)
		z.cum[i] = s
	}
	return z
}

func (z *zipf) draw(r *rand.Rand) int {
	x := r.Float64() * z.cum[len(z.cum)-1]
	lo, hi := 0, len(z.cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if z.cum[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Generator makes the offers of one Config, each on its own: Offer(i) is
// the same whatever else was generated, so large catalogues can be streamed.
type Generator struct {
	cfg       Config
	vocab     []string
	wordZipf  *zipf
	subjects  []int
	providers []*catalogue.Provider
	venues    []*catalogue.Venue
	fundings  []string
}

// Generate returns the whole catalogue for cfg; the same cfg always gives
// the same catalogue.
func Generate(cfg Config) *Catalogue {
	g := New(cfg)
	c := &Catalogue{Providers: g.providers, Venues: g.venues}
	for i := 0; i < g.cfg.Offers; i++ {
		c.Offers = append(c.Offers, g.Offer(i))
	}
	return c
}

// New prepares the vocabulary, providers and venues of cfg.
func New(cfg Config) *Generator {
	if cfg.Now.IsZero() {
		cfg.Now = time.Date(2026, 11, 27, 10, 0, 0, 0, catalogue.Berlin)
	}
	if cfg.Providers == 0 {
		cfg.Providers = max(5, cfg.Offers/200)
	}
	r := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	g := &Generator{cfg: cfg, fundings: catalogueCodes("funding")}

	// Vocabulary: nouns and two-part compounds, ranked at random.
	g.vocab = append(g.vocab, nouns...)
	for _, a := range nouns {
		for _, b := range nouns {
			if a != b && r.IntN(4) == 0 {
				g.vocab = append(g.vocab, a+strings.ToLower(b))
			}
		}
	}
	r.Shuffle(len(g.vocab), func(i, j int) { g.vocab[i], g.vocab[j] = g.vocab[j], g.vocab[i] })
	g.wordZipf = newZipf(len(g.vocab))
	for i, s := range subjects {
		for k := 0; k < s.weight; k++ {
			g.subjects = append(g.subjects, i)
		}
	}
	for i := 0; i < cfg.Providers; i++ {
		pl := Places[r.IntN(12)]
		p := &catalogue.Provider{ID: int64(i + 1), Kind: "private_provider",
			Name:    fmt.Sprintf("%s %s %s", providerKinds[r.IntN(len(providerKinds))], pl.City, strings.ToUpper(syllables[r.IntN(len(syllables))])+syllables[r.IntN(len(syllables))]),
			Address: catalogue.Address{PostalCode: pl.PostalCode, City: pl.City, Country: "DE"}}
		g.providers = append(g.providers, p)
	}
	// Venues: three in each of Places, the rest at random German postal codes.
	addVenue := func(city, code string, lat, lon float64) {
		v := &catalogue.Venue{ID: int64(len(g.venues) + 1), Name: fmt.Sprintf("Lernort %s %d", city, len(g.venues)+1), Kind: "classroom",
			Address: catalogue.Address{PostalCode: code, City: city, Country: "DE"},
			Geo:     &catalogue.Geo{Lat: lat + (r.Float64()-0.5)*0.04, Lon: lon + (r.Float64()-0.5)*0.06}}
		if r.IntN(5) < 2 {
			v.Accessibility = []string{"step_free"}
		}
		g.venues = append(g.venues, v)
	}
	for _, pl := range Places {
		for k := 0; k < 3; k++ {
			addVenue(pl.City, pl.PostalCode, pl.Lat, pl.Lon)
		}
	}
	gaz := geo.Default()
	for want := max(0, cfg.Offers/100-len(g.venues)); want > 0; {
		code := fmt.Sprintf("%05d", 1000+r.IntN(98000))
		if p, ok := gaz.PostalCode(code); ok && !p.LargeCustomer {
			addVenue(p.Name, code, p.Lat, p.Lon)
			want--
		}
	}
	return g
}

// Providers returns the providers the offers refer to.
func (g *Generator) Providers() []*catalogue.Provider { return g.providers }

// Venues returns the venues the offers' dates refer to.
func (g *Generator) Venues() []*catalogue.Venue { return g.venues }

// Offer returns offer number i (0-based; its ID is i+1).
func (g *Generator) Offer(i int) *catalogue.Offer {
	cfg := g.cfg
	r := rand.New(rand.NewPCG(cfg.Seed^uint64(i)*0x9e3779b97f4a7c15, uint64(i)))
	sentence := func(sb *strings.Builder, words int) {
		for w := 0; w < words; w++ {
			if w > 0 {
				sb.WriteByte(' ')
			}
			switch x := r.IntN(20); {
			case x < 6:
				sb.WriteString(fillers[r.IntN(len(fillers))])
			case x < 8:
				sb.WriteString(adjectives[r.IntN(len(adjectives))])
			case x < 9:
				sb.WriteString(verbs[r.IntN(len(verbs))])
			case x < 10 && r.IntN(4) == 0:
				// a rare invented word
				n := 2 + r.IntN(3)
				var wb strings.Builder
				for k := 0; k < n; k++ {
					wb.WriteString(syllables[r.IntN(len(syllables))])
				}
				s := wb.String()
				sb.WriteString(strings.ToUpper(s[:1]) + s[1:])
			default:
				sb.WriteString(g.vocab[g.wordZipf.draw(r)])
			}
		}
		sb.WriteString(". ")
	}
	text := func(sentences, words int, extra []string) string {
		var sb strings.Builder
		for s := 0; s < sentences; s++ {
			sentence(&sb, words/2+r.IntN(words))
			if len(extra) > 0 && r.IntN(2) == 0 {
				sb.WriteString(extra[r.IntN(len(extra))] + ". ")
			}
		}
		return strings.TrimSpace(sb.String())
	}

	modes := []string{"classroom", "blended", "e_learning", "virtual_classroom", "distance", "self_study", "individual_coaching"}
	patterns := []string{"full_time", "part_time", "evening", "weekend", "block"}
	hours := []int{8, 9, 13, 14, 17, 18}
	sub := subjects[g.subjects[r.IntN(len(g.subjects))]]
	p := g.providers[r.IntN(len(g.providers))]
	title := sub.titles[r.IntN(len(sub.titles))]
	switch r.IntN(6) {
	case 0:
		title += " – Aufbaukurs"
	case 1:
		title += " für Einsteiger"
	case 2:
		title += " (Online)"
	}
	o := &catalogue.Offer{
		ID: int64(i + 1), ProviderID: p.ID, Provider: &catalogue.ProviderRef{ID: p.ID, Name: p.Name},
		Title:            title,
		ShortDescription: text(1, 12, sub.content),
		Description:      text(3+r.IntN(4), 14, sub.content),
		Contents:         strings.Join(pick(r, sub.content, 3), "; ") + "; " + text(1, 8, nil),
		TargetGroup:      text(1, 10, nil),
		LearningOutcomes: text(1, 12, sub.content),
		Type:             "further_training",
		Topics:           pick(r, sub.topics, 1+r.IntN(len(sub.topics))),
		Degree:           sub.degree,
		DegreeType:       sub.dtype,
		Languages:        []string{"de"},
		Status:           catalogue.StatusPublished,
		WomenSpecific:    r.IntN(30) == 0,
		Childcare:        r.IntN(20) == 0,
	}
	if r.IntN(3) == 0 {
		o.Subtitle = text(1, 6, sub.content)
	}
	if len(sub.langs) > 0 {
		if l := sub.langs[r.IntN(len(sub.langs))]; l != "de" {
			o.Languages = append(o.Languages, l)
		}
	}
	o.DeliveryModes = []string{modes[min(len(modes)-1, int(math.Floor(-math.Log(1-r.Float64())*1.3)))]}
	online := map[string]bool{"e_learning": true, "virtual_classroom": true, "distance": true, "self_study": true}[o.DeliveryModes[0]]
	for k := r.IntN(3); k > 0; k-- {
		f := g.fundings[r.IntN(len(g.fundings))]
		if !contains(o.Funding, f) {
			o.Funding = append(o.Funding, f)
		}
	}
	switch x := r.IntN(10); {
	case x == 0:
		o.Price = &catalogue.Price{AmountCents: 0, Currency: "EUR", Unit: "total"}
	case x < 7:
		o.Price = &catalogue.Price{AmountCents: int64(50+r.IntN(300)) * 1000 / 10 * 10, Currency: "EUR", Unit: "total"}
	}
	nd := 1 + r.IntN(3)
	if r.IntN(50) == 0 {
		nd = 9 + r.IntN(4) // a course that runs often
	}
	for k := 0; k < nd; k++ {
		d := catalogue.Date{ID: int64(i+1)*16 + int64(k), OfferID: o.ID}
		switch x := r.IntN(20); {
		case x < 15:
			d.StartKind = catalogue.StartFixed
			day := cfg.Now.AddDate(0, 0, r.IntN(420)-60)
			h := hours[r.IntN(len(hours))]
			st := time.Date(day.Year(), day.Month(), day.Day(), h, 0, 0, 0, catalogue.Berlin)
			en := time.Date(day.Year(), day.Month(), day.Day()+r.IntN(90), h+3+r.IntN(5), 0, 0, 0, catalogue.Berlin)
			d.Start, d.End = &st, &en
		case x < 17:
			d.StartKind = catalogue.StartPermanent
		case x < 19:
			d.StartKind = catalogue.StartOnRequest
		default:
			d.StartKind = catalogue.StartRolling
		}
		d.TimePatterns = pick(r, patterns, 1+r.IntN(2))
		if !online && r.IntN(10) != 0 {
			// a quarter at the listed places, the rest spread over Germany
			var v *catalogue.Venue
			if r.IntN(4) == 0 || len(g.venues) == 3*len(Places) {
				v = g.venues[r.IntN(3*len(Places))]
			} else {
				v = g.venues[3*len(Places)+r.IntN(len(g.venues)-3*len(Places))]
			}
			d.VenueID, d.Venue = v.ID, v
		}
		if r.IntN(10) == 0 {
			d.Price = &catalogue.Price{AmountCents: int64(r.IntN(4)) * 9900, Currency: "EUR", Unit: "total"}
		}
		o.Dates = append(o.Dates, d)
	}
	if err := catalogue.PrepareOffer(o, cfg.Now); err != nil {
		panic(fmt.Sprintf("gen: offer %d: %v", o.ID, err))
	}
	return o
}

func catalogueCodes(name string) []string {
	var out []string
	for _, t := range catalogue.Vocab(name).Terms {
		out = append(out, t.Code)
	}
	return out
}

func pick(r *rand.Rand, from []string, n int) []string {
	idx := r.Perm(len(from))
	out := make([]string, 0, n)
	for _, i := range idx[:min(n, len(from))] {
		out = append(out, from[i])
	}
	return out
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
