package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/moderation"
)

// venueValues is a valid venue form: a learning place in Merzig.
func venueValues() url.Values {
	return url.Values{
		"name": {"Lernwerkstatt Merzig"}, "kind": {"self_learning_centre"}, "description": {"Offenes Lernen mit Begleitung"},
		"address.street": {"Bahnhofstraße 27"}, "address.postal_code": {"66663"}, "address.city": {"Merzig"},
		"accessibility": {"step_free"}, "equipment": {"12 PC-Arbeitsplätze\n\n Drucker "},
		"website": {"https://lernwerkstatt.example"}, "email": {"lernen@vhs-merzig.example"}, "phone": {"06861 1234"},
		"opening_hours[0].day": {"mo"}, "opening_hours[0].opens": {"09:00"}, "opening_hours[0].closes": {"17:00"},
		"opening_hours[1].day": {""}, "opening_hours[1].opens": {""}, "opening_hours[1].closes": {""},
	}
}

// TestProviderVenues: an editor creates a venue for a provider that has
// none to choose yet (inline errors on the fields first), finds it in the
// offer form, edits it; every save is audited, new venues and changes of
// more than the routine fields are flagged; other providers' editors get
// 404, anonymous visitors the login.
func TestProviderVenues(t *testing.T) {
	e := newAccountEnv(t)
	ctx := context.Background()
	x, _ := e.provider(t, "VHS Merzig")
	y, _ := e.provider(t, "VHS Saarlouis")
	editor := e.user(t, "redaktion@vhs-merzig.example")
	e.member(t, editor, x.ID, account.MemberEditor)
	other := e.user(t, "redaktion@vhs-saarlouis.example")
	e.member(t, other, y.ID, account.MemberEditor)
	list := fmt.Sprintf("/anbieten/%d/orte", x.ID)

	anon := e.browser(t)
	if p := anon.get(list); p.status != http.StatusSeeOther || !strings.HasPrefix(p.location(), "/konto/anmelden?weiter=") {
		t.Fatalf("anonymous: %d %q", p.status, p.location())
	}
	if p := anon.post(list+"/neu", venueValues()); p.status != http.StatusSeeOther && p.status != http.StatusForbidden {
		t.Fatalf("anonymous post: %d", p.status)
	}

	b := e.browser(t)
	b.login("redaktion@vhs-merzig.example")
	b.get(fmt.Sprintf("/anbieten/%d", x.ID)).want(t, http.StatusOK, `href="`+list+`"`, `href="`+list+`/neu"`)
	b.get(fmt.Sprintf("/anbieten/%d/angebote/neu", x.ID)).want(t, http.StatusOK, `href="`+list+`/neu">Neuen Ort anlegen</a>`)
	b.get(list).want(t, http.StatusOK, "VHS Merzig Haus 1", "Neuen Ort anlegen")
	b.get(list+"/neu").want(t, http.StatusOK, `value="66663"`, `name="opening_hours[2].day"`)

	// Mistakes: each error sits on its field and in the summary.
	bad := venueValues()
	bad.Set("name", "")
	bad.Set("address.postal_code", "6666")
	bad.Set("opening_hours[0].closes", "08:00")
	bad.Set("email", "keine-adresse")
	p := b.post(list+"/neu", bad).want(t, http.StatusUnprocessableEntity,
		`class="error-summary"`, `href="#f-name"`, `href="#f-address-postal_code"`, `href="#f-opening_hours-0-closes"`,
		`id="f-name-error"`, `aria-describedby="f-name-error"`, "Bitte ausfüllen.",
		`aria-describedby="f-address-postal_code-hint f-address-postal_code-error"`, "Eine deutsche Postleitzahl hat fünf Ziffern.",
		`id="f-opening_hours-0-closes-error"`, `id="f-email-error"`,
		`value="Bahnhofstraße 27"`) // what was typed stays
	if strings.Contains(p.body, `id="f-address-city-error"`) {
		t.Error("a valid field shows an error")
	}
	unknown := venueValues()
	unknown.Set("address.postal_code", "00000")
	b.post(list+"/neu", unknown).want(t, http.StatusUnprocessableEntity, `id="f-address-postal_code-error"`, "Diese Postleitzahl ist uns nicht bekannt.")
	if vs, n, _ := e.store.Venues(ctx, catalogue.VenueFilter{ProviderID: x.ID, Page: catalogue.Page{Limit: 100}}); n != 1 {
		t.Fatalf("a form with mistakes saved a venue: %d venues %+v", n, vs)
	}
	if its := e.openItems(t); len(its) != 0 {
		t.Fatalf("queue after mistakes: %+v", its)
	}

	// Created: live, positioned from the postal code, audited, flagged.
	p = b.post(list+"/neu", venueValues())
	if p.status != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", p.status, p.body)
	}
	var pid, id int64
	if _, err := fmt.Sscanf(p.location(), "/anbieten/%d/orte/%d?hinweis=angelegt", &pid, &id); err != nil || pid != x.ID {
		t.Fatalf("location %q: %v", p.location(), err)
	}
	v, err := e.store.Venue(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if v.ProviderID != x.ID || v.Name != "Lernwerkstatt Merzig" || v.Geo == nil || v.Geo.Lat < 49.3 || v.Geo.Lat > 49.6 ||
		v.Address.State == "" || !slices.Equal(v.Equipment, []string{"12 PC-Arbeitsplätze", "Drucker"}) ||
		len(v.OpeningHours) != 1 || v.OpeningHours[0].Closes != "17:00" || !slices.Equal(v.Accessibility, []string{"step_free"}) {
		t.Fatalf("saved: %+v geo %+v", v, v.Geo)
	}
	edit := fmt.Sprintf("%s/%d", list, id)
	b.get(edit+"?hinweis=angelegt").want(t, http.StatusOK, "Der Ort wurde angelegt.", `value="Lernwerkstatt Merzig"`, `value="17:00"`)
	e.browser(t).get(fmt.Sprintf("/lernorte/%d", id)).want(t, http.StatusOK, "Lernwerkstatt Merzig")
	b.get(fmt.Sprintf("/anbieten/%d/angebote/neu", x.ID)).want(t, http.StatusOK, fmt.Sprintf(`<option value="%d">Lernwerkstatt Merzig</option>`, id))
	its := e.openItems(t)
	if len(its) != 1 || its[0].Kind != moderation.KindChange || its[0].ProviderID != x.ID || its[0].OfferID != 0 ||
		its[0].Title != "Lernwerkstatt Merzig" || !slices.Equal(its[0].Fields, []string{"venue.new"}) || its[0].RequestedBy != editor.ID {
		t.Fatalf("queue after create: %+v", its)
	}
	audit := func(n int) []*moderation.AuditEntry {
		t.Helper()
		es, err := e.store.Audit(ctx, moderation.AuditFilter{Entity: "venue", EntityID: id})
		if err != nil || len(es) != n {
			t.Fatalf("audit: %v, %d entries, want %d: %+v", err, len(es), n, es)
		}
		return es
	}
	if es := audit(1); es[0].Action != "venue.create" || es[0].ActorID != editor.ID || string(es[0].Before) != "null" ||
		!strings.Contains(string(es[0].After), "Lernwerkstatt Merzig") {
		t.Errorf("audit entry: %+v", es[0])
	}

	// Routine changes (phone, opening hours): live, audited, not flagged.
	routine := venueValues()
	routine.Set("phone", "06861 9999")
	routine.Set("opening_hours[1].day", "tu")
	routine.Set("opening_hours[1].opens", "10:00")
	routine.Set("opening_hours[1].closes", "12:00")
	b.post(edit, routine).redirect(t, edit+"?hinweis=gespeichert")
	if v, _ := e.store.Venue(ctx, id); v.Phone != "06861 9999" || len(v.OpeningHours) != 2 {
		t.Fatalf("routine change not saved: %+v", v)
	}
	if its := e.openItems(t); len(its) != 1 {
		t.Errorf("a routine change was flagged: %+v", its[len(its)-1])
	}
	if es := audit(2); es[0].Action != "venue.update" || !strings.Contains(string(es[0].Before), "06861 1234") || !strings.Contains(string(es[0].After), "06861 9999") {
		t.Errorf("audit entry: %+v", es[0])
	}

	// A new address and no step-free access: live and flagged with the fields.
	moved := routine
	moved.Set("address.street", "Schankstraße 1")
	moved.Del("accessibility")
	b.post(edit, moved).redirect(t, edit+"?hinweis=gespeichert")
	its = e.openItems(t)
	if len(its) != 2 || !slices.Equal(its[1].Fields, []string{"venue.accessibility", "venue.address"}) || its[1].Kind != moderation.KindChange {
		t.Fatalf("queue after a move: %+v", its)
	}
	if v, _ := e.store.Venue(ctx, id); v.Address.Street != "Schankstraße 1" || v.Geo == nil || len(v.Accessibility) != 0 {
		t.Fatalf("move not saved: %+v", v)
	}
	audit(3)

	// Another provider's editor: 404 for X's venue under Y, 403 under X.
	o := e.browser(t)
	o.login("redaktion@vhs-saarlouis.example")
	o.get(fmt.Sprintf("/anbieten/%d/orte/%d", y.ID, id)).want(t, http.StatusNotFound)
	hijack := venueValues()
	hijack.Set("name", "Übernommen")
	o.post(fmt.Sprintf("/anbieten/%d/orte/%d", y.ID, id), hijack).want(t, http.StatusNotFound)
	o.get(edit).want(t, http.StatusForbidden)
	o.post(edit, hijack).want(t, http.StatusForbidden)
	if v, _ := e.store.Venue(ctx, id); v.Name != "Lernwerkstatt Merzig" || v.ProviderID != x.ID {
		t.Fatalf("another provider changed the venue: %+v", v)
	}
	if p := o.get(fmt.Sprintf("/anbieten/%d/orte", y.ID)).want(t, http.StatusOK, "VHS Saarlouis Haus 1"); strings.Contains(p.body, "Lernwerkstatt") {
		t.Error("Y's list shows X's venue")
	}
	audit(3)

	// The gap closed: the new venue carries a classroom offer's date.
	op := b.post(fmt.Sprintf("/anbieten/%d/angebote/neu", x.ID), offerValues("Englisch im Beruf", id))
	if o := e.offer(t, idFromLocation(t, op)); len(o.Dates) != 1 || o.Dates[0].VenueID != id {
		t.Fatalf("offer at the new venue: %+v", o.Dates)
	}

	// In English.
	b.get(edit+"?lang=en").want(t, http.StatusOK, "Edit venue", "Opening hours 1", "Save venue")
	noGerman(t, o.get(fmt.Sprintf("/anbieten/%d/orte/neu?lang=en", y.ID)).want(t, http.StatusOK, "Add a new venue", "Step-free").body)
}
