package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// TestOpenAPIMatchesRoutes checks the OpenAPI document against the server's
// routes in both directions: every route under /api/v1 is an operation of
// the document (only the document itself is not), every path and method of
// the document is a route, and every error response is described as an RFC
// 9457 problem.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	e := newEnv(t, adminToken)
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Responses   map[string]struct {
				Content map[string]struct {
					Schema struct {
						Ref string `json:"$ref"`
					} `json:"schema"`
				} `json:"content"`
			} `json:"responses"`
		} `json:"paths"`
	}
	decode(t, e.get(t, "/api/v1/openapi.json"), http.StatusOK, &doc)

	routes := map[string]string{} // "GET /offers/{id}" → operation id
	for _, r := range e.web.Routes() {
		path, ok := strings.CutPrefix(r.Pattern, "/api/v1")
		if !ok {
			continue
		}
		if r.OperationID == "" {
			if path != "/openapi.json" {
				t.Errorf("%s %s is in the API but not in its OpenAPI document", r.Method, r.Pattern)
			}
			continue
		}
		routes[r.Method+" "+path] = r.OperationID
		if op, ok := doc.Paths[path][strings.ToLower(r.Method)]; !ok {
			t.Errorf("route %s %s is not described", r.Method, r.Pattern)
		} else if op.OperationID != r.OperationID {
			t.Errorf("%s %s: described as %q, registered as %q", r.Method, path, op.OperationID, r.OperationID)
		}
	}
	methods := map[string]bool{"get": true, "put": true, "post": true, "delete": true, "patch": true, "head": true, "options": true}
	for path, item := range doc.Paths {
		for method, op := range item {
			if !methods[method] {
				continue
			}
			key := strings.ToUpper(method) + " " + path
			if _, ok := routes[key]; !ok {
				t.Errorf("%s is described but the server has no such route", key)
			}
			for code, resp := range op.Responses {
				n, _ := strconv.Atoi(code)
				if n < 400 && code != "default" {
					continue
				}
				c, ok := resp.Content["application/problem+json"]
				if !ok || !strings.HasSuffix(c.Schema.Ref, "Problem") {
					t.Errorf("%s: response %s is not a problem+json Problem: %+v", key, code, resp.Content)
				}
			}
		}
	}
	if len(routes) < 15 {
		t.Errorf("only %d operations registered", len(routes))
	}
}
