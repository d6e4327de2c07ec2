// Package geo is lernnetz's gazetteer of German postal codes and places: it
// turns what a learner or provider types ("66111", "Saarbrücken",
// "st. ingbert") into a place with coordinates, district and federal state,
// and measures distances for radius search.
//
// The data ships inside the binary (zipcodes.de.csv.gz, the unchanged
// GeoNames-derived CSV, gzip-compressed) and is parsed once, on first use of
// Default's gazetteer.
//
// Postleitzahlen: GeoNames (geonames.org), CC BY 4.0
// (https://creativecommons.org/licenses/by/4.0/). Products that ship this
// package must show this credit, for example in the imprint.
//
// # Large-customer postal codes
//
// About 6,800 rows of the data are not places but organisations with a postal
// code of their own (Großkundenpostleitzahlen, e.g. "IHK Saarland" for 66104).
// They are kept: such a code resolves, with Place.LargeCustomer set, the
// organisation in Place.Organisation and, in Place.Name, the nearest ordinary
// place of the same district. Lookups by name prefer ordinary places.
//
// # Data quirks handled on load
//
// The source mixes two state code schemes (GeoNames admin1 "09" on
// large-customer rows, letters "SL" on ordinary rows) and English and German
// state names ("Saxony", "Sachsen"); both are normalised, see StateInfo. Some
// names are double-encoded UTF-8 ("KÃ¶ln"); they are repaired.
package geo
