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
slices="${1:-1000}"
mode="${2:-}"
source benchmarks/common.sh

work="$(mktemp -d /tmp/openahi-import-load-XXXXXX)"
series="$work/series"
"$JAVA" -cp benchmarks/target/benchmarks.jar org.openahi.bench.importing.SyntheticCtSeries "$series" "$slices" $mode
start_server "$work" "$work/data" "${PORT:-18098}"
machine_line
"$JAVA" -cp benchmarks/target/benchmarks.jar org.openahi.bench.importing.ImportLoad "http://127.0.0.1:$port" "$series" "$work/out"
server_peak_rss
