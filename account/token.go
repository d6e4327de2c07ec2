package account

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// TokenBytes is the number of random bytes in every token lernnetz hands
// out (sessions, e-mail links): 256 bits, twice what OWASP asks of session
// identifiers.
const TokenBytes = 32

// NewToken returns a new random token from crypto/rand, URL-safe base64
// without padding (43 characters).
func NewToken() string {
	b := make([]byte, TokenBytes)
	rand.Read(b) // never returns an error; it crashes the program instead
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken returns the hex SHA-256 of token: what stores keep instead of
// the token, so that a copy of the database opens no session and resets no
// password. A fast hash is right here: the token has 256 random bits.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Purpose says what a one-time token is for.
type Purpose string

// Purposes of one-time tokens.
const (
	PurposeVerifyEmail   Purpose = "verify_email"
	PurposeResetPassword Purpose = "reset_password"
	PurposeInvite        Purpose = "invite" // joining a provider organisation (later)
)

// Lifetime returns how long a token of the purpose stays valid.
func (p Purpose) Lifetime() time.Duration {
	switch p {
	case PurposeResetPassword:
		return time.Hour
	case PurposeVerifyEmail:
		return 48 * time.Hour
	case PurposeInvite:
		return 7 * 24 * time.Hour
	}
	return time.Hour
}

// Token is a one-time token as stored: its hash, never the token itself.
// It is consumed (deleted) on first use.
type Token struct {
	Hash      string
	UserID    int64
	Purpose   Purpose
	Data      string // purpose-specific JSON, e.g. an invitation's provider and role
	CreatedAt time.Time
	ExpiresAt time.Time
}

// NewOneTimeToken returns a new token for user and purpose, valid from now
// for the purpose's lifetime, and its stored form.
func NewOneTimeToken(userID int64, purpose Purpose, now time.Time) (string, *Token) {
	tok := NewToken()
	return tok, &Token{
		Hash:      HashToken(tok),
		UserID:    userID,
		Purpose:   purpose,
		CreatedAt: now,
		ExpiresAt: now.Add(purpose.Lifetime()),
	}
}
