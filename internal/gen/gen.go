package gen

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/geo"
)

// Source is the provenance source of every generated record.
const Source = "gen"

// DefaultNow is the reference time of a generated catalogue: dates are
// placed around it. It is fixed, so a seed always gives the same catalogue;
// search engines should be given the same clock.
var DefaultNow = time.Date(2026, time.March, 2, 9, 0, 0, 0, catalogue.Berlin)

// Options say what to generate.
type Options struct {
	// Offers is how many offers Next yields (default 10,000).
	Offers int
	// Providers is the number of providers (default Offers/50, at least 10).
	Providers int
	// Now is the reference time (default DefaultNow).
	Now time.Time
	// NearDuplicates is the share of offers that repeat an earlier offer of
	// the same provider with a slightly different title (default 0.05;
	// negative for none).
	NearDuplicates float64
	// Unpublished is the share of offers that are drafts or withdrawn
	// (default 0.03; negative for none).
	Unpublished float64
}

// Generator makes a deterministic synthetic catalogue: the same seed and
// options always give the same providers, venues and offers, byte for byte.
// Every record is derived from the seed and its own number, so the
// catalogue is never held in memory: Next streams the offers, and Offer,
// Provider and Venue make any record on demand.
//
// Records carry their IDs (1, 2, … in each kind), offers their provider's
// name and their dates' venues, as a store returns them. To save them into
// a fresh store, save providers, then venues, then offers in ID order with
// the IDs cleared: the store gives them the same IDs.
//
// Next is not safe for concurrent use; Offer, Provider and Venue are.
type Generator struct {
	seed  int64
	opts  Options
	now   time.Time
	lex   *lexicon
	next  int64
	nProv int
	// venueStart[p-1] is the ID of provider p's first venue; venueStart[nProv]
	// is one past the last venue.
	venueStart []int64
}

// New returns a generator for seed and opts.
func New(seed int64, opts Options) *Generator {
	if opts.Offers <= 0 {
		opts.Offers = 10_000
	}
	if opts.Providers <= 0 {
		opts.Providers = max(10, opts.Offers/50)
	}
	if opts.Now.IsZero() {
		opts.Now = DefaultNow
	}
	if opts.NearDuplicates == 0 {
		opts.NearDuplicates = 0.05
	}
	if opts.Unpublished == 0 {
		opts.Unpublished = 0.03
	}
	g := &Generator{seed: seed, opts: opts, now: opts.Now.In(catalogue.Berlin), lex: theLexicon(), next: 1, nProv: opts.Providers}
	g.venueStart = make([]int64, g.nProv+1)
	id := int64(1)
	for p := 1; p <= g.nProv; p++ {
		g.venueStart[p-1] = id
		id += int64(g.venueCount(int64(p)))
	}
	g.venueStart[g.nProv] = id
	return g
}

// Now returns the reference time of the catalogue.
func (g *Generator) Now() time.Time { return g.now }

// Len returns the number of offers.
func (g *Generator) Len() int { return g.opts.Offers }

// NumProviders returns the number of providers.
func (g *Generator) NumProviders() int { return g.nProv }

// NumVenues returns the number of venues.
func (g *Generator) NumVenues() int { return int(g.venueStart[g.nProv] - 1) }

// Next returns the next offer, or nil after the last one.
func (g *Generator) Next() *catalogue.Offer {
	if g.next > int64(g.opts.Offers) {
		return nil
	}
	o := g.Offer(g.next)
	g.next++
	return o
}

// Reset starts Next again from the first offer.
func (g *Generator) Reset() { g.next = 1 }

// venueCount is how many venues provider p has.
func (g *Generator) venueCount(p int64) int {
	r := mix(g.seed, 'n', p)
	switch u := r.float(); {
	case u < 0.6:
		return 1
	case u < 0.9:
		return 2
	default:
		return 3
	}
}

// placeOfProvider is where provider p has its seat.
func (g *Generator) placeOfProvider(p int64) Place {
	r := mix(g.seed, 'l', p)
	return g.lex.places[g.lex.placeW.draw(r)]
}

// Provider returns provider id (1 … NumProviders).
func (g *Generator) Provider(id int64) *catalogue.Provider {
	if id < 1 || id > int64(g.nProv) {
		return nil
	}
	r := mix(g.seed, 'p', id)
	pl := g.placeOfProvider(id)
	kind := g.providerKind(id)
	name := g.providerName(id)
	slug := slugify(name)
	p := &catalogue.Provider{
		ID:          id,
		Name:        name,
		Kind:        kind,
		Address:     catalogue.Address{Street: fmt.Sprintf("%s %d", pick(r, streets), r.between(1, 120)), PostalCode: pl.PostalCode, City: pl.Name, State: pl.State, Country: "DE"},
		Geo:         &catalogue.Geo{Lat: round5(pl.Lat), Lon: round5(pl.Lon)},
		Website:     fmt.Sprintf("https://www.%s-%d.example", slug, id),
		Email:       fmt.Sprintf("info@%s-%d.example", slug, id),
		Phone:       fmt.Sprintf("0%d %d", r.between(600, 699), r.between(100000, 999999)),
		FoundedYear: r.between(1950, 2024),
		Provenance:  catalogue.Provenance{Source: Source, SourceID: fmt.Sprintf("p%d", id)},
	}
	p.Description = fmt.Sprintf("%s ist ein Bildungsanbieter in %s. Schwerpunkte sind %s und %s.", name, pl.Name,
		g.noun(r), g.noun(r))
	if r.chance(0.4) {
		p.Certificates = append(p.Certificates, catalogue.Certificate{Code: "azav"})
	}
	if r.chance(0.2) {
		p.Certificates = append(p.Certificates, catalogue.Certificate{Code: pick(r, []string{"iso_9001", "lqw", "efqm", "iso_21001"})})
	}
	return p
}

// providerKind derives the kind of provider id.
func (g *Generator) providerKind(id int64) string { return providerKinds.draw(mix(g.seed, 'k', id)) }

// providerName derives the name of provider id (used by offers too).
func (g *Generator) providerName(id int64) string {
	pl := g.placeOfProvider(id)
	kind := g.providerKind(id)
	r2 := mix(g.seed, 'm', id)
	name := strings.ReplaceAll(pick(r2, providerNames[kind]), "{C}", pl.Name)
	if kind == "private_provider" {
		if lf := pick(r2, legalForms); lf != "" && !strings.HasSuffix(name, "e.V.") {
			name += " " + lf
		}
	}
	return name
}

// venueOwner returns the provider of venue id.
func (g *Generator) venueOwner(id int64) int64 {
	i := sort.Search(g.nProv, func(i int) bool { return g.venueStart[i+1] > id })
	return int64(i + 1)
}

// Venue returns venue id (1 … NumVenues): a provider's rooms, the first
// of them at its seat.
func (g *Generator) Venue(id int64) *catalogue.Venue {
	if id < 1 || id >= g.venueStart[g.nProv] {
		return nil
	}
	p := g.venueOwner(id)
	nth := id - g.venueStart[p-1]
	r := mix(g.seed, 'v', id)
	pl := g.placeOfProvider(p)
	if nth > 0 {
		// another site: in the same state mostly
		if ix := g.lex.byState[pl.State]; len(ix) > 0 && r.chance(0.8) {
			pl = g.lex.places[ix[r.intn(len(ix))]]
		} else {
			pl = g.lex.places[g.lex.placeW.draw(r)]
		}
	}
	owner := g.providerName(p)
	name := owner
	if nth > 0 {
		name = fmt.Sprintf("%s – Standort %s", owner, pl.Name)
	}
	v := &catalogue.Venue{
		ID:         id,
		ProviderID: p,
		Name:       name,
		Kind:       "classroom",
		Address:    catalogue.Address{Street: fmt.Sprintf("%s %d", pick(r, streets), r.between(1, 80)), PostalCode: pl.PostalCode, City: pl.Name, State: pl.State, Country: "DE"},
		Geo:        &catalogue.Geo{Lat: round5(pl.Lat + (r.float()-0.5)*0.02), Lon: round5(pl.Lon + (r.float()-0.5)*0.03)},
		Provenance: catalogue.Provenance{Source: Source, SourceID: fmt.Sprintf("v%d", id)},
	}
	if r.chance(0.08) {
		v.Kind = "company"
	}
	if r.chance(0.6) {
		v.Accessibility = append(v.Accessibility, "step_free")
		if r.chance(0.6) {
			v.Accessibility = append(v.Accessibility, "lift", "accessible_wc")
		}
	}
	if r.chance(0.3) {
		v.Equipment = []string{fmt.Sprintf("%d PC-Arbeitsplätze", r.between(6, 24))}
	}
	return v
}

// NearDuplicateOf returns the ID of the earlier offer that offer id
// repeats with a slightly different title, or 0.
func (g *Generator) NearDuplicateOf(id int64) int64 {
	if id <= 1 || g.opts.NearDuplicates < 0 {
		return 0
	}
	r := mix(g.seed, 'u', id)
	if !r.chance(g.opts.NearDuplicates) {
		return 0
	}
	back := int64(1 + r.intn(int(min(id-1, 2000))))
	return id - back
}

// core is an offer without its dates and status.
type core struct {
	o      *catalogue.Offer
	topic  *topicProfile
	online bool // delivered without a venue
	hybrid bool // classroom with online parts
}

// Offer returns offer id (1 … Len): published mostly, with one to four
// dates.
func (g *Generator) Offer(id int64) *catalogue.Offer {
	if id < 1 || id > int64(g.opts.Offers) {
		return nil
	}
	c := g.core(id)
	o := c.o
	o.ID = id
	o.Status = g.status(id)
	o.Provenance = catalogue.Provenance{Source: Source, SourceID: fmt.Sprintf("o%d", id)}
	g.addDates(o, c, id)
	return o
}

// Published reports whether offer id is published (cheaper than Offer).
func (g *Generator) Published(id int64) bool {
	return id >= 1 && id <= int64(g.opts.Offers) && g.status(id) == catalogue.StatusPublished
}

func (g *Generator) status(id int64) string {
	r := mix(g.seed, 's', id)
	if g.opts.Unpublished > 0 && r.chance(g.opts.Unpublished) {
		if r.chance(0.35) {
			return catalogue.StatusWithdrawn
		}
		return catalogue.StatusDraft
	}
	return catalogue.StatusPublished
}

// core makes the content of offer id; a near-duplicate takes the content of
// its original and varies the title.
func (g *Generator) core(id int64) core {
	if orig := g.NearDuplicateOf(id); orig > 0 {
		c := g.core(orig)
		r := mix(g.seed, 'w', id)
		c.o.Title = pick(r, titleVariations)(c.o.Title)
		return c
	}
	r := mix(g.seed, 'c', id)
	l := g.lex
	provider := int64(1 + r.skewed(g.nProv))
	pl := g.placeOfProvider(provider)
	tp := &topicProfiles[topicW.draw(r)]
	o := &catalogue.Offer{
		ProviderID: provider,
		Provider:   &catalogue.ProviderRef{ID: provider, Name: g.providerName(provider)},
		Type:       "further_training",
		Topics:     []string{tp.code},
	}
	c := core{o: o, topic: tp}

	// Subject and title.
	subject := tp.subjects[r.skewed(len(tp.subjects))]
	var occ occupation
	if occs := l.occupations[tp.code]; len(occs) > 0 {
		occ = occs[r.intn(len(occs))]
	}
	retrain := tp.retrain > 0 && occ.masc != "" && r.chance(tp.retrain)
	switch {
	case retrain:
		form := occ.masc
		if r.chance(0.5) {
			form = occ.fem
		}
		o.Title = strings.ReplaceAll(occupationPatterns.draw(r), "{O}", form)
		subject = form
		if strings.HasPrefix(o.Title, "Umschulung") {
			o.Type = "retraining"
		}
	case tp.code == "languages" || tp.code == "german_second_language":
		o.Title = strings.NewReplacer("{S}", subject, "{L}", pick(r, cefr)).Replace(languagePatterns.draw(r))
	case (tp.code == "it" || tp.code == "management" || tp.code == "business") && r.chance(0.03):
		o.Title = pick(r, l.titles)
		subject = o.Title
	default:
		o.Title = strings.ReplaceAll(titlePatterns.draw(r), "{S}", subject)
	}
	if tp.code == "school_degrees" {
		o.Type = "school_degree"
	} else if tp.code == "culture" || tp.code == "health" || tp.code == "society" || tp.code == "basic_education" {
		o.Type = "general_education"
	}
	if r.chance(0.25) {
		o.Subtitle = pick(r, subtitles)
	}

	// Delivery.
	switch u := r.float(); {
	case u < tp.online*0.6:
		o.DeliveryModes = []string{"virtual_classroom"}
		c.online = true
	case u < tp.online*0.85:
		o.DeliveryModes = []string{"e_learning"}
		c.online = true
	case u < tp.online*0.93:
		o.DeliveryModes = []string{"distance"}
		c.online = true
	case u < tp.online:
		o.DeliveryModes = []string{"self_study"}
		c.online = true
	case u < tp.online+0.08:
		o.DeliveryModes = []string{"blended"}
		c.hybrid = true
	case u < tp.online+0.1:
		o.DeliveryModes = []string{"individual_coaching"}
	case u < tp.online+0.16:
		o.DeliveryModes = []string{"classroom", "virtual_classroom"}
		c.hybrid = true
	default:
		o.DeliveryModes = []string{"classroom"}
	}

	// Texts.
	city := pl.Name
	skills := g.skillsFor(r, tp.code, r.between(2, 5))
	fill := func(s string) string {
		return expand(s, func(key string) string {
			switch key {
			case "S":
				return subject
			case "P":
				return o.Provider.Name
			case "C":
				return city
			case "O":
				return occ.masc
			}
			return g.noun(r) // N, N2, N3
		})
	}
	o.ShortDescription = fill(pick(r, shortFrames))
	var desc []string
	desc = append(desc, fill(pick(r, aboutFrames)))
	if r.chance(0.8) {
		desc = append(desc, fill(pick(r, aboutFrames)))
	}
	if r.chance(0.35) {
		desc = append(desc, fill(pick(r, aboutFrames)))
	}
	switch {
	case c.online:
		desc = append(desc, pick(r, onlineFrames))
	case c.hybrid:
		desc = append(desc, fill(pick(r, howFrames)), pick(r, hybridFrames))
	default:
		desc = append(desc, fill(pick(r, howFrames)))
	}
	if r.chance(0.12) {
		desc = append(desc, fmt.Sprintf("Modul %d: %s.", r.between(1, 6), skills[0].label))
	}
	for _, f := range tp.funding {
		if r.chance(f.w) {
			o.Funding = append(o.Funding, f.code)
		}
	}
	if len(o.Funding) > 0 && r.chance(0.7) {
		desc = append(desc, fundingFrames[o.Funding[0]])
	}
	o.Description = strings.Join(dedupeStrings(desc), " ")
	var labels []string
	for _, s := range skills {
		labels = append(labels, s.label)
	}
	o.Contents = pick(r, contentsHeads) + strings.Join(labels, "; ") + "."
	o.TargetGroup = fill(pick(r, targetFrames))
	if strings.Contains(o.TargetGroup, "als ") && occ.masc == "" {
		o.TargetGroup = "Beschäftigte und Arbeitsuchende"
	}
	if r.chance(0.6) {
		o.Prerequisites = fill(pick(r, prereqFrames))
	}
	if r.chance(0.5) {
		o.LearningOutcomes = fill(pick(r, outcomeFrames))
	}
	for _, s := range skills {
		if s.uuid != "" {
			o.Skills = append(o.Skills, catalogue.Skill{URI: "http://data.europa.eu/esco/skill/" + s.uuid, Label: s.label})
		}
	}

	// Codes and numbers.
	o.Languages = []string{"de"}
	if lc := tp.langCode[subject]; lc != "" {
		o.Languages = []string{lc, "de"}
		if r.chance(0.3) {
			o.Languages = []string{lc}
		}
	} else if r.chance(0.02) {
		o.Languages = []string{"en"}
	} else if tp.code == "integration" && r.chance(0.3) {
		o.Languages = []string{"de", pick(r, []string{"ar", "uk", "ru", "fa", "tr"})}
	}
	o.DegreeType = tp.degrees.draw(r)
	if retrain {
		o.DegreeType = "chamber_exam"
		o.Internship = r.chance(0.6)
	}
	switch o.DegreeType {
	case "chamber_exam":
		o.Degree = "Prüfung vor der Kammer"
		o.Exam = true
	case "language_certificate":
		o.Degree = pick(r, []string{"telc", "Goethe-Zertifikat", "TestDaF", "Cambridge English", "DELF"})
		o.Exam = true
	case "school_degree":
		o.Degree = subject
		o.Exam = true
	case "certificate":
		o.Degree = "Zertifikat"
		o.Exam = r.chance(0.4)
	case "attendance":
		o.Degree = "Teilnahmebescheinigung"
	}
	hours := tp.hours
	if retrain {
		hours = [2]int{600, 2400}
	}
	o.TeachingHours = float64(logBetween(r, hours[0], hours[1]))
	switch {
	case r.chance(tp.free):
		o.Price = &catalogue.Price{AmountCents: 0, Currency: "EUR", Unit: "total"}
	case r.chance(0.08):
		// price on request
	default:
		lo, hi := tp.price[0], tp.price[1]
		if retrain {
			lo, hi = 6000, 18000
		}
		euros := logBetween(r, max(lo, 10), hi)
		o.Price = &catalogue.Price{AmountCents: int64(roundTo(euros, 5)) * 100, Currency: "EUR", Unit: "total"}
		if r.chance(0.05) {
			o.Price.Unit = "per_month"
			o.Price.AmountCents = int64(roundTo(max(30, euros/6), 5)) * 100
		}
	}
	if r.chance(0.3) {
		o.DQRLevel = r.between(2, 6)
	}
	o.WomenSpecific = r.chance(0.02) || strings.Contains(o.Title, "für Frauen")
	o.Childcare = r.chance(0.03)
	slug := slugify(o.Title)
	o.InfoURL = fmt.Sprintf("https://www.%s-%d.example/kurse/%s", slugify(o.Provider.Name), provider, slug)
	if r.chance(0.3) {
		o.Contacts = []catalogue.Contact{{Role: "Kursberatung", Email: fmt.Sprintf("kurse@%s-%d.example", slugify(o.Provider.Name), provider)}}
	}
	return c
}

// relatedTopic lends its skills to a topic that ESCO has few skills for.
var relatedTopic = map[string]string{"german_second_language": "languages", "integration": "society",
	"school_degrees": "basic_education", "job_application": "management"}

// skillsFor draws n ESCO skills, mostly of the topic.
func (g *Generator) skillsFor(r *rng, topic string, n int) []skill {
	var out []skill
	if related, ok := relatedTopic[topic]; ok && len(g.lex.skills[topic]) < 20 {
		topic = related
	}
	for len(out) < n {
		list := g.lex.skills[topic]
		if len(list) < 20 || r.chance(0.1) {
			list = g.lex.skills[""]
		}
		if r.chance(0.15) {
			if w := g.lex.withURI[topic]; len(w) > 0 {
				list = w
			}
		}
		s := list[r.skewed(len(list))]
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// noun draws a PAS 1045 noun by its real frequency.
func (g *Generator) noun(r *rng) string { return g.lex.nouns[g.lex.nounW.draw(r)] }

// Time patterns of a date and the hours they run.
type timeShape struct {
	patterns   []string
	startH, mm int
	endH       int
	days       [2]int // length in days
	desc       string
}

var (
	shapeEvening  = timeShape{[]string{"evening", "part_time"}, 18, 0, 21, [2]int{30, 120}, "%s, 18:00–21:00 Uhr"}
	shapeMorning  = timeShape{[]string{"part_time"}, 9, 0, 12, [2]int{20, 120}, "%s, 9:00–12:15 Uhr"}
	shapeAfternon = timeShape{[]string{"part_time"}, 14, 0, 17, [2]int{20, 90}, "%s, 14:00–17:00 Uhr"}
	shapeFullTime = timeShape{[]string{"full_time"}, 8, 30, 16, [2]int{60, 400}, "Mo–Fr, 8:30–16:00 Uhr"}
	shapeWeekend  = timeShape{[]string{"weekend"}, 9, 30, 16, [2]int{1, 2}, "Sa und So, 9:30–16:00 Uhr"}
	shapeBlock    = timeShape{[]string{"block"}, 9, 0, 16, [2]int{3, 5}, "Blockseminar, täglich 9:00–16:00 Uhr"}
	weekdays      = []string{"montags", "dienstags", "mittwochs", "donnerstags", "Mo und Mi", "Di und Do"}
)

// addDates gives the offer one to four dates.
func (g *Generator) addDates(o *catalogue.Offer, c core, id int64) {
	r := mix(g.seed, 'd', id)
	n := 1
	switch u := r.float(); {
	case u < 0.45:
		n = 1
	case u < 0.75:
		n = 2
	case u < 0.9:
		n = 3
	default:
		n = 4
	}
	vStart := g.venueStart[o.ProviderID-1]
	nv := int(g.venueStart[o.ProviderID] - vStart)
	long := o.TeachingHours >= 300
	for j := 0; j < n; j++ {
		d := catalogue.Date{ID: (id-1)*4 + int64(j) + 1, OfferID: id}
		online := c.online || c.hybrid && r.chance(0.3)
		if !online {
			vid := vStart
			if nv > 1 && r.chance(0.35) {
				vid += int64(1 + r.intn(nv-1))
			}
			d.VenueID = vid
			d.Venue = g.Venue(vid)
		}
		switch u := r.float(); {
		case c.online && o.DeliveryModes[0] != "virtual_classroom" && u < 0.6:
			d.StartKind = catalogue.StartPermanent
		case u < 0.05:
			d.StartKind = catalogue.StartOnRequest
		case u < 0.1:
			d.StartKind = catalogue.StartRolling
		default:
			d.StartKind = catalogue.StartFixed
		}
		var shape timeShape
		switch u := r.float(); {
		case long && u < 0.7:
			shape = shapeFullTime
		case long:
			shape = shapeEvening
		case u < c.topic.evening:
			shape = shapeEvening
		case u < c.topic.evening+0.12:
			shape = shapeWeekend
		case u < c.topic.evening+0.2:
			shape = shapeBlock
		case u < c.topic.evening+0.5:
			shape = shapeMorning
		case u < c.topic.evening+0.65:
			shape = shapeAfternon
		default:
			shape = shapeFullTime
		}
		d.TimePatterns = slices.Clone(shape.patterns)
		d.TimeDescription = shape.desc
		if strings.Contains(d.TimeDescription, "%s") {
			d.TimeDescription = fmt.Sprintf(d.TimeDescription, pick(r, weekdays))
		}
		if d.StartKind == catalogue.StartFixed {
			// most start in the coming months, some are running, a few are over
			off := r.between(-45, 300)
			if r.chance(0.6) {
				off = r.between(-10, 120)
			}
			y, m, dd := g.now.Date()
			start := time.Date(y, m, dd+off, shape.startH, shape.mm, 0, 0, catalogue.Berlin)
			length := r.between(shape.days[0], shape.days[1])
			if long {
				length = r.between(180, 720)
			}
			end := time.Date(y, m, dd+off+length-1, shape.endH, 0, 0, 0, catalogue.Berlin)
			d.Start, d.End = &start, &end
			if r.chance(0.3) {
				dl := start.AddDate(0, 0, -7)
				d.RegistrationDeadline = &dl
			}
		}
		d.Duration = float64(max(1, int(o.TeachingHours)))
		d.DurationUnit = "lessons"
		d.SeatsMin, d.SeatsMax = r.between(3, 8), r.between(10, 24)
		if o.Price != nil && o.Price.AmountCents > 0 && r.chance(0.1) {
			d.Price = &catalogue.Price{AmountCents: o.Price.AmountCents * int64(r.between(85, 120)) / 100 / 100 * 100, Currency: "EUR", Unit: o.Price.Unit, Note: "abweichender Preis für diesen Termin"}
		}
		if slices.Contains(o.Funding, "bildungsgutschein") {
			d.MeasureNumber = fmt.Sprintf("%03d/%04d/%02d", r.between(100, 999), r.between(1, 9999), g.now.Year()%100)
		}
		o.Dates = append(o.Dates, d)
	}
	// A published offer has a date that has not ended.
	now := g.now
	for _, d := range o.Dates {
		if !d.Ended(now) {
			return
		}
	}
	last := &o.Dates[len(o.Dates)-1]
	shift := int(math.Ceil(now.Sub(*last.End).Hours()/24)) + r.between(7, 90)
	s, e := last.Start.AddDate(0, 0, shift), last.End.AddDate(0, 0, shift)
	last.Start, last.End = &s, &e
	if last.RegistrationDeadline != nil {
		dl := s.AddDate(0, 0, -7)
		last.RegistrationDeadline = &dl
	}
}

// expand replaces every {KEY} of s by value(KEY).
func expand(s string, value func(key string) string) string {
	i := strings.IndexByte(s, '{')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 32)
	for i >= 0 {
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		b.WriteString(value(s[i+1 : i+j]))
		s = s[i+j+1:]
		i = strings.IndexByte(s, '{')
	}
	b.WriteString(s)
	return b.String()
}

// logBetween draws an integer between lo and hi, uniformly on a log scale.
func logBetween(r *rng, lo, hi int) int {
	lo = max(lo, 1)
	if hi <= lo {
		return lo
	}
	return int(math.Round(math.Exp(math.Log(float64(lo)) + r.float()*(math.Log(float64(hi))-math.Log(float64(lo))))))
}

func roundTo(v, step int) int { return max(step, (v+step/2)/step*step) }

func round5(f float64) float64 { return math.Round(f*1e5) / 1e5 }

func dedupeStrings(ss []string) []string {
	var out []string
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// slugify makes an ASCII slug of s for web addresses.
func slugify(s string) string {
	s = geo.Fold(s)
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}
