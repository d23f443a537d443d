#!/usr/bin/env bash
# Parley local infrastructure without Docker: Kafka, OpenSearch, MongoDB API (FerretDB), Redis,
# SMTP catcher, S3 API (SeaweedFS).
#
# Usage: scripts/infra.sh up|down|status|reset|install|logs|smoke [part ...]
#   parts: kafka opensearch mongo redis smtp s3 (none = all)
#   up       install what is missing, start the parts that are not running, wait until each answers
#   down     stop the parts this script started (SIGTERM, wait, then SIGKILL)
#   status   one line per part: up|starting|down, pid, address (exit 3 if a part is not up)
#   reset    stop the parts and delete their data and logs (keeps .data/cache)
#   install  only download/build/install what `up` would need (no start)
#   logs     print the last lines of each part's log
#   smoke    use each running part with real clients (scripts/infra/smoke.mjs): Kafka topic +
#            produce/consume, an OpenSearch index searched with highlights, Mongo
#            insert/find/unique index, Redis SET/GET, a mail via SMTP, an S3 bucket and object
#            put, read and deleted
#
# Everything listens on 127.0.0.1 only:
#   kafka  Apache Kafka 3.9 (KRaft, one node) 127.0.0.1:9092 (controller 127.0.0.1:9093), jars
#          from Maven Central via infra/kafka/pom.xml; needs java and mvn
#   opensearch  OpenSearch 2.19 (one node, no security plugin) http://127.0.0.1:9200 (transport
#          127.0.0.1:9300), its home laid out from Maven Central via infra/opensearch (pom.xml,
#          and each module's descriptor and policy); needs java and mvn. Started by root, it
#          runs as an ordinary user in a user namespace (else as the system user
#          parley-opensearch, made once, owning .data/opensearch): OpenSearch refuses root.
#          Its first stop takes some seconds more, writing a class-data sharing archive
#          (.data/opensearch/cds) that makes later starts faster
#   mongo  FerretDB v1 (MongoDB wire protocol, SQLite storage) mongodb://127.0.0.1:27017/, built
#          from the Go module proxy via infra/ferretdb (our launcher); needs go
#   redis  Debian's redis-server 127.0.0.1:6379 (appendonly), run as our own process
#   smtp   maildev from node_modules: SMTP 127.0.0.1:1025, web UI + REST API http://127.0.0.1:1080
#          (GET /email lists mail, DELETE /email/all deletes all)
#   s3     SeaweedFS `weed server` with its S3 gateway http://127.0.0.1:8333, built from the Go
#          module proxy via infra/seaweedfs; needs go
# `up` also makes sure Debian's nginx is installed (not started: scripts/start.sh runs it).
#
# Layout (under PARLEY_DATA_DIR, default <repo>/.data, git-ignored):
#   <part>/            data (kafka/, opensearch/ with its config/, mongo/, redis/, smtp/, s3/)
#   logs/<part>.log    each part's output, also install/build output
#   run/<part>.pid     pid of the process this script started
#   cache/             downloaded and built things: kafka-libs/, opensearch/ (its home: lib/,
#                      modules/), ferretdb/, seaweedfs/ (kept by `reset`);
#                      Maven (~/.m2) and Go (module and build caches) keep their own caches too
#
# Environment:
#   PARLEY_DATA_DIR        data folder (default <repo>/.data)
#   PARLEY_CACHE_DIR       cache folder (default $PARLEY_DATA_DIR/cache)
#   PARLEY_INFRA_TIMEOUT   seconds to wait for a part to answer after start (default 120)
#   PARLEY_INFRA_STOP_TIMEOUT  seconds to wait after SIGTERM before SIGKILL (default 30)
#   MONGO_URL              use this MongoDB instead of FerretDB: the mongo part only probes it
#   OPENSEARCH_URL         use this OpenSearch instead: the opensearch part only probes it
#   KAFKA_PORT             Kafka PLAINTEXT listener port (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port (default 9093)
#   KAFKA_HEAP_OPTS        JVM heap flags (default "-Xms256m -Xmx512m")
#   OPENSEARCH_PORT        OpenSearch HTTP port (default 9200)
#   OPENSEARCH_TRANSPORT_PORT  OpenSearch transport port (default 9300)
#   OPENSEARCH_HEAP        OpenSearch JVM heap, -Xms and -Xmx (default 512m)
#   MONGO_PORT             FerretDB port (default 27017)
#   FERRETDB_LOG_LEVEL     FerretDB log level: debug|info|warn|error (default error; warn also
#                          logs every error answer, e.g. "no such command", handy to spot what
#                          FerretDB lacks, but also one for each client closing its sessions)
#   REDIS_PORT             Redis port (default 6379)
#   SMTP_PORT              maildev SMTP port (default 1025)
#   SMTP_WEB_PORT          maildev web UI / REST API port (default 1080)
#   S3_PORT                SeaweedFS S3 API port (default 8333); its master, volume server and
#                          filer listen on SEAWEEDFS_MASTER_PORT (9333), SEAWEEDFS_VOLUME_PORT
#                          (8334) and SEAWEEDFS_FILER_PORT (8888), and each on that port + 10000
#                          for gRPC
#   S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY  the one identity the local S3 server accepts
#   JAVA_HOME              if set, $JAVA_HOME/bin/java runs Kafka and OpenSearch (Java 17-21)
#
# Exit status: 0 when every requested part did what was asked; 1 when one failed (its name and
# the tail of its log are printed); 2 on usage errors; 3 from `status` when a part is not up.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
# shellcheck source=scripts/lib/infra-parts.sh
source "$ROOT/scripts/lib/infra-parts.sh"
readonly ALL_PARTS=("${INFRA_PARTS[@]}")

DATA_DIR=${PARLEY_DATA_DIR:-$ROOT/.data}
mkdir -p "$DATA_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd)
CACHE_DIR=${PARLEY_CACHE_DIR:-$DATA_DIR/cache}
LOG_DIR=$DATA_DIR/logs
RUN_DIR=$DATA_DIR/run
readonly DATA_DIR CACHE_DIR LOG_DIR RUN_DIR

readonly HOST=127.0.0.1
readonly KAFKA_PORT=${KAFKA_PORT:-9092}
readonly KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
readonly KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}
readonly MONGO_PORT=${MONGO_PORT:-27017}
readonly MONGO_URL=${MONGO_URL:-}
readonly FERRETDB_LOG_LEVEL=${FERRETDB_LOG_LEVEL:-error}
readonly REDIS_PORT=${REDIS_PORT:-6379}
readonly SMTP_PORT=${SMTP_PORT:-1025}
readonly SMTP_WEB_PORT=${SMTP_WEB_PORT:-1080}
readonly S3_PORT=${S3_PORT:-8333}
readonly SEAWEEDFS_MASTER_PORT=${SEAWEEDFS_MASTER_PORT:-9333}
readonly SEAWEEDFS_VOLUME_PORT=${SEAWEEDFS_VOLUME_PORT:-8334}
readonly SEAWEEDFS_FILER_PORT=${SEAWEEDFS_FILER_PORT:-8888}
# The local defaults match the chat service's (libs/config s3Fragment); production uses its own.
readonly S3_ACCESS_KEY_ID=${S3_ACCESS_KEY_ID:-parley-local}
readonly S3_SECRET_ACCESS_KEY=${S3_SECRET_ACCESS_KEY:-parley-local-development-s3-secret-change-me}
readonly OPENSEARCH_URL=${OPENSEARCH_URL:-}
readonly OPENSEARCH_PORT=${OPENSEARCH_PORT:-9200}
readonly OPENSEARCH_TRANSPORT_PORT=${OPENSEARCH_TRANSPORT_PORT:-9300}
readonly OPENSEARCH_HEAP=${OPENSEARCH_HEAP:-512m}
readonly START_TIMEOUT=${PARLEY_INFRA_TIMEOUT:-120}
readonly STOP_TIMEOUT=${PARLEY_INFRA_STOP_TIMEOUT:-30}
# The probe script reads the ports from the environment too.
export KAFKA_PORT MONGO_PORT MONGO_URL REDIS_PORT SMTP_PORT SMTP_WEB_PORT S3_PORT
export OPENSEARCH_URL OPENSEARCH_PORT
export S3_ACCESS_KEY_ID S3_SECRET_ACCESS_KEY

readonly KAFKA_POM=$ROOT/infra/kafka/pom.xml
readonly KAFKA_LIBS=$CACHE_DIR/kafka-libs
# Pinned so that a new plugin release never changes what `up` does.
readonly DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
readonly OPENSEARCH_SRC=$ROOT/infra/opensearch
readonly OPENSEARCH_HOME=$CACHE_DIR/opensearch
# OpenSearch refuses to run as root: started by root, it runs as this system user.
readonly OPENSEARCH_USER=parley-opensearch
readonly FERRETDB_SRC=$ROOT/infra/ferretdb
readonly FERRETDB_BIN=$CACHE_DIR/ferretdb/parley-ferretdb
readonly SEAWEEDFS_SRC=$ROOT/infra/seaweedfs
readonly SEAWEEDFS_BIN=$CACHE_DIR/seaweedfs/weed
readonly PROBE=$ROOT/scripts/infra/probe.mjs
readonly MAILDEV=$ROOT/node_modules/.bin/maildev

export KAFKAJS_NO_PARTITIONER_WARNING=1

# ---------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------

readonly LOG_PREFIX=infra
# shellcheck source=scripts/lib/processes.sh
source "$ROOT/scripts/lib/processes.sh"

# A word in the command line of each part's process, to make sure a pid is still ours.
process_marker() {
  case $1 in
    kafka) echo 'kafka.Kafka' ;;
    opensearch) echo 'org.opensearch.bootstrap.OpenSearch' ;;
    mongo) echo 'parley-ferretdb' ;;
    redis) echo 'redis-server' ;;
    smtp) echo 'maildev' ;;
    s3) echo 'weed' ;;
  esac
}

# Runs the real-client probe for a part, once (timeout 0) or until it answers.
probe() {
  local part=$1 timeout=${2:-0} pid=${3:-}
  local args=("$PROBE" "$part" --timeout "$timeout")
  [[ -n $pid ]] && args+=(--pid "$pid")
  node "${args[@]}"
}

# Waits until a part we started answers; fails with its log when it dies or times out.
wait_ready() {
  local part=$1 pid out
  pid=$(running_pid "$part") || fail_part "$part" "process exited during start-up"
  if ! out=$(probe "$part" "$START_TIMEOUT" "$pid" 2>&1); then
    fail_part "$part" "did not answer within ${START_TIMEOUT}s: $out"
  fi
  say "$part up (pid $pid): $out"
}

# Prints a sha256 of the given files' contents (cache keys for downloads and builds).
files_hash() {
  cat "$@" | sha256sum | cut -d' ' -f1
}

as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    warn "need root for: $*"
    return 1
  fi
}

# Installs missing Debian packages without letting their postinst start system services.
ensure_debian_packages() {
  local part=$1
  shift
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  say "$part: installing Debian packages: ${missing[*]}"
  log_mark "$part" "apt-get install ${missing[*]}"
  local policy=/usr/sbin/policy-rc.d ours=0
  if [[ ! -e $policy ]]; then
    # Exit 101 = "action forbidden": invoke-rc.d then starts no service during the install.
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
    as_root chmod 755 "$policy"
    ours=1
  fi
  local rc=0
  {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"
  } >>"$(log_file "$part")" 2>&1 || rc=$?
  ((ours)) && as_root rm -f "$policy"
  ((rc == 0)) || fail_part "$part" "apt-get install ${missing[*]} failed"
}

require_command() {
  local part=$1 cmd=$2 hint=$3
  command -v "$cmd" >/dev/null 2>&1 || fail_part "$part" "'$cmd' not found: $hint"
}

java_bin() {
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
    echo "$JAVA_HOME/bin/java"
  else
    echo java
  fi
}

# The variable that names an external server for a part, for the parts that can use one.
external_var() {
  case $1 in
    mongo) echo MONGO_URL ;;
    opensearch) echo OPENSEARCH_URL ;;
    *) return 1 ;;
  esac
}

# True when the part is served by an external server: then it is only probed, never started,
# stopped or deleted.
part_external() {
  local var
  var=$(external_var "$1") && [[ -n ${!var:-} ]]
}

require_node_modules() {
  local part=$1 mod
  require_command "$part" node "install Node.js 20"
  for mod in kafkajs mongodb ioredis maildev @aws-sdk/client-s3 @opensearch-project/opensearch; do
    [[ -f $ROOT/node_modules/$mod/package.json ]] ||
      fail_part "$part" "node_modules/$mod is missing: run 'npm ci' (or 'npm install') at the repo root first"
  done
}

# ---------------------------------------------------------------------------------------------
# kafka: Apache Kafka 3.9 in KRaft combined mode (broker + controller), one node
# ---------------------------------------------------------------------------------------------

kafka_install() {
  local want have stamp=$KAFKA_LIBS/.parley-stamp
  want=$(files_hash "$KAFKA_POM")
  have=$(cat "$stamp" 2>/dev/null || true)
  [[ $want == "$have" ]] && return 0

  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    ensure_debian_packages kafka openjdk-17-jre-headless maven
  fi
  say "kafka: collecting the Kafka jars with Maven (first run, or infra/kafka/pom.xml changed)"
  log_mark kafka "mvn copy-dependencies -f infra/kafka/pom.xml"
  local tmp=$KAFKA_LIBS.tmp
  rm -rf "$tmp"
  # Maven 3.8 prints colour resets even in batch mode: strip them from the log.
  mvn -B -q -f "$KAFKA_POM" "$DEPENDENCY_PLUGIN:copy-dependencies" \
    -DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 |
    sed 's/\x1b\[[0-9;]*m//g' >>"$(log_file kafka)" ||
    fail_part kafka "Maven could not collect the Kafka jars"
  ls "$tmp"/kafka_2.13-*.jar >/dev/null 2>&1 || fail_part kafka "no kafka_2.13 jar after copy-dependencies"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  echo "$want" >"$stamp"
}

kafka_write_config() {
  local dir=$DATA_DIR/kafka
  mkdir -p "$dir/config" "$dir/data"
  cat >"$dir/config/server.properties" <<EOF
# Written by scripts/infra.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
background.threads=2
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
default.replication.factor=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
log.retention.hours=24
log.segment.bytes=67108864
EOF
  cat >"$dir/config/log4j.properties" <<'EOF'
# Written by scripts/infra.sh: warnings and errors to stdout, which goes to .data/logs/kafka.log
log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

# Formats the KRaft storage once; the cluster id is kept in .data/kafka/cluster-id.
kafka_format() {
  local dir=$DATA_DIR/kafka java cid
  [[ -f $dir/data/meta.properties ]] && return 0
  java=$(java_bin)
  if [[ ! -s $dir/cluster-id ]]; then
    "$java" -cp "$KAFKA_LIBS/*" -Dlog4j.configuration="file:$dir/config/log4j.properties" \
      kafka.tools.StorageTool random-uuid >"$dir/cluster-id" 2>>"$(log_file kafka)" ||
      fail_part kafka "StorageTool random-uuid failed"
  fi
  cid=$(tr -d '[:space:]' <"$dir/cluster-id")
  log_mark kafka "format storage (cluster id $cid)"
  "$java" -cp "$KAFKA_LIBS/*" -Dlog4j.configuration="file:$dir/config/log4j.properties" \
    kafka.tools.StorageTool format -t "$cid" -c "$dir/config/server.properties" --ignore-formatted \
    >>"$(log_file kafka)" 2>&1 || fail_part kafka "StorageTool format failed"
}

kafka_start() {
  local java heap
  java=$(java_bin)
  read -r -a heap <<<"$KAFKA_HEAP_OPTS"
  require_free_port kafka "$KAFKA_PORT" KAFKA_PORT
  require_free_port kafka "$KAFKA_CONTROLLER_PORT" KAFKA_CONTROLLER_PORT
  kafka_write_config
  kafka_format
  log_mark kafka "start kafka.Kafka on $HOST:$KAFKA_PORT"
  spawn kafka "$java" "${heap[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true -Djava.net.preferIPv4Stack=true \
    -Dlog4j.configuration="file:$DATA_DIR/kafka/config/log4j.properties" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$DATA_DIR/kafka/config/server.properties"
}

kafka_address() { echo "$HOST:$KAFKA_PORT (controller $HOST:$KAFKA_CONTROLLER_PORT)"; }

# ---------------------------------------------------------------------------------------------
# opensearch: OpenSearch 2.19, one node, its home laid out from Maven Central artifacts, or an
# external OPENSEARCH_URL
# ---------------------------------------------------------------------------------------------

# Copies the jars of one profile of infra/opensearch/pom.xml (lib, or a module) into a folder.
opensearch_collect() {
  local profile=$1 dir=$2
  # Maven 3.8 prints colour resets even in batch mode: strip them from the log.
  mvn -B -q -f "$OPENSEARCH_SRC/pom.xml" -P "$profile" "$DEPENDENCY_PLUGIN:copy-dependencies" \
    -DincludeScope=runtime -DoutputDirectory="$dir" 2>&1 |
    sed 's/\x1b\[[0-9;]*m//g' >>"$(log_file opensearch)" ||
    fail_part opensearch "Maven could not collect the jars of profile $profile (infra/opensearch/pom.xml)"
}

# Lays out an OpenSearch home as the distribution does: lib/ with the server's jars, and
# modules/<name>/ with each module's jars, descriptor and security policy.
opensearch_install() {
  part_external opensearch && return 0
  local want have stamp=$OPENSEARCH_HOME/.parley-stamp tmp=$OPENSEARCH_HOME.tmp
  local dir module jar version
  want=$(files_hash "$OPENSEARCH_SRC/pom.xml" "$OPENSEARCH_SRC"/modules/*/*)
  have=$(cat "$stamp" 2>/dev/null || true)
  [[ $want == "$have" ]] && return 0

  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    ensure_debian_packages opensearch openjdk-17-jre-headless maven
  fi
  say "opensearch: collecting the OpenSearch jars with Maven (first run, or infra/opensearch changed)"
  log_mark opensearch "mvn copy-dependencies -f infra/opensearch/pom.xml"
  rm -rf "$tmp"
  # bin/ and plugins/ stay empty, but the node refuses a home without them.
  mkdir -p "$tmp/bin" "$tmp/modules" "$tmp/plugins"
  opensearch_collect lib "$tmp/lib"
  jar=$(compgen -G "$tmp/lib/opensearch-[0-9]*.jar") ||
    fail_part opensearch "no opensearch server jar after copy-dependencies"
  version=${jar##*/opensearch-}
  version=${version%.jar}
  for dir in "$OPENSEARCH_SRC"/modules/*/; do
    module=$(basename "$dir")
    opensearch_collect "$module" "$tmp/modules/$module"
    cp "$dir"* "$tmp/modules/$module/"
    # A module of another version stops the node at start: say so now, naming the file.
    grep -qx "opensearch.version=$version" "$tmp/modules/$module/plugin-descriptor.properties" ||
      fail_part opensearch "infra/opensearch/modules/$module/plugin-descriptor.properties is not for OpenSearch $version"
  done
  echo "$want" >"$tmp/.parley-stamp"
  # Readable by the user the node runs as when root starts it, whatever root's umask.
  chmod -R a+rX "$tmp"
  rm -rf "$OPENSEARCH_HOME"
  mv "$tmp" "$OPENSEARCH_HOME"
}

# Half the heap, which OpenSearch's launcher gives direct memory (Netty's buffers) by default.
opensearch_direct_memory() {
  local size=${OPENSEARCH_HEAP%[kKmMgG]} unit=${OPENSEARCH_HEAP: -1}
  [[ $size =~ ^[0-9]+$ ]] ||
    fail_part opensearch "OPENSEARCH_HEAP must look like 512m or 1g, not '$OPENSEARCH_HEAP'" nolog
  case $unit in
    g | G) echo "$((size * 512))m" ;;
    m | M) echo "$((size / 2))m" ;;
    k | K) echo "$((size / 2))k" ;;
    *) fail_part opensearch "OPENSEARCH_HEAP must look like 512m or 1g, not '$OPENSEARCH_HEAP'" nolog ;;
  esac
}

opensearch_write_config() {
  local dir=$DATA_DIR/opensearch
  mkdir -p "$dir/config" "$dir/data" "$dir/logs" "$dir/tmp"
  cat >"$dir/config/opensearch.yml" <<EOF
# Written by scripts/infra.sh on every start; edit the script, not this file.
cluster.name: parley-local
node.name: parley-local
discovery.type: single-node
network.host: $HOST
http.port: $OPENSEARCH_PORT
transport.port: $OPENSEARCH_TRANSPORT_PORT
path.data: $dir/data
path.logs: $dir/logs
# A development disk is often nearly full: past the watermarks every index turns read-only.
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  cat >"$dir/config/log4j2.properties" <<'EOF'
# Written by scripts/infra.sh: warnings and errors to stdout, which goes to .data/logs/opensearch.log
status = error

appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n

rootLogger.level = warn
rootLogger.appenderRef.console.ref = console

# Deprecations go to the log too and, as in production, back to the client as Warning headers.
# The level is info: OpenSearch's own "deprecation" level (between warn and info) does not
# exist yet when this file is read, and the unknown name would drop them all.
appender.header_warning.type = HeaderWarningAppender
appender.header_warning.name = header_warning
logger.deprecation.name = org.opensearch.deprecation
logger.deprecation.level = info
logger.deprecation.appenderRef.console.ref = console
logger.deprecation.appenderRef.header_warning.ref = header_warning
logger.deprecation.additivity = false
EOF
}

# Sets OPENSEARCH_RUN_AS to the command prefix that drops root for the node (none when this
# script is not root): OpenSearch refuses to start as root, and no setting overrides that. First
# choice, a user namespace in which the node is an ordinary user while its files stay root's on
# the host: nothing to create, and it works wherever the clone lives (under /root too). Where
# user namespaces are not allowed, a system user made once, which owns the part's data folder
# and must be able to reach the cache and data folders.
opensearch_run_as() {
  OPENSEARCH_RUN_AS=()
  ((EUID == 0)) || return 0
  local in_namespace=(unshare --user --map-user=1000 --map-group=1000 --)
  if "${in_namespace[@]}" true >/dev/null 2>&1; then
    # Files the system user owned, from a start without namespaces, become root's again.
    chown -R 0:0 "$DATA_DIR/opensearch"
    OPENSEARCH_RUN_AS=("${in_namespace[@]}")
    return 0
  fi
  if ! id -u "$OPENSEARCH_USER" >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin "$OPENSEARCH_USER" >>"$(log_file opensearch)" 2>&1 ||
      fail_part opensearch "could not create the system user $OPENSEARCH_USER"
  fi
  chown -R "$OPENSEARCH_USER:" "$DATA_DIR/opensearch"
  OPENSEARCH_RUN_AS=(setpriv --reuid="$OPENSEARCH_USER" --regid="$OPENSEARCH_USER" --init-groups --)
  "${OPENSEARCH_RUN_AS[@]}" test -r "$OPENSEARCH_HOME/.parley-stamp" ||
    fail_part opensearch "the user $OPENSEARCH_USER cannot read $OPENSEARCH_HOME: every folder above it must be searchable by others (chmod o+x), or set PARLEY_CACHE_DIR elsewhere" nolog
  "${OPENSEARCH_RUN_AS[@]}" test -w "$DATA_DIR/opensearch/data" ||
    fail_part opensearch "the user $OPENSEARCH_USER cannot write $DATA_DIR/opensearch: every folder above it must be searchable by others (chmod o+x), or set PARLEY_DATA_DIR elsewhere" nolog
}

# Sets OPENSEARCH_CDS to the JVM options of Java's dynamic class-data sharing: a start without
# a usable archive writes one of the classes it loaded when the node stops (once, some seconds
# more on that stop), and later starts map it instead of loading those classes anew, which
# takes about 4 s off 10 on 2 cores. The archive lives in the part's data folder, which the
# node's user may write, and is checked before each use: a half-written one, or one made for
# another java or other jars, is made anew.
opensearch_cds() {
  local java=$1 archive=$DATA_DIR/opensearch/cds/classes.jsa
  mkdir -p "${archive%/*}"
  # An unusable archive makes this java fail (in a subshell, so that bash does not report it).
  # The heap's size decides how the JVM encodes pointers, which the archive must match.
  if [[ -s $archive ]] && ("$java" -Xshare:on -XX:SharedArchiveFile="$archive" \
    -Xmx"$OPENSEARCH_HEAP" -XX:ErrorFile=/dev/null -XX:-CreateCoredumpOnCrash \
    -cp "$OPENSEARCH_HOME/lib/*" -version) >/dev/null 2>&1; then
    OPENSEARCH_CDS=(-XX:SharedArchiveFile="$archive")
  else
    rm -f "$archive"
    # Without -Xlog the dump warns of each of the hundreds of classes it leaves out.
    OPENSEARCH_CDS=(-XX:ArchiveClassesAtExit="$archive" -Xlog:cds=error)
  fi
}

opensearch_start() {
  local dir=$DATA_DIR/opensearch java direct
  java=$(java_bin)
  direct=$(opensearch_direct_memory)
  require_free_port opensearch "$OPENSEARCH_PORT" OPENSEARCH_PORT
  require_free_port opensearch "$OPENSEARCH_TRANSPORT_PORT" OPENSEARCH_TRANSPORT_PORT
  opensearch_write_config
  opensearch_cds "$java"
  opensearch_run_as
  log_mark opensearch "start org.opensearch.bootstrap.OpenSearch on http://$HOST:$OPENSEARCH_PORT"
  # The distribution's jvm.options and its launcher's own options, less -XX:+AlwaysPreTouch
  # (it makes the whole heap resident at start) and the heap dump on OutOfMemoryError (a
  # heap-sized file on a development disk): the JVM exits instead.
  spawn opensearch "${OPENSEARCH_RUN_AS[@]}" "$java" -Xms"$OPENSEARCH_HEAP" -Xmx"$OPENSEARCH_HEAP" \
    -XX:MaxDirectMemorySize="$direct" "${OPENSEARCH_CDS[@]}" \
    -XX:+UseG1GC -XX:G1ReservePercent=25 -XX:InitiatingHeapOccupancyPercent=30 \
    -XX:+ExitOnOutOfMemoryError -XX:ErrorFile="$dir/logs/hs_err_pid%p.log" \
    -Djava.io.tmpdir="$dir/tmp" -Xss1m -XX:-OmitStackTraceInFastThrow \
    -XX:+ShowCodeDetailsInExceptionMessages -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
    -Djna.nosys=true -Djava.locale.providers=SPI,COMPAT -Djava.security.manager=allow \
    -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
    -Dio.netty.recycler.maxCapacityPerThread=0 -Dio.netty.allocator.numDirectArenas=0 \
    -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true \
    -Dopensearch.networkaddress.cache.ttl=60 -Dopensearch.networkaddress.cache.negative.ttl=10 \
    -Djava.util.concurrent.ForkJoinPool.common.threadFactory=org.opensearch.secure_sm.SecuredForkJoinWorkerThreadFactory \
    -Dopensearch.path.home="$OPENSEARCH_HOME" -Dopensearch.path.conf="$dir/config" \
    -Dopensearch.distribution.type=tar -Dopensearch.bundled_jdk=false \
    -cp "$OPENSEARCH_HOME/lib/*" org.opensearch.bootstrap.OpenSearch
}

opensearch_address() {
  if part_external opensearch; then
    # Hide credentials, if any.
    echo "OPENSEARCH_URL=${OPENSEARCH_URL//\/\/*@///***@} (external)"
  else
    echo "http://$HOST:$OPENSEARCH_PORT (transport $HOST:$OPENSEARCH_TRANSPORT_PORT)"
  fi
}

# ---------------------------------------------------------------------------------------------
# mongo: FerretDB v1 on SQLite through our launcher (infra/ferretdb), or an external MONGO_URL
# ---------------------------------------------------------------------------------------------

mongo_install() {
  part_external mongo && return 0
  local want have stamp=$FERRETDB_BIN.stamp build=$CACHE_DIR/ferretdb/build patch
  require_command mongo go "install Go >= 1.22 (FerretDB is built from the Go module proxy)"
  ensure_debian_packages mongo patch
  want=$(files_hash "$FERRETDB_SRC/go.mod" "$FERRETDB_SRC/go.sum" "$FERRETDB_SRC/main.go" \
    "$FERRETDB_SRC"/patches/*.patch <(go env GOVERSION))
  have=$(cat "$stamp" 2>/dev/null || true)
  [[ $want == "$have" && -x $FERRETDB_BIN ]] && return 0

  say "mongo: building the FerretDB launcher (first run: about a minute; then only when infra/ferretdb changes)"
  log_mark mongo "go build infra/ferretdb"
  # FerretDB's module is vendored next to our launcher so that our patches (infra/ferretdb/patches)
  # apply to it; the module cache stays untouched.
  rm -rf "$build" && mkdir -p "$build"
  cp "$FERRETDB_SRC/go.mod" "$FERRETDB_SRC/go.sum" "$FERRETDB_SRC/main.go" "$build/"
  (cd "$build" && go mod vendor) >>"$(log_file mongo)" 2>&1 ||
    fail_part mongo "go mod vendor of infra/ferretdb failed"
  for patch in "$FERRETDB_SRC"/patches/*.patch; do
    patch -d "$build/vendor/github.com/FerretDB/FerretDB" -p1 --forward <"$patch" \
      >>"$(log_file mongo)" 2>&1 || fail_part mongo "FerretDB patch $(basename "$patch") did not apply"
  done
  (cd "$build" &&
    CGO_ENABLED=0 go build -mod=vendor -trimpath -buildvcs=false -o "$FERRETDB_BIN.tmp" .) \
    >>"$(log_file mongo)" 2>&1 || fail_part mongo "go build of infra/ferretdb failed"
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  echo "$want" >"$stamp"
}

mongo_start() {
  require_free_port mongo "$MONGO_PORT" MONGO_PORT
  mkdir -p "$DATA_DIR/mongo"
  log_mark mongo "start FerretDB on $HOST:$MONGO_PORT"
  spawn mongo "$FERRETDB_BIN" -listen "$HOST:$MONGO_PORT" -handler sqlite \
    -sqlite-dir "$DATA_DIR/mongo" -log-level "$FERRETDB_LOG_LEVEL"
}

mongo_address() {
  if part_external mongo; then
    # Hide credentials, if any.
    echo "MONGO_URL=${MONGO_URL//\/\/*@///***@} (external)"
  else
    echo "mongodb://$HOST:$MONGO_PORT/"
  fi
}

# ---------------------------------------------------------------------------------------------
# redis: Debian's redis-server, our own process and config
# ---------------------------------------------------------------------------------------------

redis_install() {
  # install_common already installed redis-server; this only guards against a removed package.
  command -v redis-server >/dev/null 2>&1 || ensure_debian_packages redis redis-server
}

redis_start() {
  local dir=$DATA_DIR/redis
  require_free_port redis "$REDIS_PORT" REDIS_PORT
  mkdir -p "$dir"
  cat >"$dir/redis.conf" <<EOF
# Written by scripts/infra.sh on every start; edit the script, not this file.
bind $HOST
port $REDIS_PORT
protected-mode yes
daemonize no
supervised no
logfile ""
loglevel notice
dir $dir
dbfilename dump.rdb
appendonly yes
appendfsync everysec
save 3600 1 300 100 60 10000
# Chat's outbox and standby live here: a full Redis refuses writes rather than drop them.
maxmemory-policy noeviction
EOF
  log_mark redis "start redis-server on $HOST:$REDIS_PORT"
  spawn redis redis-server "$dir/redis.conf"
}

redis_address() { echo "$HOST:$REDIS_PORT"; }

# ---------------------------------------------------------------------------------------------
# smtp: maildev (SMTP catcher with a web UI and a REST API) from node_modules
# ---------------------------------------------------------------------------------------------

smtp_install() {
  [[ -x $MAILDEV ]] || fail_part smtp "node_modules/.bin/maildev is missing: run 'npm ci' at the repo root first"
}

smtp_start() {
  require_free_port smtp "$SMTP_PORT" SMTP_PORT
  require_free_port smtp "$SMTP_WEB_PORT" SMTP_WEB_PORT
  mkdir -p "$DATA_DIR/smtp/mail"
  log_mark smtp "start maildev smtp $HOST:$SMTP_PORT web $HOST:$SMTP_WEB_PORT"
  spawn smtp "$MAILDEV" --ip "$HOST" --web-ip "$HOST" --smtp "$SMTP_PORT" --web "$SMTP_WEB_PORT" \
    --mail-directory "$DATA_DIR/smtp/mail"
}

smtp_address() { echo "smtp $HOST:$SMTP_PORT, web/api http://$HOST:$SMTP_WEB_PORT/"; }

# ---------------------------------------------------------------------------------------------
# s3: SeaweedFS's `weed server` with the S3 gateway, built from the Go module proxy
# ---------------------------------------------------------------------------------------------

s3_install() {
  local want have stamp=$SEAWEEDFS_BIN.stamp
  require_command s3 go "install Go >= 1.26 (SeaweedFS is built from the Go module proxy)"
  want=$(files_hash "$SEAWEEDFS_SRC/go.mod" "$SEAWEEDFS_SRC/go.sum" <(go env GOVERSION))
  have=$(cat "$stamp" 2>/dev/null || true)
  [[ $want == "$have" && -x $SEAWEEDFS_BIN ]] && return 0

  say "s3: building SeaweedFS (first run: several minutes; then only when infra/seaweedfs changes)"
  log_mark s3 "go build github.com/seaweedfs/seaweedfs/weed (infra/seaweedfs)"
  mkdir -p "$(dirname "$SEAWEEDFS_BIN")"
  # The version is the one infra/seaweedfs/go.mod pins (tools.go keeps it required).
  (cd "$SEAWEEDFS_SRC" &&
    CGO_ENABLED=0 go build -trimpath -buildvcs=false -o "$SEAWEEDFS_BIN.tmp" \
      github.com/seaweedfs/seaweedfs/weed) >>"$(log_file s3)" 2>&1 ||
    fail_part s3 "go build of SeaweedFS (infra/seaweedfs) failed"
  mv "$SEAWEEDFS_BIN.tmp" "$SEAWEEDFS_BIN"
  echo "$want" >"$stamp"
}

# The one identity the S3 gateway accepts (SeaweedFS's s3.json format), allowed everything.
s3_write_config() {
  local dir=$DATA_DIR/s3
  mkdir -p "$dir/data"
  (
    umask 077
    cat >"$dir/s3.json" <<EOF
{
  "identities": [
    {
      "name": "parley",
      "credentials": [{ "accessKey": "$S3_ACCESS_KEY_ID", "secretKey": "$S3_SECRET_ACCESS_KEY" }],
      "actions": ["Admin", "Read", "List", "Tagging", "Write"]
    }
  ]
}
EOF
  )
}

s3_start() {
  local port
  for port in "$S3_PORT" "$SEAWEEDFS_MASTER_PORT" "$SEAWEEDFS_VOLUME_PORT" "$SEAWEEDFS_FILER_PORT"; do
    require_free_port s3 "$port" S3_PORT
    require_free_port s3 "$((port + 10000))" S3_PORT
  done
  s3_write_config
  log_mark s3 "start weed server (S3 API on $HOST:$S3_PORT)"
  # `weed server` rather than `weed mini`: the same master, volume server, filer and S3 gateway
  # without mini's WebDAV, admin UI and catalogs. Volumes grow to 256 MB (as many as the disk
  # holds); the Iceberg and Lance catalogs of the S3 gateway stay off.
  spawn s3 "$SEAWEEDFS_BIN" server -ip="$HOST" -ip.bind="$HOST" -dir="$DATA_DIR/s3/data" \
    -master.port="$SEAWEEDFS_MASTER_PORT" -master.volumeSizeLimitMB=256 \
    -volume.port="$SEAWEEDFS_VOLUME_PORT" -volume.max=0 -volume.preStopSeconds=1 \
    -filer -filer.port="$SEAWEEDFS_FILER_PORT" \
    -s3 -s3.port="$S3_PORT" -s3.config="$DATA_DIR/s3/s3.json" \
    -s3.port.iceberg=0 -s3.port.lance=0
}

s3_address() { echo "http://$HOST:$S3_PORT (S3 API, SeaweedFS)"; }

# ---------------------------------------------------------------------------------------------
# Actions
# ---------------------------------------------------------------------------------------------

# Common pre-flight for up/install: the node clients the probes need, and the Debian packages
# (redis-server, nginx for scripts/start.sh and the tests, chromium for the browser tests) in
# one apt transaction; apt output goes to .data/logs/apt.log.
install_common() {
  require_node_modules infra
  ensure_debian_packages apt redis-server nginx chromium
}

do_install() {
  local part
  install_common
  for part in "$@"; do "${part}_install"; done
}

do_up() {
  local part pid started=()
  do_install "$@"
  # Start everything first, then wait: the JVMs (Kafka, OpenSearch) warm up while the others start.
  for part in "$@"; do
    if part_external "$part"; then
      started+=("$part")
      continue
    fi
    if pid=$(running_pid "$part"); then
      if probe "$part" >/dev/null 2>&1; then
        say "$part already up (pid $pid), nothing to do"
        continue
      fi
      # Alive but not answering: maybe still starting from a previous `up`; wait for it below.
      say "$part running (pid $pid) but not answering yet; waiting for it"
      started+=("$part")
      continue
    fi
    "${part}_start"
    started+=("$part")
  done
  for part in "${started[@]}"; do
    if part_external "$part"; then
      local out
      out=$(probe "$part" "$START_TIMEOUT" 2>&1) ||
        fail_part "$part" "$(external_var "$part") does not answer: $out" nolog
      say "$part external: $out"
      continue
    fi
    wait_ready "$part"
  done
}

do_down() {
  local part
  for part in "$@"; do
    if part_external "$part"; then
      say "$part is external ($(external_var "$part")): nothing to stop"
      continue
    fi
    stop_part_process "$part"
  done
}

do_status() {
  local part pid state rc=0
  for part in "$@"; do
    pid=-
    if part_external "$part"; then
      state=down
      probe "$part" >/dev/null 2>&1 && state=up
    elif pid=$(running_pid "$part" 2>/dev/null); then
      state=starting
      probe "$part" >/dev/null 2>&1 && state=up
    else
      pid=-
      state=down
    fi
    [[ $state == up ]] || rc=3
    printf '%-10s %-8s pid %-8s %s\n' "$part" "$state" "$pid" "$("${part}_address")"
  done
  return "$rc"
}

do_reset() {
  local part
  do_down "$@"
  for part in "$@"; do
    if part_external "$part"; then
      say "$part is external ($(external_var "$part")): its data is left alone"
      continue
    fi
    rm -rf "${DATA_DIR:?}/$part" "$(log_file "$part")"
    say "$part data deleted"
  done
}

do_logs() {
  local part log
  for part in "$@"; do
    log=$(log_file "$part")
    printf '==> %s <==\n' "$log"
    if [[ -f $log ]]; then tail -n 40 "$log"; else echo "(no log yet)"; fi
  done
}

usage() {
  sed -n '2,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
  exit 2
}

main() {
  (($# >= 1)) || usage
  local action=$1
  shift
  local parts=("$@") part known p
  ((${#parts[@]})) || parts=("${ALL_PARTS[@]}")
  for part in "${parts[@]}"; do
    known=0
    for p in "${ALL_PARTS[@]}"; do [[ $part == "$p" ]] && known=1; done
    ((known)) || {
      warn "unknown part '$part' (parts: ${ALL_PARTS[*]})"
      exit 2
    }
  done
  mkdir -p "$LOG_DIR" "$RUN_DIR" "$CACHE_DIR"
  # One changing action at a time (e.g. start.sh and test.sh both running `up`).
  if [[ $action =~ ^(up|down|stop|reset|install)$ ]]; then
    exec 9>"$RUN_DIR/infra.lock"
    if ! flock -n 9; then
      say "another infra.sh is running; waiting for it to finish"
      flock -w 900 9 || {
        warn "gave up waiting for the other infra.sh (lock $RUN_DIR/infra.lock)"
        exit 1
      }
    fi
  fi
  case $action in
    up) do_up "${parts[@]}" ;;
    down | stop) do_down "${parts[@]}" ;;
    status) do_status "${parts[@]}" ;;
    reset) do_reset "${parts[@]}" ;;
    install) do_install "${parts[@]}" ;;
    logs) do_logs "${parts[@]}" ;;
    smoke) node "$ROOT/scripts/infra/smoke.mjs" "${parts[@]}" ;;
    -h | --help | help) usage ;;
    *)
      warn "unknown action '$action'"
      usage
      ;;
  esac
}

main "$@"
