package account

import (
	"bufio"
	"bytes"
	_ "embed"
	"strings"
	"unicode/utf8"
)

// The password policy, after NIST SP 800-63B and OWASP ASVS 5.0: a minimum
// length and a list of common passwords, no composition rules, no expiry.
// Lengths are counted in characters (runes), not bytes, so that "Straße"
// has six.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 256
)

//go:embed commonpasswords.txt
var commonPasswordsText []byte

// commonPasswords holds the shipped list (see commonpasswords.txt.license
// for source and licence), lower-cased.
var commonPasswords = func() map[string]struct{} {
	m := make(map[string]struct{}, 10000)
	sc := bufio.NewScanner(bytes.NewReader(commonPasswordsText))
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			m[line] = struct{}{}
		}
	}
	return m
}()

// IsCommonPassword reports whether pw is on the shipped list of common
// passwords, regardless of case.
func IsCommonPassword(pw string) bool {
	_, ok := commonPasswords[strings.ToLower(pw)]
	return ok
}

// CheckPassword checks pw against the policy for the account with e-mail
// address email (which may be empty) and returns a *ValidationError naming
// field "password", or nil. The password is never trimmed or otherwise
// changed: what a person types is what they chose.
func CheckPassword(pw, email string) error {
	c := &checker{}
	checkPassword(c, "password", pw, email)
	return c.err()
}

func checkPassword(c *checker, field, pw, email string) {
	n := utf8.RuneCountInString(pw)
	switch {
	case pw == "":
		c.add(field, "required")
	case n < MinPasswordLength:
		c.add(field, "password_short", MinPasswordLength)
	case n > MaxPasswordLength:
		c.add(field, "password_long", MaxPasswordLength)
	case IsCommonPassword(pw):
		c.add(field, "password_common")
	case email != "" && strings.EqualFold(strings.TrimSpace(pw), strings.TrimSpace(email)):
		c.add(field, "password_is_email")
	}
}
