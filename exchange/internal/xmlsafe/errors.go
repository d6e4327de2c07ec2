package xmlsafe

import (
	"fmt"
	"strings"
)

// Error is a fatal problem of a document: reading stops there. Records read
// before it are complete and usable.
type Error struct {
	Line int    // line in the file, 0 when unknown
	Path string // element path where the problem is, when known
	Msg  string // what is wrong, in German, for the person who made the file
	Err  error  // one of the reader's kinds, possibly wrapping the cause
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

// Dialect is what differs between the readers: their error kinds and the
// wording of a few messages.
type Dialect struct {
	Syntax    error // not well-formed XML (or cut off)
	Encoding  error // bytes that do not match the declared encoding
	Forbidden error // DOCTYPE and entity declarations
	Limit     error // a limit of record.Limits exceeded

	// MsgForbidden words the refusal of a DOCTYPE for the format.
	MsgForbidden string
	// Size words a number of bytes in messages; nil means Size.
	Size func(n int64) string
	// Clean trims an element's text when it ends; nil means
	// strings.TrimSpace.
	Clean func(s string) string
}

func (d *Dialect) size(n int64) string {
	if d.Size == nil {
		return Size(n)
	}
	return d.Size(n)
}

// Size words a number of bytes ("1 MiB", "4 KiB", "300 Bytes").
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	default:
		return fmt.Sprintf("%d Bytes", n)
	}
}

// kindError joins a kind with its cause so that errors.Is finds both.
type kindError struct {
	kind  error
	cause error
}

func (k *kindError) Error() string   { return k.kind.Error() + ": " + k.cause.Error() }
func (k *kindError) Unwrap() []error { return []error{k.kind, k.cause} }

// WithCause joins an error kind with its cause so that errors.Is finds
// both; without a cause it is the kind.
func WithCause(kind, cause error) error {
	if cause == nil {
		return kind
	}
	return &kindError{kind: kind, cause: cause}
}

func (d *Dialect) clean(s string) string {
	if d.Clean == nil {
		return strings.TrimSpace(s)
	}
	return d.Clean(s)
}
