#!/usr/bin/env bash
# The keys of a local run, made once by `npm start` into $DATA_DIR/secrets.env (mode 0600) and
# reused by later starts, so no repository value signs anything and sessions, links and visitor
# tokens survive restarts. The sourcing script sets ROOT and DATA_DIR.

local_secrets_file() { printf '%s/secrets.env' "$DATA_DIR"; }

# Creates the file, or adds a key it lacks; never changes a key it has.
ensure_local_secrets() {
  local file
  file=$(local_secrets_file)
  mkdir -p "$DATA_DIR"
  (
    umask 077
    # Not the S3 key: scripts/infra.sh starts the local S3 server (before this runs) with its
    # local default, which the chat service's default matches; it only ever holds local files.
    bash "$ROOT/scripts/generate-secrets.sh" --missing-from "$file" |
      { grep -v '^S3_SECRET_ACCESS_KEY=' || true; } >>"$file"
    # The client secret shared by the tenant service and the local stand-in for Google.
    grep -q '^OIDC_CLIENT_SECRET=' "$file" || printf 'OIDC_CLIENT_SECRET=%s\n' "$(openssl rand -hex 32)" >>"$file"
  )
  chmod 600 "$file"
}

# Prints NAME=value for each local key the caller's environment does not set (the caller's wins).
local_secret_env() {
  local line name
  while IFS= read -r line; do
    name=${line%%=*}
    [[ -n ${!name:-} ]] || printf '%s\n' "$line"
  done <"$(local_secrets_file)"
}

# Prints the value of one local key (for tools, such as the benchmarks, that need it).
local_secret() {
  local line
  line=$(grep "^$1=" "$(local_secrets_file)") || return 1
  printf '%s\n' "${line#*=}"
}
