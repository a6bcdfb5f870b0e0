#!/usr/bin/env bash
# The htj2k benchmark: our encoder and decoder side by side with OpenJPH 0.9.0 (in memory, through JNI) in the same
# JMH run, on gen_images.py's 512x512 and 3000x3000 16-bit images. Usage, from the repository root:
#   ./mvnw -B -q -pl benchmarks -am package -DskipTests && benchmarks/scripts/htj2k-bench.sh [JMH options]
# Runs under flock /tmp/openahi-bench.lock so that benchmarks do not overlap.
set -euo pipefail
source "$(dirname "$0")/codec-common.sh"
ensure_images
shim="$("$root/benchmarks/scripts/build-openjph-shim.sh" | tail -n 1)"
run_jmh 'org.openahi.bench.htj2k.*' "-Dhtj2k.images=$images -Dopenjph.shim=$shim" "$@"
