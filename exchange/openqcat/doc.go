// Package openqcat reads and writes open-Qcat 1.1, the XML catalogue
// format in which KURSNET, the course database of the Bundesagentur für
// Arbeit, takes education offers from their providers, and maps it to
// lernnetz's catalogue.
//
// # Sources
//
// The format is not published as a normative document on the open web any
// more. What this package implements is built on these public sources:
//
//   - "Spezifikation open-Qcat V1.1.0", document version 0.2 of 11 January
//     2008 (internal draft), Fraunhofer IAO and Bundesagentur für Arbeit,
//     with the XML schema fragments of every element (a copy is at
//     docplayer.org/17478628-Spezifikation-open-qcat-v1-1-0-rechtliche-hinweise.html;
//     a text extraction is in the public GitHub repository
//     bene7797/XmlEditorUi, Resources/openq/open-qcat.v1.1 (1).pdf.txt).
//     It gives the structure used here: OPENQCAT with HEADER (CATALOG,
//     SUPPLIER …) and either NEW_CATALOG (attribute FULLCATALOG) or
//     UPDATE_CATALOG (DELETE, NEW); SERVICE with PRODUCT_ID,
//     SUPPLIER_ID_REF, SERVICE_DETAILS, SERVICE_CLASSIFICATION,
//     SERVICE_PRICE_DETAILS, MIME_INFO; SERVICE_DETAILS with TITLE,
//     DESCRIPTION_LONG, CONTACT, REQUIREMENTS, SERVICE_DATE, KEYWORD,
//     TARGET_GROUP, TERMS_AND_CONDITIONS, SERVICE_MODULE/EDUCATION and
//     ANNOUNCEMENT; EDUCATION (attribute type: true = Bildungsangebot,
//     false = Veranstaltung) with COURSE_ID, DEGREE, LANGUAGE (ISO 639-2),
//     SUBSIDY, REGISTRATION_DATE, CERTIFICATE, EXTENDED_INFO (INSTITUTION,
//     INSTRUCTION_FORM, EDUCATION_TYPE, MEASURE_NUMBER) and MODULE_COURSE
//     (MARKETINGTEXT, MIN_/MAX_PARTICIPANTS, LOCATION, DURATION,
//     INSTRUCTION_REMARKS, FLEXIBLE_START); typeADDRESS and typeCONTACT.
//   - The XML schema KURSNET validates against today, "openQ-cat_1.1_rc1.xsd"
//     (Fraunhofer IAO, with the Bundesagentur's change history up to
//     14.11.2025; in the same repository as flutter/assets/schema.xsd). It
//     settles the element order the writer follows and what current
//     deliveries carry beyond the draft: COURSE_TYPE (required: 1
//     Bildungsangebot, 2 Studienangebot, 3 Maßnahmeangebot AVGS, 4
//     Sprachförderung, 5 Weiterbildungsangebot), CATALOG_VERSION (required),
//     UPDATE_CATALOG@seq_number (required), SERVICE@mode (fixed "new"),
//     SUPPLIER/EXTENDED_INFO@input_type, and for each Veranstaltung in
//     EDUCATION/EXTENDED_INFO: INSTRUCTION_TIME, FUNDING_TYPES_FEDERAL,
//     FUNDING_TYPES_REGIONAL, FUNDING_TYPES_REMARKS, TEACHING_LANGUAGES;
//     BARRIER_FREE_LOCATION in addresses; prices as xsd:float.
//   - The Bundesagentur's example delivery "openq_beispiel_differenzlieferung.xml"
//     (ISO-8859-15; same repository, flutter/assets/openqcat/_extracted/):
//     an UPDATE_CATALOG with DELETE and NEW, a Bildungsangebot followed by
//     its Veranstaltungen (SERVICEs with EDUCATION type="false" whose
//     COURSE_ID is the offer's PRODUCT_ID), prices as PRICE_AMOUNT
//     "99990.0" with REMARKS, COUNTRY "DE". Its first part (header, the
//     deletions, an offer with one Veranstaltung) was imported with
//     "lernnetz import" while writing this package; it is not in the
//     repository. testdata/kursnet-saar.xml is modelled on it.
//   - KURSNET's code lists ("Wertebereiche", wertebereiche.zip of the
//     KURSNET upload pages, in the same repository): unterrichtsform.dat
//     (INSTRUCTION_FORM 101–403 and the older 0–9), unterrichtszeit.dat
//     (1 Vollzeit, 2 Teilzeit), bildungsart.dat (EDUCATION_TYPE),
//     dauerklassen.dat (DURATION type), zugehoerig.dat
//     (ORGANIZATIONAL_FORM), ansprechpartner.dat (CONTACT_ROLE),
//     foerderartenbund.dat, unterrichtssprache.dat. The delivery-mode codes
//     in catalogue's vocab.json are those of unterrichtsform.dat.
//   - Public exporters written for KURSNET uploads (GitHub code, e.g. an
//     xmlbuilder2 export "Export OpenQ 3.45.0" and Python converters), which
//     show current practice beyond the 2008 draft: INSTRUCTION_TIME (type 1/2)
//     in EDUCATION/EXTENDED_INFO, KEYWORD, SUPPLIER/EXTENDED_INFO with
//     INSTITUTION_NUMBER and ORGANIZATIONAL_FORM, and the root attributes
//     version="1.1" xsi:noNamespaceSchemaLocation="openQ-cat.V1.1.xsd".
//
// Not verified: the writer's output was checked against the schema by
// reading it, not with a validating parser (none is in the Go standard
// library, and the schema is not part of this repository). The schema
// limits NAME and STREET to 30 characters, CITY to 36 and phone numbers to
// 30 in the notation +49.681.12345; the writer does not shorten or
// reformat, so KURSNET may refuse long names or numbers written
// otherwise. Funding types without a KURSNET class (AVGS, company, EU,
// federal or state programmes) go into SUBSIDY only; educational leave
// becomes a regional funding type only in the states whose class is known
// (foerderartenland.dat), from the provider's state. The upload protocol
// (a SOAP service) is out of scope.
//
// # Reading
//
// A Reader streams the document like the DEfTIS reader: the strict XML
// tokenizer of exchange/internal/xmlsafe, the encoding of the XML declaration honoured (ISO-8859-15
// as in KURSNET's examples, UTF-8 without one), one SUPPLIER or SERVICE at
// a time decoded whole. A DOCTYPE (so any DTD or entity: XXE, billion
// laughs) is refused; limits (record.Limits) bound nesting, record size,
// text size and element count; invalid UTF-8, a UTF-8 file declared as
// Latin-9, unknown or UTF-16 encodings, binary data and cut-off files end
// reading with an *Error (ErrForbidden, ErrLimit, ErrEncoding, ErrSyntax,
// ErrNotOpenQcat) with line, element path and a German message.
//
// The header record comes first: HEADER/CATALOG names the catalogue
// (SupplierID = CATALOG_ID, SupplierName = CATALOG_NAME, Timestamp =
// GENERATION_DATE); the source is CATALOG_NAME as a slug – or the only
// SUPPLIER's name, or CATALOG_ID –, so CATALOG_NAME must stay the same
// from delivery to delivery. UPDATE_CATALOG is a delta; NEW_CATALOG
// FULLCATALOG="false" is part of a catalogue (nothing is withdrawn);
// otherwise the file is the whole catalogue. Each SUPPLIER is a provider
// (mapSupplier), each SERVICE of UPDATE_CATALOG/DELETE a deletion.
//
// A SERVICE with EDUCATION type="true" (or without type) is an offer
// (newOffer). The SERVICEs with type="false" that follow it and name it in
// COURSE_ID are its Veranstaltungen: each becomes a date (addDates) with
// its own source id (PRODUCT_ID), price, contact, measure number and
// venue. An offer without Veranstaltungen takes its dates from its own
// MODULE_COURSEs. A Veranstaltung that does not directly follow its offer
// is rejected with a problem saying so: the reader holds one offer at a
// time, so that memory stays flat. Values in the wrong format (dates,
// prices, counts, booleans, classes that are no numbers) and missing
// PRODUCT_ID, TITLE or SUPPLIER_ID are problems that reject the record,
// with line and element path. Every element the mapping does not use is
// kept in the record's Extensions under its path (e.g.
// "SERVICE_DETAILS/TERMS_AND_CONDITIONS", "SERVICE_CLASSIFICATION/FEATURE/FNAME").
//
// # Writing
//
// Writer (see its documentation) writes what the reader reads back:
// exporting lernnetz and importing the result gives the same providers,
// offers, dates and venues in every field the format carries (the round
// trip test checks this on the demo catalogue and the real PAS 1045 file).
// Coded fields carry KURSNET's class in the type attribute and lernnetz's
// German label as text, so that KURSNET gets its classes and lernnetz
// reads back its finer vocabulary.
//
// Writing follows the schema's order: every SERVICE gets its COURSE_TYPE
// (courseType), every Veranstaltung the offer's funding types as
// FUNDING_TYPES_FEDERAL/_REGIONAL and its languages as TEACHING_LANGUAGES
// (KURSNET keeps them per date, lernnetz per offer; the reader merges them
// back into the offer), a step-free venue BARRIER_FREE_LOCATION, a delta
// UPDATE_CATALOG the export's Unix time as seq_number.
//
// Not carried, because open-Qcat has no place for them: a provider's
// description, founding year, certificates, coordinates (read back from
// the postal code) and external ids other than the BA number; an offer's
// subtitle, short description, skills, DQR level, teaching hours,
// accessibility, the flags women_specific, childcare and internship,
// status (only published offers are exported) and extensions; more than
// the first delivery mode (INSTRUCTION_FORM occurs once); price units
// (prices are totals); time patterns other than full and part time
// (INSTRUCTION_TIME); venue kinds, opening hours, equipment and
// accessibility other than step-free access. A date that is always
// available (permanent) and has a note reads back as rolling: the note
// needs a SERVICE_DATE, and a flexible start with a SERVICE_DATE is a
// rolling entry.
package openqcat
