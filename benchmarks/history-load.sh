#!/usr/bin/env bash
# ListImageSetVersions and SearchImageSets benchmark on the embedded default (SQLite + files):
#  1. SearchSeed writes the data store "search" (IMAGE_SETS live image sets of an invented archive) into a fresh
#     database through the server's metadata store, before the server starts;
#  2. the server starts; HistorySeed imports one small synthetic series per image set into the data store
#     "history" and updates the image sets until they have VERSIONS versions, through the API;
#  3. ApiLoad measures ListImageSetVersions and SearchImageSets on them.
#
#   benchmarks/history-load.sh [ApiLoad options, e.g. --concurrency 1,8,32 --seconds 20 --warmup 10]
#
# VERSIONS (default 10,1000,10000) and IMAGE_SETS (default 100000) size the data; KEEP=1 keeps the work
# folder, and DATA=<its data folder> runs again on data seeded before (no seeding). OPENAHI_JAVA_OPTS changes
# the server's JVM options, CLIENT_JAVA_OPTS the harness's.
set -euo pipefail
cd "$(dirname "$0")/.."
CP=benchmarks/target/benchmarks.jar
versions="${VERSIONS:-10,1000,10000}"
source benchmarks/common.sh

work="$(mktemp -d /tmp/openahi-history-load-XXXXXX)"
data="${DATA:-$work/data}"
machine_line >&2
if [[ -z "${DATA:-}" ]]; then
  "$JAVA" -cp "$CP" org.openahi.bench.api.SearchSeed "jdbc:sqlite:$data/openahi.db" "${IMAGE_SETS:-100000}"
  IFS=, read -ra targets <<< "$versions"
  for i in "${!targets[@]}"; do
    "$JAVA" -cp "$CP" org.openahi.bench.importing.SyntheticCtSeries "$work/series/$i" 2
  done
fi
start_server "$work" "$data" "${PORT:-18097}" >&2
if [[ -z "${DATA:-}" ]]; then
  "$JAVA" -cp "$CP" org.openahi.bench.api.HistorySeed "http://127.0.0.1:$port" "$work/series" "$work/out" "$versions"
fi
"$JAVA" ${CLIENT_JAVA_OPTS:-} -cp "$CP" org.openahi.bench.api.ApiLoad "http://127.0.0.1:$port" \
  --operations ListImageSetVersions,SearchImageSets "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
server_peak_rss >&2
if [[ -n "${KEEP:-}" ]]; then echo "kept $work (server log: $work/server.log)" >&2; fi
