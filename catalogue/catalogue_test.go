package catalogue_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
)

func TestVocabulariesHaveBothLanguages(t *testing.T) {
	names := catalogue.VocabularyNames()
	for _, want := range []string{"provider_kind", "delivery_mode", "funding", "topic", "time_pattern", "certificate", "venue_kind", "accessibility", "degree_type"} {
		v := catalogue.Vocab(want)
		if v == nil || len(v.Terms) < 3 {
			t.Fatalf("vocabulary %s missing or too small (have %v)", want, names)
		}
	}
	modes := catalogue.Vocab("delivery_mode")
	if modes.Label("virtual_classroom", "de") != "Virtuelles Klassenzimmer" || modes.Label("virtual_classroom", "en") != "Virtual classroom" {
		t.Fatal("delivery mode labels")
	}
	if term, _ := modes.Term("classroom"); term.KURSNET != "101" {
		t.Fatalf("classroom maps to KURSNET %q, want 101", term.KURSNET)
	}
	if modes.Has("telepathy") || modes.Label("telepathy", "de") != "telepathy" {
		t.Fatal("unknown codes must not be terms")
	}
}

func TestProviderValidation(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, catalogue.Berlin)
	p := &catalogue.Provider{
		Name: "  ", Kind: "castle", Website: "ftp://x", Email: "a@b",
		Address:      catalogue.Address{PostalCode: "6611", City: "Saarbrücken"},
		Geo:          &catalogue.Geo{Lat: 95, Lon: 7},
		FoundedYear:  2099,
		Certificates: []catalogue.Certificate{{Code: "azav", ValidFrom: "2027-01-01", ValidUntil: "2026-01-01"}, {Code: "", ValidUntil: "31.12.2027"}},
		ExternalIDs:  []catalogue.ExternalID{{Scheme: "ba"}},
	}
	err := catalogue.PrepareProvider(p, now)
	var ve *catalogue.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want validation error, got %v", err)
	}
	for field, code := range map[string]string{
		"name": "required", "kind": "unknown_code", "website": "invalid_url", "email": "invalid_email",
		"address.postal_code": "invalid_postal_code", "geo.lat": "out_of_range", "founded_year": "out_of_range",
		"certificates[0].valid_until": "valid_until_before_from", "certificates[1].code": "required",
		"certificates[1].valid_until": "invalid_format", "external_ids[0].value": "required",
	} {
		if !ve.Has(field, code) {
			t.Errorf("missing %s on %s: %v", code, field, ve.Errors)
		}
	}
	if p.Address.Country != "DE" {
		t.Errorf("country defaults to DE, got %q", p.Address.Country)
	}
	msg := ve.Error()
	if !strings.HasPrefix(msg, "Der Anbieter ist unvollständig oder fehlerhaft: ") || !strings.Contains(msg, "Eine deutsche Postleitzahl hat fünf Ziffern.") {
		t.Errorf("German summary: %s", msg)
	}
}

func TestVenueValidation(t *testing.T) {
	v := &catalogue.Venue{Name: "Lernort", Kind: "library",
		OpeningHours:  []catalogue.OpeningHours{{Day: "mo", Opens: "18:00", Closes: "09:00"}, {Day: "xx", Opens: "9", Closes: "12:00"}},
		Accessibility: []string{"step_free", "step_free"}}
	var ve *catalogue.ValidationError
	if err := catalogue.PrepareVenue(v); !errors.As(err, &ve) {
		t.Fatalf("want validation error, got %v", err)
	}
	for field, code := range map[string]string{
		"opening_hours[0].closes": "closes_before_opens", "opening_hours[1].day": "unknown_code",
		"opening_hours[1].opens": "invalid_format", "accessibility[1]": "duplicate",
	} {
		if !ve.Has(field, code) {
			t.Errorf("missing %s on %s: %v", code, field, ve.Errors)
		}
	}
}

func TestMessagesInBothLanguages(t *testing.T) {
	fe := catalogue.FieldError{Field: "title", Code: "too_long", Params: []any{250}}
	if fe.Message("de") != "Bitte höchstens 250 Zeichen eingeben." || fe.Message("en") != "Please enter at most 250 characters." {
		t.Fatalf("messages: %q / %q", fe.Message("de"), fe.Message("en"))
	}
}

func TestOfferDefaultsAndPublishedNeedsDate(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, catalogue.Berlin)
	start := time.Date(2027, 1, 11, 17, 30, 0, 0, time.UTC) // 18:30 in Berlin
	o := &catalogue.Offer{ProviderID: 1, Title: " Yoga ", Price: &catalogue.Price{AmountCents: 0},
		Dates: []catalogue.Date{{Start: &start}, {}}}
	if err := catalogue.PrepareOffer(o, now); err != nil {
		t.Fatal(err)
	}
	if o.Title != "Yoga" || o.Status != catalogue.StatusDraft || o.Price.Currency != "EUR" || o.Price.Unit != "total" {
		t.Fatalf("defaults: %+v", o)
	}
	if o.Dates[0].StartKind != catalogue.StartFixed || o.Dates[1].StartKind != catalogue.StartOnRequest {
		t.Fatalf("start kinds: %q %q", o.Dates[0].StartKind, o.Dates[1].StartKind)
	}
	if o.Dates[0].Start.Location() != catalogue.Berlin || o.Dates[0].DayTime != "evening" {
		t.Fatalf("start %v, day time %q", o.Dates[0].Start, o.Dates[0].DayTime)
	}
	published := &catalogue.Offer{ProviderID: 1, Title: "Yoga", Status: catalogue.StatusPublished}
	var ve *catalogue.ValidationError
	if err := catalogue.PrepareOffer(published, now); !errors.As(err, &ve) || !ve.Has("dates", "date_required") {
		t.Fatalf("a published offer without dates: %v", err)
	}
}
