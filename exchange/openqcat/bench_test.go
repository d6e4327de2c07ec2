package openqcat_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/lernnetz/lernnetz/exchange/openqcat"
)

// BenchmarkReader reads a delivery of 5,000 Bildungsangebote with two
// Veranstaltungen each (UTF-8) and reports the throughput.
func BenchmarkReader(b *testing.B) {
	var doc bytes.Buffer
	doc.WriteString(head + "<NEW_CATALOG>\n")
	for i := range 5000 {
		fmt.Fprintf(&doc, `<SERVICE mode="new"><PRODUCT_ID>A%d</PRODUCT_ID><COURSE_TYPE>5</COURSE_TYPE><SERVICE_DETAILS><TITLE>Fachkraft für Lagerlogistik %d</TITLE>
<DESCRIPTION_LONG>Wareneingang, Lagerung, Versand und Kommissionierung – mit Staplerschein und Prüfung vor der IHK.</DESCRIPTION_LONG>
<SERVICE_MODULE><EDUCATION type="true"><COURSE_ID>A%d</COURSE_ID><EXTENDED_INFO><INSTITUTION type="105"/><INSTRUCTION_FORM type="101"/><EDUCATION_TYPE type="109"/></EXTENDED_INFO><MODULE_COURSE/></EDUCATION></SERVICE_MODULE></SERVICE_DETAILS>
<SERVICE_PRICE_DETAILS><SERVICE_PRICE><PRICE_AMOUNT>14990.00</PRICE_AMOUNT></SERVICE_PRICE></SERVICE_PRICE_DETAILS></SERVICE>
`, i, i, i)
		for j := range 2 {
			fmt.Fprintf(&doc, `<SERVICE><PRODUCT_ID>A%d-%d</PRODUCT_ID><COURSE_TYPE>5</COURSE_TYPE><SERVICE_DETAILS><TITLE/><SERVICE_DATE><START_DATE>2026-03-02T08:00:00+01:00</START_DATE><END_DATE>2028-02-29T15:30:00+01:00</END_DATE></SERVICE_DATE>
<SERVICE_MODULE><EDUCATION type="false"><COURSE_ID>A%d</COURSE_ID><EXTENDED_INFO><INSTITUTION type="105"/><INSTRUCTION_FORM type="101"/><INSTRUCTION_TIME type="1"/><EDUCATION_TYPE type="109"/></EXTENDED_INFO>
<MODULE_COURSE><MAX_PARTICIPANTS>16</MAX_PARTICIPANTS><LOCATION><NAME>Lagerhalle</NAME><STREET>Hochstraße 150</STREET><ZIP>66115</ZIP><CITY>Saarbrücken</CITY><ID_DB>%d</ID_DB></LOCATION><DURATION type="8"><DATE_REMARKS>24 Monate</DATE_REMARKS></DURATION><FLEXIBLE_START>false</FLEXIBLE_START></MODULE_COURSE></EDUCATION></SERVICE_MODULE></SERVICE_DETAILS></SERVICE>
`, i, j, i, j)
		}
	}
	doc.WriteString("</NEW_CATALOG></OPENQCAT>\n")
	b.SetBytes(int64(doc.Len()))
	b.ResetTimer()
	for range b.N {
		r := openqcat.NewReader(bytes.NewReader(doc.Bytes()), openqcat.WithGazetteer(noPlaces{}))
		offers := 0
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if rec.Offer != nil && len(rec.Offer.Dates) == 2 && len(rec.Problems) == 0 {
				offers++
			}
		}
		if offers != 5000 {
			b.Fatalf("%d whole offers, want 5000", offers)
		}
	}
}
