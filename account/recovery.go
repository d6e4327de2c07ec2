package account

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"strings"
	"time"
)

// Recovery codes let a person with a second factor sign in when the app is
// lost: each works once, in place of a TOTP code. A code has 80 random bits
// (16 base32 characters in groups of four), so its SHA-256 in the database
// cannot be reversed by trying.
const (
	RecoveryCodeCount = 10
	recoveryCodeBytes = 10
)

var recoveryEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewRecoveryCodes returns RecoveryCodeCount new codes to show once and
// their hashes to store.
func NewRecoveryCodes() (codes, hashes []string) {
	for range RecoveryCodeCount {
		b := make([]byte, recoveryCodeBytes)
		rand.Read(b)
		s := recoveryEncoding.EncodeToString(b)
		code := s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16]
		codes = append(codes, code)
		hashes = append(hashes, HashRecoveryCode(code))
	}
	return codes, hashes
}

// NormalizeRecoveryCode reduces what a person typed to the code's
// characters: upper case, without spaces and dashes; "" when it cannot be a
// recovery code (a six-digit TOTP code, for instance).
func NormalizeRecoveryCode(s string) string {
	s = strings.ToUpper(strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(s))
	if len(s) != 16 {
		return ""
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '2' && r <= '7') {
			return ""
		}
	}
	return s
}

// HashRecoveryCode returns what stores keep of a code, however it was
// typed.
func HashRecoveryCode(code string) string {
	return HashToken("recovery:" + NormalizeRecoveryCode(code))
}

// RecoveryStore keeps recovery codes by their hash.
type RecoveryStore interface {
	// SetRecoveryCodes replaces the user's codes by hashes (none: removes
	// them).
	SetRecoveryCodes(ctx context.Context, userID int64, hashes []string) error
	// UseRecoveryCode marks the user's unused code with hash as used at at
	// and reports whether there was one: each code works once, even with
	// two requests racing.
	UseRecoveryCode(ctx context.Context, userID int64, hash string, at time.Time) (bool, error)
	// RecoveryCodesLeft counts the user's unused codes.
	RecoveryCodesLeft(ctx context.Context, userID int64) (int, error)
}
