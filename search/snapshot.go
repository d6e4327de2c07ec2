package search

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"
	"unsafe"

	"github.com/RoaringBitmap/roaring/v2"
)

// Snapshot format (all integers little-endian):
//
//	header   "LNSEARCH" | version uint32 | reserved uint32
//	state    seq int64 | avgLen float64 | builtAt, updatedAt int64 (unix ns) | segments uint32
//	segment… every field of a segment in a fixed order; a slice is its
//	         length (uint64) and its raw elements, a bitmap its roaring
//	         serialisation's length and bytes, a map its size and its entries
//	         in key order; each slice and bitmap starts at a multiple of 8
//	dead…    per segment a flag byte and, when set, a bitmap
//	trailer  body length uint64 | CRC-32C of everything before uint32 | "LNS!"
//
// Loading reads the file into one buffer, checks length and checksum, and
// then uses the buffer in place: the slices are views of it and the bitmaps
// are read with roaring's FromBuffer, without copying. A snapshot of another
// version, a wrong checksum or a truncated file is an error that names the
// problem (the caller then rebuilds).
const (
	snapshotMagic   = "LNSEARCH"
	snapshotVersion = 1
	trailerMagic    = "LNS!"
	trailerLen      = 8 + 4 + 4
)

// ErrSnapshot is wrapped by every error about an unusable snapshot.
var ErrSnapshot = errors.New("search: unusable index snapshot")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// WriteSnapshot writes the current index, with its change-log position, to
// w. Searches and updates go on meanwhile (the index is immutable).
func (e *Engine) WriteSnapshot(w io.Writer) error {
	st := e.cur.Load()
	sw := &snapWriter{w: bufio.NewWriterSize(w, 1<<20), crc: crc32.New(castagnoli)}
	sw.raw([]byte(snapshotMagic))
	sw.u32(snapshotVersion)
	sw.u32(0)
	sw.i64(st.seq)
	sw.f64(st.avgLen)
	sw.i64(timeNano(st.builtAt))
	sw.i64(timeNano(st.updatedAt))
	sw.u32(uint32(len(st.segs)))
	for _, s := range st.segs {
		sw.segment(s)
	}
	for _, d := range st.dead {
		if d == nil || d.IsEmpty() {
			sw.raw([]byte{0})
			continue
		}
		sw.raw([]byte{1})
		sw.bitmap(d)
	}
	if sw.err != nil {
		return sw.err
	}
	body := sw.n
	var tr [trailerLen]byte
	binary.LittleEndian.PutUint64(tr[0:], uint64(body))
	sw.raw(tr[:8])
	binary.LittleEndian.PutUint32(tr[8:], sw.crc.Sum32())
	copy(tr[12:], trailerMagic)
	if _, err := sw.w.Write(tr[8:]); err != nil {
		return err
	}
	if sw.err != nil {
		return sw.err
	}
	return sw.w.Flush()
}

func timeNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// ReadSnapshot replaces the index with the snapshot read from r. On error
// the index is unchanged.
func (e *Engine) ReadSnapshot(r io.Reader) error {
	buf, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("search: read snapshot: %w", err)
	}
	return e.loadSnapshot(buf)
}

// SaveSnapshotFile writes the index to path atomically: to a temporary file
// in the same directory, synced, then renamed over path.
func (e *Engine) SaveSnapshotFile(path string) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("search: save snapshot: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after the rename
	if err := e.WriteSnapshot(f); err != nil {
		f.Close()
		return fmt.Errorf("search: save snapshot: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("search: save snapshot: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("search: save snapshot: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("search: save snapshot: %w", err)
	}
	return nil
}

// LoadSnapshotFile replaces the index with the snapshot at path; Follow then
// continues from the snapshot's change-log position. It does not rebuild: a
// missing or unusable file is an error (errors.Is ErrSnapshot for a damaged
// one), and the caller decides to Rebuild.
func (e *Engine) LoadSnapshotFile(path string) error {
	buf, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("search: load snapshot: %w", err)
	}
	return e.loadSnapshot(buf)
}

func (e *Engine) loadSnapshot(buf []byte) error {
	st, err := decodeSnapshot(buf)
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.follow.reset(st.seq)
	e.cur.Store(st)
	return nil
}

func snapErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrSnapshot}, args...)...)
}

func decodeSnapshot(buf []byte) (st *state, err error) {
	if len(buf) < len(snapshotMagic)+8+trailerLen {
		return nil, snapErr("%d bytes is too short (truncated?)", len(buf))
	}
	if string(buf[:len(snapshotMagic)]) != snapshotMagic {
		return nil, snapErr("not a lernnetz search snapshot")
	}
	if v := binary.LittleEndian.Uint32(buf[8:]); v != snapshotVersion {
		return nil, snapErr("version %d, this program reads version %d", v, snapshotVersion)
	}
	tr := buf[len(buf)-trailerLen:]
	if string(tr[12:]) != trailerMagic {
		return nil, snapErr("no trailer (truncated?)")
	}
	body := int(binary.LittleEndian.Uint64(tr))
	if body != len(buf)-trailerLen {
		return nil, snapErr("length %d, expected %d (truncated?)", len(buf)-trailerLen, body)
	}
	want := binary.LittleEndian.Uint32(tr[8:])
	if got := crc32.Checksum(buf[:len(buf)-8], castagnoli); got != want {
		return nil, snapErr("checksum mismatch (damaged file)")
	}
	defer func() {
		if r := recover(); r != nil {
			st, err = nil, snapErr("malformed: %v", r)
		}
	}()
	sr := &snapReader{b: buf[:body], off: 16}
	seq := sr.i64()
	avg := sr.f64()
	built := sr.i64()
	updated := sr.i64()
	nsegs := int(sr.u32())
	segs := make([]*segment, nsegs)
	for i := range segs {
		segs[i] = sr.segment()
	}
	dead := make([]*roaring.Bitmap, nsegs)
	for i := range dead {
		if sr.byte() == 1 {
			dead[i] = sr.bitmap()
		}
	}
	if sr.err != nil {
		return nil, snapErr("%v", sr.err)
	}
	st = newState(segs, dead)
	st.seq, st.avgLen = seq, avg
	if built != 0 {
		st.builtAt = time.Unix(0, built)
	}
	if updated != 0 {
		st.updatedAt = time.Unix(0, updated)
	}
	return st, nil
}

// snapWriter writes the snapshot body, counting bytes and checksumming.
type snapWriter struct {
	w   *bufio.Writer
	crc hash.Hash32
	n   int
	err error
	tmp [8]byte
}

func (w *snapWriter) raw(b []byte) {
	if w.err != nil {
		return
	}
	if _, err := w.w.Write(b); err != nil {
		w.err = err
		return
	}
	w.crc.Write(b)
	w.n += len(b)
}

func (w *snapWriter) pad() {
	if r := w.n % 8; r != 0 {
		w.raw(make([]byte, 8-r))
	}
}

func (w *snapWriter) u32(v uint32) { binary.LittleEndian.PutUint32(w.tmp[:], v); w.raw(w.tmp[:4]) }
func (w *snapWriter) u64(v uint64) { binary.LittleEndian.PutUint64(w.tmp[:], v); w.raw(w.tmp[:8]) }
func (w *snapWriter) i64(v int64)  { w.u64(uint64(v)) }
func (w *snapWriter) f64(v float64) {
	w.u64(math.Float64bits(v))
}

// slice writes the raw little-endian elements of s, 8-aligned.
func writeSlice[T uint8 | uint16 | uint32 | int32 | int64 | float32 | float64](w *snapWriter, s []T) {
	w.pad()
	w.u64(uint64(len(s)))
	if len(s) == 0 {
		return
	}
	size := int(unsafe.Sizeof(s[0]))
	if littleEndian {
		w.raw(unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*size))
		return
	}
	b := make([]byte, len(s)*size)
	for i, v := range s {
		putLE(b[i*size:], v)
	}
	w.raw(b)
}

func (w *snapWriter) bitmap(b *roaring.Bitmap) {
	w.pad()
	n := b.GetSerializedSizeInBytes()
	w.u64(n)
	if w.err != nil {
		return
	}
	before := w.n
	if _, err := b.WriteTo(countingWriter{w}); err != nil && w.err == nil {
		w.err = err
	}
	if w.err == nil && uint64(w.n-before) != n {
		w.err = fmt.Errorf("search: snapshot: bitmap wrote %d bytes, announced %d", w.n-before, n)
	}
}

type countingWriter struct{ w *snapWriter }

func (c countingWriter) Write(p []byte) (int, error) {
	c.w.raw(p)
	if c.w.err != nil {
		return 0, c.w.err
	}
	return len(p), nil
}

func (w *snapWriter) bitmaps(bs []*roaring.Bitmap) {
	w.u64(uint64(len(bs)))
	for _, b := range bs {
		w.bitmap(b)
	}
}

func writeMap[K int64 | int32 | uint32 | string](w *snapWriter, m map[K]*roaring.Bitmap) {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w.pad()
	w.u64(uint64(len(keys)))
	for _, k := range keys {
		switch k := any(k).(type) {
		case string:
			w.u64(uint64(len(k)))
			w.raw([]byte(k))
		case int64:
			w.i64(k)
		case int32:
			w.i64(int64(k))
		case uint32:
			w.i64(int64(k))
		}
		w.bitmap(m[k])
	}
}

func (w *snapWriter) segment(s *segment) {
	w.u64(uint64(s.n))
	w.i64(s.builtAt)
	w.f64(s.sumLen)
	writeSlice(w, s.offerID)
	writeSlice(w, s.dateOff)
	writeSlice(w, s.byStart)
	writeSlice(w, s.startKey)
	writeSlice(w, s.byPrice)
	writeSlice(w, s.priceKey)
	writeSlice(w, s.dateID)
	writeRows(w, s.dates)
	writeSlice(w, s.termBytes)
	writeSlice(w, s.termOff)
	writeSlice(w, s.df)
	writeSlice(w, s.ref)
	writeSlice(w, s.payOff)
	writeSlice(w, s.pay)
	writeSlice(w, s.small)
	w.bitmaps(s.bms)
	writeSlice(w, s.champ)
	writeSlice(w, s.lowMax)
	w.bitmaps(s.champs)
	writeSlice(w, s.champOff)
	writeSlice(w, s.champLvl)
	writeSlice(w, s.dispBytes)
	writeSlice(w, s.dispOff)
	writeSlice(w, s.titleDF)
	writeSlice(w, s.placeDF)
	writeMap(w, s.codes)
	writeMap(w, s.providers)
	writeMap(w, s.venues)
	writeMap(w, s.months)
	writeMap(w, s.cells)
	writeSlice(w, s.endAt)
	writeSlice(w, s.endDoc)
	writeSlice(w, s.fcOff)
	writeSlice(w, s.fcIDs)
	writeSlice(w, s.vID)
	writeSlice(w, s.vLat)
	writeSlice(w, s.vLon)
	writeSlice(w, s.vCell)
	w.pad()
	w.u64(uint64(len(s.slots)))
	for _, si := range s.slots {
		w.bitmaps(si.flags[:])
		w.bitmaps(si.price)
		writeMap(w, si.months)
		writeMap(w, si.days)
		writeMap(w, si.venues)
		w.bitmap(si.has)
	}
	if s.overflow == nil || s.overflow.IsEmpty() {
		w.raw([]byte{0})
	} else {
		w.raw([]byte{1})
		w.bitmap(s.overflow)
	}
}

// snapReader reads a snapshot body in place.
type snapReader struct {
	b   []byte
	off int
	err error
}

func (r *snapReader) need(n int) []byte {
	if n < 0 || r.off+n > len(r.b) {
		panic(fmt.Sprintf("field at %d runs past the end", r.off))
	}
	b := r.b[r.off : r.off+n]
	r.off += n
	return b
}

func (r *snapReader) align() {
	if m := r.off % 8; m != 0 {
		r.need(8 - m)
	}
}

func (r *snapReader) byte() byte   { return r.need(1)[0] }
func (r *snapReader) u32() uint32  { return binary.LittleEndian.Uint32(r.need(4)) }
func (r *snapReader) u64() uint64  { return binary.LittleEndian.Uint64(r.need(8)) }
func (r *snapReader) i64() int64   { return int64(r.u64()) }
func (r *snapReader) f64() float64 { return math.Float64frombits(r.u64()) }
func (r *snapReader) length() int {
	n := r.u64()
	if n > uint64(len(r.b)) {
		panic(fmt.Sprintf("length %d at %d exceeds the file", n, r.off))
	}
	return int(n)
}

// readSlice returns a view of the next slice in the buffer (a copy when the
// buffer is not aligned or the machine is big-endian).
func readSlice[T uint8 | uint16 | uint32 | int32 | int64 | float32 | float64](r *snapReader) []T {
	r.align()
	n := r.length()
	var zero T
	size := int(unsafe.Sizeof(zero))
	b := r.need(n * size)
	if n == 0 {
		return nil
	}
	if littleEndian && uintptr(unsafe.Pointer(&b[0]))%uintptr(size) == 0 {
		return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n)
	}
	out := make([]T, n)
	for i := range out {
		out[i] = getLE[T](b[i*size:])
	}
	return out
}

func (r *snapReader) bitmap() *roaring.Bitmap {
	r.align()
	n := r.length()
	b := roaring.New()
	if _, err := b.FromBuffer(r.need(n)); err != nil {
		panic(fmt.Sprintf("bitmap at %d: %v", r.off, err))
	}
	return b
}

func (r *snapReader) bitmaps() []*roaring.Bitmap {
	n := r.length()
	out := make([]*roaring.Bitmap, n)
	for i := range out {
		out[i] = r.bitmap()
	}
	return out
}

func readMap[K int64 | int32 | uint32 | string](r *snapReader) map[K]*roaring.Bitmap {
	r.align()
	n := r.length()
	m := make(map[K]*roaring.Bitmap, n)
	for i := 0; i < n; i++ {
		var k K
		switch p := any(&k).(type) {
		case *string:
			*p = string(r.need(r.length()))
		case *int64:
			*p = r.i64()
		case *int32:
			*p = int32(r.i64())
		case *uint32:
			*p = uint32(r.i64())
		}
		m[k] = r.bitmap()
	}
	return m
}

func (r *snapReader) segment() *segment {
	s := &segment{}
	s.n = int(r.u64())
	s.builtAt = r.i64()
	s.sumLen = r.f64()
	s.offerID = readSlice[int64](r)
	s.dateOff = readSlice[uint32](r)
	s.byStart = readSlice[uint32](r)
	s.startKey = readSlice[int32](r)
	s.byPrice = readSlice[uint32](r)
	s.priceKey = readSlice[int32](r)
	s.dateID = readSlice[int64](r)
	s.dates = readRows(r)
	s.termBytes = readSlice[uint8](r)
	s.termOff = readSlice[uint32](r)
	s.df = readSlice[uint32](r)
	s.ref = readSlice[uint32](r)
	s.payOff = readSlice[uint32](r)
	s.pay = readSlice[uint16](r)
	s.small = readSlice[uint32](r)
	s.bms = r.bitmaps()
	s.champ = readSlice[int32](r)
	s.lowMax = readSlice[uint8](r)
	s.champs = r.bitmaps()
	s.champOff = readSlice[uint32](r)
	s.champLvl = readSlice[uint8](r)
	s.dispBytes = readSlice[uint8](r)
	s.dispOff = readSlice[uint32](r)
	s.titleDF = readSlice[uint32](r)
	s.placeDF = readSlice[uint32](r)
	s.codes = readMap[string](r)
	s.providers = readMap[int64](r)
	s.venues = readMap[int64](r)
	s.months = readMap[int32](r)
	s.cells = readMap[uint32](r)
	s.endAt = readSlice[int32](r)
	s.endDoc = readSlice[uint32](r)
	s.fcOff = readSlice[uint32](r)
	s.fcIDs = readSlice[uint8](r)
	s.vID = readSlice[int64](r)
	s.vLat = readSlice[float32](r)
	s.vLon = readSlice[float32](r)
	s.vCell = readSlice[uint32](r)
	if len(s.vLat) != len(s.vID) || len(s.vLon) != len(s.vID) || len(s.vCell) != len(s.vID) {
		panic("venue table disagrees")
	}
	r.align()
	nslots := r.length()
	if nslots > maxSlots {
		panic(fmt.Sprintf("%d date slots", nslots))
	}
	for k := 0; k < nslots; k++ {
		si := &slotIndex{}
		flags := r.bitmaps()
		if len(flags) != numSlotFlag {
			panic("slot flags")
		}
		copy(si.flags[:], flags)
		si.price = r.bitmaps()
		if len(si.price) != len(priceBounds) {
			panic("slot prices")
		}
		si.months = readMap[int32](r)
		si.days = readMap[int32](r)
		si.venues = readMap[int64](r)
		si.has = r.bitmap()
		s.slots = append(s.slots, si)
	}
	if r.byte() == 1 {
		s.overflow = r.bitmap()
	}
	s.all = roaring.New()
	s.all.AddRange(0, uint64(s.n))
	if err := s.check(); err != nil {
		panic(err.Error())
	}
	s.buildDense()
	return s
}

// check verifies the invariants searching relies on, so that a damaged but
// well-checksummed snapshot fails to load instead of failing searches.
func (s *segment) check() error {
	T := len(s.df)
	switch {
	case len(s.offerID) != s.n || len(s.dateOff) != s.n+1 ||
		len(s.byStart) != s.n || len(s.startKey) != s.n || len(s.byPrice) != s.n || len(s.priceKey) != s.n:
		return errors.New("document columns disagree")
	case int(s.dateOff[s.n]) != len(s.dateID) || len(s.dates) != len(s.dateID) ||
		len(s.endAt) != len(s.endDoc):
		return errors.New("date offsets disagree")
	case len(s.termOff) != T+1 || len(s.ref) != T || len(s.payOff) != T+1 || len(s.champ) != T ||
		len(s.lowMax) != T || len(s.dispOff) != T+1 || len(s.titleDF) != T || len(s.placeDF) != T:
		return errors.New("term columns disagree")
	case len(s.fcOff) != s.n+1 || int(s.fcOff[s.n]) != len(s.fcIDs):
		return errors.New("facet lists disagree")
	case int(s.termOff[T]) != len(s.termBytes) || int(s.payOff[T]) != len(s.pay) || int(s.dispOff[T]) != len(s.dispBytes):
		return errors.New("term offsets disagree")
	}
	for i := 0; i < T; i++ {
		if s.payOff[i+1]-s.payOff[i] != s.df[i] {
			return fmt.Errorf("term %d: %d postings, df %d", i, s.payOff[i+1]-s.payOff[i], s.df[i])
		}
		if s.df[i] < smallMax {
			if int(s.ref[i])+int(s.df[i]) > len(s.small) {
				return fmt.Errorf("term %d: postings out of range", i)
			}
		} else if int(s.ref[i]) >= len(s.bms) || s.bms[s.ref[i]].GetCardinality() != uint64(s.df[i]) {
			return fmt.Errorf("term %d: bitmap disagrees", i)
		}
		if c := s.champ[i]; c >= int32(len(s.champs)) {
			return fmt.Errorf("term %d: champion list out of range", i)
		} else if c >= 0 && (len(s.champOff) != len(s.champs)+1 ||
			uint64(s.champOff[c+1]-s.champOff[c]) != s.champs[c].GetCardinality() || int(s.champOff[c+1]) > len(s.champLvl)) {
			return fmt.Errorf("term %d: champion levels disagree", i)
		}
	}
	return nil
}

var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

func putLE[T uint8 | uint16 | uint32 | int32 | int64 | float32 | float64](b []byte, v T) {
	switch x := any(v).(type) {
	case uint8:
		b[0] = x
	case uint16:
		binary.LittleEndian.PutUint16(b, x)
	case uint32:
		binary.LittleEndian.PutUint32(b, x)
	case int32:
		binary.LittleEndian.PutUint32(b, uint32(x))
	case int64:
		binary.LittleEndian.PutUint64(b, uint64(x))
	case float32:
		binary.LittleEndian.PutUint32(b, math.Float32bits(x))
	case float64:
		binary.LittleEndian.PutUint64(b, math.Float64bits(x))
	}
}

func getLE[T uint8 | uint16 | uint32 | int32 | int64 | float32 | float64](b []byte) T {
	var v T
	switch p := any(&v).(type) {
	case *uint8:
		*p = b[0]
	case *uint16:
		*p = binary.LittleEndian.Uint16(b)
	case *uint32:
		*p = binary.LittleEndian.Uint32(b)
	case *int32:
		*p = int32(binary.LittleEndian.Uint32(b))
	case *int64:
		*p = int64(binary.LittleEndian.Uint64(b))
	case *float32:
		*p = math.Float32frombits(binary.LittleEndian.Uint32(b))
	case *float64:
		*p = math.Float64frombits(binary.LittleEndian.Uint64(b))
	}
	return v
}

// dateRowSize is the size of a dateRow in a snapshot (and in memory).
const dateRowSize = 28

func init() {
	if unsafe.Sizeof(dateRow{}) != dateRowSize {
		panic("search: dateRow is not 28 bytes")
	}
}

func writeRows(w *snapWriter, rows []dateRow) {
	w.pad()
	w.u64(uint64(len(rows)))
	if len(rows) == 0 {
		return
	}
	if littleEndian {
		w.raw(unsafe.Slice((*byte)(unsafe.Pointer(&rows[0])), len(rows)*dateRowSize))
		return
	}
	b := make([]byte, len(rows)*dateRowSize)
	for i := range rows {
		encodeRow(b[i*dateRowSize:], &rows[i])
	}
	w.raw(b)
}

func readRows(r *snapReader) []dateRow {
	r.align()
	n := r.length()
	b := r.need(n * dateRowSize)
	if n == 0 {
		return nil
	}
	if littleEndian && uintptr(unsafe.Pointer(&b[0]))%4 == 0 {
		return unsafe.Slice((*dateRow)(unsafe.Pointer(&b[0])), n)
	}
	rows := make([]dateRow, n)
	for i := range rows {
		decodeRow(b[i*dateRowSize:], &rows[i])
	}
	return rows
}

func encodeRow(b []byte, r *dateRow) {
	le := binary.LittleEndian
	le.PutUint32(b[0:], uint32(r.start))
	le.PutUint32(b[4:], uint32(r.end))
	le.PutUint32(b[8:], uint32(r.price))
	le.PutUint32(b[12:], r.cell)
	le.PutUint32(b[16:], math.Float32bits(r.lat))
	le.PutUint32(b[20:], math.Float32bits(r.lon))
	le.PutUint16(b[24:], r.flags)
	le.PutUint16(b[26:], 0)
}

func decodeRow(b []byte, r *dateRow) {
	le := binary.LittleEndian
	r.start = int32(le.Uint32(b[0:]))
	r.end = int32(le.Uint32(b[4:]))
	r.price = int32(le.Uint32(b[8:]))
	r.cell = le.Uint32(b[12:])
	r.lat = math.Float32frombits(le.Uint32(b[16:]))
	r.lon = math.Float32frombits(le.Uint32(b[20:]))
	r.flags = le.Uint16(b[24:])
}
