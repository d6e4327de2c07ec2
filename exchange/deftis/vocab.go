package deftis

import (
	"regexp"
	"strings"
)

// The values below are those of DEfTIS 5.07 and of the WDB_* extensions of
// the Brandenburg course database (see GLOSSARY.md), matched loosely (case,
// spelling variants) so that other databases' wording maps too. A value that
// maps to nothing is not an error: the raw text stays in the record's
// extensions.

func has(v string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(v, w) {
			return true
		}
	}
	return false
}

// deliveryMode maps CS_MODE ("Presence course", "E-Learning/CBT/WBT",
// "Blended Learning", "Distance education", …) and CS_WDB_MODE
// ("Präsenzveranstaltung", "Virtuelles Klassenzimmer", "Einzelmaßnahme
// (Einzelbetreuung)", …) to the vocabulary "delivery_mode".
func deliveryMode(raw string) string {
	v := strings.ToLower(raw)
	switch {
	case has(v, "blended", "kombiniert", "hybrid"):
		return "blended"
	case has(v, "virtuell", "virtual", "live-online", "webinar", "online-seminar"):
		return "virtual_classroom"
	case has(v, "fernunterricht", "fernlehrgang", "fernstudium", "distance"):
		return "distance"
	case has(v, "e-learning", "elearning", "cbt", "wbt"):
		return "e_learning"
	case has(v, "selbstlern", "self-study", "self study"):
		return "self_study"
	case has(v, "einzel", "coaching", "individual"):
		return "individual_coaching"
	case has(v, "präsenz", "presence", "seminar", "workshop"):
		return "classroom"
	}
	return ""
}

// offerType maps CS_TYPE ("Continuing education/further training",
// "Occupational retraining", "Occupational rehabilitation",
// "Miscellaneous") and CS_WDB_TYPE ("Fortbildung/Weiterbildung",
// "Aktivierung/berufliche Eingliederung", …) to the vocabulary "offer_type".
// Activation measures (AVGS) have no own type and are "other".
func offerType(raw string) string {
	v := strings.ToLower(raw)
	switch {
	case has(v, "umschulung", "retraining"):
		return "retraining"
	case has(v, "reha"):
		return "rehabilitation"
	case has(v, "schulabschluss", "school"):
		return "school_degree"
	case has(v, "studium", "studiengang", "study"):
		return "study"
	case has(v, "allgemeine weiterbildung", "allgemeinbildung", "general"):
		return "general_education"
	case has(v, "fortbildung", "weiterbildung", "further training", "continuing"):
		return "further_training"
	case has(v, "aktivierung", "eingliederung", "sonstig", "miscel"):
		return "other"
	}
	return ""
}

// degreeType maps CS_DEGREE_TYPE and CS_WDB_DEGREE_TYPE ("Zertifikat/
// Teilnahmebestätigung", "staatl. anerkannter Abschluss", "IHK", …) to the
// vocabulary "degree_type". A certificate comes before an attendance
// confirmation when both are named.
func degreeType(raw string) string {
	v := strings.ToLower(raw)
	switch {
	case has(v, "staatl"):
		return "state_recognised"
	case has(v, "ihk", "hwk", "kammer"):
		return "chamber_exam"
	case has(v, "hochschul", "bachelor", "master", "universit"):
		return "university_degree"
	case has(v, "schulabschluss", "hauptschul", "realschul", "abitur"):
		return "school_degree"
	case has(v, "sprach", "telc", "goethe", "cambridge", "toefl", "dele", "delf"):
		return "language_certificate"
	case has(v, "kein", "ohne", "none"):
		return "none"
	case has(v, "zertifikat", "certificate"):
		return "certificate"
	case has(v, "teilnahme", "attendance"):
		return "attendance"
	}
	return ""
}

// Hints that a public programme ("EU/Bund/Land") is one of the EU, the
// federal government or a state, found in the offer's texts.
var (
	hintEU      = regexp.MustCompile(`(?i)\b(esf\+?|efre|eler|erasmus\+?|eu)\b|europ\S*\s+(sozialfonds|union)`)
	hintFederal = regexp.MustCompile(`(?i)bundesministerium|bundesprogramm|bundesamt|\b(bmas|bmbf|bmfsfj|bmwk|bamf)\b`)
	hintState   = regexp.MustCompile(`(?i)\bdes landes\b|\bland brandenburg\b|landesprogramm|landesmittel|landesregierung|landesförderung|\b(mwfk|mbjs|masgf|mwae)\b`)
)

// funding maps CS_WDB_PROMOTION and CS_PROMOTION values (and CS_CERTIFICATE
// codes) to the vocabulary "funding". "EU/Bund/Land" names public
// programmes without saying whose: the codes are taken from what the
// offer's texts (price info, funding note, descriptions) say about the
// money – ESF or EU → eu_programme, a federal ministry → federal_programme,
// "des Landes" or a state ministry → state_programme; with no such hint it
// maps to nothing and the offer gets a funding note instead.
// "Betriebliche Weiterbildung Brandenburg" is the state's programme.
func funding(raw, texts string) []string {
	v := strings.ToLower(raw)
	switch {
	case has(v, "bildungsgutschein", "de_sgb", "sgb 3", "sgb iii", "azav"):
		return []string{"bildungsgutschein"}
	case has(v, "aktivierungs", "avgs"):
		return []string{"avgs"}
	case has(v, "bafög", "bafoeg", "afbg"):
		return []string{"aufstiegs_bafoeg"}
	case has(v, "bildungsurlaub", "bildungsfreistellung", "de_bu"):
		return []string{"bildungsfreistellung"}
	case has(v, "reha"):
		return []string{"rehabilitation"}
	case has(v, "betriebliche weiterbildung", "bildungsscheck", "landesprogramm"):
		return []string{"state_programme"}
	case has(v, "eu/bund/land", "eu / bund / land"):
		var out []string
		if hintEU.MatchString(texts) {
			out = append(out, "eu_programme")
		}
		if hintFederal.MatchString(texts) {
			out = append(out, "federal_programme")
		}
		if hintState.MatchString(texts) {
			out = append(out, "state_programme")
		}
		return out
	case has(v, "esf", "europ"):
		return []string{"eu_programme"}
	case has(v, "bundesprogramm"):
		return []string{"federal_programme"}
	case has(v, "betrieb", "arbeitgeber"):
		return []string{"company"}
	}
	return nil
}

// timePattern maps CS_WDB_ZEITLICHEDURCHFUEHRUNG ("Tagesveranstaltung",
// "Teilzeitveranstaltung", "Wochenendveranstaltung", …) to the vocabulary
// "time_pattern". A day event (Tagesveranstaltung) runs in full days and is
// full_time.
func timePattern(raw string) string {
	v := strings.ToLower(raw)
	switch {
	case has(v, "teilzeit", "part"):
		return "part_time"
	case has(v, "vollzeit", "tagesveranstaltung", "ganztag", "full"):
		return "full_time"
	case has(v, "abend", "evening"):
		return "evening"
	case has(v, "wochenend", "weekend"):
		return "weekend"
	case has(v, "block"):
		return "block"
	}
	return ""
}

// durationUnit maps S_DURATION_UNIT (Hours, Days, Weeks, Months, Years) and
// German unit names to the vocabulary "duration_unit".
func durationUnit(raw string) string {
	switch strings.ToLower(strings.TrimSpace(raw)) {
	case "hours", "hour", "stunden", "stunde", "h":
		return "hours"
	case "days", "day", "tage", "tag":
		return "days"
	case "weeks", "week", "wochen", "woche":
		return "weeks"
	case "months", "month", "monate", "monat":
		return "months"
	case "years", "year", "jahre", "jahr":
		return "years"
	case "lessons", "lesson", "unterrichtseinheiten", "unterrichtsstunden", "ue":
		return "lessons"
	case "semesters", "semester":
		return "semesters"
	}
	return ""
}

// iso639 maps ISO 639-2 (bibliographic and terminology) codes to the ISO
// 639-1 codes of the vocabulary "language".
var iso639 = map[string]string{
	"ger": "de", "deu": "de", "eng": "en", "fre": "fr", "fra": "fr", "spa": "es", "ita": "it",
	"tur": "tr", "ara": "ar", "rus": "ru", "ukr": "uk", "pol": "pl", "rum": "ro", "ron": "ro",
	"per": "fa", "fas": "fa", "ltz": "lb", "dut": "nl", "nld": "nl", "por": "pt", "gre": "el",
	"ell": "el", "chi": "zh", "zho": "zh", "jpn": "ja", "gsg": "dgs",
}

// language maps a CS_LANGUAGE code ("ger", "deu", "de", "de-DE") to the
// vocabulary "language".
func language(raw string) string {
	v := strings.ToLower(strings.TrimSpace(raw))
	if i := strings.IndexAny(v, "-_"); i > 0 {
		v = v[:i]
	}
	if c, ok := iso639[v]; ok {
		return c
	}
	if len(v) == 2 {
		for _, c := range iso639 {
			if c == v {
				return c
			}
		}
	}
	if v == "dgs" {
		return "dgs"
	}
	return ""
}

// iso3166 maps the three-letter codes (and names) a DEfTIS CountryCode may
// use to the two-letter codes lernnetz stores.
var iso3166 = map[string]string{
	"DEU": "DE", "GER": "DE", "D": "DE", "DEUTSCHLAND": "DE", "GERMANY": "DE",
	"AUT": "AT", "CHE": "CH", "FRA": "FR", "NLD": "NL", "BEL": "BE", "LUX": "LU", "POL": "PL",
	"CZE": "CZ", "DNK": "DK", "ITA": "IT", "ESP": "ES", "GBR": "GB", "USA": "US", "IRL": "IE",
	"SWE": "SE", "NOR": "NO", "FIN": "FI", "PRT": "PT", "GRC": "GR", "HUN": "HU", "SVK": "SK",
	"SVN": "SI", "HRV": "HR", "ROU": "RO", "BGR": "BG", "TUR": "TR", "UKR": "UA", "LTU": "LT",
	"LVA": "LV", "EST": "EE", "MLT": "MT", "CYP": "CY", "LIE": "LI",
}

// country maps A_COUNTRY to an ISO 3166-1 alpha-2 code; ok is false for a
// value it cannot map.
func country(raw string) (string, bool) {
	v := strings.ToUpper(strings.TrimSpace(raw))
	if c, ok := iso3166[v]; ok {
		return c, true
	}
	if len(v) == 2 && v[0] >= 'A' && v[0] <= 'Z' && v[1] >= 'A' && v[1] <= 'Z' {
		return v, true
	}
	return "", v == ""
}

// qmCertificate maps a quality certificate named in CSS_QM_CERTIFICATE or
// CSS_WDB_QM_ZERTIFIKAT to the vocabulary "certificate"; the raw name is
// the note (it carries the version, e.g. "ISO 9001:2015").
func qmCertificate(raw string) (code, note string) {
	v := strings.ToLower(raw)
	switch {
	case has(v, "de_sgb", "sgb 3", "sgb iii", "azav"):
		return "azav", ""
	case has(v, "21001"):
		return "iso_21001", raw
	case has(v, "9001"):
		return "iso_9001", raw
	case has(v, "lqw"):
		return "lqw", raw
	case has(v, "efqm"):
		return "efqm", raw
	case has(v, "zfu", "fernunterricht"):
		return "zfu", raw
	case has(v, "bamf"):
		return "bamf", raw
	case v == "miscellanious" || v == "miscellaneous" || v == "sonstiges":
		return "other", ""
	}
	return "other", raw
}

// providerKind decides the vocabulary "provider_kind" from a provider's
// name, for DEfTIS carries no kind (WDB's CSS_WDB_ORGANISATIONSFORM_AA is a
// code whose list is not published; it is kept as an extension). In this
// order: a Volkshochschule is an adult_education_centre; a Hochschule,
// Fachhochschule or Universität (also an institute "an der Universität") is
// a university; an IHK, Handwerkskammer or other Kammer is a chamber; an
// Oberstufenzentrum, Berufsschule or Schule des Zweiten Bildungsweges is a
// school; everything else a private_provider.
func providerKind(name string) string {
	v := strings.ToLower(name)
	switch {
	case has(v, "volkshochschule", "vhs "), strings.HasPrefix(v, "vhs"):
		return "adult_education_centre"
	case has(v, "hochschule", "universität", "university", "universitaet"):
		return "university"
	case has(v, "ihk", "industrie- und handelskammer", "handwerkskammer") || kammerWord.MatchString(v):
		return "chamber"
	case has(v, "oberstufenzentrum", "berufsschule", "berufliche schule", "schule des zweiten bildungsweges", "gymnasium"):
		return "school"
	}
	return "private_provider"
}

var kammerWord = regexp.MustCompile(`\p{L}*kammer\b`)
