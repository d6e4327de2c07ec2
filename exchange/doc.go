// Package exchange brings catalogues of other systems into lernnetz and
// lernnetz's catalogue out to them. Formats – DEfTIS, the XML exchange
// format of DIN PAS 1045 (package exchange/deftis), and whatever else
// registers itself (Register) – read documents into the format-neutral
// records of package exchange/record; the Importer brings those into any
// catalogue.Store. Detect tells the format of a file by its first bytes.
//
// # Keys
//
// Every record keeps where it came from: Provenance.Source is the source's
// name (from the file's data supplier – DEfTIS DS_NAME, "WDB-Brandenburg" → "wdb-brandenburg", or
// given by the caller) and Provenance.SourceID its id there. Providers are
// keyed by source and CSS_ID, offers by source, provider and CS_ID, venues
// by source, provider and their address. Importing a record that is there
// already updates it; INSERTCOURSES and UPDATECOURSES are both such
// upserts (DEfTIS sends updates as whole records).
//
// # Idempotence
//
// Each mapped record is prepared (catalogue.Prepare*) and compared with the
// stored one, ignoring ids, timestamps and provenance times. An unchanged
// record is not written, so importing the same file again changes nothing
// and adds nothing to the change log; its provenance times then keep the
// import that last changed it. Fields DEfTIS cannot carry and editors may
// add in lernnetz (topics, skills, DQR level) are kept. Date ids are kept
// by S_ID.
//
// # Rejections
//
// A record the reader finds problems in (a missing CS_NAME, a date that is
// no date, a price that is ambiguous) or that fails the catalogue's
// validation is rejected – not saved, and reported with file, line,
// element path, source id and a German message – while the rest of the file
// is imported. Offers from a file are published, so the rules for published
// offers apply (an offer needs a date). The offers of a rejected provider
// are rejected too unless an earlier import brought the provider.
//
// # Batches and failures
//
// Records are saved in batches (DefaultBatchSize) each in one transaction
// (catalogue.Store.Atomic): an import that is killed leaves the catalogue as
// it was before its unfinished batch, and running it again completes it.
// A file that breaks off or turns out broken (not well-formed, hostile,
// beyond the limits) ends the import with an error; the records read
// completely before the break are saved.
//
// # Full catalogues and deletions
//
// A file with DELTAUPDATE="false" (and not MULTIDOCUMENT) is the source's
// whole catalogue: afterwards, offers of the source that it does not
// contain are set to withdrawn – never deleted, so links and bookmarks keep
// working and a later file can bring them back – and only when the whole
// file was read. An offer that is in the file but rejected keeps its
// stored version. A part of a multi-document catalogue withdraws nothing.
// Providers are never withdrawn. DELETECOURSES deletes the offers of the
// same source with that CS_ID (of whichever provider): the source says
// explicitly that they are gone.
//
// # Probable duplicates
//
// An offer whose provider has an older offer with the same title (ignoring
// case, whitespace and punctuation) and a near-identical description is
// flagged with DuplicateOf (see dupIndex); both are kept. The summary
// counts the flagged offers of the file.
//
// # Memory
//
// Records stream: the reader holds one record, the importer one batch.
// Per offer of the source an import keeps only its key, id and two flags
// and a hash of its title (for duplicates), so that a catalogue of a
// million offers imports in little memory.
//
// # Export
//
// Export writes the catalogue – all providers and the published offers,
// or one provider's, or what changed since a time – through a format's
// record.Writer, reading the store a page at a time. A delta finds the
// first change at its time in the change log by bisection and reads on
// from there: offers saved since (or at a venue saved since) with their
// providers, and as deletions the offers deleted or no longer published.
// Exports use lernnetz's ids as source ids, so a lernnetz that imports
// another's export keys the records by them.
package exchange
