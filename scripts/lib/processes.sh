#!/usr/bin/env bash
# Process helpers shared by scripts/infra.sh and scripts/start.sh. The sourcing script sets
# LOG_DIR, RUN_DIR, HOST, STOP_TIMEOUT and LOG_PREFIX, and defines process_marker NAME (a word
# in the command line of NAME's process, so a recycled pid is never taken for ours).
say() { printf '%s: %s\n' "$LOG_PREFIX" "$*"; }
warn() { printf '%s: %s\n' "$LOG_PREFIX" "$*" >&2; }

log_file() { printf '%s/%s.log' "$LOG_DIR" "$1"; }
pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }

# Appends a timestamped marker line to a part's log so that the tail shows where a run started.
log_mark() {
  mkdir -p "$LOG_DIR"
  printf '=== infra.sh %s: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$2" >>"$(log_file "$1")"
}

# Prints which part failed, why, and the last 40 lines of its log (unless a third argument
# says "nolog"); then exits 1.
fail_part() {
  local part=$1 why=$2 log
  log=$(log_file "$part")
  warn "FAILED: $part: $why"
  if [[ ${3:-} != nolog && -s $log ]]; then
    warn "--- last 40 lines of $log ---"
    tail -n 40 "$log" >&2
    warn "--- end of $log ---"
  fi
  exit 1
}

# True when pid is alive and its command line contains the part's marker.
pid_is_part() {
  local part=$1 pid=$2 cmdline
  kill -0 "$pid" 2>/dev/null || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$(process_marker "$part")"* ]]
}

# Prints the pid of the part's running process; removes a stale pid file and fails otherwise.
running_pid() {
  local part=$1 file pid
  file=$(pid_file "$part")
  [[ -f $file ]] || return 1
  pid=$(<"$file")
  if [[ $pid =~ ^[0-9]+$ ]] && pid_is_part "$part" "$pid"; then
    echo "$pid"
    return 0
  fi
  warn "$part: removing stale pid file (pid '${pid}' is not running $part)"
  rm -f "$file"
  return 1
}

# True when something accepts TCP connections on 127.0.0.1:port.
port_open() {
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

# Refuses to start a part on a port that some process we did not start already holds.
require_free_port() {
  local part=$1 port=$2 var=$3
  if port_open "$port"; then
    fail_part "$part" "$HOST:$port is already in use by a process this script did not start (no pid file); stop it, or set $var to another port"
  fi
}

# Starts a command in the background, detached from this shell, output to the part's log,
# and records its pid. The child writes its own pid before exec, so the pid is exact.
spawn() {
  local part=$1
  shift
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  local file log
  file=$(pid_file "$part")
  log=$(log_file "$part")
  rm -f "$file"
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
  # 9>&- : the long-running process must not inherit (and so hold) our lock file.
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$file" "$@" </dev/null >>"$log" 2>&1 9>&- &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s $file ]] && return 0
    sleep 0.1
  done
  fail_part "$part" "process did not start"
}

# Stops a part's process if its pid file names a live process of that part.
stop_part_process() {
  local part=$1 pid file i
  file=$(pid_file "$part")
  if ! pid=$(running_pid "$part" 2>/dev/null); then
    rm -f "$file"
    say "$part not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$part (pid $pid) still running after ${STOP_TIMEOUT}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$file"
  say "$part stopped (pid $pid)"
}
