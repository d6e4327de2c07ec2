package record

// Reader reads a document record by record. Next returns the next record;
// at the end of a complete document it returns io.EOF. Any other error is
// fatal: the document is broken from there on (its records read before are
// complete and usable), and Next returns the same error again.
//
// The first record a Reader returns is a KindHeader record; it may repeat
// later (the importer uses the first). Formats without a header of their
// own return one anyway (Source "" unless the format knows it, Delta false
// unless the document says otherwise).
type Reader interface {
	Next() (*Record, error)
}

// Limits bound what one document may demand of a reader, so that hostile
// or broken files fail fast with a clear error instead of exhausting
// memory. Formats apply what fits them: XML formats all four, CSV
// MaxRecordBytes to a row and MaxTextBytes to a field.
type Limits struct {
	MaxDepth       int   // element nesting, counted from the root element
	MaxRecordBytes int64 // bytes of one record
	MaxTextBytes   int   // bytes of one text (or field, or other single token)
	MaxElements    int   // elements (or fields) in one record
}

// DefaultLimits are generous for real catalogues: the largest record of the
// WDB Brandenburg export has 280 elements and 25 KB.
var DefaultLimits = Limits{MaxDepth: 64, MaxRecordBytes: 10 << 20, MaxTextBytes: 1 << 20, MaxElements: 100_000}
