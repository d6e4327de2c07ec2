package openqcat

import (
	"strconv"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/geo"
)

// Code lists of KURSNET ("Wertebereiche", see doc.go) and their mapping to
// lernnetz's vocabularies. Where a KURSNET class is coarser than lernnetz's
// vocabulary, the writer puts lernnetz's German label into the element's
// text and the reader takes the label back when it is one of lernnetz's,
// so that an export of lernnetz reads back unchanged while files of other
// systems map by their class number.

// deliveryByForm maps an INSTRUCTION_FORM class (unterrichtsform.dat) to a
// delivery mode. The classes 101–403 are KURSNET's current ones (the codes
// in catalogue's vocab.json); 0–9 are its older classes.
var deliveryByForm = map[int]string{
	1: "classroom", 2: "classroom", 3: "classroom", 4: "distance", 5: "e_learning",
	6: "classroom", 7: "classroom", 8: "individual_coaching", 9: "classroom",
	101: "classroom", 102: "classroom", 103: "classroom", 104: "classroom", 105: "individual_coaching",
	201: "virtual_classroom", 202: "virtual_classroom", 203: "virtual_classroom", 204: "self_study",
	205: "e_learning", 206: "e_learning",
	301: "blended", 302: "blended", 303: "blended", 304: "blended",
	401: "distance", 402: "distance", 403: "distance",
}

// timeByForm maps the older INSTRUCTION_FORM classes that name a time
// rather than a form to a time pattern.
var timeByForm = map[int]string{1: "full_time", 2: "part_time", 3: "weekend", 6: "block"}

// offerTypeByEducationType maps an EDUCATION_TYPE class (bildungsart.dat)
// to an offer type; educationTypeOf is the way back.
var offerTypeByEducationType = map[int]string{
	0: "other", 100: "general_education", 101: "further_training", 102: "other", 103: "further_training",
	104: "further_training", 105: "retraining", 106: "rehabilitation", 107: "study", 108: "study",
	109: "retraining", 110: "further_training", 130: "other",
}

var educationTypeOf = map[string]int{
	"further_training": 104, "retraining": 109, "rehabilitation": 106, "general_education": 100,
	"school_degree": 100, "study": 107, "other": 0,
}

// degreeTypeByClass maps the DEGREE type (0 öffentlich anerkannt,
// 1 Befähigungsnachweis, 2 Industriezertifikat, 3 anbieterspezifisch) to a
// degree type; degreeClassOf is the way back.
var degreeTypeByClass = map[int]string{0: "state_recognised", 1: "certificate", 2: "certificate", 3: "certificate"}

var degreeClassOf = map[string]int{
	"state_recognised": 0, "chamber_exam": 0, "school_degree": 0, "university_degree": 0,
	"language_certificate": 2, "certificate": 3, "attendance": 3, "none": 3,
}

// kindByOrgForm maps ORGANIZATIONAL_FORM (zugehoerig.dat) to a provider
// kind; orgFormOf is the way back.
var kindByOrgForm = map[int]string{
	0: "other", 1: "school", 2: "private_provider", 3: "chamber", 4: "chamber", 5: "chamber",
	6: "association", 7: "union", 8: "faith_based", 10: "private_provider",
}

var orgFormOf = map[string]int{
	"adult_education_centre": 1, "private_provider": 2, "school": 1, "university": 1, "chamber": 5,
	"company": 2, "union": 7, "library": 1, "sociocultural": 6, "counselling_centre": 8,
	"employment_agency": 1, "municipality": 1, "faith_based": 8, "association": 6, "other": 0,
}

// languages maps lernnetz's ISO 639-1 codes to the ISO 639-2 codes
// open-Qcat uses (the first is written; both B and T forms are read).
var languages = map[string][]string{
	"de": {"deu", "ger"}, "en": {"eng"}, "fr": {"fra", "fre"}, "es": {"spa"}, "it": {"ita"},
	"tr": {"tur"}, "ar": {"ara"}, "ru": {"rus"}, "uk": {"ukr"}, "pl": {"pol"}, "ro": {"ron", "rum"},
	"fa": {"fas", "per"}, "lb": {"ltz"}, "nl": {"nld", "dut"}, "pt": {"por"}, "el": {"ell", "gre"},
	"zh": {"zho", "chi"}, "ja": {"jpn"}, "dgs": {"sgn", "dgs"},
}

var languageOf = func() map[string]string {
	m := map[string]string{}
	for code, iso2 := range languages {
		for _, c := range iso2 {
			m[c] = code
		}
	}
	return m
}()

// durationClass returns KURSNET's duration class (dauerklassen.dat) of a
// date running from start to end; 0 ("keine Angabe") when unknown.
func durationClass(start, end *time.Time) int {
	if start == nil || end == nil || end.Before(*start) {
		return 0
	}
	days := end.Sub(*start).Hours()/24 + 1
	switch {
	case days <= 3:
		return 1
	case days <= 7:
		return 2
	case days <= 31:
		return 3
	case days <= 92:
		return 4
	case days <= 183:
		return 5
	case days <= 366:
		return 6
	case days <= 731:
		return 7
	case days <= 1096:
		return 8
	}
	return 9
}

// byLabel returns the code of the term of vocabulary whose German label is
// label, if there is one.
func byLabel(vocabulary, label string) (string, bool) {
	if label == "" {
		return "", false
	}
	v := catalogue.Vocab(vocabulary)
	for _, t := range v.Terms {
		if strings.EqualFold(t.DE, label) {
			return t.Code, true
		}
	}
	return "", false
}

// label returns the German label of code in vocabulary.
func label(vocabulary, code string) string {
	return catalogue.Vocab(vocabulary).Label(code, "de")
}

// kursnetCode returns the KURSNET code vocab.json gives a term, as a number.
func kursnetCode(vocabulary, code string) (int, bool) {
	t, ok := catalogue.Vocab(vocabulary).Term(code)
	if !ok || t.KURSNET == "" {
		return 0, false
	}
	n, err := strconv.Atoi(t.KURSNET)
	return n, err == nil
}

// stateCode returns the KURSNET code of a federal state given by name or
// code ("Saarland", "SAA", "DE-SL").
func stateCode(s string) string {
	for _, st := range geo.States() {
		if strings.EqualFold(s, st.Name) || s == st.KURSNET || s == st.ISO || s == st.ISO[3:] {
			return st.KURSNET
		}
	}
	return ""
}

// stateName returns the German name of the state with KURSNET code code.
func stateName(code string) string {
	for _, st := range geo.States() {
		if st.KURSNET == code {
			return st.Name
		}
	}
	return code
}

// countryCode reads COUNTRY: ISO 3166 alpha-2, the old car codes KURSNET
// files use ("D", "A") and the German names.
func countryCode(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "de", "deu", "d", "deutschland", "germany":
		return "DE"
	case "a", "at", "aut", "österreich":
		return "AT"
	case "ch", "che", "schweiz":
		return "CH"
	case "f", "fr", "fra", "frankreich":
		return "FR"
	case "l", "lu", "lux", "luxemburg":
		return "LU"
	case "nl", "nld", "niederlande":
		return "NL"
	case "b", "be", "bel", "belgien":
		return "BE"
	case "pl", "pol", "polen":
		return "PL"
	}
	if len(s) == 2 {
		return strings.ToUpper(s)
	}
	return ""
}

// federalFunding maps lernnetz's funding codes to KURSNET's federal
// funding types (foerderartenbund.dat) written as FUNDING_TYPES_FEDERAL;
// fundingByFederal is the way back, with the federal programmes lernnetz
// has no own code for.
var federalFunding = map[string]int{"aufstiegs_bafoeg": 1, "bildungsgutschein": 2, "rehabilitation": 13}

var fundingByFederal = map[int]string{
	1: "aufstiegs_bafoeg", 2: "bildungsgutschein", 4: "federal_programme", 5: "federal_programme",
	6: "federal_programme", 7: "federal_programme", 8: "federal_programme", 9: "federal_programme",
	10: "federal_programme", 11: "federal_programme", 12: "federal_programme", 13: "rehabilitation",
}

// leaveByState is KURSNET's regional funding type (foerderartenland.dat)
// for educational leave (Bildungsurlaub, Bildungszeit, Bildungsfreistellung)
// in the states that have one, by KURSNET state code.
var leaveByState = map[string]int{
	"BER": 1, "BRE": 7, "HAM": 8, "MBV": 12, "RPF": 15, "SLH": 18, "BRA": 23, "NDS": 37, "NRW": 40, "BAW": 53, "SAN": 56,
}

// fundingByRegional maps a regional funding type to a funding code:
// educational leave, or else a state programme.
func fundingByRegional(n int) string {
	for _, code := range leaveByState {
		if code == n {
			return "bildungsfreistellung"
		}
	}
	return "state_programme"
}

// teachingLanguages are the languages KURSNET lists for TEACHING_LANGUAGES
// (unterrichtssprache.dat); others are written as "oth".
var teachingLanguages = map[string]string{
	"de": "deu", "en": "eng", "fr": "fra", "nl": "nld", "pl": "pol", "it": "ita", "uk": "ukr", "ru": "rus", "es": "spa", "dgs": "dgs",
}

// courseType returns KURSNET's COURSE_TYPE of an offer: 2 study, 3 AVGS
// measure, 4 language support (German as a second language, integration),
// 5 further training, else 1 (Bildungsangebot).
func courseType(o *catalogue.Offer) int {
	switch {
	case o.Type == "study":
		return 2
	case hasCode(o.Funding, "avgs"):
		return 3
	case hasCode(o.Topics, "german_second_language") || hasCode(o.Topics, "integration"):
		return 4
	case o.Type == "further_training" || o.Type == "retraining" || o.Type == "rehabilitation":
		return 5
	}
	return 1
}

func hasCode(list []string, code string) bool {
	for _, c := range list {
		if c == code {
			return true
		}
	}
	return false
}

// institutionOf returns KURSNET's INSTITUTION class (schulart.dat) and its
// label for a provider kind: universities and schools have their own,
// everything else is an institution of further vocational training.
func institutionOf(kind string) (int, string) {
	switch kind {
	case "university":
		return 108, "Universität"
	case "school":
		return 100, "Allgemeinbildende Schule/Einrichtung"
	}
	return 105, "Einrichtung der beruflichen Weiterbildung"
}
