#!/usr/bin/env bash
# Import benchmark: generates a synthetic CT series (1,000 slices of 512x512 16-bit, new UIDs; or one
# multi-frame file of as many frames with --multiframe), starts the server on a fresh embedded data directory,
# imports the series from a folder through the API, and reports throughput and the server's peak RSS. With --folder,
# the files of DIR instead (hard-linked, or copied, into the server's file root): e.g. the peers harness's 1,000 slices,
# to set the import beside Orthanc's STOW-RS of the same files in the same run.
#
#   benchmarks/import-load.sh [SLICES] [--multiframe]
#   benchmarks/import-load.sh --folder DIR
#
# The server is started with ./openahi serve; OPENAHI_JAVA_OPTS changes its JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/common.sh

work="$(mktemp -d /tmp/openahi-import-load-XXXXXX)"
series="$work/series"
if [[ "${1:-}" == --folder ]]; then
  [[ -d "${2:-}" ]] || { echo "import-load.sh: --folder needs a folder" >&2; exit 2; }
  cp -al "$2" "$series" 2>/dev/null || { rm -rf "$series"; cp -a "$2" "$series"; }
else
  "$JAVA" -cp benchmarks/target/benchmarks.jar org.openahi.bench.importing.SyntheticCtSeries "$series" "${1:-1000}" \
    ${2:-}
fi
start_server "$work" "$work/data" "${PORT:-18098}"
machine_line
"$JAVA" -cp benchmarks/target/benchmarks.jar org.openahi.bench.importing.ImportLoad "http://127.0.0.1:$port" "$series" "$work/out"
server_peak_rss
