package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/validation"

	"github.com/lernnetz/lernnetz/catalogue"
)

// Problem is the body of every error response of the JSON API: an RFC 9457
// problem details object, sent as application/problem+json.
//
// Title and Detail are English and meant for developers. Errors lists every
// problem with a single field or parameter; each carries a stable Code and a
// message in German (Message, to show to the people who enter the data) and
// in English (MessageEN). A 422 response for an invalid offer lists all of the
// offer's field errors at once.
type Problem struct {
	Type      string           `json:"type,omitempty" format:"uri-reference" doc:"A URI reference identifying the problem type; absent means about:blank."`
	Title     string           `json:"title" example:"Unprocessable Entity" doc:"A short summary of the problem type: the HTTP status text."`
	Status    int              `json:"status" example:"422" doc:"The HTTP status code."`
	Detail    string           `json:"detail,omitempty" example:"The offer has 3 invalid fields." doc:"An explanation of this occurrence of the problem (English)."`
	Instance  string           `json:"instance,omitempty" format:"uri-reference" doc:"A URI reference identifying this occurrence of the problem."`
	RequestID string           `json:"request_id,omitempty" doc:"The id of the request, also sent as X-Request-Id; quote it when asking for help."`
	Errors    []*ProblemDetail `json:"errors,omitempty" doc:"Every problem with a single field or parameter."`

	headers http.Header // sent with the problem, e.g. WWW-Authenticate
}

// ProblemDetail is one problem with one field of the request body or one
// parameter. Its shape extends huma's ErrorDetail (message, location, value)
// with a code and an English message.
type ProblemDetail struct {
	Location  string `json:"location,omitempty" example:"body.dates[0].end" doc:"Where the problem is: body.<field path>, query.<name> or path.<name>."`
	Code      string `json:"code" example:"end_before_start" doc:"A stable, machine-readable code, e.g. required, too_long, unknown_code, end_before_start, too_large."`
	Message   string `json:"message" example:"Das Ende liegt vor dem Beginn." doc:"The problem in German, worded for the person who entered the data."`
	MessageEN string `json:"message_en" example:"The end is before the start." doc:"The problem in English."`
	Value     any    `json:"value,omitempty" doc:"The value that was sent, where known."`
}

var (
	_ huma.StatusError  = (*Problem)(nil)
	_ huma.HeadersError = (*Problem)(nil)
)

// Error returns the problem's detail.
func (p *Problem) Error() string {
	if p.Detail != "" {
		return p.Detail
	}
	return p.Title
}

// GetStatus returns the HTTP status of the problem (huma.StatusError).
func (p *Problem) GetStatus() int { return p.Status }

// GetHeaders returns headers to send with the problem (huma.HeadersError).
func (p *Problem) GetHeaders() http.Header { return p.headers }

// ContentType makes huma send problems as application/problem+json.
func (p *Problem) ContentType(ct string) string {
	if ct == "application/json" {
		return "application/problem+json"
	}
	return ct
}

// Error returns the English message with the location.
func (d *ProblemDetail) Error() string {
	if d.Location == "" {
		return d.MessageEN
	}
	return d.Location + ": " + d.MessageEN
}

// newProblem returns a problem with status and an English detail.
func newProblem(status int, detail string, details ...*ProblemDetail) *Problem {
	return &Problem{Status: status, Title: http.StatusText(status), Detail: detail, Errors: details}
}

var installErrorModel sync.Once

// useProblems makes huma report its own errors (parameter and body
// validation, unreadable bodies) as Problems, so that every error of the API
// has one shape and the OpenAPI document describes it. huma offers this only
// as a package-level hook; lernnetz has a single huma API, so the process-wide
// setting is what we want.
func useProblems() {
	installErrorModel.Do(func() {
		huma.NewError = problemFromHuma
	})
}

// withRequestID is a huma transformer that stamps every problem with the
// request's id.
func withRequestID(ctx huma.Context, _ string, v any) (any, error) {
	if p, ok := v.(*Problem); ok && p.RequestID == "" {
		p.RequestID = requestID(ctx.Context())
	}
	return v, nil
}

// problemFromHuma turns an error huma produced into a Problem. Server errors
// never carry the underlying errors: their text is for the log, not the client.
func problemFromHuma(status int, msg string, errs ...error) huma.StatusError {
	if status >= 500 {
		return newProblem(status, "An internal error occurred.")
	}
	p := newProblem(status, msg)
	for _, err := range errs {
		if err == nil {
			continue
		}
		p.Errors = append(p.Errors, detailFromError(err))
	}
	return p
}

func detailFromError(err error) *ProblemDetail {
	var pd *ProblemDetail
	if errors.As(err, &pd) {
		return pd
	}
	var ed huma.ErrorDetailer
	if errors.As(err, &ed) {
		d := ed.ErrorDetail()
		code, de := translateHumaMessage(d.Message)
		return &ProblemDetail{Location: d.Location, Code: code, Message: de, MessageEN: d.Message, Value: d.Value}
	}
	code, de := translateHumaMessage(err.Error())
	return &ProblemDetail{Code: code, Message: de, MessageEN: err.Error()}
}

// humaMessages gives huma's validation messages a code and a German text.
// A template's %v, %s or %d stands for the part of the message that is
// carried over into the German text's %s.
var humaMessages = []struct{ tpl, code, de string }{
	{validation.MsgExpectedMinimumNumber, "too_small", "Bitte eine Zahl ab %s angeben."},
	{validation.MsgExpectedExclusiveMinimumNumber, "too_small", "Bitte eine Zahl größer als %s angeben."},
	{validation.MsgExpectedMaximumNumber, "too_large", "Bitte eine Zahl bis %s angeben."},
	{validation.MsgExpectedExclusiveMaximumNumber, "too_large", "Bitte eine Zahl kleiner als %s angeben."},
	{validation.MsgExpectedMinLength, "too_short", "Bitte mindestens %s Zeichen eingeben."},
	{validation.MsgExpectedMaxLength, "too_long", "Bitte höchstens %s Zeichen eingeben."},
	{validation.MsgExpectedMinItems, "too_few", "Bitte mindestens %s Einträge angeben."},
	{validation.MsgExpectedMaxItems, "too_many", "Bitte höchstens %s Einträge angeben."},
	{validation.MsgExpectedOneOf, "unknown_code", "Bitte einen dieser Werte angeben: %s."},
	{validation.MsgExpectedRequiredProperty, "required", "Das Feld %s fehlt."},
	{validation.MsgUnexpectedProperty, "unknown_field", "Dieses Feld gibt es nicht."},
	{validation.MsgExpectedRFC3339DateTime, "invalid_format", "Bitte Datum und Uhrzeit nach RFC 3339 angeben, z. B. 2026-03-02T18:00:00+01:00."},
	{validation.MsgExpectedRFC3339Date, "invalid_format", "Bitte ein Datum im Format JJJJ-MM-TT angeben."},
	{validation.MsgExpectedBoolean, "invalid_type", "Bitte true oder false angeben."},
	{validation.MsgExpectedInteger, "invalid_type", "Bitte eine ganze Zahl angeben."},
	{validation.MsgExpectedNumber, "invalid_type", "Bitte eine Zahl angeben."},
	{validation.MsgExpectedString, "invalid_type", "Bitte einen Text angeben."},
	{validation.MsgExpectedArray, "invalid_type", "Bitte eine Liste angeben."},
	{validation.MsgExpectedObject, "invalid_type", "Bitte ein Objekt angeben."},
	{"invalid integer", "invalid_type", "Bitte eine ganze Zahl angeben."},
	{"invalid float", "invalid_type", "Bitte eine Zahl angeben."},
	{"invalid boolean", "invalid_type", "Bitte true oder false angeben."},
	{"invalid date/time for format %s", "invalid_format", "Bitte Datum und Uhrzeit nach RFC 3339 angeben, z. B. 2026-03-02T18:00:00+01:00."},
	{"required %s parameter is missing", "required", "Bitte angeben."},
}

// translateHumaMessage returns a code and a German message for one of huma's
// English messages; unknown messages get the code "invalid".
func translateHumaMessage(msg string) (code, de string) {
	for _, m := range humaMessages {
		if arg, ok := matchTemplate(m.tpl, msg); ok {
			if strings.Contains(m.de, "%s") {
				return m.code, fmt.Sprintf(m.de, arg)
			}
			return m.code, m.de
		}
	}
	return "invalid", "Der Wert ist ungültig."
}

// matchTemplate reports whether msg was made from the fmt template tpl with
// at most one verb, and returns the text that took the verb's place.
func matchTemplate(tpl, msg string) (string, bool) {
	i := strings.IndexByte(tpl, '%')
	if i < 0 || i+1 >= len(tpl) {
		return "", tpl == msg
	}
	prefix, suffix := tpl[:i], tpl[i+2:]
	if len(msg) < len(prefix)+len(suffix) || !strings.HasPrefix(msg, prefix) || !strings.HasSuffix(msg, suffix) {
		return "", false
	}
	return msg[len(prefix) : len(msg)-len(suffix)], true
}

// validationProblem lists every field error of ve, located in the request body.
func validationProblem(ve *catalogue.ValidationError) *Problem {
	n := len(ve.Errors)
	detail := fmt.Sprintf("The %s has %d invalid fields.", ve.Entity, n)
	if n == 1 {
		detail = fmt.Sprintf("The %s has 1 invalid field.", ve.Entity)
	}
	p := newProblem(http.StatusUnprocessableEntity, detail)
	for _, fe := range ve.Errors {
		p.Errors = append(p.Errors, &ProblemDetail{
			Location:  "body." + fe.Field,
			Code:      fe.Code,
			Message:   fe.Message("de"),
			MessageEN: fe.Message("en"),
		})
	}
	return p
}

// paramProblem reports one invalid query or path parameter.
func paramProblem(location, code, de, en string, value any) *Problem {
	return newProblem(http.StatusUnprocessableEntity, "validation failed",
		&ProblemDetail{Location: location, Code: code, Message: de, MessageEN: en, Value: value})
}

// apiError turns an error of the store about what (e.g. "offer 12") into the
// problem the client gets: validation errors 422, ErrNotFound 404,
// ErrConflict 409, anything else a logged 500 that tells the client nothing
// about the inside.
func (s *Server) apiError(ctx context.Context, err error, what string) error {
	var (
		p  *Problem
		ve *catalogue.ValidationError
		se huma.StatusError
	)
	switch {
	case errors.As(err, &p):
	case errors.As(err, &ve):
		p = validationProblem(ve)
	case errors.Is(err, catalogue.ErrNotFound):
		p = newProblem(http.StatusNotFound, "There is no "+what+".")
	case errors.Is(err, catalogue.ErrConflict):
		p = newProblem(http.StatusConflict, "The "+what+" conflicts with an existing record: the same source id from the same source exists already.")
	case errors.As(err, &se):
		return err
	default:
		level := slog.LevelError
		if errors.Is(err, context.Canceled) {
			level = slog.LevelWarn
		}
		s.log.Log(ctx, level, "api request failed", "error", err, "request_id", requestID(ctx))
		p = newProblem(http.StatusInternalServerError, "An internal error occurred.")
	}
	return p
}
