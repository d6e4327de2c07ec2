package gen

// The curated lists below are written for this generator: course subjects,
// title patterns and sentence frames in the style of German course
// catalogues (Volkshochschulen, private providers, chambers). The long tail
// of words comes from the embedded ESCO and PAS 1045 lists (data.go).

// topicProfile says what the offers of one topic look like.
type topicProfile struct {
	code     string
	weight   float64  // share of offers
	subjects []string // course subjects, most common first
	// retrain is the share of offers that train for an occupation (ESCO)
	// instead of a subject: retraining and long further training.
	retrain  float64
	hours    [2]int // teaching hours
	price    [2]int // euros for a whole course
	free     float64
	funding  []choice // code with its probability (independent draws)
	degrees  choices
	online   float64 // share of offers delivered online only
	evening  float64 // share of dates in the evening
	langCode map[string]string
}

var defaultDegrees = newChoices(choice{"attendance", 45}, choice{"certificate", 25}, choice{"none", 12}, choice{"", 18})
var jobDegrees = newChoices(choice{"certificate", 55}, choice{"attendance", 25}, choice{"chamber_exam", 10}, choice{"", 10})

var topicProfiles = []topicProfile{
	{code: "languages", weight: 12, hours: [2]int{16, 80}, price: [2]int{60, 450}, free: 0.02, online: 0.15, evening: 0.6,
		subjects: []string{"Englisch", "Spanisch", "Französisch", "Italienisch", "Business English", "Niederländisch",
			"Portugiesisch", "Polnisch", "Russisch", "Türkisch", "Arabisch", "Chinesisch", "Japanisch", "Luxemburgisch",
			"Schwedisch", "Griechisch", "Deutsche Gebärdensprache", "Englisch für den Beruf", "Französisch für Grenzgänger",
			"Ukrainisch", "Norwegisch", "Koreanisch", "Latein", "Dänisch", "Tschechisch", "Rumänisch"},
		langCode: map[string]string{"Englisch": "en", "Business English": "en", "Englisch für den Beruf": "en", "Spanisch": "es",
			"Französisch": "fr", "Französisch für Grenzgänger": "fr", "Italienisch": "it", "Niederländisch": "nl",
			"Portugiesisch": "pt", "Polnisch": "pl", "Russisch": "ru", "Türkisch": "tr", "Arabisch": "ar", "Chinesisch": "zh",
			"Japanisch": "ja", "Luxemburgisch": "lb", "Griechisch": "el", "Deutsche Gebärdensprache": "dgs", "Ukrainisch": "uk",
			"Rumänisch": "ro"},
		funding: []choice{{"bildungsfreistellung", 0.15}, {"company", 0.04}},
		degrees: newChoices(choice{"attendance", 50}, choice{"language_certificate", 25}, choice{"certificate", 15}, choice{"", 10})},
	{code: "german_second_language", weight: 6, hours: [2]int{100, 700}, price: [2]int{150, 1500}, free: 0.3, online: 0.1, evening: 0.2,
		subjects: []string{"Deutsch als Fremdsprache", "Deutsch als Zweitsprache", "Integrationskurs", "Berufssprachkurs Deutsch",
			"Deutsch für den Beruf", "Alphabetisierungskurs", "Deutsch für Pflegekräfte", "Deutsch im Alltag",
			"Deutsch für Ärztinnen und Ärzte", "Deutsch-Test für Zuwanderer", "Jugendintegrationskurs", "Elternintegrationskurs",
			"Deutsch für Geflüchtete", "Deutsch Konversation"},
		funding: []choice{{"federal_programme", 0.45}, {"bildungsgutschein", 0.1}},
		degrees: newChoices(choice{"language_certificate", 55}, choice{"attendance", 35}, choice{"", 10})},
	{code: "integration", weight: 2, hours: [2]int{4, 100}, price: [2]int{0, 200}, free: 0.6, online: 0.1, evening: 0.3,
		subjects: []string{"Orientierungskurs", "Leben in Deutschland", "Interkulturelle Kompetenz", "Anerkennung ausländischer Abschlüsse",
			"Erstorientierung", "Migrationsberatung", "Ankommen im Saarland", "Frauen in Deutschland", "Interkulturelles Training"},
		funding: []choice{{"federal_programme", 0.3}, {"state_programme", 0.2}, {"eu_programme", 0.1}},
		degrees: defaultDegrees},
	{code: "it", weight: 10, retrain: 0.12, hours: [2]int{16, 600}, price: [2]int{250, 6500}, free: 0.02, online: 0.35, evening: 0.25,
		subjects: []string{"Python", "Java", "JavaScript", "SQL", "Linux", "Netzwerktechnik", "IT-Sicherheit", "Cloud Computing", "SAP",
			"Webentwicklung", "Datenbanken", "Microsoft Azure", "Kubernetes", "Data Science", "Künstliche Intelligenz",
			"Machine Learning", "PHP", "C#", "ITIL", "Scrum", "AutoCAD", "Cybersecurity", "Power BI", "DevOps", "Docker",
			"Amazon Web Services", "Softwaretest", "React", "TypeScript", "Datenschutz und Informationssicherheit", "SAP S/4HANA",
			"Programmierung", "Fachinformatik Systemintegration", "Fachinformatik Anwendungsentwicklung", "CCNA", "Excel VBA"},
		funding: []choice{{"bildungsgutschein", 0.4}, {"company", 0.08}, {"bildungsfreistellung", 0.05}},
		degrees: jobDegrees},
	{code: "digital_skills", weight: 8, hours: [2]int{3, 40}, price: [2]int{20, 350}, free: 0.12, online: 0.25, evening: 0.4,
		subjects: []string{"Excel", "Word", "PowerPoint", "Microsoft Office", "Computer für Einsteiger", "Smartphone", "Tablet",
			"Internet", "Online-Banking", "Social Media", "Bildbearbeitung", "Digitale Medien", "E-Mail", "Videokonferenzen",
			"KI im Alltag", "ChatGPT", "Homepage mit WordPress", "Outlook", "Microsoft Teams", "10-Finger-Schreiben",
			"Digitale Fotografie", "Sicher im Netz", "Canva", "Windows 11", "Apple iPad", "Android-Smartphone"},
		funding: []choice{{"bildungsgutschein", 0.08}, {"bildungsfreistellung", 0.08}},
		degrees: defaultDegrees},
	{code: "business", weight: 10, retrain: 0.15, hours: [2]int{12, 900}, price: [2]int{150, 7500}, free: 0.02, online: 0.3, evening: 0.35,
		subjects: []string{"Buchhaltung", "Lohn- und Gehaltsabrechnung", "DATEV", "Kaufmännische Grundlagen", "Steuerrecht", "Controlling",
			"Marketing", "Online-Marketing", "Vertrieb", "Büromanagement", "Existenzgründung", "Finanzbuchhaltung", "Betriebswirtschaft",
			"Rechnungswesen", "Kostenrechnung", "Einkauf", "Bilanzbuchhaltung", "Personalwesen", "Immobilienwirtschaft",
			"Geprüfter Wirtschaftsfachwirt", "Geprüfte Bilanzbuchhalterin", "Lexware", "Kundenservice", "E-Commerce", "Verkaufstraining",
			"Kaufleute für Büromanagement", "Versicherungswesen"},
		funding: []choice{{"bildungsgutschein", 0.35}, {"aufstiegs_bafoeg", 0.08}, {"company", 0.06}, {"bildungsfreistellung", 0.06}},
		degrees: jobDegrees},
	{code: "management", weight: 8, retrain: 0.05, hours: [2]int{8, 200}, price: [2]int{190, 3900}, free: 0.02, online: 0.3, evening: 0.15,
		subjects: []string{"Projektmanagement", "Führungskompetenz", "Personalführung", "Qualitätsmanagement", "Zeitmanagement",
			"Konfliktmanagement", "Agiles Arbeiten", "Change Management", "Prozessmanagement", "Kommunikation", "Moderation",
			"Rhetorik", "Präsentation", "Verhandlungsführung", "Ausbildung der Ausbilder", "Selbstmanagement", "Teamentwicklung",
			"Gesundes Führen", "Lean Management", "PRINCE2", "Kanban", "Mitarbeitergespräche", "Stressmanagement"},
		funding: []choice{{"bildungsgutschein", 0.2}, {"aufstiegs_bafoeg", 0.05}, {"company", 0.12}, {"bildungsfreistellung", 0.1}},
		degrees: jobDegrees},
	{code: "care", weight: 6, retrain: 0.25, hours: [2]int{8, 1600}, price: [2]int{90, 9000}, free: 0.03, online: 0.08, evening: 0.1,
		subjects: []string{"Pflegehilfe", "Altenpflege", "Pflegefachkraft", "Betreuungskraft nach § 53c SGB XI", "Demenz", "Palliativpflege",
			"Pflegeassistenz", "Wundmanagement", "Expertenstandards in der Pflege", "Praxisanleitung", "Hauswirtschaft",
			"Pflegedokumentation", "Kinästhetik", "Basale Stimulation", "Pflegeberatung", "Intensivpflege", "Erste Hilfe in der Pflege",
			"Alltagsbegleitung", "Häusliche Pflege", "Pflege von Angehörigen"},
		funding: []choice{{"bildungsgutschein", 0.45}, {"aufstiegs_bafoeg", 0.03}, {"company", 0.05}},
		degrees: newChoices(choice{"certificate", 45}, choice{"state_recognised", 25}, choice{"attendance", 25}, choice{"", 5})},
	{code: "social_education", weight: 4, retrain: 0.2, hours: [2]int{8, 1200}, price: [2]int{60, 6000}, free: 0.05, online: 0.1, evening: 0.2,
		subjects: []string{"Erzieher", "Erzieherin", "Kinderpflege", "Kindertagespflege", "Sozialassistenz", "Inklusion", "Frühpädagogik",
			"Schulbegleitung", "Sprachförderung in der Kita", "Elternarbeit", "Heilpädagogik", "Medienpädagogik",
			"Erlebnispädagogik", "Gewaltprävention", "Lerntherapie", "Jugendarbeit"},
		funding: []choice{{"bildungsgutschein", 0.3}, {"state_programme", 0.08}, {"aufstiegs_bafoeg", 0.05}},
		degrees: newChoices(choice{"certificate", 40}, choice{"state_recognised", 25}, choice{"attendance", 30}, choice{"", 5})},
	{code: "crafts", weight: 7, retrain: 0.18, hours: [2]int{8, 1200}, price: [2]int{120, 9500}, free: 0.01, online: 0.03, evening: 0.2,
		subjects: []string{"Schweißen", "Schweißkurs MAG", "WIG-Schweißen", "E-Hand-Schweißen", "CNC-Technik", "Elektrofachkraft",
			"Elektrofachkraft für festgelegte Tätigkeiten", "SPS-Programmierung", "Metallbearbeitung", "Holzbearbeitung",
			"Photovoltaik", "Wärmepumpen", "Meistervorbereitung", "Kfz-Technik", "Hochvolttechnik", "Mechatronik", "Pneumatik",
			"Hydraulik", "Technisches Zeichnen", "Löttechnik", "Fliesenlegen", "Trockenbau", "Malerarbeiten", "Schreinern",
			"Sanitär, Heizung, Klima", "Gebäudetechnik", "Industriemeister Metall", "Schweissen"},
		funding: []choice{{"bildungsgutschein", 0.4}, {"aufstiegs_bafoeg", 0.12}, {"company", 0.08}},
		degrees: newChoices(choice{"certificate", 45}, choice{"chamber_exam", 25}, choice{"attendance", 20}, choice{"", 10})},
	{code: "logistics", weight: 4, retrain: 0.15, hours: [2]int{8, 700}, price: [2]int{90, 6000}, free: 0.01, online: 0.05, evening: 0.1,
		subjects: []string{"Gabelstapler", "Staplerschein", "Berufskraftfahrer", "Modul 95", "Lagerlogistik", "Fachkraft für Lagerlogistik",
			"Ladungssicherung", "Gefahrgut ADR", "Kranführerschein", "Flurförderzeuge", "Disposition", "Spedition", "Zollabwicklung",
			"Führerschein Klasse C", "Führerschein CE", "Lagerwirtschaft", "Fahrerkarte und Tachograph", "Logistikmanagement"},
		funding: []choice{{"bildungsgutschein", 0.5}, {"company", 0.1}},
		degrees: newChoices(choice{"certificate", 60}, choice{"chamber_exam", 10}, choice{"attendance", 20}, choice{"", 10})},
	{code: "gastronomy", weight: 2, retrain: 0.15, hours: [2]int{4, 600}, price: [2]int{30, 5000}, free: 0.03, online: 0.03, evening: 0.3,
		subjects: []string{"Hygieneschulung", "Lebensmittelhygiene", "Barista", "Servicekraft", "Küchenhilfe", "Hotelfach", "Catering",
			"Systemgastronomie", "Weinseminar", "Gastronomie kompakt", "Koch", "Köchin", "Patisserie", "Frühstücksservice"},
		funding: []choice{{"bildungsgutschein", 0.3}},
		degrees: jobDegrees},
	{code: "basic_education", weight: 2, hours: [2]int{20, 200}, price: [2]int{0, 150}, free: 0.65, online: 0.05, evening: 0.3,
		subjects: []string{"Lesen und Schreiben", "Rechnen im Alltag", "Grundbildung", "Alphabetisierung", "Mathematik Grundlagen",
			"Rechtschreibung", "Lesen lernen", "Schreiben im Beruf", "Grundkompetenzen"},
		funding: []choice{{"state_programme", 0.3}, {"eu_programme", 0.15}},
		degrees: defaultDegrees},
	{code: "school_degrees", weight: 1.5, hours: [2]int{200, 1400}, price: [2]int{0, 2500}, free: 0.5, online: 0.1, evening: 0.5,
		subjects: []string{"Hauptschulabschluss", "Mittlerer Bildungsabschluss", "Realschulabschluss", "Abitur", "Fachhochschulreife",
			"Externenprüfung", "Abendgymnasium", "Abendrealschule", "Allgemeine Hochschulreife"},
		funding: []choice{{"state_programme", 0.25}, {"bildungsgutschein", 0.1}, {"aufstiegs_bafoeg", 0.05}},
		degrees: newChoices(choice{"school_degree", 85}, choice{"attendance", 10}, choice{"", 5})},
	{code: "culture", weight: 6, hours: [2]int{4, 60}, price: [2]int{25, 380}, free: 0.06, online: 0.08, evening: 0.55,
		subjects: []string{"Malen", "Zeichnen", "Aquarellmalerei", "Fotografie", "Töpfern", "Gitarre", "Klavier", "Chor", "Theater",
			"Tanz", "Kreatives Schreiben", "Nähen", "Kochen", "Italienische Küche", "Goldschmieden", "Filmen mit dem Smartphone",
			"Salsa", "Ölmalerei", "Kalligrafie", "Stadtführung", "Kunstgeschichte", "Ukulele", "Improvisationstheater", "Schmuck gestalten"},
		funding: []choice{{"bildungsfreistellung", 0.03}},
		degrees: defaultDegrees},
	{code: "health", weight: 8, retrain: 0.06, hours: [2]int{4, 60}, price: [2]int{25, 420}, free: 0.05, online: 0.12, evening: 0.55,
		subjects: []string{"Yoga", "Pilates", "Rückenschule", "Erste Hilfe", "Entspannung", "Autogenes Training", "Ernährung",
			"Stressbewältigung", "Achtsamkeit", "Qigong", "Zumba", "Aquafitness", "Betriebliches Gesundheitsmanagement",
			"Progressive Muskelentspannung", "Tai Chi", "Hatha Yoga", "Faszientraining", "Gesund abnehmen", "Meditation",
			"Erste-Hilfe-Kurs", "Wirbelsäulengymnastik", "Nordic Walking", "Medizinische Fachangestellte", "Pflege von Zähnen"},
		funding: []choice{{"bildungsfreistellung", 0.04}, {"company", 0.05}},
		degrees: defaultDegrees},
	{code: "society", weight: 3, hours: [2]int{2, 40}, price: [2]int{0, 150}, free: 0.3, online: 0.2, evening: 0.65,
		subjects: []string{"Politische Bildung", "Nachhaltigkeit", "Klimaschutz", "Erbrecht", "Mietrecht", "Verbraucherrecht", "Philosophie",
			"Geschichte des Saarlandes", "Ehrenamt", "Vereinsrecht", "Europa", "Demokratie", "Vorsorgevollmacht", "Energiesparen",
			"Patientenverfügung", "Umweltbildung", "Medienkompetenz", "Geldanlage", "Rente und Altersvorsorge"},
		funding: []choice{{"bildungsfreistellung", 0.1}, {"state_programme", 0.05}},
		degrees: defaultDegrees},
	{code: "job_application", weight: 3.5, hours: [2]int{4, 240}, price: [2]int{0, 2500}, free: 0.3, online: 0.2, evening: 0.1,
		subjects: []string{"Bewerbungstraining", "Bewerbungsunterlagen", "Vorstellungsgespräch", "Berufliche Orientierung", "Jobcoaching",
			"Wiedereinstieg in den Beruf", "Karriereplanung", "Coaching", "Berufliche Neuorientierung", "Bewerben mit 50 plus",
			"Perspektiven für Frauen", "Online bewerben", "Berufswegeplanung", "Aktivierung und berufliche Eingliederung"},
		funding: []choice{{"avgs", 0.5}, {"federal_programme", 0.05}, {"eu_programme", 0.05}},
		degrees: defaultDegrees},
}

var topicW = func() weighted {
	var ws []float64
	for _, t := range topicProfiles {
		ws = append(ws, t.weight)
	}
	return newWeighted(ws)
}()

// Levels of language courses (GER).
var cefr = []string{"A1", "A1", "A2", "A2", "B1", "B1", "B2", "C1"}

// Title patterns; {S} is the subject, {L} a language level.
var (
	titlePatterns = newPatternList(
		"{S}", 16, "{S} – Grundlagen", 6, "Grundlagen {S}", 4, "{S} für Einsteiger", 5, "{S} für Anfänger", 3,
		"{S} für Fortgeschrittene", 3, "{S} Aufbaukurs", 3, "{S} kompakt", 3, "Intensivkurs {S}", 2, "Kurs: {S}", 2,
		"{S}-Kurs", 2, "Weiterbildung {S}", 6, "Weiterbildung: {S}", 2, "Online-Kurs {S}", 3, "{S} online", 2,
		"Workshop {S}", 3, "Seminar {S}", 3, "{S} – Seminar", 1, "Lehrgang {S}", 2, "Zertifikatslehrgang {S}", 2,
		"{S} in der Praxis", 3, "{S}: Praxiswissen für den Beruf", 2, "{S} am Wochenende", 1, "Bildungsurlaub: {S}", 1,
		"{S} für Beschäftigte", 1, "Fit für {S}", 1, "Einführung in {S}", 3, "{S} Update", 1, "{S} Vertiefung", 1,
		"Abendkurs {S}", 1, "{S} für Frauen", 0.3, "{S} 50 plus", 0.3)
	languagePatterns = newPatternList(
		"{S} {L}", 10, "{S} für Anfänger (A1)", 3, "{S} {L} – Kurs am Abend", 2, "{S} Konversation {L}", 2, "{S} {L} kompakt", 1,
		"Bildungsurlaub: {S} {L}", 1, "{S} {L} online", 2, "Intensivkurs {S} {L}", 1, "{S} auffrischen ({L})", 1,
		"{S} für die Reise", 1, "{S} {L} – Prüfungsvorbereitung", 1)
	occupationPatterns = newPatternList(
		"Umschulung {O}", 4, "Weiterbildung {O}", 3, "Qualifizierung {O}", 2, "Vorbereitung auf die Externenprüfung: {O}", 1,
		"Anpassungsqualifizierung {O}", 1, "{O} – berufsbegleitende Weiterbildung", 1, "Quereinstieg {O}", 1, "{O} (IHK)", 1)
)

type patternList struct {
	ps []string
	w  weighted
}

func newPatternList(args ...any) patternList {
	var pl patternList
	var ws []float64
	for i := 0; i < len(args); i += 2 {
		pl.ps = append(pl.ps, args[i].(string))
		switch w := args[i+1].(type) {
		case int:
			ws = append(ws, float64(w))
		case float64:
			ws = append(ws, w)
		}
	}
	pl.w = newWeighted(ws)
	return pl
}

func (pl patternList) draw(r *rng) string { return pl.ps[pl.w.draw(r)] }

// Sentence frames of the short description ({S} subject, {P} provider,
// {C} city, {N} a noun of the PAS 1045 texts).
var shortFrames = []string{
	"In diesem Kurs lernen Sie die Grundlagen von {S} kennen.",
	"Der Kurs vermittelt praxisnah das Wichtigste zu {S}.",
	"Kompakter Einstieg in {S} mit vielen Übungen aus dem Alltag.",
	"Die Weiterbildung bereitet Sie gezielt auf neue Aufgaben im Bereich {S} vor.",
	"Sie erweitern Ihr Wissen zu {S} und wenden es direkt an.",
	"Ein Angebot von {P} in {C} für alle, die sich für {S} interessieren.",
	"Praxisnahes Seminar zu {S} mit Schwerpunkt {N}.",
	"Lernen Sie {S} in einer kleinen Gruppe mit erfahrenen Dozentinnen und Dozenten.",
	"Für Menschen, die {S} beruflich oder privat nutzen möchten.",
	"Von den ersten Schritten bis zur sicheren Anwendung: {S} Schritt für Schritt.",
	"Die Weiterbildung verbindet Theorie und Praxis rund um {S}.",
	"Sie möchten {S} lernen oder Ihre Kenntnisse auffrischen? Dann ist dieser Kurs richtig für Sie.",
	"Fundiertes Wissen zu {S} für Beruf und Alltag.",
	"Aktuelles Know-how zu {S}, kompakt und verständlich vermittelt.",
	"Neue Perspektiven durch {S}: lernen Sie mit Freude und Erfolg.",
	"Qualifizieren Sie sich in {S} und stärken Sie Ihre Chancen auf dem Arbeitsmarkt.",
	"Gemeinsam lernen, üben und ausprobieren: {S} in {C}.",
}

// Sentences of the description, in three parts: what it is about, how it
// works, and something practical. "Kurs", "Weiterbildung", "online" and
// "Grundlagen" are frequent on purpose, as in real catalogues.
var (
	aboutFrames = []string{
		"Der Kurs behandelt {S} anhand praktischer Beispiele.",
		"Im Mittelpunkt stehen {N} und {N2}.",
		"Schwerpunkte sind {N}, {N2} und der sichere Umgang mit {S}.",
		"Sie lernen, wie {N} und {N2} im Arbeitsalltag zusammenhängen.",
		"Wir arbeiten an Aufgaben aus der Praxis und besprechen Fragen zu {N}.",
		"Die Teilnehmenden erwerben solide Grundlagen und vertiefen ihr Wissen in {S}.",
		"Neben {N} geht es um aktuelle Entwicklungen und neue Anforderungen.",
		"Kurze Vorträge, Übungen und Gruppenarbeit wechseln sich ab.",
		"Die Weiterbildung ist modular aufgebaut und kann berufsbegleitend besucht werden.",
		"Themen sind unter anderem {N}, {N2} und {N3}.",
		"Ein besonderer Schwerpunkt liegt auf {N}.",
		"Anhand von Fallbeispielen erarbeiten Sie Lösungen für {N} und {N2}.",
		"Sie setzen sich mit {N} auseinander und reflektieren Ihre eigene Erfahrung.",
		"Fachliche Inhalte werden mit {N} und {N2} verknüpft.",
		"Es werden Methoden vorgestellt, die sich im Alltag bewährt haben.",
		"Praxisnahe Übungen zu {N} helfen, das Gelernte zu festigen.",
		"Wer {S} beherrscht, ist in vielen Bereichen gefragt.",
		"Das Programm umfasst {N}, {N2} sowie eine Einführung in {N3}.",
	}
	howFrames = []string{
		"Der Unterricht findet in {C} in kleinen Gruppen statt.",
		"Die Dozentinnen und Dozenten kommen aus der Praxis.",
		"Sie erhalten umfangreiche Unterlagen zum Nachlesen.",
		"Eigene Fragen und Beispiele sind ausdrücklich erwünscht.",
		"Zwischen den Terminen üben Sie mit Aufgaben, die wir gemeinsam besprechen.",
		"Bitte bringen Sie Schreibzeug mit.",
		"Das Angebot kann auch als Inhouse-Schulung für Ihr Unternehmen gebucht werden.",
		"Viele Übungen sorgen dafür, dass Sie das Gelernte sofort anwenden können.",
		"Die Räume in {C} sind gut mit Bus und Bahn erreichbar.",
		"Unterrichtet wird in Gruppen von höchstens zwölf Personen.",
		"Lernbegleitung und Beratung sind in der Gebühr enthalten.",
		"Zum Abschluss erhalten Sie eine Bescheinigung.",
	}
	onlineFrames = []string{
		"Der Kurs findet online im virtuellen Klassenzimmer statt.",
		"Sie lernen online und flexibel von zu Hause aus.",
		"Für die Teilnahme benötigen Sie einen Computer mit Kamera und Mikrofon.",
		"Die Lernplattform ist rund um die Uhr erreichbar.",
		"Sie lernen im eigenen Tempo mit Videos, Übungen und Tests.",
		"Live-Termine im virtuellen Klassenzimmer ergänzen das Selbstlernen.",
	}
	hybridFrames = []string{
		"Eine Teilnahme ist auch online möglich.",
		"Einzelne Termine finden online statt.",
		"Präsenztermine und Lernphasen zu Hause wechseln sich ab.",
		"Zwischen den Präsenztagen arbeiten Sie auf der Lernplattform.",
	}
	fundingFrames = map[string]string{
		"bildungsgutschein":    "Eine Förderung mit Bildungsgutschein ist möglich.",
		"avgs":                 "Die Teilnahme ist mit einem Aktivierungs- und Vermittlungsgutschein (AVGS) kostenfrei.",
		"aufstiegs_bafoeg":     "Die Weiterbildung kann mit Aufstiegs-BAföG gefördert werden.",
		"bildungsfreistellung": "Der Kurs ist als Bildungsfreistellung (Bildungsurlaub) anerkannt.",
		"federal_programme":    "Das Angebot wird aus Bundesmitteln gefördert.",
		"state_programme":      "Das Angebot wird vom Land gefördert.",
		"eu_programme":         "Das Projekt wird aus Mitteln des Europäischen Sozialfonds Plus gefördert.",
		"company":              "Viele Arbeitgeber übernehmen die Kosten.",
		"rehabilitation":       "Eine Förderung als Leistung zur Teilhabe am Arbeitsleben ist möglich.",
	}
	targetFrames = []string{
		"Erwachsene ohne Vorkenntnisse",
		"Beschäftigte, Arbeitsuchende und Wiedereinsteigerinnen und Wiedereinsteiger",
		"Fach- und Führungskräfte",
		"Alle, die {S} lernen möchten",
		"Menschen mit ersten Kenntnissen in {S}",
		"Beschäftigte als {O} und alle, die es werden wollen",
		"Quereinsteigerinnen und Quereinsteiger",
		"Auszubildende und junge Erwachsene",
		"Seniorinnen und Senioren",
		"Eltern und Erziehende",
		"Selbstständige und Gründerinnen und Gründer",
		"Mitarbeitende aus Unternehmen der Region",
	}
	prereqFrames = []string{
		"Keine Vorkenntnisse erforderlich.",
		"Grundkenntnisse in {S} sind hilfreich.",
		"Eine abgeschlossene Berufsausbildung oder Berufserfahrung.",
		"Deutschkenntnisse auf dem Niveau B1.",
		"Sicherer Umgang mit dem Computer.",
		"Ein Beratungsgespräch vor Kursbeginn.",
	}
	outcomeFrames = []string{
		"Sie können {S} sicher im Alltag und im Beruf anwenden.",
		"Nach dem Kurs kennen Sie die wichtigsten Grundlagen von {S}.",
		"Sie können Ihr Wissen zu {N} auf neue Situationen übertragen.",
		"Sie sind in der Lage, {N} selbstständig zu planen und umzusetzen.",
		"Sie haben einen Überblick über {N} und {N2} gewonnen.",
		"Sie bestehen die Abschlussprüfung und erhalten ein Zertifikat.",
	}
	subtitles = []string{
		"Praxisnah und kompakt", "Für Einsteigerinnen und Einsteiger", "Mit Zertifikat", "Berufsbegleitend",
		"In kleinen Gruppen", "Neu im Programm", "Mit Prüfung", "Auch als Bildungsurlaub", "Am Abend", "Am Wochenende",
		"Vollzeit", "Teilzeit", "Online und vor Ort", "Mit Praktikum",
	}
	// titleVariations turn a title into a near-duplicate: the same course
	// entered twice by a provider, with a small difference.
	titleVariations = []func(string) string{
		func(t string) string { return t + " (Neuauflage)" },
		func(t string) string { return t + " 2026" },
		func(t string) string { return t + "!" },
		func(t string) string { return "Neu: " + t },
		func(t string) string { return t + " – Kurs" },
		func(t string) string { return t + " (Abendkurs)" },
		func(t string) string { return t + " - Gruppe 2" },
	}
)

// Streets of the providers' and venues' addresses.
var streets = []string{
	"Hauptstraße", "Bahnhofstraße", "Schulstraße", "Kirchstraße", "Gartenstraße", "Dorfstraße", "Bergstraße",
	"Lindenstraße", "Poststraße", "Kaiserstraße", "Saarbrücker Straße", "Industriestraße", "Am Markt", "Marktplatz",
	"Goethestraße", "Schillerstraße", "Friedrichstraße", "Mühlenweg", "Ringstraße", "Parkstraße", "Talstraße",
	"Wilhelmstraße", "Rathausplatz", "Europaallee", "Gewerbepark", "Im Gewerbegebiet", "Hochschulstraße",
	"Am Bildungscampus", "Lebacher Straße", "Trierer Straße", "Mainzer Straße", "Luisenstraße",
}

// Provider names by kind; {C} is the city.
var providerNames = map[string][]string{
	"adult_education_centre": {"Volkshochschule {C}", "VHS {C}", "Kreisvolkshochschule {C}", "Volkshochschule der Stadt {C}"},
	"private_provider": {"Bildungszentrum {C}", "Akademie {C}", "Institut für Weiterbildung {C}", "Lernwerkstatt {C}",
		"Schulungszentrum {C}", "Bildungswerk {C}", "Trainingszentrum {C}", "Kompetenzzentrum {C}", "Bildungsakademie {C}",
		"Fortbildungsinstitut {C}", "Sprachschule {C}", "IT-Akademie {C}", "Pflegeschule {C}", "Fahrschule und Bildungszentrum {C}",
		"Akademie für Gesundheitsberufe {C}", "Technikum {C}", "Campus {C}", "Wirtschaftsakademie {C}"},
	"chamber":            {"IHK-Bildungszentrum {C}", "Bildungszentrum der Handwerkskammer {C}", "Handwerkskammer {C}", "Arbeitskammer Bildungszentrum {C}"},
	"university":         {"Hochschule {C} – Zentrum für Weiterbildung", "Universität {C} – Weiterbildung", "Fachhochschule {C}"},
	"school":             {"Berufsbildungszentrum {C}", "Abendgymnasium {C}", "Technisch-gewerbliches Berufsbildungszentrum {C}"},
	"company":            {"Stadtwerke {C} – Ausbildung", "Klinikum {C} – Bildungszentrum", "Werksakademie {C}"},
	"union":              {"DGB Bildungswerk {C}", "Arbeit und Leben {C}", "Bildungswerk der Gewerkschaften {C}"},
	"association":        {"Bildungsverein {C} e.V.", "Förderverein Weiterbildung {C} e.V.", "Frauenbildungswerk {C} e.V.", "Familienbildungsstätte {C}"},
	"faith_based":        {"Katholische Erwachsenenbildung {C}", "Evangelisches Bildungswerk {C}", "Caritas Bildungszentrum {C}", "Diakonie Bildungszentrum {C}"},
	"sociocultural":      {"Kulturzentrum {C}", "Soziokulturelles Zentrum {C}", "Mehrgenerationenhaus {C}"},
	"counselling_centre": {"Beratungsstelle Beruf und Bildung {C}", "Bildungsberatung {C}", "Jugendberufsagentur {C}"},
	"municipality":       {"Stadt {C} – Bildungsbüro", "Gemeinde {C} – Bürgerbildung"},
	"library":            {"Stadtbibliothek {C}", "Gemeindebibliothek {C}"},
}

var providerKinds = newChoices(
	choice{"private_provider", 44}, choice{"adult_education_centre", 14}, choice{"association", 9}, choice{"chamber", 5},
	choice{"school", 5}, choice{"company", 5}, choice{"faith_based", 4}, choice{"university", 3}, choice{"union", 3},
	choice{"sociocultural", 3}, choice{"counselling_centre", 2}, choice{"municipality", 2}, choice{"library", 1})

var legalForms = []string{"GmbH", "gGmbH", "e.V.", "", "", "", "UG (haftungsbeschränkt)", "GmbH & Co. KG"}

// contentsHeads introduce the list of contents.
var contentsHeads = []string{"Inhalte: ", "Themen: ", "Aus dem Inhalt: ", "", "", "Schwerpunkte: ", "Kursinhalte: ", "Modulinhalte: "}
