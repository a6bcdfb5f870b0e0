#!/usr/bin/env bash
# Load shedding benchmark (issue 17): a fresh embedded server (SQLite + files) with one synthetic CT series imported
# (HistorySeed, data store "history"); then OverloadLoad runs GetDatastore from a few clients while 256 clients ask for
# a frame decoded to native pixels, and reports GetDatastore's p99 (goal: under 100 ms) and how much was shed.
#
#   benchmarks/overload.sh [OverloadLoad options, e.g. --cheap-concurrency 4 --expensive-concurrency 256 --seconds 30]
#
# The server's limits come from its variables (OPENAHI_MAX_EXPENSIVE_REQUESTS, OPENAHI_MAX_QUEUED_REQUESTS,
# OPENAHI_QUEUE_WAIT_MILLIS, OPENAHI_THROTTLING; README); OPENAHI_JAVA_OPTS changes its JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
CP=benchmarks/target/benchmarks.jar
source benchmarks/common.sh

work="$(mktemp -d /tmp/openahi-overload-XXXXXX)"
machine_line >&2
"$JAVA" -cp "$CP" org.openahi.bench.importing.SyntheticCtSeries "$work/series/0" 2
start_server "$work" "$work/data" "${PORT:-18096}" >&2
"$JAVA" -cp "$CP" org.openahi.bench.api.HistorySeed "http://127.0.0.1:$port" "$work/series" "$work/out" 1
"$JAVA" ${CLIENT_JAVA_OPTS:-} -cp "$CP" org.openahi.bench.api.OverloadLoad "http://127.0.0.1:$port" "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
server_peak_rss >&2
