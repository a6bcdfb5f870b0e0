#!/usr/bin/env bash
# BrowserIT's browser and drivers: Debian's Chromium (apt), puppeteer-core, esbuild and the AWS SDK for JavaScript
# v3 (npm, pinned by conformance/src/test/browser/package-lock.json), and the OHIF viewer the server bundles
# (viewer/install.sh). Idempotent: each is installed only when missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/.ci/packages.sh"
need chromium has chromium
install_needed
cd "$root/conformance/src/test/browser"
pinned="$(node -p "require('./package-lock.json').packages['node_modules/puppeteer-core'].version")"
installed="$(node -p "try { require('./node_modules/puppeteer-core/package.json').version } catch (e) { '' }")"
if [[ "$pinned" != "$installed" ]]; then
  npm ci --silent --no-audit --no-fund
fi
viewer="$(bash "$root/viewer/install.sh")"
echo "browser: $(chromium --version 2>/dev/null | head -1), puppeteer-core $pinned, viewer $viewer"
