package exchange

import (
	"context"
	"strings"
	"unicode"

	"github.com/lernnetz/lernnetz/catalogue"
)

// minOverlap is the share of the words of the shorter description that the
// longer one must contain for two offers with the same title to count as
// probable duplicates. The two identical offers of the university in the
// WDB Brandenburg export share 87 %; different courses of one provider that
// reuse boilerplate text have different titles.
const minOverlap = 0.8

// dupIndex finds probable duplicates: offers of the same provider whose
// titles are equal once case, whitespace and punctuation are ignored, and
// whose descriptions (short and long) are equal or nearly so – both empty,
// or at least minOverlap of the words of one in the other. An offer is
// flagged as a duplicate of the oldest such offer with a smaller id (for a
// new offer: any), so that the first of a pair stays unflagged and a
// second import flags the same way. Withdrawn offers are not considered.
type dupIndex map[int64]*dupProvider

// dupProvider holds one provider's offers by normalised title.
type dupProvider struct {
	byTitle map[string][]*dupEntry
	byID    map[int64]*dupEntry
}

type dupEntry struct {
	id    int64
	title string
	text  string
	words map[string]struct{} // of text, made when first needed
}

func newDupEntry(o *catalogue.Offer) *dupEntry {
	return &dupEntry{id: o.ID, title: strings.Join(words(o.Title), " "), text: o.ShortDescription + " " + o.Description}
}

func (e *dupEntry) wordSet() map[string]struct{} {
	if e.words == nil {
		e.words = wordSet(e.text)
	}
	return e.words
}

func (p *dupProvider) add(e *dupEntry) {
	p.byTitle[e.title] = append(p.byTitle[e.title], e)
	p.byID[e.id] = e
}

func (p *dupProvider) remove(id int64) {
	e, ok := p.byID[id]
	if !ok {
		return
	}
	delete(p.byID, id)
	list := p.byTitle[e.title]
	for i, have := range list {
		if have == e {
			p.byTitle[e.title] = append(list[:i:i], list[i+1:]...)
			break
		}
	}
}

// load reads the provider's offers once per import.
func (d dupIndex) load(ctx context.Context, s catalogue.Store, provider int64) (*dupProvider, error) {
	if p, ok := d[provider]; ok {
		return p, nil
	}
	p := &dupProvider{byTitle: map[string][]*dupEntry{}, byID: map[int64]*dupEntry{}}
	for offset := 0; ; offset += 1000 {
		page, total, err := s.Offers(ctx, catalogue.OfferFilter{ProviderID: provider, Page: catalogue.Page{Limit: 1000, Offset: offset}})
		if err != nil {
			return nil, err
		}
		for _, o := range page {
			if o.Status != catalogue.StatusWithdrawn {
				p.add(newDupEntry(o))
			}
		}
		if offset+len(page) >= total || len(page) == 0 {
			break
		}
	}
	d[provider] = p
	return p, nil
}

// find returns the id of the offer o probably duplicates, or 0.
func (d dupIndex) find(ctx context.Context, s catalogue.Store, o *catalogue.Offer) (int64, error) {
	p, err := d.load(ctx, s, o.ProviderID)
	if err != nil {
		return 0, err
	}
	me := newDupEntry(o)
	var best int64
	for _, e := range p.byTitle[me.title] {
		if e.id == o.ID || (o.ID != 0 && e.id > o.ID) || (best != 0 && e.id > best) {
			continue
		}
		if similar(e.wordSet(), me.wordSet()) {
			best = e.id
		}
	}
	return best, nil
}

// put adds or refreshes o after it was saved (or found unchanged); the
// provider's offers are loaded already.
func (d dupIndex) put(o *catalogue.Offer) {
	p, ok := d[o.ProviderID]
	if !ok {
		return
	}
	p.remove(o.ID)
	if o.Status != catalogue.StatusWithdrawn {
		p.add(newDupEntry(o))
	}
}

// remove drops an offer that was deleted.
func (d dupIndex) remove(provider, id int64) {
	if p, ok := d[provider]; ok {
		p.remove(id)
	}
}

func similar(a, b map[string]struct{}) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	shared := 0
	for w := range a {
		if _, ok := b[w]; ok {
			shared++
		}
	}
	return float64(shared) >= minOverlap*float64(len(a))
}

// words splits s into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func wordSet(s string) map[string]struct{} {
	ws := words(s)
	set := make(map[string]struct{}, len(ws))
	for _, w := range ws {
		set[w] = struct{}{}
	}
	return set
}
