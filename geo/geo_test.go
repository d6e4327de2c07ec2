package geo

import (
	"errors"
	"math"
	"strings"
	"sync"
	"testing"
)

func TestDefaultLoadsAllRows(t *testing.T) {
	if n := Default().Len(); n < 23000 {
		t.Fatalf("Len() = %d, want at least 23,000 rows", n)
	}
}

func TestDefaultIsSafeForConcurrentFirstUse(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, ok := Default().PostalCode("66111"); !ok {
				t.Error("66111 not found")
			}
		})
	}
	wg.Wait()
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestPostalCodeSaarbruecken(t *testing.T) {
	p, ok := Default().PostalCode("66111")
	if !ok {
		t.Fatal("66111 not found")
	}
	if p.Name != "Saarbrücken" || p.State != "Saarland" || p.StateCode != "09" || p.FederalState != "SAA" {
		t.Errorf("66111 = %+v, want Saarbrücken in Saarland (09, SAA)", p)
	}
	if p.District != "Regionalverband Saarbrücken" {
		t.Errorf("District = %q", p.District)
	}
	if !near(p.Lat, 49.23, 0.05) || !near(p.Lon, 7.0, 0.05) {
		t.Errorf("66111 at %v, %v, want near 49.23, 7.0", p.Lat, p.Lon)
	}
	if p.LargeCustomer || p.Organisation != "" {
		t.Errorf("66111 is an ordinary place, got %+v", p)
	}
}

func TestPostalCodeNormalisesStates(t *testing.T) {
	// Ordinary rows carry letter codes, large customers GeoNames numbers, and
	// the names come in German and English: all must end up the same.
	cases := map[string][3]string{
		"66386": {"Saarland", "09", "SAA"},
		"80331": {"Bayern", "02", "BAY"},
		"10115": {"Berlin", "16", "BER"},
		"01067": {"Sachsen", "13", "SAC"},
		"99084": {"Thüringen", "15", "THÜ"},
		"19053": {"Mecklenburg-Vorpommern", "12", "MBV"},
	}
	for code, want := range cases {
		for _, p := range Default().PostalCodePlaces(code) {
			if got := [3]string{p.State, p.StateCode, p.FederalState}; got != want {
				t.Errorf("%s %s: state %v, want %v", code, p.Name, got, want)
			}
		}
	}
	for _, p := range Default().rows {
		if p.State != "" && (p.StateCode == "" || p.FederalState == "") {
			t.Fatalf("row %+v has a state without codes", p)
		}
	}
	if len(States()) != 16 {
		t.Errorf("States() has %d entries, want 16", len(States()))
	}
}

func TestLargeCustomerCode(t *testing.T) {
	places := Default().PostalCodePlaces("66104")
	if len(places) < 2 {
		t.Fatalf("66104 has %d places, want the organisations using it", len(places))
	}
	var ihk bool
	for _, p := range places {
		if !p.LargeCustomer || p.Name != "Saarbrücken" {
			t.Errorf("66104: %+v, want a large customer in Saarbrücken", p)
		}
		ihk = ihk || p.Organisation == "IHK Saarland"
	}
	if !ihk {
		t.Error("66104 does not list IHK Saarland")
	}
	// An ordinary place is found by name before any organisation.
	if p, _ := Default().Place("Saarbrücken"); p.LargeCustomer {
		t.Errorf("Place(Saarbrücken) = %+v, want the ordinary place", p)
	}
	if p, ok := Default().Place("IHK Saarland"); !ok || p.PostalCode != "66104" {
		t.Errorf("Place(IHK Saarland) = %+v, %v", p, ok)
	}
}

func TestDoubleEncodedNamesAreRepaired(t *testing.T) {
	for _, p := range Default().rows {
		if strings.Contains(p.Name+p.Organisation+p.District, "Ã") {
			t.Fatalf("mojibake left in %+v", p)
		}
	}
	if got := repairUTF8("KÃ¶lner Studentenwerk AÃ¶R"); got != "Kölner Studentenwerk AöR" {
		t.Errorf("repairUTF8 = %q", got)
	}
	if got := repairUTF8("Ärztekammer Â€"); got != "Ärztekammer Â€" {
		t.Errorf("repairUTF8 changed text that is not double-encoded: %q", got)
	}
}

func TestPlaceByName(t *testing.T) {
	sb, ok := Default().Place("Saarbrücken")
	if !ok {
		t.Fatal("Saarbrücken not found")
	}
	if sb.PostalCode != "66111" || sb.FederalState != "SAA" || !near(sb.Lat, 49.23, 0.05) || !near(sb.Lon, 7.0, 0.05) {
		t.Errorf("Saarbrücken = %+v, want lowest code 66111 near 49.23, 7.0", sb)
	}
	cases := map[string]string{ // input → postal code of the expected place
		"Saarbruecken":   "66111",
		"SAARBRUCKEN":    "66111",
		"saarbrücken":    "66111",
		" Saarbrücken ":  "66111",
		"st. ingbert":    "66386",
		"St Ingbert":     "66386",
		"Sankt-Ingbert":  "66386",
		"St. Wendel":     "66606",
		"Völklingen":     "66333",
		"Voelklingen":    "66333",
		"Volklingen":     "66333",
		"Homburg":        "66424", // not Bad Homburg vor der Höhe
		"Neunkirchen":    "66538", // Neunkirchen/Saar, three codes
		"Sulzbach/Saar":  "66280",
		"Koeln":          "50667",
		"Itzehoe":        "25524", // "oe" that is no umlaut
		"Frankfurt":      "60306", // Frankfurt am Main, more codes than (Oder)
		"Halle (Saale)":  "",      // checked below: any Halle in Saxony-Anhalt
		"Merzig":         "66663",
		"Dillingen/Saar": "66763", // base name "Dillingen"
	}
	for in, code := range cases {
		p, ok := Default().Place(in)
		if !ok {
			t.Errorf("Place(%q) not found", in)
			continue
		}
		if code != "" && p.PostalCode != code {
			t.Errorf("Place(%q) = %s %s, want %s", in, p.PostalCode, p.Name, code)
		}
	}
	if ps := Default().Places("Neunkirchen"); len(ps) < 5 || ps[0].Name != "Neunkirchen/Saar" {
		t.Errorf("Places(Neunkirchen) = %v", ps)
	}
}

func TestResolve(t *testing.T) {
	g := Default()
	for in, want := range map[string]string{
		"66111":              "Saarbrücken",
		"66111 Saarbrücken":  "Saarbrücken",
		"Saarbruecken":       "Saarbrücken",
		"st. ingbert":        "Sankt Ingbert",
		"  66663 ":           "Merzig",
		"00000 Saarbrücken ": "Saarbrücken", // unknown code, known name
	} {
		p, err := g.Resolve(in)
		if err != nil || p.Name != want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", in, p.Name, err, want)
		}
	}
	for in, msg := range map[string]string{
		"99999":     "Die Postleitzahl 99999 ist unbekannt.",
		"6611":      "Die Postleitzahl 6611 ist unbekannt.",
		"Atlantis":  "Den Ort „Atlantis“ kennen wir nicht.",
		"  Xyz   ":  "Den Ort „Xyz“ kennen wir nicht.",
		"":          "Bitte einen Ort oder eine Postleitzahl angeben.",
		"99999 Xyz": "Die Postleitzahl 99999 ist unbekannt.",
	} {
		_, err := g.Resolve(in)
		var unknown *UnknownPlaceError
		if !errors.As(err, &unknown) {
			t.Errorf("Resolve(%q) error = %v, want *UnknownPlaceError", in, err)
			continue
		}
		if err.Error() != msg {
			t.Errorf("Resolve(%q) message = %q, want %q", in, err.Error(), msg)
		}
	}
	_, err := g.Resolve("99999")
	if msg := err.(*UnknownPlaceError).Message("en"); msg != "The postal code 99999 is unknown." {
		t.Errorf("English message = %q", msg)
	}
}

func TestDistance(t *testing.T) {
	sb, _ := Default().Place("Saarbrücken")
	mzg, _ := Default().Place("Merzig")
	// The centres are about 35 km apart as the crow flies (40 km by road).
	if d := Distance(sb.Lat, sb.Lon, mzg.Lat, mzg.Lon); d < 33 || d > 40 {
		t.Errorf("Saarbrücken–Merzig = %.1f km, want about 35", d)
	}
	if d := Distance(49.23, 7.0, 49.23, 7.0); d != 0 {
		t.Errorf("distance to itself = %v", d)
	}
	// Berlin–Munich, a known reference: about 504 km.
	if d := Distance(52.5200, 13.4050, 48.1351, 11.5820); !near(d, 504, 3) {
		t.Errorf("Berlin–München = %.1f km, want about 504", d)
	}
	if d := Distance(0, 0, 0, 180); !near(d, math.Pi*earthRadiusKm, 0.001) {
		t.Errorf("antipodes = %v", d)
	}
}

func TestLoadRejectsBadData(t *testing.T) {
	for name, data := range map[string]string{
		"no columns":  "a,b\n1,2\n",
		"bad lat":     "zipcode,place,state,state_code,community,community_code,latitude,longitude\n66111,X,Saarland,SL,C,1,north,7\n",
		"empty place": "zipcode,place,state,state_code,community,community_code,latitude,longitude\n66111,,Saarland,SL,C,1,49,7\n",
	} {
		if _, err := Load(strings.NewReader(data)); err == nil {
			t.Errorf("%s: Load accepted it", name)
		}
	}
	g, err := Load(strings.NewReader("zipcode,place,state,state_code,community,community_code,latitude,longitude\n" +
		"66111,Saarbrücken,Saarland,SL,RV,10041,49.2,7.0\n66104,IHK Saarland,Saarland,09,RV,10041,49.23,6.99\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := g.PostalCode("66104"); !ok || p.Name != "Saarbrücken" || p.Organisation != "IHK Saarland" {
		t.Errorf("PostalCode(66104) = %+v", p)
	}
}

func BenchmarkPostalCode(b *testing.B) {
	g := Default()
	g.Len()
	codes := []string{"66111", "66386", "10115", "80331", "99999"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		g.PostalCode(codes[i%len(codes)])
	}
}

func BenchmarkPlace(b *testing.B) {
	g := Default()
	g.Len()
	names := []string{"Saarbrücken", "st. ingbert", "Voelklingen", "Neunkirchen", "Atlantis"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		g.Place(names[i%len(names)])
	}
}

func BenchmarkLoadEmbedded(b *testing.B) {
	for b.Loop() {
		if _, err := defaultGazetteer.lazy(); err != nil {
			b.Fatal(err)
		}
	}
}
