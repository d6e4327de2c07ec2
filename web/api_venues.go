package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/lernnetz/lernnetz/catalogue"
)

// venueDoc is a venue as the API shows and accepts it.
type venueDoc struct {
	catalogue.Venue
	LearningPlace bool   `json:"learning_place" doc:"Whether the venue is a public learning place (a self-learning centre or library); read-only."`
	URL           string `json:"url,omitempty" format:"uri" doc:"The venue's page on the portal."`
}

func newVenueDoc(ctx context.Context, v *catalogue.Venue) venueDoc {
	return venueDoc{Venue: *v, LearningPlace: v.IsLearningPlace(), URL: absURL(ctx, venuePath(v.ID))}
}

type listVenuesInput struct {
	Pagination
	LearningPlaces bool  `query:"learning_places" doc:"Only public learning places: self-learning centres and libraries."`
	ProviderID     int64 `query:"provider_id" doc:"Only the venues of this provider."`
}

type venueInput struct {
	Body venueDoc
}

type venueOutput struct {
	Body venueDoc
}

func (s *Server) registerVenues(api huma.API) {
	register(s, api, huma.Operation{
		OperationID: "list-venues",
		Method:      http.MethodGet,
		Path:        "/venues",
		Summary:     "List venues",
		Description: "Lists venues by name; with learning_places=true only the network's public learning places.",
		Tags:        []string{"venues"},
		Errors:      listErrors,
	}, s.listVenues)
	register(s, api, huma.Operation{
		OperationID: "get-venue",
		Method:      http.MethodGet,
		Path:        "/venues/{id}",
		Summary:     "Get a venue",
		Tags:        []string{"venues"},
		Errors:      readErrors,
	}, s.getVenue)
	register(s, api, huma.Operation{
		OperationID:   "create-venue",
		Method:        http.MethodPost,
		Path:          "/venues",
		Summary:       "Create a venue",
		Description:   "Creates a venue; without provider_id it belongs to the network itself.",
		Tags:          []string{"venues"},
		Security:      adminOnly,
		DefaultStatus: http.StatusCreated,
		Errors:        writeErrors,
	}, s.createVenue)
}

func (s *Server) listVenues(ctx context.Context, in *listVenuesInput) (*listOutput[venueDoc], error) {
	venues, total, err := s.store.Venues(ctx, catalogue.VenueFilter{
		ProviderID: in.ProviderID, LearningPlaces: in.LearningPlaces, Page: in.catalogue(),
	})
	if err != nil {
		return nil, s.apiError(ctx, err, "venue")
	}
	items := make([]venueDoc, len(venues))
	for i, v := range venues {
		items[i] = newVenueDoc(ctx, v)
	}
	return newList(ctx, in.Pagination, total, items), nil
}

func (s *Server) getVenue(ctx context.Context, in *idInput) (*venueOutput, error) {
	v, err := s.store.Venue(ctx, in.ID)
	if err != nil {
		return nil, s.apiError(ctx, err, fmt.Sprintf("venue %d", in.ID))
	}
	return &venueOutput{Body: newVenueDoc(ctx, v)}, nil
}

func (s *Server) createVenue(ctx context.Context, in *venueInput) (*created[venueDoc], error) {
	v := in.Body.Venue
	v.ID = 0
	err := s.createAsAdmin(ctx, "venue", &v, func(tx catalogue.Store) (int64, error) {
		err := tx.SaveVenue(ctx, &v)
		return v.ID, err
	})
	if err != nil {
		return nil, s.apiError(ctx, err, "venue")
	}
	saved, err := s.store.Venue(ctx, v.ID)
	if err != nil {
		return nil, s.apiError(ctx, err, fmt.Sprintf("venue %d", v.ID))
	}
	return &created[venueDoc]{Location: absURL(ctx, fmt.Sprintf("%s/venues/%d", apiPrefix, v.ID)), Body: newVenueDoc(ctx, saved)}, nil
}
