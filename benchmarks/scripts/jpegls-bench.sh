#!/usr/bin/env bash
# The jpegls benchmark: our JPEG-LS decoder side by side with CharLS 2.4 (Debian's libcharls, in memory, through
# JNI) in the same JMH run, one thread, on gen_images.py's images encoded by CharLS and on real corpus frames. Usage,
# from the repository root:
#   ./mvnw -B -q -pl benchmarks -am package -DskipTests && benchmarks/scripts/jpegls-bench.sh [JMH options]
# Runs under flock /tmp/openahi-bench.lock so that benchmarks do not overlap.
set -euo pipefail
source "$(dirname "$0")/codec-common.sh"
ensure_images
shim="$("$root/benchmarks/scripts/build-charls-shim.sh" | tail -n 1)"
run_jmh 'org.openahi.bench.jpegls.*' "-Djpegls.images=$images -Djpegls.corpus=$shared/dicom -Dcharls.shim=$shim" "$@"
