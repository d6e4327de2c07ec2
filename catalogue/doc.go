// Package catalogue holds lernnetz's domain model: the providers of a learning
// network, their offers (Angebote), the dates (Termine) a learner books and the
// venues and learning places (Lernorte) where they happen.
//
// The model follows the three levels every standard of the field shares
// (DIN PAS 1045/DEfTIS course → schedule, MLO specification → instance,
// KURSNET Angebot → Termin → Ort). The package owns the rules about this data
// — controlled vocabularies, validation with messages a provider understands,
// and fields derived on save — and the Store interface the storage layer
// implements. It imports nothing of HTTP or SQL.
package catalogue
