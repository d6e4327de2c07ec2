package fielderr_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/lernnetz/lernnetz/fielderr"
)

func TestMessagesAndErrors(t *testing.T) {
	fielderr.Register(map[string]fielderr.Text{"fe_test_range": {"Von %d bis %d.", "From %d to %d."}})
	fielderr.RegisterEntity("fe_test", "Der Test")
	c := &fielderr.Checker{Entity: "fe_test"}
	c.Add("name", "required")
	c.Add("size", "fe_test_range", 1, 9)
	err := c.Err()
	var ve *fielderr.ValidationError
	if !errors.As(err, &ve) || len(ve.Errors) != 2 {
		t.Fatalf("Err() = %v, want a ValidationError with 2 errors", err)
	}
	if got := ve.For("size").Message("en"); got != "From 1 to 9." {
		t.Errorf("English message = %q", got)
	}
	if got := ve.For("size").Message("de"); got != "Von 1 bis 9." {
		t.Errorf("German message = %q", got)
	}
	if !ve.Has("name", "required") || ve.Has("name", "too_long") || ve.For("other") != nil {
		t.Error("Has/For do not find what was added")
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "Der Test ist unvollständig oder fehlerhaft: name: Bitte ausfüllen.") {
		t.Errorf("Error() = %q", msg)
	}
	if (&fielderr.Checker{}).Err() != nil {
		t.Error("an empty checker reports an error")
	}
	if got := (fielderr.FieldError{Code: "no_such_code"}).Message("de"); got != "no_such_code" {
		t.Errorf("unknown code message = %q", got)
	}
}

func TestRegisterRefusesAConflictingText(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("registering \"required\" with another text did not panic")
		}
	}()
	fielderr.Register(map[string]fielderr.Text{"required": {"Anders.", "Other."}})
}
