#!/usr/bin/env bash
# `npm test`: dependencies, the local infrastructure, then the format check, lint, type-check,
# unit tests, integration tests against the real servers, and a short run of the API fuzzer. Ends with one line
# `tests: N passed, N failed`, where each static check counts as one test.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

RESULTS=.data/test-results
mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.json "$RESULTS"/checks.txt
export KAFKAJS_NO_PARTITIONER_WARNING=1

# The infrastructure parts this run starts are stopped at its end.
source scripts/lib/infra-lease.sh

check() {
  local name=$1
  shift
  echo "== $name"
  if "$@"; then echo "pass $name" >>"$RESULTS/checks.txt"; else echo "fail $name" >>"$RESULTS/checks.txt"; fi
}

summary() { node scripts/test-summary.mjs "$RESULTS" "$@"; }

if ! bash scripts/ensure-deps.sh; then
  echo "npm dependencies could not be installed"
  echo "fail dependencies" >>"$RESULTS/checks.txt"
  summary
  exit 1
fi
if ! bash scripts/infra.sh up || ! use_test_redis_database; then
  echo "fail infrastructure" >>"$RESULTS/checks.txt"
  summary
  exit 1
fi

check build npm run --silent build -- --quiet
# The widget and dashboard bundles (the browser tests load them through nginx); the widget's
# build fails if its loader or chat module outgrows its size budget.
check web-build npm run --silent build:web
check format node_modules/.bin/prettier --check --log-level warn .
check lint node_modules/.bin/eslint . --max-warnings=0
check boundaries npm run --silent check:boundaries
check typecheck node_modules/.bin/tsc -p tsconfig.json --noEmit
check typecheck-widget node_modules/.bin/tsc -p apps/widget
check typecheck-dashboard node_modules/.bin/tsc -p apps/dashboard

echo "== unit tests"
node_modules/.bin/jest --selectProjects unit --ci --json --outputFile="$RESULTS/unit.json"
echo "== integration tests (real Kafka, OpenSearch, MongoDB API, Redis, SMTP, nginx, Chromium)"
# One file at a time, in one worker process that is replaced once a file leaves it holding more
# than the limit: run in band, jest's own process kept what every file left behind and V8 aborted
# out of heap partway through the files.
node_modules/.bin/jest --selectProjects integration --ci --maxWorkers=1 --workerIdleMemoryLimit=1.5G \
  --forceExit --json --outputFile="$RESULTS/integration.json"
# `npm run fuzz`, short: a few examples per operation (one test per service in the report).
echo "== API fuzzer (schemathesis, short)"
if bash scripts/fuzz/ensure-schemathesis.sh; then
  FUZZ_EXAMPLES=${FUZZ_EXAMPLES:-5} FUZZ_TIMEOUT_SECONDS=${FUZZ_TIMEOUT_SECONDS:-300} \
    node_modules/.bin/jest --selectProjects fuzz --ci --runInBand --forceExit \
    --json --outputFile="$RESULTS/fuzz.json"
fi

summary unit.json integration.json fuzz.json
