package deftis_test

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/deftis"
	"github.com/lernnetz/lernnetz/exchange/record"
	"github.com/lernnetz/lernnetz/internal/shared"
)

// realFile returns the path of the real WDB Brandenburg export in the
// shared data beside the repository, or skips the test.
func realFile(t testing.TB) string { return shared.Path(t, shared.PAS1045) }

// readAll reads every record of the document.
func readAll(t testing.TB, r io.Reader, opts ...deftis.Option) ([]*record.Record, error) {
	t.Helper()
	rd := deftis.NewReader(r, opts...)
	var out []*record.Record
	for range 1_000_000 {
		rec, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			if _, again := rd.Next(); !errors.Is(again, err) && again != err {
				t.Errorf("Next after an error returned %v, want the same error %v", again, err)
			}
			return out, err
		}
		out = append(out, rec)
	}
	t.Fatal("the reader does not end")
	return nil, nil
}

func TestRealFile(t *testing.T) {
	f, err := os.Open(realFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := readAll(t, f)
	if err != nil {
		t.Fatal(err)
	}
	count := map[record.Kind]int{}
	var names []string
	for _, rec := range recs {
		count[rec.Kind]++
		if len(rec.Problems) > 0 {
			t.Errorf("%s: %v", rec.Path, rec.Problems)
		}
		if rec.Kind == record.KindProvider {
			names = append(names, rec.Provider.Name)
		}
		if rec.Kind == record.KindOffer && len(rec.Venues) != len(rec.Offer.Dates) {
			t.Errorf("%s: %d venues for %d dates", rec.Path, len(rec.Venues), len(rec.Offer.Dates))
		}
	}
	if count[record.KindHeader] != 1 || count[record.KindProvider] != 533 || count[record.KindOffer] != 19 {
		t.Fatalf("records: %v, want 1 header, 533 providers, 19 courses", count)
	}
	h := recs[0].Header
	if recs[0].Kind != record.KindHeader || h.Source != "wdb-brandenburg" || h.Delta || h.MultiDocument ||
		!h.Timestamp.Equal(time.Date(2022, 5, 10, 20, 20, 1, 0, catalogue.Berlin)) {
		t.Fatalf("header: %+v", h)
	}
	all := strings.Join(names, "\n")
	for _, want := range []string{"Akademie für Fußpflege, Kosmetik und Wellness", "Oberstufenzentrum 2 Spree-Neiße",
		"Zentrum für Rechts- und Verwaltungswissenschaften an der BTU Cottbus – Senftenberg"} {
		if !strings.Contains(all, want) {
			t.Errorf("no provider %q (ISO-8859-15 or a repaired character reference read wrong)", want)
		}
	}
}

func TestLatin9File(t *testing.T) {
	f, err := os.Open("../testdata/delta-latin9.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := readAll(t, f)
	if err != nil {
		t.Fatal(err)
	}
	var p *catalogue.Provider
	var c1 *catalogue.Offer
	var deletes []string
	for _, rec := range recs {
		switch {
		case rec.Kind == record.KindProvider:
			p = rec.Provider
		case rec.Kind == record.KindOffer && rec.SourceID == "C1":
			c1 = rec.Offer
			if rec.Op != record.OpUpdate {
				t.Errorf("C1 is an update, got %s", rec.Op)
			}
		case rec.Kind == record.KindDelete:
			deletes = append(deletes, rec.SourceID)
		}
	}
	if p == nil || p.Name != "Bildungswerk Groß & Söhne GmbH" || p.Address.Street != "Hüttenweg 7" || p.Address.Country != "DE" {
		t.Fatalf("provider read wrong: %+v", p)
	}
	if c1 == nil || c1.Price == nil || c1.Price.AmountCents != 123450 || c1.Price.Note != "inkl. Lehrbuch (25 €)" {
		t.Fatalf("C1 price read wrong: %+v", c1)
	}
	if strings.Join(deletes, ",") != "C2,C-nie-importiert" {
		t.Fatalf("deletions %v", deletes)
	}
}

func TestMapping(t *testing.T) {
	f, err := os.Open("../testdata/full.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := readAll(t, f)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*record.Record{}
	for _, rec := range recs {
		byID[rec.SourceID] = rec
	}
	p1 := byID["P1"].Provider
	if p1.Kind != "adult_education_centre" || p1.Website != "http://www.vhs-musterstadt.example" || p1.FoundedYear != 1919 ||
		p1.Geo == nil || p1.Address.State != "SAA" || len(p1.Certificates) != 2 || p1.Certificates[0].Code != "azav" ||
		p1.Certificates[1].Code != "lqw" || p1.ExternalIDs[0] != (catalogue.ExternalID{Scheme: "kursnet", Value: "12345"}) ||
		p1.Contacts[0].GivenName != "Erika" || p1.Contacts[0].Salutation != "Frau" || p1.Extensions["CSS_WDB_ORGANISATIONSFORM_AA@typ"] != "1" {
		t.Errorf("P1 mapped wrong: %+v", p1)
	}

	c1 := byID["C1"]
	o := c1.Offer
	if o.Title != "Englisch B1 am Abend" || o.Price.AmountCents != 14950 || strings.Join(o.Languages, ",") != "en,de" ||
		strings.Join(o.Funding, ",") != "bildungsfreistellung" || strings.Join(o.DeliveryModes, ",") != "classroom" ||
		o.Type != "further_training" || o.DegreeType != "certificate" || o.TeachingHours != 40 || o.Status != catalogue.StatusPublished {
		t.Errorf("C1 mapped wrong: %+v", o)
	}
	d := o.Dates[1]
	if len(o.Dates) != 2 || d.SourceID != "C1-S2" || !d.Start.Equal(time.Date(2027, 9, 6, 18, 0, 0, 0, catalogue.Berlin)) ||
		d.Duration != 30 || d.DurationUnit != "hours" || d.SeatsMin != 6 || d.SeatsMax != 14 || strings.Join(d.TimePatterns, ",") != "evening" {
		t.Errorf("C1 date mapped wrong: %+v", d)
	}
	if v := c1.Venues[0]; v == nil || v.Name != "VHS-Zentrum, Raum 2.14" || v.Kind != "classroom" || v.Geo == nil ||
		strings.Join(v.Accessibility, ",") != "step_free" || c1.Venues[1].Provenance.SourceID != v.Provenance.SourceID {
		t.Errorf("C1 venue mapped wrong: %+v", v)
	}
	if o.Extensions["CS_WDB_SYSTEMATIK_AA"] != "C 1234-56" || o.Extensions["CS_WDB_MODE"] != "Präsenzveranstaltung" {
		t.Errorf("C1 extensions: %v", o.Extensions)
	}

	o = byID["C2"].Offer
	if len(o.Dates) != 1 || o.Dates[0].StartKind != catalogue.StartPermanent || o.Dates[0].Note != "laufender Einstieg möglich" ||
		o.Dates[0].Duration != 3 || o.Dates[0].DurationUnit != "months" || o.Contacts[0].Phone != "+49.6821.2000, +49.6821.2001" ||
		strings.Join(o.Funding, ",") != "bildungsgutschein,avgs" || strings.Join(o.DeliveryModes, ",") != "e_learning,virtual_classroom" {
		t.Errorf("C2 mapped wrong: %+v", o)
	}

	c3 := byID["C3"]
	o = c3.Offer
	if !strings.Contains(o.Description, `<script>alert("x")</script> bleibt Text.`) {
		t.Errorf("markup in text must stay text: %q", o.Description)
	}
	if o.Dates[0].StartKind != catalogue.StartOnRequest || o.Dates[0].Note != "Termin auf Anfrage" ||
		strings.Join(o.Funding, ",") != "eu_programme,state_programme" || strings.Join(o.DeliveryModes, ",") != "individual_coaching" ||
		c3.Venues[0] == nil || c3.Venues[0].Address.District != "Wellesweiler" {
		t.Errorf("C3 mapped wrong: %+v", o)
	}
	if path, line := c3.Locate("dates[0].venue.name"); !strings.HasSuffix(path, "COURSE[3]/CS_WDB_ADDRESS/ADDRESS") || line == 0 {
		t.Errorf("dates[0].venue of C3 located at %s:%d", path, line)
	}
}

func TestProblemsAreLocated(t *testing.T) {
	doc := `<?xml version="1.0"?>
<DEFTISCAT><DATASUPPLIER><DS_NAME>X</DS_NAME></DATASUPPLIER>
<COURSETRANSACTIONS><INSERTCOURSES>
<COURSE><CS_ID>A</CS_ID><CS_SUPPLIERID>P</CS_SUPPLIERID>
<COURSESCHEDULES><SCHEDULE><S_START_DATE>gestern</S_START_DATE></SCHEDULE></COURSESCHEDULES>
<CS_PRICE>1.500</CS_PRICE><CS_DEGREE_EXAM>vielleicht</CS_DEGREE_EXAM>
</COURSE></INSERTCOURSES></COURSETRANSACTIONS></DEFTISCAT>`
	recs, err := readAll(t, strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	rec := recs[1]
	want := map[string]int{
		"DEFTISCAT/COURSETRANSACTIONS/INSERTCOURSES/COURSE[1]/COURSESCHEDULES/SCHEDULE[1]/S_START_DATE": 5,
		"DEFTISCAT/COURSETRANSACTIONS/INSERTCOURSES/COURSE[1]/CS_PRICE":                                 6,
		"DEFTISCAT/COURSETRANSACTIONS/INSERTCOURSES/COURSE[1]/CS_DEGREE_EXAM":                           6,
		"DEFTISCAT/COURSETRANSACTIONS/INSERTCOURSES/COURSE[1]/CS_NAME":                                  4,
	}
	got := map[string]int{}
	for _, p := range rec.Problems {
		got[p.Path] = p.Line
		if p.Message == "" {
			t.Errorf("problem without message at %s", p.Path)
		}
	}
	for path, line := range want {
		if got[path] != line {
			t.Errorf("want a problem at %s line %d; got %v", path, line, rec.Problems)
		}
	}
}
