#!/usr/bin/env bash
# DIMSE C-STORE ingest beside Orthanc, on the shared side-by-side harness (../shared/peers): the harness's 1,000 CT
# slices (512x512, 16-bit, one series) sent by DCMTK's storescu with 1 and 4 parallel associations (TCP_NODELAY=1 on
# the client; openahi sets it on its own sockets), each run on an empty server; instances/s, server peak RSS and CPU
# seconds, every run checked by QIDO-RS (1,000 instances stored). openahi first, then Orthanc, one after the other.
#
#   benchmarks/dimse-load.sh [RUNS]          (from the repository root; RUNS per configuration, default 2)
#
# Needs what ../shared/peers/README.md lists (orthanc, orthanc-dicomweb, dcmtk, python3). openahi listens for DICOM on
# 11112 with AE title "peers" (the data store openahi-ctl.sh creates), Orthanc on 4242 with AE title ORTHANC. Results
# and report.md go to $PEERS_WORK/results/dimse-<time>/ (default /tmp/openahi-peers).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-2}"
peers="$(cd ../shared/peers && pwd)"
scripts="$peers/scripts"
work="${PEERS_WORK:-/tmp/openahi-peers}"
data="$work/ct"
out="$work/results/dimse-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
export JAVA_HOME="$(./openahi java)"
# The launcher's JVM options unless told otherwise (openahi-ctl.sh alone would give -Xmx320m with G1, about 100 MiB more
# peak RSS than `./openahi serve` runs with).
export OPENAHI_JAVA_OPTS="$(./openahi java-options)"
./mvnw -B -q --no-transfer-progress -DskipTests -pl server -am package >&2
[[ -f "$data/manifest.json" ]] || python3 "$scripts/gen_ct.py" --out "$data" --slices 1000 --filler-studies 500 \
  --filler-instances 2
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM; load before: $(cut -d' ' -f1-3 /proc/loadavg)" \
  | tee "$out/machine.txt"

run_block() {   # run_block NAME CTL RESET BASE-CMD DIMSE-TARGET [HEADER]
  local name="$1" ctl="$2" reset="$3" base="$4" target="$5"
  shift 5
  local headers=()
  [[ $# -gt 0 ]] && headers=(--header "$1")
  python3 "$scripts/ingest_bench.py" placeholder --base-cmd "$base" --data "$data/main" --manifest "$data/manifest.json" \
    --reset-cmd "$reset" --pid-cmd "$ctl pid" --dimse "$target" --configs dimse-p1,dimse-p4 --runs "$runs" \
    --outdir "$out" --tag "dimse-$name" "${headers[@]}" | tee -a "$out/run.log"
  $ctl stop
}

openahi_ctl="$peers/openahi-ctl.sh"
run_block openahi "$openahi_ctl" "$openahi_ctl restart-fresh" "$openahi_ctl base" 127.0.0.1:11112:peers \
  "Authorization: Bearer peerbench-token"
orthanc_ctl="$peers/orthanc/orthanc-ctl.sh"
run_block orthanc "$orthanc_ctl" "TCP_NODELAY=1 $orthanc_ctl restart-fresh" "echo http://127.0.0.1:8042/dicom-web" \
  127.0.0.1:4242:ORTHANC
python3 "$scripts/report.py" "$out" | tee "$out/report.md"
