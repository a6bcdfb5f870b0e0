#!/usr/bin/env bash
# Oracles for the htj2k tests: OpenJPH 0.9 (ojph_compress, ojph_expand), OpenJPEG 2.5 (opj_decompress), python3 with
# numpy (gen_images.py), and the WASM verifier (OpenJPH 0.31 through @cornerstonejs/codec-openjph). The verifier's
# scripts come from ../shared/htj2k/verifier, which is read-only, so they are copied and installed elsewhere:
# $OPENAHI_HTJ2K_VERIFIER, by default ~/.cache/openahi/htj2k-verifier (where the tests look). Idempotent.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${OPENAHI_SHARED:-$root/../shared}"

if command -v apt-get >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjph-tools libopenjp2-tools python3-numpy >/dev/null
fi

verifier="${OPENAHI_HTJ2K_VERIFIER:-$HOME/.cache/openahi/htj2k-verifier}"
mkdir -p "$verifier"
cp "$shared/htj2k/verifier/package.json" "$shared/htj2k/verifier/verify.js" "$shared/htj2k/verifier/encode.js" \
  "$verifier/"
chmod u+w "$verifier"/*
if [[ ! -d "$verifier/node_modules/@cornerstonejs/codec-openjph" ]]; then
  (cd "$verifier" && npm install --no-audit --no-fund --silent)
fi
echo "htj2k oracles: $(command -v ojph_expand) $(command -v opj_decompress) verifier in $verifier"
