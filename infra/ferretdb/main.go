// Command parley-ferretdb is a tiny launcher around FerretDB v1's embeddable
// package (github.com/FerretDB/FerretDB/ferretdb). It exists because a bare
// `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.x` panics at start
// without a generated build/version/version.txt; the embeddable package skips
// that check when FerretDB is not the main module.
//
// It serves the MongoDB wire protocol on -listen, storing data with the SQLite
// handler in -sqlite-dir (or in PostgreSQL with -handler=postgresql), and shuts
// down cleanly on SIGINT/SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to serve the MongoDB wire protocol on")
	handler := flag.String("handler", "sqlite", "storage handler: sqlite or postgresql")
	sqliteDir := flag.String("sqlite-dir", "data", "directory for the SQLite databases (sqlite handler)")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL URL (postgresql handler), e.g. postgres://127.0.0.1:5432/ferretdb")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn or error")
	flag.Parse()

	if err := run(*listen, *handler, *sqliteDir, *postgresURL, *logLevel); err != nil {
		fmt.Fprintln(os.Stderr, "parley-ferretdb:", err)
		os.Exit(1)
	}
}

func run(listen, handler, sqliteDir, postgresURL, logLevel string) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("bad -log-level %q: %w", logLevel, err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	slog.SetDefault(logger)

	cfg := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: listen},
		Logger:   logger,
		Handler:  handler,
	}

	switch handler {
	case "sqlite":
		dir, err := filepath.Abs(sqliteDir)
		if err != nil {
			return err
		}
		if err = os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		// FerretDB wants a file: URI naming a directory, ending in a slash.
		cfg.SQLiteURL = "file:" + strings.TrimSuffix(dir, "/") + "/"
	case "postgresql":
		if postgresURL == "" {
			return errors.New("-postgresql-url is required with -handler=postgresql")
		}
		cfg.PostgreSQLURL = postgresURL
	default:
		return fmt.Errorf("unknown -handler %q (want sqlite or postgresql)", handler)
	}

	f, err := ferretdb.New(cfg)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// Start and stop lines go to stderr whatever the log level, so the log shows them.
	storage := cfg.SQLiteURL
	if handler == "postgresql" {
		storage = "postgresql"
	}
	fmt.Fprintf(os.Stderr, "%s parley-ferretdb: serving mongodb://%s/ (%s, %s)\n",
		time.Now().UTC().Format(time.RFC3339), listen, handler, storage)

	// Run blocks until ctx is cancelled, then closes listeners, connections and the backend.
	if err = f.Run(ctx); err != nil {
		return err
	}

	fmt.Fprintf(os.Stderr, "%s parley-ferretdb: stopped\n", time.Now().UTC().Format(time.RFC3339))
	return nil
}
