package web

import (
	"net/http"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/csvfmt"
)

// The CSV help page, /hilfe/csv: what each column of the CSV template
// means (from csvfmt.Columns, the list the reader itself uses, so the page
// cannot drift from the format), with the empty template and a filled-in
// example to download from /hilfe/csv/{file}.

const csvHelpPath = "/hilfe/csv"

type csvHelpData struct {
	layout
	Groups       []csvGroup
	TemplateURL  string
	ExampleURL   string
	TemplateName string
	ExampleName  string
	Formats      []string // what else the API imports
}

type csvGroup struct {
	Key     string // provider, offer, date, venue
	Title   string // csvfmt.GroupTitle: the format names its groups
	Columns []csvColumn
}

type csvColumn struct {
	Name     string
	Required bool
	List     bool
	Text     string
	Example  string
	Values   []string // the vocabulary's labels
}

func (s *Server) registerHelp() {
	s.handle("GET "+csvHelpPath, s.csvHelpPage)
	s.handle("GET "+csvHelpPath+"/{file}", s.csvHelpFile)
}

func (s *Server) csvHelpPage(w http.ResponseWriter, r *http.Request) {
	loc := localeOf(r)
	d := csvHelpData{
		layout:       layout{Title: loc.T("help.csv.title"), Description: loc.T("help.csv.lead"), Canonical: csvHelpPath},
		TemplateURL:  csvHelpPath + "/" + csvfmt.TemplateName,
		ExampleURL:   csvHelpPath + "/" + csvfmt.ExampleName,
		TemplateName: csvfmt.TemplateName, ExampleName: csvfmt.ExampleName,
	}
	for _, c := range csvfmt.Columns {
		if c.Export {
			continue // technical columns of exports; providers leave them out
		}
		if len(d.Groups) == 0 || d.Groups[len(d.Groups)-1].Key != c.Group {
			d.Groups = append(d.Groups, csvGroup{Key: c.Group, Title: csvfmt.GroupTitle(c.Group, loc.Lang)})
		}
		col := csvColumn{Name: c.Name, Required: c.Required, List: c.List, Text: c.DE, Example: c.Example}
		if loc.Lang == "en" {
			col.Text = c.EN
		}
		if v := catalogue.Vocab(c.Vocabulary); v != nil {
			for _, t := range v.Terms {
				col.Values = append(col.Values, t.Label(loc.Lang))
			}
		}
		g := &d.Groups[len(d.Groups)-1]
		g.Columns = append(g.Columns, col)
	}
	s.render(w, r, http.StatusOK, "help_csv", &d)
}

// csvHelpFile sends the template or the example as a download.
func (s *Server) csvHelpFile(w http.ResponseWriter, r *http.Request) {
	var data []byte
	switch r.PathValue("file") {
	case csvfmt.TemplateName:
		data = csvfmt.Template
	case csvfmt.ExampleName:
		data = csvfmt.Example
	default:
		s.errorPage(w, r, http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+r.PathValue("file")+`"`)
	w.Write(data)
}
