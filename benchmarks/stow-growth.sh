#!/usr/bin/env bash
# Per-instance cost against series size (issue 13): on a fresh embedded server, seeds one series of SMALL and one of
# LARGE instances by STOW-RS, then stores PROBES single-instance requests into each, alternately, and reports both
# latency distributions and the ratio of their medians (bound: 1.5×).
#
#   benchmarks/stow-growth.sh [SMALL=10] [LARGE=10000] [PROBES=200] [SIZE=64]
#
# The server is started with ./openahi serve; OPENAHI_JAVA_OPTS changes its JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/common.sh

work="$(mktemp -d /tmp/openahi-stow-growth-XXXXXX)"
start_server "$work" "$work/data" "${PORT:-18096}"
machine_line
"$JAVA" -cp benchmarks/target/benchmarks.jar org.openahi.bench.api.StowSeriesGrowth "http://127.0.0.1:$port" \
  "$work/series" "${1:-10}" "${2:-10000}" "${3:-200}" "${4:-64}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
server_peak_rss
