// Package record is the format-neutral model of data exchange: what a
// format's reader hands the importer (Record, Header, Problem, the Reader
// interface) and what the exporter hands a format's writer (ExportHeader,
// the Writer interface). It depends on nothing but the standard library and
// package catalogue, so that every format package can use it.
//
// # What a format package implements
//
// A format (exchange/deftis, exchange/openqcat, exchange/csvfmt …) provides
//
//   - a reader: a type with Next() (*Record, error) (see Reader). It
//     streams: memory must not grow with the document, only with one record
//     (bounded by Limits). It returns a KindHeader record first, then
//     KindProvider records, KindOffer records (Op OpInsert or OpUpdate) and
//     KindDelete records in document order, and io.EOF at the end of a
//     complete document. A provider must come before the offers that name
//     it or have been imported earlier from the same source.
//   - the mapping of its fields to catalogue types, with every field's
//     position recorded by Record.At (so the importer's validation errors
//     point to line and element or column) and values it cannot read as
//     Problems (Record.Problemf) – in German, naming the value and what is
//     expected. Fields lernnetz has no place for go into Extensions, so
//     nothing of the source is lost and an export can write them back.
//   - fatal errors (not well-formed, wrong encoding, beyond Limits, not
//     this format) as an error with line and German message; never a
//     panic, whatever the input.
//   - a writer (see Writer): Begin, Provider, Offer, Deleted, End, writing
//     UTF-8 to an io.Writer as it is called, without holding offers.
//     Everything its reader maps should be written, so that an export
//     imported again gives the same catalogue (round trip).
//
// Package exchange registers formats (exchange.Register, from the format
// package's init) with a name, media type, file extension and
// constructors, detects the format of a file (exchange.Detect), imports
// from any Reader and exports through any Writer.
//
// # Keys
//
// Records are keyed by source ids: Record.SourceID (a provider's or an
// offer's id in the source), Record.ProviderSourceID (an offer's provider)
// and, per date, Date.SourceID and the venue's Provenance.SourceID. The
// importer adds the source name (Header.Source, or the caller's) and the
// store's ids. Exports use lernnetz's ids as source ids.
package record
