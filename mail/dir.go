package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"time"
)

// Dir is the development transport: each message becomes an .eml file in a
// folder, which the portal lists at /dev/mail and any mail program opens.
type Dir struct {
	Path string
	seq  atomic.Int64
}

// NewDir returns a transport into the folder path, creating it.
func NewDir(path string) (*Dir, error) {
	if err := os.MkdirAll(path, 0o750); err != nil {
		return nil, fmt.Errorf("mail: folder for development mail: %w", err)
	}
	return &Dir{Path: path}, nil
}

// String names the folder.
func (d *Dir) String() string { return "folder " + d.Path }

// Send writes m to a new file named after the time, so that names sort in
// the order the mail was sent.
func (d *Dir) Send(ctx context.Context, from string, m *Message) error {
	now := time.Now()
	msg, err := compose(from, m, now)
	if err != nil {
		return Permanent(err)
	}
	var buf bytes.Buffer
	if _, err := msg.WriteTo(&buf); err != nil {
		return err
	}
	name := fmt.Sprintf("%s-%04d.eml", now.UTC().Format("20060102T150405.000000000"), d.seq.Add(1)%10000)
	tmp := filepath.Join(d.Path, "."+name+".tmp")
	if err := os.WriteFile(tmp, buf.Bytes(), 0o640); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(d.Path, name)) // readers never see half a message
}

// Stored is a message in a development folder.
type Stored struct {
	Name    string // file name
	To      string
	Subject string
	Date    time.Time
	Text    string // the decoded body
}

var storedName = regexp.MustCompile(`^[0-9]{8}T[0-9]{6}\.[0-9]{9}-[0-9]{4}\.eml$`)

// ErrNoMessage is returned for a name that is not a message of the folder.
var ErrNoMessage = errors.New("mail: no such message")

// List returns the messages in the folder, newest first.
func (d *Dir) List() ([]*Stored, error) {
	entries, err := os.ReadDir(d.Path)
	if err != nil {
		return nil, fmt.Errorf("mail: read folder: %w", err)
	}
	var out []*Stored
	for _, e := range entries {
		if !storedName.MatchString(e.Name()) {
			continue
		}
		m, err := d.Read(e.Name())
		if err != nil {
			continue // a file someone else put there
		}
		out = append(out, m)
	}
	slices.Reverse(out) // ReadDir sorts by name: oldest first
	return out, nil
}

// Read parses the message called name. Only names that Send gives are
// accepted, so a name from a URL cannot reach outside the folder.
func (d *Dir) Read(name string) (*Stored, error) {
	if !storedName.MatchString(name) {
		return nil, ErrNoMessage
	}
	f, err := os.Open(filepath.Join(d.Path, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoMessage
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseStored(name, f)
}

var wordDecoder = &mime.WordDecoder{}

func parseStored(name string, f *os.File) (*Stored, error) {
	msg, err := mail.ReadMessage(f)
	if err != nil {
		return nil, err
	}
	text, err := DecodeBody(msg)
	if err != nil {
		return nil, err
	}
	subject, err := wordDecoder.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		subject = msg.Header.Get("Subject")
	}
	date, _ := msg.Header.Date()
	to := msg.Header.Get("To")
	if a, err := mail.ParseAddress(to); err == nil {
		to = a.Address
	}
	return &Stored{Name: name, To: to, Subject: subject, Date: date, Text: text}, nil
}

// RemoveTo deletes the folder's messages to addr (compared regardless of
// case), for the erasure of a person, and returns how many it deleted.
func (d *Dir) RemoveTo(addr string) (int, error) {
	list, err := d.List()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, m := range list {
		if !strings.EqualFold(m.To, strings.TrimSpace(addr)) {
			continue
		}
		if err := os.Remove(filepath.Join(d.Path, m.Name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, fmt.Errorf("mail: remove %s: %w", m.Name, err)
		}
		n++
	}
	return n, nil
}
