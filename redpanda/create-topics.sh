#!/usr/bin/env bash
# Creates every topic in topics.txt that the cluster lacks (Redpanda does not auto-create them).
# Run by the `redpanda-topics` service of docker-compose.yml; safe to run again.
set -euo pipefail
brokers=${REDPANDA_BROKERS:-redpanda:9092}
partitions=${KAFKA_TOPIC_PARTITIONS:-3}
existing=$(rpk topic list -X brokers="$brokers" | awk 'NR > 1 { print $1 }')
while read -r topic; do
  [[ -z $topic ]] && continue
  if grep -qx "$topic" <<<"$existing"; then continue; fi
  rpk topic create "$topic" -X brokers="$brokers" --partitions "$partitions" --replicas 1
done <"$(dirname "$0")/topics.txt"
