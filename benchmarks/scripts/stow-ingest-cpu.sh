#!/usr/bin/env bash
# One STOW-RS ingest on a fresh server, for comparing builds: the peers harness's 1,000 CT slices sent by its
# stow_ingest.py at C clients, then the rate and latency, the server's CPU by thread during the ingest (thread-cpu.py,
# start-up excluded) and its peak RSS (VmHWM); then, once the frames stored uncompressed are encoded in the background
# (await-pending-frames.sh), how long that took and the CPU again.
#
#   benchmarks/scripts/stow-ingest-cpu.sh C [REPO]     (REPO: a built checkout, default the current directory)
#
# The data set is the one ../shared/peers/run-block.sh generates into $PEERS_WORK/ct (default /tmp/openahi-peers);
# the server runs with the launcher's JVM options on its own port (OA_PORT, 18633) and data folder.
set -euo pipefail
C=${1:?clients}; REPO=$(cd "${2:-.}" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd); SHARED=${OPENAHI_SHARED:-$HERE/../../../shared}
DATA=${PEERS_WORK:-/tmp/openahi-peers}/ct/main
[[ -d $DATA ]] || { echo "no data set at $DATA: run ../shared/peers/run-block.sh once" >&2; exit 1; }
export PEERS_WORK=${STOW_CPU_WORK:-/tmp/openahi-stow-cpu} OA_PORT=${OA_PORT:-18633} OPENAHI_DIMSE_PORT=0
export MALLOC_ARENA_MAX=2 OPENAHI_JAVA_OPTS="$("$REPO/openahi" java-options)"
CTL=$SHARED/peers/openahi-ctl.sh
SUMMARY='import json, sys
d = json.load(sys.stdin)
print(d["ok_instances"], "stored,", d["instances_per_s"], "inst/s, p50 / p99 / max",
      d["lat_ms_p50"], "/", d["lat_ms_p99"], "/", d["lat_ms_max"], "ms")'
cd "$REPO"
"$CTL" restart-fresh >/dev/null
trap '"$CTL" stop >/dev/null' EXIT
PID=$("$CTL" pid)
START=$(awk '{print ($14 + $15) / 100}' "/proc/$PID/stat")
mkdir -p "$PEERS_WORK"
python3 "$HERE/thread-cpu.py" "$PID" --save "$PEERS_WORK/threads-before.json"
python3 "$SHARED/peers/scripts/stow_ingest.py" "$("$CTL" base)" --data "$DATA" -c "$C" \
  --header 'Authorization: Bearer peerbench-token' | python3 -c "$SUMMARY"
CPU=$(awk '{print ($14 + $15) / 100}' "/proc/$PID/stat")
echo "process CPU s: $CPU in all, $(echo "$CPU $START" | awk '{print $1 - $2}') after start-up ($START)"
python3 "$HERE/thread-cpu.py" "$PID" --since "$PEERS_WORK/threads-before.json"
grep VmHWM "/proc/$PID/status"
"$HERE/await-pending-frames.sh" "$OA_PORT" "$PID"
