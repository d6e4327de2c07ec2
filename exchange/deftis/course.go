package deftis

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/exchange/record"
)

// course holds what a COURSE says for all of its dates.
type course struct {
	patterns   []string // from CS_WDB_ZEITLICHEDURCHFUEHRUNG
	timeText   string   // CS_WDB_ZEITLICHEDURCHFUEHRUNG when it maps to no pattern
	seatsMin   int
	seatsMax   int
	seatsPath  [2]position
	measure    string // CS_WDB_MASSNAHMENUMMER_AA
	place      *place // CS_WDB_ADDRESS
	totalNum   string // CS_WDB_GESAMTDAUER_ANZAHL
	totalUnit  string // CS_WDB_GESAMTDAUER_EINHEIT
	totalPath  position
	internship bool // any S_WDB_PRAKTIKUM
}

// mapCourse maps a COURSE element to a published catalogue.Offer:
//
//	CS_NAME, CS_ID, CS_SUPPLIERID     title, the offer's and its provider's source ids
//	CS_DESC_SHORT, CS_DESC_LONG       short description, description
//	CS_GOAL, CS_REQUIREMENTS          learning outcomes, prerequisites
//	CS_WDB_ZIELGRUPPE                 target group
//	CS_INFOLINK                       info URL
//	CS_LANGUAGE                       languages (ISO 639-2 "ger"/"deu" → "de")
//	CS_MODE, CS_WDB_MODE              delivery modes (deliveryMode)
//	CS_TYPE, CS_WDB_TYPE              type (offerType), the first that maps
//	CS_DEGREE                         degree
//	CS_DEGREE_TYPE, CS_WDB_DEGREE_TYPE  degree type (degreeType)
//	CS_DEGREE_EXAM                    exam
//	CS_PRICE (+ _CURRENCY, _TOTAL, _INFO)  price in cents (ParseCents), currency, note
//	CS_PROMOTION, CS_WDB_PROMOTION    funding (funding); CS_PROMOTION_DESC → funding note
//	CS_CERTIFICATE                    DE_SGB 3 → funding bildungsgutschein, DE_BU → bildungsfreistellung
//	CS_HANDICAP                       accessibility note
//	CS_WDB_FRAUENSPEZIFISCH, _KINDERBETREUUNG, _PRAKTIKUM  women-specific, childcare, internship
//	CS_WDB_UNTERRICHTSSTUNDEN_ANZAHL  teaching hours
//	CONTACT                           contacts
//	COURSESCHEDULES                   dates (see mapSchedules), which also take
//	                                  CS_WDB_ZEITLICHEDURCHFUEHRUNG (time patterns),
//	                                  CS_LN_TIME_DESCRIPTION (lernnetz's own: time description),
//	                                  CS_WDB_TEILNEHMER_MIN/_MAX (seats),
//	                                  CS_WDB_MASSNAHMENUMMER_AA (measure number where a date has none),
//	                                  CS_WDB_ADDRESS (venue where a date has none) and
//	                                  CS_WDB_GESAMTDAUER_* (duration of a free schedule)
//
// Every other element and attribute is kept in Extensions under its path in
// the course (e.g. CS_WDB_SYSTEMATIK_AA, CS_WDB_SCHULART_AA@typ,
// COURSESCHEDULES/SCHEDULE[2]/S_WDB_INFOLINK), and so are the raw values of
// the elements mapped to vocabulary codes (modes, type, degree type,
// funding, time pattern), so that nothing of the source is lost.
func (r *Reader) mapCourse(e *element, path, op string) *record.Record {
	rec := &record.Record{Kind: record.KindOffer, Op: op, Line: e.Line, Path: path}
	o := &catalogue.Offer{Status: catalogue.StatusPublished}
	x := extensions{}
	x.attrs(e, "")
	ci := &course{}
	rec.At("title", path+"/CS_NAME", e.Line)
	rec.At("provider_id", path+"/CS_SUPPLIERID", e.Line)
	rec.At("dates", path+"/COURSESCHEDULES", e.Line)

	var schedules []*element
	var schedulePaths []string
	var promotions []string
	var price, currency, priceInfo, priceTotal *element
	var fundingTexts, fundingNotes []string
	var priceTotalPath string
	flag := func(c *element, cpath string, dst *bool) {
		if c.Text == "" {
			return
		}
		v, err := ParseBool(c.Text)
		if err != nil {
			rec.Problemf(cpath, c.Line, "„%s“ ist kein Wahrheitswert; erwartet wird true oder false.", c.Text)
		}
		*dst = *dst || v
	}
	walk(e, path, func(c *element, cpath string) {
		key := cpath[len(path)+1:] // cpath is path + "/" + …
		switch c.Name {
		case "CS_NAME":
			o.Title = c.Text
			rec.At("title", cpath, c.Line)
		case "CS_ID":
			rec.SourceID = c.Text
		case "CS_SUPPLIERID":
			rec.ProviderSourceID = c.Text
			rec.At("provider_id", cpath, c.Line)
		case "CS_DESC_SHORT":
			o.ShortDescription = c.Text
			rec.At("short_description", cpath, c.Line)
		case "CS_DESC_LONG":
			o.Description = c.Text
			rec.At("description", cpath, c.Line)
		case "CS_GOAL":
			o.LearningOutcomes = c.Text
			rec.At("learning_outcomes", cpath, c.Line)
		case "CS_REQUIREMENTS":
			o.Prerequisites = c.Text
			rec.At("prerequisites", cpath, c.Line)
		case "CS_WDB_ZIELGRUPPE":
			o.TargetGroup = c.Text
			rec.At("target_group", cpath, c.Line)
		case "CS_INFOLINK":
			o.InfoURL = normalizeURL(first(x, c, key))
			rec.At("info_url", cpath, c.Line)
		case "CS_LANGUAGE":
			for _, code := range strings.FieldsFunc(c.Text, func(r rune) bool { return r == ',' || r == ';' || r == '/' || r == ' ' }) {
				if l := language(code); l == "" {
					x.add(key, code)
				} else if !slices.Contains(o.Languages, l) {
					o.Languages = append(o.Languages, l)
					rec.At(fmt.Sprintf("languages[%d]", len(o.Languages)-1), cpath, c.Line)
				}
			}
		case "CS_MODE", "CS_WDB_MODE":
			x.keep(c, key)
			if m := deliveryMode(c.Text); m != "" && !slices.Contains(o.DeliveryModes, m) {
				o.DeliveryModes = append(o.DeliveryModes, m)
			}
		case "CS_TYPE", "CS_WDB_TYPE":
			x.keep(c, key)
			if o.Type == "" {
				o.Type = offerType(c.Text)
			}
		case "CS_DEGREE":
			o.Degree = c.Text
			rec.At("degree", cpath, c.Line)
		case "CS_DEGREE_TYPE", "CS_WDB_DEGREE_TYPE":
			x.keep(c, key)
			if o.DegreeType == "" {
				o.DegreeType = degreeType(c.Text)
			}
		case "CS_DEGREE_EXAM":
			flag(c, cpath, &o.Exam)
		case "CS_PRICE":
			price = c
			rec.At("price", cpath, c.Line)
			rec.At("price.amount_cents", cpath, c.Line)
		case "CS_PRICE_CURRENCY":
			currency = c
			rec.At("price.currency", cpath, c.Line)
		case "CS_PRICE_TOTAL":
			priceTotal, priceTotalPath = c, cpath
		case "CS_PRICE_INFO":
			priceInfo = c
			rec.At("price.note", cpath, c.Line)
			fundingTexts = append(fundingTexts, c.Text)
		case "CS_PROMOTION", "CS_WDB_PROMOTION":
			x.keep(c, key)
			promotions = appendText(promotions, c.Text)
			rec.At("funding", cpath, c.Line)
		case "CS_PROMOTION_DESC":
			fundingNotes = appendText(fundingNotes, c.Text)
			fundingTexts = append(fundingTexts, c.Text)
			rec.At("funding_note", cpath, c.Line)
		case "CS_CERTIFICATE":
			x.keep(c, key)
			if v := strings.ToLower(c.Text); has(v, "de_sgb", "sgb 3", "sgb iii", "de_bu", "bildungsurlaub") {
				promotions = append(promotions, c.Text)
			}
		case "CS_CERTIFICATE_DESC", "CS_PROMOTION_TARGETGROUP":
			x.keep(c, key)
			fundingTexts = append(fundingTexts, c.Text)
		case "CS_HANDICAP":
			o.Accessibility = c.Text
			rec.At("accessibility", cpath, c.Line)
		case "CS_WDB_FRAUENSPEZIFISCH":
			flag(c, cpath, &o.WomenSpecific)
		case "CS_WDB_KINDERBETREUUNG":
			flag(c, cpath, &o.Childcare)
		case "CS_WDB_PRAKTIKUM":
			flag(c, cpath, &o.Internship)
		case "CS_WDB_UNTERRICHTSSTUNDEN_ANZAHL":
			rec.At("teaching_hours", cpath, c.Line)
			if c.Text == "" {
				return
			}
			h, err := ParseNumber(c.Text)
			if err != nil {
				rec.Problemf(cpath, c.Line, "„%s“ ist keine Anzahl von Unterrichtsstunden.", c.Text)
			}
			o.TeachingHours = h
		case "CS_WDB_ZEITLICHEDURCHFUEHRUNG":
			x.keep(c, key)
			if p := timePattern(c.Text); p != "" {
				if !slices.Contains(ci.patterns, p) {
					ci.patterns = append(ci.patterns, p)
				}
			} else if c.Text != "" {
				ci.timeText = c.Text
			}
		case "CS_LN_TIME_DESCRIPTION": // lernnetz's own: the time of a free schedule
			ci.timeText = c.Text
		case "CS_WDB_TEILNEHMER_MIN", "CS_WDB_TEILNEHMER_MAX":
			if c.Text == "" {
				return
			}
			n, err := strconv.Atoi(c.Text)
			if err != nil || n < 0 {
				rec.Problemf(cpath, c.Line, "„%s“ ist keine Teilnehmerzahl.", c.Text)
			}
			if c.Name == "CS_WDB_TEILNEHMER_MIN" {
				ci.seatsMin, ci.seatsPath[0] = n, position{cpath, c.Line}
			} else {
				ci.seatsMax, ci.seatsPath[1] = n, position{cpath, c.Line}
			}
		case "CS_WDB_MASSNAHMENUMMER_AA":
			x.keep(c, key)
			if ci.measure == "" {
				ci.measure = c.Text
			}
		case "CS_WDB_GESAMTDAUER_ANZAHL":
			x.keep(c, key)
			ci.totalNum, ci.totalPath = c.Text, position{cpath, c.Line}
		case "CS_WDB_GESAMTDAUER_EINHEIT":
			x.keep(c, key)
			ci.totalUnit = c.Text
		case "CS_WDB_ADDRESS":
			x.attrs(c, key)
			walk(c, cpath, func(a *element, apath string) {
				akey := strings.TrimPrefix(apath, path+"/")
				if a.Name == "ADDRESS" && ci.place == nil {
					pl := r.mapAddress(rec, x, a, apath, akey)
					ci.place = &pl
				} else {
					x.keep(a, akey)
				}
			})
		case "COURSESCHEDULES":
			schedules = append(schedules, c)
			schedulePaths = append(schedulePaths, cpath)
		case "CONTACT":
			field := fmt.Sprintf("contacts[%d]", len(o.Contacts))
			if ct := r.mapContact(rec, x, c, cpath, key, field); !emptyContact(ct) {
				o.Contacts = append(o.Contacts, ct)
			}
		default:
			x.keep(c, key)
		}
	})

	r.mapPrice(rec, x, o, price, currency, priceInfo, priceTotal, priceTotalPath)
	var texts string
	for _, p := range promotions {
		if texts == "" && has(strings.ToLower(p), "eu/bund/land", "eu / bund / land") {
			texts = strings.Join(append(fundingTexts, fundingSentences(o.ShortDescription+"\n"+o.Description)...), "\n")
		}
		codes := funding(p, texts)
		for _, c := range codes {
			if !slices.Contains(o.Funding, c) {
				o.Funding = append(o.Funding, c)
			}
		}
		if len(codes) == 0 && has(strings.ToLower(p), "eu/bund/land") {
			fundingNotes = append(fundingNotes, "Förderung aus Mitteln der EU, des Bundes oder des Landes möglich.")
		}
	}
	o.FundingNote = strings.Join(fundingNotes, "\n")

	for i, cs := range schedules {
		r.mapSchedules(rec, x, o, cs, schedulePaths[i], strings.TrimPrefix(schedulePaths[i], path+"/"), ci)
	}
	o.Internship = o.Internship || ci.internship

	switch {
	case rec.SourceID == "":
		rec.Problemf(path+"/CS_ID", e.Line, "Die Kennung des Kurses (CS_ID) fehlt.")
	case rec.ProviderSourceID == "":
		rec.Problemf(path+"/CS_SUPPLIERID", e.Line, "Der Anbieter des Kurses (CS_SUPPLIERID) fehlt.")
	}
	if o.Title == "" {
		rec.Problemf(path+"/CS_NAME", e.Line, "Der Name des Kurses (CS_NAME) fehlt.")
	}
	if len(schedules) == 0 {
		rec.Problemf(path+"/COURSESCHEDULES", e.Line, "Die Termine des Kurses (COURSESCHEDULES mit SCHEDULE oder FREESCHEDULE) fehlen.")
	}
	o.Provenance.SourceID = rec.SourceID
	o.Extensions = x.orNil()
	rec.Offer = o
	return rec
}

// mapPrice sets the offer's price from CS_PRICE and its companions. Without
// CS_PRICE there is no price, and currency and price info stay extensions.
func (r *Reader) mapPrice(rec *record.Record, x extensions, o *catalogue.Offer, price, currency, info, total *element, totalPath string) {
	gross := true
	if total != nil && total.Text != "" {
		v, err := ParseBool(total.Text)
		if err != nil {
			rec.Problemf(totalPath, total.Line, "„%s“ ist kein Wahrheitswert; erwartet wird true oder false.", total.Text)
		}
		gross = v || err != nil
	}
	if price == nil || price.Text == "" {
		for _, e := range []*element{currency, info, total} {
			if e != nil {
				x.keep(e, e.Name)
			}
		}
		return
	}
	cents, err := ParseCents(price.Text)
	if err != nil {
		path, _ := rec.Locate("price")
		rec.Problemf(path, price.Line, "„%s“ ist kein Preis: %s. Erwartet wird z. B. 1513.80 oder 1.513,80.", price.Text, err)
		return
	}
	p := &catalogue.Price{AmountCents: cents, Unit: "total"}
	if currency != nil {
		p.Currency = currency.Text
	}
	if info != nil {
		p.Note = info.Text
	}
	if !gross {
		p.Note = strings.TrimSpace("zzgl. MwSt. " + p.Note)
	}
	o.Price = p
}

var fundingWords = regexp.MustCompile(`(?i)förder|finanz|mitteln`)

// fundingSentences returns the sentences of text that speak about money,
// where descriptions tell who funds an offer.
func fundingSentences(text string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(text, func(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '\n' }) {
		if fundingWords.MatchString(s) {
			out = append(out, s)
		}
	}
	return out
}
