package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Argon2Params are the cost parameters of argon2id.
type Argon2Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultArgon2 follows OWASP's Password Storage Cheat Sheet: argon2id with
// 19 MiB of memory, two passes and one lane. One hash takes some 30 ms on a
// current server core.
var DefaultArgon2 = Argon2Params{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// Hasher hashes and verifies passwords with argon2id. It bounds how many
// hashes run at once, so that a burst of logins cannot take all memory
// (each hash holds Params.Memory).
type Hasher struct {
	Params Argon2Params
	slots  chan struct{}

	dummyOnce sync.Once
	dummy     string
}

// NewHasher returns a hasher with params that runs at most two hashes per
// CPU at once.
func NewHasher(params Argon2Params) *Hasher {
	return &Hasher{Params: params, slots: make(chan struct{}, 2*runtime.GOMAXPROCS(0))}
}

// ErrInvalidHash is returned for a stored hash that is not an argon2id PHC
// string this package can read.
var ErrInvalidHash = errors.New("account: invalid password hash")

// normalize applies Unicode NFKC, as NIST SP 800-63B recommends, so that a
// password typed on another keyboard or system still matches.
func normalize(pw string) []byte { return []byte(norm.NFKC.String(pw)) }

func (h *Hasher) key(pw string, salt []byte, p Argon2Params) []byte {
	h.slots <- struct{}{}
	defer func() { <-h.slots }()
	return argon2.IDKey(normalize(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
}

// Hash returns pw's argon2id hash as a PHC string:
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
//
// with salt and hash in unpadded standard base64.
func (h *Hasher) Hash(pw string) (string, error) {
	p := h.Params
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("account: salt: %w", err)
	}
	key := h.key(pw, salt, p)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether pw matches the PHC string encoded, comparing in
// constant time. rehash is true when the password matched but was hashed
// with other parameters than h's: the caller should store a new Hash.
func (h *Hasher) Verify(encoded, pw string) (ok, rehash bool, err error) {
	p, salt, want, err := decodeHash(encoded)
	if err != nil {
		return false, false, err
	}
	got := h.key(pw, salt, p)
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return false, false, nil
	}
	cur := h.Params
	rehash = p.Memory != cur.Memory || p.Time != cur.Time || p.Threads != cur.Threads ||
		p.KeyLen != cur.KeyLen || p.SaltLen != cur.SaltLen
	return true, rehash, nil
}

// VerifyNothing spends the time of one Verify, for a login without an
// account (against user enumeration by timing). It verifies against a hash
// of a random password made once with h's parameters.
func (h *Hasher) VerifyNothing(pw string) {
	h.dummyOnce.Do(func() {
		h.dummy, _ = h.Hash(NewToken())
	})
	h.Verify(h.dummy, pw)
}

func decodeHash(encoded string) (p Argon2Params, salt, key []byte, err error) {
	parts := strings.Split(encoded, "$")
	// "", "argon2id", "v=19", "m=…,t=…,p=…", salt, key
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, ErrInvalidHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, ErrInvalidHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, ErrInvalidHash
	}
	if p.Memory < 8*uint32(p.Threads) || p.Memory > 4<<20 || p.Time < 1 || p.Time > 100 || p.Threads < 1 {
		return p, nil, nil, ErrInvalidHash // refuse costs that could never be ours (and denial of service)
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[4]); err != nil || len(salt) < 8 {
		return p, nil, nil, ErrInvalidHash
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, ErrInvalidHash
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}
