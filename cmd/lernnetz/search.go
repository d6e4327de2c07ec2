package main

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/search"
)

// startSearch makes the search index ready and keeps it following the store
// until ctx ends. With a snapshot path it starts from the saved snapshot
// (cold start without a rebuild) and saves one at the end and every
// snapshotEvery; a missing or damaged snapshot means a rebuild from the store.
func startSearch(ctx context.Context, store catalogue.Store, snapshot string, log *slog.Logger) (*search.Engine, func()) {
	engine := search.NewEngine(store, search.WithLogger(log))
	start := time.Now()
	loaded := false
	if snapshot != "" {
		err := engine.LoadSnapshotFile(snapshot)
		switch {
		case err == nil:
			loaded = true
			log.Info("search index loaded from snapshot", "file", snapshot, "duration", time.Since(start).Round(time.Millisecond), "offers", engine.Stats().Offers)
		case errors.Is(err, fs.ErrNotExist):
		default:
			log.Warn("search snapshot unusable: rebuilding the index", "file", snapshot, "err", err)
		}
	}
	if !loaded {
		if err := engine.Rebuild(ctx); err != nil {
			log.Error("search index: rebuild failed; search starts empty and follows new changes", "err", err)
		} else {
			log.Info("search index built", "duration", time.Since(start).Round(time.Millisecond), "offers", engine.Stats().Offers)
		}
	}
	if live, limit := search.SettleMemory(os.Getenv); limit > 0 {
		log.Info("memory limit set (GOMEMLIMIT overrides it)", "live_heap_mib", live>>20, "limit_mib", limit>>20)
	}
	followCtx, stopFollow := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		go engine.Follow(followCtx, 250*time.Millisecond)
		tick := time.NewTicker(snapshotEvery)
		defer tick.Stop()
		for {
			select {
			case <-followCtx.Done():
				return
			case <-tick.C:
				saveSnapshot(engine, snapshot, log)
			}
		}
	}()
	stop := func() {
		stopFollow()
		<-done
		saveSnapshot(engine, snapshot, log)
	}
	return engine, stop
}

// snapshotEvery is how often a running server saves its search snapshot.
const snapshotEvery = 10 * time.Minute

func saveSnapshot(engine *search.Engine, path string, log *slog.Logger) {
	if path == "" {
		return
	}
	start := time.Now()
	if err := engine.SaveSnapshotFile(path); err != nil {
		log.Warn("search snapshot not saved", "file", path, "err", err)
		return
	}
	log.Info("search snapshot saved", "file", path, "duration", time.Since(start).Round(time.Millisecond))
}
