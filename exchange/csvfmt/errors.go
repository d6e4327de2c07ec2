package csvfmt

import (
	"errors"
	"fmt"
)

// Kinds of fatal errors; test with errors.Is.
var (
	// ErrSyntax: the quoting of a field is broken.
	ErrSyntax = errors.New("csv: broken quoting")
	// ErrEncoding: the file is not UTF-8 (nor Windows-1252 from its start),
	// is UTF-16 or holds binary data.
	ErrEncoding = errors.New("csv: wrong encoding or binary data")
	// ErrHeader: the first row is not a header of the template (unknown,
	// missing or duplicated columns), or there is no row after it.
	ErrHeader = errors.New("csv: not a header of the lernnetz template")
	// ErrEmpty: the file has no rows, or no row after its header.
	ErrEmpty = errors.New("csv: no offers")
	// ErrLimit: a field or an offer is larger than the reader's Limits.
	ErrLimit = errors.New("csv: limit exceeded")
)

// Error is a fatal problem of a CSV file: reading stops there. The records
// read before it are complete and usable.
type Error struct {
	Line   int    // line in the file, 0 when unknown
	Column string // the column's name, when known
	Msg    string // what is wrong, in German, for the person who made the file
	Err    error  // one of the kinds above
}

// Error returns the German message with its line and column.
func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Column != "":
		return fmt.Sprintf("Zeile %d, Spalte %s: %s", e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("Zeile %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// Unwrap returns the kind of error.
func (e *Error) Unwrap() error { return e.Err }
