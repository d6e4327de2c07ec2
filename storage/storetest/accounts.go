package storetest

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/account"
	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/mail"
)

// AccountStore is what the accounts suite needs of a store: the account
// store and the mail outbox, and the catalogue for providers to be a member
// of.
type AccountStore interface {
	catalogue.Store
	account.Store
	mail.Outbox
}

// AccountOpener returns a new, empty store whose clock is now.
type AccountOpener func(t *testing.T, now func() time.Time) AccountStore

// Clock is a settable clock for the suite's stores.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// RunAccounts runs the accounts suite, each test on a new store whose clock
// starts at Now. It is a suite of its own beside Run, whose stores are only
// catalogue.Stores.
func RunAccounts(t *testing.T, open AccountOpener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s AccountStore, clock *Clock)
	}{
		{"UserRoundTrip", testUserRoundTrip},
		{"EmailIsUniqueRegardlessOfCase", testEmailUnique},
		{"PasswordAndRehash", testPasswordAndRehash},
		{"TOTPStepIsUsedOnce", testTOTPStepUsedOnce},
		{"Memberships", testMemberships},
		{"MemberChangesKeepAnAdmin", testMemberChangesKeepAnAdmin},
		{"Sessions", testSessions},
		{"ExpiredSessionsArePurged", testExpiredSessionsPurged},
		{"TokensAreSingleUse", testTokensSingleUse},
		{"TokensAreListedAndRevoked", testTokensListedAndRevoked},
		{"ThrottleFailures", testThrottleFailures},
		{"MailOutbox", testMailOutbox},
		{"DeletedUserSignsInNoMore", testDeletedUser},
		{"APITokens", testAPITokens},
		{"Bookmarks", testBookmarks},
		{"RecoveryCodes", testRecoveryCodes},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := NewClock(Now)
			tc.fn(t, open(t, clock.Now), clock)
		})
	}
}

// NewUser returns a valid user with email and roles; its password hash is a
// placeholder (hashing is not the store's business).
func NewUser(email string, roles ...account.Role) *account.User {
	return &account.User{
		Email:        email,
		DisplayName:  "Lena Müller-Lüdenscheidt",
		PasswordHash: "$argon2id$v=19$m=19456,t=2,p=1$placeholder$placeholder",
		Roles:        roles,
	}
}

func mustCreateUser(t *testing.T, s AccountStore, u *account.User) *account.User {
	t.Helper()
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatalf("create user %s: %v", u.Email, err)
	}
	return u
}

func testUserRoundTrip(t *testing.T, s AccountStore, clock *Clock) {
	verified := Now.Add(-time.Hour)
	u := NewUser("Lena.Mueller@Example.org", account.RoleCoordinator, account.RoleAdmin, account.RoleLearner, account.RoleAdmin)
	u.EmailVerifiedAt = &verified
	mustCreateUser(t, s, u)
	if u.ID == 0 || !u.CreatedAt.Equal(Now) || !u.UpdatedAt.Equal(Now) {
		t.Fatalf("create did not set id and timestamps: %+v", u)
	}
	if len(u.Roles) != 2 || u.Roles[0] != account.RoleCoordinator || u.Roles[1] != account.RoleAdmin {
		t.Errorf("roles %v, want [coordinator admin]", u.Roles)
	}
	got, err := s.User(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.PasswordHash != u.PasswordHash || got.TOTPSecret != "" {
		t.Errorf("secrets differ: %q", got.PasswordHash)
	}
	sameJSON(t, "user", got, u)
	byEmail, err := s.UserByEmail(ctx, "  lena.mueller@EXAMPLE.org ")
	if err != nil || byEmail.ID != u.ID {
		t.Fatalf("by e-mail regardless of case: %v %+v", err, byEmail)
	}
	if byEmail.Email != "Lena.Mueller@Example.org" {
		t.Errorf("the address as entered is lost: %q", byEmail.Email)
	}

	clock.Advance(time.Minute)
	got.DisplayName = "Lena M."
	got.Email = "lena@example.org"
	got.EmailVerifiedAt = nil
	got.Roles = []account.Role{account.RoleCounsellor}
	if err := s.UpdateUser(ctx, got); err != nil {
		t.Fatal(err)
	}
	again, err := s.User(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "updated user", again, got)
	if !again.UpdatedAt.Equal(Now.Add(time.Minute)) || !again.CreatedAt.Equal(Now) {
		t.Errorf("timestamps after update: %v %v", again.CreatedAt, again.UpdatedAt)
	}
	bad := *again
	bad.Roles = []account.Role{"superuser"}
	var ve *account.ValidationError
	if err := s.UpdateUser(ctx, &bad); !errors.As(err, &ve) || !ve.Has("roles", "unknown_role") {
		t.Errorf("unknown role: %v", err)
	}
	for _, err := range []error{
		func() error { _, err := s.User(ctx, 999999); return err }(),
		func() error { _, err := s.UserByEmail(ctx, "nobody@example.org"); return err }(),
		func() error { _, err := s.UserByEmail(ctx, ""); return err }(),
		s.UpdateUser(ctx, &account.User{ID: 999999, Email: "x@example.org"}),
	} {
		if !errors.Is(err, account.ErrNotFound) {
			t.Errorf("want ErrNotFound, got %v", err)
		}
	}

	mustCreateUser(t, s, NewUser("zweite@example.org"))
	mustCreateUser(t, s, NewUser("dritte@example.org", account.RoleCounsellor))
	for role, want := range map[account.Role]int{"": 3, account.RoleLearner: 3, account.RoleCounsellor: 2, account.RoleAdmin: 0} {
		if n, err := s.CountUsers(ctx, role); err != nil || n != want {
			t.Errorf("CountUsers(%q) = %d, %v; want %d", role, n, err, want)
		}
	}
	deleted := Now
	again.DeletedAt = &deleted
	if err := s.UpdateUser(ctx, again); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountUsers(ctx, account.RoleCounsellor); n != 1 {
		t.Errorf("a deleted user is counted: %d", n)
	}
}

func testEmailUnique(t *testing.T, s AccountStore, clock *Clock) {
	mustCreateUser(t, s, NewUser("max@example.org"))
	if err := s.CreateUser(ctx, NewUser("MAX@Example.ORG")); !errors.Is(err, account.ErrConflict) {
		t.Fatalf("second account with the same address: %v", err)
	}
	b := mustCreateUser(t, s, NewUser("moritz@example.org"))
	b.Email = "Max@example.org"
	if err := s.UpdateUser(ctx, b); !errors.Is(err, account.ErrConflict) {
		t.Fatalf("changing to a taken address: %v", err)
	}
	if got, _ := s.User(ctx, b.ID); got.Email != "moritz@example.org" {
		t.Errorf("failed update changed the address to %q", got.Email)
	}
	if n, _ := s.CountUsers(ctx, ""); n != 2 {
		t.Errorf("%d users after conflicts, want 2", n)
	}
}

func testPasswordAndRehash(t *testing.T, s AccountStore, clock *Clock) {
	u := mustCreateUser(t, s, NewUser("p@example.org"))
	_, reset := account.NewOneTimeToken(u.ID, account.PurposeResetPassword, Now)
	_, verify := account.NewOneTimeToken(u.ID, account.PurposeVerifyEmail, Now)
	for _, tok := range []*account.Token{reset, verify} {
		if err := s.CreateToken(ctx, tok); err != nil {
			t.Fatal(err)
		}
	}
	changed := Now.Add(time.Minute)
	if err := s.SetPassword(ctx, u.ID, "new-hash", changed); err != nil {
		t.Fatal(err)
	}
	got, _ := s.User(ctx, u.ID)
	if got.PasswordHash != "new-hash" || got.PasswordChangedAt == nil || !got.PasswordChangedAt.Equal(changed) {
		t.Fatalf("after SetPassword: %q %v", got.PasswordHash, got.PasswordChangedAt)
	}
	if _, err := s.PeekToken(ctx, reset.Hash, account.PurposeResetPassword, Now); !errors.Is(err, account.ErrNotFound) {
		t.Errorf("a reset token survived the password change: %v", err)
	}
	if _, err := s.PeekToken(ctx, verify.Hash, account.PurposeVerifyEmail, Now); err != nil {
		t.Errorf("the verification token went with the password change: %v", err)
	}
	if ok, err := s.RehashPassword(ctx, u.ID, "stale-hash", "rehashed"); ok || err != nil {
		t.Errorf("rehash over a changed hash: %v %v", ok, err)
	}
	if ok, err := s.RehashPassword(ctx, u.ID, "new-hash", "rehashed"); !ok || err != nil {
		t.Errorf("rehash: %v %v", ok, err)
	}
	if got, _ := s.User(ctx, u.ID); got.PasswordHash != "rehashed" {
		t.Errorf("hash %q", got.PasswordHash)
	}
	if err := s.SetPassword(ctx, 999999, "x", Now); !errors.Is(err, account.ErrNotFound) {
		t.Errorf("password of nobody: %v", err)
	}
}

func testTOTPStepUsedOnce(t *testing.T, s AccountStore, clock *Clock) {
	u := mustCreateUser(t, s, NewUser("t@example.org", account.RoleAdmin))
	if err := s.SetTOTP(ctx, u.ID, "v1:sealed", 1000); err != nil {
		t.Fatal(err)
	}
	got, _ := s.User(ctx, u.ID)
	if got.TOTPSecret != "v1:sealed" || got.TOTPLastStep != 1000 || !got.HasTOTP() {
		t.Fatalf("after SetTOTP: %q %d", got.TOTPSecret, got.TOTPLastStep)
	}
	for _, tc := range []struct {
		step int64
		ok   bool
	}{{1000, false}, {999, false}, {1001, true}, {1001, false}, {1003, true}, {1002, false}} {
		if ok, err := s.UseTOTPStep(ctx, u.ID, tc.step); ok != tc.ok || err != nil {
			t.Errorf("UseTOTPStep(%d) = %v, %v; want %v", tc.step, ok, err, tc.ok)
		}
	}
	// Racing with one code: exactly one wins.
	var wins atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if ok, err := s.UseTOTPStep(ctx, u.ID, 2000); err != nil {
				t.Error(err)
			} else if ok {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Errorf("%d of 8 racing uses of one code succeeded, want 1", wins.Load())
	}
	if err := s.SetTOTP(ctx, u.ID, "", 0); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.User(ctx, u.ID); got.HasTOTP() {
		t.Error("second factor not removed")
	}
}

func testMemberships(t *testing.T, s AccountStore, clock *Clock) {
	u := mustCreateUser(t, s, NewUser("m@example.org"))
	other := mustCreateUser(t, s, NewUser("o@example.org"))
	p1 := mustSaveProvider(t, s, "VHS Saarlouis")
	p2 := mustSaveProvider(t, s, "Bildungswerk Homburg")
	for _, m := range []*account.Membership{
		{UserID: u.ID, ProviderID: p2.ID, Role: account.MemberEditor},
		{UserID: u.ID, ProviderID: p1.ID, Role: account.MemberEditor},
		{UserID: other.ID, ProviderID: p1.ID, Role: account.MemberAdmin},
	} {
		if err := s.SaveMembership(ctx, m); err != nil {
			t.Fatal(err)
		}
		if !m.CreatedAt.Equal(Now) {
			t.Errorf("created %v", m.CreatedAt)
		}
	}
	clock.Advance(time.Hour)
	if err := s.SaveMembership(ctx, &account.Membership{UserID: u.ID, ProviderID: p1.ID, Role: account.MemberAdmin}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Memberships(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []account.Membership{
		{UserID: u.ID, ProviderID: p1.ID, Role: account.MemberAdmin, CreatedAt: Now},
		{UserID: u.ID, ProviderID: p2.ID, Role: account.MemberEditor, CreatedAt: Now},
	}
	sameJSON(t, "memberships", got, want)
	members, err := s.ProviderMembers(ctx, p1.ID)
	if err != nil || len(members) != 2 || members[0].UserID != u.ID || members[1].UserID != other.ID {
		t.Fatalf("members of p1: %v %+v", err, members)
	}
	var ve *account.ValidationError
	if err := s.SaveMembership(ctx, &account.Membership{UserID: u.ID, ProviderID: p1.ID, Role: "owner"}); !errors.As(err, &ve) {
		t.Errorf("unknown membership role: %v", err)
	}
	if err := s.DeleteMembership(ctx, u.ID, p2.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteMembership(ctx, u.ID, p2.ID); !errors.Is(err, account.ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
	// A provider's deletion ends its memberships.
	if err := s.DeleteProvider(ctx, p1.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Memberships(ctx, u.ID); len(got) != 0 {
		t.Errorf("memberships after the provider's deletion: %+v", got)
	}
}

func testSessions(t *testing.T, s AccountStore, clock *Clock) {
	a := mustCreateUser(t, s, NewUser("a@example.org"))
	b := mustCreateUser(t, s, NewUser("b@example.org"))
	tokA1, a1 := account.NewSession(a.ID, account.SessionActive, account.LearnerSessionLimits, Now, "Firefox auf Linux", "192.0.2.1")
	_, a2 := account.NewSession(a.ID, account.SessionMFA, account.PendingSessionLimits, Now.Add(time.Minute), "Safari auf iOS", "2001:db8::1")
	_, b1 := account.NewSession(b.ID, account.SessionActive, account.StaffSessionLimits, Now, "Edge", "192.0.2.2")
	for _, se := range []*account.Session{a1, a2, b1} {
		if err := s.CreateSession(ctx, se); err != nil {
			t.Fatal(err)
		}
		if se.ID == 0 {
			t.Fatal("no session id")
		}
	}
	got, err := s.SessionByToken(ctx, account.HashToken(tokA1))
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "session", got, a1)
	if got.IdleTimeout != account.LearnerSessionLimits.Idle {
		t.Errorf("idle timeout %v", got.IdleTimeout)
	}
	if _, err := s.SessionByToken(ctx, tokA1); !errors.Is(err, account.ErrNotFound) {
		t.Errorf("found by the token itself rather than its hash: %v", err)
	}
	seen := Now.Add(10 * time.Minute)
	if err := s.TouchSession(ctx, a1.ID, seen); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.SessionByToken(ctx, a1.TokenHash); !got.LastSeenAt.Equal(seen) {
		t.Errorf("last seen %v", got.LastSeenAt)
	}
	list, err := s.UserSessions(ctx, a.ID)
	if err != nil || len(list) != 2 || list[0].ID != a2.ID || list[1].ID != a1.ID {
		t.Fatalf("sessions of a, newest first: %v %+v", err, list)
	}
	// Nobody ends another person's session.
	if err := s.DeleteSession(ctx, a.ID, b1.ID); !errors.Is(err, account.ErrNotFound) {
		t.Errorf("a ends b's session: %v", err)
	}
	if _, err := s.SessionByToken(ctx, b1.TokenHash); err != nil {
		t.Errorf("b's session is gone: %v", err)
	}
	if err := s.DeleteSession(ctx, a.ID, a2.ID); err != nil {
		t.Fatal(err)
	}
	_, a3 := account.NewSession(a.ID, account.SessionActive, account.LearnerSessionLimits, Now, "", "")
	_, a4 := account.NewSession(a.ID, account.SessionActive, account.LearnerSessionLimits, Now, "", "")
	s.CreateSession(ctx, a3)
	s.CreateSession(ctx, a4)
	if n, err := s.DeleteUserSessions(ctx, a.ID, a1.ID); n != 2 || err != nil {
		t.Errorf("ending the other sessions: %d %v", n, err)
	}
	if list, _ := s.UserSessions(ctx, a.ID); len(list) != 1 || list[0].ID != a1.ID {
		t.Errorf("left: %+v", list)
	}
	if n, _ := s.DeleteUserSessions(ctx, a.ID, 0); n != 1 {
		t.Errorf("ending all: %d", n)
	}
	if list, _ := s.UserSessions(ctx, b.ID); len(list) != 1 {
		t.Errorf("b lost sessions: %+v", list)
	}
}

func testExpiredSessionsPurged(t *testing.T, s AccountStore, clock *Clock) {
	u := mustCreateUser(t, s, NewUser("e@example.org"))
	_, staff := account.NewSession(u.ID, account.SessionActive, account.StaffSessionLimits, Now, "", "")
	_, learner := account.NewSession(u.ID, account.SessionActive, account.LearnerSessionLimits, Now, "", "")
	_, pending := account.NewSession(u.ID, account.SessionMFA, account.PendingSessionLimits, Now, "", "")
	for _, se := range []*account.Session{staff, learner, pending} {
		if err := s.CreateSession(ctx, se); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := s.DeleteExpiredSessions(ctx, Now.Add(14*time.Minute)); n != 0 || err != nil {
		t.Fatalf("purged %d at +14 min: %v", n, err)
	}
	if n, _ := s.DeleteExpiredSessions(ctx, Now.Add(15*time.Minute)); n != 1 {
		t.Errorf("purged %d at +15 min, want the pending one", n)
	}
	s.TouchSession(ctx, staff.ID, Now.Add(25*time.Minute))
	if n, _ := s.DeleteExpiredSessions(ctx, Now.Add(40*time.Minute)); n != 0 {
		t.Errorf("purged %d at +40 min, though the staff session was active at +25", n)
	}
	if n, _ := s.DeleteExpiredSessions(ctx, Now.Add(55*time.Minute)); n != 1 {
		t.Errorf("purged %d at +55 min, want the idle staff session", n)
	}
	s.TouchSession(ctx, learner.ID, Now.Add(7*24*time.Hour-time.Hour))
	if n, _ := s.DeleteExpiredSessions(ctx, Now.Add(7*24*time.Hour)); n != 1 {
		t.Errorf("purged %d at the absolute end, want the learner's", n)
	}
	if list, _ := s.UserSessions(ctx, u.ID); len(list) != 0 {
		t.Errorf("left: %+v", list)
	}
}

func testTokensSingleUse(t *testing.T, s AccountStore, clock *Clock) {
	u := mustCreateUser(t, s, NewUser("tok@example.org"))
	tok, stored := account.NewOneTimeToken(u.ID, account.PurposeResetPassword, Now)
	stored.Data = `{"note":"x"}`
	if err := s.CreateToken(ctx, stored); err != nil {
		t.Fatal(err)
	}
	h := account.HashToken(tok)
	if _, err := s.PeekToken(ctx, h, account.PurposeVerifyEmail, Now); !errors.Is(err, account.ErrNotFound) {
		t.Errorf("a reset token works for verification: %v", err)
	}
	if _, err := s.ConsumeToken(ctx, h, account.PurposeVerifyEmail, Now); !errors.Is(err, account.ErrNotFound) {
		t.Errorf("a reset token is used for verification: %v", err)
	}
	peek, err := s.PeekToken(ctx, h, account.PurposeResetPassword, Now.Add(59*time.Minute))
	if err != nil || peek.UserID != u.ID {
		t.Fatalf("peek: %v %+v", err, peek)
	}
	if _, err := s.PeekToken(ctx, h, account.PurposeResetPassword, Now.Add(time.Hour)); !errors.Is(err, account.ErrNotFound) {
		t.Errorf("peek after an hour: %v", err)
	}
	// Racing with one token: exactly one wins.
	var wins atomic.Int32
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			got, err := s.ConsumeToken(ctx, h, account.PurposeResetPassword, Now.Add(30*time.Minute))
			switch {
			case err == nil:
				wins.Add(1)
				if got.UserID != u.ID || got.Data != `{"note":"x"}` && got.Data != `{"note": "x"}` || !got.ExpiresAt.Equal(Now.Add(time.Hour)) {
					t.Errorf("consumed %+v", got)
				}
			case !errors.Is(err, account.ErrNotFound):
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Fatalf("%d of 6 uses of one token succeeded, want 1", wins.Load())
	}
	// An expired token is refused.
	tok2, stored2 := account.NewOneTimeToken(u.ID, account.PurposeVerifyEmail, Now)
	s.CreateToken(ctx, stored2)
	if _, err := s.ConsumeToken(ctx, account.HashToken(tok2), account.PurposeVerifyEmail, Now.Add(48*time.Hour)); !errors.Is(err, account.ErrNotFound) {
		t.Errorf("expired token: %v", err)
	}
	// DeleteUserTokens removes one purpose.
	_, v := account.NewOneTimeToken(u.ID, account.PurposeVerifyEmail, Now)
	_, r := account.NewOneTimeToken(u.ID, account.PurposeResetPassword, Now)
	s.CreateToken(ctx, v)
	s.CreateToken(ctx, r)
	if err := s.DeleteUserTokens(ctx, u.ID, account.PurposeVerifyEmail); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PeekToken(ctx, v.Hash, account.PurposeVerifyEmail, Now); !errors.Is(err, account.ErrNotFound) {
		t.Error("verification token survived")
	}
	if _, err := s.PeekToken(ctx, r.Hash, account.PurposeResetPassword, Now); err != nil {
		t.Errorf("reset token went too: %v", err)
	}
}

func testThrottleFailures(t *testing.T, s AccountStore, clock *Clock) {
	key := account.ThrottleKey("login", "a@example.org")
	other := account.ThrottleKey("login", "b@example.org")
	base := Now
	for i := range 5 {
		if err := s.RecordFailure(ctx, key, base.Add(time.Duration(i)*200*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
	}
	s.RecordFailure(ctx, other, base)
	got, err := s.Failures(ctx, key, base.Add(-time.Hour))
	if err != nil || len(got) != 5 {
		t.Fatalf("failures: %v %v", err, got)
	}
	for i, at := range got {
		if want := base.Add(time.Duration(i) * 200 * time.Millisecond); !at.Equal(want) {
			t.Errorf("failure %d at %v, want %v (milliseconds must survive)", i, at, want)
		}
	}
	if d := account.DefaultThrottle.RetryAfter(got, base.Add(time.Second)); d != 59*time.Second {
		t.Errorf("retry after %v", d)
	}
	if got, _ := s.Failures(ctx, key, base.Add(500*time.Millisecond)); len(got) != 2 {
		t.Errorf("since +500 ms: %v", got)
	}
	// Recording forgets the key's failures older than the window.
	s.RecordFailure(ctx, key, base.Add(time.Hour+500*time.Millisecond))
	if got, _ := s.Failures(ctx, key, base.Add(-time.Hour)); len(got) != 3 {
		t.Errorf("after an hour: %d failures, want 3", len(got))
	}
	if err := s.ClearFailures(ctx, key); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Failures(ctx, key, base.Add(-time.Hour)); len(got) != 0 {
		t.Errorf("after clearing: %v", got)
	}
	if got, _ := s.Failures(ctx, other, base.Add(-time.Hour)); len(got) != 1 {
		t.Errorf("clearing one key cleared another: %v", got)
	}
	if err := s.PurgeFailures(ctx, base.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Failures(ctx, other, base.Add(-time.Hour)); len(got) != 0 {
		t.Errorf("after purging: %v", got)
	}
}

func testMailOutbox(t *testing.T, s AccountStore, clock *Clock) {
	ids := make([]int64, 3)
	for i, to := range []string{"a@example.org", "b@example.org", "c@example.org"} {
		id, err := s.EnqueueMail(ctx, &mail.Message{To: to, Subject: "Betreff – Grüße", Text: "Hallo " + to}, Now)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = id
	}
	later, _ := s.EnqueueMail(ctx, &mail.Message{To: "later@example.org", Subject: "Später", Text: "…"}, Now.Add(time.Hour))

	got, err := s.ClaimMail(ctx, Now, 2, time.Minute)
	if err != nil || len(got) != 2 || got[0].ID != ids[0] || got[1].ID != ids[1] {
		t.Fatalf("claim 2: %v %+v", err, got)
	}
	if got[0].To != "a@example.org" || got[0].Subject != "Betreff – Grüße" || got[0].Text != "Hallo a@example.org" ||
		got[0].Attempts != 1 || !got[0].CreatedAt.Equal(Now) {
		t.Errorf("claimed %+v", got[0])
	}
	// Leased messages are not handed out again until the lease ends.
	rest, _ := s.ClaimMail(ctx, Now, 10, time.Minute)
	if len(rest) != 1 || rest[0].ID != ids[2] {
		t.Fatalf("second claim: %+v", rest)
	}
	if none, _ := s.ClaimMail(ctx, Now.Add(30*time.Second), 10, time.Minute); len(none) != 0 {
		t.Errorf("claimed during the lease: %+v", none)
	}
	if err := s.MailSent(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	if err := s.MailFailed(ctx, ids[1], "421 try later", Now.Add(5*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.MailFailed(ctx, ids[2], "550 no such user", time.Time{}); err != nil {
		t.Fatal(err)
	}
	// After the lease: the retry is not due yet, the sent and the dead ones never again.
	if got, _ := s.ClaimMail(ctx, Now.Add(2*time.Minute), 10, time.Minute); len(got) != 0 {
		t.Errorf("claimed after the lease: %+v", got)
	}
	got, _ = s.ClaimMail(ctx, Now.Add(time.Hour), 10, time.Minute)
	if len(got) != 2 || got[0].ID != ids[1] || got[0].Attempts != 2 || got[1].ID != later {
		t.Fatalf("claim after an hour: %+v", got)
	}
	// Two nodes claiming at once never get the same message.
	for range 5 {
		s.EnqueueMail(ctx, &mail.Message{To: "x@example.org", Subject: "x", Text: "x"}, Now)
	}
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			got, err := s.ClaimMail(ctx, Now.Add(2*time.Hour), 2, time.Minute)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			for _, m := range got {
				seen[m.ID]++
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	for id, n := range seen {
		if n > 1 {
			t.Errorf("message %d claimed %d times", id, n)
		}
	}
}

func testDeletedUser(t *testing.T, s AccountStore, clock *Clock) {
	// The portal marks people as deleted rather than deleting rows (erasure
	// will anonymise them); a deleted user is inactive and the sessions
	// can be ended in one go.
	u := mustCreateUser(t, s, NewUser("weg@example.org"))
	_, se := account.NewSession(u.ID, account.SessionActive, account.LearnerSessionLimits, Now, "", "")
	if err := s.CreateSession(ctx, se); err != nil {
		t.Fatal(err)
	}
	deleted := Now
	u.DeletedAt = &deleted
	if err := s.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	got, err := s.User(ctx, u.ID)
	if err != nil || got.Active() {
		t.Fatalf("deleted user: %v %+v", err, got)
	}
	if n, _ := s.DeleteUserSessions(ctx, u.ID, 0); n != 1 {
		t.Errorf("ended %d sessions", n)
	}
}

func testAPITokens(t *testing.T, s AccountStore, clock *Clock) {
	p := mustSaveProvider(t, s, "VHS Merzig")
	other := mustSaveProvider(t, s, "VHS Homburg")
	u := mustCreateUser(t, s, NewUser("verwaltung@vhs-merzig.example"))
	token, tok, err := account.NewAPIToken(p.ID, " Kursverwaltung ", account.ScopeWrite, u.ID, clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateAPIToken(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if tok.ID == 0 || tok.Name != "Kursverwaltung" || tok.Hash == token || !strings.HasPrefix(token, account.APITokenPrefix) {
		t.Fatalf("created token: %+v", tok)
	}
	got, err := s.APITokenByHash(ctx, account.HashToken(token))
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "API token", got, tok)
	if got.Hash != tok.Hash || got.CreatedBy != u.ID || !got.Active() {
		t.Errorf("stored token: %+v", got)
	}
	_, second, _ := account.NewAPIToken(p.ID, "Lesen", account.ScopeRead, u.ID, clock.Now())
	if err := s.CreateAPIToken(ctx, second); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	if err := s.TouchAPIToken(ctx, tok.ID, clock.Now()); err != nil {
		t.Fatal(err)
	}
	list, err := s.ProviderAPITokens(ctx, p.ID)
	if err != nil || len(list) != 2 || list[0].ID != second.ID || list[1].LastUsedAt == nil || !list[1].LastUsedAt.Equal(clock.Now()) {
		t.Fatalf("tokens of the provider: %v %+v", err, list)
	}
	// Another provider cannot revoke it; its own can, once for good.
	if err := s.RevokeAPIToken(ctx, other.ID, tok.ID, clock.Now()); !errors.Is(err, account.ErrNotFound) {
		t.Errorf("revoke through another provider: %v", err)
	}
	if err := s.RevokeAPIToken(ctx, p.ID, tok.ID, clock.Now()); err != nil {
		t.Fatal(err)
	}
	got, _ = s.APITokenByHash(ctx, account.HashToken(token))
	if got.Active() || !got.RevokedAt.Equal(clock.Now()) {
		t.Errorf("revoked token: %+v", got)
	}
	if _, err := s.APITokenByHash(ctx, account.HashToken("lnp_unknown")); !errors.Is(err, account.ErrNotFound) {
		t.Errorf("unknown token: %v", err)
	}
	if _, _, err := account.NewAPIToken(p.ID, "", "admin", u.ID, clock.Now()); err == nil {
		t.Error("a token without a name and with an unknown scope was made")
	}
}

func testBookmarks(t *testing.T, s AccountStore, clock *Clock) {
	p := mustSaveProvider(t, s, "VHS Merzig")
	v := mustSaveVenue(t, s, p.ID, "Haus 1")
	var ids []int64
	for _, title := range []string{"A", "B", "C", "D"} {
		ids = append(ids, mustSaveOffer(t, s, NewOffer(p.ID, v.ID, title)).ID)
	}
	u := mustCreateUser(t, s, NewUser("lena@example.org"))
	other := mustCreateUser(t, s, NewUser("max@example.org"))
	if got, err := s.Bookmarks(ctx, u.ID); err != nil || len(got) != 0 {
		t.Fatalf("empty list: %v %v", got, err)
	}
	if err := s.AddBookmarks(ctx, u.ID, []int64{ids[0], ids[1]}, 50); err != nil {
		t.Fatal(err)
	}
	// ids[1] again moves to the front; 9999 is no offer.
	if err := s.AddBookmarks(ctx, u.ID, []int64{ids[2], ids[1], 9999}, 50); err != nil {
		t.Fatal(err)
	}
	want := []int64{ids[2], ids[1], ids[0]}
	if got, _ := s.Bookmarks(ctx, u.ID); !slices.Equal(got, want) {
		t.Errorf("bookmarks = %v, want %v", got, want)
	}
	if err := s.AddBookmarks(ctx, u.ID, []int64{ids[3]}, 3); err != nil {
		t.Fatal(err)
	}
	want = []int64{ids[3], ids[2], ids[1]}
	if got, _ := s.Bookmarks(ctx, u.ID); !slices.Equal(got, want) {
		t.Errorf("at most 3: %v, want %v", got, want)
	}
	if err := s.RemoveBookmark(ctx, u.ID, ids[2]); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteOffer(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Bookmarks(ctx, u.ID); !slices.Equal(got, []int64{ids[3]}) {
		t.Errorf("after removing one and deleting another offer: %v", got)
	}
	if got, _ := s.Bookmarks(ctx, other.ID); len(got) != 0 {
		t.Errorf("another user's list: %v", got)
	}
}

func testRecoveryCodes(t *testing.T, s AccountStore, clock *Clock) {
	u := mustCreateUser(t, s, NewUser("admin@example.org", account.RoleAdmin))
	other := mustCreateUser(t, s, NewUser("max@example.org"))
	codes, hashes := account.NewRecoveryCodes()
	if len(codes) != account.RecoveryCodeCount || codes[0] == codes[1] {
		t.Fatalf("codes: %v", codes)
	}
	if err := s.SetRecoveryCodes(ctx, u.ID, hashes); err != nil {
		t.Fatal(err)
	}
	if n, err := s.RecoveryCodesLeft(ctx, u.ID); err != nil || n != account.RecoveryCodeCount {
		t.Fatalf("left: %d %v", n, err)
	}
	// Typed in lower case without dashes, it is the same code; once.
	typed := strings.ToLower(strings.ReplaceAll(codes[3], "-", " "))
	if ok, err := s.UseRecoveryCode(ctx, u.ID, account.HashRecoveryCode(typed), clock.Now()); err != nil || !ok {
		t.Fatalf("first use: %v %v", ok, err)
	}
	if ok, _ := s.UseRecoveryCode(ctx, u.ID, account.HashRecoveryCode(codes[3]), clock.Now()); ok {
		t.Error("a recovery code worked twice")
	}
	if ok, _ := s.UseRecoveryCode(ctx, other.ID, account.HashRecoveryCode(codes[4]), clock.Now()); ok {
		t.Error("another user's code worked")
	}
	if n, _ := s.RecoveryCodesLeft(ctx, u.ID); n != account.RecoveryCodeCount-1 {
		t.Errorf("left after one use: %d", n)
	}
	// New codes replace the old ones.
	_, fresh := account.NewRecoveryCodes()
	if err := s.SetRecoveryCodes(ctx, u.ID, fresh); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.UseRecoveryCode(ctx, u.ID, hashes[5], clock.Now()); ok {
		t.Error("an old code works after new ones were made")
	}
	// Removing the second factor removes its codes.
	if err := s.SetTOTP(ctx, u.ID, "", 0); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.RecoveryCodesLeft(ctx, u.ID); n != 0 {
		t.Errorf("%d recovery codes left without a second factor", n)
	}
	if account.NormalizeRecoveryCode("123456") != "" {
		t.Error("a TOTP code passes for a recovery code")
	}
}

func testTokensListedAndRevoked(t *testing.T, s AccountStore, clock *Clock) {
	u := mustCreateUser(t, s, NewUser("inviter@example.org"))
	_, first := account.NewOneTimeToken(u.ID, account.PurposeInvite, Now)
	first.Data = `{"provider_id":1,"email":"a@example.org","role":"editor"}`
	_, second := account.NewOneTimeToken(u.ID, account.PurposeInvite, Now.Add(time.Minute))
	second.Data = `{"provider_id":2,"email":"b@example.org","role":"admin"}`
	_, reset := account.NewOneTimeToken(u.ID, account.PurposeResetPassword, Now)
	for _, tok := range []*account.Token{first, second, reset} {
		if err := s.CreateToken(ctx, tok); err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.Tokens(ctx, account.PurposeInvite, Now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Hash != first.Hash || list[1].Hash != second.Hash || list[0].UserID != u.ID ||
		!list[1].ExpiresAt.Equal(second.ExpiresAt) {
		t.Fatalf("invitations oldest first, want 2: %+v", list)
	}
	var inv account.Invitation
	if err := json.Unmarshal([]byte(list[1].Data), &inv); err != nil || inv.ProviderID != 2 || inv.Email != "b@example.org" {
		t.Errorf("data of the second invitation: %q (%v)", list[1].Data, err)
	}
	// The first expires seven days after it was made; the second a minute later.
	if list, _ := s.Tokens(ctx, account.PurposeInvite, first.ExpiresAt); len(list) != 1 || list[0].Hash != second.Hash {
		t.Errorf("at the first one's expiry: %+v", list)
	}
	if err := s.DeleteToken(ctx, second.Hash, account.PurposeResetPassword); !errors.Is(err, account.ErrNotFound) {
		t.Errorf("deleting an invitation as a reset token: %v", err)
	}
	if err := s.DeleteToken(ctx, second.Hash, account.PurposeInvite); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteToken(ctx, second.Hash, account.PurposeInvite); !errors.Is(err, account.ErrNotFound) {
		t.Errorf("deleting it twice: %v", err)
	}
	if _, err := s.PeekToken(ctx, second.Hash, account.PurposeInvite, Now); !errors.Is(err, account.ErrNotFound) {
		t.Errorf("a revoked invitation still opens: %v", err)
	}
	if list, _ := s.Tokens(ctx, account.PurposeInvite, Now); len(list) != 1 || list[0].Hash != first.Hash {
		t.Errorf("after revoking the second: %+v", list)
	}
}

// testMemberChangesKeepAnAdmin: ChangeMember applies the last-admin rule
// inside the change. Two admins demote each other at the same time: while
// the first demotion is not yet committed (held open in an Atomic
// transaction), the second waits for it and is then refused — the
// provider keeps an admin.
func testMemberChangesKeepAnAdmin(t *testing.T, s AccountStore, clock *Clock) {
	a := mustCreateUser(t, s, NewUser("a@example.org"))
	b := mustCreateUser(t, s, NewUser("b@example.org"))
	ed := mustCreateUser(t, s, NewUser("ed@example.org"))
	p := mustSaveProvider(t, s, "VHS Saarlouis")
	for _, m := range []*account.Membership{
		{UserID: a.ID, ProviderID: p.ID, Role: account.MemberAdmin},
		{UserID: b.ID, ProviderID: p.ID, Role: account.MemberAdmin},
		{UserID: ed.ID, ProviderID: p.ID, Role: account.MemberEditor},
	} {
		if err := s.SaveMembership(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.ChangeMember(ctx, p.ID, 999999, account.MemberEditor); !errors.Is(err, account.ErrNotFound) {
		t.Errorf("changing a non-member: %v", err)
	}
	var ve *account.ValidationError
	if _, err := s.ChangeMember(ctx, p.ID, ed.ID, "owner"); !errors.As(err, &ve) {
		t.Errorf("an unknown role: %v", err)
	}

	second := make(chan error, 1)
	var secondErr error
	waited := false
	err := s.Atomic(ctx, func(tx catalogue.Store) error {
		before, err := tx.(account.Store).ChangeMember(ctx, p.ID, a.ID, account.MemberEditor)
		if err != nil {
			return err
		}
		if before.Role != account.MemberAdmin || before.UserID != a.ID {
			t.Errorf("before: %+v", before)
		}
		go func() {
			_, err := s.ChangeMember(ctx, p.ID, b.ID, account.MemberEditor)
			second <- err
		}()
		select {
		case secondErr = <-second:
			t.Errorf("the second demotion did not wait for the first: %v", secondErr)
		case <-time.After(300 * time.Millisecond): // still waiting, as it should
			waited = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if waited {
		secondErr = <-second
	}
	if !errors.Is(secondErr, account.ErrLastAdmin) {
		t.Errorf("the second demotion: %v, want ErrLastAdmin", secondErr)
	}
	ms, err := s.ProviderMembers(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	admins := 0
	for _, m := range ms {
		if m.Role == account.MemberAdmin {
			admins++
		}
	}
	if admins != 1 {
		t.Errorf("%d admins left, want 1: %+v", admins, ms)
	}
	// Removing works, and the last admin stays.
	if _, err := s.ChangeMember(ctx, p.ID, ed.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ChangeMember(ctx, p.ID, b.ID, ""); !errors.Is(err, account.ErrLastAdmin) {
		t.Errorf("removing the last admin: %v", err)
	}
	if ms, _ := s.ProviderMembers(ctx, p.ID); len(ms) != 2 {
		t.Errorf("after removing the editor: %+v", ms)
	}
}
