#!/usr/bin/env bash
# Import regression guard (issue 13): generates the import benchmark's synthetic CT series (SLICES slices 512²), starts
# a fresh embedded server, and reports the import job's instances/s as a ratio to a fixed reference (the same files
# read, deflated and written with an fsync by JDK code on as many threads), measured in the same run before and after
# the import. With FLOOR, exits 1 when the ratio is below it.
#
#   benchmarks/import-guard.sh [SLICES=1000] [FLOOR]
#
# The server is started with ./openahi serve; OPENAHI_JAVA_OPTS changes its JVM options, OPENAHI_IMPORT_WORKERS its
# import threads (default: the cores, which the reference uses too).
set -euo pipefail
cd "$(dirname "$0")/.."
slices="${1:-1000}"
floor="${2:-}"
workers="${OPENAHI_IMPORT_WORKERS:-$(nproc)}"
source benchmarks/common.sh

work="$(mktemp -d /tmp/openahi-import-guard-XXXXXX)"
"$JAVA" -cp benchmarks/target/benchmarks.jar org.openahi.bench.importing.SyntheticCtSeries "$work/series" "$slices"
start_server "$work" "$work/data" "${PORT:-18095}"
machine_line
"$JAVA" -cp benchmarks/target/benchmarks.jar org.openahi.bench.importing.ImportGuard "http://127.0.0.1:$port" \
  "$work/series" "$work/out" "$workers" $floor
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
server_peak_rss
