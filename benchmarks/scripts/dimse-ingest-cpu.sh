#!/usr/bin/env bash
# One DIMSE C-STORE ingest on a fresh server, for comparing builds (the DIMSE twin of stow-ingest-cpu.sh): the peers
# harness's 1,000 CT slices sent by DCMTK's storescu over P associations (the harness's dimse_ingest.py, TCP_NODELAY
# on the client), then the rate, the server's CPU by thread during the ingest (thread-cpu.py, start-up excluded) and
# its peak RSS; then the same once the frames stored uncompressed are encoded in the background
# (await-pending-frames.sh).
#
#   benchmarks/scripts/dimse-ingest-cpu.sh P [REPO]     (REPO: a built checkout, default the current directory)
#
# The data set is the one ../shared/peers/run-block.sh generates into $PEERS_WORK/ct (default /tmp/openahi-peers);
# the server runs with the launcher's JVM options (OPENAHI_JAVA_OPTS overrides, e.g. to add a profiler) on its own
# HTTP port (OA_PORT, 18634), DICOM port (DIMSE_CPU_PORT, 11212) and data folder.
set -euo pipefail
P=${1:?associations}; REPO=$(cd "${2:-.}" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd); SHARED=${OPENAHI_SHARED:-$HERE/../../../shared}
DATA=${PEERS_WORK:-/tmp/openahi-peers}/ct/main
[[ -d $DATA ]] || { echo "no data set at $DATA: run ../shared/peers/run-block.sh once" >&2; exit 1; }
DPORT=${DIMSE_CPU_PORT:-11212}
export PEERS_WORK=${DIMSE_CPU_WORK:-/tmp/openahi-dimse-cpu} OA_PORT=${OA_PORT:-18634} OPENAHI_DIMSE_PORT=$DPORT
export MALLOC_ARENA_MAX=2 OPENAHI_JAVA_OPTS="$("$REPO/openahi" java-options)"
CTL=$SHARED/peers/openahi-ctl.sh
SUMMARY='import json, sys
d = json.load(sys.stdin)
print(d["ok_instances"], "stored,", d["failed"], "failed,", d["instances_per_s"], "inst/s,", d["wall_s"], "s")'
cd "$REPO"
"$CTL" restart-fresh >/dev/null
trap '"$CTL" stop >/dev/null' EXIT
PID=$("$CTL" pid)
cpu() { awk '{print ($14 + $15) / 100}' "/proc/$PID/stat"; }   # all threads', ended ones included
START=$(cpu)
python3 "$HERE/thread-cpu.py" "$PID" --save "$PEERS_WORK/threads-before.json"
mkdir -p "$PEERS_WORK/logs"
python3 "$SHARED/peers/scripts/dimse_ingest.py" 127.0.0.1 "$DPORT" --aec peers --data "$DATA" -P "$P" \
  --logdir "$PEERS_WORK/logs" | python3 -c "$SUMMARY"
echo "process CPU s: $(cpu) in all, $(echo "$(cpu) $START" | awk '{print $1 - $2}') after start-up ($START)"
python3 "$HERE/thread-cpu.py" "$PID" --since "$PEERS_WORK/threads-before.json"
grep VmHWM "/proc/$PID/status"
"$HERE/await-pending-frames.sh" "$OA_PORT" "$PID"
