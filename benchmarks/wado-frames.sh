#!/usr/bin/env bash
# Decoded WADO-RS frames from builds side by side: for each round and each server folder given (a copy of
# server/target's openahi-server.jar and lib/), a fresh server (launcher JVM options, decoded-frame caches off) stores
# the first 100 slices of the peers harness's CT series by STOW-RS, then wrk asks for their first frames as native
# pixels (multipart/related; type="application/octet-stream") at 1, 8 and 32 connections, 10 s each.
#
#   benchmarks/wado-frames.sh DIR [DIR...]     (ROUNDS=2; results appended to $OUT, default /tmp/wado-frames.txt)
#
# The decoded frames on disk are off unless DISK_BYTES says otherwise (DISK_BYTES=1073741824, the server's default,
# serves the frames from the files STOW-RS wrote). Each line of results says the server's CPU seconds for the
# STOW-RS of the 100 slices and its CPU milliseconds per frame served. EXTRA_JAVA_OPTS adds JVM options (a GC log).
#
# Needs ../shared/peers (its generated data in $PEERS_WORK/ct, default /tmp/openahi-peers/ct), wrk, python3, curl.
set -uo pipefail
cd "$(dirname "$0")/.."
java="$(./openahi java)/bin/java"
scripts="$(cd ../shared/peers/scripts && pwd)"
data="${PEERS_WORK:-/tmp/openahi-peers}/ct"
out="${OUT:-/tmp/wado-frames.txt}"
port=18600
key=k1
secret=s1s1s1s1s1s1s1s1s1s1
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
for round in $(seq "${ROUNDS:-2}"); do
  for dir in "$@"; do
    work=$(mktemp -d /tmp/wado-frames-XXXX)
    MALLOC_ARENA_MAX=2 OPENAHI_PORT=$port OPENAHI_BIND=127.0.0.1 OPENAHI_DATA_DIR=$work/data \
      OPENAHI_DICOMWEB_BEARER_TOKEN=tok OPENAHI_ACCESS_KEY_ID=$key OPENAHI_SECRET_ACCESS_KEY=$secret \
      OPENAHI_DIMSE_PORT=0 OPENAHI_DECODED_FRAME_CACHE_BYTES=0 OPENAHI_DECODED_FRAME_DISK_BYTES=${DISK_BYTES:-0} \
      setsid "$java" $(./openahi java-options) ${EXTRA_JAVA_OPTS:-} -jar "$dir/openahi-server.jar" >"$work/server.log" 2>&1 &
    pid=$!
    for _ in $(seq 120); do curl -fsS -m 2 "http://127.0.0.1:$port/_openahi/health" >/dev/null 2>&1 && break; sleep 0.5; done
    id=$(curl -fsS --aws-sigv4 "aws:amz:us-east-1:medical-imaging" --user "$key:$secret" -X POST \
      -H 'Content-Type: application/json' -d '{"datastoreName":"frames","clientToken":"frames"}' \
      "http://127.0.0.1:$port/datastore" | python3 -c 'import json,sys; print(json.load(sys.stdin)["datastoreId"])')
    sleep 2
    cpu_before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    python3 "$scripts/stow_ingest.py" "http://127.0.0.1:$port/datastore/$id" --data "$data/main" -c 2 --limit 100 \
      --header 'Authorization: Bearer tok' >/dev/null
    sleep 1  # the decoded-frame writer finishes behind the acknowledgements
    stow_cpu=$(awk -v before="$cpu_before" -v hz="$(getconf CLK_TCK)" '{printf "%.2fs", ($14 + $15 - before) / hz}' \
      "/proc/$pid/stat")
    # Of which the thread that writes decoded frames to disk (its name cut to 15 characters by the kernel).
    writer_cpu=$(for task in /proc/$pid/task/*; do
        [ "$(cat "$task/comm")" = decoded-frame-w ] && awk '{print $14 + $15}' "$task/stat"; done)
    stow_cpu="$stow_cpu (writer $(awk -v t="${writer_cpu:-0}" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", t / hz}')s)"
    python3 - "$data/manifest.json" "$id" >"$work/paths" <<'PY'
import json, sys
manifest, datastore = json.load(open(sys.argv[1])), sys.argv[2]
rows = sorted((i["path"], st["StudyInstanceUID"], se["SeriesInstanceUID"], i["SOPInstanceUID"])
              for st in manifest["main"] for se in st["series"] for i in se["instances"])
for _, study, series, sop in rows[:100]:  # stow_ingest.py stores the files in sorted order
    print(f"/datastore/{datastore}/studies/{study}/series/{series}/instances/{sop}/frames/1")
PY
    for c in 1 8 32; do
      cpu_before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
      result=$(wrk -t$(( c < 2 ? 1 : 2 )) -c$c -d10s --timeout 60s -s "$scripts/wrk_paths.lua" "http://127.0.0.1:$port" -- \
        "$work/paths" 'multipart/related; type="application/octet-stream"; transfer-syntax=*' 'Authorization: Bearer tok' \
        | grep WRKJSON)
      requests=$(echo "$result" | sed 's/.*"requests":\([0-9]*\).*/\1/')
      frame_cpu=$(awk -v before="$cpu_before" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
        '{printf "%.2f", ($14 + $15 - before) * 1000 / hz / n}' "/proc/$pid/stat")
      echo "round $round $dir disk ${DISK_BYTES:-0} stow-cpu $stow_cpu c$c cpu-ms/frame $frame_cpu" \
        "load $(cut -d' ' -f1 /proc/loadavg) $result" \
        | tee -a "$out"
    done
    kill "$pid"; wait "$pid" 2>/dev/null; rm -rf "$work"
  done
done
