package exchange

import "time"

// Summary tells what an import did. Counts are of committed changes only
// (in a dry run: of the changes that would have been committed).
type Summary struct {
	File           string     `json:"file"`
	Format         string     `json:"format,omitempty"` // the format's registered name, e.g. deftis
	Source         string     `json:"source"`
	DataSupplier   string     `json:"data_supplier,omitempty"`    // DS_NAME
	DataSupplierID string     `json:"data_supplier_id,omitempty"` // DS_ID
	Timestamp      *time.Time `json:"timestamp,omitempty"`        // when the source says the data was current
	FullCatalogue  bool       `json:"full_catalogue"`             // DELTAUPDATE false
	DryRun         bool       `json:"dry_run"`

	Inserted  int `json:"inserted"`  // offers new in the catalogue
	Updated   int `json:"updated"`   // offers changed
	Unchanged int `json:"unchanged"` // offers the same as stored, not written
	Withdrawn int `json:"withdrawn"` // offers of a full catalogue missing from the file
	Deleted   int `json:"deleted"`   // offers deleted by DELETECOURSES
	// DeleteNotFound counts ids in DELETECOURSES that name no offer of the
	// source (deleted before, or never imported).
	DeleteNotFound int `json:"delete_not_found"`
	// DuplicatesFlagged counts the offers of the file that are flagged as
	// probable duplicates of an older offer of their provider.
	DuplicatesFlagged int `json:"duplicates_flagged"`

	ProvidersInserted  int `json:"providers_inserted"`
	ProvidersUpdated   int `json:"providers_updated"`
	ProvidersUnchanged int `json:"providers_unchanged"`
	VenuesInserted     int `json:"venues_inserted"`
	VenuesUpdated      int `json:"venues_updated"`

	// RejectedRecords counts the records not imported; Rejected says why,
	// one entry per problem.
	RejectedRecords int         `json:"rejected_records"`
	Rejected        []Rejection `json:"rejected"`

	// Error is the fatal problem that stopped reading the file, if any.
	// Records read completely before it are imported.
	Error string `json:"error,omitempty"`
	// WithdrawalSkipped says why offers missing from a full catalogue were
	// not withdrawn.
	WithdrawalSkipped string  `json:"withdrawal_skipped,omitempty"`
	Seconds           float64 `json:"seconds"`
}

// Rejection is one problem of a record that was not imported.
type Rejection struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Path     string `json:"path"`      // element path, e.g. DEFTISCAT/…/COURSE[7]/COURSESCHEDULES/SCHEDULE[2]/S_START_DATE
	SourceID string `json:"source_id"` // CSS_ID or CS_ID of the record
	Message  string `json:"message"`   // in German
}

// Imported reports whether the import brought anything usable: a record
// imported, confirmed unchanged or deleted, or an offer withdrawn.
func (s *Summary) Imported() bool {
	return s.Inserted+s.Updated+s.Unchanged+s.Withdrawn+s.Deleted+
		s.ProvidersInserted+s.ProvidersUpdated+s.ProvidersUnchanged > 0
}

// Complete reports whether the whole file was imported: read to its end
// with no record rejected.
func (s *Summary) Complete() bool { return s.Error == "" && s.RejectedRecords == 0 }

// tally counts one batch until it is committed.
type tally struct {
	inserted, updated, unchanged, withdrawn, deleted, deleteNotFound, duplicates int
	providersInserted, providersUpdated, providersUnchanged                      int
	venuesInserted, venuesUpdated                                                int
	rejectedRecords                                                              int
	rejected                                                                     []Rejection
}

func (s *Summary) add(t *tally) {
	s.Inserted += t.inserted
	s.Updated += t.updated
	s.Unchanged += t.unchanged
	s.Withdrawn += t.withdrawn
	s.Deleted += t.deleted
	s.DeleteNotFound += t.deleteNotFound
	s.DuplicatesFlagged += t.duplicates
	s.ProvidersInserted += t.providersInserted
	s.ProvidersUpdated += t.providersUpdated
	s.ProvidersUnchanged += t.providersUnchanged
	s.VenuesInserted += t.venuesInserted
	s.VenuesUpdated += t.venuesUpdated
	s.RejectedRecords += t.rejectedRecords
	s.Rejected = append(s.Rejected, t.rejected...)
}
