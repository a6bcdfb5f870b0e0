#!/usr/bin/env bash
# Builds hsdis-amd64.so for -XX:+PrintAssembly on this JDK: Debian's disassembler plugin (libhsdis0-fcml) exports
# only the old decode_instructions entry point, and JDK 25 looks for decode_instructions_virtual, so it prints hex.
# The shim forwards the one to the other. Prints the folder to put on LD_LIBRARY_PATH, e.g.
#   LD_LIBRARY_PATH=$(benchmarks/scripts/build-hsdis-shim.sh) java -XX:+UnlockDiagnosticVMOptions \
#     -XX:CompileCommand=print,org.openahi.htj2k.ht.HtBlockDecoder::vlcOtherRow ...
# Needs gcc and libhsdis0-fcml (installed when missing, as root).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/benchmarks/target/hsdis"
fcml=/usr/lib/x86_64-linux-gnu/libhsdis.so.0
if ! [[ -f "$fcml" ]] || ! command -v gcc >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libhsdis0-fcml gcc >/dev/null
fi
mkdir -p "$out"
cat >"$out/hsdis_shim.c" <<C
#include <dlfcn.h>
#include <stdint.h>

typedef void *(*event_callback)(void *, const char *, void *);
typedef int (*printf_callback)(void *, const char *, ...);
typedef void *(*decode_function)(void *, void *, event_callback, void *, printf_callback, void *, const char *);

/* HotSpot passes the code's own address as both the virtual address and the buffer. */
void *decode_instructions_virtual(uintptr_t start, uintptr_t end, unsigned char *buffer, uintptr_t length,
                                  event_callback events, void *event_stream, printf_callback printer,
                                  void *printer_stream, const char *options, int newline) {
  static decode_function decode;
  if (!decode) {
    decode = (decode_function) dlsym(dlopen("$fcml", RTLD_NOW), "decode_instructions");
  }
  return decode(buffer, buffer + length, events, event_stream, printer, printer_stream, options);
}
C
gcc -O2 -fPIC -shared -o "$out/hsdis-amd64.so" "$out/hsdis_shim.c" -ldl
echo "$out"
