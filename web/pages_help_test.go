package web_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/lernnetz/lernnetz/exchange/csvfmt"
)

func TestCSVHelpPage(t *testing.T) {
	e := newEnv(t, "")
	r := e.get(t, "/hilfe/csv")
	if r.status != http.StatusOK {
		t.Fatalf("/hilfe/csv: %d", r.status)
	}
	// Every column a provider fills in is explained, with its example.
	for _, c := range csvfmt.Columns {
		if c.Export {
			if bytes.Contains(r.body, []byte("<code>"+c.Name+"</code>")) {
				t.Errorf("technical column %s is on the page", c.Name)
			}
			continue
		}
		mustContain(t, r.body, "<code>"+c.Name+"</code>")
		if c.Example != "" {
			mustContain(t, r.body, "<code>"+htmlEscape(c.Example)+"</code>")
		}
	}
	mustContain(t, r.body, "Volkshochschule", // a value of provider_kind
		`href="/hilfe/csv/`+csvfmt.TemplateName+`"`, `href="/hilfe/csv/`+csvfmt.ExampleName+`"`, "(Pflicht)")

	for _, g := range []string{csvfmt.GroupProvider, csvfmt.GroupOffer, csvfmt.GroupDate, csvfmt.GroupVenue} {
		mustContain(t, r.body, ">"+htmlEscape(csvfmt.GroupTitle(g, "de"))+"</h2>")
	}
	en := e.get(t, "/hilfe/csv?lang=en")
	mustContain(t, en.body, "CSV template for providers", "(required)")

	for name, want := range map[string][]byte{csvfmt.TemplateName: csvfmt.Template, csvfmt.ExampleName: csvfmt.Example} {
		r := e.get(t, "/hilfe/csv/"+name)
		if r.status != http.StatusOK || !bytes.Equal(r.body, want) || !strings.HasPrefix(r.contentType(), "text/csv") ||
			!strings.Contains(r.header.Get("Content-Disposition"), name) {
			t.Errorf("download %s: %d %s %q, %d bytes", name, r.status, r.contentType(), r.header.Get("Content-Disposition"), len(r.body))
		}
	}
	if r := e.get(t, "/hilfe/csv/passwd"); r.status != http.StatusNotFound {
		t.Errorf("other file: %d", r.status)
	}
	// Linked from every page's footer.
	mustContain(t, e.get(t, "/").body, `href="/hilfe/csv"`)
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;").Replace(s)
}
