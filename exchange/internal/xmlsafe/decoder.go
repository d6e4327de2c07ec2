package xmlsafe

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/lernnetz/lernnetz/exchange/record"
)

// slack covers what the buffers between the file and the decoder read ahead.
const slack = 128 << 10

// Decoder is a strict XML tokenizer (encoding/xml's tokens and checks, see
// scanner) behind a byte guard, with the limits and the dialect of one
// reader.
type Decoder struct {
	*scanner
	g       *guard
	limits  record.Limits
	dialect *Dialect
	// lastCount is the number of elements of the last record Decode read.
	lastCount int
}

// NewDecoder returns a strict decoder of the document in src: a UTF-8 byte
// order mark is skipped, the encoding of the XML declaration is honoured
// (UTF-8 when there is none), and a UTF-8 file declared in a single-byte
// encoding is refused. A file in UTF-16 is refused at once: the error
// returned beside the decoder (an *Error, else nil) is the reader's first
// and fatal one.
func NewDecoder(src io.Reader, limits record.Limits, dialect *Dialect) (*Decoder, error) {
	d := &Decoder{g: &guard{r: src}, limits: limits, dialect: dialect}
	d.Arm()
	var first error
	br := bufio.NewReaderSize(d.g, 16<<10)
	if head, _ := br.Peek(3); bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")) {
		br.Discard(3) // a UTF-8 byte order mark
	} else if bytes.HasPrefix(head, []byte("\xFF\xFE")) || bytes.HasPrefix(head, []byte("\xFE\xFF")) {
		first = &Error{Line: 1, Msg: "Die Datei ist in UTF-16 gespeichert; bitte als UTF-8 oder ISO-8859-15 exportieren.", Err: dialect.Encoding}
	}
	d.scanner = newScanner(br)
	d.charset = charsetReader(d.Line)
	return d, first
}

// Arm sets how far the decoder may read for its next token: no token may
// make it buffer much more than MaxTextBytes. (The size of a record is
// checked on the decoded stream, see Decode.) Call it before each Token.
func (d *Decoder) Arm() {
	d.g.limit = d.g.n + int64(d.limits.MaxTextBytes) + slack
}

// Line returns the decoder's current line.
func (d *Decoder) Line() int {
	l, _ := d.InputPos()
	return l
}

// MsgCutOff words a document that ends before its root element does.
const MsgCutOff = "Die Datei endet mitten im Dokument – sie ist wohl abgeschnitten oder unvollständig übertragen."

// Explain words a decoder or reader error for the person who made the
// file, as an *Error of the dialect's kinds; line is where reading stopped.
func (d *Decoder) Explain(err error, line int) *Error {
	k := d.dialect
	var syn *xml.SyntaxError
	var enc *encodingError
	switch {
	case errors.As(err, &enc):
		return &Error{Line: enc.line, Msg: enc.msg, Err: WithCause(k.Encoding, err)}
	case errors.Is(err, errGuard):
		return &Error{Line: line, Msg: fmt.Sprintf("Ein Text, Tag oder Kommentar ist größer als %s.", k.size(int64(d.limits.MaxTextBytes))), Err: k.Limit}
	case errors.As(err, &syn) && syn.Msg == "invalid UTF-8":
		return &Error{Line: syn.Line, Msg: syntaxMessage(syn.Msg), Err: WithCause(k.Encoding, err)}
	case errors.As(err, &syn):
		return &Error{Line: syn.Line, Msg: syntaxMessage(syn.Msg), Err: WithCause(k.Syntax, err)}
	case strings.Contains(err.Error(), "unsupported version"):
		return &Error{Line: line, Msg: "Nur XML 1.0 wird unterstützt.", Err: WithCause(k.Syntax, err)}
	default:
		return &Error{Line: line, Msg: "Die Datei kann nicht gelesen werden: " + err.Error(), Err: err}
	}
}

// maxQuoted bounds what a message quotes of the file (a name, an entity):
// a name may be a megabyte long, the message must stay readable.
const maxQuoted = 120

// syntaxMessage words the message of an xml.SyntaxError in German.
func syntaxMessage(msg string) string {
	msg = clip(msg, maxQuoted)
	switch {
	case msg == "invalid UTF-8":
		return "Die Datei enthält Bytes, die kein gültiges UTF-8 sind. Stimmt die Kodierung in der XML-Deklaration (z. B. encoding=\"ISO-8859-15\")?"
	case msg == "unexpected EOF":
		return MsgCutOff
	case strings.HasPrefix(msg, "invalid character entity"):
		return "Unbekannte Entität (" + strings.TrimPrefix(msg, "invalid character entity ") + "); erlaubt sind nur &amp; &lt; &gt; &quot; &apos; und Zeichenreferenzen."
	case msg == msgLateDecl:
		return "Eine XML-Deklaration (<?xml …?>) steht nicht am Anfang der Datei; sie darf nur einmal, ganz am Anfang stehen."
	case strings.HasPrefix(msg, "illegal character code"):
		return "Die Datei enthält ein in XML verbotenes Zeichen (" + strings.TrimPrefix(msg, "illegal character code ") + ") – ist sie eine Binärdatei?"
	default:
		return "Die Datei ist kein wohlgeformtes XML: " + msg
	}
}

// clip shortens s to at most n bytes, at a character boundary, marking the
// cut with "…".
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
