package analysis

import (
	"os"
	"strings"
	"testing"
)

// offerText is a realistic German offer of about 600 bytes.
func offerText(tb testing.TB) string {
	b, err := os.ReadFile("testdata/offer.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func BenchmarkIndex(b *testing.B) {
	a := New()
	text := offerText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		a.Index(text)
	}
}

func BenchmarkQuery(b *testing.B) {
	a := New()
	const q = "Deutschkurs B2 Saarbrücken Bildungsgutsch"
	b.SetBytes(int64(len(q)))
	b.ReportAllocs()
	for b.Loop() {
		a.Query(q)
	}
}

// BenchmarkQueryLong is a pasted text of 10,000 characters: Query looks at
// no more than the words that can give MaxQueryTerms terms.
func BenchmarkQueryLong(b *testing.B) {
	a := New()
	q := strings.Repeat("Weiterbildung zur Pflegefachkraft in Saarbrücken ", 200)[:10000]
	b.SetBytes(int64(len(q)))
	b.ReportAllocs()
	for b.Loop() {
		a.Query(q)
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadData(escoWordsGz, curatedWords, thesaurusText); err != nil {
			b.Fatal(err)
		}
	}
}
