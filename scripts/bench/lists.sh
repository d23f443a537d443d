#!/usr/bin/env bash
# `npm run bench:lists [-- --tenants 10 --rows 100000]`
# Starts the local stack (see stack.sh), runs bench/lists/main.ts against it and prints the
# report (also kept in .data/bench/).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly ROOT
cd "$ROOT"
# shellcheck source=scripts/bench/stack.sh
source "$ROOT/scripts/bench/stack.sh"

start_bench_stack
# The stack's NOTIFICATION_SEAL_KEY opens the sign-up's verification mail.
node dist/bench/lists/main.js --seal-key "$(bench_stack_secret NOTIFICATION_SEAL_KEY)" "$@"
