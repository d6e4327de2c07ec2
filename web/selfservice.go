package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/moderation"
)

// Provider self-service (/anbieten): the members of a provider organisation
// (editors and admins) keep its offers current — list them with drafts and
// their freshness, create, edit, copy and withdraw them, confirm all as
// still current, and upload an import file bound to their provider. Every
// change goes through the moderation rules (moderation.Review) and into the
// audit log in the same transaction as the change itself. The pages speak
// German and English (i18n/*.provider.json).

// selfServicePages are the templates of the self-service and moderation
// pages, parsed in both languages.
var selfServicePages = []string{"provider_home", "provider_offers", "provider_offer", "provider_import", "provider_request", "provider_tokens", "provider_members", "provider_invitation", "provider_details", "provider_venues", "provider_venue",
	"moderation_queue", "moderation_item", "account_erase", "account_recovery"}

func init() {
	for _, l := range []*locale{localeDE, localeEN} {
		funcs := funcsFor(l)
		funcs["vlabel"] = func(t catalogue.Term) string { return t.Label(l.Lang) }
		base := template.Must(template.New("layout.html").Funcs(funcs).
			ParseFS(templateFS, "templates/layout.html", "templates/selfservice_parts.html"))
		for _, n := range selfServicePages {
			t := template.Must(template.Must(base.Clone()).ParseFS(templateFS, "templates/"+n+".html"))
			if l == localeEN {
				pageTemplatesEN[n] = t
			} else {
				pageTemplates[n] = t
			}
		}
	}
}

// setupSelfService registers the self-service and moderation pages when
// accounts and a moderation store are configured.
func (s *Server) setupSelfService(cfg Config) {
	if cfg.Accounts == nil {
		return
	}
	s.setupPrivacy()  // account_privacy.go
	s.setupRecovery() // account_recovery.go
	if cfg.Accounts.Moderation == nil {
		return
	}
	s.mod = cfg.Accounts.Moderation
	s.handle("GET /anbieten", s.providerHome)
	s.handle("GET /anbieten/neu", s.providerRequestForm)
	s.handle("POST /anbieten/neu", s.providerRequest)
	s.handle("GET /anbieten/{pid}", s.providerOffers)
	s.handle("POST /anbieten/{pid}/bestaetigen", s.confirmAll)
	s.handle("GET /anbieten/{pid}/angebote/neu", s.newOfferForm)
	s.handle("POST /anbieten/{pid}/angebote/neu", s.saveOfferForm)
	s.handle("GET /anbieten/{pid}/angebote/{id}", s.editOfferForm)
	s.handle("POST /anbieten/{pid}/angebote/{id}", s.saveOfferForm)
	s.handle("POST /anbieten/{pid}/angebote/{id}/kopieren", s.copyOffer)
	s.handle("POST /anbieten/{pid}/angebote/{id}/zurueckziehen", s.withdrawOffer)
	s.handle("POST /anbieten/{pid}/import", s.importUpload)
	s.handle("GET /anbieten/{pid}/schluessel", s.tokensPage)
	s.handle("POST /anbieten/{pid}/schluessel", s.createToken)
	s.handle("POST /anbieten/{pid}/schluessel/{id}/widerrufen", s.revokeToken)
	s.setupMembers() // selfservice_members.go
	s.setupVenues()  // selfservice_venues.go
	s.handle("GET /moderation", s.moderationQueue)
	s.handle("GET /moderation/{id}", s.moderationItem)
	s.handle("POST /moderation/{id}/freigeben", s.approveItem)
	s.handle("POST /moderation/{id}/ablehnen", s.rejectItem)
}

// memberOf returns the signed-in user and the provider of the path's {pid}
// when the user is a member (editor or admin) of it. Otherwise it answers:
// the login page for anonymous visitors, 403 for everyone else, and returns
// nil.
func (s *Server) memberOf(w http.ResponseWriter, r *http.Request) (*account.User, *catalogue.Provider) {
	u, p, _ := s.membership(w, r)
	return u, p
}

// membership is memberOf that also tells the member's role.
func (s *Server) membership(w http.ResponseWriter, r *http.Request) (*account.User, *catalogue.Provider, account.MemberRole) {
	u, _ := s.requireUser(w, r)
	if u == nil {
		return nil, nil, ""
	}
	pid, err := strconv.ParseInt(r.PathValue("pid"), 10, 64)
	if err != nil || pid <= 0 {
		s.errorPage(w, r, http.StatusNotFound)
		return nil, nil, ""
	}
	ms, err := s.acct.store.Memberships(r.Context(), u.ID)
	if err != nil {
		s.accountFailed(w, r, err)
		return nil, nil, ""
	}
	i := slices.IndexFunc(ms, func(m account.Membership) bool { return m.ProviderID == pid })
	if i < 0 {
		s.errorPage(w, r, http.StatusForbidden)
		return nil, nil, ""
	}
	p, err := s.store.Provider(r.Context(), pid)
	if err != nil {
		s.pageError(w, r, err)
		return nil, nil, ""
	}
	return u, p, ms[i].Role
}

// ownOffer loads the path's {id} offer when it belongs to provider p; an
// offer of another provider is answered like one that does not exist, so
// no editor learns about another's drafts.
func (s *Server) ownOffer(w http.ResponseWriter, r *http.Request, p *catalogue.Provider) *catalogue.Offer {
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound)
		return nil
	}
	o, err := s.store.Offer(r.Context(), id)
	if err == nil && o.ProviderID != p.ID {
		err = catalogue.ErrNotFound
	}
	if err != nil {
		s.pageError(w, r, err)
		return nil
	}
	return o
}

// trusted reports whether provider pid has a public offer: then its first
// publication was approved (or came before moderation) and its changes go
// live at once.
func (s *Server) trusted(ctx context.Context, store catalogue.Store, pid int64) (bool, error) {
	for _, st := range []string{catalogue.StatusPublished, catalogue.StatusExpired} {
		_, n, err := store.Offers(ctx, catalogue.OfferFilter{ProviderID: pid, Status: st, Page: catalogue.Page{Limit: 1}})
		if err != nil || n > 0 {
			return n > 0, err
		}
	}
	return false, nil
}

// modStore returns the moderation side of a store handed to an Atomic
// function (the storage package's stores implement both).
func modStore(tx catalogue.Store) (moderation.Store, error) {
	m, ok := tx.(moderation.Store)
	if !ok {
		return nil, fmt.Errorf("web: the catalogue store %T keeps no moderation queue", tx)
	}
	return m, nil
}

// saveReviewed saves o as an editor's change in one transaction: the
// moderation rules set its status, the audit log gets before and after, and
// the queue an item when the rules ask for one. It returns the outcome.
func (s *Server) saveReviewed(ctx context.Context, actorID int64, before, o *catalogue.Offer, action string) (moderation.Outcome, error) {
	var out moderation.Outcome
	err := s.store.Atomic(ctx, func(tx catalogue.Store) error {
		m, err := modStore(tx)
		if err != nil {
			return err
		}
		trusted, err := s.trusted(ctx, tx, o.ProviderID)
		if err != nil {
			return err
		}
		out = moderation.Review(before, o, trusted)
		o.Status = out.Status
		if err := tx.SaveOffer(ctx, o); err != nil {
			return err
		}
		if err := m.AppendAudit(ctx, &moderation.AuditEntry{ActorID: actorID, Action: action, Entity: "offer", EntityID: o.ID,
			Before: snapshotOffer(before), After: snapshotOffer(o)}); err != nil {
			return err
		}
		if out.Queue == "" {
			return nil
		}
		return m.AddItem(ctx, &moderation.Item{Kind: out.Queue, ProviderID: o.ProviderID, OfferID: o.ID,
			RequestedBy: actorID, Title: o.Title, Fields: out.Fields})
	})
	return out, err
}

func snapshotOffer(o *catalogue.Offer) []byte {
	if o == nil {
		return moderation.Snapshot(nil)
	}
	return moderation.Snapshot(o)
}

// audit appends one entry outside a save.
func (s *Server) audit(ctx context.Context, e *moderation.AuditEntry) error {
	return s.mod.AppendAudit(ctx, e)
}

// The overview: the person's providers.

type providerLink struct {
	ID   int64
	Name string
	Role string
}

type providerHomeData struct {
	layout
	Notice    string
	Providers []providerLink
}

func (s *Server) providerHome(w http.ResponseWriter, r *http.Request) {
	u, _ := s.requireUser(w, r)
	if u == nil {
		return
	}
	ctx := r.Context()
	loc := localeOf(r)
	ms, err := s.acct.store.Memberships(ctx, u.ID)
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	d := &providerHomeData{layout: layout{Title: loc.T("selfservice.home.title")}, Notice: selfServiceNotice(r)}
	for _, m := range ms {
		p, err := s.store.Provider(ctx, m.ProviderID)
		if err != nil {
			continue
		}
		d.Providers = append(d.Providers, providerLink{ID: p.ID, Name: p.Name, Role: loc.T("selfservice.role." + string(m.Role))})
	}
	s.renderAccount(w, r, http.StatusOK, "provider_home", d)
}

// The provider's offers with their freshness.

type offerRow struct {
	ID            int64
	Title         string
	Status        string
	Public        bool
	LastConfirmed string // formatted; "" when never
	Stale         bool   // not confirmed for StaleAfter
	Dates         int
}

type providerOffersData struct {
	layout
	Notice   string
	Provider *catalogue.Provider
	Offers   []offerRow
	Total    int
	Admin    bool // the member administers the provider (API tokens)
}

// StaleAfter is how long an offer counts as fresh after its last
// confirmation.
const StaleAfter = 90 * 24 * time.Hour

func (s *Server) providerOffers(w http.ResponseWriter, r *http.Request) {
	_, p, role := s.membership(w, r)
	if p == nil {
		return
	}
	ctx := r.Context()
	offers, total, err := s.store.Offers(ctx, catalogue.OfferFilter{ProviderID: p.ID, Page: catalogue.Page{Limit: 500}})
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	loc := localeOf(r)
	now := s.acct.now()
	d := &providerOffersData{layout: layout{Title: p.Name}, Notice: selfServiceNotice(r), Provider: p, Total: total,
		Admin: role == account.MemberAdmin}
	for _, o := range offers {
		row := offerRow{ID: o.ID, Title: o.Title, Status: o.Status, Public: o.Status == catalogue.StatusPublished, Dates: len(o.Dates)}
		confirmed := o.Provenance.LastConfirmedAt
		if confirmed == nil {
			confirmed = &o.UpdatedAt
		}
		row.LastConfirmed = loc.Day(confirmed.In(catalogue.Berlin).Format(time.DateOnly))
		row.Stale = o.Status != catalogue.StatusWithdrawn && now.Sub(*confirmed) > StaleAfter
		d.Offers = append(d.Offers, row)
	}
	s.renderAccount(w, r, http.StatusOK, "provider_offers", d)
}

// confirmAll marks every offer of the provider as still current.
func (s *Server) confirmAll(w http.ResponseWriter, r *http.Request) {
	u, p := s.memberOf(w, r)
	if p == nil {
		return
	}
	ctx := r.Context()
	now := s.acct.now()
	n, err := s.mod.ConfirmOffers(ctx, p.ID, now)
	if err == nil {
		err = s.audit(ctx, &moderation.AuditEntry{ActorID: u.ID, Action: "offers.confirm", Entity: "provider", EntityID: p.ID,
			Before: moderation.Snapshot(nil), After: moderation.Snapshot(map[string]any{"confirmed": n, "at": now})})
	}
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/anbieten/%d?hinweis=bestaetigt", p.ID), http.StatusSeeOther)
}

// withdrawOffer takes an offer off the portal.
func (s *Server) withdrawOffer(w http.ResponseWriter, r *http.Request) {
	u, p := s.memberOf(w, r)
	if p == nil {
		return
	}
	before := s.ownOffer(w, r, p)
	if before == nil {
		return
	}
	o := cloneOffer(before)
	o.Status = catalogue.StatusWithdrawn
	if _, err := s.saveReviewed(r.Context(), u.ID, before, o, "offer.withdraw"); err != nil {
		s.accountFailed(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/anbieten/%d?hinweis=zurueckgezogen", p.ID), http.StatusSeeOther)
}

// copyOffer makes a draft copy of an offer with its dates and opens it.
func (s *Server) copyOffer(w http.ResponseWriter, r *http.Request) {
	u, p := s.memberOf(w, r)
	if p == nil {
		return
	}
	orig := s.ownOffer(w, r, p)
	if orig == nil {
		return
	}
	o := cloneOffer(orig)
	o.ID, o.Status, o.DuplicateOf = 0, catalogue.StatusDraft, 0
	o.Title = localeOf(r).T("selfservice.copy.title", o.Title)
	if len([]rune(o.Title)) > 250 {
		o.Title = string([]rune(o.Title)[:250])
	}
	o.Provenance = catalogue.Provenance{}
	for i := range o.Dates {
		o.Dates[i].ID, o.Dates[i].SourceID = 0, ""
	}
	if _, err := s.saveReviewed(r.Context(), u.ID, nil, o, "offer.copy"); err != nil {
		s.accountFailed(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/anbieten/%d/angebote/%d?hinweis=kopiert", p.ID, o.ID), http.StatusSeeOther)
}

// cloneOffer copies o deeply enough for a save of the copy to leave o as
// it was (the audit log's before).
func cloneOffer(o *catalogue.Offer) *catalogue.Offer {
	c := *o
	c.Dates = slices.Clone(o.Dates)
	if o.Price != nil {
		p := *o.Price
		c.Price = &p
	}
	c.DeliveryModes = slices.Clone(o.DeliveryModes)
	return &c
}

// selfServiceNotices are the confirmations a redirect can ask for.
var selfServiceNotices = []string{"gespeichert", "pruefung", "bestaetigt", "zurueckgezogen", "kopiert", "angefragt",
	"freigegeben", "abgelehnt"}

func selfServiceNotice(r *http.Request) string {
	n := r.URL.Query().Get("hinweis")
	if !slices.Contains(selfServiceNotices, n) {
		return ""
	}
	return localeOf(r).T("selfservice.notice." + n)
}
