#!/usr/bin/env bash
# Jpeg2000CpuTime: our JPEG 2000 Part 1 codec and OpenJPEG 2.5 alternated in one process and timed in process CPU
# time, for readable ratios on a shared machine. Usage, from the repository root:
#   ./mvnw -B -q -pl benchmarks -am package -DskipTests && benchmarks/scripts/j2k-cputime.sh [rounds] [images...]
# Runs under flock /tmp/openahi-bench.lock so that benchmarks do not overlap.
set -euo pipefail
source "$(dirname "$0")/codec-common.sh"
ensure_images
shim="$("$root/benchmarks/scripts/build-openjpeg-shim.sh" | tail -n 1)"
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
flock /tmp/openahi-bench.lock "$java_home/bin/java" -Dhtj2k.images="$images" -Dopenjpeg.shim="$shim" \
  --enable-native-access=ALL-UNNAMED -cp "$root/benchmarks/target/benchmarks.jar" \
  org.openahi.bench.j2k.Jpeg2000CpuTime "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
