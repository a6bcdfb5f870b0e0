#!/usr/bin/env bash
# Times DCMTK's dcmdump over the GE study (235 files) in ONE process per run, the baseline for
# org.openahi.bench.dicom.DicomReadBenchmark: `dcmdump` (values over 4 KB such as Pixel Data are not loaded,
# like readHeaders) and `dcmdump +M` (all values loaded, like readFullFiles). Output goes to /dev/null.
#   dicom/bench/dcmdump-throughput.sh [runs] [shared dir]
set -euo pipefail
runs="${1:-20}"
shared="${2:-$(dirname "$0")/../../../shared}"
mapfile -t files < <(find "$shared/dicom/dcm_qa_ge" -type f | sort)
bytes=$(cat "${files[@]}" | wc -c)
echo "dcmdump $(dcmdump --version | sed -n 's/.*dcmdump \(v[0-9.]*\).*/\1/p'): ${#files[@]} files, $bytes bytes, best and median of $runs runs"
for mode in "" "+M"; do
  times=()
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    dcmdump $mode "${files[@]}" > /dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  best=${sorted[0]}
  median=${sorted[$((runs / 2))]}
  awk -v m="dcmdump ${mode:-(default)}" -v n="${#files[@]}" -v b="$bytes" -v best="$best" -v med="$median" 'BEGIN {
    printf "%-18s best %7.1f ms: %7.0f files/s %6.1f MB/s | median %7.1f ms: %7.0f files/s %6.1f MB/s\n",
      m, best / 1000, n / (best / 1e6), b / best, med / 1000, n / (med / 1e6), b / med }'
done
