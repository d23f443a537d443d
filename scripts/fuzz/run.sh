#!/usr/bin/env bash
# `npm run fuzz`: schemathesis over every operation of the four services' OpenAPI documents, on
# the real services started in-process against the local infrastructure (test/fuzz). Fails on
# any 5xx, any answer outside its documented schema and any undocumented status code.
# Reports: .data/fuzz/<service>.txt and .json. FUZZ_EXAMPLES (default 100 here, 5 in
# `npm test`) sets the examples per operation; FUZZ_SERVICES (e.g. `tenant,chat`) fuzzes only
# some services; FUZZ_TIMEOUT_SECONDS (1800) bounds each schemathesis run. Extra arguments go
# to jest.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1

# The infrastructure parts this run starts are stopped at its end.
source scripts/lib/infra-lease.sh

bash scripts/ensure-deps.sh || exit 1
bash scripts/fuzz/ensure-schemathesis.sh || exit 1
bash scripts/infra.sh up || exit 1
use_test_redis_database || exit 1
export KAFKAJS_NO_PARTITIONER_WARNING=1
export FUZZ_EXAMPLES=${FUZZ_EXAMPLES:-100} FUZZ_TIMEOUT_SECONDS=${FUZZ_TIMEOUT_SECONDS:-1800}
node_modules/.bin/jest --selectProjects fuzz --runInBand --forceExit "$@"
