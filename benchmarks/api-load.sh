#!/usr/bin/env bash
# API load benchmark: builds the server and the harness, starts the server on a fresh embedded data
# directory (SQLite + files, the default mode), runs the harness, stops the server.
#
#   benchmarks/api-load.sh [ApiLoad options, e.g. --concurrency 1,8,32 --seconds 20 --warmup 10]
#
# The server is started with ./openahi serve (OPENAHI_JAVA_OPTS changes its JVM options); CLIENT_JAVA_OPTS
# passes JVM options to the harness.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="$(./openahi java)"
JAVA="$JAVA_HOME/bin/java"
./mvnw -B -q --no-transfer-progress -DskipTests -pl server,benchmarks -am package >&2

data="$(mktemp -d /tmp/openahi-api-load-XXXXXX)"
port="${PORT:-18099}"
OPENAHI_DATA_DIR="$data" OPENAHI_PORT="$port" ./openahi serve > "$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/_openahi/health" >/dev/null && break
  sleep 0.2
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, $("$JAVA" -version 2>&1 | head -1)" >&2
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$JAVA" ${CLIENT_JAVA_OPTS:-} -cp benchmarks/target/benchmarks.jar org.openahi.bench.api.ApiLoad "http://127.0.0.1:$port" "$@"
echo "server peak RSS: $(grep VmHWM /proc/$server/status | awk '{print $2/1024 " MB"}')" >&2
