package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/lernnetz/lernnetz/account"
)

// stdin is where "user create --password-stdin" reads (tests replace it).
var stdin io.Reader = os.Stdin

// cmdUser implements
//
//	lernnetz user create --email ADDRESS [--role ROLE]… [--name NAME] [--password-stdin]
//	lernnetz user reset-2fa --email ADDRESS
//
// "create" makes an account whose address counts as confirmed: the first
// administrator, or staff of the network. The password is read from the
// first line of standard input with --password-stdin; otherwise a random one
// is made and printed once. Staff (counsellor, coordinator, admin) enrol a
// second factor at their first login.
//
// "reset-2fa" removes a person's second factor and ends their sessions, for
// someone who lost their phone; they enrol a new one at the next login.
func cmdUser(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, userUsage)
		return usageError{errors.New("missing subcommand: create or reset-2fa")}
	}
	switch args[0] {
	case "create":
		return cmdUserCreate(ctx, args[1:], getenv, stdout, stderr)
	case "reset-2fa":
		return cmdUserReset2FA(ctx, args[1:], getenv, stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, userUsage)
		return nil
	}
	fmt.Fprint(stderr, userUsage)
	return usageError{fmt.Errorf("unknown subcommand %q", args[0])}
}

const userUsage = `Usage:
  lernnetz user create --email ADDRESS [--role ROLE]… [--name NAME] [--password-stdin]
  lernnetz user reset-2fa --email ADDRESS

Roles: learner, counsellor, coordinator, admin (repeat --role for several).
`

// roleList collects repeated --role flags.
type roleList []account.Role

func (r *roleList) String() string {
	parts := make([]string, len(*r))
	for i, x := range *r {
		parts[i] = string(x)
	}
	return strings.Join(parts, ",")
}

func (r *roleList) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		role := account.Role(strings.TrimSpace(p))
		if !role.Valid() {
			return fmt.Errorf("%q is not a role: use learner, counsellor, coordinator or admin", p)
		}
		*r = append(*r, role)
	}
	return nil
}

func cmdUserCreate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c, err := newFlagSet("user create", getenv, stderr)
	if err != nil {
		return err
	}
	var roles roleList
	email := fs.String("email", "", "e-mail address of the new account (required)")
	name := fs.String("name", "", "display name")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input; otherwise one is generated and printed")
	fs.Var(&roles, "role", "role of the account: learner, counsellor, coordinator or admin; repeatable")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	if *email == "" {
		return usageError{errors.New("--email is required")}
	}
	if err := account.ValidateEmail(*email); err != nil {
		return usageError{fmt.Errorf("--email %q: %s", *email, firstMessage(err))}
	}
	if len([]rune(*name)) > account.MaxNameLength {
		return usageError{fmt.Errorf("--name: at most %d characters", account.MaxNameLength)}
	}
	password, generated := "", false
	if *fromStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read password: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	} else {
		password, generated = generatePassword(), true
	}
	if err := account.CheckPassword(password, *email); err != nil {
		return usageError{fmt.Errorf("password: %s", firstMessage(err))}
	}
	hash, err := account.NewHasher(account.DefaultArgon2).Hash(password)
	if err != nil {
		return err
	}

	store, log, err := c.openStore(ctx, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	now := time.Now()
	u := &account.User{
		Email: strings.TrimSpace(*email), DisplayName: strings.TrimSpace(*name), PasswordHash: hash,
		PasswordChangedAt: &now, EmailVerifiedAt: &now, Roles: roles,
	}
	if err := store.CreateUser(ctx, u); err != nil {
		if errors.Is(err, account.ErrConflict) {
			return fmt.Errorf("%s has an account already", *email)
		}
		return err
	}
	log.Info("account created on the command line", "user", u, "roles", roles.String())
	fmt.Fprintf(stdout, "Created account %d for %s", u.ID, u.Email)
	if len(u.Roles) > 0 {
		fmt.Fprintf(stdout, " (%s)", roles.String())
	}
	fmt.Fprintln(stdout, ".")
	if generated {
		fmt.Fprintf(stdout, "Password (shown only now; change it after the first login): %s\n", password)
	}
	if u.RequiresTOTP() {
		fmt.Fprintln(stdout, "A second factor (TOTP app) is required for this role: it is set up at the first login.")
	}
	return nil
}

func cmdUserReset2FA(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c, err := newFlagSet("user reset-2fa", getenv, stderr)
	if err != nil {
		return err
	}
	email := fs.String("email", "", "e-mail address of the account (required)")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if *email == "" || fs.NArg() > 0 {
		return usageError{errors.New("use: lernnetz user reset-2fa --email ADDRESS")}
	}
	store, log, err := c.openStore(ctx, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	u, err := store.UserByEmail(ctx, *email)
	if errors.Is(err, account.ErrNotFound) {
		return fmt.Errorf("%s has no account", *email)
	}
	if err != nil {
		return err
	}
	if err := store.SetTOTP(ctx, u.ID, "", 0); err != nil {
		return err
	}
	n, err := store.DeleteUserSessions(ctx, u.ID, 0)
	if err != nil {
		return err
	}
	log.Warn("second factor reset on the command line", "user", u)
	fmt.Fprintf(stdout, "Removed the second factor of %s and ended %d sessions; it is set up again at the next login.\n", u.Email, n)
	return nil
}

// generatePassword returns 24 random characters from an alphabet without
// look-alikes (no 0/O, 1/l/I): about 139 bits.
func generatePassword() string {
	const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 24)
	for i := range b {
		b[i] = alphabet[randIntn(len(alphabet))]
	}
	return string(b)
}

// randIntn returns a uniform random number below n from crypto/rand.
func randIntn(n int) int {
	var buf [1]byte
	limit := 256 - 256%n // reject bytes that would skew the distribution
	for {
		rand.Read(buf[:])
		if int(buf[0]) < limit {
			return int(buf[0]) % n
		}
	}
}

// firstMessage returns the English message of a validation error.
func firstMessage(err error) string {
	var ve *account.ValidationError
	if errors.As(err, &ve) && len(ve.Errors) > 0 {
		return ve.Errors[0].Message("en")
	}
	return err.Error()
}
