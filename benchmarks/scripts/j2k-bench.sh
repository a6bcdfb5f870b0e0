#!/usr/bin/env bash
# The JPEG 2000 benchmark: our Part 1 lossless encoder and decoder side by side with OpenJPEG 2.5 (in memory, through
# JNI, one thread) in the same JMH run, on gen_images.py's 512x512 and 3000x3000 images. Usage, from the repository
# root:
#   ./mvnw -B -q -pl benchmarks -am package -DskipTests && benchmarks/scripts/j2k-bench.sh [JMH options]
# Runs under flock /tmp/openahi-bench.lock so that benchmarks do not overlap.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${OPENAHI_SHARED:-$root/../shared}"
java_home="${JAVA_HOME:-$("$root/openahi" java)}"
images="$root/benchmarks/target/htj2k-images"
[[ -f "$images/gray16_3000.le.raw" ]] || python3 "$shared/htj2k/scripts/gen_images.py" "$images" >/dev/null
shim="$("$root/benchmarks/scripts/build-openjpeg-shim.sh" | tail -n 1)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
flock /tmp/openahi-bench.lock "$java_home/bin/java" -jar "$root/benchmarks/target/benchmarks.jar" \
  'org.openahi.bench.j2k.*' -jvmArgsAppend "-Dhtj2k.images=$images -Dopenjpeg.shim=$shim --enable-native-access=ALL-UNNAMED" "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
