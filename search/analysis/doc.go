// Package analysis is lernnetz's German text analysis: one chain that turns
// the text of an offer into index terms (Analyzer.Index) and a learner's
// search into query terms (Analyzer.Query), so that both meet.
//
// The chain, in order:
//
//  1. Tokenising (Unicode letters and digits; apostrophes inside words
//     vanish; C++ and C# keep their sign), with the gender forms of job
//     titles removed before anything else: Erzieher*innen, Erzieher:innen,
//     Erzieher_innen, ErzieherInnen, Erzieher/-innen, Erzieher/innen,
//     Erzieher(innen), Erzieher/-in all become "Erzieher"; tags such as
//     (m/w/d) are dropped.
//  2. Hyphenated words stay together as a unit: each word is a term, and the
//     words written together are one more (E-Learning → e, learning,
//     elearning). A single letter before a word is joined too ("E Learning").
//     Truncated words are completed at index time ("Kranken- und
//     Altenpflege" → also Krankenpflege).
//  3. Folding (Fold): lower case, ä→a, ß→ss, é→e …, and the spelled-out
//     umlauts ae/oe/ue → a/o/u where they can be umlauts, so that Müller,
//     Mueller and Muller meet.
//  4. Stop words (der, und, für, the, and …) are marked; they are emitted as
//     kind Stop and dropped from queries that have other words.
//  5. The feminine -in/-innen of person nouns is removed (Erzieherin →
//     Erzieher, Ärztin → Arzt; not Termin, Medizin, Berlin).
//  6. Light stemming (Savoy's German light stemmer, as in Lucene and bleve):
//     Kurs, Kurse, Kursen → kurs.
//  7. Compound splitting against a dictionary of German nouns from ESCO plus
//     a curated education vocabulary (Altenpflegehelfer → altenpfleg,
//     helf, alt, pfleg), index side only: a query for a part finds the
//     compound.
//  8. Thesaurus: synonym groups (EDV, IT, Informatik …), expanded at query
//     time into QueryTerm.Alternatives; multi-word terms (Deutsch als
//     Zweitsprache) are found as phrases in documents and queries.
//
// Typo tolerance is the index's job; this package gives it Distance,
// WithinDistance and a budget per query term (QueryTerm.Fuzzy).
//
// The compound dictionary is derived from ESCO, the European classification
// of skills, competences, qualifications and occupations: ESCO © European
// Union, CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). The
// thesaurus, the stop words and the curated word list are lernnetz's own.
// See README.md for the reasons behind each rule and the known limits.
package analysis
