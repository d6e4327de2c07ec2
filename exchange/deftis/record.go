package deftis

import "strings"

// position is where a value was read: its element path and line.
type position struct {
	path string
	line int
}

// extensions collects source elements lernnetz has no own field for; a key
// that occurs again gets its values joined with a line break (by orNil, so
// that many repeats stay linear).
type extensions map[string][]string

func (x extensions) add(key, value string) {
	x[key] = append(x[key], value)
}

// keep adds an element that is not mapped, with everything in it: its text
// under its key (its path relative to the record, without an index of its
// own, so repeated elements join), its attributes as KEY@NAME and its
// children as KEY/CHILD.
func (x extensions) keep(e *element, key string) {
	base := key
	if strings.HasSuffix(key, "]") {
		if i := strings.LastIndexByte(key, '['); i > 0 {
			base = key[:i]
		}
	}
	x.attrs(e, base)
	if e.Text != "" || (len(e.Children) == 0 && len(e.Attrs) == 0) {
		x.add(base, e.Text)
	}
	walk(e, key, func(c *element, ckey string) { x.keep(c, ckey) })
}

// attrs adds the attributes of an element as KEY@NAME.
func (x extensions) attrs(e *element, key string) {
	for _, a := range e.Attrs {
		if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
			continue
		}
		x.add(key+"@"+a.Name.Local, strings.TrimSpace(a.Value))
	}
}

// orNil returns the extensions as the catalogue keeps them, nil when there
// are none.
func (x extensions) orNil() map[string]string {
	if len(x) == 0 {
		return nil
	}
	out := make(map[string]string, len(x))
	for k, vs := range x {
		out[k] = strings.Join(vs, "\n")
	}
	return out
}
