package deftis

import (
	"errors"

	"github.com/lernnetz/lernnetz/exchange/internal/xmlsafe"
)

// Kinds of fatal errors; test with errors.Is.
var (
	// ErrSyntax: the file is not well-formed XML (or cut off).
	ErrSyntax = errors.New("deftis: not well-formed XML")
	// ErrEncoding: the bytes do not match the declared encoding, or the
	// encoding is unknown.
	ErrEncoding = errors.New("deftis: wrong or unknown encoding")
	// ErrForbidden: the document declares a DTD or entities (DOCTYPE), which
	// DEfTIS does not need and which hostile files use (XXE, billion laughs).
	ErrForbidden = errors.New("deftis: DOCTYPE and entity declarations are not allowed")
	// ErrLimit: the document nests deeper, or a record or text is larger,
	// than the reader's Limits allow.
	ErrLimit = errors.New("deftis: limit exceeded")
	// ErrNotDEfTIS: the XML is not a DEfTIS catalogue.
	ErrNotDEfTIS = errors.New("deftis: not a DEfTIS document")
)

// Error is a fatal problem of a document: reading stops there. Records read
// before it are complete and usable. Line is the line in the file (0 when
// unknown), Path the element path when known, Msg what is wrong in German
// for the person who made the file, Err one of the kinds above, possibly
// wrapping the cause. Error() says "Zeile 12 (DEFTISCAT/…): Msg".
type Error = xmlsafe.Error

// dialect is what the shared safe-XML base needs to know of DEfTIS.
var dialect = xmlsafe.Dialect{
	Syntax: ErrSyntax, Encoding: ErrEncoding, Forbidden: ErrForbidden, Limit: ErrLimit,
	MsgForbidden: msgForbidden,
	Clean:        cleanText,
}
