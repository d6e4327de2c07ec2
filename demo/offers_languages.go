package demo

import "strings"

// language is a foreign language the adult education centres teach.
type language struct {
	code, name string // ISO 639-1 and German name ("Englisch")
	where      string // a sentence on where it is spoken, for the texts
	skill      string // ESCO skill label, if any
	levels     map[string][]string
}

// cefr describes the levels of the Common European Framework of Reference.
var cefr = []struct {
	code, title, short, can, contents, target, prereq string
	hours                                             float64
	price                                             int
	alt                                               []string
}{
	{code: "A1", title: "%s A1 – für Anfängerinnen und Anfänger",
		alt:      []string{"%s für Anfänger*innen (A1)", "%s A1 Teil 1", "%s ohne Vorkenntnisse (A1)"},
		short:    "%s für Menschen ohne Vorkenntnisse: In einer kleinen Gruppe lernen Sie, sich in einfachen Alltagssituationen zu verständigen.",
		can:      "Sie verstehen und verwenden vertraute, alltägliche Ausdrücke, können sich und andere vorstellen und einfache Fragen stellen und beantworten.",
		contents: "Sich begrüßen und vorstellen; Zahlen, Uhrzeit und Datum; einkaufen und im Restaurant bestellen; nach dem Weg fragen; Grundlagen der Aussprache und Grammatik.",
		target:   "Erwachsene ohne Vorkenntnisse, die %s für Reisen, Beruf oder Freizeit lernen möchten.",
		prereq:   "Keine Vorkenntnisse erforderlich.",
		hours:    30, price: 115},
	{code: "A2", title: "%s A2",
		alt:      []string{"%s A2 – Aufbaukurs", "%s für Wiedereinsteiger*innen (A2)"},
		short:    "Aufbaukurs %s: Sie erweitern Ihren Wortschatz und sprechen sicherer über Alltag, Familie und Arbeit.",
		can:      "Sie verständigen sich in routinemäßigen Situationen, beschreiben Ihre Herkunft, Ausbildung und Umgebung und verstehen kurze, klare Mitteilungen.",
		contents: "Über Vergangenes berichten; Pläne und Verabredungen; Wohnen, Arbeit und Freizeit; kurze E-Mails schreiben; Vergangenheitsformen und Vergleiche.",
		target:   "Erwachsene mit Grundkenntnissen in %s, auch Wiedereinsteigerinnen und Wiedereinsteiger.",
		prereq:   "Kenntnisse auf Niveau A1, etwa 60 Unterrichtseinheiten Vorkenntnisse oder Einstufung im Beratungsgespräch.",
		hours:    30, price: 115},
	{code: "B1", title: "%s B1 – Konversation und Grammatik",
		alt:      []string{"%s B1", "%s B1 – sicher im Alltag"},
		short:    "%s auf Niveau B1: Sie diskutieren über Themen des Alltags, lesen kurze Texte und festigen die Grammatik.",
		can:      "Sie bewältigen die meisten Situationen auf Reisen, äußern sich zusammenhängend über Erfahrungen und Pläne und begründen Ihre Meinung.",
		contents: "Gespräche über Aktuelles, Medien und Kultur; Meinungen äußern und begründen; Lesen von Zeitungsartikeln; Wiederholung und Vertiefung der Grammatik.",
		target:   "Teilnehmende mit soliden Grundkenntnissen in %s.",
		prereq:   "Kenntnisse auf Niveau A2.",
		hours:    30, price: 120},
	{code: "B2", title: "%s B2 – Fortgeschrittene",
		alt:      []string{"%s B2 Konversation"},
		short:    "Für Fortgeschrittene: aktuelle Themen, authentische Texte und freies Sprechen auf %s.",
		can:      "Sie verständigen sich spontan und fließend mit Muttersprachlerinnen und Muttersprachlern und verstehen die Hauptinhalte komplexer Texte.",
		contents: "Diskussionen zu Gesellschaft, Politik und Beruf; Hörverstehen mit Podcasts und Filmen; Stil und Ausdruck; gezielte Grammatikwiederholung.",
		target:   "Fortgeschrittene, die ihr %s pflegen und ausbauen möchten.",
		prereq:   "Kenntnisse auf Niveau B1.",
		hours:    30, price: 125},
	{code: "C1", title: "%s C1 – auf hohem Niveau",
		short:    "%s auf Niveau C1: anspruchsvolle Texte, Debatten und sprachliche Feinheiten.",
		can:      "Sie drücken sich spontan, fließend und genau aus und verstehen anspruchsvolle, längere Texte und implizite Bedeutungen.",
		contents: "Literatur und Presse im Original; Debatten und Präsentationen; idiomatische Wendungen; Schreiben längerer Texte.",
		target:   "Sehr fortgeschrittene Lernende und Menschen, die %s beruflich auf hohem Niveau brauchen.",
		prereq:   "Kenntnisse auf Niveau B2.",
		hours:    30, price: 130},
}

var vhsAll = []string{"vhs-sb", "vhs-mzg", "kvhs-nk", "kvhs-sls", "vhs-spk", "kvhs-wnd", "vhs-vk", "vhs-igb"}

var languages = []language{
	{code: "en", name: "Englisch", where: "Englisch ist die wichtigste Sprache der internationalen Verständigung.", skill: "Englisch sprechen", levels: map[string][]string{
		"A1": append(vhsAll[:8:8], "sprachen-grenzland"),
		"A2": {"vhs-sb", "vhs-mzg", "kvhs-nk", "kvhs-sls", "vhs-spk", "kvhs-wnd", "vhs-igb"},
		"B1": {"vhs-sb", "kvhs-nk", "kvhs-sls", "vhs-spk", "vhs-vk", "sprachen-grenzland"},
		"B2": {"vhs-sb", "kvhs-sls", "vhs-spk", "sprachen-grenzland"},
		"C1": {"vhs-sb", "sprachen-grenzland"},
	}},
	{code: "fr", name: "Französisch", where: "Französisch ist die Sprache unserer Nachbarn in Lothringen und wird in Luxemburg und vielen Ländern der Welt gesprochen.", skill: "Französisch sprechen", levels: map[string][]string{
		"A1": append(vhsAll[:8:8], "sprachen-grenzland"),
		"A2": {"vhs-sb", "vhs-mzg", "kvhs-sls", "vhs-spk", "vhs-igb", "sprachen-grenzland"},
		"B1": {"vhs-sb", "vhs-mzg", "kvhs-sls", "kvhs-nk", "sprachen-grenzland"},
		"B2": {"vhs-sb", "vhs-mzg", "sprachen-grenzland"},
		"C1": {"vhs-sb", "sprachen-grenzland"},
	}},
	{code: "es", name: "Spanisch", where: "Spanisch sprechen über 500 Millionen Menschen in Spanien und Lateinamerika.", levels: map[string][]string{
		"A1": {"vhs-sb", "kvhs-nk", "kvhs-sls", "vhs-spk", "vhs-igb", "kvhs-wnd"},
		"A2": {"vhs-sb", "kvhs-nk", "kvhs-sls", "vhs-spk"},
		"B1": {"vhs-sb", "kvhs-sls"},
	}},
	{code: "it", name: "Italienisch", where: "Italienisch ist die Sprache Italiens und eine der Landessprachen der Schweiz.", levels: map[string][]string{
		"A1": {"vhs-sb", "kvhs-nk", "vhs-spk", "vhs-vk", "kvhs-wnd"},
		"A2": {"vhs-sb", "vhs-spk", "vhs-vk"},
		"B1": {"vhs-sb"},
	}},
	{code: "lb", name: "Luxemburgisch", where: "Luxemburgisch ist die Landessprache des Großherzogtums, in dem viele Saarländerinnen und Saarländer arbeiten.", levels: map[string][]string{
		"A1": {"vhs-mzg", "kvhs-sls"},
		"A2": {"vhs-mzg"},
	}},
	{code: "tr", name: "Türkisch", where: "Türkisch wird in der Türkei und in vielen Familien im Saarland gesprochen.", levels: map[string][]string{"A1": {"vhs-sb", "vhs-vk"}}},
	{code: "ar", name: "Arabisch", where: "Arabisch ist Amtssprache in über zwanzig Ländern.", levels: map[string][]string{"A1": {"vhs-sb"}}},
	{code: "pl", name: "Polnisch", where: "Polnisch ist die Sprache unseres Nachbarlandes Polen.", levels: map[string][]string{"A1": {"kvhs-nk"}}},
	{code: "ru", name: "Russisch", where: "Russisch wird in Osteuropa und Zentralasien von vielen Menschen gesprochen.", levels: map[string][]string{"A1": {"vhs-sb"}}},
	{code: "nl", name: "Niederländisch", where: "Niederländisch wird in den Niederlanden und in Flandern gesprochen.", levels: map[string][]string{"A1": {"kvhs-sls"}}},
	{code: "pt", name: "Portugiesisch", where: "Portugiesisch wird in Portugal, Brasilien und Teilen Afrikas gesprochen.", levels: map[string][]string{"A1": {"vhs-sb"}}},
	{code: "el", name: "Griechisch", where: "Griechisch ist die Sprache Griechenlands und Zyperns.", levels: map[string][]string{"A1": {"vhs-spk"}}},
	{code: "zh", name: "Chinesisch", where: "Chinesisch ist die meistgesprochene Muttersprache der Welt.", levels: map[string][]string{"A1": {"vhs-sb"}}},
	{code: "ja", name: "Japanisch", where: "Japanisch öffnet die Tür zu einer faszinierenden Kultur.", levels: map[string][]string{"A1": {"vhs-sb"}}},
	{code: "uk", name: "Ukrainisch", where: "Ukrainisch ist die Sprache vieler neuer Nachbarinnen und Nachbarn im Saarland.", levels: map[string][]string{"A1": {"kvhs-sls"}}},
}

func languageOffers() []offerTemplate {
	var out []offerTemplate
	for _, l := range languages {
		for i, lv := range cefr {
			by := l.levels[lv.code]
			if len(by) == 0 {
				continue
			}
			f := func(s string) string { return strings.ReplaceAll(s, "%s", l.name) }
			var alt []string
			for _, a := range lv.alt {
				alt = append(alt, f(a))
			}
			t := offerTemplate{
				title: f(lv.title), alt: alt,
				short: f(lv.short),
				desc: lv.can + " " + l.where + " Neben der Sprache erfahren Sie Wissenswertes über Land und Leute. " +
					"Gearbeitet wird kommunikativ in kleinen Gruppen nach dem Gemeinsamen Europäischen Referenzrahmen (GER).",
				contents:   lv.contents,
				target:     f(lv.target),
				prereq:     lv.prereq,
				outcomes:   "Niveau " + lv.code + " des GER: " + lv.can,
				typ:        "general_education",
				langs:      []string{l.code, "de"},
				degree:     "Teilnahmebescheinigung mit Angabe des Niveaus",
				degreeType: "attendance", hours: lv.hours, price: lv.price,
				priceNote: "Lehrbuch nicht im Preis enthalten",
				topics:    []string{"languages"},
				when:      when{pat: []*pattern{evOnce, evOnce, morning, evLong}[i%4]},
				online:    0.12,
				by:        by,
			}
			if lv.code == "B2" || lv.code == "C1" {
				t.when = when{pat: evOnce}
			}
			if l.skill != "" {
				t.skills = []string{l.skill}
			}
			out = append(out, t)
		}
	}
	return append(out, specialLanguageOffers...)
}

var specialLanguageOffers = []offerTemplate{
	{title: "Französisch für den Beruf", alt: []string{"Französisch im Beruf – Kommunikation mit Kunden und Kollegen", "Französisch für Grenzgängerinnen und Grenzgänger"},
		short:    "Französisch für den Arbeitsalltag in der Großregion: telefonieren, E-Mails schreiben, Besprechungen führen.",
		desc:     "Das Saarland grenzt an Frankreich, viele Betriebe arbeiten mit Kunden und Partnern in Lothringen und Luxemburg. In diesem Kurs trainieren Sie die Situationen, die Ihnen im Berufsalltag begegnen, mit echten Unterlagen aus saarländischen Unternehmen. Die Gruppe ist klein, sodass jede und jeder viel spricht.",
		contents: "Sich und das Unternehmen vorstellen; Telefonate und Videokonferenzen; Geschäftskorrespondenz; Besprechungen und Verhandlungen; interkulturelle Unterschiede im Arbeitsleben.",
		target:   "Beschäftigte, Auszubildende und Arbeitsuchende, die beruflich mit französischsprachigen Partnern zu tun haben.",
		prereq:   "Französischkenntnisse auf Niveau A2 bis B1.",
		outcomes: "Sie kommunizieren sicher in typischen beruflichen Situationen auf Französisch.",
		langs:    []string{"fr", "de"}, degree: "Zertifikat „Französisch im Beruf“", degreeType: "certificate",
		hours: 40, price: 290, funding: []string{"company", "bildungsfreistellung"}, fundNote: "Als Bildungsurlaub nach dem Saarländischen Bildungsfreistellungsgesetz anerkannt; viele Arbeitgeber übernehmen die Kosten.",
		topics: []string{"languages", "business"}, skills: []string{"Französisch sprechen"},
		when: when{pat: evTuTh}, online: 0.2,
		by: []string{"vhs-sb", "sprachen-grenzland", "ihk", "vhs-mzg"}},
	{title: "Business English",
		alt:      []string{"Business English – Meetings, Calls and E-Mails"},
		short:    "Englisch für Büro und Geschäft: Meetings, Präsentationen, Telefonate und E-Mails.",
		desc:     "Sie trainieren die englische Sprache für internationale Geschäftskontakte. Im Mittelpunkt stehen Rollenspiele, Fallstudien und Ihre eigenen beruflichen Situationen. Unterrichtssprache ist Englisch.",
		contents: "Meetings and negotiations; presentations; telephone and video calls; business correspondence; small talk and intercultural communication.",
		target:   "Berufstätige mit guten Englischkenntnissen.",
		prereq:   "Englisch auf Niveau B1.",
		outcomes: "Sie führen Besprechungen und Korrespondenz auf Englisch sicher und überzeugend.",
		langs:    []string{"en"}, degree: "Zertifikat „Business English“", degreeType: "certificate",
		hours: 32, price: 340, funding: []string{"company"}, topics: []string{"languages", "business"}, skills: []string{"Englisch sprechen"},
		when: when{pat: evTuTh}, online: 0.3,
		by: []string{"ihk", "sprachen-grenzland", "htw"}},
	{title: "Englisch intensiv – Bildungsurlaub", alt: []string{"Englisch Intensivwoche (Bildungsurlaub)", "Englisch auffrischen – eine Woche Bildungsurlaub"},
		short:    "Eine Woche Englisch intensiv – anerkannt als Bildungsurlaub.",
		desc:     "In einer Woche frischen Sie Ihr Englisch auf und gewinnen Sicherheit im Sprechen. Der Unterricht verbindet Konversation, Grammatik und Themen aus der Arbeitswelt. Der Kurs ist nach dem Saarländischen Bildungsfreistellungsgesetz anerkannt.",
		contents: "Konversation zu Arbeit und Gesellschaft; Wiederholung der wichtigsten Grammatik; Hörverstehen; kleine Präsentationen.",
		target:   "Beschäftigte, die ihren Anspruch auf Bildungsurlaub nutzen möchten.",
		prereq:   "Englischkenntnisse auf Niveau A2 bis B1.",
		outcomes: "Sie sprechen flüssiger und sicherer Englisch in Alltag und Beruf.",
		langs:    []string{"en", "de"}, degree: "Teilnahmebescheinigung für den Arbeitgeber", degreeType: "attendance",
		hours: 40, price: 320, funding: []string{"bildungsfreistellung"}, topics: []string{"languages"}, skills: []string{"Englisch sprechen"},
		when: when{pat: blockWeek}, dates: 3,
		by: []string{"kvhs-nk", "arbeit-leben", "vhs-sb"}},
	{title: "Englisch B1 – Prüfungsvorbereitung telc", alt: []string{"telc English B2 – Prüfungstraining"},
		short:    "Gezielte Vorbereitung auf die telc-Prüfung mit Modelltests und Prüfung im Haus.",
		desc:     "Der Kurs bereitet auf die international anerkannte telc-Prüfung vor. Sie lernen Aufbau und Aufgabentypen kennen, trainieren mit Modelltests und bekommen Rückmeldung zu Ihren schriftlichen und mündlichen Leistungen. Die Prüfung legen Sie am Ende des Kurses bei uns ab.",
		contents: "Leseverstehen, Hörverstehen, Sprachbausteine, schriftlicher Ausdruck, mündliche Prüfung; Modelltests unter Prüfungsbedingungen.",
		target:   "Lernende, die ein anerkanntes Sprachzertifikat für Bewerbung oder Studium brauchen.",
		prereq:   "Englisch auf dem Niveau der Prüfung.",
		outcomes: "Sie kennen das Prüfungsformat und legen die telc-Prüfung ab.",
		langs:    []string{"en", "de"}, degree: "telc-Zertifikat", degreeType: "language_certificate", exam: true,
		hours: 24, price: 190, priceNote: "zzgl. Prüfungsgebühr", topics: []string{"languages"},
		when: when{pat: saturday}, dates: 2,
		by: []string{"vhs-sb", "sprachen-grenzland", "kvhs-sls"}},
	{title: "DELF B1 – Vorbereitung auf das französische Sprachdiplom",
		short:    "Vorbereitung auf das DELF, das offizielle Sprachdiplom des französischen Bildungsministeriums.",
		desc:     "Sie trainieren alle Prüfungsteile des DELF B1 mit erfahrenen Muttersprachlerinnen. Das Diplom ist lebenslang gültig und in Frankreich und Luxemburg bei Arbeitgebern und Hochschulen anerkannt.",
		contents: "Compréhension de l'oral et des écrits; production écrite et orale; examens blancs.",
		target:   "Lernende mit Französisch auf Niveau B1, die ein offizielles Diplom anstreben.",
		prereq:   "Französisch auf Niveau B1.",
		outcomes: "Sie legen die Prüfung DELF B1 ab.",
		langs:    []string{"fr"}, degree: "DELF B1 (Diplôme d'études en langue française)", degreeType: "language_certificate", exam: true,
		hours: 30, price: 260, priceNote: "zzgl. Prüfungsgebühr", topics: []string{"languages"}, skills: []string{"Französisch sprechen"},
		when: when{pat: evTuTh},
		by:   []string{"sprachen-grenzland"}},
	{title: "Englisch für Seniorinnen und Senioren", alt: []string{"Englisch 60plus – gemütlich am Vormittag"},
		short:    "Englisch in entspanntem Tempo am Vormittag – für Reisen, Enkel und Freude am Lernen.",
		desc:     "In diesem Kurs lernen Sie ohne Leistungsdruck. Wir wiederholen viel, sprechen über Reisen und Alltag und lachen gemeinsam. Auch wer vor Jahrzehnten in der Schule Englisch hatte, ist herzlich willkommen.",
		contents: "Reisen und Ausflüge; Gespräche im Hotel und Restaurant; Wortschatz für den Alltag; einfache Lieder und Texte.",
		target:   "Ältere Menschen mit geringen Vorkenntnissen.",
		prereq:   "Geringe Vorkenntnisse (A1).",
		outcomes: "Sie verständigen sich auf Reisen in einfachen Situationen auf Englisch.",
		typ:      "general_education", langs: []string{"en", "de"}, degree: "Teilnahmebescheinigung", degreeType: "attendance",
		hours: 20, price: 75, topics: []string{"languages"},
		when: when{pat: morning},
		by:   []string{"vhs-spk", "kvhs-wnd", "keb"}},
	{title: "English Conversation Online", alt: []string{"Englisch-Konversation im virtuellen Klassenzimmer"},
		short:    "Englisch sprechen von zu Hause aus: wöchentliche Konversationsrunde im virtuellen Klassenzimmer.",
		desc:     "Jede Woche diskutieren Sie in einer kleinen Gruppe über aktuelle Themen. Die Kursleiterin gibt Impulse und Rückmeldung zu Aussprache und Ausdruck. Sie brauchen nur einen Computer oder ein Tablet mit Kamera und Mikrofon.",
		contents: "Current affairs, culture, travel, work; vocabulary building; pronunciation.",
		target:   "Lernende ab Niveau B1, die regelmäßig sprechen möchten.",
		prereq:   "Englisch auf Niveau B1; Computer oder Tablet mit Kamera und Mikrofon.",
		outcomes: "Sie sprechen flüssiger und erweitern Ihren aktiven Wortschatz.",
		typ:      "general_education", modes: []string{"virtual_classroom"}, langs: []string{"en"},
		degree: "Teilnahmebescheinigung", degreeType: "attendance",
		hours: 16, price: 89, topics: []string{"languages", "digital_skills"},
		when: when{pat: evOnce},
		by:   []string{"vhs-sb", "kvhs-sls"}},
	{title: "Sprachen lernen im Selbstlernzentrum", alt: []string{"Sprachen selbstständig lernen – mit Lernbegleitung"},
		short:    "Lernen Sie Englisch, Französisch oder Deutsch am PC in Ihrem Tempo – kostenfrei und mit Lernbegleitung.",
		desc:     "Im Selbstlernzentrum stehen Sprachlernprogramme für über 20 Sprachen bereit. Eine Lernbegleiterin hilft beim Einstieg, stellt mit Ihnen einen Lernplan auf und berät Sie, wenn es hakt. Sie kommen, wann es Ihnen passt.",
		contents: "Einstufung; persönlicher Lernplan; Arbeit mit Sprachlernsoftware und Online-Kursen; regelmäßige Lernberatung.",
		target:   "Alle, die selbstständig und flexibel eine Sprache lernen möchten.",
		prereq:   "Keine; grundlegende PC-Kenntnisse sind hilfreich.",
		outcomes: "Sie lernen selbstständig und planvoll eine Sprache.",
		typ:      "general_education", modes: []string{"self_study"}, langs: []string{"de", "en", "fr"},
		degreeType: "none", price: 0, topics: []string{"languages", "german_second_language"},
		when: anyTime, venue: "slz-sb",
		by: []string{"wb-beratung"}},
	{title: "Sprachkurs mit der Onleihe – Einführung", alt: []string{"Online Sprachen lernen mit der Bibliothek"},
		short:    "Wie Sie mit Ihrem Bibliotheksausweis kostenlos online Sprachen lernen.",
		desc:     "Mit dem Bibliotheksausweis haben Sie Zugang zu Online-Sprachkursen und E-Books. Wir zeigen Ihnen, wie Sie die Angebote auf Smartphone, Tablet und PC nutzen, und helfen bei der Einrichtung.",
		contents: "Anmeldung; Sprachkurse und E-Books finden; Lern-Apps einrichten; Tipps für das selbstständige Lernen.",
		target:   "Bibliotheksnutzerinnen und -nutzer und alle, die es werden möchten.",
		prereq:   "Eigenes Gerät mitbringen, wenn möglich.",
		outcomes: "Sie nutzen die digitalen Sprachlernangebote der Bibliothek selbstständig.",
		typ:      "general_education", degreeType: "none", hours: 2, price: 0,
		topics: []string{"languages", "digital_skills"},
		when:   when{pat: infoEvening}, dates: 3,
		by: []string{"stabi-sb", "stabi-sls"}},
	{title: "Deutsche Gebärdensprache (DGS) – Grundkurs 1", alt: []string{"Gebärdensprache lernen – DGS 1"},
		short:    "Einstieg in die Deutsche Gebärdensprache mit einer gehörlosen Kursleiterin.",
		desc:     "Sie lernen erste Gebärden, das Fingeralphabet und die Grundregeln der Grammatik der Deutschen Gebärdensprache. Der Kurs wird von einer gehörlosen Kursleiterin gehalten und gibt Einblick in die Kultur gehörloser Menschen.",
		contents: "Fingeralphabet; Gebärden für Alltagssituationen; Mimik und Körpersprache; Grundlagen der DGS-Grammatik; Gehörlosenkultur.",
		target:   "Alle, die mit gehörlosen Menschen kommunizieren möchten – Angehörige, Kolleginnen und Kollegen, Fachkräfte.",
		prereq:   "Keine.",
		outcomes: "Sie führen einfache Gespräche in DGS.",
		typ:      "general_education", langs: []string{"dgs", "de"}, degree: "Teilnahmebescheinigung", degreeType: "attendance",
		hours: 24, price: 140, topics: []string{"languages", "society"},
		access: "Der Kurs ist für gehörlose und hörende Teilnehmende geeignet.",
		when:   when{pat: evOnce},
		by:     []string{"vhs-sb", "kvhs-nk"}},
}
