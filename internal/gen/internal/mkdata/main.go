// Command mkdata derives the small word lists that package gen embeds from
// the public data sets in the project's shared folder:
//
//   - data/skills.tsv.gz: every ESCO v1.2 skill (topic, German preferred
//     label and, for one topic skill in ten, the UUID of its URI), the topic
//     being assigned by the keyword rules below ("" when none fits);
//   - data/occupations.tsv.gz: every ESCO occupation, split into its
//     masculine and feminine German label, with a topic derived from its
//     ISCO-08 group;
//   - data/words.tsv.gz: the nouns of the course and provider descriptions of
//     the PAS 1045 export of WDB Brandenburg with their frequency, keeping
//     only words used by at least two different records (no contact data,
//     no person names, no sentences);
//   - data/titles.txt: the course titles of that export.
//
// Run it through "go generate ./internal/gen" with the shared data beside
// the repository; the output is committed, so builds and tests never need
// the shared folder.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/lernnetz/lernnetz/geo"
)

func main() {
	shared := flag.String("shared", "../../../shared/data", "the shared data folder")
	out := flag.String("out", "data", "output folder")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	skills(filepath.Join(*shared, "esco"), *out)
	occupations(filepath.Join(*shared, "esco"), *out)
	pas1045(filepath.Join(*shared, "pas1045", "wdb-brandenburg-2022-05-10.xml"), *out)
}

// topicRules assign an ESCO skill to a topic: the first rule one of whose
// stems occurs in the lower-cased label wins. A stem starting with ^ must
// start a word ("^führ" finds "Führung", not "durchführen").
var topicRules = []struct {
	topic string
	stems []string
}{
	{"german_second_language", []string{"deutsch"}},
	{"languages", []string{"englisch", "französisch", "spanisch", "italienisch", "polnisch", "russisch", "türkisch",
		"arabisch", "niederländisch", "portugiesisch", "chinesisch", "japanisch", "fremdsprach", "gebärdensprach",
		"schwedisch", "griechisch", "tschechisch", "ukrainisch", "rumänisch", "dänisch", "latein"}},
	{"integration", []string{"migra", "flüchtling", "interkulturell", "asyl", "integration von"}},
	{"job_application", []string{"bewerb", "lebenslauf", "stellensuche", "karriere", "berufsorientierung", "vorstellungsgespräch", "arbeitssuche"}},
	{"basic_education", []string{"lesen", "schreiben", "rechnen", "alphabet", "rechtschreib", "grundrechenart"}},
	{"school_degrees", []string{"schulabschluss", "prüfungsvorbereitung", "lehrplan"}},
	{"it", []string{"software", "programm", "datenbank", "netzwerk", "server", "ikt", "informatik", "quellcode", "cloud",
		"cyber", "algorithm", "betriebssystem", "^web", "^it-", "computersystem", "anwendungsentwicklung", "skript", "sql", "java",
		"python", "linux", "firewall", "daten"}},
	{"digital_skills", []string{"digital", "online", "internet", "computer", "e-mail", "tabellenkalkulation",
		"textverarbeitung", "soziale medien", "bürosoftware", "präsentationssoftware", "smartphone"}},
	{"care", []string{"^pflegeb", "^pflegek", "^pflegep", "^pflegeh", "^pflegeei", "^pflegedi", "^pflegeri", "^pflegef",
		"altenpflege", "krankenpflege", "patient", "^betreu", "senior", "älterer", "demenz", "palliativ", "bewohner"}},
	{"health", []string{"gesundheit", "medizin", "therap", "kranken", "ernährung", "hygiene", "erste hilfe", "arznei",
		"klinisch", "physio", "fitness", "sport", "massage", "zahn", "diät", "rehabilitation", "entspannung"}},
	{"social_education", []string{"kinder", "erzieh", "pädagog", "sozialarbeit", "jugend", "unterricht", "^lehr", "schüler",
		"bildung", "sozial", "beratung", "klient"}},
	{"gastronomy", []string{"^koch", "küche", "speise", "getränk", "lebensmittel", "gäst", "hotel", "wein", "bäck", "gastronom",
		"restaurant", "^bar", "kaffee", "fleisch", "backwaren", "menü", "bewirtung"}},
	{"logistics", []string{"^lager", "transport", "logistik", "versand", "gabelstapler", "fracht", "liefer", "zoll", "fahrzeug",
		"^fahr", "ladung", "spedition", "container", "^kran", "schiff", "^flug", "gefahrgut"}},
	{"crafts", []string{"schweiß", "metall", "holz", "elektr", "install", "maschin", "werkzeug", "^bau", "montage", "reparatur",
		"mechan", "tischler", "maler", "sanitär", "heizung", "^löt", "schleif", "^bohr", "^dach", "fliesen", "beton", "rohr",
		"anlage", "motor", "werkstück", "material", "textil", "^näh", "^glas", "^stein", "kunststoff", "^druck"}},
	{"business", []string{"buchhalt", "rechnung", "steuer", "finanz", "verkauf", "marketing", "kunde", "vertrieb", "büro",
		"einkauf", "controlling", "kalkul", "lohn", "budget", "kosten", "^preis", "vertrag", "versicherung", "^bank", "handel",
		"waren", "bestell", "^akte", "dokument", "verwaltung"}},
	{"management", []string{"^führ", "^leit", "manag", "projekt", "strateg", "personal", "organis", "verhandl", "team",
		"mitarbeiter", "qualität", "planung", "koordin", "überwach", "beaufsichtig", "delegier", "entscheid"}},
	{"culture", []string{"kunst", "musik", "theater", "film", "kultur", "tanz", "foto", "gestalt", "design", "literatur",
		"künstler", "bühne", "instrument", "^mal", "^zeichn", "museum", "gesang", "kreativ", "medien"}},
	{"society", []string{"^recht", "politi", "gesellschaft", "umwelt", "nachhalt", "ethik", "bürger", "religi", "geschicht",
		"gesetz", "klima", "energie", "natur", "^tier", "landwirt", "öffentlich", "sicherheit", "kommunikation"}},
}

var wordBreaks = strings.NewReplacer("-", " ", "/", " ", "(", " ", ",", " ")

func topicOf(label string) string {
	l := strings.ToLower(label)
	spaced := " " + wordBreaks.Replace(l)
	for _, r := range topicRules {
		for _, s := range r.stems {
			if w, ok := strings.CutPrefix(s, "^"); ok && strings.Contains(spaced, " "+w) || !ok && strings.Contains(l, s) {
				return r.topic
			}
		}
	}
	return ""
}

func readCSV(path string) []map[string]string {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		log.Fatalf("%s: %v", path, err)
	}
	var out []map[string]string
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			if i < len(row) {
				m[h] = row[i]
			}
		}
		out = append(out, m)
	}
	return out
}

func clean(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\t", " ")), " ")
}

func skills(dir, out string) {
	var lines []string
	seen := map[string]bool{}
	for _, r := range readCSV(filepath.Join(dir, "all_skills.csv")) {
		uri, label := r["concept_uri"], clean(r["preferred_label"])
		const prefix = "http://data.europa.eu/esco/skill/"
		if !strings.HasPrefix(uri, prefix) || label == "" || seen[label] {
			continue
		}
		seen[label] = true
		lines = append(lines, topicOf(label)+"\t"+label+"\t"+strings.TrimPrefix(uri, prefix))
	}
	// Keep the URI of one topic skill in ten: enough for Offer.Skills, and
	// random UUIDs would triple the file.
	slices.Sort(lines)
	for i, l := range lines {
		if f := strings.Split(l, "\t"); f[0] == "" || i%10 != 0 {
			lines[i] = f[0] + "\t" + f[1]
		}
	}
	writeGz(filepath.Join(out, "skills.tsv.gz"), lines)
}

// iscoTopic maps ISCO-08 groups (longest prefix first) to topics.
var iscoTopic = []struct{ prefix, topic string }{
	{"2221", "care"}, {"2222", "care"}, {"3221", "care"}, {"3222", "care"}, {"5321", "care"}, {"5322", "care"},
	{"2611", "society"}, {"2612", "society"}, {"2634", "health"}, {"2635", "social_education"}, {"2636", "society"},
	{"341", "social_education"}, {"342", "health"}, {"343", "culture"}, {"512", "gastronomy"}, {"513", "gastronomy"},
	{"531", "social_education"},
	{"11", "management"}, {"12", "management"}, {"13", "management"}, {"14", "management"},
	{"21", "crafts"}, {"22", "health"}, {"23", "social_education"}, {"24", "business"}, {"25", "it"}, {"26", "culture"},
	{"31", "crafts"}, {"32", "health"}, {"33", "business"}, {"35", "it"},
	{"41", "business"}, {"42", "business"}, {"43", "business"}, {"44", "business"},
	{"51", "society"}, {"52", "business"}, {"53", "care"}, {"54", "society"},
	{"71", "crafts"}, {"72", "crafts"}, {"73", "crafts"}, {"74", "crafts"}, {"75", "crafts"},
	{"81", "crafts"}, {"82", "crafts"}, {"83", "logistics"}, {"93", "logistics"}, {"96", "logistics"},
	{"91", "gastronomy"}, {"94", "gastronomy"},
}

func occupations(dir, out string) {
	var lines []string
	seen := map[string]bool{}
	for _, r := range readCSV(filepath.Join(dir, "occupations_de.csv")) {
		label := clean(r["preferredLabel"])
		topic := ""
		for _, m := range iscoTopic {
			if strings.HasPrefix(r["iscoGroup"], m.prefix) {
				topic = m.topic
				break
			}
		}
		if label == "" || topic == "" || seen[label] {
			continue
		}
		seen[label] = true
		masc, fem := label, label
		if parts := strings.Split(label, "/"); len(parts) == 2 && parts[0] != "" && parts[1] != "" {
			masc, fem = parts[0], parts[1]
		}
		lines = append(lines, topic+"\t"+masc+"\t"+fem)
	}
	slices.Sort(lines)
	writeGz(filepath.Join(out, "occupations.tsv.gz"), lines)
}

// textElements are the PAS 1045 elements whose prose is mined for nouns.
var textElements = map[string]bool{
	"CSS_WDB_KOMPETENZEN": true, "CSS_DESC": true, "CS_DESC_LONG": true, "CS_WDB_ZIELGRUPPE": true,
	"CS_REQUIREMENTS": true, "S_WDB_BESCHR": true, "CS_NAME": true, "CSS_WDB_REFERENZEN": true,
}

// personElements hold names of people: their words are never kept.
var personElements = map[string]bool{"C_NAME": true, "C_SURNAME": true, "C_TITLE": true, "A_STREET": true}

func pas1045(path, out string) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if !strings.EqualFold(label, "ISO-8859-15") && !strings.EqualFold(label, "ISO-8859-1") {
			return nil, fmt.Errorf("unexpected charset %s", label)
		}
		return charmap.ISO8859_15.NewDecoder().Reader(in), nil
	}
	type stat struct{ count, records, lower int }
	words := map[string]*stat{}
	lowerCount := map[string]int{}
	banned := map[string]bool{}
	var titles []string
	var stack []string
	record := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatalf("%s: %v", path, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			if t.Name.Local == "COURSESUPPLIER" || t.Name.Local == "COURSE" {
				record++
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			el := stack[len(stack)-1]
			text := string(t)
			if personElements[el] {
				for _, w := range splitWords(text) {
					banned[w] = true
				}
				continue
			}
			if !textElements[el] {
				continue
			}
			if el == "CS_NAME" {
				if s := clean(text); s != "" && !slices.Contains(titles, s) {
					titles = append(titles, s)
				}
			}
			seenHere := map[string]bool{}
			for _, w := range splitWords(text) {
				r, _ := utf8.DecodeRuneInString(w)
				if !unicode.IsUpper(r) {
					lowerCount[strings.ToLower(w)]++
					continue
				}
				s := words[w]
				if s == nil {
					s = &stat{}
					words[w] = s
				}
				s.count++
				if !seenHere[w] {
					seenHere[w] = true
					s.records = record // last record seen; counted below
				}
			}
			for w := range seenHere {
				words[w].lower++ // number of text elements using the word
			}
		}
	}
	var lines []string
	for w, s := range words {
		if s.lower < 2 || banned[w] || pronouns[w] || legal[w] || isPlace(w) || utf8.RuneCountInString(w) < 4 || lowerCount[strings.ToLower(w)] >= s.count {
			continue
		}
		if strings.ToUpper(w) == w && utf8.RuneCountInString(w) > 5 {
			continue // shouted headings
		}
		lines = append(lines, fmt.Sprintf("%s\t%d", w, s.count))
	}
	slices.Sort(lines)
	writeGz(filepath.Join(out, "words.tsv.gz"), lines)
	slices.Sort(titles)
	if err := os.WriteFile(filepath.Join(out, "titles.txt"), []byte(strings.Join(titles, "\n")+"\n"), 0o644); err != nil {
		log.Fatal(err)
	}
}

// legal are legal forms of organisations.
var legal = map[string]bool{"GmbH": true, "gGmbH": true, "mbH": true, "KG": true, "Co": true, "e.V": true}

// isPlace reports whether w names a German place: place names say nothing
// about a course's subject (and the Brandenburg export has many).
func isPlace(w string) bool {
	_, ok := geo.Default().Place(w)
	return ok
}

// pronouns are capitalised function words that are not nouns.
var pronouns = map[string]bool{"Unsere": true, "Unser": true, "Unserer": true, "Unseren": true, "Unserem": true,
	"Ihnen": true, "Ihre": true, "Ihren": true, "Ihrer": true, "Ihrem": true, "Diese": true, "Dieser": true,
	"Dieses": true, "Diesen": true, "Alle": true, "Allen": true, "Viele": true, "Vielen": true, "Weitere": true,
	"Dabei": true, "Darüber": true, "Durch": true, "Neben": true, "Dazu": true, "Hierbei": true, "Sowohl": true}

// splitWords returns the words of s: letters, with inner hyphens.
func splitWords(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		f = strings.Trim(f, "-")
		if f != "" && !strings.Contains(f, "--") {
			out = append(out, f)
		}
	}
	return out
}

func writeGz(path string, lines []string) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write([]byte(strings.Join(lines, "\n") + "\n"))
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%s: %d lines, %d bytes", path, len(lines), buf.Len())
}
