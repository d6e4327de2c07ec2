package record

import "testing"

func TestSourceName(t *testing.T) {
	for in, want := range map[string]string{
		"WDB-Brandenburg": "wdb-brandenburg", "Kursportal Saar e.V.": "kursportal-saar-e-v",
		"Weiterbildung Hessen – Datenbank": "weiterbildung-hessen-datenbank", "Bildungsmarkt Südwest": "bildungsmarkt-suedwest",
		"  ": "", "": "",
	} {
		if got := SourceName(in); got != want {
			t.Errorf("SourceName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A validation error of a field is located where the field came from, or at
// its nearest recorded parent, or at the record.
func TestLocate(t *testing.T) {
	r := &Record{Path: "COURSE[3]", Line: 40}
	r.At("dates", "COURSE[3]/COURSESCHEDULES", 50)
	r.At("dates[1].start", "COURSE[3]/COURSESCHEDULES/SCHEDULE[2]/S_START_DATE", 61)
	for field, want := range map[string]struct {
		path string
		line int
	}{
		"dates[1].start": {"COURSE[3]/COURSESCHEDULES/SCHEDULE[2]/S_START_DATE", 61},
		"dates[0].end":   {"COURSE[3]/COURSESCHEDULES", 50},
		"title":          {"COURSE[3]", 40},
	} {
		if p, l := r.Locate(field); p != want.path || l != want.line {
			t.Errorf("Locate(%s) = %s, %d; want %s, %d", field, p, l, want.path, want.line)
		}
	}
	r.Problemf("COURSE[3]/CS_NAME", 41, "„%s“ fehlt", "CS_NAME")
	if len(r.Problems) != 1 || r.Problems[0].Message != "„CS_NAME“ fehlt" || r.Problems[0].Line != 41 {
		t.Errorf("Problemf: %+v", r.Problems)
	}
}
