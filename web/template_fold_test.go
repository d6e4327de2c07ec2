package web

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/demo"
	"github.com/lernnetz/lernnetz/search"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/storage/storetest"
)

// TestFoldedTemplatesRenderTheSame renders every kind of portal page, in
// German and English, with the constant translations folded into the
// templates (as served) and with the plain templates, and wants the same
// bytes: folding changes how fast a page is made, never what it says.
func TestFoldedTemplatesRenderTheSame(t *testing.T) {
	ctx := context.Background()
	h, store := demoServer(t)
	offers, _, err := store.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusPublished, Page: catalogue.Page{Limit: 3}})
	if err != nil || len(offers) < 3 {
		t.Fatalf("demo offers: %d, %v", len(offers), err)
	}
	places, _, err := store.Venues(ctx, catalogue.VenueFilter{LearningPlaces: true, Page: catalogue.Page{Limit: 1}})
	if err != nil || len(places) == 0 {
		t.Fatalf("demo learning places: %d, %v", len(places), err)
	}
	o := offers[0]
	bookmarks := fmt.Sprintf("%d.%d", offers[1].ID, offers[2].ID)
	paths := []string{"/", "/suche", "/suche?q=Englisch", "/suche?q=Pflege&near=66111&radius_km=25&sort=distance",
		"/suche?q=xyzzyqq", "/suche?near=Atlantis", fmt.Sprintf("/angebote/%d", o.ID), fmt.Sprintf("/anbieter/%d", o.ProviderID),
		fmt.Sprintf("/lernorte/%d", places[0].ID), "/lernorte", "/karte", "/merkliste",
		fmt.Sprintf("/vergleich?ids=%d,%d", offers[1].ID, offers[2].ID), "/impressum", "/datenschutz",
		"/barrierefreiheit", "/feedback", "/hilfe/csv", "/gibt-es-nicht", "/angebote/999999999"}
	render := func() map[string]string {
		out := map[string]string{}
		for _, p := range paths {
			for _, lang := range []string{"de", "en"} {
				for _, kiosk := range []bool{false, true} {
					req := httptest.NewRequest(http.MethodGet, p, nil)
					req.Header.Set("Accept-Language", lang)
					req.AddCookie(&http.Cookie{Name: merklisteCookie, Value: bookmarks})
					if kiosk {
						req.AddCookie(&http.Cookie{Name: kioskCookie, Value: "1"})
					}
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, req)
					out[fmt.Sprintf("%s %s kiosk=%v (%d)", lang, p, kiosk, rec.Code)] = rec.Body.String()
				}
			}
		}
		return out
	}
	folded := render()

	de, en := pageTemplates, pageTemplatesEN
	t.Cleanup(func() { pageTemplates, pageTemplatesEN, foldTemplates = de, en, true })
	foldTemplates = false
	pageTemplates, pageTemplatesEN = parseTemplates(localeDE, pageNames...), parseTemplates(localeEN, pageNames...)
	plain := render()

	if len(plain) != len(folded) {
		t.Fatalf("%d pages with folding, %d without (status codes differ?)", len(folded), len(plain))
	}
	for k, want := range plain {
		got, ok := folded[k]
		if !ok {
			t.Errorf("%s: not rendered with folding (another status?)", k)
			continue
		}
		if got != want {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s: folded page differs at byte %d:\nfolded: %q\nplain:  %q", k, i, excerpt(got, i), excerpt(want, i))
		}
	}
	// The folding must have happened, or the comparison says nothing.
	if n := foldConstants(de["offer"], localeDE); n != 0 {
		t.Errorf("folding the served offer template again folded %d more actions", n)
	}
	raw := parseTemplates(localeEN, "offer")["offer"] // foldTemplates is off here
	if n := foldConstants(raw, localeEN); n < 40 {
		t.Errorf("folded %d actions of the English offer page, want at least 40", n)
	}
}

// demoServer is the portal over the Saarland demo catalogue on a real
// SQLite file, with its search index, logging nothing.
func demoServer(tb testing.TB) (*Server, *storage.Store) {
	tb.Helper()
	ctx := context.Background()
	store := storetest.OpenSQLite(tb)
	if err := demo.Load(ctx, store, time.Now()); err != nil {
		tb.Fatal(err)
	}
	engine := search.NewEngine(store)
	if err := engine.Rebuild(ctx); err != nil {
		tb.Fatal(err)
	}
	return New(Config{Store: store, Search: engine, BaseURL: "http://lernnetz.test",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}), store
}

func excerpt(s string, at int) string {
	return s[max(0, at-60):min(len(s), at+60)]
}

// TestFoldEscapesAsTheEngine folds messages full of characters HTML treats
// specially, in element content, quoted attributes and RCDATA, and leaves
// URL and unquoted-attribute contexts and messages with arguments alone.
func TestFoldEscapesAsTheEngine(t *testing.T) {
	l := &locale{Lang: "en", msgs: map[string]string{"k": "Tom & Jerry's <b>\"best\"</b> +1 \x00 ünïcode", "u": "a b/c?d=e f"}}
	src := `{{define "layout"}}<title>{{t "k"}}</title><p title="{{t "k"}}" data-x='{{t "k"}}'>{{t "k"}}</p>` +
		`<textarea>{{t "k"}}</textarea><a href="/x?q={{t "u"}}">{{t "k" 1}}</a><input value={{t "u"}}><h1{{catalogueLang}}>x</h1>{{end}}`
	parse := func() *template.Template { return template.Must(template.New("x").Funcs(funcsFor(l)).Parse(src)) }
	var plain, folded strings.Builder
	if err := parse().ExecuteTemplate(&plain, "layout", nil); err != nil {
		t.Fatal(err)
	}
	tmpl := parse()
	if n := foldConstants(tmpl, l); n != 6 {
		t.Errorf("folded %d actions, want 6 (4× text or quoted attribute, RCDATA, catalogueLang)", n)
	}
	if err := tmpl.ExecuteTemplate(&folded, "layout", nil); err != nil {
		t.Fatal(err)
	}
	if folded.String() != plain.String() {
		t.Errorf("folded:\n%s\nplain:\n%s", folded.String(), plain.String())
	}
}
