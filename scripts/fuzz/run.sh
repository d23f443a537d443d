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

# As in scripts/test.sh: the parts this run started are stopped at its end (unless
# PARLEY_KEEP_INFRA=1), so a fuzz run leaves the machine as it found it.
already_up=()
for part in kafka mongo redis smtp; do
  if bash scripts/infra.sh status "$part" >/dev/null 2>&1; then already_up+=("$part"); fi
done
cleanup() {
  [[ ${PARLEY_KEEP_INFRA:-0} == 1 ]] && return
  local started=()
  for part in kafka mongo redis smtp; do
    [[ " ${already_up[*]} " == *" $part "* ]] || started+=("$part")
  done
  ((${#started[@]})) && bash scripts/infra.sh down "${started[@]}" >/dev/null 2>&1
  return 0
}
trap cleanup EXIT

bash scripts/ensure-deps.sh || exit 1
bash scripts/fuzz/ensure-schemathesis.sh || exit 1
bash scripts/infra.sh up || exit 1
export KAFKAJS_NO_PARTITIONER_WARNING=1
export FUZZ_EXAMPLES=${FUZZ_EXAMPLES:-100} FUZZ_TIMEOUT_SECONDS=${FUZZ_TIMEOUT_SECONDS:-1800}
node_modules/.bin/jest --selectProjects fuzz --runInBand --forceExit "$@"
