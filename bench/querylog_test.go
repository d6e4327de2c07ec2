package bench

import (
	"testing"

	"github.com/lernnetz/lernnetz/geo"
	"github.com/lernnetz/lernnetz/search"
)

func TestQueryLogParses(t *testing.T) {
	qs := Queries()
	if len(qs) < 1000 {
		t.Fatalf("%d queries, want at least 1000", len(qs))
	}
	perClass := map[string]int{}
	for i, q := range qs {
		perClass[q.Class]++
		if _, err := search.ParseQuery(q.Values); err != nil {
			t.Errorf("query %d (%s) %s: %v", i+1, q.Class, q.Raw, err)
		}
		if near := q.Values.Get("near"); near != "" {
			if _, err := geo.Default().Resolve(near); err != nil {
				t.Errorf("query %d: near=%q: %v", i+1, near, err)
			}
		}
	}
	for _, c := range Classes {
		if perClass[c] < 50 {
			t.Errorf("class %s: %d queries", c, perClass[c])
		}
	}
	if len(perClass) != len(Classes) {
		t.Errorf("classes %v, want %v", perClass, Classes)
	}
}
