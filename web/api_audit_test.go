package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/lernnetz/lernnetz/moderation"
	"github.com/lernnetz/lernnetz/web"
)

// TestAdminProviderAndVenueWritesAreAudited: providers and venues the
// admin token creates land in the audit log (actor 0) with what was
// saved; a refused write leaves no entry.
func TestAdminProviderAndVenueWritesAreAudited(t *testing.T) {
	const admin = "admin-token-0123456789abcdef"
	e := newAccountEnv(t, func(c *web.Config, a *web.AccountConfig) { c.AdminToken = admin })
	ctx := context.Background()
	status, body := e.api(t, http.MethodPost, "/api/v1/providers", admin, map[string]any{"name": "Bildungszentrum Homburg", "kind": "private_provider",
		"address": map[string]any{"postal_code": "66424", "city": "Homburg"}})
	if status != http.StatusCreated {
		t.Fatalf("create provider: %d %v", status, body)
	}
	pid := int64(body["id"].(float64))
	status, body = e.api(t, http.MethodPost, "/api/v1/venues", admin, map[string]any{"provider_id": pid, "name": "Lernwerkstatt", "kind": "self_learning_centre",
		"opening_hours": []map[string]any{{"day": "tu", "opens": "10:00", "closes": "16:00"}}})
	if status != http.StatusCreated {
		t.Fatalf("create venue: %d %v", status, body)
	}
	vid := int64(body["id"].(float64))
	if status, _ := e.api(t, http.MethodPost, "/api/v1/venues", admin, map[string]any{"name": "Nirgendwo", "kind": "library",
		"opening_hours": []map[string]any{{"day": "xx", "opens": "18:00", "closes": "09:00"}}}); status != http.StatusUnprocessableEntity {
		t.Fatalf("invalid venue: %d", status)
	}

	for _, c := range []struct {
		entity string
		id     int64
		name   string
	}{{"provider", pid, "Bildungszentrum Homburg"}, {"venue", vid, "Lernwerkstatt"}} {
		entries, err := e.store.Audit(ctx, moderation.AuditFilter{Entity: c.entity, EntityID: c.id})
		if err != nil || len(entries) != 1 || entries[0].Action != "api.admin."+c.entity+".create" || entries[0].ActorID != 0 {
			t.Fatalf("%s audit: %v %+v", c.entity, err, entries)
		}
		var after struct {
			ID   int64
			Name string
		}
		json.Unmarshal(entries[0].After, &after)
		if after.ID != c.id || after.Name != c.name || string(entries[0].Before) != "null" {
			t.Errorf("%s audit: before %s, after %s", c.entity, entries[0].Before, entries[0].After)
		}
	}
	all, err := e.store.Audit(ctx, moderation.AuditFilter{})
	if err != nil || len(all) != 2 {
		t.Errorf("the refused venue left an entry: %v %d entries", err, len(all))
	}
}
