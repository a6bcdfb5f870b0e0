#!/usr/bin/env bash
# What DIMSE costs beyond the write path, for comparing builds: openahi's upper layer alone in a JVM
# (benchmarks/dimse/UpperLayerLoad.java: C-STOREs answered once their data set is whole, nothing stored), fed the
# peers harness's 1,000 CT slices by DCMTK's storescu (TCP_NODELAY=1, as dimse_ingest.py) ROUNDS times over P
# associations; the JVM's CPU seconds and allocations per 1,000 C-STOREs, the first round on a fresh JVM.
#
#   benchmarks/dimse-upper-layer.sh [P] [ROUNDS] [REPO]    (REPO: a built checkout, default the current directory)
set -euo pipefail
P=${1:-1}; ROUNDS=${2:-3}; REPO=$(cd "${3:-.}" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${PEERS_WORK:-/tmp/openahi-peers}/ct/main
PORT=${DIMSE_UL_PORT:-11213}
JAVA=${JAVA_HOME:-/usr}/bin/java
OUT=$(mktemp -d)
mapfile -t FILES < <(find "$DATA" -name '*.dcm' | sort)
N=${#FILES[@]}
MALLOC_ARENA_MAX=2 "$JAVA" $("$REPO/openahi" java-options) \
  -cp "$REPO/server/target/openahi-server.jar" "$HERE/dimse/UpperLayerLoad.java" "$PORT" "$N" > "$OUT/jvm.log" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null; rm -rf "$OUT"' EXIT
for _ in $(seq 1 200); do grep -q listening "$OUT/jvm.log" && break; sleep 0.1; done
for round in $(seq 1 "$ROUNDS"); do
  start=$(date +%s.%N)
  for i in $(seq 0 $((P - 1))); do
    TCP_NODELAY=1 storescu -aet BENCH -aec UPPER -R 127.0.0.1 "$PORT" "${FILES[@]:$((i * N / P)):$(((i + 1) * N / P - i * N / P))}" \
      > "$OUT/storescu$i.log" 2>&1 &
  done
  wait $(jobs -p | grep -v "^$PID$") 2>/dev/null || true
  echo "round $round: $(awk -v s="$start" -v e="$(date +%s.%N)" -v n="$N" 'BEGIN {printf "%.1f inst/s", n / (e - s)}')"
  for _ in $(seq 1 100); do [[ $(grep -c '^stored' "$OUT/jvm.log") -ge $round ]] && break; sleep 0.1; done
done
grep '^stored' "$OUT/jvm.log"
grep VmHWM "/proc/$PID/status"
