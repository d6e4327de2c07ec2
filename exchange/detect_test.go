package exchange_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/lernnetz/lernnetz/exchange"
)

func TestDetect(t *testing.T) {
	real, err := os.ReadFile(realFile(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, head, want string
	}{
		{"wdb.xml", string(real[:8192]), "deftis"},
		{"x.dat", "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- export -->\n<deftis:DEFTISCAT xmlns:deftis=\"urn:x\">", "deftis"},
		{"x.xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><DEFTISCAT/>", "deftis"}, // its reader refuses the DOCTYPE
	} {
		f, err := exchange.Detect(c.name, []byte(c.head))
		if err != nil || f.Name != c.want {
			t.Errorf("exchange.Detect(%s, %.40q) = %q, %v; want %s", c.name, c.head, f.Name, err, c.want)
		}
	}
	for _, c := range []struct{ name, head, msg string }{
		{"x.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\">", "Wurzelelement rss"},
		{"x.json", "{\"@graph\": []}", "JSON"},
		{"x.bin", "\x00\x01\x02garbage", "weder XML"},
		{"x.txt", "", "leer"},
	} {
		_, err := exchange.Detect(c.name, []byte(c.head))
		if !errors.Is(err, exchange.ErrUnknownFormat) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("exchange.Detect(%s, %q) = %v; want exchange.ErrUnknownFormat saying %q", c.name, c.head, err, c.msg)
		}
	}
	// Formats not registered in this program are named, not guessed.
	for _, c := range []struct{ name, head, kind string }{
		{"q.xml", "<?xml version=\"1.0\"?>\n<OPENQCAT version=\"1.1\">", "openqcat"},
		{"k.csv", "anbieter;titel;beginn\nVHS;Englisch;2026-01-01\n", "csv"},
	} {
		if _, ok := exchange.Lookup(c.kind); ok {
			continue // registered by a format package linked into the test
		}
		if _, err := exchange.Detect(c.name, []byte(c.head)); err == nil || !strings.Contains(err.Error(), c.kind) {
			t.Errorf("exchange.Detect(%s) = %v; want an error naming %s", c.name, err, c.kind)
		}
	}
}
