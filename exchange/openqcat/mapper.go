package openqcat

import (
	"strconv"
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/deftis"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// mapper maps one decoded record (a SUPPLIER or SERVICE) and remembers the
// elements it used, so that everything else can be kept as extensions.
type mapper struct {
	r    *Reader
	rec  *record.Record
	used map[*element]bool
}

func (r *Reader) mapper(rec *record.Record) *mapper {
	return &mapper{r: r, rec: rec, used: make(map[*element]bool, 64)}
}

// get returns the element at path below e and marks it used.
func (m *mapper) get(e *element, path string) *element {
	c := e.At(path)
	if c != nil {
		m.used[c] = true
	}
	return c
}

// text returns the text at path below e and marks the element used.
func (m *mapper) text(e *element, path string) string {
	if c := m.get(e, path); c != nil {
		return c.Text
	}
	return ""
}

// all returns the children of e called name and marks them used.
func (m *mapper) all(e *element, name string) []*element {
	cs := e.All(name)
	for _, c := range cs {
		m.used[c] = true
	}
	return cs
}

// field records that a catalogue field came from element c.
func (m *mapper) field(field string, c *element) {
	if c != nil {
		m.rec.At(field, c.Path, c.Line)
	}
}

// problem adds a problem at element c (or at the record when c is nil).
func (m *mapper) problem(c *element, format string, args ...any) {
	if c == nil {
		m.rec.Problemf(m.rec.Path, m.rec.Line, format, args...)
		return
	}
	m.rec.Problemf(c.Path, c.Line, format, args...)
}

// extensions returns the texts of the leaf elements below root that were
// not used, keyed by their path relative to root without indexes; repeated
// keys are joined with a line break. nil when there are none.
func (m *mapper) extensions(root *element) map[string]string {
	var out map[string]string
	var walk func(e *element, key string)
	walk = func(e *element, key string) {
		for _, c := range e.Children {
			ckey := c.Name
			if key != "" {
				ckey = key + "/" + c.Name
			}
			if len(c.Children) > 0 {
				walk(c, ckey)
				continue
			}
			if m.used[c] || c.Text == "" {
				continue
			}
			if out == nil {
				out = map[string]string{}
			}
			if prev, ok := out[ckey]; ok {
				out[ckey] = prev + "\n" + c.Text
			} else {
				out[ckey] = c.Text
			}
		}
	}
	walk(root, "")
	return out
}

// integer reads a count (participants); a problem when it is none.
func (m *mapper) integer(e *element, path, what string) int {
	c := m.get(e, path)
	if c == nil || c.Text == "" {
		return 0
	}
	n, err := strconv.Atoi(c.Text)
	if err != nil || n < 0 {
		m.problem(c, "„%s“ ist keine Zahl (%s).", c.Text, what)
		return 0
	}
	return n
}

// place is an ADDRESS-like element (ADDRESS, LOCATION) mapped.
type place = record.Place

// place maps an ADDRESS or LOCATION element.
func (m *mapper) place(e *element) place {
	var p place
	var names []string
	for _, n := range []string{"NAME", "NAME2", "NAME3"} {
		if s := m.text(e, n); s != "" {
			names = append(names, s)
		}
	}
	p.Name = strings.Join(names, " ")
	p.Address.Street = m.text(e, "STREET")
	p.Address.PostalCode = m.text(e, "ZIP")
	p.Address.City = m.text(e, "CITY")
	p.Address.District = m.text(e, "DISTRICT")
	p.Address.State = stateCode(m.text(e, "STATE"))
	for _, n := range []string{"COUNTRY_CODED", "COUNTRY"} {
		if c := e.Child(n); c != nil && c.Text != "" {
			if code := countryCode(c.Text); code != "" {
				p.Address.Country = code
				m.used[c] = true
			}
		}
	}
	if p.Address.Country == "" && e.TextAt("COUNTRY") == "" && e.TextAt("COUNTRY_CODED") == "" {
		p.Address.Country = "DE" // KURSNET is German; an unknown country is kept as an extension
	}
	p.Phone = m.text(e, "PHONE")
	if p.Phone == "" {
		p.Phone = m.text(e, "MOBILE")
	}
	p.Email = m.text(e, "EMAILS/EMAIL")
	p.Website = m.text(e, "URL")
	p.Description = m.text(e, "ADDRESS_REMARKS")
	p.SourceID = m.text(e, "ID_DB")
	if bf := m.get(e, "BARRIER_FREE_LOCATION"); bf != nil {
		b, err := deftis.ParseBool(bf.Text)
		if err != nil {
			m.problem(bf, "„%s“ ist kein Wahrheitswert (BARRIER_FREE_LOCATION: true oder false).", bf.Text)
		}
		p.StepFree = b
	}
	if p.Address.Country == "DE" {
		p.Geo = record.Locate(m.r.gaz, &p.Address)
	}
	return p
}

// contact maps a CONTACT element (typeCONTACT) and records where its
// fields came from as field ("contacts[0]").
func (m *mapper) contact(e *element, field string) catalogue.Contact {
	m.used[e] = true
	ct := catalogue.Contact{
		Role:       m.text(e, "CONTACT_ROLE"),
		Salutation: m.text(e, "SALUTATION"),
		GivenName:  m.text(e, "FIRST_NAME"),
		FamilyName: m.text(e, "LAST_NAME"),
		Phone:      m.text(e, "PHONE"),
		Fax:        m.text(e, "FAX"),
		Email:      m.text(e, "EMAILS/EMAIL"),
		Web:        m.text(e, "URL"),
	}
	var titles []string
	for _, t := range m.all(e, "ACADEMIC_TITLE") {
		if t.Text != "" {
			titles = append(titles, t.Text)
		}
	}
	ct.Title = strings.Join(titles, " ")
	if ct.GivenName == "" { // KURSNET's own example puts the given name here
		ct.GivenName = m.text(e, "NAME_PREFIX")
	}
	if ct.Phone == "" {
		ct.Phone = m.text(e, "MOBILE")
	}
	m.field(field, e)
	m.field(field+".email", e.Child("EMAILS"))
	m.field(field+".web", e.Child("URL"))
	return ct
}
