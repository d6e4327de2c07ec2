package web

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/lernnetz/lernnetz/catalogue"
)

// vocabularyList lists every controlled vocabulary.
type vocabularyList struct {
	Total int                     `json:"total" doc:"How many vocabularies there are."`
	Items []*catalogue.Vocabulary `json:"items" doc:"The vocabularies by name, each with its terms in order."`
}

type vocabularyListOutput struct {
	Body vocabularyList
}

type vocabularyInput struct {
	Name string `path:"name" example:"topic" doc:"The vocabulary's name, e.g. topic, funding or delivery_mode."`
}

type vocabularyOutput struct {
	Body *catalogue.Vocabulary
}

func (s *Server) registerVocabularies(api huma.API) {
	register(s, api, huma.Operation{
		OperationID: "list-vocabularies",
		Method:      http.MethodGet,
		Path:        "/vocabularies",
		Summary:     "List the vocabularies",
		Description: "Lists the controlled vocabularies whose codes the records use, with German and English labels.",
		Tags:        []string{"vocabularies"},
	}, s.listVocabularies)
	register(s, api, huma.Operation{
		OperationID: "get-vocabulary",
		Method:      http.MethodGet,
		Path:        "/vocabularies/{name}",
		Summary:     "Get a vocabulary",
		Tags:        []string{"vocabularies"},
		Errors:      readErrors,
	}, s.getVocabulary)
}

func (s *Server) listVocabularies(ctx context.Context, _ *struct{}) (*vocabularyListOutput, error) {
	names := catalogue.VocabularyNames()
	out := &vocabularyListOutput{Body: vocabularyList{Total: len(names), Items: make([]*catalogue.Vocabulary, len(names))}}
	for i, n := range names {
		out.Body.Items[i] = catalogue.Vocab(n)
	}
	return out, nil
}

func (s *Server) getVocabulary(ctx context.Context, in *vocabularyInput) (*vocabularyOutput, error) {
	v := catalogue.Vocab(in.Name)
	if v == nil {
		return nil, newProblem(http.StatusNotFound, "There is no vocabulary "+in.Name+".")
	}
	return &vocabularyOutput{Body: v}, nil
}
