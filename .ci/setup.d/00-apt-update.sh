#!/usr/bin/env bash
# Refresh the package lists once; later setup scripts install what their tests compare against.
set -euo pipefail
if command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq
fi
