package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/lernnetz/lernnetz/catalogue"
)

// providerDoc is a provider as the API shows and accepts it.
type providerDoc struct {
	catalogue.Provider
	URL string `json:"url,omitempty" format:"uri" doc:"The provider's page on the portal."`
}

func newProviderDoc(ctx context.Context, p *catalogue.Provider) providerDoc {
	return providerDoc{Provider: *p, URL: absURL(ctx, providerPath(p.ID))}
}

type listProvidersInput struct {
	Pagination
	Kind string `query:"kind" doc:"Only providers of this kind (a code of the vocabulary provider_kind)."`
	ChangedSince
}

type providerInput struct {
	Body providerDoc
}

type providerOutput struct {
	Body providerDoc
}

func (s *Server) registerProviders(api huma.API) {
	register(s, api, huma.Operation{
		OperationID: "list-providers",
		Method:      http.MethodGet,
		Path:        "/providers",
		Summary:     "List providers",
		Description: "Lists the providers of the network by name; with `changed_since`, the providers saved since then in the order they were saved.",
		Tags:        []string{"providers"},
		Errors:      listErrors,
	}, s.listProviders)
	register(s, api, huma.Operation{
		OperationID: "get-provider",
		Method:      http.MethodGet,
		Path:        "/providers/{id}",
		Summary:     "Get a provider",
		Tags:        []string{"providers"},
		Errors:      readErrors,
	}, s.getProvider)
	register(s, api, huma.Operation{
		OperationID:   "create-provider",
		Method:        http.MethodPost,
		Path:          "/providers",
		Summary:       "Create a provider",
		Tags:          []string{"providers"},
		Security:      adminOnly,
		DefaultStatus: http.StatusCreated,
		Errors:        append([]int{http.StatusConflict}, writeErrors...),
	}, s.createProvider)
}

func (s *Server) listProviders(ctx context.Context, in *listProvidersInput) (*listOutput[providerDoc], error) {
	if in.Kind != "" && !catalogue.Vocab("provider_kind").Has(in.Kind) {
		return nil, unknownCodeProblem("query.kind", in.Kind)
	}
	providers, total, err := s.store.Providers(ctx, catalogue.ProviderFilter{Kind: in.Kind, ChangedSince: in.ChangedSince.Time, Page: in.catalogue()})
	if err != nil {
		return nil, s.apiError(ctx, err, "provider")
	}
	items := make([]providerDoc, len(providers))
	for i, p := range providers {
		items[i] = newProviderDoc(ctx, p)
	}
	return newList(ctx, in.Pagination, total, items), nil
}

func (s *Server) getProvider(ctx context.Context, in *idInput) (*providerOutput, error) {
	p, err := s.store.Provider(ctx, in.ID)
	if err != nil {
		return nil, s.apiError(ctx, err, fmt.Sprintf("provider %d", in.ID))
	}
	return &providerOutput{Body: newProviderDoc(ctx, p)}, nil
}

func (s *Server) createProvider(ctx context.Context, in *providerInput) (*created[providerDoc], error) {
	p := in.Body.Provider
	p.ID = 0
	err := s.createAsAdmin(ctx, "provider", &p, func(tx catalogue.Store) (int64, error) {
		err := tx.SaveProvider(ctx, &p)
		return p.ID, err
	})
	if err != nil {
		return nil, s.apiError(ctx, err, "provider")
	}
	saved, err := s.store.Provider(ctx, p.ID)
	if err != nil {
		return nil, s.apiError(ctx, err, fmt.Sprintf("provider %d", p.ID))
	}
	return &created[providerDoc]{Location: absURL(ctx, fmt.Sprintf("%s/providers/%d", apiPrefix, p.ID)), Body: newProviderDoc(ctx, saved)}, nil
}

// unknownCodeProblem reports a parameter whose value is not a code of its vocabulary.
func unknownCodeProblem(location, value string) *Problem {
	fe := catalogue.FieldError{Field: location, Code: "unknown_code", Params: []any{value}}
	return paramProblem(location, fe.Code, fe.Message("de"), fe.Message("en"), value)
}
