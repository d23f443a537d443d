#!/usr/bin/env bash
# `npm run bench:jitter [-- --visitors 1000 --agents 10 --rate 300 --seconds 60
#   --up-ms 4000,6000 --down-ms 1000,2000]`
# Starts the local stack (see stack.sh) with the agents' message limits raised out of the way,
# runs bench/jitter/main.ts against it (every visitor's socket cut and reconnected over and over
# while agents send) and prints the report (also kept in .data/bench/).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly ROOT
cd "$ROOT"
# shellcheck source=scripts/bench/stack.sh
source "$ROOT/scripts/bench/stack.sh"

# Ten agents answer a thousand rooms far faster than people would; the visitors' own limits
# (connections a minute per room among them) stay as they are.
# Agents' tokens outlive the set-up (on FerretDB each of a thousand joins counts the agent's
# chats with a scan: minutes in all) and the run.
start_bench_stack ACCESS_TOKEN_TTL_SECONDS=3600 "${CHAT_LIMITS_OUT_OF_THE_WAY[@]}"
node dist/bench/jitter/main.js --run-dir "$PARLEY_DATA_DIR/run" \
  --seal-key "$(bench_stack_secret NOTIFICATION_SEAL_KEY)" "$@"
