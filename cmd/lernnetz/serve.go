package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/lernnetz/lernnetz/demo"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/web"
)

func cmdServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs, c, err := newFlagSet("serve", getenv, stderr)
	if err != nil {
		return err
	}
	env := func(key, def string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return def
	}
	fs.StringVar(&c.Addr, "addr", env("LERNNETZ_ADDR", "127.0.0.1:8080"), "address to listen on; :8080 for every interface `(LERNNETZ_ADDR)`")
	fs.StringVar(&c.BaseURL, "base-url", env("LERNNETZ_BASE_URL", ""), "public URL of the portal, for links in the API `(LERNNETZ_BASE_URL)`; default http://ADDR")
	fs.StringVar(&c.AdminToken, "admin-token", env("LERNNETZ_ADMIN_TOKEN", ""), "bearer token for the API's write endpoints; empty disables them `(LERNNETZ_ADMIN_TOKEN)`")
	fs.StringVar(&c.Index, "index", env("LERNNETZ_INDEX", ""), "file for the search index snapshot; default DB.index for SQLite, none for PostgreSQL `(LERNNETZ_INDEX)`")
	fs.BoolVar(&c.Demo, "demo", c.Demo, "load the Saarland demo catalogue when the store is empty `(LERNNETZ_DEMO)`")
	maxImportMB, err := strconv.ParseInt(env("LERNNETZ_MAX_IMPORT_MB", strconv.Itoa(web.DefaultMaxImportBytes>>20)), 10, 64)
	if err != nil || maxImportMB < 1 {
		return usageError{fmt.Errorf("LERNNETZ_MAX_IMPORT_MB=%q is not a whole number of megabytes from 1", env("LERNNETZ_MAX_IMPORT_MB", ""))}
	}
	fs.Int64Var(&maxImportMB, "max-import-mb", maxImportMB, "largest file POST /api/v1/imports takes, in MB `(LERNNETZ_MAX_IMPORT_MB)`")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if maxImportMB < 1 {
		return usageError{fmt.Errorf("-max-import-mb %d: use at least 1", maxImportMB)}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	store, log, err := c.openStore(ctx, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	if c.Demo {
		if err := seedIfEmpty(ctx, store, log); err != nil {
			return err
		}
	}

	index := c.Index
	if index == "" && !storage.IsPostgres(c.DB) {
		index = c.DB + ".index"
	}
	engine, stopSearch := startSearch(ctx, store, index, log)
	defer stopSearch()

	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	base := c.BaseURL
	if base == "" {
		base = "http://" + displayAddr(ln.Addr())
	}
	accounts, dev, stopMail, err := serveAccounts(ctx, getenv, store, base, log)
	if err != nil {
		ln.Close()
		return err
	}
	defer stopMail()
	webConfig := web.Config{Store: store, Search: engine, AdminToken: c.AdminToken, Logger: log, BaseURL: base, Version: version,
		Accounts: accounts, Dev: dev, MaxImportBytes: maxImportMB << 20}
	if err := webConfig.Validate(); err != nil {
		ln.Close()
		return usageError{err}
	}
	srv := &http.Server{
		Handler:           web.New(webConfig),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("lernnetz is serving", "url", base, "addr", ln.Addr().String(), "store", string(store.Dialect()), "version", version)
	fmt.Fprintf(stdout, "lernnetz %s: portal at %s\n", version, base)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing open requests")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// displayAddr turns a listener address into host:port for a URL, showing
// 127.0.0.1 for the unspecified address.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, fmt.Sprint(tcp.Port))
}

// seedIfEmpty loads the demo catalogue when the store has no provider yet.
// On PostgreSQL, nodes that start together agree through a lock on who seeds.
func seedIfEmpty(ctx context.Context, store *storage.Store, log *slog.Logger) error {
	return store.Exclusive(ctx, "seed", func() error {
		empty, err := store.Empty(ctx)
		if err != nil || !empty {
			return err
		}
		start := time.Now()
		log.Info("empty catalogue: loading the Saarland demo data")
		if err := demo.Load(ctx, store, time.Now()); err != nil {
			return fmt.Errorf("load demo data: %w", err)
		}
		log.Info("demo data loaded", "duration", time.Since(start).Round(time.Millisecond))
		return nil
	})
}
