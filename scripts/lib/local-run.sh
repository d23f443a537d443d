#!/usr/bin/env bash
# Shared by scripts/start.sh and scripts/stop.sh: where a local run keeps its state, and the
# process helpers with the names of the processes it runs.
# shellcheck disable=SC2034 # used by the scripts that source this file
DATA_DIR=${PARLEY_DATA_DIR:-$ROOT/.data}
readonly LOG_DIR=$DATA_DIR/logs RUN_DIR=$DATA_DIR/run HOST=127.0.0.1 STOP_TIMEOUT=20
# shellcheck source=scripts/lib/processes.sh
source "$ROOT/scripts/lib/processes.sh"
# shellcheck source=scripts/lib/services.sh
source "$ROOT/scripts/lib/services.sh"
