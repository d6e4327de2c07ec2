package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"

	"github.com/lernnetz/lernnetz/storage"
)

// config is lernnetz's configuration: flags override LERNNETZ_* variables,
// which override the defaults.
type config struct {
	DB         string
	Addr       string
	BaseURL    string
	AdminToken string
	Index      string
	Demo       bool
	LogLevel   string
	LogFormat  string
}

// usageError marks errors in how a command was called (exit code 2).
type usageError struct{ error }

func (u usageError) Unwrap() error { return u.error }

func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u) || errors.Is(err, flag.ErrHelp)
}

// newFlagSet returns the flags shared by every command, with defaults taken
// from the environment.
func newFlagSet(name string, getenv func(string) string, stderr io.Writer) (*flag.FlagSet, *config, error) {
	env := func(key, def string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return def
	}
	c := &config{}
	fs := flag.NewFlagSet("lernnetz "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.DB, "db", env("LERNNETZ_DB", "lernnetz.db"), "SQLite file path or postgres:// DSN `(LERNNETZ_DB)`")
	fs.StringVar(&c.LogLevel, "log-level", env("LERNNETZ_LOG_LEVEL", "info"), "debug, info, warn or error `(LERNNETZ_LOG_LEVEL)`")
	fs.StringVar(&c.LogFormat, "log-format", env("LERNNETZ_LOG_FORMAT", "text"), "text or json `(LERNNETZ_LOG_FORMAT)`")
	demo, err := parseBool("LERNNETZ_DEMO", env("LERNNETZ_DEMO", "true"))
	if err != nil {
		return nil, nil, err
	}
	c.Demo = demo
	return fs, c, nil
}

func parseBool(name, v string) (bool, error) {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, usageError{fmt.Errorf("%s=%q is not true or false", name, v)}
	}
	return b, nil
}

// logger builds the structured logger the configuration asks for.
func (c *config) logger(w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return nil, usageError{fmt.Errorf("log level %q: use debug, info, warn or error", c.LogLevel)}
	}
	opts := &slog.HandlerOptions{Level: level}
	switch strings.ToLower(c.LogFormat) {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	default:
		return nil, usageError{fmt.Errorf("log format %q: use text or json", c.LogFormat)}
	}
}

// openStore builds the logger and opens (and migrates) the configured store.
func (c *config) openStore(ctx context.Context, stderr io.Writer) (*storage.Store, *slog.Logger, error) {
	log, err := c.logger(stderr)
	if err != nil {
		return nil, nil, err
	}
	store, err := storage.Open(ctx, c.DB, storage.WithLogger(log))
	if err != nil {
		return nil, nil, err
	}
	return store, log, nil
}
