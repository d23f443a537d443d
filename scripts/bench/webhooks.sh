#!/usr/bin/env bash
# `npm run bench:webhooks [-- --burst 20000 --rate 200 --seconds 60 --rooms 2000 --endpoints 1]`
# Runs bench/webhooks/main.ts against the local infrastructure (started if it does not answer,
# never stopped): it spawns the built integrations service with a database and consumer group of
# its own and a local receiver, so tests and a local stack beside it are not disturbed. Prints
# the report (also kept in .data/bench/): deliveries per second, and event-to-delivery latency
# at a steady rate.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly ROOT
cd "$ROOT"

# Infrastructure started from another checkout answers without this one's pid files, and
# `infra.sh up` here would start a second copy: only ask for it when nothing answers.
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if ! { answers 9092 && answers 27017 && answers 6379; }; then
  bash scripts/infra.sh up kafka mongo redis
fi

npm run build --silent -- --quiet
npx swc bench -d dist --ignore '**/*.spec.ts' >/dev/null
node dist/bench/webhooks/main.js "$@"
