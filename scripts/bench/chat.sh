#!/usr/bin/env bash
# `npm run bench:chat [-- --visitors 200 --agents 10 --rate 500 --seconds 20 --idle 20000]`
#   [--assignment round-robin|join] [--targets parley]
# Starts the local stack (see stack.sh) with the message rate limits raised out of the way, runs
# bench/chat/main.ts against it and prints the report (also kept in .data/bench/). By default
# chat's round-robin auto-assignment hands the rooms to the agents (the report says how long
# that took and how many each got); `--assignment join` has each agent join its share instead.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly ROOT
cd "$ROOT"
# shellcheck source=scripts/bench/stack.sh
source "$ROOT/scripts/bench/stack.sh"

start_bench_stack "${CHAT_LIMITS_OUT_OF_THE_WAY[@]}"
node dist/bench/chat/main.js --chat-pid-file "$PARLEY_DATA_DIR/run/chat.pid" \
  --seal-key "$(bench_stack_secret NOTIFICATION_SEAL_KEY)" "$@"
