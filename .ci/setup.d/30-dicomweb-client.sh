#!/usr/bin/env bash
# dicomweb-client (the JavaScript DICOMweb client OHIF uses) for DicomWebClientIT, pinned by package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/../../conformance/src/test/js"
if ! command -v npm >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
npm ci --silent --no-audit --no-fund
echo "dicomweb-client: $(node -p "require('dicomweb-client/package.json').version")"
