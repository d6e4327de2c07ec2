package csvfmt_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange"
	"github.com/lernnetz/lernnetz/exchange/csvfmt"
)

// stored returns the offers of s by their source id, with dates and venues.
func stored(t *testing.T, s catalogue.Store) map[string]*catalogue.Offer {
	t.Helper()
	list, _, err := s.Offers(ctx, catalogue.OfferFilter{Page: catalogue.Page{Limit: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*catalogue.Offer{}
	for _, o := range list {
		full, err := s.Offer(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		out[o.Provenance.SourceID] = full
	}
	return out
}

// TestExampleImports imports the downloadable example: one provider, four
// offers with six dates at two venues, every value as the file says.
func TestExampleImports(t *testing.T) {
	eachStore(t, func(t *testing.T, open func(t *testing.T) catalogue.Store) {
		s := open(t)
		sum, err := importCSV(t, s, csvfmt.ExampleName, csvfmt.Example)
		if err != nil {
			t.Fatalf("import: %v (%+v)", err, sum.Rejected)
		}
		if sum.Format != "csv" || sum.Inserted != 4 || sum.ProvidersInserted != 1 || sum.VenuesInserted != 2 || sum.RejectedRecords != 0 || sum.Withdrawn != 0 {
			t.Fatalf("summary: %+v", sum)
		}
		offers := stored(t, s)
		en, fw, online, self := offers["EN-A1-2027"], offers["FW-GS-2027"], offers["BEW-ONLINE"], offers["DE-B2-SELBST"]
		if en == nil || fw == nil || online == nil || self == nil {
			t.Fatalf("offers by source id: %v", offers)
		}
		if fw.Title != "Geprüfte/r Fachwirt/in im Gesundheits- und Sozialwesen (IHK)" || fw.Price.AmountCents != 345000 || fw.Price.Unit != "total" ||
			!slices.Equal(fw.Funding, []string{"aufstiegs_bafoeg", "bildungsgutschein"}) || fw.DQRLevel != 6 || !fw.Exam || fw.DegreeType != "chamber_exam" {
			t.Errorf("Fachwirt: %+v price %+v", fw, fw.Price)
		}
		if en.Price.AmountCents != 12900 || en.Price.Note != "inkl. Lehrbuch; ermäßigt 99,00 € mit Saarland-Card" ||
			!strings.Contains(en.Description, "Atmosphäre die Grundlagen der englischen Sprache.\nIm Mittelpunkt") ||
			!slices.Equal(en.Languages, []string{"en", "de"}) || len(en.Dates) != 2 || en.Contacts[0].FamilyName != "Weißgerber" {
			t.Errorf("English: %+v", en)
		}
		d := en.Dates[0]
		if d.StartKind != catalogue.StartFixed || d.Start.Format("2006-01-02 15:04") != "2027-01-12 18:00" || d.End.Format("2006-01-02 15:04") != "2027-03-23 19:30" ||
			d.Duration != 20 || d.DurationUnit != "lessons" || d.SeatsMax != 14 || !slices.Equal(d.TimePatterns, []string{"part_time", "evening"}) || d.DayTime != "evening" {
			t.Errorf("English date 1: %+v", d)
		}
		v1, v2 := en.Dates[0].Venue, en.Dates[1].Venue
		if v1 == nil || v2 == nil || v1.Name != "Bildungswerk Saar-Mitte, Haus am Bahnhof" || v1.Address.District != "St. Johann" ||
			v2.Address.City != "Völklingen" || !slices.Equal(v2.Accessibility, []string{"step_free"}) || v2.Geo == nil || v2.Address.State == "" {
			t.Errorf("English venues: %+v / %+v", v1, v2)
		}
		if fw.Dates[0].VenueID != en.Dates[0].VenueID {
			t.Errorf("the same place is two venues: %d, %d", fw.Dates[0].VenueID, en.Dates[0].VenueID)
		}
		if online.Price.AmountCents != 0 || len(online.Dates) != 2 || online.Dates[0].VenueID != 0 || online.Dates[1].StartKind != catalogue.StartOnRequest ||
			online.DeliveryModes[0] != "virtual_classroom" {
			t.Errorf("online offer: %+v", online)
		}
		if self.Price.AmountCents != 4900 || self.Price.Unit != "per_month" || self.Dates[0].StartKind != catalogue.StartPermanent ||
			!slices.Equal(self.DeliveryModes, []string{"e_learning", "self_study"}) {
			t.Errorf("self-study offer: %+v %+v", self, self.Price)
		}
		for _, o := range offers {
			if o.Status != catalogue.StatusPublished || o.Provenance.Source != "csv-test" {
				t.Errorf("%s: status %s, source %s", o.Title, o.Status, o.Provenance.Source)
			}
		}
		again, err := importCSV(t, s, csvfmt.ExampleName, csvfmt.Example)
		if err != nil || again.Unchanged != 4 || again.Inserted+again.Updated != 0 || again.ProvidersUnchanged != 1 {
			t.Errorf("second import is not idempotent: %v %+v", err, again)
		}
	})
}

// TestBadRowsAreRejected breaks three offers of the example in three ways:
// each is rejected with its line, column and source id, and the fourth is
// imported.
func TestBadRowsAreRejected(t *testing.T) {
	text := string(csvfmt.Example)
	text = strings.Replace(text, "3.450,00 €", "3.450,00,5 €", 1)                                                              // line 6
	text = strings.Replace(text, `"Teilzeit; Abends";20 Unterrichtseinheiten`, `"Teilzeit; Abend";20 Unterrichtseinheiten`, 1) // line 3: the row of line 2 has a description of two lines
	i := strings.LastIndex(text, "Englisch A1 für Einsteiger")                                                                 // line 4: the title differs
	text = text[:i] + "Englisch A2 für Einsteiger" + text[i+len("Englisch A1 für Einsteiger"):]
	text = strings.Replace(text, "08.02.2027 09:00", "31.02.2027 09:00", 1) // line 7
	eachStore(t, func(t *testing.T, open func(t *testing.T) catalogue.Store) {
		s := open(t)
		sum, err := importCSV(t, s, "kurse.csv", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if sum.Inserted != 1 || sum.RejectedRecords != 3 || !sum.Imported() {
			t.Fatalf("summary: %+v", sum)
		}
		type where struct {
			line     int
			path, id string
			words    string
		}
		want := []where{
			{3, "Spalte zeitmodell", "EN-A1-2027", "„Abend“ ist kein erlaubter Wert. Erlaubt sind: Vollzeit, Teilzeit, Abends"},
			{4, "Spalte titel", "EN-A1-2027", "„Englisch A2 für Einsteiger“ weicht von Zeile 2 ab („Englisch A1 für Einsteiger“)"},
			{6, "Spalte preis", "FW-GS-2027", "„3.450,00,5 €“ ist kein Preis"},
			{7, "Spalte beginn", "BEW-ONLINE", "„31.02.2027 09:00“ ist kein Beginn"},
		}
		if len(sum.Rejected) != len(want) {
			t.Fatalf("rejections: %+v", sum.Rejected)
		}
		slices.SortStableFunc(sum.Rejected, func(a, b exchange.Rejection) int { return a.Line - b.Line })
		for i, w := range want {
			r := sum.Rejected[i]
			if r.File != "kurse.csv" || r.Line != w.line || r.Path != w.path || r.SourceID != w.id || !strings.Contains(r.Message, w.words) {
				t.Errorf("rejection %d: %+v, want %+v", i, r, w)
			}
		}
		if _, ok := stored(t, s)["DE-B2-SELBST"]; !ok {
			t.Error("the valid offer was not imported")
		}
	})
}

// TestValidationErrorsPointToColumns: what the catalogue's rules reject
// (an e-mail address, seats min above max) is reported at its cell.
func TestValidationErrorsPointToColumns(t *testing.T) {
	file := "anbieter_id;anbieter_name;angebot_id;titel;beginn;kontakt_email;teilnehmer_min;teilnehmer_max;plz;ort_name\n" +
		"p1;Kursanbieter;A;Kurs A;01.03.2027;keine-mail;;;;\n" +
		"p1;Kursanbieter;B;Kurs B;01.03.2027;;;;;\n" +
		"p1;Kursanbieter;B;;02.03.2027;;12;8;;\n" +
		"p1;Kursanbieter;C;Kurs C;01.03.2027;;;;661;Raum 1\n"
	s := openSQLite(t)
	sum, err := importCSV(t, s, "f.csv", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Inserted != 0 || sum.RejectedRecords != 3 || len(sum.Rejected) != 3 {
		t.Fatalf("summary: %+v", sum)
	}
	for i, w := range []struct {
		line int
		path string
	}{{2, "Spalte kontakt_email"}, {4, "Spalte teilnehmer_min"}, {5, "Spalte plz"}} {
		if r := sum.Rejected[i]; r.Line != w.line || r.Path != w.path {
			t.Errorf("rejection %d: %+v, want line %d %s", i, r, w.line, w.path)
		}
	}
}

// TestEmptyFilesAreUnusable: an empty file and one with only the header
// import nothing and end with an error (the command's exit code 2).
func TestEmptyFilesAreUnusable(t *testing.T) {
	header := csvfmt.Template
	for name, data := range map[string][]byte{
		"empty": nil, "bom only": []byte("\uFEFF"), "blank lines": []byte("\n\r\n\n"),
		"header only": header, "header and empty rows": append(bytes.Clone(header), ";;;;;;;;;;\r\n;;;\r\n"...),
	} {
		t.Run(name, func(t *testing.T) {
			s := openSQLite(t)
			sum, err := importCSV(t, s, name+".csv", data)
			if !errors.Is(err, csvfmt.ErrEmpty) || sum.Imported() {
				t.Fatalf("err %v, summary %+v", err, sum)
			}
		})
	}
}

// TestDetected: a .csv file is imported without naming the format.
func TestDetected(t *testing.T) {
	s := openSQLite(t)
	im := &exchange.Importer{Store: s, Now: clock}
	sum, err := im.Import(ctx, bytes.NewReader(csvfmt.Example), exchange.Options{FileName: "angebote.csv", Source: "csv-test"})
	if err != nil || sum.Format != "csv" || sum.Inserted != 4 {
		t.Fatalf("%v %+v", err, sum)
	}
}

// TestDetectedWindows1252: a file Excel saved as plain CSV (Windows-1252,
// no BOM) is found to be CSV and imported with its umlauts and euro signs.
func TestDetectedWindows1252(t *testing.T) {
	data, err := charmap.Windows1252.NewEncoder().Bytes(bytes.TrimPrefix(csvfmt.Example, []byte("\uFEFF")))
	if err != nil {
		t.Fatal(err)
	}
	s := openSQLite(t)
	im := &exchange.Importer{Store: s, Now: clock}
	sum, err := im.Import(ctx, bytes.NewReader(data), exchange.Options{FileName: "Angebote.CSV", Source: "csv-test"})
	if err != nil || sum.Format != "csv" || sum.Inserted != 4 {
		t.Fatalf("%v %+v", err, sum)
	}
	if o := stored(t, s)["FW-GS-2027"]; o.Title != "Geprüfte/r Fachwirt/in im Gesundheits- und Sozialwesen (IHK)" || o.Price.AmountCents != 345000 {
		t.Errorf("%q %+v", o.Title, o.Price)
	}
}
