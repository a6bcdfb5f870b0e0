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
source benchmarks/common.sh

work="$(mktemp -d /tmp/openahi-api-load-XXXXXX)"
start_server "$work" "$work/data" "${PORT:-18099}" >&2
machine_line >&2
"$JAVA" ${CLIENT_JAVA_OPTS:-} -cp benchmarks/target/benchmarks.jar org.openahi.bench.api.ApiLoad "http://127.0.0.1:$port" "$@"
server_peak_rss >&2
