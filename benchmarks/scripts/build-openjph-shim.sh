#!/usr/bin/env bash
# Builds the OpenJPH side of the htj2k benchmark: the C shim of ../shared/htj2k/scripts/shim (copied, not kept in
# the repository) and the JNI glue in benchmarks/src/main/cpp, linked against Debian's libopenjph 0.9.0, into
# benchmarks/target/openjph-shim/libopenjph_jni.so. Needs g++ and libopenjph-dev (installed when run as root).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${OPENAHI_SHARED:-$root/../shared}"
out="$root/benchmarks/target/openjph-shim"
java_home="${JAVA_HOME:-$("$root/openahi" java)}"
if ! [[ -f /usr/include/openjph/ojph_codestream.h ]] || ! command -v g++ >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenjph-dev g++ >/dev/null
fi
mkdir -p "$out"
cp "$shared/htj2k/scripts/shim/htj2k_shim.cpp" "$out/"
g++ -O2 -fPIC -shared -I"$java_home/include" -I"$java_home/include/linux" -o "$out/libopenjph_jni.so" \
  "$out/htj2k_shim.cpp" "$root/benchmarks/src/main/cpp/openjph_jni.cpp" -lopenjph
echo "$out/libopenjph_jni.so"
