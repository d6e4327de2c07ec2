package xmlsafe

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The scanner is adapted from the tokenizer of Go's encoding/xml
// (src/encoding/xml/xml.go, Copyright 2009 The Go Authors, BSD 3-Clause
// license: see NOTICE at the repository's root): its structure, checks and
// messages are that package's, rearranged to read from a buffer of its
// own. encoding/xml stays the reference — the tests compare the two.

// scanner is a strict XML 1.0 tokenizer: the tokens, the well-formedness
// checks and the error messages (*xml.SyntaxError with the same Msg and
// Line) of encoding/xml's Decoder in Strict mode without an Entity map,
// which its tests compare it with. It exists for speed: encoding/xml reads
// byte by byte through an interface and allocates every name, and was
// three quarters of the time of reading a DEfTIS file. scanner reads runs
// of text from its own buffer, interns names and keeps one text buffer.
//
// Unlike encoding/xml it refuses an XML declaration after the start of
// the document (msgLateDecl). Unlike encoding/xml's Token it does not
// translate name space prefixes:
// Name.Space is the prefix as written (the readers look at local names
// only). Like Token, the CharData it returns is valid until the next call.
type scanner struct {
	src     io.Reader
	buf     []byte
	pos     int   // next byte of buf to read
	end     int   // end of the bytes in buf
	err     error // sticky: io.EOF, a read error or a *xml.SyntaxError
	line    int
	offset  int64
	text    []byte // the current text token
	nbuf    []byte // the current name
	stack   []xml.Name
	close   bool // the last start tag was empty (<a/>): its end comes next
	begun   bool // a token other than white space has been read
	toClose xml.Name
	names   map[string]internName // interned names

	// The last token next read, by its kind.
	name   xml.Name
	upper  string // name.Local in upper case (start tags)
	attr   []xml.Attr
	target string
	data   []byte
	// charset turns the rest of the input into UTF-8 for the encoding
	// an XML declaration names (not UTF-8).
	charset func(label string, input io.Reader) (io.Reader, error)
}

// msgLateDecl is the error of an XML declaration (<?xml …?>) after the
// start of the document, which XML 1.0 does not allow. encoding/xml reads
// it as one and switches the encoding again, wrapping another decoder
// around the rest of the input each time.
const msgLateDecl = "XML declaration not at the start of the document"

// maxNames bounds the interned names, and maxNameLen their length (a
// name may be as long as a token), so that a file of a million distinct
// or very long names keeps no more than 1024 × 256 bytes of them.
const (
	maxNames   = 1024
	maxNameLen = 256
)

func newScanner(src io.Reader) *scanner {
	return &scanner{src: src, buf: make([]byte, 32<<10), line: 1, names: make(map[string]internName, 64)}
}

// InputOffset returns the offset of the end of the last token.
func (s *scanner) InputOffset() int64 { return s.offset }

// InputPos returns the line of the end of the last token (and a column of
// 0: nothing here asks for it).
func (s *scanner) InputPos() (line, column int) { return s.line, 0 }

func (s *scanner) syntaxError(msg string) error {
	return &xml.SyntaxError{Msg: msg, Line: s.line}
}

// fill reads more input into the empty buffer.
func (s *scanner) fill() bool {
	if s.err != nil {
		return false
	}
	for range 100 {
		n, err := s.src.Read(s.buf)
		s.pos, s.end = 0, n
		if n > 0 {
			return true
		}
		if err != nil {
			s.err = err
			return false
		}
	}
	s.err = io.ErrNoProgress
	return false
}

func (s *scanner) getc() (byte, bool) {
	if s.pos >= s.end && !s.fill() {
		return 0, false
	}
	b := s.buf[s.pos]
	s.pos++
	s.offset++
	if b == '\n' {
		s.line++
	}
	return b, true
}

// ungetc puts back the byte getc returned last.
func (s *scanner) ungetc(b byte) {
	s.pos--
	s.offset--
	if b == '\n' {
		s.line--
	}
}

// mustgetc is getc where the end of the input is a syntax error.
func (s *scanner) mustgetc() (byte, bool) {
	b, ok := s.getc()
	if !ok && s.err == io.EOF {
		s.err = s.syntaxError("unexpected EOF")
	}
	return b, ok
}

// The kinds of token next reads.
type tokKind uint8

const (
	tokStart     tokKind = iota + 1 // s.name, s.attr
	tokEnd                          // s.name
	tokText                         // s.data (text or CDATA)
	tokComment                      // s.data
	tokProcInst                     // s.target, s.data
	tokDirective                    // s.data
)

// Token returns the next token, like xml.Decoder.Token in Strict mode.
func (s *scanner) Token() (xml.Token, error) {
	kind, err := s.next()
	if err != nil {
		return nil, err
	}
	switch kind {
	case tokStart:
		return xml.StartElement{Name: s.name, Attr: s.attr}, nil
	case tokEnd:
		return xml.EndElement{Name: s.name}, nil
	case tokText:
		return xml.CharData(s.data), nil
	case tokComment:
		return xml.Comment(s.data), nil
	case tokProcInst:
		return xml.ProcInst{Target: s.target, Inst: s.data}, nil
	default:
		return xml.Directive(s.data), nil
	}
}

// next reads the next token into the scanner's fields, checking that end
// tags match: Token without making an xml.Token of it.
func (s *scanner) next() (tokKind, error) {
	if s.close {
		s.close = false
		s.name = s.toClose
		s.stack = s.stack[:len(s.stack)-1]
		return tokEnd, nil
	}
	kind, err := s.rawToken()
	if kind != 0 && !s.begun && (kind != tokText || len(bytes.Trim(s.data, " \t\n")) > 0) {
		s.begun = true
	}
	if kind == 0 {
		if err == io.EOF && len(s.stack) > 0 {
			s.err = s.syntaxError("unexpected EOF")
			err = s.err
		}
		return 0, err
	}
	switch kind {
	case tokStart:
		s.stack = append(s.stack, s.name)
	case tokEnd:
		if len(s.stack) == 0 {
			s.err = s.syntaxError("unexpected end element </" + s.name.Local + ">")
			return 0, s.err
		}
		open := s.stack[len(s.stack)-1]
		switch {
		case open.Local != s.name.Local:
			s.err = s.syntaxError("element <" + open.Local + "> closed by </" + s.name.Local + ">")
			return 0, s.err
		case open.Space != s.name.Space:
			ns := s.name.Space
			if ns == "" {
				ns = `""`
			}
			s.err = s.syntaxError("element <" + open.Local + "> in space " + open.Space +
				" closed by </" + s.name.Local + "> in space " + ns)
			return 0, s.err
		}
		s.stack = s.stack[:len(s.stack)-1]
	}
	return kind, nil
}

func (s *scanner) rawToken() (tokKind, error) {
	if s.err != nil {
		return 0, s.err
	}
	b, ok := s.getc()
	if !ok {
		return 0, s.err
	}
	if b != '<' {
		s.ungetc(b)
		if s.data = s.scanText(-1, false); s.data == nil {
			return 0, s.err
		}
		return tokText, nil
	}
	if b, ok = s.mustgetc(); !ok {
		return 0, s.err
	}
	switch b {
	case '/':
		name, _, ok := s.nsname()
		if !ok {
			if s.err == nil {
				s.err = s.syntaxError("expected element name after </")
			}
			return 0, s.err
		}
		s.space()
		if b, ok = s.mustgetc(); !ok {
			return 0, s.err
		}
		if b != '>' {
			s.err = s.syntaxError("invalid characters between </" + name.Local + " and >")
			return 0, s.err
		}
		s.name = name
		return tokEnd, nil
	case '?':
		return s.procInst()
	case '!':
		return s.bang()
	}
	s.ungetc(b)
	name, upper, ok := s.nsname()
	if !ok {
		if s.err == nil {
			s.err = s.syntaxError("expected element name after <")
		}
		return 0, s.err
	}
	attr := []xml.Attr{}
	for {
		s.space()
		if b, ok = s.mustgetc(); !ok {
			return 0, s.err
		}
		if b == '/' {
			if b, ok = s.mustgetc(); !ok {
				return 0, s.err
			}
			if b != '>' {
				s.err = s.syntaxError("expected /> in element")
				return 0, s.err
			}
			s.close, s.toClose = true, name
			break
		}
		if b == '>' {
			break
		}
		s.ungetc(b)
		var a xml.Attr
		if a.Name, _, ok = s.nsname(); !ok {
			if s.err == nil {
				s.err = s.syntaxError("expected attribute name in element")
			}
			return 0, s.err
		}
		s.space()
		if b, ok = s.mustgetc(); !ok {
			return 0, s.err
		}
		if b != '=' {
			s.err = s.syntaxError("attribute name without = in element")
			return 0, s.err
		}
		s.space()
		if b, ok = s.mustgetc(); !ok {
			return 0, s.err
		}
		if b != '"' && b != '\'' {
			s.err = s.syntaxError("unquoted or missing attribute value in element")
			return 0, s.err
		}
		data := s.scanText(int(b), false)
		if data == nil {
			return 0, s.err
		}
		a.Value = string(data)
		attr = append(attr, a)
	}
	s.name, s.upper, s.attr = name, upper, attr
	return tokStart, nil
}

// procInst reads a processing instruction after "<?"; the XML declaration
// may switch the encoding of the rest of the input.
func (s *scanner) procInst() (tokKind, error) {
	tname, ok := s.xmlName()
	target := tname.s
	if !ok {
		if s.err == nil {
			s.err = s.syntaxError("expected target name after <?")
		}
		return 0, s.err
	}
	s.space()
	s.text = s.text[:0]
	var b0 byte
	for {
		b, ok := s.mustgetc()
		if !ok {
			return 0, s.err
		}
		s.text = append(s.text, b)
		if b0 == '?' && b == '>' {
			break
		}
		b0 = b
	}
	data := s.text[:len(s.text)-2]
	if target == "xml" && s.begun {
		// Unlike encoding/xml, which honours every one (each encoding a
		// charset decoder more over the rest of the input: memory and time
		// without bound, see msgLateDecl).
		s.err = s.syntaxError(msgLateDecl)
		return 0, s.err
	}
	if target == "xml" {
		content := string(data)
		if ver := procInstParam("version", content); ver != "" && ver != "1.0" {
			s.err = fmt.Errorf("xml: unsupported version %q; only version 1.0 is supported", ver)
			return 0, s.err
		}
		if enc := procInstParam("encoding", content); enc != "" && !strings.EqualFold(enc, "utf-8") {
			if s.charset == nil {
				s.err = fmt.Errorf("xml: encoding %q declared but Decoder.CharsetReader is nil", enc)
				return 0, s.err
			}
			// The rest of the input: what the buffer holds, then the source.
			rest := io.MultiReader(bytes.NewReader(bytes.Clone(s.buf[s.pos:s.end])), s.src)
			r, err := s.charset(enc, rest)
			if err != nil {
				s.err = fmt.Errorf("xml: opening charset %q: %w", enc, err)
				return 0, s.err
			}
			s.src, s.pos, s.end = r, 0, 0
		}
	}
	s.target, s.data = target, data
	return tokProcInst, nil
}

// bang reads what starts with "<!": a comment, a CDATA section or a
// directive (DOCTYPE, ENTITY …, which the readers refuse).
func (s *scanner) bang() (tokKind, error) {
	b, ok := s.mustgetc()
	if !ok {
		return 0, s.err
	}
	switch b {
	case '-':
		if b, ok = s.mustgetc(); !ok {
			return 0, s.err
		}
		if b != '-' {
			s.err = s.syntaxError("invalid sequence <!- not part of <!--")
			return 0, s.err
		}
		s.text = s.text[:0]
		var b0, b1 byte
		for {
			if b, ok = s.mustgetc(); !ok {
				return 0, s.err
			}
			s.text = append(s.text, b)
			if b0 == '-' && b1 == '-' {
				if b != '>' {
					s.err = s.syntaxError(`invalid sequence "--" not allowed in comments`)
					return 0, s.err
				}
				break
			}
			b0, b1 = b1, b
		}
		s.data = s.text[:len(s.text)-3]
		return tokComment, nil
	case '[':
		for i := range 6 {
			if b, ok = s.mustgetc(); !ok {
				return 0, s.err
			}
			if b != "CDATA["[i] {
				s.err = s.syntaxError("invalid <![ sequence")
				return 0, s.err
			}
		}
		if s.data = s.scanText(-1, true); s.data == nil {
			return 0, s.err
		}
		return tokText, nil
	}
	// A directive; quoted angle brackets do not count for nesting.
	s.text = append(s.text[:0], b)
	var inquote byte
	depth := 0
	for {
		if b, ok = s.mustgetc(); !ok {
			return 0, s.err
		}
		if inquote == 0 && b == '>' && depth == 0 {
			break
		}
	handle:
		s.text = append(s.text, b)
		switch {
		case b == inquote:
			inquote = 0
		case inquote != 0:
		case b == '\'' || b == '"':
			inquote = b
		case b == '>':
			depth--
		case b == '<':
			const open = "!--"
			for i := range len(open) {
				if b, ok = s.mustgetc(); !ok {
					return 0, s.err
				}
				if b != open[i] {
					s.text = append(s.text, open[:i]...)
					depth++
					goto handle
				}
			}
			s.text = s.text[:len(s.text)-1]
			var b0, b1 byte
			for {
				if b, ok = s.mustgetc(); !ok {
					return 0, s.err
				}
				if b0 == '-' && b1 == '-' && b == '>' {
					break
				}
				b0, b1 = b1, b
			}
			s.text = append(s.text, ' ')
		}
	}
	s.data = s.text
	return tokDirective, nil
}

// space skips white space.
func (s *scanner) space() {
	for {
		b, ok := s.getc()
		if !ok {
			return
		}
		switch b {
		case ' ', '\r', '\n', '\t':
		default:
			s.ungetc(b)
			return
		}
	}
}

// The bytes that end a run of plain text, by what is read: character data,
// an attribute value in double or single quotes, a CDATA section. Control
// characters (but tab and line feed) and the bytes of multi-byte UTF-8
// end a run too, so that a text of plain ASCII needs no check of its
// characters.
var (
	stopText   = stopSet("<&\r>")
	stopDouble = stopSet("<&\r\"")
	stopSingle = stopSet("<&\r'")
	stopCDATA  = stopSet("\r>")
)

func stopSet(bs string) *[256]bool {
	var t [256]bool
	for i := range len(bs) {
		t[bs[i]] = true
	}
	for c := range 256 {
		if c < 0x20 && c != '\t' && c != '\n' || c >= utf8.RuneSelf {
			t[c] = true
		}
	}
	return &t
}

var newline = []byte{'\n'}

// scanText reads character data up to a '<' (left unread), an attribute
// value up to its closing quote, or a CDATA section up to "]]>". It decodes
// entities and character references, turns "\r\n" and "\r" into "\n", and
// checks that the result is UTF-8 of characters XML allows. On failure it
// returns nil with the error in s.err. This is encoding/xml's text with
// runs of plain bytes copied at once.
func (s *scanner) scanText(quote int, cdata bool) []byte {
	stop := stopText
	switch {
	case cdata:
		stop = stopCDATA
	case quote == '"':
		stop = stopDouble
	case quote == '\'':
		stop = stopSingle
	}
	var b0, b1 byte
	trunc := 0
	check := false // a byte that is not plain ASCII is in the text
	s.text = s.text[:0]
input:
	for {
		if s.pos < s.end && b1 != '\r' {
			run := s.buf[s.pos:s.end]
			n := 0
			for n < len(run) && !stop[run[n]] {
				n++
			}
			if n > 0 {
				seg := run[:n]
				s.line += bytes.Count(seg, newline)
				s.pos += n
				s.offset += int64(n)
				s.text = append(s.text, seg...)
				if n >= 2 {
					b0, b1 = seg[n-2], seg[n-1]
				} else {
					b0, b1 = b1, seg[0]
				}
			}
		}
		b, ok := s.getc()
		if !ok {
			if cdata {
				if s.err == io.EOF {
					s.err = s.syntaxError("unexpected EOF in CDATA section")
				}
				return nil
			}
			break input
		}
		if quote < 0 && b0 == ']' && b1 == ']' && b == '>' {
			if cdata {
				trunc = 2
				break input
			}
			s.err = s.syntaxError("unescaped ]]> not in CDATA section")
			return nil
		}
		if b == '<' && !cdata {
			if quote >= 0 {
				s.err = s.syntaxError("unescaped < inside quoted string")
				return nil
			}
			s.ungetc('<')
			break input
		}
		if quote >= 0 && b == byte(quote) {
			break input
		}
		if b == '&' && !cdata {
			if !s.entity() {
				return nil
			}
			b0, b1 = 0, 0
			check = true // a character reference may name any character
			continue input
		}
		switch {
		case b == '\r':
			s.text = append(s.text, '\n')
		case b1 == '\r' && b == '\n':
			// "\r\n": the '\n' is written already
		default:
			s.text = append(s.text, b)
			check = check || b < 0x20 || b >= utf8.RuneSelf
		}
		b0, b1 = b1, b
	}
	data := s.text[:len(s.text)-trunc]
	if check {
		if err := checkChars(data); err != "" {
			s.err = s.syntaxError(err)
			return nil
		}
	}
	if data == nil {
		data = []byte{} // nil means failure
	}
	return data
}

// entity reads an entity or character reference after '&' and appends
// what it stands for to s.text; on failure it sets s.err.
func (s *scanner) entity() bool {
	before := len(s.text)
	s.text = append(s.text, '&')
	var text string
	var haveText bool
	b, ok := s.mustgetc()
	if !ok {
		return false
	}
	if b == '#' {
		s.text = append(s.text, b)
		if b, ok = s.mustgetc(); !ok {
			return false
		}
		base := 10
		if b == 'x' {
			base = 16
			s.text = append(s.text, b)
			if b, ok = s.mustgetc(); !ok {
				return false
			}
		}
		start := len(s.text)
		for '0' <= b && b <= '9' || base == 16 && ('a' <= b && b <= 'f' || 'A' <= b && b <= 'F') {
			s.text = append(s.text, b)
			if b, ok = s.mustgetc(); !ok {
				return false
			}
		}
		if b != ';' {
			s.ungetc(b)
		} else {
			digits := string(s.text[start:])
			s.text = append(s.text, ';')
			if n, err := strconv.ParseUint(digits, base, 64); err == nil && n <= unicode.MaxRune {
				text, haveText = string(rune(n)), true
			}
		}
	} else {
		s.ungetc(b)
		s.nbuf = s.nbuf[:0]
		if !s.readName() && s.err != nil {
			return false
		}
		s.text = append(s.text, s.nbuf...)
		if b, ok = s.mustgetc(); !ok {
			return false
		}
		if b != ';' {
			s.ungetc(b)
		} else {
			name := s.text[before+1:]
			s.text = append(s.text, ';')
			if isName(name) {
				switch string(name) {
				case "lt":
					text, haveText = "<", true
				case "gt":
					text, haveText = ">", true
				case "amp":
					text, haveText = "&", true
				case "apos":
					text, haveText = "'", true
				case "quot":
					text, haveText = `"`, true
				}
			}
		}
	}
	if haveText {
		s.text = append(s.text[:before], text...)
		return true
	}
	ent := string(s.text[before:])
	if ent[len(ent)-1] != ';' {
		ent += " (no semicolon)"
	}
	s.err = s.syntaxError("invalid character entity " + ent)
	return false
}

// checkChars returns encoding/xml's message for the first byte sequence of
// data that is not UTF-8 or not a character XML allows, or "".
func checkChars(data []byte) string {
	for i := 0; i < len(data); {
		if c := data[i]; c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return fmt.Sprintf("illegal character code %U", rune(c))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return "invalid UTF-8"
		}
		if !isInCharacterRange(r) {
			return fmt.Sprintf("illegal character code %U", r)
		}
		i += size
	}
	return ""
}

func isInCharacterRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// nsname reads a name with at most one colon, the part before it being the
// prefix; upper is the local part in upper case.
func (s *scanner) nsname() (name xml.Name, upper string, ok bool) {
	n, ok := s.xmlName()
	if !ok {
		return xml.Name{}, "", false
	}
	if !n.colon {
		return xml.Name{Local: n.s}, n.upper, true
	}
	if strings.Count(n.s, ":") > 1 {
		return xml.Name{}, "", false
	}
	if space, local, ok := strings.Cut(n.s, ":"); ok && space != "" && local != "" {
		return xml.Name{Space: space, Local: local}, strings.ToUpper(local), true // parts of an interned string: no copies
	}
	return xml.Name{Local: n.s}, n.upper, true
}

// xmlName reads a name; it sets s.err only when the name is not valid (or
// the input ends), so that the caller can word a missing one.
func (s *scanner) xmlName() (internName, bool) {
	s.nbuf = s.nbuf[:0]
	if !s.readName() {
		return internName{}, false
	}
	if n, ok := s.names[string(s.nbuf)]; ok {
		return n, true // checked when it was first seen
	}
	if !isName(s.nbuf) {
		s.err = s.syntaxError("invalid XML name: " + string(s.nbuf))
		return internName{}, false
	}
	n := internName{s: string(s.nbuf), colon: bytes.IndexByte(s.nbuf, ':') >= 0}
	n.upper = strings.ToUpper(n.s)
	if len(s.names) < maxNames && len(n.s) <= maxNameLen {
		s.names[n.s] = n
	}
	return n, true
}

// internName is a name as read once and kept for the next times.
type internName struct {
	s, upper string
	colon    bool
}

// nameChar tells the bytes readName takes: those of ASCII name characters
// and all of multi-byte ones (isName checks these).
var nameChar = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= utf8.RuneSelf || isNameByte(byte(c))
	}
	return t
}()

// readName appends the bytes of a name to s.nbuf: up to any single-byte
// character not allowed in names (multi-byte ones are checked by isName).
func (s *scanner) readName() bool {
	b, ok := s.mustgetc()
	if !ok {
		return false
	}
	if !nameChar[b] {
		s.ungetc(b)
		return false
	}
	s.nbuf = append(s.nbuf, b)
	for {
		// A run within the buffer at once.
		run := s.buf[s.pos:s.end]
		n := 0
		for n < len(run) && nameChar[run[n]] {
			n++
		}
		s.nbuf = append(s.nbuf, run[:n]...)
		s.pos += n
		s.offset += int64(n)
		if b, ok = s.mustgetc(); !ok {
			return false
		}
		if !nameChar[b] {
			s.ungetc(b)
			return true
		}
		s.nbuf = append(s.nbuf, b)
	}
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

// isName reports whether b is an XML name. ASCII names are checked here;
// for others encoding/xml's own Unicode tables decide.
func isName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		return isNameXML(b)
	}
	if c := b[0]; !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':') {
		return false
	}
	for _, c := range b[1:] {
		if !isNameByte(c) {
			return false
		}
	}
	return true
}

// isNameXML asks encoding/xml whether b, a name with non-ASCII letters, is
// one: as the target of a processing instruction, the one place where it
// checks a name and nothing else.
func isNameXML(b []byte) bool {
	doc := make([]byte, 0, len(b)+4)
	doc = append(append(append(doc, "<?"...), b...), "?>"...)
	t, err := xml.NewDecoder(bytes.NewReader(doc)).RawToken()
	pi, ok := t.(xml.ProcInst)
	return err == nil && ok && pi.Target == string(b)
}

// procInstParam returns the value of param in the content of a processing
// instruction (`version="1.0" encoding="…"`), as encoding/xml finds it.
func procInstParam(param, s string) string {
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}
