package web

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
)

// Harvesting: how another system keeps a copy of the catalogue.
//
//   - GET /offers?changed_since=T and /providers?changed_since=T list what was
//     saved at or after T, in the order it was saved; offers that were
//     withdrawn or expired are listed too (their status tells), so a copy
//     learns that they are gone.
//   - GET /changes?after=SEQ is the change log itself: every save and delete
//     in commit order with a sequence number to continue from. Deleted
//     records are only here.

// ChangedSince is the changed_since query parameter of lists. It is
// exported only because huma reads parameters from embedded structs of
// exported types.
type ChangedSince struct {
	Time time.Time `query:"changed_since" doc:"Only records saved at or after this instant (RFC 3339, e.g. 2026-03-01T00:00:00Z), in the order they were saved. Keep the largest updated_at you received and ask again with it: records saved in the same second come again."`
}

type changesInput struct {
	After int64 `query:"after" minimum:"0" doc:"The seq of the last change received; 0 (the default) starts at the beginning."`
	Limit int   `query:"limit" default:"100" minimum:"1" maximum:"1000" doc:"How many changes, 1 to 1000."`
}

// changeDoc is one entry of the change log.
type changeDoc struct {
	Seq      int64     `json:"seq" doc:"The change's number; increases with every change."`
	Entity   string    `json:"entity" enum:"provider,venue,offer" doc:"What kind of record changed."`
	EntityID int64     `json:"entity_id" doc:"The record's id."`
	Op       string    `json:"op" enum:"save,delete" doc:"save: created or changed (read the record for its status); delete: removed for good."`
	At       time.Time `json:"at" doc:"When the change was committed."`
	URL      string    `json:"url" format:"uri" doc:"The record in this API (gone after a delete)."`
}

type changesBody struct {
	Changes []changeDoc `json:"changes" doc:"The changes after after, oldest first."`
	// Next is the after to ask with next: the last seq of this page, or
	// after itself when there is nothing new.
	Next int64 `json:"next" doc:"The after parameter for the next request: the seq of the last change here (or after again when there was none)."`
}

type changesOutput struct {
	Link []string `header:"Link" doc:"RFC 8288 link to the next page (rel=next)."`
	Body changesBody
}

// entityPaths are the API paths of the record kinds of the change log.
var entityPaths = map[string]string{"provider": "providers", "venue": "venues", "offer": "offers"}

func (s *Server) registerChanges(api huma.API) {
	register(s, api, huma.Operation{
		OperationID: "list-changes",
		Method:      http.MethodGet,
		Path:        "/changes",
		Summary:     "Follow the change log",
		Description: "Every save and delete of providers, venues and offers in the order committed, for harvesters " +
			"that keep a copy: ask with `after` set to the `next` of the previous answer. Deleted records appear only here.",
		Tags:   []string{"harvesting"},
		Errors: listErrors,
	}, s.listChanges)
}

func (s *Server) listChanges(ctx context.Context, in *changesInput) (*changesOutput, error) {
	changes, err := s.store.Changes(ctx, in.After, in.Limit)
	if err != nil {
		return nil, s.apiError(ctx, err, "change log")
	}
	out := &changesOutput{Body: changesBody{Changes: make([]changeDoc, 0, len(changes)), Next: in.After}}
	for _, c := range changes {
		out.Body.Changes = append(out.Body.Changes, changeDoc{
			Seq: c.Seq, Entity: c.Entity, EntityID: c.EntityID, Op: c.Op, At: c.At,
			URL: absURL(ctx, fmt.Sprintf("%s/%s/%d", apiPrefix, entityPaths[c.Entity], c.EntityID)),
		})
		out.Body.Next = c.Seq
	}
	if len(changes) == in.Limit {
		out.Link = []string{fmt.Sprintf(`<%s?after=%d&limit=%d>; rel="next"`, absURL(ctx, apiPrefix+"/changes"), out.Body.Next, in.Limit)}
	}
	return out, nil
}
