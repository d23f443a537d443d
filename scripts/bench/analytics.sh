#!/usr/bin/env bash
# `npm run bench:analytics [-- --days 30 --rooms-per-day 5600]`
# Starts the local stack (see stack.sh), runs bench/analytics/main.ts against it and prints the
# report (also kept in .data/bench/).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly ROOT
cd "$ROOT"
# shellcheck source=scripts/bench/stack.sh
source "$ROOT/scripts/bench/stack.sh"

start_bench_stack
# The stack's NOTIFICATION_SEAL_KEY opens the sign-up's verification mail.
node dist/bench/analytics/main.js --seal-key "$(bench_stack_secret NOTIFICATION_SEAL_KEY)" "$@"
