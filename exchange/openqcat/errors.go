package openqcat

import (
	"errors"
	"fmt"
)

// Kinds of fatal errors; test with errors.Is.
var (
	// ErrSyntax: the file is not well-formed XML (or cut off).
	ErrSyntax = errors.New("openqcat: not well-formed XML")
	// ErrEncoding: the bytes do not match the declared encoding, or the
	// encoding is unknown.
	ErrEncoding = errors.New("openqcat: wrong or unknown encoding")
	// ErrForbidden: the document declares a DTD or entities (DOCTYPE), which
	// open-Qcat does not need and which hostile files use (XXE, billion
	// laughs).
	ErrForbidden = errors.New("openqcat: DOCTYPE and entity declarations are not allowed")
	// ErrLimit: the document nests deeper, or a record or text is larger,
	// than the reader's limits allow.
	ErrLimit = errors.New("openqcat: limit exceeded")
	// ErrNotOpenQcat: the XML is not an open-Qcat catalogue.
	ErrNotOpenQcat = errors.New("openqcat: not an open-Qcat document")
)

// Error is a fatal problem of a document: reading stops there. Records read
// before it are complete and usable.
type Error struct {
	Line int    // line in the file, 0 when unknown
	Path string // element path where the problem is, when known
	Msg  string // what is wrong, in German, for the person who made the file
	Err  error  // one of the kinds above, possibly wrapping the cause
}

// Error returns the German message with its line.
func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Path != "":
		return fmt.Sprintf("Zeile %d (%s): %s", e.Line, e.Path, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("Zeile %d: %s", e.Line, e.Msg)
	default:
		return e.Msg
	}
}

// Unwrap returns the kind of error (and its cause).
func (e *Error) Unwrap() error { return e.Err }

// kindError joins a kind with its cause so that errors.Is finds both.
type kindError struct {
	kind  error
	cause error
}

func (k *kindError) Error() string   { return k.kind.Error() + ": " + k.cause.Error() }
func (k *kindError) Unwrap() []error { return []error{k.kind, k.cause} }

func withCause(kind, cause error) error {
	if cause == nil {
		return kind
	}
	return &kindError{kind: kind, cause: cause}
}
