#!/usr/bin/env bash
# `npm run bench:chat [-- --visitors 200 --agents 10 --rate 500 --seconds 20 --idle 19000]`
# Starts the local stack (as `npm start` does) with the message rate limits raised out of the
# way, runs bench/chat/main.ts against it, prints the report (also kept in .data/bench/) and
# stops what it started. Refuses to run over a stack that is already running.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly ROOT
cd "$ROOT"

readonly LOG_PREFIX=bench
# shellcheck source=scripts/lib/local-run.sh
source "$ROOT/scripts/lib/local-run.sh"

if running_pid chat >/dev/null 2>&1; then
  warn "a local stack is running: stop it with 'npm stop' first (the benchmark starts its own)"
  exit 1
fi

# Every run starts from empty databases and topics, so figures don't depend on what earlier
# runs (or local use) left behind; downloads and builds are shared with the usual stack.
export PARLEY_CACHE_DIR=$DATA_DIR/cache PARLEY_DATA_DIR=$DATA_DIR/bench-stack
rm -rf "$PARLEY_DATA_DIR"
mkdir -p "$PARLEY_DATA_DIR"
trap 'bash scripts/stop.sh >/dev/null 2>&1 || true' EXIT
# The benchmark measures the message path, not the abuse limits in front of it.
SOCKET_MESSAGES_PER_10S=100000000 TENANT_MESSAGES_PER_SECOND=100000000 LOG_LEVEL=warn \
  bash scripts/start.sh
npx swc bench -d dist --ignore '**/*.spec.ts' >/dev/null
node dist/bench/chat/main.js --chat-pid-file "$PARLEY_DATA_DIR/run/chat.pid" "$@"
