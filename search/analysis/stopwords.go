package analysis

// stopWords are the German and English function words that carry no meaning
// of their own in a search for offers. They are compared after folding
// (für → fur, über → uber). The analyzer still emits them at index time as
// tokens of kind Stop, and a query made of stop words only keeps them, so
// that "Die" alone still searches for something.
var stopWords = []string{
	// German articles, pronouns, prepositions, conjunctions, auxiliaries
	"der", "die", "das", "den", "dem", "des",
	"ein", "eine", "einer", "eines", "einem", "einen",
	"und", "oder", "aber", "sowie", "bzw", "usw", "etc", "als", "wie", "dass", "daß",
	"am", "an", "ans", "auf", "aus", "bei", "beim", "bis", "durch", "für", "im", "in", "ins",
	"mit", "nach", "um", "vom", "von", "vor", "zu", "zum", "zur", "über", "ab",
	"ich", "du", "er", "es", "sie", "wir", "ihr", "ihre", "ihren", "ihrem", "ihrer",
	"sein", "seine", "seinen", "seinem", "seiner", "sich", "uns", "unser", "unsere",
	"unseren", "unserem", "unserer", "euch", "euer", "man", "mich", "mir", "dich", "dir",
	"ist", "sind", "war", "waren", "wird", "werden", "wurde", "wurden", "hat", "haben",
	"hatte", "kann", "können", "soll", "sollen", "will", "wollen",
	"auch", "noch", "nur", "so", "da", "dann", "denn", "doch", "ja", "nicht",
	"was", "wer", "wo", "wann", "wenn", "ob", "weil", "dies", "diese", "dieser",
	"dieses", "diesem", "diesen", "jede", "jeder", "jedes", "jeden", "jedem",
	"alle", "allen", "aller", "alles", "sehr", "mehr",
	// English
	"the", "and", "of", "for", "to", "with", "on", "at", "by", "or", "an", "is",
	"are", "from",
}
