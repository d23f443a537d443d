# shellcheck shell=bash
# Sourced by the benchmarks: `start_bench_stack [VAR=value ...]` starts the local stack as
# `npm start` does, from empty databases and topics (under .data/bench-stack/, so figures don't
# depend on what earlier runs or local use left behind), with the given variables set for the
# services, and stops it when the benchmark exits. Refuses to run over a running stack.

readonly LOG_PREFIX=bench
# shellcheck source=scripts/lib/local-run.sh
source "$ROOT/scripts/lib/local-run.sh"

start_bench_stack() {
  if running_pid chat >/dev/null 2>&1; then
    warn "a local stack is running: stop it with 'npm stop' first (the benchmark starts its own)"
    exit 1
  fi
  # Downloads and builds are shared with the usual stack.
  export PARLEY_CACHE_DIR=$DATA_DIR/cache PARLEY_DATA_DIR=$DATA_DIR/bench-stack
  rm -rf "$PARLEY_DATA_DIR"
  mkdir -p "$PARLEY_DATA_DIR"
  trap 'bash scripts/stop.sh >/dev/null 2>&1 || true' EXIT
  env LOG_LEVEL=warn "$@" bash scripts/start.sh
  npx swc bench -d dist --ignore '**/*.spec.ts' >/dev/null
}
