// Package deftistest writes synthetic DEfTIS documents of any size for
// tests and benchmarks. The content is made up; it looks like the courses
// of a regional course database (a few addresses, a contact, WDB_*
// extensions) so that mapping and saving do realistic work.
package deftistest

import (
	"bufio"
	"fmt"
	"io"
)

// Catalog describes a document to generate.
type Catalog struct {
	Providers int  // number of COURSESUPPLIER records (at least 1)
	Courses   int  // number of COURSE records, spread over the providers
	Schedules int  // SCHEDULE elements per course (default 2)
	Delta     bool // DELTAUPDATE="true"; a full catalogue otherwise
}

// Write writes the document to w, streaming: memory does not grow with its
// size.
func Write(w io.Writer, c Catalog) error {
	if c.Providers < 1 {
		c.Providers = 1
	}
	if c.Schedules <= 0 {
		c.Schedules = 2
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8"?>
<DEFTISCAT MULTIDOCUMENT="false" DELTAUPDATE="%t" TIMESTAMP="2026-11-20T08:00:00">
<DATASUPPLIER>
  <DS_NAME>Synthetisches Kursportal</DS_NAME>
  <DS_ID>00000000-0000-4000-8000-000000000000</DS_ID>
</DATASUPPLIER>
<COURSESUPPLIERS>
`, c.Delta)
	for p := range c.Providers {
		fmt.Fprintf(bw, `  <COURSESUPPLIER>
    <CSS_NAME>Bildungszentrum Nummer %[1]d GmbH</CSS_NAME>
    <CSS_ID>P-%[1]d</CSS_ID>
    <ADDRESS>
      <A_NAME>Bildungszentrum Nummer %[1]d GmbH</A_NAME>
      <A_STREET>Hauptstraße %[1]d</A_STREET>
      <A_CITY>Potsdam</A_CITY>
      <A_ZIP>14467</A_ZIP>
      <A_COUNTRY>DE</A_COUNTRY>
      <A_EMAIL>info@bz%[1]d.example</A_EMAIL>
      <A_WEB>https://bz%[1]d.example</A_WEB>
    </ADDRESS>
    <CSS_QM_CERTIFICATE>DE_SGB 3</CSS_QM_CERTIFICATE>
    <CSS_WDB_QM_ZERTIFIKAT>ISO 9001:2015</CSS_WDB_QM_ZERTIFIKAT>
    <CSS_WDB_ORGANISATIONSFORM_AA typ="2" ></CSS_WDB_ORGANISATIONSFORM_AA>
    <CSS_WDB_GRUENDUNGSJAHR>1991-06-01T00:00:00</CSS_WDB_GRUENDUNGSJAHR>
  </COURSESUPPLIER>
`, p)
	}
	bw.WriteString("</COURSESUPPLIERS>\n<COURSETRANSACTIONS>\n  <INSERTCOURSES>\n")
	for i := range c.Courses {
		writeCourse(bw, i, i%c.Providers, c.Schedules)
	}
	bw.WriteString("  </INSERTCOURSES>\n</COURSETRANSACTIONS>\n</DEFTISCAT>\n")
	return bw.Flush()
}

var topics = []string{"Tabellenkalkulation", "Buchhaltung", "Projektmanagement", "Pflegehilfe", "Schweißtechnik", "Englisch im Beruf", "Webentwicklung", "Lagerlogistik"}

func writeCourse(w *bufio.Writer, i, provider, schedules int) {
	topic := topics[i%len(topics)]
	fmt.Fprintf(w, `    <COURSE>
      <CS_NAME>%[2]s für Fortgeschrittene, Kurs %[1]d</CS_NAME>
      <CS_ID>C-%[1]d</CS_ID>
      <CS_DESC_LONG>In diesem Kurs vertiefen Sie %[2]s an praktischen Beispielen aus dem Berufsalltag. Sie arbeiten in kleinen Gruppen, erhalten persönliche Rückmeldung und schließen mit einem Zertifikat ab.</CS_DESC_LONG>
      <CS_INFOLINK>https://bz%[3]d.example/kurse/%[1]d</CS_INFOLINK>
      <CS_LANGUAGE>ger</CS_LANGUAGE>
      <COURSESCHEDULES PERMANENT="false" WDB_IWWB="true" REQUEST="false">
`, i, topic, provider)
	for s := range schedules {
		month := 1 + (i+s*3)%12
		fmt.Fprintf(w, `        <SCHEDULE>
          <S_ID>C-%[1]d-S%[2]d</S_ID>
          <S_START_DATE>2027-%02[3]d-01T09:00:00</S_START_DATE>
          <S_END_DATE>2027-%02[3]d-20T16:00:00</S_END_DATE>
          <S_DURATION_NUM>120</S_DURATION_NUM>
          <S_DURATION_UNIT>Hours</S_DURATION_UNIT>
          <ADDRESS>
            <A_NAME>Schulungszentrum %[4]d</A_NAME>
            <A_STREET>Hauptstraße %[4]d</A_STREET>
            <A_CITY>Potsdam</A_CITY>
            <A_ZIP>14467</A_ZIP>
            <A_COUNTRY>DE</A_COUNTRY>
            <A_WDB_BEHINDERTENGERECHT>true</A_WDB_BEHINDERTENGERECHT>
          </ADDRESS>
          <S_WDB_BESCHR>Montag bis Freitag, 09:00-16:00 Uhr</S_WDB_BESCHR>
          <S_WDB_MASSNAHMENUMMER_AA>M-%[4]d-%[1]d</S_WDB_MASSNAHMENUMMER_AA>
        </SCHEDULE>
`, i, s+1, month, provider)
	}
	fmt.Fprintf(w, `      </COURSESCHEDULES>
      <CS_SUPPLIERID>P-%[2]d</CS_SUPPLIERID>
      <CONTACT>
        <C_NAME>Beispiel</C_NAME>
        <C_SURNAME>Kim</C_SURNAME>
        <C_POSITION>Kursberatung</C_POSITION>
        <C_PHONE>+49.331.%[2]d</C_PHONE>
        <C_EMAIL>beratung@bz%[2]d.example</C_EMAIL>
      </CONTACT>
      <CS_REQUIREMENTS>Grundkenntnisse</CS_REQUIREMENTS>
      <CS_DEGREE_EXAM>false</CS_DEGREE_EXAM>
      <CS_PRICE>%[3]d.%[4]d</CS_PRICE>
      <CS_PRICE_CURRENCY>EUR</CS_PRICE_CURRENCY>
      <CS_PRICE_TOTAL>true</CS_PRICE_TOTAL>
      <CS_CERTIFICATE>DE_SGB 3</CS_CERTIFICATE>
      <CS_WDB_KINDERBETREUUNG>false</CS_WDB_KINDERBETREUUNG>
      <CS_WDB_FRAUENSPEZIFISCH>false</CS_WDB_FRAUENSPEZIFISCH>
      <CS_WDB_ZIELGRUPPE>Beschäftigte und Arbeitsuchende</CS_WDB_ZIELGRUPPE>
      <CS_WDB_ZEITLICHEDURCHFUEHRUNG>Tagesveranstaltung</CS_WDB_ZEITLICHEDURCHFUEHRUNG>
      <CS_WDB_PROMOTION>Bildungsgutschein</CS_WDB_PROMOTION>
      <CS_WDB_TYPE>Fortbildung/Weiterbildung</CS_WDB_TYPE>
      <CS_WDB_MODE>Präsenzveranstaltung</CS_WDB_MODE>
      <CS_WDB_DEGREE_TYPE>Zertifikat/Teilnahmebestätigung</CS_WDB_DEGREE_TYPE>
      <CS_WDB_UNTERRICHTSSTUNDEN_ANZAHL>120</CS_WDB_UNTERRICHTSSTUNDEN_ANZAHL>
      <CS_WDB_TEILNEHMER_MIN>5</CS_WDB_TEILNEHMER_MIN>
      <CS_WDB_TEILNEHMER_MAX>15</CS_WDB_TEILNEHMER_MAX>
      <CS_WDB_SYSTEMATIK_AA>C 1234-%[1]d</CS_WDB_SYSTEMATIK_AA>
      <CS_WDB_PRAKTIKUM>false</CS_WDB_PRAKTIKUM>
    </COURSE>
`, i, provider, 500+i%2000, i%10)
}
