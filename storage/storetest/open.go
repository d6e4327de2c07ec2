package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to make and drop test schemas

	"github.com/lernnetz/lernnetz/storage"
)

// PostgresEnv names the environment variable that holds the DSN of the
// PostgreSQL database tests may use. Without it, PostgreSQL tests skip.
const PostgresEnv = "LERNNETZ_TEST_POSTGRES"

// OpenSQLite opens a store on a new SQLite file in a temporary directory.
func OpenSQLite(t testing.TB, opts ...storage.Option) *storage.Store {
	t.Helper()
	s, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "lernnetz.db"), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// OpenPostgres opens a store in a new, empty schema of the test database.
func OpenPostgres(t testing.TB, opts ...storage.Option) *storage.Store {
	t.Helper()
	s, err := storage.Open(context.Background(), PostgresDSN(t), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var schemaSeq atomic.Int64

// PostgresDSN creates a new schema in the database named by PostgresEnv,
// drops it when the test ends, and returns a DSN whose search_path is that
// schema. It skips the test when PostgresEnv is unset.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(PostgresEnv)
	if dsn == "" {
		t.Skipf("%s is not set: skipping the PostgreSQL run (set it to a DSN such as postgres://postgres@127.0.0.1:5432/test?sslmode=disable)", PostgresEnv)
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	schema := fmt.Sprintf("lernnetz_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1_000_000, schemaSeq.Add(1))
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		db.Close()
		t.Fatalf("create test schema in %s: %v", PostgresEnv, err)
	}
	t.Cleanup(func() {
		db.Exec("DROP SCHEMA " + schema + " CASCADE")
		db.Close()
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("%s is not a URL: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
