#!/usr/bin/env bash
# `npm run bench:chat [-- --visitors 200 --agents 10 --rate 500 --seconds 20 --idle 20000]`
#   [--assignment round-robin|join] [--targets parley] [--cold 20] [--cold-after setup|drained] [--timeline]
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

# Each service on its own port, read for --timeline and --cold-after drained.
services=()
for entry in "${SERVICES[@]}"; do
  read -r name _ port <<<"$entry"
  services+=("$name=http://$HOST:$port")
done

node dist/bench/chat/main.js --chat-pid-file "$PARLEY_DATA_DIR/run/chat.pid" \
  --run-dir "$PARLEY_DATA_DIR/run" --services "$(IFS=,; echo "${services[*]}")" \
  --seal-key "$(bench_stack_secret NOTIFICATION_SEAL_KEY)" "$@"
