#!/usr/bin/env bash
# The processes `npm start` runs besides the infrastructure: "name app port" per service.
# shellcheck disable=SC2034 # used by the scripts that source this file
readonly SERVICES=(
  "tenant tenant 3001"
  "chat chat 3002"
  "chat-2 chat 3012"
  "analytics analytics 3003"
  "email email 3004"
  "integrations integrations 3005"
)

# A word in each process's command line, so that a recycled pid is never taken for ours.
process_marker() {
  case $1 in
    nginx) echo 'nginx' ;;
    oidc) echo 'dev-provider.mjs' ;;
    chat-2) echo 'dist/apps/chat/src/main.js' ;;
    *) echo "dist/apps/$1/src/main.js" ;;
  esac
}
