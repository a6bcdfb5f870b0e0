#!/usr/bin/env bash
# Htj2kCpuTime: our HTJ2K encoder and decoder, OpenJPH 0.9.0's, and optionally another build of ours (a git ref's
# htj2k classes and resources, compiled with javac into benchmarks/target/htj2k-baseline/<commit>) alternated in one process and
# timed in thread CPU time, for ratios that hold on a busy machine. Usage, from the repository root:
#   ./mvnw -B -q -pl benchmarks -am package -DskipTests
#   benchmarks/scripts/htj2k-cputime.sh [--baseline GIT-REF] [rounds] [images...]
# Runs under flock /tmp/openahi-bench.lock so that benchmarks do not overlap.
set -euo pipefail
source "$(dirname "$0")/codec-common.sh"
baseline_args=()
if [[ "${1:-}" == "--baseline" ]]; then
  commit="$(git -C "$root" rev-parse --verify "$2^{commit}")"
  classes="$root/benchmarks/target/htj2k-baseline/$commit"
  if ! [[ -f "$classes/org/openahi/htj2k/Htj2kEncoder.class" ]]; then
    src="$(mktemp -d)"
    git -C "$root" archive "$commit" htj2k/src/main | tar -x -C "$src"
    mkdir -p "$classes"
    find "$src/htj2k/src/main/java" -name '*.java' >"$src/files"
    "$java_home/bin/javac" --release 21 -nowarn -d "$classes" "@$src/files"
    cp -r "$src/htj2k/src/main/resources/." "$classes/"
    rm -rf "$src"
  fi
  echo "baseline: $2 = $commit"
  baseline_args=("-Dhtj2k.baseline=$classes/")
  shift 2
fi
ensure_images
shim="$("$root/benchmarks/scripts/build-openjph-shim.sh" | tail -n 1)"
echo "machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
flock /tmp/openahi-bench.lock "$java_home/bin/java" -Dhtj2k.images="$images" -Dopenjph.shim="$shim" \
  "${baseline_args[@]}" --enable-native-access=ALL-UNNAMED -cp "$root/benchmarks/target/benchmarks.jar" \
  org.openahi.bench.htj2k.Htj2kCpuTime "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
