// Package csvfmt reads and writes lernnetz's CSV template: the simple way
// for small providers to deliver their offers from a spreadsheet (Excel,
// LibreOffice Calc) – one row per date, the offer's columns repeated on
// each of its rows. docs/CSV.md explains the template to providers; Columns
// describes every column for the portal's help page, and Template and
// Example are the files a provider downloads.
//
// # Reading
//
// The Reader streams: it holds one offer (the rows of one angebot_id) at a
// time, whatever the size of the file. It accepts
//
//   - semicolon or comma as the delimiter, sniffed from the header row (an
//     Excel "sep=;" line first is honoured too);
//   - UTF-8 with or without byte order mark. A file without BOM whose first
//     bytes that are not ASCII are no UTF-8 is read as Windows-1252 (what
//     Excel's "CSV (Trennzeichen-getrennt)" writes on German Windows); a
//     file that switches from UTF-8 to other bytes is an error naming the
//     line, as is UTF-16;
//   - German dates (TT.MM.JJJJ, optionally with HH:MM) and ISO dates, German
//     numbers and prices ("1.234,50 €", "kostenlos", "2,29 € pro
//     Unterrichtseinheit");
//   - vocabulary values (topic, delivery mode, language …) as code or as
//     German or English label, in any case.
//
// The first row names the columns (in any order; case, spaces, hyphens and
// umlauts are folded, so "Anbieter-ID" is anbieter_id). A column the
// template does not know, a missing required column or a duplicated one is
// a fatal error: the file would be misread. Rows follow one another by
// offer: all rows of an angebot_id stand together; in the rows after its
// first, an offer's cells may be left empty (they mean "as above") but must
// not differ. A row without angebot_id and without offer data describes a
// provider only.
//
// Every offer is a record (record.KindOffer) with its dates and venues; a
// provider is a record when its anbieter_id first occurs. What is wrong in
// a cell is a record.Problem with the line and "Spalte NAME": the offer (all
// its rows) is rejected, the rest of the file is imported. Broken quoting,
// binary data, wrong encodings and files beyond record.Limits are fatal
// errors (*Error) with the line.
//
// A CSV file names no source: the importer's caller gives it (the provider
// account of an upload, lernnetz import --source). A file brings offers in
// and updates them; it is not taken as the whole catalogue (Header.Delta),
// so offers of the source missing from it stay as they are – a file with
// only this term's new courses withdraws nothing. An empty file, or one
// with only its header row, is an error (ErrEmpty): nothing usable.
//
// # Writing
//
// Writer implements record.Writer: UTF-8 with BOM, semicolons, CRLF,
// German dates, numbers and labels, so that Excel opens the export as it
// is; cells that a spreadsheet would run as a formula get a leading
// apostrophe, which the reader removes. Every provider gets a row of its
// own, every date of an offer a row. The technical columns zusatzangaben
// and anbieter_zusatzangaben carry the fields of other formats lernnetz
// keeps as extensions (as JSON). What CSV does not carry (contacts beyond
// an offer's first, certificates, opening hours …) is listed in
// docs/CSV.md.
package csvfmt
