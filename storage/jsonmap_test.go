package storage

import (
	"encoding/json"
	"testing"
)

// stringMapJSON must write what json.Marshal writes, byte for byte.
func FuzzStringMapJSON(f *testing.F) {
	f.Add("CS_WDB_SYSTEMATIK_AA", "C 1234-5", "COURSESCHEDULES/SCHEDULE[2]/S_WDB_INFOLINK", "https://x.example/?a=1&b=<2>")
	f.Add("", "", "\x00\b\f\n\r\t\x1f\"\\", "ä€\u2028\u2029\xff\xc3")
	f.Add("a", "\xed\xa0\x80", "b", "\U0001F600 ")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		m := map[string]string{k1: v1, k2: v2, "z" + k1: v2}
		want, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if got := stringMapJSON(m); got != string(want) {
			t.Errorf("stringMapJSON(%q) = %s, json.Marshal gives %s", m, got, want)
		}
	})
}

func TestStringMapJSONNilAndEmpty(t *testing.T) {
	if got := jsonText(map[string]string(nil)); got != "{}" {
		t.Errorf("nil map: %s, want {}", got)
	}
	if got := jsonText(map[string]string{}); got != "{}" {
		t.Errorf("empty map: %s, want {}", got)
	}
}
