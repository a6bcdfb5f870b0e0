#!/usr/bin/env bash
# STOW-RS ingest benchmark: generates a synthetic CT series (1,000 slices of 512x512 16-bit, new UIDs), starts the
# server on a fresh embedded data directory, stores the series by STOW-RS in multipart requests of BATCH instances
# from CLIENTS concurrent clients, and reports instances/s and the server's peak RSS.
#
#   benchmarks/stow-load.sh [SLICES] [CLIENTS] [BATCH]
#
# The server is started with ./openahi serve; OPENAHI_JAVA_OPTS changes its JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
slices="${1:-1000}"
clients="${2:-1}"
batch="${3:-50}"
source benchmarks/common.sh

work="$(mktemp -d /tmp/openahi-stow-load-XXXXXX)"
series="$work/series"
"$JAVA" -cp benchmarks/target/benchmarks.jar org.openahi.bench.importing.SyntheticCtSeries "$series" "$slices"
start_server "$work" "$work/data" "${PORT:-18099}"
machine_line
"$JAVA" -cp benchmarks/target/benchmarks.jar org.openahi.bench.api.StowLoad "http://127.0.0.1:$port" "$series" "$clients" "$batch"
server_peak_rss
