package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/geo"
	"github.com/lernnetz/lernnetz/search"
)

// The search results page, GET /suche. Its parameters are the API's
// (search.ParseQuery reads both); its form works without JavaScript: facets
// are checkboxes, "Filter anwenden" submits them.

// searchForm is what the search form shows: the values as typed and an error.
type searchForm struct {
	Text, Near, Radius string
	Error              *formError
}

type searchPageData struct {
	layout
	searchForm
	Sort        string
	HasNear     bool
	Hidden      []hiddenField // parameters without a control of their own
	Unavailable bool
	Searched    bool // a result is shown

	Total      int
	Place      string // the place near resolved to
	Hits       []resultHit
	Facets     []facetGroup
	Chips      []chip
	ClearURL   string // the search text without any filter
	Page       int
	Pages      int
	PrevURL    string
	NextURL    string
	DidYouMean string
	MeanURL    string
	NoNearURL  string // the search without the place, when it found nothing
	BackURL    string // this search, where the Merkliste buttons return to
	MapURL     string // this search on the map
}

type hiddenField struct{ Name, Value string }

// formError is a problem with one field of a form.
type formError struct {
	Field   string // the parameter; the control's id is "f-" + Field
	Message string
	Visible bool // the field has a control on the page (else the message stands alone)
}

type resultHit struct {
	ID           int64
	Title        string
	ProviderID   int64
	ProviderName string
	Short        string
	Dates        []hitDate
	MoreDates    int
	Distance     string
	Why          []string
	Saved        bool // on the Merkliste
}

type hitDate struct{ When, Place, Price string }

type facetGroup struct {
	Name   string // parameter
	Legend string
	Open   bool
	Values []facetOption
}

type facetOption struct {
	Param, Value, Label string
	Count               int
	Checked             bool
}

type chip struct{ Label, RemoveURL string }

// facetOrder lists the facets as the page shows them; the yes/no ones last.
var facetOrder = []string{"topic", "delivery_mode", "funding", "degree_type", "language", "time_pattern", "day_time",
	"free", "accessible", "women_specific", "childcare"}

// shownDates is how many matching dates a hit lists.
const shownDates = 3

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	loc := localeOf(r)
	raw := r.URL.Query()
	raw.Del("lang")
	d := searchPageData{
		layout:     layout{Title: loc.T("search.title"), Section: "search"},
		searchForm: searchForm{Text: raw.Get("q"), Near: raw.Get("near"), Radius: raw.Get("radius_km")},
		Sort:       raw.Get("sort"),
	}
	if d.Text != "" {
		d.Title = loc.T("search.title.q", d.Text)
	}
	for _, p := range []string{"start_from", "start_to", "max_price", "provider", "online", "per_page"} {
		for _, v := range raw[p] {
			d.Hidden = append(d.Hidden, hiddenField{p, v})
		}
	}
	if s.searcher == nil {
		d.Unavailable = true
		s.render(w, r, http.StatusServiceUnavailable, "search", &d)
		return
	}
	q, err := search.ParseQuery(raw)
	var fe *search.FieldError
	if errors.As(err, &fe) {
		d.Error = &formError{Field: fe.Field, Message: fe.DE, Visible: fe.Field == "q" || fe.Field == "near" || fe.Field == "radius_km" || fe.Field == "sort"}
		if loc.Lang == "en" {
			d.Error.Message = fe.EN
		}
		s.render(w, r, http.StatusBadRequest, "search", &d)
		return
	}
	d.Feed, d.Calendar = feedPath("offers.atom", raw), feedPath("dates.ics", raw)
	d.HasNear = q.Near != ""
	d.Sort = q.Sort
	res, found, err := s.searchOffers(ctx, q)
	var unknown *geo.UnknownPlaceError
	if errors.As(err, &unknown) {
		d.Error = &formError{Field: "near", Message: unknown.Message(loc.Lang), Visible: true}
		s.render(w, r, http.StatusBadRequest, "search", &d)
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d.Searched, d.Total, d.Page = true, res.Total, q.Page
	d.Pages = (res.Total + q.PerPage - 1) / q.PerPage
	if res.Place != nil {
		d.Place = res.Place.Name
	}
	saved := merklisteIDs(r)
	for _, f := range found {
		h := newResultHit(loc, f)
		h.Saved = slices.Contains(saved, h.ID)
		d.Hits = append(d.Hits, h)
	}
	d.BackURL, d.MapURL = "/suche", mapURL(raw)
	if len(raw) > 0 {
		d.BackURL += "?" + raw.Encode()
	}
	d.Facets = facetGroups(loc, q, res.Facets)
	d.Chips = chips(loc, q, raw)
	if q.Page > 1 && q.Page <= d.Pages+1 {
		d.PrevURL = searchURL(raw, "page", strconv.Itoa(q.Page-1))
	}
	if q.Page < d.Pages {
		d.NextURL = searchURL(raw, "page", strconv.Itoa(q.Page+1))
	}
	if res.DidYouMean != "" && res.DidYouMean != strings.ToLower(q.Text) {
		d.DidYouMean = res.DidYouMean
		d.MeanURL = searchURL(raw, "q", res.DidYouMean)
	}
	if len(d.Chips) > 0 {
		d.ClearURL = "/suche?" + url.Values{"q": {q.Text}}.Encode()
	}
	if res.Total == 0 && q.Near != "" {
		d.NoNearURL = searchURL(raw, "near", "")
	}
	s.render(w, r, http.StatusOK, "search", &d)
}

// searchURL is /suche with raw's parameters, param set to value (or removed
// when value is empty) and the page reset unless it is the param.
func searchURL(raw url.Values, param, value string) string {
	v := url.Values{}
	for k, vs := range raw {
		v[k] = slices.Clone(vs)
	}
	if param != "page" {
		v.Del("page")
	}
	if value == "" {
		v.Del(param)
		if param == "near" {
			v.Del("radius_km")
			if v.Get("sort") == search.SortDistance {
				v.Del("sort")
			}
		}
	} else {
		v.Set(param, value)
	}
	if len(v) == 0 {
		return "/suche"
	}
	return "/suche?" + v.Encode()
}

// withoutCode is searchURL with one code taken out of a (repeatable,
// comma-separable) code filter.
func withoutCode(raw url.Values, param, code string) string {
	var keep []string
	for _, v := range raw[param] {
		for _, c := range strings.Split(v, ",") {
			if c = strings.TrimSpace(c); c != "" && c != code {
				keep = append(keep, c)
			}
		}
	}
	return searchURL(raw, param, strings.Join(keep, ","))
}

func newResultHit(loc *locale, f foundOffer) resultHit {
	o := f.Offer
	h := resultHit{ID: o.ID, Title: o.Title, ProviderID: o.ProviderID, Short: shorten(o.ShortDescription, 240)}
	if o.Provider != nil {
		h.ProviderName = o.Provider.Name
	}
	if f.Hit.DistanceKm != nil {
		h.Distance = loc.Km(*f.Hit.DistanceKm)
	}
	byID := make(map[int64]*catalogue.Date, len(o.Dates))
	for i := range o.Dates {
		byID[o.Dates[i].ID] = &o.Dates[i]
	}
	for _, id := range f.Hit.DateIDs {
		date := byID[id]
		if date == nil {
			continue
		}
		if len(h.Dates) == shownDates {
			h.MoreDates++
			continue
		}
		row := newDateRow(loc, date, o.Price)
		hd := hitDate{When: row.When, Price: row.Price}
		if date.Venue != nil {
			hd.Place = joinNonEmpty(", ", date.Venue.Name, date.Venue.Address.City)
		} else {
			hd.Place = loc.T("search.online")
		}
		h.Dates = append(h.Dates, hd)
	}
	for _, m := range f.Hit.Why {
		h.Why = append(h.Why, whyText(loc, m))
	}
	return h
}

// whyText says in plain words where a query word was found:
// „Englisch“ steht im Titel und in den Themen.
func whyText(loc *locale, m search.Match) string {
	fields := make([]string, 0, len(m.Fields))
	for _, f := range m.Fields {
		fields = append(fields, loc.T("why.field."+f))
	}
	text := loc.T("why.found", m.Term, joinAnd(loc, fields))
	var other []string
	for _, t := range m.Matched {
		if !strings.EqualFold(t, m.Term) {
			other = append(other, t)
		}
	}
	if len(other) > 0 && len(other) <= 3 {
		text += " " + loc.T("why.as", strings.Join(other, ", "))
	}
	return text
}

// joinAnd joins items as "a, b und c".
func joinAnd(loc *locale, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + loc.T("and") + " " + items[len(items)-1]
}

// activeCodes returns the codes a query filters facet by.
func activeCodes(q search.Query, facet string) []string {
	flag := func(b bool) []string {
		if b {
			return []string{"true"}
		}
		return nil
	}
	switch facet {
	case "topic":
		return q.Topics
	case "delivery_mode":
		return q.DeliveryModes
	case "funding":
		return q.Funding
	case "degree_type":
		return q.DegreeTypes
	case "language":
		return q.Languages
	case "time_pattern":
		return q.TimePatterns
	case "day_time":
		return q.DayTimes
	case "free":
		return flag(q.MaxPriceCents != nil && *q.MaxPriceCents == 0)
	case "accessible":
		return flag(q.Accessible)
	case "women_specific":
		return flag(q.WomenSpecific)
	case "childcare":
		return flag(q.Childcare)
	}
	return nil
}

func facetGroups(loc *locale, q search.Query, facets map[string][]search.FacetCount) []facetGroup {
	var out []facetGroup
	for i, name := range facetOrder {
		active := activeCodes(q, name)
		g := facetGroup{Name: name, Legend: loc.T("facet." + name), Open: i < 2 || len(active) > 0}
		counts := map[string]int{}
		for _, c := range facets[name] {
			counts[c.Code] = c.Count
		}
		codes := []string{"true"}
		if v := catalogue.Vocab(facetVocab[name]); v != nil {
			codes = codes[:0]
			for _, t := range v.Terms {
				codes = append(codes, t.Code)
			}
		}
		for _, code := range codes {
			checked := slices.Contains(active, code)
			if counts[code] == 0 && !checked {
				continue
			}
			g.Values = append(g.Values, facetOption{Param: name, Value: code, Label: facetLabel(name, code, loc.Lang), Count: counts[code], Checked: checked})
		}
		if len(g.Values) > 0 {
			out = append(out, g)
		}
	}
	// The yes/no facets go together in one group.
	var merged []facetGroup
	var flags *facetGroup
	for _, g := range out {
		if _, ok := flagLabels[g.Name]; !ok {
			merged = append(merged, g)
			continue
		}
		if flags == nil {
			merged = append(merged, facetGroup{Name: "flags", Legend: loc.T("facet.flags")})
			flags = &merged[len(merged)-1]
		}
		flags.Values = append(flags.Values, g.Values[0])
		flags.Open = flags.Open || g.Values[0].Checked
	}
	return merged
}

// chips lists the active filters, each with a link that removes it.
func chips(loc *locale, q search.Query, raw url.Values) []chip {
	var out []chip
	for _, name := range facetOrder {
		for _, code := range activeCodes(q, name) {
			if _, flag := flagLabels[name]; flag {
				out = append(out, chip{Label: facetLabel(name, code, loc.Lang), RemoveURL: searchURL(raw, name, "")})
				continue
			}
			out = append(out, chip{Label: facetLabel(name, code, loc.Lang), RemoveURL: withoutCode(raw, name, code)})
		}
	}
	if q.Near != "" {
		out = append(out, chip{Label: loc.T("chip.near", loc.Number(q.RadiusKm), q.Near), RemoveURL: searchURL(raw, "near", "")})
	}
	if q.MaxPriceCents != nil && *q.MaxPriceCents > 0 {
		out = append(out, chip{Label: loc.T("chip.max_price", loc.Money(*q.MaxPriceCents, "EUR")), RemoveURL: searchURL(raw, "max_price", "")})
	}
	if q.StartFrom != nil {
		out = append(out, chip{Label: loc.T("chip.start_from", loc.Date(*q.StartFrom)), RemoveURL: searchURL(raw, "start_from", "")})
	}
	if q.StartTo != nil {
		out = append(out, chip{Label: loc.T("chip.start_to", loc.Date(q.StartTo.AddDate(0, 0, -1))), RemoveURL: searchURL(raw, "start_to", "")})
	}
	if q.ProviderID != 0 {
		out = append(out, chip{Label: loc.T("chip.provider"), RemoveURL: searchURL(raw, "provider", "")})
	}
	return out
}
