package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/moderation"
)

// Provider API tokens in the JSON API: a token with scope write may create
// and replace its own provider's offers (create-offer, update-offer) — never
// another provider's, nor providers, venues or imports, which stay with the
// admin token; any provider token may read its own provider's unpublished
// offers. Writes through a token take the moderation path of the
// self-service (saveReviewed) and are audited as actions of the person who
// made the token.

// providerWriteOps are the operations a provider token with scope write
// may call.
var providerWriteOps = map[string]bool{"create-offer": true, "update-offer": true}

// writeAccessProblem returns nil when the request of ctx may call the
// protected operation opID, else the problem to answer.
func (s *Server) writeAccessProblem(ctx context.Context, opID string) *Problem {
	t := providerTokenOf(ctx)
	if t == nil {
		return s.adminProblem(ctx)
	}
	switch {
	case !providerWriteOps[opID]:
		return s.tokenProblem(ctx, "A provider's API token may only create and change that provider's offers.")
	case t.Scope != account.ScopeWrite:
		return s.tokenProblem(ctx, "This API token may only read; ask the provider's administration for one with scope write.")
	}
	return nil
}

func (s *Server) tokenProblem(ctx context.Context, detail string) *Problem {
	p := newProblem(http.StatusForbidden, detail)
	p.RequestID = requestID(ctx)
	return p
}

// mayRead reports whether the request of ctx may see offer o although it
// is not published: with the admin token or its provider's token.
func mayRead(ctx context.Context, o *catalogue.Offer) bool {
	if isAdmin(ctx) {
		return true
	}
	t := providerTokenOf(ctx)
	return t != nil && t.ProviderID == o.ProviderID
}

// saveThroughToken saves o (before: the stored version, nil when new) for
// the provider token of ctx: only the token's provider's offers, through
// moderation and the audit log.
func (s *Server) saveThroughToken(ctx context.Context, t *account.APIToken, before, o *catalogue.Offer) error {
	if before != nil && before.ProviderID != t.ProviderID {
		return catalogue.ErrNotFound // another provider's offer: as if there were none
	}
	if o.ProviderID != t.ProviderID {
		return s.tokenProblem(ctx, fmt.Sprintf("This API token may only save offers of provider %d (provider_id).", t.ProviderID))
	}
	if s.mod == nil {
		return s.store.SaveOffer(ctx, o)
	}
	action := "api.offer.create"
	if before != nil {
		action = "api.offer.update"
	}
	_, err := s.saveReviewed(ctx, t.CreatedBy, before, o, action)
	return err
}

// saveAsAdmin saves o for the admin token: no moderation (the admin token
// is the network's own), but into the audit log with actor 0.
func (s *Server) saveAsAdmin(ctx context.Context, o *catalogue.Offer) error {
	if s.mod == nil {
		return s.store.SaveOffer(ctx, o)
	}
	return s.store.Atomic(ctx, func(tx catalogue.Store) error {
		m, err := modStore(tx)
		if err != nil {
			return err
		}
		var before *catalogue.Offer
		action := "api.admin.offer.create"
		if o.ID != 0 {
			action = "api.admin.offer.update"
			if before, err = tx.Offer(ctx, o.ID); err != nil {
				return err
			}
		}
		if err := tx.SaveOffer(ctx, o); err != nil {
			return err
		}
		return m.AppendAudit(ctx, &moderation.AuditEntry{Action: action, Entity: "offer", EntityID: o.ID,
			Before: snapshotOffer(before), After: snapshotOffer(o)})
	})
}

// createAsAdmin runs save (which inserts a record of entity and returns its
// id) for the admin token, in one transaction with an audit entry of actor
// 0 whose after is the record; like saveAsAdmin for offers.
func (s *Server) createAsAdmin(ctx context.Context, entity string, record any, save func(tx catalogue.Store) (int64, error)) error {
	if s.mod == nil {
		_, err := save(s.store)
		return err
	}
	return s.store.Atomic(ctx, func(tx catalogue.Store) error {
		m, err := modStore(tx)
		if err != nil {
			return err
		}
		id, err := save(tx)
		if err != nil {
			return err
		}
		return m.AppendAudit(ctx, &moderation.AuditEntry{Action: "api.admin." + entity + ".create", Entity: entity, EntityID: id,
			Before: moderation.Snapshot(nil), After: moderation.Snapshot(record)})
	})
}
