package exchange

import (
	"context"
	"errors"
	"hash/maphash"
	"slices"
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
//
// The index keeps only a hash of each offer's title (an import may bring a
// million offers); the rare offers whose title hash matches are read from
// the store to compare their titles and descriptions.
type dupIndex map[int64]*dupProvider

// dupProvider holds one provider's offers by the hash of their title:
// byTitle has the one offer with a title hash, more the others when
// several share it (duplicates are rare, so this saves a slice per offer).
type dupProvider struct {
	byTitle map[uint64]int64
	more    map[uint64][]int64
	titleOf map[int64]uint64
}

var dupSeed = maphash.MakeSeed()

// titleKey is the normalised title of an offer and its hash.
func titleKey(title string) (string, uint64) {
	t := strings.Join(words(title), " ")
	return t, maphash.String(dupSeed, t)
}

func (p *dupProvider) add(id int64, title string) {
	_, h := titleKey(title)
	if _, taken := p.byTitle[h]; taken {
		p.more[h] = append(p.more[h], id)
	} else {
		p.byTitle[h] = id
	}
	p.titleOf[id] = h
}

// ids returns the offers with the title hash h.
func (p *dupProvider) ids(h uint64) []int64 {
	id, ok := p.byTitle[h]
	if !ok {
		return nil
	}
	return append([]int64{id}, p.more[h]...)
}

func (p *dupProvider) remove(id int64) {
	h, ok := p.titleOf[id]
	if !ok {
		return
	}
	delete(p.titleOf, id)
	list := slices.DeleteFunc(p.ids(h), func(x int64) bool { return x == id })
	switch {
	case len(list) == 0:
		delete(p.byTitle, h)
		delete(p.more, h)
	case len(list) == 1:
		p.byTitle[h] = list[0]
		delete(p.more, h)
	default:
		p.byTitle[h], p.more[h] = list[0], list[1:]
	}
}

// load reads the provider's offers once per import.
func (d dupIndex) load(ctx context.Context, s catalogue.Store, provider int64) (*dupProvider, error) {
	if p, ok := d[provider]; ok {
		return p, nil
	}
	p := &dupProvider{byTitle: map[uint64]int64{}, more: map[uint64][]int64{}, titleOf: map[int64]uint64{}}
	for offset := 0; ; offset += 1000 {
		page, total, err := s.Offers(ctx, catalogue.OfferFilter{ProviderID: provider, Page: catalogue.Page{Limit: 1000, Offset: offset}})
		if err != nil {
			return nil, err
		}
		for _, o := range page {
			if o.Status != catalogue.StatusWithdrawn {
				p.add(o.ID, o.Title)
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
	title, h := titleKey(o.Title)
	var mine map[string]struct{}
	var best int64
	for _, id := range p.ids(h) {
		if id == o.ID || (o.ID != 0 && id > o.ID) || (best != 0 && id > best) {
			continue
		}
		other, err := s.Offer(ctx, id)
		if errors.Is(err, catalogue.ErrNotFound) {
			continue
		}
		if err != nil {
			return 0, err
		}
		if t, _ := titleKey(other.Title); t != title {
			continue // another title with the same hash
		}
		if mine == nil {
			mine = wordSet(o.ShortDescription + " " + o.Description)
		}
		if similar(wordSet(other.ShortDescription+" "+other.Description), mine) {
			best = id
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
		p.add(o.ID, o.Title)
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
