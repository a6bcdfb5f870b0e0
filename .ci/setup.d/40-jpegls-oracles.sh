#!/usr/bin/env bash
# CharLS for the jpegls tests: the headers and library of Debian's libcharls (2.4) and a C compiler, with which the
# tests build their small CharLS front end (jpegls/src/test/c/charls_tool.c). DCMTK (dcmcjpls, dcmdjpls) comes from
# 10-dcmtk.sh. Idempotent; refreshes the package lists only when the install needs them.
set -euo pipefail
if command -v apt-get >/dev/null 2>&1; then
  if [[ ! -f /usr/include/charls/charls.h ]] || ! command -v cc >/dev/null 2>&1; then
    install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcharls-dev gcc >/dev/null; }
    install || { apt-get update -qq && install; }
  fi
fi
echo "jpegls oracles: $(command -v cc) /usr/include/charls/charls.h"
