#!/usr/bin/env bash
# `npm run bench:noisy [-- --quiet-tenants 9 --quiet-rate 20 --noisy-rate 2000 --seconds 60
#   --warmup 15 --after 60]`
# Starts the local stack (see stack.sh), runs bench/noisy/main.ts against it (nine tenants
# chatting while a tenth floods at ten times its tenant limit) and prints the figures and the
# verdict (also kept in .data/bench/). Exits 0 whether or not the target is met.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly ROOT
cd "$ROOT"
# shellcheck source=scripts/bench/stack.sh
source "$ROOT/scripts/bench/stack.sh"

# The message limits stay as they ship: the tenant limit holding the flood back is what is
# measured, and the per-sender ones decide how the flood is spread (bench/noisy/main.ts). Only
# opening widget sessions, set-up here, is let through: the flood's ~670 sessions on one
# chatbot in a minute or two would pass the 300 a minute a chatbot may open.
# Agents' tokens outlive the set-up (the noisy tenant's agents join ~670 rooms, on FerretDB
# each join a scan) and the run.
start_bench_stack ACCESS_TOKEN_TTL_SECONDS=3600 "${WIDGET_SESSION_LIMITS_OUT_OF_THE_WAY[@]}"
node dist/bench/noisy/main.js --run-dir "$PARLEY_DATA_DIR/run" \
  --seal-key "$(bench_stack_secret NOTIFICATION_SEAL_KEY)" "$@"
