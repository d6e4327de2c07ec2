package csvfmt

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"strings"

	"github.com/lernnetz/lernnetz/exchange/record"
	"github.com/lernnetz/lernnetz/geo"
)

// Gazetteer finds the coordinates and federal state of a German postal
// code; *geo.Gazetteer is one.
type Gazetteer = record.Gazetteer

// Reader reads a CSV file of the lernnetz template record by record (see
// the package documentation). It holds one offer's rows at a time. It is
// not safe for concurrent use.
type Reader struct {
	src    io.Reader
	in     *input
	cr     *csv.Reader
	limits record.Limits
	gaz    Gazetteer

	skipped int              // lines before the csv reader's first (a "sep=" line)
	cols    [numColumns]int  // where each column is in a row, -1 when absent
	width   int              // fields of the header row
	named   int              // columns of the template in the header row
	unnamed []int            // positions of header cells without a name
	started bool             // the header has been read
	pending *row             // the first data row, read with the header
	queue   []*record.Record // records to hand out before reading on
	err     error            // the fatal error or io.EOF, once there is one

	block      []*row // the rows of the offer being read
	blockKey   string
	blockBytes int64
	providers  map[string]*providerRow // first row of each anbieter_id
	// offers maps a hash of each anbieter_id and angebot_id read to the
	// line of its first row: 12 bytes an offer, to tell when an offer's
	// rows do not stand together.
	offers map[uint64]int32
	seed   maphash.Seed
}

// row is one data row: its cells by column (empty when the column is
// absent) with the line each cell starts on.
type row struct {
	line     int
	cells    [numColumns]string
	lines    [numColumns]int
	problems []record.Problem
	bytes    int64
	// misaligned is set when the row has more or fewer fields than the
	// header: its cells may stand in the wrong columns.
	misaligned bool
}

// providerRow keeps the provider's cells of the first row that named it.
type providerRow struct {
	line  int
	cells [colProviderExtensions + 1]string
}

// Option configures a Reader.
type Option func(*Reader)

// WithLimits replaces record.DefaultLimits: MaxTextBytes bounds a cell,
// MaxRecordBytes the rows of one offer, MaxElements their cells.
func WithLimits(l record.Limits) Option { return func(r *Reader) { r.limits = l } }

// WithGazetteer sets where coordinates of postal codes come from (default
// geo.Default()).
func WithGazetteer(g Gazetteer) Option { return func(r *Reader) { r.gaz = g } }

// NewReader returns a Reader of the CSV file in src.
func NewReader(src io.Reader, opts ...Option) *Reader {
	r := &Reader{src: src, limits: record.DefaultLimits, providers: map[string]*providerRow{}, offers: map[uint64]int32{}, seed: maphash.MakeSeed()}
	for _, o := range opts {
		o(r)
	}
	if r.gaz == nil {
		r.gaz = geo.Default()
	}
	return r
}

// Next returns the next record: first a header (record.KindHeader, no
// source, a delta: offers missing from the file stay as they are), then providers and offers in file order. At
// the end of the file it returns io.EOF; a fatal problem is an *Error,
// after which Next returns the same error again.
func (r *Reader) Next() (*record.Record, error) {
	for {
		if len(r.queue) > 0 {
			rec := r.queue[0]
			r.queue[0] = nil
			r.queue = r.queue[1:]
			return rec, nil
		}
		if r.err != nil {
			return nil, r.err
		}
		if err := r.step(); err != nil {
			r.err = err
		}
	}
}

// step reads one row (the header at first) and queues the records it
// completes.
func (r *Reader) step() error {
	if !r.started {
		return r.start()
	}
	rw := r.pending
	r.pending = nil
	if rw == nil {
		var err error
		rw, err = r.readRow()
		if err == io.EOF {
			r.flush()
			return io.EOF
		}
		if err != nil {
			r.block = nil // its offer may go on beyond the break
			return err
		}
	}
	if rw != nil {
		return r.add(rw)
	}
	return nil
}

// start reads the byte order mark, the delimiter, the header row and the
// first data row, and queues the header record.
func (r *Reader) start() error {
	r.started = true
	raw := bufio.NewReaderSize(r.src, 16<<10)
	bom := false
	head, _ := raw.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		raw.Discard(3)
		bom = true
	case bytes.HasPrefix(head, []byte("\xFF\xFE")) || bytes.HasPrefix(head, []byte("\xFE\xFF")):
		return &Error{Line: 1, Msg: "Die Datei ist in UTF-16 gespeichert. Bitte in Excel „CSV UTF-8 (durch Trennzeichen getrennt)“ wählen.", Err: ErrEncoding}
	}
	r.in = newInput(raw, bom, r.limits.MaxRecordBytes+int64(r.limits.MaxTextBytes)+(64<<10))
	br := bufio.NewReaderSize(r.in, 64<<10)
	head, _ = br.Peek(br.Size())
	first := head
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		first = head[:i]
	}
	first = bytes.TrimRight(first, "\r")
	comma := sniff(first)
	if low := bytes.ToLower(first); bytes.HasPrefix(low, []byte("sep=")) && len(first) == 5 {
		comma = rune(first[4])
		br.Discard(len(first))
		if len(head) > len(first) && head[len(first)] == '\r' {
			br.Discard(1)
		}
		if len(head) > len(first) {
			br.Discard(1)
		}
		r.skipped = 1
	}
	if comma == '"' || comma == '\r' || comma == '\n' || comma == 0xFFFD {
		return &Error{Line: 1, Msg: fmt.Sprintf("„sep=%c“ ist kein brauchbares Trennzeichen.", comma), Err: ErrHeader}
	}
	r.cr = csv.NewReader(br)
	r.cr.Comma = comma
	r.cr.ReuseRecord = true
	r.cr.FieldsPerRecord = -1
	fields, err := r.cr.Read()
	r.in.mark()
	if err == io.EOF {
		return &Error{Line: 1, Msg: "Die Datei ist leer.", Err: ErrEmpty}
	}
	if err != nil {
		return r.fatal(err)
	}
	line, _ := r.cr.FieldPos(0)
	if err := r.readHeader(fields, line+r.skipped); err != nil {
		return err
	}
	for {
		rw, err := r.readRow()
		if err == io.EOF {
			return &Error{Line: line + r.skipped, Msg: "Die Datei enthält nur die Kopfzeile und keine Angebote.", Err: ErrEmpty}
		}
		if err != nil {
			return err
		}
		if rw != nil {
			r.pending = rw
			break
		}
	}
	h := &record.Header{Line: line + r.skipped, Delta: true}
	r.queue = append(r.queue, &record.Record{Kind: record.KindHeader, Line: h.Line, Path: "Kopfzeile", Header: h})
	return nil
}

// sniff finds the delimiter of the header line: the most frequent of
// semicolon, comma and tab outside quotes; semicolon when there is none.
func sniff(line []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, b := range line {
		switch {
		case b == '"':
			quoted = !quoted
		case !quoted && (b == ';' || b == ',' || b == '\t'):
			counts[b]++
		}
	}
	best := byte(';')
	for _, b := range []byte{',', '\t'} {
		if counts[b] > counts[best] {
			best = b
		}
	}
	return rune(best)
}

// readHeader maps the header row's names to columns.
func (r *Reader) readHeader(fields []string, line int) error {
	for i := range r.cols {
		r.cols[i] = -1
	}
	r.width = len(fields)
	for pos, cell := range fields {
		name := foldName(cell)
		if name == "" {
			r.unnamed = append(r.unnamed, pos)
			continue
		}
		c, ok := columnIndex[name]
		if !ok {
			msg := fmt.Sprintf("Die Spalte %d heißt „%s“; diese Spalte kennt die Vorlage nicht.", pos+1, quote(cell))
			if s := suggest(name); s != "" {
				msg += fmt.Sprintf(" Meinten Sie „%s“?", s)
			}
			if pos == 0 {
				msg += " Die erste Zeile muss die Spaltennamen der lernnetz-Vorlage enthalten (anbieter_id;anbieter_name;angebot_id;titel;beginn …)."
			}
			return &Error{Line: line, Msg: msg, Err: ErrHeader}
		}
		if r.cols[c] >= 0 {
			return &Error{Line: line, Column: Columns[c].Name, Msg: fmt.Sprintf("Die Spalte %s steht zweimal in der Kopfzeile (Spalten %d und %d).", Columns[c].Name, r.cols[c]+1, pos+1), Err: ErrHeader}
		}
		r.cols[c] = pos
		r.named++
	}
	var missing []string
	for c, col := range Columns {
		if col.Required && r.cols[c] < 0 {
			missing = append(missing, col.Name)
		}
	}
	if len(missing) > 0 {
		return &Error{Line: line, Msg: fmt.Sprintf("Der Kopfzeile fehlen Spalten, die die Vorlage verlangt: %s. (Trennzeichen erkannt: „%c“.)", strings.Join(missing, ", "), r.cr.Comma), Err: ErrHeader}
	}
	return nil
}

// suggest returns the column whose name is closest to name, when it is
// close (a typo).
func suggest(name string) string {
	best, dist := "", 3
	for _, c := range Columns {
		if d := distance(name, c.Name); d < dist {
			best, dist = c.Name, d
		}
	}
	return best
}

// distance is the Levenshtein distance of two short strings.
func distance(a, b string) int {
	if len(a) > 40 || len(b) > 40 {
		return 99
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// readRow reads the next data row; nil for a row without any value.
func (r *Reader) readRow() (*row, error) {
	fields, err := r.cr.Read()
	r.in.mark()
	if err != nil {
		return nil, r.fatal(err)
	}
	line, _ := r.cr.FieldPos(0)
	rw := &row{line: line + r.skipped}
	empty := true
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			empty = false
			break
		}
	}
	if empty {
		return nil, nil
	}
	for c := range numColumns {
		pos := r.cols[c]
		if pos < 0 || pos >= len(fields) {
			continue
		}
		l, _ := r.cr.FieldPos(pos)
		rw.lines[c] = l + r.skipped
		if len(fields[pos]) > r.limits.MaxTextBytes {
			return nil, &Error{Line: rw.lines[c], Column: Columns[c].Name, Msg: fmt.Sprintf("Die Zelle ist größer als %s.", size(int64(r.limits.MaxTextBytes))), Err: ErrLimit}
		}
		rw.cells[c] = unescape(strings.TrimSpace(fields[pos]))
		rw.bytes += int64(len(fields[pos]))
	}
	if len(fields) != r.width && !emptyBeyond(fields, r.width) {
		rw.misaligned = true
		rw.problems = append(rw.problems, record.Problem{Line: rw.line, Path: "Spalten",
			Message: fmt.Sprintf("Die Zeile hat %d Felder, die Kopfzeile %d. Fehlt ein Trennzeichen „%c“ oder steht eines zu viel (etwa in einem Text ohne Anführungszeichen)?", len(fields), r.width, r.cr.Comma)})
	}
	for _, pos := range r.unnamed {
		if !rw.misaligned && pos < len(fields) && strings.TrimSpace(fields[pos]) != "" {
			l, _ := r.cr.FieldPos(pos)
			rw.problems = append(rw.problems, record.Problem{Line: l + r.skipped, Path: fmt.Sprintf("Spalte %d", pos+1),
				Message: fmt.Sprintf("In Spalte %d steht „%s“, aber die Spalte hat in der Kopfzeile keinen Namen.", pos+1, quote(fields[pos]))})
			break
		}
	}
	return rw, nil
}

// emptyBeyond reports whether a row longer than the header has nothing
// but empty fields beyond it (trailing delimiters some programs write).
func emptyBeyond(fields []string, width int) bool {
	if len(fields) < width {
		return false
	}
	for _, f := range fields[width:] {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// add takes a data row: it completes the offer before it when the row
// starts another one, and queues the provider the first time its
// anbieter_id appears.
func (r *Reader) add(rw *row) error {
	pid, oid := rw.cells[colProviderID], rw.cells[colOfferID]
	providerOnly := oid == "" && !rw.hasOfferData()
	key := pid + "\x00" + oid
	if len(r.block) > 0 && (providerOnly || key != r.blockKey) {
		r.flush()
	}
	r.provider(rw, providerOnly)
	if providerOnly {
		return nil
	}
	if len(r.block) == 0 {
		r.blockKey = key
		if oid != "" {
			h := maphash.String(r.seed, key)
			if line, ok := r.offers[h]; ok {
				rw.problem(colOfferID, "Das Angebot %s stand schon ab Zeile %d. Alle Zeilen eines Angebots müssen direkt untereinander stehen.", oid, line)
			} else {
				r.offers[h] = int32(min(rw.line, math.MaxInt32))
			}
		}
	}
	r.block = append(r.block, rw)
	r.blockBytes += rw.bytes
	switch {
	case r.blockBytes > r.limits.MaxRecordBytes:
		return &Error{Line: r.block[0].line, Column: "angebot_id", Msg: fmt.Sprintf("Die Zeilen des Angebots %s sind zusammen größer als %s.", quote(oid), size(r.limits.MaxRecordBytes)), Err: ErrLimit}
	case len(r.block)*r.named > r.limits.MaxElements:
		return &Error{Line: r.block[0].line, Column: "angebot_id", Msg: fmt.Sprintf("Das Angebot %s hat mehr als %d Zellen.", quote(oid), r.limits.MaxElements), Err: ErrLimit}
	}
	return nil
}

// hasOfferData reports whether any cell beyond the provider's is filled.
func (rw *row) hasOfferData() bool {
	for c := colOfferID; c < numColumns; c++ {
		if rw.cells[c] != "" {
			return true
		}
	}
	return false
}

// hasDateData reports whether any cell of the date or venue is filled.
func (rw *row) hasDateData() bool {
	for c := colDateID; c < numColumns; c++ {
		if rw.cells[c] != "" {
			return true
		}
	}
	return false
}

// problem adds a problem at the cell of column c.
func (rw *row) problem(c int, format string, args ...any) {
	line := rw.lines[c]
	if line == 0 {
		line = rw.line
	}
	rw.problems = append(rw.problems, record.Problem{Line: line, Path: columnPaths[c], Message: fmt.Sprintf(format, args...)})
}

// provider queues the provider of a row when its anbieter_id is new, and
// otherwise checks that the row says the same about it.
func (r *Reader) provider(rw *row, providerOnly bool) {
	pid := rw.cells[colProviderID]
	if pid == "" {
		rw.problem(colProviderID, "Die Kennung des Anbieters (anbieter_id) fehlt.")
		if providerOnly {
			r.queue = append(r.queue, r.mapProvider(rw))
		}
		return
	}
	first, seen := r.providers[pid]
	if !seen {
		pr := &providerRow{line: rw.line}
		copy(pr.cells[:], rw.cells[:colProviderExtensions+1])
		r.providers[pid] = pr
		r.queue = append(r.queue, r.mapProvider(rw))
		return
	}
	n := len(rw.problems)
	for c := colProviderID + 1; c <= colProviderExtensions; c++ {
		if v := rw.cells[c]; v != "" && v != first.cells[c] {
			was := "leer"
			if first.cells[c] != "" {
				was = "„" + quote(first.cells[c]) + "“"
			}
			rw.problem(c, "„%s“ weicht von Zeile %d ab (dort %s). Die Angaben zum Anbieter %s müssen in allen Zeilen gleich sein oder leer bleiben.", quote(v), first.line, was, pid)
		}
	}
	if providerOnly && len(rw.problems) > n {
		rec := r.mapProvider(rw)
		rec.Problems = append(rec.Problems, rw.problems[n:]...)
		r.queue = append(r.queue, rec)
	}
}

// flush queues the offer of the rows read.
func (r *Reader) flush() {
	if len(r.block) == 0 {
		return
	}
	r.queue = append(r.queue, r.mapOffer(r.block))
	clear(r.block)
	r.block, r.blockBytes = r.block[:0], 0
}

// fatal turns a read error into an *Error with its line.
func (r *Reader) fatal(err error) error {
	var enc *encodingError
	var pe *csv.ParseError
	switch {
	case err == io.EOF:
		return err
	case errors.As(err, &enc):
		return &Error{Line: enc.line, Msg: enc.msg, Err: enc.kind}
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote):
		return &Error{Line: pe.StartLine + r.skipped, Msg: fmt.Sprintf("Ein Feld beginnt mit einem Anführungszeichen, das nicht richtig geschlossen wird (bis Zeile %d, Zeichen %d). Anführungszeichen im Text müssen verdoppelt werden (\"\").", pe.Line+r.skipped, pe.Column), Err: ErrSyntax}
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrBareQuote):
		return &Error{Line: pe.Line + r.skipped, Msg: fmt.Sprintf("Ein Anführungszeichen steht mitten in einem Feld (Zeichen %d). Steht ein Anführungszeichen im Text, muss das ganze Feld in Anführungszeichen stehen und das Zeichen verdoppelt werden (\"\").", pe.Column), Err: ErrSyntax}
	case errors.As(err, &pe):
		return &Error{Line: pe.Line + r.skipped, Msg: "Die Zeile ist kein gültiges CSV: " + pe.Err.Error(), Err: ErrSyntax}
	}
	return &Error{Msg: "Die Datei kann nicht gelesen werden: " + err.Error(), Err: err}
}

// quote shortens a value for a message.
func quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}
