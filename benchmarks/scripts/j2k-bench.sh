#!/usr/bin/env bash
# The JPEG 2000 benchmark: our Part 1 lossless encoder and decoder side by side with OpenJPEG 2.5 (in memory, through
# JNI, one thread) in the same JMH run, on gen_images.py's 512x512 and 3000x3000 images. Usage, from the repository
# root:
#   ./mvnw -B -q -pl benchmarks -am package -DskipTests && benchmarks/scripts/j2k-bench.sh [JMH options]
# Runs under flock /tmp/openahi-bench.lock so that benchmarks do not overlap.
set -euo pipefail
source "$(dirname "$0")/codec-common.sh"
ensure_images
shim="$("$root/benchmarks/scripts/build-openjpeg-shim.sh" | tail -n 1)"
run_jmh 'org.openahi.bench.j2k.*' "-Dhtj2k.images=$images -Dopenjpeg.shim=$shim" "$@"
