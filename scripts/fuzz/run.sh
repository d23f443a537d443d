#!/usr/bin/env bash
# `npm run fuzz`: schemathesis over every operation of the four services' OpenAPI documents, on
# the real services started in-process against the local infrastructure (test/fuzz). Fails on
# any 5xx, any answer outside its documented schema and any undocumented status code.
# Reports: .data/fuzz/<service>.txt. FUZZ_EXAMPLES (default 100 here, 10 in `npm test`) sets
# the examples per operation; FUZZ_TIMEOUT_SECONDS (1800) bounds each service's run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

bash scripts/ensure-deps.sh
bash scripts/fuzz/ensure-schemathesis.sh
bash scripts/infra.sh up
export KAFKAJS_NO_PARTITIONER_WARNING=1
export FUZZ_EXAMPLES=${FUZZ_EXAMPLES:-100} FUZZ_TIMEOUT_SECONDS=${FUZZ_TIMEOUT_SECONDS:-1800}
exec node_modules/.bin/jest --selectProjects fuzz --runInBand --forceExit "$@"
