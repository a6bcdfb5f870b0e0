#!/usr/bin/env bash
# The jpegls benchmark: our JPEG-LS decoder side by side with CharLS 2.4 (Debian's libcharls, in memory, through
# JNI) in the same JMH run, one thread, on gen_images.py's images encoded by CharLS and on real corpus frames. Usage,
# from the repository root:
#   ./mvnw -B -q -pl benchmarks -am package -DskipTests && benchmarks/scripts/jpegls-bench.sh [JMH options]
# Runs under flock /tmp/openahi-bench.lock so that benchmarks do not overlap.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${OPENAHI_SHARED:-$root/../shared}"
java_home="${JAVA_HOME:-$("$root/openahi" java)}"
images="$root/benchmarks/target/htj2k-images"
[[ -f "$images/gray16_3000.le.raw" ]] || python3 "$shared/htj2k/scripts/gen_images.py" "$images" >/dev/null
shim="$("$root/benchmarks/scripts/build-charls-shim.sh" | tail -n 1)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
flock /tmp/openahi-bench.lock "$java_home/bin/java" -jar "$root/benchmarks/target/benchmarks.jar" \
  'org.openahi.bench.jpegls.*' -jvmArgsAppend "-Djpegls.images=$images -Djpegls.corpus=$shared/dicom \
  -Dcharls.shim=$shim --enable-native-access=ALL-UNNAMED" "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
