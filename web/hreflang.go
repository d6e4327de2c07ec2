package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

// Every page names its German and English versions for search engines and
// assistive software: <link rel="alternate" hreflang="de|en|x-default"> in
// the page and xhtml:link in sitemap.xml. The German page is the plain URL
// (also x-default), the English one adds lang=en.

// alternates returns the absolute URLs of the request's page in German and
// in English: of its canonical path when it has one, else of the request's
// path and query without lang. A page answering a form (POST) names its
// path alone.
func alternates(r *http.Request, canonical string) (de, en string) {
	path := canonical
	if path == "" {
		path = r.URL.Path
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			q := r.URL.Query()
			q.Del("lang")
			if len(q) > 0 {
				path += "?" + q.Encode()
			}
		}
	}
	return langURLs(r.Context(), path)
}

// langURLs returns the absolute German and English URLs of path.
func langURLs(ctx context.Context, path string) (de, en string) {
	de = absURL(ctx, path)
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return de, de + sep + url.Values{"lang": {"en"}}.Encode()
}
