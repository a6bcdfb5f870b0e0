#!/usr/bin/env bash
# Import benchmark: generates a synthetic CT series (1,000 slices of 512x512 16-bit, new UIDs; or one
# multi-frame file of as many frames with --multiframe), starts the server on a fresh embedded data directory,
# imports the series from a folder through the API, and reports throughput and the server's peak RSS.
#
#   benchmarks/import-load.sh [SLICES] [--multiframe]
#
# The server is started with ./openahi serve; OPENAHI_JAVA_OPTS changes its JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="$(./openahi java)"
JAVA="$JAVA_HOME/bin/java"
slices="${1:-1000}"
mode="${2:-}"
./mvnw -B -q --no-transfer-progress -DskipTests -pl server,benchmarks -am package >&2

work="$(mktemp -d /tmp/openahi-import-load-XXXXXX)"
series="$work/series"
"$JAVA" -cp benchmarks/target/benchmarks.jar org.openahi.bench.importing.SyntheticCtSeries "$series" "$slices" $mode
port="${PORT:-18098}"
OPENAHI_DATA_DIR="$work/data" OPENAHI_PORT="$port" OPENAHI_FILE_ROOTS="$work" ./openahi serve > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; [[ -n "${KEEP:-}" ]] || rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/_openahi/health" >/dev/null && break
  sleep 0.2
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, $("$JAVA" -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server JVM options: ${OPENAHI_JAVA_OPTS:-the launcher default}"
"$JAVA" -cp benchmarks/target/benchmarks.jar org.openahi.bench.importing.ImportLoad "http://127.0.0.1:$port" "$series" "$work/out"
echo "server peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$server/status)"
