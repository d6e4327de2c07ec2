package demo

import (
	"bytes"
	"encoding/json"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/geo"
)

// testNow is a fixed moment, so failures can be reproduced.
var testNow = time.Date(2026, time.March, 14, 10, 30, 0, 0, catalogue.Berlin)

func TestGenerateIsDeterministic(t *testing.T) {
	a, err := json.Marshal(Generate(testNow))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(Generate(testNow))
	if !bytes.Equal(a, b) {
		t.Fatal("two calls of Generate with the same now differ")
	}
	// Another now moves the dates, not the content.
	first, later := Generate(testNow), Generate(testNow.AddDate(0, 2, 3))
	if len(later.Offers) != len(first.Offers) {
		t.Fatal("the number of offers depends on now")
	}
	for i, o := range first.Offers {
		l := later.Offers[i]
		if o.Title != l.Title || !reflect.DeepEqual(o.Price, l.Price) || len(o.Dates) != len(l.Dates) ||
			!slices.Equal(first.DateVenue[i], later.DateVenue[i]) || o.Dates[0].Duration != l.Dates[0].Duration {
			t.Fatalf("offer %d differs with another now: %q %v, %q %v", i, o.Title, o.Price, l.Title, l.Price)
		}
	}
}

func TestIndexesAreConsistent(t *testing.T) {
	c := Generate(testNow)
	if len(c.VenueProvider) != len(c.Venues) || len(c.OfferProvider) != len(c.Offers) || len(c.DateVenue) != len(c.Offers) {
		t.Fatal("index slices do not match the records")
	}
	for i, p := range c.VenueProvider {
		if p < -1 || p >= len(c.Providers) {
			t.Errorf("venue %d: provider index %d", i, p)
		}
	}
	for i, o := range c.Offers {
		if p := c.OfferProvider[i]; p < 0 || p >= len(c.Providers) {
			t.Errorf("offer %d: provider index %d", i, p)
		}
		if len(c.DateVenue[i]) != len(o.Dates) {
			t.Fatalf("offer %d %q: %d dates but %d venue indexes", i, o.Title, len(o.Dates), len(c.DateVenue[i]))
		}
		for j, v := range c.DateVenue[i] {
			if v < -1 || v >= len(c.Venues) {
				t.Errorf("offer %d date %d: venue index %d", i, j, v)
				continue
			}
			if v >= 0 && c.Venues[v].Kind == "online" && !slices.ContainsFunc(o.DeliveryModes, isOnline) {
				t.Errorf("offer %q on site takes place in online venue %q", o.Title, c.Venues[v].Name)
			}
			if v < 0 && (slices.Contains(o.DeliveryModes, "classroom") || slices.Contains(o.DeliveryModes, "blended")) {
				t.Errorf("offer %q in the classroom has a date without venue", o.Title)
			}
		}
	}
}

func isOnline(m string) bool {
	return m == "virtual_classroom" || m == "e_learning" || m == "distance" || m == "self_study"
}

func TestEveryRecordPassesPrepare(t *testing.T) {
	c := Generate(testNow)
	for i, p := range c.Providers {
		if err := catalogue.PrepareProvider(p, testNow); err != nil {
			t.Errorf("provider %d %q: %v", i, p.Name, err)
		}
		if p.Provenance.Source != Source || p.Provenance.SourceID == "" {
			t.Errorf("provider %q: provenance %+v", p.Name, p.Provenance)
		}
	}
	for i, v := range c.Venues {
		if err := catalogue.PrepareVenue(v); err != nil {
			t.Errorf("venue %d %q: %v", i, v.Name, err)
		}
	}
	expired, running := 0, 0
	sourceIDs := make(map[string]bool)
	for i, o := range c.Offers {
		o.ProviderID = int64(c.OfferProvider[i] + 1)
		for j := range o.Dates {
			if v := c.DateVenue[i][j]; v >= 0 {
				o.Dates[j].VenueID = int64(v + 1)
			}
		}
		if err := catalogue.PrepareOffer(o, testNow); err != nil {
			t.Errorf("offer %d %q: %v", i, o.Title, err)
			continue
		}
		if sourceIDs[o.Provenance.SourceID] {
			t.Errorf("offer %q: source id %s twice", o.Title, o.Provenance.SourceID)
		}
		sourceIDs[o.Provenance.SourceID] = true
		switch o.Status {
		case catalogue.StatusExpired:
			expired++
		case catalogue.StatusPublished:
		default:
			t.Errorf("offer %q has status %s", o.Title, o.Status)
		}
		for _, d := range o.Dates {
			if d.Start != nil && d.Start.Before(testNow) && !d.Ended(testNow) {
				running++
			}
		}
	}
	if expired == 0 || expired > len(c.Offers)/10 {
		t.Errorf("%d of %d offers expired, want a few", expired, len(c.Offers))
	}
	if running == 0 {
		t.Error("no date is running at now")
	}
}

func TestCounts(t *testing.T) {
	c := Generate(testNow)
	if len(c.Providers) < 45 {
		t.Errorf("%d providers, want at least 45", len(c.Providers))
	}
	if len(c.Offers) < 520 {
		t.Errorf("%d offers, want at least 520", len(c.Offers))
	}
	kinds := map[string]bool{}
	for _, p := range c.Providers {
		kinds[p.Kind] = true
	}
	assertAllUsed(t, "provider_kind", kinds)

	used := map[string]map[string]bool{"topic": {}, "delivery_mode": {}, "funding": {}, "degree_type": {},
		"time_pattern": {}, "offer_type": {}, "start_kind": {}, "duration_unit": {}}
	var women, childcare, free, dqr, skills, measures int
	for _, o := range c.Offers {
		for _, v := range o.Topics {
			used["topic"][v] = true
		}
		for _, v := range o.DeliveryModes {
			used["delivery_mode"][v] = true
		}
		for _, v := range o.Funding {
			used["funding"][v] = true
		}
		used["degree_type"][o.DegreeType] = true
		used["offer_type"][o.Type] = true
		if n := len(o.Dates); n < 1 || n > 4 {
			t.Errorf("offer %q has %d dates, want 1–4", o.Title, n)
		}
		for _, d := range o.Dates {
			for _, v := range d.TimePatterns {
				used["time_pattern"][v] = true
			}
			used["start_kind"][d.StartKind] = true
			used["duration_unit"][d.DurationUnit] = true
			if d.MeasureNumber != "" {
				measures++
			}
		}
		if o.WomenSpecific {
			women++
		}
		if o.Childcare {
			childcare++
		}
		if o.Price != nil && o.Price.AmountCents == 0 {
			free++
			if o.Price.Note == "" {
				t.Errorf("free offer %q has no price note", o.Title)
			}
		}
		if o.DQRLevel > 0 {
			dqr++
		}
		skills += len(o.Skills)
		if o.Provenance.Source != Source {
			t.Errorf("offer %q: source %q", o.Title, o.Provenance.Source)
		}
	}
	for vocab, codes := range used {
		delete(codes, "")
		assertAllUsed(t, vocab, codes)
	}
	for name, n := range map[string]int{"women-specific": women, "with childcare": childcare, "free": free,
		"with a DQR level": dqr, "ESCO skills": skills, "BA measure numbers": measures} {
		if n < 3 {
			t.Errorf("only %d offers %s", n, name)
		}
	}
}

func assertAllUsed(t *testing.T, vocab string, used map[string]bool) {
	t.Helper()
	for _, term := range catalogue.Vocab(vocab).Terms {
		if !used[term.Code] {
			t.Errorf("%s %q is not used", vocab, term.Code)
		}
	}
	for code := range used {
		if !catalogue.Vocab(vocab).Has(code) {
			t.Errorf("%s %q is not in the vocabulary", vocab, code)
		}
	}
}

func TestLearningPlaces(t *testing.T) {
	c := Generate(testNow)
	centres := map[string]bool{}
	libraries := 0
	for _, v := range c.Venues {
		if !v.IsLearningPlace() {
			continue
		}
		if len(v.OpeningHours) == 0 || len(v.Equipment) == 0 || len(v.Accessibility) == 0 {
			t.Errorf("learning place %q lacks opening hours, equipment or accessibility", v.Name)
		}
		switch v.Kind {
		case "self_learning_centre":
			centres[v.Address.City] = true
		case "library":
			libraries++
		}
	}
	for _, town := range []string{"Saarbrücken", "Merzig", "St. Ingbert"} {
		if !centres[town] {
			t.Errorf("no self-learning centre in %s", town)
		}
	}
	if libraries < 4 {
		t.Errorf("%d libraries, want several", libraries)
	}
	network := 0
	for i, p := range c.VenueProvider {
		if p == -1 {
			network++
			if !c.Venues[i].IsLearningPlace() {
				t.Errorf("network venue %q is no learning place", c.Venues[i].Name)
			}
		}
	}
	if network == 0 {
		t.Error("the network has no learning place of its own")
	}
}

func TestAddressesAreInTheSaarland(t *testing.T) {
	c := Generate(testNow)
	check := func(what, name string, a catalogue.Address, g *catalogue.Geo) {
		p, ok := geo.Default().PostalCode(a.PostalCode)
		if !ok || p.FederalState != "SAA" || a.State != "SAA" {
			t.Errorf("%s %q: postal code %s is not in the Saarland (%+v)", what, name, a.PostalCode, p)
			return
		}
		if g == nil || geo.Distance(g.Lat, g.Lon, p.Lat, p.Lon) > 1 {
			t.Errorf("%s %q: coordinate %v is not at its postal code", what, name, g)
		}
		if a.Street == "" || a.City == "" {
			t.Errorf("%s %q: incomplete address %+v", what, name, a)
		}
	}
	for _, p := range c.Providers {
		check("provider", p.Name, p.Address, p.Geo)
		for _, addr := range []string{p.Website, p.Email} {
			if !strings.Contains(addr, ".example") {
				t.Errorf("provider %q: %q is not an .example address", p.Name, addr)
			}
		}
		for _, ct := range p.Contacts {
			if !strings.HasSuffix(ct.Email, ".example") {
				t.Errorf("provider %q: contact e-mail %q is not at .example", p.Name, ct.Email)
			}
		}
	}
	for _, v := range c.Venues {
		if v.Kind != "online" {
			check("venue", v.Name, v.Address, v.Geo)
		}
	}
}

func TestDatesAreRelativeToNow(t *testing.T) {
	c := Generate(testNow)
	future, fixed := 0, 0
	for _, o := range c.Offers {
		for _, d := range o.Dates {
			if d.StartKind != catalogue.StartFixed {
				if d.Start != nil {
					t.Errorf("%q: %s date with a start", o.Title, d.StartKind)
				}
				continue
			}
			fixed++
			if d.Start.After(testNow) && d.Start.Before(testNow.AddDate(0, 10, 0)) {
				future++
			}
			if d.End.Before(*d.Start) {
				t.Errorf("%q: ends before it starts", o.Title)
			}
			if d.RegistrationDeadline == nil || d.RegistrationDeadline.After(*d.Start) {
				t.Errorf("%q: registration deadline %v", o.Title, d.RegistrationDeadline)
			}
			if d.TimeDescription == "" || d.Duration <= 0 || d.DurationUnit == "" {
				t.Errorf("%q: date lacks time description or duration: %+v", o.Title, d)
			}
		}
	}
	if future < fixed*3/4 {
		t.Errorf("only %d of %d fixed dates start within the next ten months", future, fixed)
	}
}

// TestTimeDescriptionsMatchDates checks that what a date says in words (the
// weekday it starts on, its times of day) matches its start and end.
func TestTimeDescriptionsMatchDates(t *testing.T) {
	c := Generate(testNow)
	clockRange := regexp.MustCompile(`(\d\d:\d\d)–(\d\d:\d\d)`)
	firstDay := map[string]time.Weekday{
		"montags,": time.Monday, "dienstags,": time.Tuesday, "mittwochs,": time.Wednesday,
		"donnerstags,": time.Thursday, "freitags,": time.Friday, "samstags,": time.Saturday,
		"dienstags und donnerstags": time.Tuesday, "montags und mittwochs": time.Monday,
		"Montag bis": time.Monday, "Samstag und": time.Saturday, "drei Tage, Montag": time.Monday,
	}
	for _, o := range c.Offers {
		for _, d := range o.Dates {
			if d.StartKind != catalogue.StartFixed {
				continue
			}
			start, end := d.Start.In(catalogue.Berlin), d.End.In(catalogue.Berlin)
			if m := clockRange.FindStringSubmatch(d.TimeDescription); m != nil {
				if start.Format("15:04") != m[1] || end.Format("15:04") != m[2] {
					t.Errorf("%q: %q but runs %s–%s", o.Title, d.TimeDescription, start.Format("15:04"), end.Format("15:04"))
				}
			}
			for prefix, day := range firstDay {
				if strings.HasPrefix(d.TimeDescription, prefix) && start.Weekday() != day {
					t.Errorf("%q: %q but starts on %s", o.Title, d.TimeDescription, start.Weekday())
				}
			}
		}
	}
}

func TestOffersAreComplete(t *testing.T) {
	c := Generate(testNow)
	for i, o := range c.Offers {
		texts := map[string]string{"short_description": o.ShortDescription, "description": o.Description,
			"contents": o.Contents, "target_group": o.TargetGroup, "prerequisites": o.Prerequisites,
			"learning_outcomes": o.LearningOutcomes, "type": o.Type, "degree_type": o.DegreeType, "info_url": o.InfoURL}
		for field, v := range texts {
			if v == "" {
				t.Errorf("offer %q lacks %s", o.Title, field)
			}
			if strings.ContainsAny(v, "{}") || strings.Contains(v, "%s") {
				t.Errorf("offer %q: placeholder left in %s: %q", o.Title, field, v)
			}
		}
		if len(o.DeliveryModes) == 0 || len(o.Languages) == 0 || len(o.Topics) == 0 || len(o.Contacts) == 0 {
			t.Errorf("offer %q lacks delivery modes, languages, topics or contacts", o.Title)
		}
		if !strings.HasPrefix(o.InfoURL, "https://www.") || !strings.Contains(o.InfoURL, ".example/") {
			t.Errorf("offer %q: info URL %q", o.Title, o.InfoURL)
		}
		o.ProviderID = int64(c.OfferProvider[i] + 1)
		if err := catalogue.PrepareOffer(o, testNow); err == nil && o.Completeness < 80 {
			t.Errorf("offer %q is only %d %% complete", o.Title, o.Completeness)
		}
	}
}

func TestTitlesUseTheUsualGenderSpellings(t *testing.T) {
	c := Generate(testNow)
	spellings := map[string]*regexp.Regexp{
		"asterisk (Erzieher*in)":          regexp.MustCompile(`\p{L}\*in`),
		"slash (Pflegehelfer/in)":         regexp.MustCompile(`\p{L}/in\b`),
		"slash-hyphen (Erzieher/-in)":     regexp.MustCompile(`/-in\b`),
		"inner capital (ErzieherIn)":      regexp.MustCompile(`\p{Ll}In\b`),
		"colon (Berufskraftfahrer:in)":    regexp.MustCompile(`\p{L}:in\b`),
		"m/w/d (Pflegefachkraft (m/w/d))": regexp.MustCompile(`\(m/w/d\)`),
		"both forms (Kauffrau/Kaufmann)":  regexp.MustCompile(`Kauffrau/Kaufmann|Wirtschaftsfachwirtin`),
	}
	for name, re := range spellings {
		found := false
		for _, o := range c.Offers {
			if re.MatchString(o.Title) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no title uses the spelling %s", name)
		}
	}
}
