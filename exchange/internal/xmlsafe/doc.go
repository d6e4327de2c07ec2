// Package xmlsafe is the safe-XML base the XML format readers share
// (exchange/deftis, exchange/openqcat): a strict XML tokenizer of its own
// (scanner: encoding/xml's tokens, well-formedness checks and
// *xml.SyntaxError messages, which FuzzScanner compares it with — but an
// XML declaration after the start is refused, see msgLateDecl — at about
// twice the speed) behind a byte guard, so that no token makes it buffer
// more than the reader's limits allow; the encoding rules (UTF-8 byte order mark, UTF-16 refused, the
// declared charset honoured, a UTF-8 file declared as Latin-9 caught); and
// the German wording of what goes wrong (Explain). DOCTYPE and entity
// declarations are refused by the readers, which see them as
// xml.Directive tokens.
//
// Each reader keeps its own error kinds (deftis.ErrSyntax is not
// openqcat.ErrSyntax) and names them in its Dialect; the Error type is
// shared, each reader exports it under its own name.
package xmlsafe
