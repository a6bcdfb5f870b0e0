#!/usr/bin/env bash
# Installs the OHIF viewer that openahi serves at /viewer/: the prebuilt files of the npm package @ohif/app at the
# pinned version, checked against the pinned integrity, into viewer/target/ohif-<version>/ (never committed), and
# prints that folder. Idempotent: nothing is fetched when it is there. Without npm it says so and exits 1, and
# ./openahi serve starts without the viewer. The AI segmentation runtime (dist/ort, 136 MB) and the microscopy viewer
# are left out: no mode openahi configures loads them.
set -euo pipefail
version=3.13.2
integrity="sha512-WZdxmpmG7rqFgW9ZJLcbgr3XCtLi1KDNPoMaeY5PPe6j4G4fjEjjkycZM6C6Zk2F87BKxFfpq+jd5xXZB9E8EA=="
root="$(cd "$(dirname "$0")" && pwd)"
dest="$root/target/ohif-$version"
if [[ -f "$dest/index.html" ]]; then
  echo "$dest"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "openahi: npm is not installed, so the OHIF viewer (@ohif/app $version) is not; install Node.js and npm" \
    "(Debian: apt-get install npm) to have it at /viewer/" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "openahi: installing the OHIF viewer (@ohif/app $version) from npm..." >&2
fetched="$(cd "$work" && npm pack --json --silent "@ohif/app@$version")"
got="$(node -e 'console.log(JSON.parse(process.argv[1])[0].integrity)' "$fetched" 2>/dev/null \
  || echo "$fetched" | sed -n 's/.*"integrity": *"\([^"]*\)".*/\1/p')"
if [[ "$got" != "$integrity" ]]; then
  echo "openahi: @ohif/app $version from npm has integrity $got, not the pinned $integrity; not installed" >&2
  exit 1
fi
tar -xzf "$work"/ohif-app-"$version".tgz -C "$work" --exclude='package/dist/ort' \
  --exclude='package/dist/dicom-microscopy-viewer'
mkdir -p "$root/target"
rm -rf "$dest.partial"
mv "$work/package/dist" "$dest.partial"
mv "$dest.partial" "$dest"
echo "$dest"
