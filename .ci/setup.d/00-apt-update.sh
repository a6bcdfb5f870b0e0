#!/usr/bin/env bash
# Refresh the package lists once, and only when an oracle the later scripts install with apt-get is missing.
set -euo pipefail
if command -v apt-get >/dev/null 2>&1; then
  for tool in dcm2json ojph_expand opj_decompress npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      apt-get update -qq
      break
    fi
  done
fi
