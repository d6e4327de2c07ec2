package web

import (
	"errors"
	"fmt"
	"net/http"
	"path/filepath"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange"
	"github.com/lernnetz/lernnetz/moderation"
)

// MaxUpload is the largest import file an editor may upload.
const MaxUpload = 32 << 20

// importSource is the source an upload of provider pid imports under: fixed
// per provider, so one provider's file can never touch another's offers.
func importSource(pid int64) string { return fmt.Sprintf("anbieter-%d", pid) }

type importPageData struct {
	layout
	Provider *catalogue.Provider
	Summary  *exchange.Summary
	Failed   string
	Review   int // offers held for review
}

// importUpload imports an uploaded DEfTIS file bound to the provider. A
// provider without a public offer has the published offers of the file
// held for review, like a first publication in the form.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) {
	u, p := s.memberOf(w, r)
	if p == nil {
		return
	}
	ctx := r.Context()
	loc := localeOf(r)
	d := &importPageData{layout: layout{Title: loc.T("selfservice.import.result")}, Provider: p}
	r.Body = http.MaxBytesReader(w, r.Body, MaxUpload)
	file, hdr, err := r.FormFile("datei")
	if err != nil {
		var tooBig *http.MaxBytesError
		d.Failed = loc.T("selfservice.import.nofile")
		if errors.As(err, &tooBig) {
			d.Failed = loc.T("selfservice.import.toobig", MaxUpload>>20)
		}
		s.renderAccount(w, r, http.StatusUnprocessableEntity, "provider_import", d)
		return
	}
	defer file.Close()
	trusted, err := s.trusted(ctx, s.store, p.ID)
	if err != nil {
		s.accountFailed(w, r, err)
		return
	}
	im := &exchange.Importer{Store: s.store, Now: s.acct.now}
	sum, err := im.Import(ctx, file, exchange.Options{FileName: filepath.Base(hdr.Filename), Source: importSource(p.ID), ProviderID: p.ID})
	d.Summary = sum
	status := http.StatusOK
	if err != nil {
		d.Failed = sum.Error
		status = http.StatusUnprocessableEntity
	}
	if !trusted {
		if d.Review, err = s.holdForReview(r, u.ID, p.ID); err != nil {
			s.accountFailed(w, r, err)
			return
		}
	}
	if aerr := s.audit(ctx, &moderation.AuditEntry{ActorID: u.ID, Action: "offers.import", Entity: "provider", EntityID: p.ID,
		Before: moderation.Snapshot(nil), After: moderation.Snapshot(sum)}); aerr != nil {
		s.accountFailed(w, r, aerr)
		return
	}
	s.renderAccount(w, r, status, "provider_import", d)
}

// holdForReview sets the provider's published (and expired) offers to
// review and queues each as a first publication.
func (s *Server) holdForReview(r *http.Request, userID, pid int64) (int, error) {
	ctx := r.Context()
	var offers []*catalogue.Offer
	for _, st := range []string{catalogue.StatusPublished, catalogue.StatusExpired} {
		os, _, err := s.store.Offers(ctx, catalogue.OfferFilter{ProviderID: pid, Status: st, Page: catalogue.Page{Limit: 1000}})
		if err != nil {
			return 0, err
		}
		offers = append(offers, os...)
	}
	for _, before := range offers {
		o := cloneOffer(before)
		o.Status = catalogue.StatusReview
		err := s.store.Atomic(ctx, func(tx catalogue.Store) error {
			m, err := modStore(tx)
			if err != nil {
				return err
			}
			if err := tx.SaveOffer(ctx, o); err != nil {
				return err
			}
			if err := m.AppendAudit(ctx, &moderation.AuditEntry{ActorID: userID, Action: "offer.hold", Entity: "offer", EntityID: o.ID,
				Before: snapshotOffer(before), After: snapshotOffer(o)}); err != nil {
				return err
			}
			return m.AddItem(ctx, &moderation.Item{Kind: moderation.KindPublication, ProviderID: pid, OfferID: o.ID,
				RequestedBy: userID, Title: o.Title})
		})
		if err != nil {
			return 0, err
		}
	}
	return len(offers), nil
}
