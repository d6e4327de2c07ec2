package web_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/moderation"
)

// offerValues is a valid offer form with one fixed date at venue.
func offerValues(title string, venue int64) url.Values {
	return url.Values{
		"title": {title}, "short_description": {"Englisch für den Beruf"}, "type": {"further_training"},
		"delivery_modes": {"classroom"}, "price": {"120,50"}, "price_note": {"inkl. Buch"},
		"dates[0].id": {""}, "dates[0].start_kind": {"fixed"}, "dates[0].start": {"2030-05-06"},
		"dates[0].start_time": {"18:00"}, "dates[0].end": {"2030-07-01"}, "dates[0].time_description": {"montags, 18–21 Uhr"},
		"dates[0].venue_id": {fmt.Sprint(venue)}, "action": {"draft"},
	}
}

func idFromLocation(t *testing.T, p page) int64 {
	t.Helper()
	var pid, id int64
	loc := p.header.Get("Location")
	if _, err := fmt.Sscanf(loc, "/anbieten/%d/angebote/%d", &pid, &id); err != nil {
		t.Fatalf("location %q: %v", loc, err)
	}
	return id
}

func (e *accountEnv) offer(t *testing.T, id int64) *catalogue.Offer {
	t.Helper()
	o, err := e.store.Offer(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func (e *accountEnv) openItems(t *testing.T) []*moderation.Item {
	t.Helper()
	items, err := e.store.Items(context.Background(), moderation.StateOpen, 0)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// TestProviderSelfService walks an editor's day: a form with mistakes, a
// draft, the first publication held for review and approved, a price change
// that goes live at once and is flagged, a rejection with its reason
// mailed, copy, withdraw, confirm all — and another provider's editor who
// sees none of it.
func TestProviderSelfService(t *testing.T) {
	e := newAccountEnv(t)
	ctx := context.Background()
	x, vx := e.provider(t, "VHS Merzig")
	y, vy := e.provider(t, "VHS Homburg")
	editorA := e.user(t, "redaktion@vhs-merzig.example")
	e.member(t, editorA, x.ID, account.MemberEditor)
	editorB := e.user(t, "redaktion@vhs-homburg.example")
	e.member(t, editorB, y.ID, account.MemberEditor)
	_, secret := e.staff(t, "koordination@lernnetz.example", account.RoleCoordinator)

	a := e.browser(t)
	a.login("redaktion@vhs-merzig.example")
	a.get("/anbieten").want(t, http.StatusOK, "VHS Merzig", fmt.Sprintf(`href="/anbieten/%d"`, x.ID))
	a.get(fmt.Sprintf("/anbieten/%d", y.ID)).want(t, http.StatusForbidden)
	newPath := fmt.Sprintf("/anbieten/%d/angebote/neu", x.ID)
	a.get(newPath).want(t, http.StatusOK, `name="dates[0].start_kind"`, "Als Entwurf speichern")

	// Mistakes are reported on their fields, all at once.
	bad := offerValues("", vx.ID)
	bad.Set("price", "zwölf")
	bad.Set("dates[0].start", "")
	bad.Set("dates[0].end", "")
	res := a.post(newPath, bad).want(t, http.StatusUnprocessableEntity, "Bitte prüfen Sie Ihre Angaben",
		`<a href="#f-title">Titel: Bitte ausfüllen.</a>`, `aria-describedby="f-title-error"`, `aria-invalid="true"`,
		"Bitte im Format 120,50 angeben.", "Ein Termin mit festem Datum braucht einen Beginn.")
	if !strings.Contains(res.body, `value="Englisch für den Beruf"`) && !strings.Contains(res.body, "Englisch für den Beruf</textarea>") {
		t.Error("the form lost what was typed")
	}

	// A draft is saved and is not public.
	res = a.post(newPath, offerValues("Englisch im Beruf B1", vx.ID))
	id := idFromLocation(t, res)
	o := e.offer(t, id)
	if o.Status != catalogue.StatusDraft || o.ProviderID != x.ID || len(o.Dates) != 1 || o.Price.AmountCents != 12050 || o.Dates[0].VenueID != vx.ID {
		t.Fatalf("saved draft: %+v", o)
	}
	editPath := fmt.Sprintf("/anbieten/%d/angebote/%d", x.ID, id)
	a.get(editPath+"?hinweis=gespeichert").want(t, http.StatusOK, "Gespeichert.", `value="Englisch im Beruf B1"`, `value="2030-05-06"`, `value="18:00"`)
	anon := e.browser(t)
	anon.get(fmt.Sprintf("/angebote/%d", id)).want(t, http.StatusNotFound)
	a.get(fmt.Sprintf("/anbieten/%d", x.ID)).want(t, http.StatusOK, "Englisch im Beruf B1", "Entwurf")

	// The other provider's editor sees nothing of it.
	b := e.browser(t)
	b.login("redaktion@vhs-homburg.example")
	b.get(editPath).want(t, http.StatusForbidden)
	b.get(fmt.Sprintf("/anbieten/%d/angebote/%d", y.ID, id)).want(t, http.StatusNotFound)
	b.post(fmt.Sprintf("/anbieten/%d/angebote/%d", y.ID, id), offerValues("Gekapert", vy.ID)).want(t, http.StatusNotFound)
	b.post(fmt.Sprintf("/anbieten/%d/angebote/%d/zurueckziehen", x.ID, id), nil).want(t, http.StatusForbidden)
	b.get(fmt.Sprintf("/anbieten/%d", y.ID)).want(t, http.StatusOK)
	if strings.Contains(b.get(fmt.Sprintf("/anbieten/%d", y.ID)).body, "Englisch im Beruf") {
		t.Error("another provider's list shows the draft")
	}
	b.get("/moderation").want(t, http.StatusForbidden)
	// Nor can an editor put an offer at another provider's place.
	b.post(fmt.Sprintf("/anbieten/%d/angebote/neu", y.ID), offerValues("Bei den Nachbarn", vx.ID)).
		want(t, http.StatusUnprocessableEntity, "Diesen Veranstaltungsort gibt es nicht (mehr).")

	// The first publication waits for review.
	pub := offerValues("Englisch im Beruf B1", vx.ID)
	pub.Set("action", "publish")
	pub.Set("dates[0].id", fmt.Sprint(o.Dates[0].ID))
	a.post(editPath, pub).redirect(t, editPath+"?hinweis=pruefung")
	if o = e.offer(t, id); o.Status != catalogue.StatusReview {
		t.Fatalf("first publication: status %q, want review", o.Status)
	}
	anon.get(fmt.Sprintf("/angebote/%d", id)).want(t, http.StatusNotFound)
	items := e.openItems(t)
	if len(items) != 1 || items[0].Kind != moderation.KindPublication || items[0].OfferID != id || items[0].RequestedBy != editorA.ID {
		t.Fatalf("queue after the first publication: %+v", items)
	}

	// The coordinator approves it; it is public.
	c := e.browser(t)
	c.loginStaff("koordination@lernnetz.example", secret)
	c.get("/konto").want(t, http.StatusOK, `href="/moderation"`, `href="/anbieten"`)
	if strings.Contains(a.get("/konto").body, `href="/moderation"`) {
		t.Error("an editor's account page links the moderation queue")
	}
	c.get("/moderation").want(t, http.StatusOK, "Englisch im Beruf B1", "Erste Veröffentlichung")
	c.get(fmt.Sprintf("/moderation/%d", items[0].ID)).want(t, http.StatusOK, "Freigeben", "Begründung der Ablehnung")
	c.post(fmt.Sprintf("/moderation/%d/freigeben", items[0].ID), nil).redirect(t, "/moderation?hinweis=freigegeben")
	anon.get(fmt.Sprintf("/angebote/%d", id)).want(t, http.StatusOK, "Englisch im Beruf B1")
	c.post(fmt.Sprintf("/moderation/%d/freigeben", items[0].ID), nil).want(t, http.StatusConflict)
	e.smtp.Wait(t, "redaktion@vhs-merzig.example", 0, 10*time.Second)

	// A price change goes live at once and is flagged.
	o = e.offer(t, id)
	change := offerValues("Englisch im Beruf B1", vx.ID)
	change.Set("action", "publish")
	change.Set("dates[0].id", fmt.Sprint(o.Dates[0].ID))
	change.Set("price", "99")
	a.post(editPath, change).redirect(t, editPath+"?hinweis=gespeichert")
	if o = e.offer(t, id); o.Status != catalogue.StatusPublished || o.Price.AmountCents != 9900 {
		t.Fatalf("after the price change: %q %+v", o.Status, o.Price)
	}
	anon.get(fmt.Sprintf("/angebote/%d", id)).want(t, http.StatusOK, "99")
	items = e.openItems(t)
	if len(items) != 1 || items[0].Kind != moderation.KindChange || !slices.Equal(items[0].Fields, []string{"price"}) {
		t.Fatalf("queue after the price change: %+v", items)
	}

	// Rejected with a reason: offline again, and the editor is told why.
	c.post(fmt.Sprintf("/moderation/%d/ablehnen", items[0].ID), url.Values{"reason": {"  "}}).
		want(t, http.StatusUnprocessableEntity, "Bitte ausfüllen.", `aria-invalid="true"`)
	c.post(fmt.Sprintf("/moderation/%d/ablehnen", items[0].ID), url.Values{"reason": {"Der Preis widerspricht der Website."}}).
		redirect(t, "/moderation?hinweis=abgelehnt")
	if o = e.offer(t, id); o.Status != catalogue.StatusDraft {
		t.Fatalf("after rejection: status %q, want draft", o.Status)
	}
	m := e.smtp.Wait(t, "redaktion@vhs-merzig.example", 1, 10*time.Second)
	if !strings.Contains(m.Text, "Der Preis widerspricht der Website.") || !strings.Contains(m.Subject, "Nicht freigegeben") {
		t.Errorf("rejection mail: %q\n%s", m.Subject, m.Text)
	}
	if len(e.openItems(t)) != 0 {
		t.Error("the queue is not empty")
	}

	// Copy and withdraw.
	res = a.post(editPath+"/kopieren", nil)
	copyID := idFromLocation(t, res)
	cp := e.offer(t, copyID)
	if cp.Title != "Englisch im Beruf B1 (Kopie)" || cp.Status != catalogue.StatusDraft || len(cp.Dates) != 1 || cp.Dates[0].ID == o.Dates[0].ID {
		t.Errorf("copy: %+v", cp)
	}
	a.post(fmt.Sprintf("/anbieten/%d/angebote/%d/zurueckziehen", x.ID, copyID), nil).redirect(t, fmt.Sprintf("/anbieten/%d?hinweis=zurueckgezogen", x.ID))
	if cp = e.offer(t, copyID); cp.Status != catalogue.StatusWithdrawn {
		t.Errorf("withdrawn copy: status %q", cp.Status)
	}

	// Confirm all as current, in one click.
	e.clock.Advance(100 * 24 * time.Hour)
	a.login("redaktion@vhs-merzig.example")
	a.get(fmt.Sprintf("/anbieten/%d", x.ID)).want(t, http.StatusOK, "bitte prüfen")
	a.post(fmt.Sprintf("/anbieten/%d/bestaetigen", x.ID), nil).redirect(t, fmt.Sprintf("/anbieten/%d?hinweis=bestaetigt", x.ID))
	if c := e.offer(t, id).Provenance.LastConfirmedAt; c == nil || !c.Equal(e.clock.Now().Truncate(time.Second)) {
		t.Errorf("last confirmed %v, want %v", c, e.clock.Now())
	}
	page := a.get(fmt.Sprintf("/anbieten/%d?hinweis=bestaetigt", x.ID)).want(t, http.StatusOK, "Alle Angebote sind als aktuell bestätigt.")
	if strings.Contains(page.body, "bitte prüfen") {
		t.Error("confirmed offers still show as stale")
	}
	a.get(fmt.Sprintf("/anbieten/%d?lang=en", x.ID)).want(t, http.StatusOK, "Confirm all offers as current", "Last confirmed")

	// Every change is in the audit log, by whom.
	entries, err := e.store.Audit(ctx, moderation.AuditFilter{Entity: "offer", EntityID: id})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, en := range entries {
		actions = append(actions, en.Action)
	}
	want := []string{"offer.unpublish", "offer.update", "offer.publish", "offer.update", "offer.create"}
	if !slices.Equal(actions, want) {
		t.Errorf("audit of the offer: %v, want %v", actions, want)
	}
	if entries[len(entries)-1].ActorID != editorA.ID || string(entries[len(entries)-1].Before) != "null" {
		t.Errorf("creation entry: %+v", entries[len(entries)-1])
	}
}

// TestProviderRequest: a signed-in person asks for a new provider; a
// coordinator approves and the person manages it.
func TestProviderRequest(t *testing.T) {
	e := newAccountEnv(t)
	u := e.user(t, "gruenderin@sprachschule.example")
	_, secret := e.staff(t, "koordination@lernnetz.example", account.RoleCoordinator)
	b := e.browser(t)
	b.login("gruenderin@sprachschule.example")
	b.get("/anbieten").want(t, http.StatusOK, "Sie gehören noch zu keinem Anbieter")
	b.post("/anbieten/neu", url.Values{"name": {"Sprachschule Saarlouis"}, "address.postal_code": {"6674"}}).
		want(t, http.StatusUnprocessableEntity, `<a href="#f-kind">Art der Einrichtung: Bitte ausfüllen.</a>`, "Eine deutsche Postleitzahl hat fünf Ziffern.")
	b.post("/anbieten/neu", url.Values{"name": {"Sprachschule Saarlouis"}, "kind": {"private_provider"},
		"address.postal_code": {"66740"}, "address.city": {"Saarlouis"}}).redirect(t, "/anbieten?hinweis=angefragt")
	items := e.openItems(t)
	if len(items) != 1 || items[0].Kind != moderation.KindProvider {
		t.Fatalf("queue: %+v", items)
	}
	c := e.browser(t)
	c.loginStaff("koordination@lernnetz.example", secret)
	c.get(fmt.Sprintf("/moderation/%d", items[0].ID)).want(t, http.StatusOK, "Sprachschule Saarlouis", "Privater Bildungsanbieter")
	c.post(fmt.Sprintf("/moderation/%d/freigeben", items[0].ID), nil).redirect(t, "/moderation?hinweis=freigegeben")
	ms, err := e.store.Memberships(context.Background(), u.ID)
	if err != nil || len(ms) != 1 || ms[0].Role != account.MemberAdmin {
		t.Fatalf("memberships after approval: %v %+v", err, ms)
	}
	b.get("/anbieten").want(t, http.StatusOK, "Sprachschule Saarlouis")
	b.get(fmt.Sprintf("/anbieten/%d", ms[0].ProviderID)).want(t, http.StatusOK, "Neues Angebot")
	if m := e.smtp.Wait(t, "gruenderin@sprachschule.example", 0, 10*time.Second); !strings.Contains(m.Subject, "Freigegeben") {
		t.Errorf("approval mail: %q", m.Subject)
	}
}

// TestImportUpload: an editor uploads a DEfTIS file with two suppliers; the
// first stands for the provider, the other's courses are rejected, and the
// imported offer of a provider that has published nothing waits for review.
func TestProviderImportUpload(t *testing.T) {
	e := newAccountEnv(t)
	x, _ := e.provider(t, "VHS Merzig")
	ed := e.user(t, "redaktion@vhs-merzig.example")
	e.member(t, ed, x.ID, account.MemberEditor)
	b := e.browser(t)
	b.login("redaktion@vhs-merzig.example")

	data, err := os.ReadFile("../exchange/testdata/full.xml")
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("datei", "kurse.xml")
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/anbieten/%d/import", e.srv.URL, x.ID), &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", e.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res := b.do(req).want(t, http.StatusOK, "Ergebnis des Imports", "für den diese Datei hochgeladen wird", "warten auf die Freigabe")
	_ = res
	offers, _, err := e.store.Offers(context.Background(), catalogue.OfferFilter{Page: catalogue.Page{Limit: 10}})
	if err != nil || len(offers) != 1 || offers[0].ProviderID != x.ID || offers[0].Status != catalogue.StatusReview {
		t.Fatalf("offers after the upload: %v %+v", err, offers)
	}
	if items := e.openItems(t); len(items) != 1 || items[0].OfferID != offers[0].ID {
		t.Errorf("queue after the upload: %+v", items)
	}
	// Without a file: a clear message.
	b.post(fmt.Sprintf("/anbieten/%d/import", x.ID), nil).want(t, http.StatusUnprocessableEntity, "Bitte wählen Sie eine Datei aus.")
}
