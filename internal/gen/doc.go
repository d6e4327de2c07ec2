// Package gen generates a deterministic synthetic catalogue of providers,
// venues and offers in German, from ten thousand to ten million offers, for
// benchmarks and load tests of search and storage.
//
// The same seed and Options always give the same catalogue, byte for byte:
// every record is derived from the seed and its own number with a
// random generator defined in this package (SplitMix64), so a record can be
// made on its own, offers can be streamed (Generator.Next) and the catalogue
// is never held in memory. Store serves a generated catalogue as a
// read-only catalogue.Store, which is how a search index is built from it.
//
// What the offers look like:
//
//   - Text, about 550–650 bytes per offer over title, subtitle, short
//     description, description, contents, target group, prerequisites and
//     learning outcomes: curated subjects per topic, title patterns and
//     sentence frames (vocab.go) filled with the long tail of real German
//     words: ESCO skill and occupation labels and the nouns of the course
//     and provider texts of a real PAS 1045 export (drawn by their real
//     frequency). A few words are very frequent on purpose ("Kurs" in about
//     40 % of the offers, "Weiterbildung", "Grundlagen", "online"), the rest
//     follow a long tail.
//   - Places: every ordinary postal code of the gazetteer (package geo),
//     40 % of the providers in the Saarland, 20 % in Rheinland-Pfalz and the
//     rest all over Germany; providers have one to three venues.
//   - Providers: a skewed share of the offers (a few large providers, a long
//     tail of small ones); names by kind (Volkshochschule, private
//     providers, chambers …), never of real persons.
//   - 5 % near-duplicates: the same provider's earlier offer with a slightly
//     different title (NearDuplicateOf says which).
//   - Every field a search filters on: topics, delivery modes (some online
//     without a venue), funding, degree types, languages, women-specific,
//     childcare, prices (some free, some on request), 1–4 dates with start
//     kinds, time patterns and times of day, venues with step-free access.
//   - 97 % published; every published offer has a date that has not ended
//     at the reference time Options.Now.
//
// # Sources and licences of the embedded data
//
// data/ holds small lists derived by internal/mkdata (go generate) from the
// project's shared data; see data/README.md:
//
//   - ESCO v1.2 skills and occupations, German labels: © European Union,
//     ESCO, CC BY 4.0 (https://esco.ec.europa.eu).
//   - Nouns and course titles of the WDB Brandenburg PAS 1045 export of
//     2022-05-10: single words with their frequencies and the course titles
//     only; no sentences, no contact data and no names of persons.
//   - Places come from package geo at run time (GeoNames, CC BY 4.0).
package gen
