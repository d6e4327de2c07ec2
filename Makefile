# Everyday tasks. CI runs .ci/run, which runs `go test ./...` with PostgreSQL.
POSTGRES ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

.PHONY: run build test test-postgres vet ci clean

run:            ## start the portal with demo data at http://localhost:8080
	go run ./cmd/lernnetz serve

build:          ## build the lernnetz binary
	CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o lernnetz ./cmd/lernnetz

test:           ## all tests on SQLite (PostgreSQL tests skip)
	go test ./...

test-postgres:  ## all tests, PostgreSQL ones too
	LERNNETZ_TEST_POSTGRES='$(POSTGRES)' go test ./...

vet:
	go vet ./...
	gofmt -l . | (! grep .)

ci:             ## what CI runs
	bash .ci/run

clean:
	rm -f lernnetz lernnetz.db lernnetz.db-wal lernnetz.db-shm
