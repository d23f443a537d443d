# Sourced by scripts that bring up the local infrastructure for one run (npm test, npm run fuzz):
# the parts that were not running before the run are stopped at its end, so the run leaves the
# machine as it found it (PARLEY_KEEP_INFRA=1 keeps them, for faster reruns).

infra_parts_up_before=()
for part in kafka mongo redis smtp s3; do
  if bash scripts/infra.sh status "$part" >/dev/null 2>&1; then infra_parts_up_before+=("$part"); fi
done

stop_infra_started_here() {
  [[ ${PARLEY_KEEP_INFRA:-0} == 1 ]] && return
  local started=()
  for part in kafka mongo redis smtp s3; do
    [[ " ${infra_parts_up_before[*]} " == *" $part "* ]] || started+=("$part")
  done
  ((${#started[@]})) && bash scripts/infra.sh down "${started[@]}" >/dev/null 2>&1
  return 0
}
trap stop_infra_started_here EXIT
