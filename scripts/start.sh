#!/usr/bin/env bash
# `npm start`: dependencies, the local infrastructure, a build, every service (chat twice) and
# nginx in front, each waited for until it answers; then the URLs. `npm stop` undoes it.
#
# Services:   tenant :3001, chat :3002 and :3012, analytics :3003, email :3004,
#             integrations :3005 (127.0.0.1)
# nginx:      http://localhost:8080 and https://localhost:8443 (self-signed certificate)
# Logs:       .data/logs/<name>.log        Pids: .data/run/<name>.pid
# Keys:       .data/secrets.env (made once, mode 0600; a key set in the environment wins)
# Environment: PARLEY_HTTP_PORT (8080), PARLEY_HTTPS_PORT (8443), PARLEY_START_TIMEOUT (90),
#   PARLEY_OIDC_PORT (9400), PARLEY_HTTPS_REDIRECT (unset: http://localhost:8080 serves Parley;
#   1: it redirects to HTTPS), EDGE_TRUSTED_LOAD_BALANCERS (nginx/edge-settings.sh), and every
#   service variable of the README (applied to all services).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
cd "$ROOT"

readonly LOG_PREFIX=start
# shellcheck source=scripts/lib/local-run.sh
source "$ROOT/scripts/lib/local-run.sh"
# shellcheck source=scripts/lib/local-secrets.sh
source "$ROOT/scripts/lib/local-secrets.sh"
# shellcheck source=scripts/lib/infra-parts.sh
source "$ROOT/scripts/lib/infra-parts.sh"
readonly HTTP_PORT=${PARLEY_HTTP_PORT:-8080} HTTPS_PORT=${PARLEY_HTTPS_PORT:-8443}
readonly START_TIMEOUT=${PARLEY_START_TIMEOUT:-90}
readonly OIDC_PORT=${PARLEY_OIDC_PORT:-9400}
readonly HTTPS_REDIRECT=${PARLEY_HTTPS_REDIRECT:-}
# Given to every service; only the tenant service reads the token and sign-in variables, and
# only analytics the status page's list (both chat replicas), and only integrations the networks
# webhooks may reach (loopback, so a receiver on this machine works). A variable set by the
# caller wins.
SERVICE_ENV=(
  "JWT_PRIVATE_KEY_FILE=$DATA_DIR/keys/jwt.pem"
  "OIDC_ISSUER_URL=http://127.0.0.1:$OIDC_PORT"
  "OIDC_CLIENT_ID=parley-local"
  "ANALYTICS_STATUS_SERVICES=${ANALYTICS_STATUS_SERVICES:-tenant=http://$HOST:3001/api/tenant/health,chat=http://$HOST:3002/api/chat/health,chat-2=http://$HOST:3012/api/chat/health,analytics=http://$HOST:3003/api/analytics/health,email=http://$HOST:3004/api/email/health,integrations=http://$HOST:3005/api/integrations/health}"
  "WEBHOOK_ALLOWED_NETWORKS=${WEBHOOK_ALLOWED_NETWORKS:-127.0.0.0/8,::1/128}"
)

# Remembers which infrastructure parts this start brought up, so `npm stop` stops only those.
start_infrastructure() {
  local part started=()
  for part in "${INFRA_PARTS[@]}"; do
    bash scripts/infra.sh status "$part" >/dev/null 2>&1 || started+=("$part")
  done
  bash scripts/infra.sh up
  mkdir -p "$RUN_DIR"
  if ((${#started[@]})); then
    printf '%s\n' "${started[@]}" >>"$RUN_DIR/started-by-npm-start"
  fi
}

# Waits until GET url answers 200, or fails naming the part and showing its log.
wait_healthy() {
  local name=$1 url=$2 pid
  pid=$(running_pid "$name") || fail_part "$name" "exited during start-up"
  if ! node scripts/wait-http.mjs "$url" "$START_TIMEOUT" "$pid"; then
    fail_part "$name" "$url did not answer 200 within ${START_TIMEOUT}s"
  fi
}

start_service() {
  local name=$1 app=$2 port=$3 pid
  if pid=$(running_pid "$name" 2>/dev/null); then
    say "$name already running (pid $pid)"
    return 0
  fi
  require_free_port "$name" "$port" PORT
  log_mark "$name" "start $app on port $port"
  spawn "$name" env PORT="$port" "${SERVICE_ENV[@]}" "${LOCAL_SECRET_ENV[@]}" \
    node "dist/apps/$app/src/main.js"
}

# The key that signs access tokens, kept across restarts so sessions survive them.
ensure_signing_key() {
  local key=$DATA_DIR/keys/jwt.pem
  [[ -f $key ]] && return 0
  mkdir -p "$DATA_DIR/keys"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$key" 2>/dev/null ||
    fail_part tenant "openssl could not make the token-signing key"
  chmod 600 "$key"
}

# The local OpenID provider that stands in for Google (scripts/oidc/dev-provider.mjs).
start_oidc_provider() {
  local pid
  if pid=$(running_pid oidc 2>/dev/null); then
    say "oidc already running (pid $pid)"
    return 0
  fi
  require_free_port oidc "$OIDC_PORT" PARLEY_OIDC_PORT
  spawn oidc env OIDC_DEV_PORT="$OIDC_PORT" \
    OIDC_DEV_CLIENT_SECRET="${OIDC_CLIENT_SECRET:-$(local_secret OIDC_CLIENT_SECRET)}" \
    OIDC_DEV_REDIRECT_URIS="https://localhost:$HTTPS_PORT/api/tenant/auth/google/callback,http://localhost:$HTTP_PORT/api/tenant/auth/google/callback" \
    node scripts/oidc/dev-provider.mjs
  wait_healthy oidc "http://$HOST:$OIDC_PORT/.well-known/openid-configuration"
}

ensure_certificate() {
  local dir=$DATA_DIR/tls
  [[ -f $dir/parley.crt ]] && return 0
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
    -keyout "$dir/parley.key" -out "$dir/parley.crt" >/dev/null 2>&1 ||
    fail_part nginx "openssl could not make the self-signed certificate"
}

write_nginx_config() {
  local dir=$DATA_DIR/nginx user_line='' http_routes=parley.locations.conf
  mkdir -p "$dir/tmp"
  # Workers must be able to read the repo and write the temp folder we own.
  [[ $EUID -eq 0 ]] && user_line='user root;'
  # The newcomer's path is http://localhost:8080, so redirecting it to HTTPS is a choice.
  [[ $HTTPS_REDIRECT == 1 ]] && http_routes=parley.https-redirect.conf
  EDGE_SETTINGS_FILE=$dir/edge-settings.conf EDGE_HTTPS_ORIGIN=https://localhost:$HTTPS_PORT \
    sh nginx/edge-settings.sh || fail_part nginx "nginx/edge-settings.sh refused the environment"
  cat >"$dir/nginx.conf" <<CONF
# Generated by scripts/start.sh; the routes live in nginx/*.conf.
$user_line
worker_processes 2;
daemon off;
pid $dir/nginx.pid;
error_log $LOG_DIR/nginx.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  include $ROOT/nginx/parley.http.conf;
  include $dir/edge-settings.conf;
  include $ROOT/nginx/upstreams.local.conf;
  access_log $LOG_DIR/nginx-access.log parley;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  server {
    listen $HOST:$HTTP_PORT;
    include $ROOT/nginx/$http_routes;
  }
  server {
    listen $HOST:$HTTPS_PORT ssl;
    ssl_certificate $DATA_DIR/tls/parley.crt;
    ssl_certificate_key $DATA_DIR/tls/parley.key;
    include $ROOT/nginx/parley.tls.conf;
    include $ROOT/nginx/parley.locations.conf;
  }
}
CONF
}

start_nginx() {
  local pid
  if pid=$(running_pid nginx 2>/dev/null); then
    say "nginx already running (pid $pid)"
    return 0
  fi
  require_free_port nginx "$HTTP_PORT" PARLEY_HTTP_PORT
  require_free_port nginx "$HTTPS_PORT" PARLEY_HTTPS_PORT
  ensure_certificate
  write_nginx_config
  nginx -t -p "$ROOT/nginx" -c "$DATA_DIR/nginx/nginx.conf" >>"$(log_file nginx)" 2>&1 ||
    fail_part nginx "the generated configuration does not pass nginx -t"
  spawn nginx nginx -p "$ROOT/nginx" -c "$DATA_DIR/nginx/nginx.conf"
}

main() {
  bash scripts/ensure-deps.sh
  start_infrastructure
  say "building"
  npm run --silent build -- --quiet
  npm run --silent build:web >>"$(log_file web-build)" 2>&1 ||
    fail_part web-build "the widget or dashboard did not build"
  ensure_signing_key
  ensure_local_secrets
  mapfile -t LOCAL_SECRET_ENV < <(local_secret_env)
  start_oidc_provider
  local entry name app port
  for entry in "${SERVICES[@]}"; do
    read -r name app port <<<"$entry"
    start_service "$name" "$app" "$port"
  done
  for entry in "${SERVICES[@]}"; do
    read -r name app port <<<"$entry"
    wait_healthy "$name" "http://$HOST:$port/api/$app/health"
    say "$name up on http://$HOST:$port/api/$app"
  done
  start_nginx
  wait_healthy nginx "http://$HOST:$HTTP_PORT/api/tenant/health"
  cat <<DONE

Parley is running.
  Dashboard:    https://localhost:$HTTPS_PORT/app/  (self-signed certificate)  or  http://localhost:$HTTP_PORT/app/
  Demo page:    http://localhost:$HTTP_PORT/demo/  (the dashboard links it, with your chatbot, once you create one)
  Health:       https://localhost:$HTTPS_PORT/api/{tenant,chat,analytics,email,integrations}/health
  API docs:     https://localhost:$HTTPS_PORT/api/tenant/docs (likewise chat, analytics, email, integrations)
  Mail catcher: http://127.0.0.1:${SMTP_WEB_PORT:-1080}/
  Google sign-in: a local stand-in at http://127.0.0.1:$OIDC_PORT (any email signs in)
  Logs:         $LOG_DIR/
Stop with: npm stop
DONE
}

main "$@"
