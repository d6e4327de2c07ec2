package account

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// SecretBox seals small secrets kept in the database — the TOTP secrets —
// with AES-256-GCM under a key that lives outside it (configuration). A copy
// of the database alone then reveals no second factor. Sealed values start
// with "v1:", so that keys can be rotated later.
type SecretBox struct {
	aead cipher.AEAD
}

// SecretKeyLen is the length of a SecretBox key in bytes.
const SecretKeyLen = 32

// NewSecretBox returns a box for key, which must have SecretKeyLen bytes of
// random data.
func NewSecretBox(key []byte) (*SecretBox, error) {
	if len(key) != SecretKeyLen {
		return nil, fmt.Errorf("account: the secret key must have %d bytes, not %d", SecretKeyLen, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &SecretBox{aead: aead}, nil
}

// DevSecretBox returns a box whose key is public: for development only,
// where it saves configuring a key.
func DevSecretBox() *SecretBox {
	key := sha256.Sum256([]byte("lernnetz development key – never use in production"))
	b, _ := NewSecretBox(key[:])
	return b
}

// ErrUnseal is returned for a sealed value that was changed, belongs to
// another context or was sealed under another key.
var ErrUnseal = errors.New("account: cannot unseal secret")

const sealPrefix = "v1:"

// Seal encrypts plain, bound to context (for example "totp:17" for user 17),
// so that a sealed value moved to another row does not open.
func (b *SecretBox) Seal(plain, context string) string {
	nonce := make([]byte, b.aead.NonceSize())
	rand.Read(nonce)
	out := b.aead.Seal(nonce, nonce, []byte(plain), []byte(context))
	return sealPrefix + base64.RawStdEncoding.EncodeToString(out)
}

// Open decrypts a value of Seal with the same context.
func (b *SecretBox) Open(sealed, context string) (string, error) {
	rest, ok := strings.CutPrefix(sealed, sealPrefix)
	if !ok {
		return "", ErrUnseal
	}
	raw, err := base64.RawStdEncoding.DecodeString(rest)
	if err != nil || len(raw) < b.aead.NonceSize() {
		return "", ErrUnseal
	}
	n := b.aead.NonceSize()
	plain, err := b.aead.Open(nil, raw[:n], raw[n:], []byte(context))
	if err != nil {
		return "", ErrUnseal
	}
	return string(plain), nil
}

// TOTPContext is the sealing context of user id's TOTP secret.
func TOTPContext(userID int64) string { return fmt.Sprintf("totp:%d", userID) }
