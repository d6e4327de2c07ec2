// Package deftis reads DEfTIS, the XML exchange format of DIN PAS 1045
// (version 5.07), and maps its records to lernnetz's catalogue.
//
// # Reading
//
// A Reader streams the document: a strict XML tokenizer (exchange/internal/
// xmlsafe: encoding/xml's tokens, checks and errors, faster), token by token
// above the records, and one COURSESUPPLIER or COURSE (or DATASUPPLIER) at a
// time decoded whole, so memory does not grow with the file. The encoding declared in the XML declaration is honoured
// (ISO-8859-15, windows-1252 … through golang.org/x/net/html/charset; UTF-8
// without one). Every record knows its line and element path, e.g.
// DEFTISCAT/COURSETRANSACTIONS/INSERTCOURSES/COURSE[7].
//
// # Hostile and broken files
//
// A DOCTYPE (and so any DTD or entity declaration: XXE, billion laughs) is
// refused outright; the tokenizer expands no entities, but a DEfTIS file has
// no business declaring any. Limits (DefaultLimits) bound the nesting depth,
// the size of one record, of one text or other token, and the number of
// elements in a record; the size of a token is enforced on the bytes read,
// before the tokenizer buffers them. Invalid UTF-8, a UTF-8 file declared
// as ISO-8859-15 (found by its UTF-8 sequences for umlauts and typographic
// marks), an unknown or UTF-16 encoding, binary data, a cut-off file and
// anything that is not DEfTIS end reading with an *Error: its kind
// (ErrForbidden, ErrLimit, ErrEncoding, ErrSyntax, ErrNotDEfTIS), its line
// and a German message. Records read before it are complete. Text is kept
// as text: markup in it ("<script>") is the importer's and the templates'
// business, which escape it.
//
// # Mapping
//
// Providers (mapProvider), courses (mapCourse) and their dates
// (mapSchedules) map field by field to catalogue types; the comments there
// list every element. Coded values (delivery modes, types, funding, degree
// types, time patterns, units, languages, countries, certificates) map
// through tolerant tables in vocab.go. Every element without a field of its
// own – every WDB_* extension in particular – is kept in the record's
// Extensions under its path in the record, with repeated values joined by
// a line break, so nothing of the source is lost. Texts are trimmed, and
// numeric character references that an export escaped twice ("&amp;#8211;")
// are repaired. Where an element holds several web or e-mail addresses the
// first is used and the whole text kept as an extension.
//
// Values in the wrong format – a date that is no DateTime, an ambiguous or
// sub-cent price (ParseCents), a boolean that is neither true nor false, a
// count that is no number – and missing must-fields (CS_ID, CS_NAME,
// CS_SUPPLIERID, COURSESCHEDULES, S_START_DATE, CSS_ID) are Problems that
// make the importer reject the record. Fields of providers and addresses
// that lernnetz only displays (a founding year, an accessibility flag) are
// kept as extensions instead when they cannot be read, so that one odd
// value does not keep a provider and all its courses out. Values that map
// to no code are no problem: their raw text stays in the extensions.
package deftis
