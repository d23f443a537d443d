#!/usr/bin/env bash
# `npm stop`: stops nginx and the services `npm start` started, and the infrastructure parts
# that `npm start` brought up; a part that was already running before is left alone.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
cd "$ROOT"

DATA_DIR=${PARLEY_DATA_DIR:-$ROOT/.data}
readonly LOG_DIR=$DATA_DIR/logs RUN_DIR=$DATA_DIR/run HOST=127.0.0.1 STOP_TIMEOUT=20
readonly LOG_PREFIX=stop
# shellcheck source=scripts/lib/processes.sh
source "$ROOT/scripts/lib/processes.sh"
# shellcheck source=scripts/lib/services.sh
source "$ROOT/scripts/lib/services.sh"

stop_part_process nginx
stop_part_process oidc
for entry in "${SERVICES[@]}"; do
  read -r name _ <<<"$entry"
  stop_part_process "$name"
done

started=$RUN_DIR/started-by-npm-start
if [[ -f $started ]]; then
  mapfile -t parts < <(sort -u "$started")
  if ((${#parts[@]})); then bash scripts/infra.sh down "${parts[@]}"; fi
  rm -f "$started"
fi
