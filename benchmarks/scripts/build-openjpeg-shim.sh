#!/usr/bin/env bash
# Builds the OpenJPEG side of the JPEG 2000 benchmark: the JNI glue in benchmarks/src/main/c linked against Debian's
# libopenjp2 (OpenJPEG 2.5) into benchmarks/target/openjpeg-shim/libopenjpeg_jni.so. Needs gcc and
# libopenjp2-7-dev (installed when run as root).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/benchmarks/target/openjpeg-shim"
java_home="${JAVA_HOME:-$("$root/openahi" java)}"
if ! [[ -f /usr/include/openjpeg-2.5/openjpeg.h ]] || ! command -v gcc >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenjp2-7-dev gcc >/dev/null
fi
mkdir -p "$out"
gcc -O2 -fPIC -shared -I"$java_home/include" -I"$java_home/include/linux" -I/usr/include/openjpeg-2.5 \
  -o "$out/libopenjpeg_jni.so" "$root/benchmarks/src/main/c/openjpeg_jni.c" -lopenjp2
echo "$out/libopenjpeg_jni.so"
