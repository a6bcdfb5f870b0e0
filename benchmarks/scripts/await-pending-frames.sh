#!/usr/bin/env bash
# After an ingest: waits until the server on 127.0.0.1:PORT has encoded the frames it stored uncompressed
# (openahi_pending_frame_bytes back to 0; a build without that gauge has none), then prints how long that took and the
# process's CPU and peak RSS again, so the background encoding is counted (docs/decisions.md).
#
#   benchmarks/scripts/await-pending-frames.sh PORT PID
set -euo pipefail
PORT=${1:?port}; PID=${2:?pid}
pending() { curl -fsS "http://127.0.0.1:$PORT/_openahi/metrics" | awk '/^openahi_pending_frame_bytes/ {print int($2)}'; }
start=$(date +%s.%N)
for _ in $(seq 1 600); do [[ "$(pending)" =~ ^0?$ ]] && break; sleep 0.5; done
echo "pending frames encoded $(python3 -c "print(round($(date +%s.%N) - $start, 1))") s after the ingest" \
  "($(pending) bytes left); then process CPU s: $(awk '{print ($14 + $15) / 100}' "/proc/$PID/stat")," \
  "$(grep VmHWM "/proc/$PID/status" | tr -s ' \t' ' ')"
