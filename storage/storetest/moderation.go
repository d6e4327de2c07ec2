package storetest

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/moderation"
)

// ModerationStore is what the moderation suite needs of a store.
type ModerationStore interface {
	AccountStore
	moderation.Store
	// RawExec runs a statement directly on the database, to show that the
	// database itself refuses what the store has no method for.
	RawExec(query string, args ...any) error
}

// ModerationOpener returns a new, empty store whose clock is now.
type ModerationOpener func(t *testing.T, now func() time.Time) ModerationStore

// RunModeration runs the moderation suite: the queue, the audit log and
// its append-only rule, and freshness confirmation.
func RunModeration(t *testing.T, open ModerationOpener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s ModerationStore, clock *Clock)
	}{
		{"QueueRoundTrip", testQueueRoundTrip},
		{"DecidedOnce", testDecidedOnce},
		{"AuditLogIsAppendOnly", testAuditAppendOnly},
		{"ConfirmOffers", testConfirmOffers},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := NewClock(Now)
			tc.fn(t, open(t, clock.Now), clock)
		})
	}
}

func testQueueRoundTrip(t *testing.T, s ModerationStore, clock *Clock) {
	p := mustSaveProvider(t, s, "VHS Saarlouis")
	v := mustSaveVenue(t, s, p.ID, "Haus der Bildung")
	o := NewOffer(p.ID, v.ID, "Französisch B1")
	o.Status = catalogue.StatusReview
	mustSaveOffer(t, s, o)
	u := mustCreateUser(t, s, NewUser("redaktion@vhs.example"))

	pub := &moderation.Item{Kind: moderation.KindPublication, ProviderID: p.ID, OfferID: o.ID, RequestedBy: u.ID, Title: o.Title}
	if err := s.AddItem(ctx, pub); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	req := &moderation.Item{Kind: moderation.KindProvider, RequestedBy: u.ID, Title: "Sprachschule Merzig",
		Provider: NewProvider("Sprachschule Merzig")}
	if err := s.AddItem(ctx, req); err != nil {
		t.Fatal(err)
	}
	chg := &moderation.Item{Kind: moderation.KindChange, ProviderID: p.ID, OfferID: o.ID, Title: o.Title, Fields: []string{"dates", "price"}}
	if err := s.AddItem(ctx, chg); err != nil {
		t.Fatal(err)
	}
	if pub.ID == 0 || pub.State != moderation.StateOpen || !pub.CreatedAt.Equal(Now) {
		t.Fatalf("add did not set id, state and time: %+v", pub)
	}
	got, err := s.Item(ctx, req.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "provider request", got, req)
	if got.Provider == nil || got.Provider.Name != "Sprachschule Merzig" {
		t.Errorf("proposed provider lost: %+v", got.Provider)
	}
	open, err := s.Items(ctx, moderation.StateOpen, 0)
	if err != nil || len(open) != 3 || open[0].ID != pub.ID || open[2].ID != chg.ID {
		t.Fatalf("open items = %d, %v; want 3 oldest first", len(open), err)
	}
	sameJSON(t, "change item", open[2], chg)

	np := mustSaveProvider(t, s, "Sprachschule Merzig")
	if err := s.DecideItem(ctx, req.ID, moderation.StateApproved, u.ID, "", np.ID, clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := s.DecideItem(ctx, pub.ID, moderation.StateRejected, u.ID, "Bitte Preis angeben.", 0, clock.Now()); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Item(ctx, req.ID)
	if got.State != moderation.StateApproved || got.ProviderID != np.ID || got.DecidedBy != u.ID || got.DecidedAt == nil || !got.DecidedAt.Equal(clock.Now()) {
		t.Errorf("approved request: %+v", got)
	}
	got, _ = s.Item(ctx, pub.ID)
	if got.State != moderation.StateRejected || got.Reason != "Bitte Preis angeben." || got.ProviderID != p.ID {
		t.Errorf("rejected publication: %+v", got)
	}
	open, _ = s.Items(ctx, moderation.StateOpen, 0)
	if len(open) != 1 || open[0].ID != chg.ID {
		t.Errorf("open after decisions: %d items", len(open))
	}
	all, _ := s.Items(ctx, "", 0)
	if len(all) != 3 {
		t.Errorf("all items: %d, want 3", len(all))
	}
	if _, err := s.Item(ctx, 9999); !errors.Is(err, moderation.ErrNotFound) {
		t.Errorf("unknown item: %v", err)
	}
	if err := s.DecideItem(ctx, 9999, moderation.StateApproved, u.ID, "", 0, clock.Now()); !errors.Is(err, moderation.ErrNotFound) {
		t.Errorf("deciding an unknown item: %v", err)
	}
	// Deleting the offer takes its items with it.
	if err := s.DeleteOffer(ctx, o.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Item(ctx, chg.ID); !errors.Is(err, moderation.ErrNotFound) {
		t.Errorf("item of a deleted offer: %v", err)
	}
}

func testDecidedOnce(t *testing.T, s ModerationStore, clock *Clock) {
	u := mustCreateUser(t, s, NewUser("koordination@lernnetz.example"))
	it := &moderation.Item{Kind: moderation.KindProvider, Title: "Neu", Provider: NewProvider("Neu")}
	if err := s.AddItem(ctx, it); err != nil {
		t.Fatal(err)
	}
	if err := s.DecideItem(ctx, it.ID, moderation.StateRejected, u.ID, "Kein Bildungsanbieter.", 0, clock.Now()); err != nil {
		t.Fatal(err)
	}
	err := s.DecideItem(ctx, it.ID, moderation.StateApproved, u.ID, "", 0, clock.Now())
	if !errors.Is(err, moderation.ErrDecided) {
		t.Fatalf("second decision: %v, want ErrDecided", err)
	}
	got, _ := s.Item(ctx, it.ID)
	if got.State != moderation.StateRejected || got.Reason != "Kein Bildungsanbieter." {
		t.Errorf("the second decision changed the first: %+v", got)
	}
	if err := s.DecideItem(ctx, it.ID, moderation.StateOpen, u.ID, "", 0, clock.Now()); err == nil {
		t.Error("reopening through DecideItem was accepted")
	}
}

func testAuditAppendOnly(t *testing.T, s ModerationStore, clock *Clock) {
	before := moderation.Snapshot(map[string]string{"title": "Alt"})
	entries := []*moderation.AuditEntry{
		{ActorID: 7, Action: "offer.save", Entity: "offer", EntityID: 1, Before: moderation.Snapshot(nil), After: before},
		{ActorID: 7, Action: "offer.save", Entity: "offer", EntityID: 1, Before: before, After: moderation.Snapshot(map[string]string{"title": "Neu"})},
		{ActorID: 8, Action: "membership.save", Entity: "membership", EntityID: 3, After: moderation.Snapshot(map[string]any{"user_id": 8})},
	}
	for _, e := range entries {
		clock.Advance(time.Second)
		if err := s.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if entries[0].ID == 0 || !entries[2].At.Equal(Now.Add(3*time.Second)) {
		t.Errorf("append did not set id and time: %+v", entries[2])
	}
	got, err := s.Audit(ctx, moderation.AuditFilter{Entity: "offer", EntityID: 1})
	if err != nil || len(got) != 2 || got[0].ID != entries[1].ID {
		t.Fatalf("audit of offer 1: %d entries, %v; want 2 newest first", len(got), err)
	}
	var after map[string]string
	if err := json.Unmarshal(got[0].After, &after); err != nil || after["title"] != "Neu" {
		t.Errorf("after = %s", got[0].After)
	}
	if string(got[1].Before) != "null" {
		t.Errorf("before of a creation = %s, want null", got[1].Before)
	}
	if byActor, _ := s.Audit(ctx, moderation.AuditFilter{ActorID: 8}); len(byActor) != 1 || byActor[0].Entity != "membership" {
		t.Errorf("by actor 8: %d entries", len(byActor))
	}
	// The database itself refuses to change or remove history.
	if err := s.RawExec(`UPDATE audit_log SET action = 'forged'`); err == nil {
		t.Error("UPDATE of audit_log succeeded")
	}
	if err := s.RawExec(`DELETE FROM audit_log`); err == nil {
		t.Error("DELETE from audit_log succeeded")
	}
	if all, _ := s.Audit(ctx, moderation.AuditFilter{}); len(all) != 3 || all[2].Action != "offer.save" {
		t.Errorf("history changed: %d entries", len(all))
	}
}

func testConfirmOffers(t *testing.T, s ModerationStore, clock *Clock) {
	p := mustSaveProvider(t, s, "VHS Merzig")
	other := mustSaveProvider(t, s, "VHS Homburg")
	v := mustSaveVenue(t, s, p.ID, "VHS-Zentrum")
	a := mustSaveOffer(t, s, NewOffer(p.ID, v.ID, "Englisch A1"))
	w := NewOffer(p.ID, v.ID, "Englisch A2")
	w.Status = catalogue.StatusWithdrawn
	mustSaveOffer(t, s, w)
	ov := mustSaveVenue(t, s, other.ID, "Saalbau")
	b := mustSaveOffer(t, s, NewOffer(other.ID, ov.ID, "Italienisch"))
	clock.Advance(48 * time.Hour)
	n, err := s.ConfirmOffers(ctx, p.ID, clock.Now())
	if err != nil || n != 1 {
		t.Fatalf("ConfirmOffers = %d, %v; want 1 (the withdrawn offer is not confirmed)", n, err)
	}
	got, _ := s.Offer(ctx, a.ID)
	if c := got.Provenance.LastConfirmedAt; c == nil || !c.Equal(clock.Now()) {
		t.Errorf("last confirmed = %v, want %v", c, clock.Now())
	}
	for _, id := range []int64{w.ID, b.ID} {
		got, _ := s.Offer(ctx, id)
		if c := got.Provenance.LastConfirmedAt; c != nil && c.Equal(clock.Now()) {
			t.Errorf("offer %d (%s) was confirmed too", id, got.Title)
		}
	}
}
