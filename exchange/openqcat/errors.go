package openqcat

import (
	"errors"
	"fmt"

	"github.com/lernnetz/lernnetz/exchange/internal/xmlsafe"
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
// before it are complete and usable. Line is the line in the file (0 when
// unknown), Path the element path when known, Msg what is wrong in German
// for the person who made the file, Err one of the kinds above, possibly
// wrapping the cause. Error() says "Zeile 12 (OPENQCAT/…): Msg".
type Error = xmlsafe.Error

// dialect is what the shared safe-XML base needs to know of open-Qcat:
// sizes are worded in bytes, texts only trimmed.
var dialect = xmlsafe.Dialect{
	Syntax: ErrSyntax, Encoding: ErrEncoding, Forbidden: ErrForbidden, Limit: ErrLimit,
	MsgForbidden: msgForbidden,
	Size:         func(n int64) string { return fmt.Sprintf("%d Bytes", n) },
}
