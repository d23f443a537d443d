#!/usr/bin/env bash
# `npm run bench:soak [-- --minutes 60 --rate 300 --idle 2000 --sample-seconds 10
#   --slice-seconds 60 --warmup 5 --window 10 --visitors 200 --agents 10]`
# (`-- --minutes 2` for a smoke run of a few minutes.)
# Starts the local stack (see stack.sh) with the message limits raised out of the way, runs
# bench/soak/main.ts against it (visitors sending to agents through nginx at the rate for the
# minutes given, idle widget sockets open on both chat replicas, the stack sampled throughout)
# and prints the report and the verdict on flatness; the report and its chart are kept in
# .data/bench/ (soak-<time>.json and soak-<time>.png). Exits 0 whether or not the curves are flat.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly ROOT
cd "$ROOT"
# shellcheck source=scripts/bench/stack.sh
source "$ROOT/scripts/bench/stack.sh"

# One tenant sends 300 messages a second, past its own limit as it ships (200): the soak
# measures the stack's curves at that rate, not the limit. Access tokens keep their lifetime as
# it ships (10 minutes): the soak's agents refresh theirs and reconnect, as the dashboard does.
start_bench_stack "${CHAT_LIMITS_OUT_OF_THE_WAY[@]}"

# Each service on its own port (its event-loop delay is not served through nginx), and the chat
# replicas, where the idle sockets connect (see bench/soak/main.ts), from the list npm start uses.
services=() chat_urls=()
for entry in "${SERVICES[@]}"; do
  read -r name app port <<<"$entry"
  services+=("$name=http://$HOST:$port")
  if [[ $app == chat ]]; then chat_urls+=("http://$HOST:$port"); fi
done

node dist/bench/soak/main.js --run-dir "$PARLEY_DATA_DIR/run" \
  --seal-key "$(bench_stack_secret NOTIFICATION_SEAL_KEY)" \
  --services "$(IFS=,; echo "${services[*]}")" --idle-urls "$(IFS=,; echo "${chat_urls[*]}")" "$@"
