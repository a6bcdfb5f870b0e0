#!/usr/bin/env bash
# TranscodeCpuTime: FrameTranscoder.transcode of a 512x512 CT slice by this build and by another (a git ref's core,
# htj2k, dicom, jpeg and jpegls classes, compiled with javac into benchmarks/target/transcode-baseline/<commit>),
# alternated in one process and timed in thread CPU time on one core, for a ratio that holds on a busy machine.
# Usage, from the repository root:
#   ./mvnw -B -q -pl benchmarks -am package -DskipTests
#   benchmarks/scripts/transcode-cputime.sh GIT-REF [rounds]
# Runs under flock /work/bench.lock (OPENAHI_BENCH_LOCK) so that benchmarks do not overlap.
set -euo pipefail
source "$(dirname "$0")/codec-common.sh"
commit="$(git -C "$root" rev-parse --verify "$1^{commit}")"
shift
modules=(core htj2k dicom jpeg jpegls)
classes="$root/benchmarks/target/transcode-baseline/$commit"
if ! [[ -f "$classes/org/openahi/core/pixels/FrameTranscoder.class" ]]; then
  src="$(mktemp -d)"
  for m in "${modules[@]}"; do
    git -C "$root" archive "$commit" "$m/src/main" | tar -x -C "$src"
  done
  find "$src" -path '*/src/main/java/*.java' >"$src/files"
  mkdir -p "$classes"
  # the libraries core uses come from the jar; the ref's own sources win over the jar's openahi classes
  "$java_home/bin/javac" --release 21 -nowarn -proc:none -cp "$root/benchmarks/target/benchmarks.jar" \
    -d "$classes" "@$src/files"
  for m in "${modules[@]}"; do
    if [[ -d "$src/$m/src/main/resources" ]]; then cp -r "$src/$m/src/main/resources/." "$classes/"; fi
  done
  rm -rf "$src"
fi
echo "baseline: $commit; machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
flock "${OPENAHI_BENCH_LOCK:-/work/bench.lock}" "$java_home/bin/java" -XX:ActiveProcessorCount=1 \
  -Dtranscode.baseline="$classes/" -cp "$root/benchmarks/target/benchmarks.jar" \
  org.openahi.bench.pixels.TranscodeCpuTime "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
