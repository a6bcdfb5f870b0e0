#!/usr/bin/env bash
# dicomweb-client (the JavaScript DICOMweb client OHIF uses) for DicomWebClientIT, pinned by package-lock.json.
# Idempotent: npm runs only when the pinned version is not installed yet.
set -euo pipefail
cd "$(dirname "$0")/../../conformance/src/test/js"
pinned="$(node -p "require('./package-lock.json').packages['node_modules/dicomweb-client'].version")"
installed="$(node -p "try { require('dicomweb-client/package.json').version } catch (e) { '' }")"
if [[ "$pinned" != "$installed" ]]; then
  npm ci --silent --no-audit --no-fund
fi
echo "dicomweb-client: $(node -p "require('dicomweb-client/package.json').version")"
