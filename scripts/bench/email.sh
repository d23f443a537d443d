#!/usr/bin/env bash
# `npm run bench:email [-- --mails 3000]`
# Starts the local stack (see stack.sh) with the send limits raised out of the way, runs
# bench/email/main.ts against it and prints the report (also kept in .data/bench/).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly ROOT
cd "$ROOT"
# shellcheck source=scripts/bench/stack.sh
source "$ROOT/scripts/bench/stack.sh"

# The benchmark measures sending, not the abuse limits in front of it.
start_bench_stack EMAIL_TENANT_PER_HOUR=100000000 EMAIL_TENANT_VISITOR_PER_HOUR=100000000 \
  EMAIL_RECIPIENT_PER_HOUR=100000000 \
  EMAIL_SEND_CONCURRENCY="${EMAIL_SEND_CONCURRENCY:-5}"
node dist/bench/email/main.js --seal-key "$(bench_stack_secret NOTIFICATION_SEAL_KEY)" "$@"
