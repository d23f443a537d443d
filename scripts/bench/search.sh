#!/usr/bin/env bash
# `npm run bench:search [-- --messages 1000000 --tenants 5 --rooms 20000 --queries 300
#   --concurrency 4 --rate 500 --lag-seconds 60 --keep]`
# Runs bench/search/main.ts against the local infrastructure (started if it does not answer,
# never stopped): it spawns the built chat service with a database, consumer group and search
# index of its own, so tests and a local stack running beside it are not disturbed, and removes
# them at the end (`--keep` keeps them). Prints the report (also kept in .data/bench/).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly ROOT
cd "$ROOT"

# Infrastructure started from another checkout answers without this one's pid files, and
# `infra.sh up` here would start a second copy: only ask for it when nothing answers.
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if ! { answers 9092 && answers 27017 && answers 6379 && answers 9200; }; then
  bash scripts/infra.sh up kafka opensearch mongo redis
fi

npm run build --silent -- --quiet
npx swc bench -d dist --ignore '**/*.spec.ts' >/dev/null
node dist/bench/search/main.js "$@"
