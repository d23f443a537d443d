#!/usr/bin/env bash
# Prints a fresh random value for each of Parley's own keys, one NAME=value line each, ready for
# the .env file beside docker-compose.yml:   bash scripts/generate-secrets.sh >> .env
# With --missing-from FILE, prints only the keys FILE does not set yet (`npm start` uses this to
# add a key a newer version introduced without changing the others).
#
# NOTIFICATION_SEAL_KEY   tenant, chat, email  seals the links inside notification events
# UNSUBSCRIBE_SEAL_KEY    email                seals the tokens of unsubscribe links
# OIDC_FLOW_SEAL_KEY      tenant               seals the Google sign-in flow's cookie
# VISITOR_TOKEN_SECRET    chat                 signs visitors' room tokens (and attachment links)
# WEBHOOK_SECRET_SEAL_KEY integrations         seals webhook endpoints' signing secrets at rest
# INTERCOM_SEAL_KEY       chat                 seals tenants' Intercom access tokens and client secrets
# TRUSTPILOT_CREDENTIALS_SEAL_KEY integrations seals tenants' Trustpilot API keys and secrets at rest
# S3_SECRET_ACCESS_KEY    chat, seaweedfs      the compose S3 server's key (with AWS or another
#                                              store, put the key it issued there instead)
set -euo pipefail

readonly PARLEY_KEYS=(NOTIFICATION_SEAL_KEY UNSUBSCRIBE_SEAL_KEY OIDC_FLOW_SEAL_KEY VISITOR_TOKEN_SECRET WEBHOOK_SECRET_SEAL_KEY INTERCOM_SEAL_KEY TRUSTPILOT_CREDENTIALS_SEAL_KEY S3_SECRET_ACCESS_KEY)

existing=
if [[ ${1:-} == --missing-from ]]; then
  existing=${2:?usage: generate-secrets.sh [--missing-from FILE]}
elif (($#)); then
  echo "usage: generate-secrets.sh [--missing-from FILE]" >&2
  exit 2
fi

for name in "${PARLEY_KEYS[@]}"; do
  if [[ -n $existing && -f $existing ]] && grep -q "^$name=" "$existing"; then continue; fi
  # 32 random bytes, hex: safe unquoted in env files, YAML and URLs alike.
  printf '%s=%s\n' "$name" "$(openssl rand -hex 32)"
done
