#!/usr/bin/env bash
# The HTJ2K tests' WASM verifier (OpenJPH 0.31 through @cornerstonejs/codec-openjph). Its scripts come from
# $OPENAHI_SHARED/htj2k/verifier, which is read-only, so they are copied and installed in $OPENAHI_HTJ2K_VERIFIER,
# by default ~/.cache/openahi/htj2k-verifier (where the tests look). Idempotent: npm runs only when the package is
# missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${OPENAHI_SHARED:-$root/../shared}"
verifier="${OPENAHI_HTJ2K_VERIFIER:-$HOME/.cache/openahi/htj2k-verifier}"
mkdir -p "$verifier"
cp "$shared/htj2k/verifier/package.json" "$shared/htj2k/verifier/verify.js" "$shared/htj2k/verifier/encode.js" \
  "$verifier/"
chmod u+w "$verifier"/*
if [[ ! -d "$verifier/node_modules/@cornerstonejs/codec-openjph" ]]; then
  (cd "$verifier" && npm install --no-audit --no-fund --silent)
fi
echo "htj2k verifier: $verifier"
