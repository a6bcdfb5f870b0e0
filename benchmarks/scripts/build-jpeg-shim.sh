#!/usr/bin/env bash
# Builds the native side of the jpeg benchmark: benchmarks/src/main/cpp/jpeg_jni.cpp linked against Debian's
# libjpeg-turbo 2.1 (libjpeg62-turbo) and DCMTK 3.6.7's JPEG decoders with their IJG 8/12/16-bit builds, into
# benchmarks/target/jpeg-shim/libjpeg_jni.so. Needs g++, libjpeg62-turbo-dev and libdcmtk-dev (installed when run
# as root).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/benchmarks/target/jpeg-shim"
java_home="${JAVA_HOME:-$("$root/openahi" java)}"
if ! [[ -f /usr/include/jpeglib.h && -f /usr/include/dcmtk/dcmjpeg/djdijg16.h ]] || ! command -v g++ >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjpeg62-turbo-dev libdcmtk-dev g++ >/dev/null
fi
mkdir -p "$out"
g++ -O2 -fPIC -shared -I"$java_home/include" -I"$java_home/include/linux" -o "$out/libjpeg_jni.so" \
  "$root/benchmarks/src/main/cpp/jpeg_jni.cpp" -ljpeg -ldcmjpeg -ldcmimgle -ldcmdata -loflog -lofstd \
  -lijg8 -lijg12 -lijg16
echo "$out/libjpeg_jni.so"
