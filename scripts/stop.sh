#!/usr/bin/env bash
# `npm stop`: stops nginx and the services `npm start` started, and the infrastructure parts
# that `npm start` brought up; a part that was already running before is left alone.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
cd "$ROOT"

readonly LOG_PREFIX=stop
# shellcheck source=scripts/lib/local-run.sh
source "$ROOT/scripts/lib/local-run.sh"

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
