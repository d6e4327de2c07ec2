// Command lernnetz runs a regional learning network's education marketplace:
// the catalogue of every offer in the region, its portal and its API.
//
//	lernnetz serve            start the portal (demo data on first start)
//	lernnetz migrate          apply database migrations
//	lernnetz seed --demo      load the Saarland demo catalogue
//	lernnetz import FILE…     import a catalogue (DEfTIS/PAS 1045 …)
//	lernnetz export           export the catalogue (DEfTIS, JSON-LD …)
//	lernnetz version          print the version
//
// Configuration comes from flags and LERNNETZ_* environment variables; see
// README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Run executes one lernnetz command and returns the process exit code:
// 0 for success, 1 when the command failed, 2 for a usage error.
// Cancelling ctx stops a running server gracefully.
func Run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = cmdServe(ctx, args[1:], getenv, stdout, stderr)
	case "migrate":
		err = cmdMigrate(ctx, args[1:], getenv, stdout, stderr)
	case "seed":
		err = cmdSeed(ctx, args[1:], getenv, stdout, stderr)
	case "import":
		err = cmdImport(ctx, args[1:], getenv, stdout, stderr)
	case "export":
		err = cmdExport(ctx, args[1:], getenv, stdout, stderr)
	case "user":
		err = cmdUser(ctx, args[1:], getenv, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "lernnetz %s\n", version)
		return 0
	case "help", "-h", "--help", "-help":
		usage(stdout)
		return 0
	default:
		fmt.Fprintf(stderr, "lernnetz: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return 0
	case isUsage(err):
		fmt.Fprintf(stderr, "lernnetz %s: %v\n", args[0], err)
		return 2
	default:
		fmt.Fprintf(stderr, "lernnetz %s: %v\n", args[0], err)
		return exitCode(err)
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `lernnetz – the education marketplace of a regional learning network

Usage:
  lernnetz serve [flags]         start the portal and API (demo data on first start)
  lernnetz migrate [flags]       apply database migrations and print the schema version
  lernnetz seed --demo [flags]   load the Saarland demo catalogue
  lernnetz import [flags] FILE…  import offers from DEfTIS (PAS 1045) and other files; - reads stdin
  lernnetz export [flags]        export the catalogue (--format deftis, jsonld …; --since for changes)
  lernnetz user create --email ADDRESS [--role ROLE]… [--name N] [--password-stdin]
                                 create an account (e.g. the first admin)
  lernnetz user reset-2fa --email ADDRESS
                                 remove a lost second factor
  lernnetz version               print the version

Common flags (each also as an environment variable):
  -db     LERNNETZ_DB      SQLite file path or postgres:// DSN (default lernnetz.db)

Run "lernnetz COMMAND -h" for the flags of a command.
`)
}
