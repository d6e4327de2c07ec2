package csvfmt

import (
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// input turns the bytes of a file into UTF-8 for encoding/csv: it checks
// that they are UTF-8 and, in a file without byte order mark whose first
// bytes beyond ASCII are no UTF-8, decodes Windows-1252 instead (the
// encoding of Excel's plain "CSV" on German Windows). It counts lines, so
// that an encoding error names its line, and bytes since the last row, so
// that no row grows beyond its limit.
type input struct {
	r        io.Reader
	bom      bool // the file began with a UTF-8 byte order mark
	cp1252   bool // decoding Windows-1252
	nonASCII bool // a UTF-8 sequence beyond ASCII has been read
	line     int
	n, limit int64 // bytes read since mark, and how many may be
	buf      []byte
	carry    int    // bytes of an incomplete UTF-8 sequence at the start of buf
	out      []byte // what Read hands out next
	ob       []byte // the buffer behind out
	err      error
}

// encodingError is an input error with its line; the reader words it.
type encodingError struct {
	line int
	msg  string
	kind error
}

func (e *encodingError) Error() string { return e.msg }

func newInput(r io.Reader, bom bool, limit int64) *input {
	return &input{r: r, bom: bom, line: 1, limit: limit, buf: make([]byte, 32<<10)}
}

// mark starts counting the bytes of the next row.
func (in *input) mark() { in.n = 0 }

func (in *input) Read(p []byte) (int, error) {
	for len(in.out) == 0 {
		if in.err != nil {
			return 0, in.err
		}
		in.fill()
	}
	n := copy(p, in.out)
	in.out = in.out[n:]
	return n, nil
}

func (in *input) fill() {
	n, err := in.r.Read(in.buf[in.carry:])
	data := in.buf[:in.carry+n]
	in.carry = 0
	in.n += int64(n)
	if in.n > in.limit {
		in.err = &encodingError{line: in.line, kind: ErrLimit,
			msg: fmt.Sprintf("Eine Zeile ist größer als %s – ist ein Anführungszeichen nicht geschlossen?", size(in.limit))}
		return
	}
	out := in.ob[:0]
	for i := 0; i < len(data); {
		b := data[i]
		switch {
		case b == 0:
			in.out, in.ob, in.err = out, out, &encodingError{line: in.line, kind: ErrEncoding,
				msg: "Die Datei enthält ein Nullbyte: sie ist eine Binärdatei oder in UTF-16 gespeichert. Bitte in Excel „CSV UTF-8 (durch Trennzeichen getrennt)“ wählen."}
			return
		case b < 0x80:
			if b == '\n' {
				in.line++
			}
			out = append(out, b)
			i++
		case in.cp1252:
			out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(b))
			i++
		case !utf8.FullRune(data[i:]) && err == nil:
			in.carry = copy(in.buf, data[i:])
			i = len(data)
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				if !in.bom && !in.nonASCII {
					in.cp1252 = true
					continue
				}
				msg := fmt.Sprintf("Die Datei ist als UTF-8 gekennzeichnet (Byte-Order-Mark), enthält aber hier Bytes, die kein UTF-8 sind (z. B. %s).", hexByte(b))
				if !in.bom {
					msg = fmt.Sprintf("Die Datei wechselt die Zeichenkodierung: vorher UTF-8, hier Bytes, die kein UTF-8 sind (z. B. %s) – wohl Text aus einer Windows-Datei.", hexByte(b))
				}
				in.out, in.ob, in.err = out, out, &encodingError{line: in.line, kind: ErrEncoding,
					msg: msg + " Bitte die Datei einheitlich als „CSV UTF-8“ speichern."}
				return
			}
			in.nonASCII = true
			out = append(out, data[i:i+size]...)
			i += size
		}
	}
	in.out, in.ob = out, out
	if err != nil {
		in.err = err
	}
}

func hexByte(b byte) string { return fmt.Sprintf("Byte 0x%02X", b) }

// size words a number of bytes.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d Bytes", n)
}
