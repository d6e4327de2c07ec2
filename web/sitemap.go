package web

import (
	"bytes"
	"encoding/xml"
	"net/http"

	"github.com/lernnetz/lernnetz/catalogue"
)

// sitemap.xml lists the pages search engines should know, in German and in
// English, each with its hreflang alternates: the home page, the
// information pages, every published offer, every provider and every
// learning place. (50,000 URLs is the protocol's limit per file; a sitemap
// index follows when a catalogue comes near it.)

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
	// Alternates name the page in German, English and as x-default.
	Alternates []sitemapAlternate `xml:"xhtml:link"`
}

// sitemapAlternate is an xhtml:link of a URL (Google's hreflang extension).
type sitemapAlternate struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

type sitemapSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

const sitemapMax = 50000

func (s *Server) sitemap(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	set := sitemapSet{XHTML: "http://www.w3.org/1999/xhtml"}
	// add lists the page at path in both languages, each with its alternates.
	add := func(path, lastmod string) {
		de, en := langURLs(ctx, path)
		alt := []sitemapAlternate{{"alternate", "de", de}, {"alternate", "en", en}, {"alternate", "x-default", de}}
		for _, loc := range []string{de, en} {
			if len(set.URLs) < sitemapMax {
				set.URLs = append(set.URLs, sitemapURL{Loc: loc, LastMod: lastmod, Alternates: alt})
			}
		}
	}
	for _, p := range []string{"/", "/lernorte", "/impressum", "/datenschutz", "/barrierefreiheit", "/feedback"} {
		add(p, "")
	}
	var after int64
	for {
		offers, _, err := s.store.Offers(ctx, catalogue.OfferFilter{Status: catalogue.StatusPublished, Ascending: true,
			AfterID: after, SkipTotal: true, Page: catalogue.Page{Limit: 500}})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		for _, o := range offers {
			add(offerPath(o.ID), o.UpdatedAt.UTC().Format("2006-01-02"))
			after = o.ID
		}
		if len(offers) < 500 {
			break
		}
	}
	for offset := 0; ; offset += 500 {
		providers, _, err := s.store.Providers(ctx, catalogue.ProviderFilter{Page: catalogue.Page{Limit: 500, Offset: offset}})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		for _, p := range providers {
			add(providerPath(p.ID), p.UpdatedAt.UTC().Format("2006-01-02"))
		}
		if len(providers) < 500 {
			break
		}
	}
	venues, _, err := s.store.Venues(ctx, catalogue.VenueFilter{LearningPlaces: true, Page: catalogue.Page{Limit: 1000}})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	for _, v := range venues {
		add(venuePath(v.ID), v.UpdatedAt.UTC().Format("2006-01-02"))
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(set); err != nil {
		s.pageError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	buf.WriteTo(w)
}

func (s *Server) robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write([]byte("User-agent: *\nDisallow: /merkliste\nDisallow: /vergleich\nDisallow: /suche\nDisallow: /api/\n\nSitemap: " +
		absURL(r.Context(), "/sitemap.xml") + "\n"))
}
