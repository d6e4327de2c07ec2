package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/lernnetz/lernnetz/demo"
)

func cmdMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c, err := newFlagSet("migrate", getenv, stderr)
	if err != nil {
		return err
	}
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	store, _, err := c.openStore(ctx, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	current, latest, err := store.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s database is at schema version %d (latest %d)\n", store.Dialect(), current, latest)
	return nil
}

func cmdSeed(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c, err := newFlagSet("seed", getenv, stderr)
	if err != nil {
		return err
	}
	withDemo := fs.Bool("demo", false, "load the Saarland demo catalogue")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if !*withDemo {
		return usageError{fmt.Errorf("say what to seed: --demo loads the Saarland demo catalogue")}
	}
	store, _, err := c.openStore(ctx, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	return store.Exclusive(ctx, "seed", func() error {
		loaded, err := store.HasSource(ctx, demo.Source)
		if err != nil {
			return err
		}
		if loaded {
			fmt.Fprintln(stdout, "The demo catalogue is loaded already; nothing to do.")
			return nil
		}
		start := time.Now()
		if err := demo.Load(ctx, store, time.Now()); err != nil {
			return fmt.Errorf("load demo data: %w", err)
		}
		fmt.Fprintf(stdout, "Loaded the Saarland demo catalogue in %s.\n", time.Since(start).Round(time.Millisecond))
		return nil
	})
}
