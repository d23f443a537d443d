# Sourced by scripts that bring up the local infrastructure for one run (npm test, npm run fuzz):
# the parts that were not running before the run are stopped at its end, so the run leaves the
# machine as it found it (PARLEY_KEEP_INFRA=1 keeps them, for faster reruns).

# shellcheck source=scripts/lib/infra-parts.sh
source scripts/lib/infra-parts.sh

infra_parts_up_before=()
for part in "${INFRA_PARTS[@]}"; do
  if bash scripts/infra.sh status "$part" >/dev/null 2>&1; then infra_parts_up_before+=("$part"); fi
done

stop_infra_started_here() {
  [[ ${PARLEY_KEEP_INFRA:-0} == 1 ]] && return
  local started=()
  for part in "${INFRA_PARTS[@]}"; do
    [[ " ${infra_parts_up_before[*]} " == *" $part "* ]] || started+=("$part")
  done
  ((${#started[@]})) && bash scripts/infra.sh down "${started[@]}" >/dev/null 2>&1
  return 0
}
trap stop_infra_started_here EXIT

# Test runs keep their Redis keys in a database of their own (1; `npm start` uses 0), emptied
# when the run starts: the counters a run leaves behind (rate limits on sign-ups and widget
# sessions from 127.0.0.1) must neither refuse the next run nor a local `npm start` stack.
# An exported REDIS_URL is used as it is, and not emptied.
use_test_redis_database() {
  [[ -n ${REDIS_URL:-} ]] && return 0
  export REDIS_URL="redis://127.0.0.1:${REDIS_PORT:-6379}/1"
  node -e '
    const Redis = require("ioredis");
    const redis = new Redis(process.env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    redis.connect().then(() => redis.flushdb()).then(() => redis.quit(), (error) => {
      console.error(`could not empty the test Redis database: ${error.message}`);
      process.exit(1);
    });'
}
