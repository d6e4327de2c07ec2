package storage_test

import (
	"testing"
	"time"

	"github.com/lernnetz/lernnetz/catalogue"
	"github.com/lernnetz/lernnetz/storage"
	"github.com/lernnetz/lernnetz/storage/storetest"
)

func TestSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T, now func() time.Time) catalogue.Store {
		return storetest.OpenSQLite(t, storage.WithClock(now))
	})
}

func TestPostgres(t *testing.T) {
	storetest.Run(t, func(t *testing.T, now func() time.Time) catalogue.Store {
		return storetest.OpenPostgres(t, storage.WithClock(now))
	})
}

func TestSQLiteAccounts(t *testing.T) {
	storetest.RunAccounts(t, func(t *testing.T, now func() time.Time) storetest.AccountStore {
		return storetest.OpenSQLite(t, storage.WithClock(now))
	})
}

func TestPostgresAccounts(t *testing.T) {
	storetest.RunAccounts(t, func(t *testing.T, now func() time.Time) storetest.AccountStore {
		return storetest.OpenPostgres(t, storage.WithClock(now))
	})
}

func TestSQLiteModeration(t *testing.T) {
	storetest.RunModeration(t, func(t *testing.T, now func() time.Time) storetest.ModerationStore {
		return storetest.OpenSQLite(t, storage.WithClock(now))
	})
}

func TestPostgresModeration(t *testing.T) {
	storetest.RunModeration(t, func(t *testing.T, now func() time.Time) storetest.ModerationStore {
		return storetest.OpenPostgres(t, storage.WithClock(now))
	})
}
