#!/usr/bin/env bash
# Oracles for the jpeg module's tests beside DCMTK (dcmcjpeg, dcmdjpeg: 10-dcmtk.sh): libjpeg-turbo's cjpeg, djpeg
# and jpegtran, which write restart markers, progressive scripts and sampling factors DCMTK's encoder does not.
set -euo pipefail
if ! command -v cjpeg >/dev/null 2>&1 || ! command -v djpeg >/dev/null 2>&1 || ! command -v jpegtran >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjpeg-turbo-progs >/dev/null
fi
if ! command -v dcmcjpeg >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dcmtk >/dev/null
fi
echo "jpeg oracles: $(command -v cjpeg) $(command -v djpeg) $(command -v jpegtran) $(command -v dcmcjpeg)"
