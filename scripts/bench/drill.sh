#!/usr/bin/env bash
# `npm run drill:<fault> [-- --visitors 100 --rate 300 --before 15 --outage 10 --after 45]`
# (`bash scripts/bench/drill.sh <fault> …`; faults: chat-replica, redis, kafka, mongo)
# Starts the local stack (see stack.sh) with the message limits raised out of the way, runs
# bench/drill/main.ts against it (the load, the fault mid-run, the repair) and prints the figures
# and the verdict (also kept in .data/bench/); exits 1 when the drill failed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly ROOT
cd "$ROOT"
fault=${1:?usage: drill.sh chat-replica|redis|kafka|mongo [options]}
shift
# shellcheck source=scripts/bench/stack.sh
source "$ROOT/scripts/bench/stack.sh"

# Agents' tokens outlive the set-up (on FerretDB each of a thousand joins counts the agent's
# chats with a scan: minutes in all) and the run.
start_bench_stack ACCESS_TOKEN_TTL_SECONDS=3600 "${CHAT_LIMITS_OUT_OF_THE_WAY[@]}"
node dist/bench/drill/main.js --fault "$fault" --run-dir "$PARLEY_DATA_DIR/run" \
  --seal-key "$(bench_stack_secret NOTIFICATION_SEAL_KEY)" "$@"
