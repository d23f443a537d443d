#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than package-lock.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  # Not `npm ci`: the registry mirror here lacks some other platforms' optional binaries
  # (e.g. @swc/core for macOS), which leaves them out of the lock file, and `npm ci` then
  # refuses the lock as out of sync. `npm install` installs exactly the locked versions.
  echo "deps: installing npm dependencies"
  npm install --no-audit --no-fund --loglevel=error
fi
