package account

import (
	"crypto/subtle"
	"net/url"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	"github.com/pquerna/otp/totp"
)

// TOTP follows RFC 6238 as every authenticator app implements it: HMAC-SHA1,
// six digits, 30-second steps, and a code of the step before or after the
// current one is accepted too (clocks drift, people type slowly).
const (
	TOTPPeriod = 30 * time.Second
	TOTPSkew   = 1
	// TOTPIssuer is shown in authenticator apps.
	TOTPIssuer = "lernnetz"
)

// TOTPKey is a new second factor to show a person once: the secret in
// base32 (for typing) and the otpauth:// URI (for a QR code or a link).
type TOTPKey struct {
	Secret string
	URI    string
}

// NewTOTPKey makes a new random 160-bit TOTP secret (RFC 4226's recommended
// size) for account (the e-mail address, shown in the app).
func NewTOTPKey(account string) (TOTPKey, error) {
	k, err := totp.Generate(totp.GenerateOpts{
		Issuer:      TOTPIssuer,
		AccountName: account,
		Period:      uint(TOTPPeriod / time.Second),
		SecretSize:  20,
		Digits:      otp.DigitsSix,
		Algorithm:   otp.AlgorithmSHA1,
	})
	if err != nil {
		return TOTPKey{}, err
	}
	return TOTPKey{Secret: k.Secret(), URI: k.URL()}, nil
}

// TOTPURI returns the otpauth:// URI of secret for account, as
// authenticator apps read it from a QR code or a link.
func TOTPURI(secret, account string) string {
	q := url.Values{}
	q.Set("secret", secret)
	q.Set("issuer", TOTPIssuer)
	q.Set("algorithm", "SHA1")
	q.Set("digits", "6")
	q.Set("period", "30")
	u := url.URL{Scheme: "otpauth", Host: "totp", Path: "/" + TOTPIssuer + ":" + account, RawQuery: q.Encode()}
	return u.String()
}

// TOTPStep returns the RFC 6238 time step of t.
func TOTPStep(t time.Time) int64 {
	return t.Unix() / int64(TOTPPeriod/time.Second)
}

// TOTPCode returns the code of secret for the step of t (for tests and for
// showing what an app should display).
func TOTPCode(secret string, t time.Time) (string, error) {
	return hotp.GenerateCodeCustom(secret, uint64(TOTPStep(t)), hotp.ValidateOpts{
		Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1,
	})
}

// CheckTOTP checks code against secret at now. It returns the step of the
// matching code, to be recorded so that the code cannot be used again, and
// a *ValidationError for field "code" when the code is wrong or belongs to
// a step at or before lastStep (a replay: each code works once).
func CheckTOTP(secret, code string, now time.Time, lastStep int64) (int64, error) {
	code = strings.Join(strings.Fields(code), "") // "123 456" as some apps show it
	c := &checker{}
	if len(code) != 6 {
		c.add("code", "code_invalid")
		return 0, c.err()
	}
	cur := TOTPStep(now)
	matched := int64(-1)
	for step := cur - TOTPSkew; step <= cur+TOTPSkew; step++ {
		want, err := hotp.GenerateCodeCustom(secret, uint64(step), hotp.ValidateOpts{
			Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1,
		})
		if err != nil {
			return 0, err
		}
		// Compare every candidate, in constant time, so timing tells nothing.
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 && matched < 0 {
			matched = step
		}
	}
	switch {
	case matched < 0:
		c.add("code", "code_invalid")
	case matched <= lastStep:
		c.add("code", "code_used")
	}
	if err := c.err(); err != nil {
		return 0, err
	}
	return matched, nil
}
