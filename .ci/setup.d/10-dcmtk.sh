#!/usr/bin/env bash
# DCMTK (dcm2json, dcmodify, dcmdump): the oracle the dicom module's corpus tests compare against.
set -euo pipefail
if ! command -v dcm2json >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dcmtk >/dev/null
fi
echo "dcmtk: $(command -v dcm2json)"
