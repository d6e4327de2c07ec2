package csvfmt

import _ "embed"

// Template is the empty CSV template a provider downloads: the header row
// with every column but the export-only ones, UTF-8 with byte order mark,
// semicolons and CRLF, as Excel writes "CSV UTF-8".
//
//go:embed vorlage.csv
var Template []byte

// Example is a filled-in example of the template: four offers of an
// invented Saarland provider – an evening course with two dates at two
// places, an upgrading course with funding, a free online workshop with a
// date on request and a self-study course one can start any time.
//
//go:embed beispiel.csv
var Example []byte

// TemplateName and ExampleName are the names under which the portal
// offers Template and Example for download.
const (
	TemplateName = "lernnetz-vorlage.csv"
	ExampleName  = "lernnetz-beispiel.csv"
)
