package openqcat_test

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/openqcat"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// readAll reads every record of doc; err is the error that ended reading
// (nil at a clean end).
func readAll(t *testing.T, doc io.Reader) ([]*record.Record, error) {
	t.Helper()
	r := openqcat.NewReader(doc)
	var recs []*record.Record
	for range 10_000 {
		rec, err := r.Next()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			if _, again := r.Next(); again != err {
				t.Errorf("Next after the error returned %v, want the same error again", again)
			}
			return recs, err
		}
		recs = append(recs, rec)
	}
	t.Fatal("reader does not end")
	return nil, nil
}

func mustReadAll(t *testing.T, doc io.Reader) []*record.Record {
	t.Helper()
	recs, err := readAll(t, doc)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func berlin(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, catalogue.Berlin)
	if err != nil {
		panic(err)
	}
	return t
}

func wantTime(t *testing.T, what string, got *time.Time, want string) {
	t.Helper()
	if got == nil || !got.Equal(berlin(want)) {
		t.Errorf("%s = %v, want %s (Berlin)", what, got, want)
	}
}

// TestSample maps the hand-written KURSNET delivery in testdata (ISO-8859-15,
// umlauts, character references, an offer with two Veranstaltungen, one
// with its own date and an online offer with a flexible start).
func TestSample(t *testing.T) {
	f, err := os.Open("testdata/kursnet-saar.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs := mustReadAll(t, f)
	if len(recs) != 5 {
		t.Fatalf("%d records, want header, provider and 3 offers", len(recs))
	}
	for _, rec := range recs {
		if len(rec.Problems) > 0 {
			t.Errorf("%s: problems %v", rec.Path, rec.Problems)
		}
	}
	h := recs[0].Header
	if recs[0].Kind != record.KindHeader || h.Source != "saarbruecker-bildungswerk" || h.Delta || h.MultiDocument ||
		h.SupplierID != "SBW-2026" || !h.Timestamp.Equal(berlin("2026-02-01 06:30")) {
		t.Errorf("header = %+v", h)
	}

	p := recs[1]
	if p.Kind != record.KindProvider || p.SourceID != "4711" || p.Path != "OPENQCAT/HEADER/SUPPLIER[1]" || p.Line != 26 {
		t.Fatalf("provider record = %s line %d id %q", p.Path, p.Line, p.SourceID)
	}
	pr := p.Provider
	if pr.Name != "Saarbrücker Bildungswerk gGmbH" || pr.Kind != "private_provider" ||
		pr.Address != (catalogue.Address{Street: "Großherzog-Friedrich-Straße 12", PostalCode: "66111", City: "Saarbrücken", State: "SAA", Country: "DE"}) ||
		pr.Email != "info@sbw-saar.example" || pr.Website != "https://www.sbw-saar.example" || pr.Geo == nil {
		t.Errorf("provider = %+v", pr)
	}
	if len(pr.Contacts) != 2 || pr.Contacts[0] != (catalogue.Contact{Role: "Gesamtansprechpartner", Salutation: "Frau", Title: "Dr.",
		GivenName: "Jürgen-Käthe", FamilyName: "Schäfer", Phone: "+49.681.9876-12", Email: "schaefer@sbw-saar.example"}) ||
		pr.Contacts[1].FamilyName != "Weiß" {
		t.Errorf("provider contacts = %+v", pr.Contacts)
	}
	if len(pr.ExternalIDs) != 1 || pr.ExternalIDs[0] != (catalogue.ExternalID{Scheme: "ba", Value: "922/464"}) {
		t.Errorf("external ids = %+v", pr.ExternalIDs)
	}
	if pr.Extensions["KEYWORD"] != "Weiterbildung Saarland" {
		t.Errorf("provider extensions = %v", pr.Extensions)
	}

	lag := recs[2]
	o := lag.Offer
	if lag.SourceID != "LAG-2026" || lag.ProviderSourceID != "4711" || lag.Op != record.OpInsert ||
		o.Title != "Umschulung Fachkraft für Lagerlogistik (IHK)" || o.Type != "retraining" ||
		!strings.HasPrefix(o.Description, "Wareneingang, Lagerung und Versand – praxisnah") ||
		o.Degree != "Fachkraft für Lagerlogistik" || o.DegreeType != "state_recognised" || !o.Exam ||
		o.LearningOutcomes != "Staplerschein" || o.Contents != "Lagerprozesse, Warenwirtschaft, Arbeitssicherheit" ||
		o.TargetGroup != "Arbeitsuchende mit Interesse an Logistik" || o.InfoURL != "https://www.sbw-saar.example/lager" ||
		strings.Join(o.DeliveryModes, ",") != "classroom" || strings.Join(o.Languages, ",") != "de,en" ||
		strings.Join(o.Funding, ",") != "bildungsgutschein,federal_programme" || o.FundingNote != "Förderung nach § 81 SGB III" ||
		strings.Join(o.Topics, ",") != "logistics" {
		t.Errorf("offer LAG-2026 = %+v", o)
	}
	if o.Price == nil || *o.Price != (catalogue.Price{AmountCents: 1499000, Currency: "EUR", Unit: "total", Note: "inkl. Prüfungsgebühr"}) {
		t.Errorf("price = %+v", o.Price)
	}
	if len(o.Contacts) != 1 || o.Contacts[0].FamilyName != "Yılmaz" || o.Contacts[0].GivenName != "Özgür" {
		t.Errorf("contacts = %+v (character reference &#305; and Latin-9 Ö)", o.Contacts)
	}
	if o.Extensions["SERVICE_DETAILS/TERMS_AND_CONDITIONS"] != "Förderung mit Bildungsgutschein möglich." ||
		o.Extensions["SERVICE_CLASSIFICATION/FEATURE/FNAME"] != "C 1234-10" || o.Extensions["SERVICE_DETAILS/KEYWORD"] != "Gabelstapler" ||
		o.Extensions["COURSE_TYPE"] != "5" {
		t.Errorf("extensions = %v", o.Extensions)
	}
	if len(o.Dates) != 2 || len(lag.Venues) != 2 {
		t.Fatalf("LAG-2026 has %d dates, %d venues; want the two Veranstaltungen", len(o.Dates), len(lag.Venues))
	}
	sb, nk := o.Dates[0], o.Dates[1]
	wantTime(t, "SB start", sb.Start, "2026-03-02 08:00")
	wantTime(t, "SB end", sb.End, "2028-02-29 15:30")
	wantTime(t, "SB registration", sb.RegistrationDeadline, "2026-02-20 00:00")
	if sb.SourceID != "LAG-2026-SB" || sb.StartKind != catalogue.StartFixed || sb.SeatsMin != 8 || sb.SeatsMax != 16 ||
		sb.MeasureNumber != "955/123/26" || sb.Duration != 24 || sb.DurationUnit != "months" ||
		strings.Join(sb.TimePatterns, ",") != "full_time" || sb.TimeDescription != "Mo–Fr 08:00–15:30 Uhr" ||
		sb.Note != "Einstieg nach Absprache" || sb.Price == nil || sb.Price.AmountCents != 1499000 {
		t.Errorf("date SB = %+v", sb)
	}
	if v := lag.Venues[0]; v == nil || v.Name != "Lagerhalle Burbach" || v.Provenance.SourceID != "ort-7" || v.Address.PostalCode != "66115" ||
		strings.Join(v.Accessibility, ",") != "step_free" {
		t.Errorf("venue SB = %+v", v)
	}
	wantTime(t, "NK start", nk.Start, "2026-09-01 08:00")
	if nk.SourceID != "LAG-2026-NK" || nk.StartKind != catalogue.StartRolling || strings.Join(nk.TimePatterns, ",") != "part_time" ||
		nk.Price == nil || nk.Price.AmountCents != 1349050 || nk.Price.Note != "Teilzeitvariante" ||
		nk.Contact == nil || nk.Contact.FamilyName != "Groß" || nk.Contact.Role != "Standortleitung" {
		t.Errorf("date NK = %+v", nk)
	}
	if v := lag.Venues[1]; v == nil || v.Name != "Schulungszentrum Neunkirchen" || !strings.HasPrefix(v.Provenance.SourceID, "addr:66538|neunkirchen|") {
		t.Errorf("venue NK = %+v", v)
	}

	exc := recs[3].Offer
	if recs[3].ProviderSourceID != "4711" || exc.Description != "Formeln, Tabellen, Diagramme & Pivot – für Einsteiger." ||
		exc.Type != "further_training" || exc.DegreeType != "certificate" || strings.Join(exc.Funding, ",") != "bildungsfreistellung" ||
		exc.Price == nil || exc.Price.AmountCents != 39500 || len(exc.Dates) != 1 {
		t.Fatalf("offer EXC-01 = %+v", exc)
	}
	d := exc.Dates[0]
	wantTime(t, "EXC start", d.Start, "2026-04-13 09:00")
	wantTime(t, "EXC end", d.End, "2026-04-17 16:00")
	if d.StartKind != catalogue.StartFixed || d.SeatsMax != 10 || d.Duration != 40 || d.DurationUnit != "lessons" ||
		strings.Join(d.TimePatterns, ",") != "part_time" || recs[3].Venues[0] == nil {
		t.Errorf("date EXC = %+v", d)
	}

	deu := recs[4].Offer
	if deu.Title != "Deutsch für den Beruf B2 – online" || strings.Join(deu.Languages, ",") != "de,uk" ||
		strings.Join(deu.DeliveryModes, ",") != "virtual_classroom" || deu.Type != "further_training" || len(deu.Dates) != 1 {
		t.Fatalf("offer DEU-B2-ONLINE = %+v", deu)
	}
	if d := deu.Dates[0]; d.StartKind != catalogue.StartPermanent || d.Start != nil || d.TimeDescription != "Di und Do 18–20:15 Uhr" || recs[4].Venues[0] != nil {
		t.Errorf("date DEU = %+v, venue %v", d, recs[4].Venues[0])
	}
}

const head = `<?xml version="1.0" encoding="UTF-8"?>
<OPENQCAT version="1.1">
<HEADER>
<CATALOG><LANGUAGE>deu</LANGUAGE><CATALOG_ID>T</CATALOG_ID><CATALOG_NAME>Test</CATALOG_NAME></CATALOG>
<SUPPLIER><SUPPLIER_ID type="supplier_specific">1</SUPPLIER_ID><SUPPLIER_NAME>Anbieter</SUPPLIER_NAME></SUPPLIER>
</HEADER>
`

// TestProblems checks that bad values reject their record with the line,
// the element path and a German message, and leave the others alone.
func TestProblems(t *testing.T) {
	doc := head + `<NEW_CATALOG>
<SERVICE>
<PRODUCT_ID>A</PRODUCT_ID>
<SERVICE_DETAILS>
<TITLE>Gut</TITLE>
</SERVICE_DETAILS>
</SERVICE>
<SERVICE>
<PRODUCT_ID>B</PRODUCT_ID>
<SERVICE_DETAILS>
<TITLE></TITLE>
<SERVICE_DATE><START_DATE>31.02.2026</START_DATE></SERVICE_DATE>
<SERVICE_MODULE><EDUCATION type="true">
<MODULE_COURSE><MAX_PARTICIPANTS>zwölf</MAX_PARTICIPANTS><FLEXIBLE_START>vielleicht</FLEXIBLE_START></MODULE_COURSE>
</EDUCATION></SERVICE_MODULE>
</SERVICE_DETAILS>
<SERVICE_PRICE_DETAILS><SERVICE_PRICE><PRICE_AMOUNT>1.500</PRICE_AMOUNT></SERVICE_PRICE></SERVICE_PRICE_DETAILS>
</SERVICE>
<SERVICE>
<PRODUCT_ID>C-1</PRODUCT_ID>
<SERVICE_DETAILS><TITLE/>
<SERVICE_MODULE><EDUCATION type="false"><COURSE_ID>ZZZ</COURSE_ID></EDUCATION></SERVICE_MODULE>
</SERVICE_DETAILS>
</SERVICE>
<SERVICE>
<SERVICE_DETAILS><TITLE>Ohne Kennung</TITLE>
<SERVICE_MODULE><EDUCATION type="beides"><EXTENDED_INFO><INSTRUCTION_FORM type="Präsenz"/><EDUCATION_TYPE type="104"/></EXTENDED_INFO></EDUCATION></SERVICE_MODULE>
</SERVICE_DETAILS>
</SERVICE>
</NEW_CATALOG>
</OPENQCAT>`
	recs := mustReadAll(t, strings.NewReader(doc))
	if len(recs) != 6 {
		t.Fatalf("%d records, want header, provider, 4 offers", len(recs))
	}
	if a := recs[2]; a.SourceID != "A" || len(a.Problems) != 0 || a.Line != 8 || a.Path != "OPENQCAT/NEW_CATALOG/SERVICE[1]" {
		t.Errorf("good offer: %s line %d problems %v", a.Path, a.Line, a.Problems)
	}
	want := map[string][]record.Problem{
		"B": {
			{Line: 17, Path: "OPENQCAT/NEW_CATALOG/SERVICE[2]/SERVICE_DETAILS/TITLE", Message: "Der Titel des Bildungsangebots (TITLE) fehlt."},
			{Line: 23, Path: "OPENQCAT/NEW_CATALOG/SERVICE[2]/SERVICE_PRICE_DETAILS/SERVICE_PRICE/PRICE_AMOUNT", Message: "„1.500“ ist kein Preis (mehrdeutig – Tausender- oder Dezimaltrennzeichen?); erwartet ist ein Betrag wie 1490.00."},
			{Line: 18, Path: "OPENQCAT/NEW_CATALOG/SERVICE[2]/SERVICE_DETAILS/SERVICE_DATE/START_DATE", Message: "„31.02.2026“ ist kein Zeitpunkt; erwartet ist xsd:dateTime wie 2026-03-02T09:00:00+01:00."},
			{Line: 20, Path: "OPENQCAT/NEW_CATALOG/SERVICE[2]/SERVICE_DETAILS/SERVICE_MODULE/EDUCATION/MODULE_COURSE/FLEXIBLE_START", Message: "„vielleicht“ ist kein Wahrheitswert (FLEXIBLE_START: true oder false)."},
			{Line: 20, Path: "OPENQCAT/NEW_CATALOG/SERVICE[2]/SERVICE_DETAILS/SERVICE_MODULE/EDUCATION/MODULE_COURSE/MAX_PARTICIPANTS", Message: "„zwölf“ ist keine Zahl (Höchstzahl der Teilnehmenden)."},
		},
		"C-1": {
			{Line: 28, Path: "OPENQCAT/NEW_CATALOG/SERVICE[3]/SERVICE_DETAILS/SERVICE_MODULE/EDUCATION/COURSE_ID", Message: "Die Veranstaltung C-1 verweist auf das Bildungsangebot „ZZZ“, das nicht unmittelbar vor ihr steht; Veranstaltungen (EDUCATION type=\"false\") müssen direkt auf ihr Bildungsangebot folgen."},
		},
		"": {
			{Line: 31, Path: "OPENQCAT/NEW_CATALOG/SERVICE[4]", Message: "Die Kennung des Bildungsangebots (PRODUCT_ID) fehlt."},
			{Line: 33, Path: "OPENQCAT/NEW_CATALOG/SERVICE[4]/SERVICE_DETAILS/SERVICE_MODULE/EDUCATION", Message: "EDUCATION type=\"beides\" ist weder true (Bildungsangebot) noch false (Veranstaltung)."},
			{Line: 33, Path: "OPENQCAT/NEW_CATALOG/SERVICE[4]/SERVICE_DETAILS/SERVICE_MODULE/EDUCATION/EXTENDED_INFO/INSTRUCTION_FORM", Message: "Die Unterrichtsform (INSTRUCTION_FORM) hat die Klasse „Präsenz“; erwartet ist eine Zahl der KURSNET-Wertebereiche."},
		},
	}
	for _, rec := range recs[3:] {
		w := want[rec.SourceID]
		if len(rec.Problems) != len(w) {
			t.Errorf("%s: problems %+v, want %+v", rec.SourceID, rec.Problems, w)
			continue
		}
		for i := range w {
			if rec.Problems[i] != w[i] {
				t.Errorf("%s problem %d:\n got %+v\nwant %+v", rec.SourceID, i, rec.Problems[i], w[i])
			}
		}
	}
	if path, line := recs[3].Locate("dates[0].start"); line != 18 || !strings.HasSuffix(path, "SERVICE_DATE/START_DATE") {
		t.Errorf("Locate(dates[0].start) = %s:%d", path, line)
	}
}

// TestDelta reads an UPDATE_CATALOG: the header says delta, DELETE's
// services are deletions and NEW's are updates.
func TestDelta(t *testing.T) {
	doc := head + `<UPDATE_CATALOG seq_number="3">
<DELETE><SERVICE><PRODUCT_ID>77</PRODUCT_ID></SERVICE><SERVICE><PRODUCT_ID/></SERVICE></DELETE>
<NEW><SERVICE><PRODUCT_ID>78</PRODUCT_ID><SERVICE_DETAILS><TITLE>Neu</TITLE></SERVICE_DETAILS></SERVICE></NEW>
</UPDATE_CATALOG>
</OPENQCAT>`
	recs := mustReadAll(t, strings.NewReader(doc))
	if len(recs) != 5 || !recs[0].Header.Delta || recs[0].Header.Source != "test" {
		t.Fatalf("records %d, header %+v", len(recs), recs[0].Header)
	}
	if d := recs[2]; d.Kind != record.KindDelete || d.SourceID != "77" || d.Op != record.OpDelete || len(d.Problems) != 0 {
		t.Errorf("deletion = %+v", d)
	}
	if d := recs[3]; d.Kind != record.KindDelete || len(d.Problems) != 1 || d.Problems[0].Path != "OPENQCAT/UPDATE_CATALOG/DELETE/SERVICE[2]" {
		t.Errorf("deletion without id = %+v", d)
	}
	if u := recs[4]; u.Kind != record.KindOffer || u.Op != record.OpUpdate || u.SourceID != "78" || u.ProviderSourceID != "1" {
		t.Errorf("update = %+v", u)
	}
}

// TestNotOpenQcat: a DEfTIS file, an empty one and a cut-off one end with
// a clear error.
func TestNotOpenQcat(t *testing.T) {
	for name, tc := range map[string]struct {
		doc  string
		kind error
		msg  string
	}{
		"deftis":  {`<?xml version="1.0"?><DEFTISCAT/>`, openqcat.ErrNotOpenQcat, "Zeile 1: Das Wurzelelement heißt DEFTISCAT; ein open-Qcat-Dokument beginnt mit OPENQCAT."},
		"empty":   {``, openqcat.ErrNotOpenQcat, "Zeile 1: Die Datei enthält kein open-Qcat-Dokument (kein Element OPENQCAT)."},
		"cut off": {head + "<NEW_CATALOG>\n<SERVICE><PRODUCT_ID>1</PRO", openqcat.ErrSyntax, "Zeile 8 (OPENQCAT/NEW_CATALOG): Die Datei endet mitten im Dokument – sie ist wohl abgeschnitten oder unvollständig übertragen."},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := readAll(t, strings.NewReader(tc.doc))
			if !errors.Is(err, tc.kind) || err.Error() != tc.msg {
				t.Errorf("error %q (%v), want %q", err, err, tc.msg)
			}
		})
	}
}

// TestSuppliers: a SUPPLIER without id or name is rejected where it is; the
// organisational form maps to a provider kind; without CATALOG_NAME the
// only supplier names the source, and offers without SUPPLIER_ID_REF
// belong to it.
func TestSuppliers(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<OPENQCAT version="1.1">
<HEADER>
<CATALOG><LANGUAGE>deu</LANGUAGE><CATALOG_ID>K-1</CATALOG_ID><CATALOG_VERSION>1.0</CATALOG_VERSION></CATALOG>
<SUPPLIER><SUPPLIER_ID type="institution_number">922464</SUPPLIER_ID><SUPPLIER_NAME>Bildungszentrum der Handwerkskammer</SUPPLIER_NAME>
<ADDRESS><ZIP>66117</ZIP><COUNTRY>Schlaraffenland</COUNTRY></ADDRESS>
<EXTENDED_INFO input_type="0"><ORGANIZATIONAL_FORM type="4">Bildungseinrichtung der Handwerkskammern</ORGANIZATIONAL_FORM></EXTENDED_INFO></SUPPLIER>
</HEADER>
<NEW_CATALOG FULLCATALOG="false"><SERVICE><PRODUCT_ID>M1</PRODUCT_ID><SERVICE_DETAILS><TITLE>Meisterkurs</TITLE></SERVICE_DETAILS></SERVICE></NEW_CATALOG>
</OPENQCAT>`
	recs := mustReadAll(t, strings.NewReader(doc))
	if len(recs) != 3 {
		t.Fatalf("%d records", len(recs))
	}
	if h := recs[0].Header; h.Source != "bildungszentrum-der-handwerkskammer" || !h.MultiDocument || h.Delta || h.SupplierID != "K-1" {
		t.Errorf("header %+v", h)
	}
	p := recs[1].Provider
	if p.Kind != "chamber" || len(p.ExternalIDs) != 1 || p.ExternalIDs[0].Value != "922464" ||
		p.Address.Country != "" || p.Extensions["ADDRESS/COUNTRY"] != "Schlaraffenland" || p.Address.State != "" || p.Geo != nil { // unknown country: no postal code lookup
		t.Errorf("provider %+v", p)
	}
	if o := recs[2]; o.ProviderSourceID != "922464" || len(o.Problems) != 0 {
		t.Errorf("offer: provider %q, problems %v", o.ProviderSourceID, o.Problems)
	}

	bad := head[:strings.Index(head, "<SUPPLIER>")] + `<SUPPLIER>
<SUPPLIER_NAME></SUPPLIER_NAME>
</SUPPLIER>
</HEADER></OPENQCAT>`
	recs = mustReadAll(t, strings.NewReader(bad))
	want := []record.Problem{
		{Line: 5, Path: "OPENQCAT/HEADER/SUPPLIER[1]", Message: "Die Kennung des Anbieters (SUPPLIER_ID) fehlt."},
		{Line: 6, Path: "OPENQCAT/HEADER/SUPPLIER[1]/SUPPLIER_NAME", Message: "Der Name des Anbieters (SUPPLIER_NAME) fehlt."},
	}
	if len(recs) != 2 || len(recs[1].Problems) != 2 || recs[1].Problems[0] != want[0] || recs[1].Problems[1] != want[1] {
		t.Errorf("records %d, problems %+v, want %+v", len(recs), recs[len(recs)-1].Problems, want)
	}
}
