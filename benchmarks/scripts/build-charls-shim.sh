#!/usr/bin/env bash
# Builds the CharLS side of the jpegls benchmark: the JNI glue in benchmarks/src/main/cpp/charls_jni.cpp linked
# against Debian's libcharls (2.4), into benchmarks/target/charls-shim/libcharls_jni.so. Needs g++ and libcharls-dev
# (installed when run as root).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/benchmarks/target/charls-shim"
java_home="${JAVA_HOME:-$("$root/openahi" java)}"
if ! [[ -f /usr/include/charls/charls.h ]] || ! command -v g++ >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcharls-dev g++ >/dev/null
fi
mkdir -p "$out"
g++ -O2 -fPIC -shared -I"$java_home/include" -I"$java_home/include/linux" -o "$out/libcharls_jni.so" \
  "$root/benchmarks/src/main/cpp/charls_jni.cpp" -lcharls
echo "$out/libcharls_jni.so"
