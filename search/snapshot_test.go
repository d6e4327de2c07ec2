package search

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/storage/storetest"
)

func snapshotQueries() []Query {
	r := newRand(3)
	qs := []Query{{Text: "Pflege "}, {Text: "Pfle"}, {Text: "Englsich"}, {Text: "Kurs Praxis ", Page: 2}, {}, {Near: "66111", Sort: SortDistance}}
	for i := 0; i < 30; i++ {
		qs = append(qs, randomQuery(r))
	}
	return qs
}

func results(t *testing.T, e *Engine) []*Result {
	t.Helper()
	var out []*Result
	for _, q := range snapshotQueries() {
		out = append(out, search(t, e, q))
	}
	return out
}

func TestSnapshotRoundTrip(t *testing.T) {
	e := memEngine(t, genCatalogue(t, 2000), genNow)
	want := results(t, e)
	var buf bytes.Buffer
	if err := e.WriteSnapshot(&buf); err != nil {
		t.Fatal(err)
	}
	// A new engine without a store: loading must not need one (no rebuild).
	e2 := NewEngine(nil, WithAnalyzer(testAnalyzer()), WithClock(fixedClock(genNow)))
	if err := e2.ReadSnapshot(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	got := results(t, e2)
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("query %d differs after loading the snapshot:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	if s1, s2 := e.Stats(), e2.Stats(); s1.Offers != s2.Offers || s1.Postings != s2.Postings || s1.Terms != s2.Terms || !s1.BuiltAt.Equal(s2.BuiltAt) {
		t.Errorf("stats %+v, loaded %+v", s1, s2)
	}
	if !reflect.DeepEqual(e.Suggest("pfl", 5), e2.Suggest("pfl", 5)) {
		t.Errorf("suggestions differ")
	}

	// Damaged and truncated snapshots are clear errors, and leave the index as it was.
	data := buf.Bytes()
	for name, bad := range map[string][]byte{
		"truncated":    data[:len(data)/2],
		"empty":        nil,
		"flipped byte": flip(data, len(data)/3),
		"no trailer":   data[:len(data)-3],
		"other file":   []byte("hello, this is not a snapshot at all, but long enough"),
	} {
		err := e2.ReadSnapshot(bytes.NewReader(bad))
		if !errors.Is(err, ErrSnapshot) {
			t.Errorf("%s: error %v, want ErrSnapshot", name, err)
		}
	}
	if e2.Stats().Offers != e.Stats().Offers {
		t.Errorf("a failed load changed the index")
	}
	// Files: atomic save, load.
	path := filepath.Join(t.TempDir(), "index.snap")
	if err := e.SaveSnapshotFile(path); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	e3 := NewEngine(nil, WithAnalyzer(testAnalyzer()), WithClock(fixedClock(genNow)))
	if err := e3.LoadSnapshotFile(path); err != nil {
		t.Fatal(err)
	}
	if got := results(t, e3); !reflect.DeepEqual(got, want) {
		t.Errorf("results differ after LoadSnapshotFile")
	}
	if err := e3.LoadSnapshotFile(filepath.Join(t.TempDir(), "missing")); err == nil || errors.Is(err, ErrSnapshot) {
		t.Errorf("missing file: %v", err)
	}
}

func flip(b []byte, i int) []byte {
	c := slices.Clone(b)
	c[i] ^= 0x40
	return c
}

// TestSnapshotKeepsChangeLogPosition: an engine loaded from a snapshot with
// several segments continues following from the snapshot's position.
func TestSnapshotKeepsChangeLogPosition(t *testing.T) {
	ctx := context.Background()
	st, e := storeEngine(t)
	p := storetest.NewProvider("Volkshochschule")
	if err := st.SaveProvider(ctx, p); err != nil {
		t.Fatal(err)
	}
	v := storetest.NewVenue(p.ID, "Lernzentrum")
	if err := st.SaveVenue(ctx, v); err != nil {
		t.Fatal(err)
	}
	a := saveOffer(t, st, p.ID, v.ID, "Aquarellmalerei", nil)
	for i := 0; i < 9; i++ { // a base large enough not to be merged at once
		saveOffer(t, st, p.ID, v.ID, fmt.Sprintf("Kurs %d", i), nil)
	}
	if err := e.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	b := saveOffer(t, st, p.ID, v.ID, "Bogenschießen", nil)
	if err := e.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(e.cur.Load().segs); n != 2 {
		t.Fatalf("%d segments, want 2", n)
	}
	var buf bytes.Buffer
	if err := e.WriteSnapshot(&buf); err != nil {
		t.Fatal(err)
	}
	seq := e.Stats().LastSeq
	c := saveOffer(t, st, p.ID, v.ID, "Chorgesang", nil)

	e2 := NewEngine(st, WithAnalyzer(testAnalyzer()), WithClock(fixedClock(storetest.Now)))
	if err := e2.ReadSnapshot(&buf); err != nil {
		t.Fatal(err)
	}
	if e2.Stats().LastSeq != seq {
		t.Errorf("position %d, want %d", e2.Stats().LastSeq, seq)
	}
	for _, w := range []struct {
		text string
		id   int64
		want bool
	}{{"Aquarellmalerei ", a.ID, true}, {"Bogenschießen ", b.ID, true}, {"Chorgesang ", c.ID, false}} {
		if got := slices.Contains(ids(search(t, e2, Query{Text: w.text})), w.id); got != w.want {
			t.Errorf("%s before polling: %v", w.text, got)
		}
	}
	ctx2, cancel := context.WithCancel(ctx)
	defer cancel()
	go e2.Follow(ctx2, 20*time.Millisecond)
	waitFor(t, "change after the snapshot", time.Second, func() bool {
		return slices.Contains(ids(search(t, e2, Query{Text: "Chorgesang "})), c.ID)
	})
}

func TestSuggest(t *testing.T) {
	e := memEngine(t, genCatalogue(t, 2000), genNow)
	began := time.Now()
	s := e.Suggest("Pfle", 8)
	took := time.Since(began)
	if len(s) == 0 {
		t.Fatal("no suggestions for Pfle")
	}
	kinds := map[string]bool{}
	for _, x := range s {
		kinds[x.Kind] = true
		if x.Count <= 0 {
			t.Errorf("suggestion without count: %+v", x)
		}
	}
	if !kinds["topic"] || !kinds["title"] {
		t.Errorf("Pfle: %+v", s)
	}
	if s := e.Suggest("saarbr", 5); len(s) == 0 || s[0].Kind != "place" || s[0].Text != "Saarbrücken" {
		t.Errorf("saarbr: %+v", s)
	}
	if s := e.Suggest("", 5); s != nil {
		t.Errorf("empty prefix: %+v", s)
	}
	if took > 10*time.Millisecond {
		t.Errorf("Suggest took %v", took)
	}
	t.Logf("Pfle → %+v (%v)", s, took)
}
