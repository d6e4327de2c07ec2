package geo

// StateInfo describes one of the 16 German federal states (Bundesländer) in
// the code schemes lernnetz meets.
type StateInfo struct {
	Name    string // German name, e.g. "Saarland"
	Code    string // two-digit GeoNames admin1 code, e.g. "09"
	ISO     string // ISO 3166-2 code, e.g. "DE-SL"
	KURSNET string // the Bundesagentur's code used by KURSNET, e.g. "SAA"
}

// states lists the federal states in the order of their GeoNames codes.
// The KURSNET codes follow the agency's course search (see the project
// glossary); Thüringen's code is written with its umlaut there.
var states = []StateInfo{
	{"Baden-Württemberg", "01", "DE-BW", "BAW"},
	{"Bayern", "02", "DE-BY", "BAY"},
	{"Bremen", "03", "DE-HB", "BRE"},
	{"Hamburg", "04", "DE-HH", "HAM"},
	{"Hessen", "05", "DE-HE", "HES"},
	{"Niedersachsen", "06", "DE-NI", "NDS"},
	{"Nordrhein-Westfalen", "07", "DE-NW", "NRW"},
	{"Rheinland-Pfalz", "08", "DE-RP", "RPF"},
	{"Saarland", "09", "DE-SL", "SAA"},
	{"Schleswig-Holstein", "10", "DE-SH", "SLH"},
	{"Brandenburg", "11", "DE-BB", "BRA"},
	{"Mecklenburg-Vorpommern", "12", "DE-MV", "MBV"},
	{"Sachsen", "13", "DE-SN", "SAC"},
	{"Sachsen-Anhalt", "14", "DE-ST", "SAN"},
	{"Thüringen", "15", "DE-TH", "THÜ"},
	{"Berlin", "16", "DE-BE", "BER"},
}

// States returns the 16 federal states, ordered by their GeoNames code.
func States() []StateInfo {
	return append([]StateInfo(nil), states...)
}

// stateAliases maps the English names that appear in the source data to the
// German ones.
var stateAliases = map[string]string{
	"Bavaria":                       "Bayern",
	"Lower Saxony":                  "Niedersachsen",
	"North Rhine-Westphalia":        "Nordrhein-Westfalen",
	"Rhineland-Palatinate":          "Rheinland-Pfalz",
	"Saxony":                        "Sachsen",
	"Saxony-Anhalt":                 "Sachsen-Anhalt",
	"Thuringia":                     "Thüringen",
	"Mecklenburg-Western Pomerania": "Mecklenburg-Vorpommern",
	"Land Berlin":                   "Berlin",
	"Hesse":                         "Hessen",
}

// stateIndex finds a state's index in states by any of its codes (GeoNames,
// ISO letters with or without "DE-", KURSNET) or names, German or English.
var stateIndex = func() map[string]int {
	m := make(map[string]int)
	for i, s := range states {
		m[s.Name] = i
		m[s.Code] = i
		m[s.ISO] = i
		m[s.ISO[3:]] = i
		m[s.KURSNET] = i
	}
	for alias, name := range stateAliases {
		m[alias] = m[name]
	}
	return m
}()

// lookupState returns the state for the code or name given in a row; the
// code wins when both are known.
func lookupState(code, name string) (StateInfo, bool) {
	if i, ok := stateIndex[code]; ok {
		return states[i], true
	}
	if i, ok := stateIndex[name]; ok {
		return states[i], true
	}
	return StateInfo{}, false
}
