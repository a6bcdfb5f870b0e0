#!/usr/bin/env bash
# The jpeg benchmark: our decoder side by side with DCMTK 3.6.7's IJG decoders (8, 12 and 16 bits, what dcmdjpeg
# runs) and libjpeg-turbo 2.1 (8-bit), in memory through JNI, in the same JMH run, one thread, on frames of the
# shared corpus (lossless 16-bit 516x516 and 10-bit 1760x2140, extended 12-bit 1760x2140, baseline 8-bit colour),
# each decoded as coded (conversion=NONE, what openahi runs) and with YCbCr converted to RGB (YBR_TO_RGB); restrict
# with JMH's -p (e.g. -p image=baseline8_ybr420_320x240 -p conversion=NONE). The pattern leaves out jpegls.
# Usage, from the repository root:
#   ./mvnw -B -q -pl benchmarks -am package -DskipTests && benchmarks/scripts/jpeg-bench.sh [JMH options]
# Runs under flock /tmp/openahi-bench.lock so that benchmarks do not overlap.
set -euo pipefail
source "$(dirname "$0")/codec-common.sh"
shim="$("$root/benchmarks/scripts/build-jpeg-shim.sh" | tail -n 1)"
run_jmh 'org\.openahi\.bench\.jpeg\.Jpeg(Turbo)?Benchmark\.' "-Djpeg.corpus=$shared/dicom -Djpeg.shim=$shim" "$@"
