package deftis

import (
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

func TestParseCents(t *testing.T) {
	ok := map[string]int64{
		"1513.8": 151380, "2473.2": 247320, "0": 0, "2345": 234500, "7708.8": 770880, // the real file
		"1513,80": 151380, "1.513,80": 151380, "1,513.80": 151380, "1 513,80": 151380, "1'513.80": 151380,
		"1.234.567": 123456700, "1,234,567.89": 123456789, "12.345,6 €": 1234560, "99 EUR": 9900,
		"0.1": 10, "0.01": 1, ",50": 50, "5.": 500, "1513.800": 151380, "0.500": 50, "+12": 1200,
		"19.99": 1999, "0.07": 7, "4294967296.01": 429496729601,
	}
	for in, want := range ok {
		got, err := ParseCents(in)
		if err != nil || got != want {
			t.Errorf("ParseCents(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-5", "abc", "1.500", "2,250", "12.345", "0.125", "1.2.3,4,5", "1,5.3",
		"1e3", "NaN", "12.34.56", "1.23,45.6", "99999999999999", "1..2", "€"} {
		if got, err := ParseCents(in); err == nil {
			t.Errorf("ParseCents(%q) = %d, want an error", in, got)
		}
	}
}

func TestParseDateTime(t *testing.T) {
	want := time.Date(2022, 10, 26, 9, 30, 0, 0, catalogue.Berlin)
	for _, in := range []string{"2022-10-26T09:30:00", "2022-10-26 09:30:00", "2022-10-26T09:30", " 2022-10-26T09:30:00.000 ",
		"2022-10-26T07:30:00Z", "2022-10-26T09:30:00+02:00"} {
		if got, err := ParseDateTime(in); err != nil || !got.Equal(want) || got.Location() != catalogue.Berlin {
			t.Errorf("ParseDateTime(%q) = %v, %v", in, got, err)
		}
	}
	if got, err := ParseDateTime("2022-12-24"); err != nil || !got.Equal(time.Date(2022, 12, 24, 0, 0, 0, 0, catalogue.Berlin)) {
		t.Errorf("a bare date: %v, %v", got, err)
	}
	for _, in := range []string{"", "26.10.2022", "2022-13-45T18:00:00", "gestern", "2022-10-26T25:00:00"} {
		if _, err := ParseDateTime(in); err == nil {
			t.Errorf("ParseDateTime(%q): want an error", in)
		}
	}
}

func TestParseNumberAndBool(t *testing.T) {
	for in, want := range map[string]float64{"180": 180, "7,5": 7.5, "7.5": 7.5, " 0 ": 0} {
		if got, err := ParseNumber(in); err != nil || got != want {
			t.Errorf("ParseNumber(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "-1", "1e9", "Inf", "1.000,5", "zehn"} {
		if _, err := ParseNumber(in); err == nil {
			t.Errorf("ParseNumber(%q): want an error", in)
		}
	}
	for in, want := range map[string]bool{"true": true, "False": false, "TRUE": true, "0": false, "ja": true} {
		if got, err := ParseBool(in); err != nil || got != want {
			t.Errorf("ParseBool(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseBool("vielleicht"); err == nil {
		t.Error("ParseBool(vielleicht): want an error")
	}
}

func TestProviderKind(t *testing.T) {
	for name, want := range map[string]string{
		"Volkshochschule Potsdam":                                     "adult_education_centre",
		"Kreisvolkshochschule Uckermark":                              "adult_education_centre",
		"Technische Hochschule Wildau":                                "university",
		"Europa-Universität Viadrina Frankfurt":                       "university",
		"UP Transfer GmbH an der Universität Potsdam":                 "university",
		"IHK-Bildungszentrum Cottbus GmbH":                            "chamber",
		"Handwerkskammer Potsdam":                                     "chamber",
		"Industrie- und Handelskammer Potsdam -  IHK Bildungszentrum": "chamber",
		"Landesärztekammer Brandenburg":                               "chamber",
		"Oberstufenzentrum Havelland":                                 "school",
		"Schule des Zweiten Bildungsweges Cottbus":                    "school",
		"bbw Bildungszentrum Ostbrandenburg GmbH":                     "private_provider",
		"Kammermusikschule Berlin":                                    "private_provider",
	} {
		if got := providerKind(name); got != want {
			t.Errorf("providerKind(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestFunding(t *testing.T) {
	tests := []struct{ raw, texts, want string }{
		{"Bildungsgutschein", "", "bildungsgutschein"},
		{"Aktivierungs- und Vermittlungsgutschein", "", "avgs"},
		{"Betriebliche Weiterbildung Brandenburg", "", "state_programme"},
		{"DE_SGB 3", "", "bildungsgutschein"},
		{"DE_BU", "", "bildungsfreistellung"},
		{"EU/Bund/Land", "Das Programm wird durch das Bundesministerium für Arbeit und Soziales (BMAS) und den Europäischen Sozialfonds (ESF) gefördert.", "eu_programme,federal_programme"},
		{"EU/Bund/Land", "aus Mitteln des Europäsichen Sozialfonds (ESF) und des Landes Brandenburg gefördert", "eu_programme,state_programme"},
		{"EU/Bund/Land", "Es fällt keine Gebühr an.", ""},
		{"true", "", ""},
	}
	for _, tc := range tests {
		if got := strings.Join(funding(tc.raw, tc.texts), ","); got != tc.want {
			t.Errorf("funding(%q, %q) = %q, want %q", tc.raw, tc.texts, got, tc.want)
		}
	}
}

func TestVocabularyMaps(t *testing.T) {
	for in, want := range map[string]string{
		"Präsenzveranstaltung": "classroom", "E-Learning": "e_learning", "Virtuelles Klassenzimmer": "virtual_classroom",
		"Blended Learning": "blended", "Fernunterricht": "distance", "Einzelmaßnahme (Einzelbetreuung)": "individual_coaching",
		"Presence course": "classroom", "E-Learning/CBT/WBT": "e_learning", "Distance education": "distance", "Educational journey": "",
	} {
		if got := deliveryMode(in); got != want {
			t.Errorf("deliveryMode(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"ger": "de", "deu": "de", "DE": "de", "de-DE": "de", "eng": "en", "gsg": "dgs", "xyz": ""} {
		if got := language(in); got != want {
			t.Errorf("language(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"Hours": "hours", "Days": "days", "Weeks": "weeks", "Months": "months", "Years": "years", "Fortnights": ""} {
		if got := durationUnit(in); got != want {
			t.Errorf("durationUnit(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"Zertifikat/Teilnahmebestätigung": "certificate", "staatl. anerkannter Abschluss": "state_recognised", "IHK-Prüfung": "chamber_exam"} {
		if got := degreeType(in); got != want {
			t.Errorf("degreeType(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"Tagesveranstaltung": "full_time", "Teilzeitveranstaltung": "part_time", "Wochenendveranstaltung": "weekend", "Abendveranstaltung": "evening"} {
		if got := timePattern(in); got != want {
			t.Errorf("timePattern(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string][2]string{"DE_SGB 3": {"azav", ""}, "ISO 9001:2015": {"iso_9001", "ISO 9001:2015"}, "TQM/EFQM": {"efqm", "TQM/EFQM"}, "BQM": {"other", "BQM"}} {
		if code, note := qmCertificate(in); code != want[0] || note != want[1] {
			t.Errorf("qmCertificate(%q) = %q, %q", in, code, note)
		}
	}
}

func TestRepairCharRefs(t *testing.T) {
	for in, want := range map[string]string{
		"BTU Cottbus &#8211; Senftenberg": "BTU Cottbus – Senftenberg", "&#8222;Zitat&#8220;": "„Zitat“",
		"&#x2013;": "–", "&#0;": "&#0;", "&#99999999;": "&#99999999;", "a &# b": "a &# b", "&#;": "&#;",
	} {
		if got := repairCharRefs(in); got != want {
			t.Errorf("repairCharRefs(%q) = %q, want %q", in, got, want)
		}
	}
}
