#!/usr/bin/env bash
# Start-up benchmark of the packaged platform on its embedded MariaDB.
# Prints time from `java -jar` to a healthy /health (cold: empty data folder, binaries to
# unpack and databases to create; warm: the same folder again), and resident memory of the
# JVM and of mariadbd once healthy. Not a test: it asserts nothing, it measures.
#   usage: integration-tests/bench/startup.sh [warm-runs]   (after mvn -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=platform/core/target/crm-platform.jar
[ -f "$jar" ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }
runs=${1:-3}
data=$(mktemp -d /tmp/crm-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')
trap 'rm -rf "$data"' EXIT

one_run() {
  local label=$1 t0 t1 pid ms jvm_rss db_rss
  t0=$(date +%s%N)
  CRM_DATA_DIR=$data CRM_HTTP_PORT=$port java -jar "$jar" >"$data/$label.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "platform died, see $data/$label.log" >&2; cat "$data/$label.log" >&2; exit 1; }
    sleep 0.05
  done
  t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 ))
  jvm_rss=$(( $(ps -o rss= -p $pid) / 1024 ))
  db_rss=$(( $(ps -o rss=,comm= --ppid $pid | awk '$2 == "mariadbd" {s+=$1} END {print s+0}') / 1024 ))
  t0=$(date +%s%N)
  kill -TERM $pid
  wait $pid || true
  t1=$(date +%s%N)
  printf '| %-7s | %8d | %12d | %16d | %7d |\n' "$label" "$ms" "$jvm_rss" "$db_rss" $(( (t1 - t0) / 1000000 ))
}

echo "| run     | to healthy (ms) | JVM RSS (MB) | mariadbd RSS (MB) | stop (ms) |"
echo "|---------|----------------:|-------------:|------------------:|----------:|"
one_run cold
for i in $(seq 1 "$runs"); do one_run "warm-$i"; done
