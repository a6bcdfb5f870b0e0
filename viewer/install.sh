#!/usr/bin/env bash
# Installs the OHIF viewer that openahi serves at /viewer/: the prebuilt files of the npm package @ohif/app at the
# pinned version, checked against the pinned integrity, into viewer/target/ohif-<version>/ (never committed), and
# prints that folder. Idempotent: nothing is fetched when it is there. Without npm it says so and exits 1, and
# ./openahi serve starts without the viewer. The AI segmentation runtime (dist/ort, 136 MB) and the microscopy viewer
# are left out: no mode openahi configures loads them. The build expects to be served at /: its references are moved
# under /viewer/ here, once (index.html's links, webpack's public path in each bundle, the stylesheet's fonts), so a
# folder for OPENAHI_VIEWER_DIR is one this script made.
set -euo pipefail
version=3.13.2
integrity="sha512-WZdxmpmG7rqFgW9ZJLcbgr3XCtLi1KDNPoMaeY5PPe6j4G4fjEjjkycZM6C6Zk2F87BKxFfpq+jd5xXZB9E8EA=="
root="$(cd "$(dirname "$0")" && pwd)"
dest="$root/target/ohif-$version-viewer"
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
dist="$work/package/dist"
sed -i -e 's#="/#="/viewer/#g' "$dist/index.html"
grep -l '__webpack_require__.p = "/";' "$dist"/*.js | xargs sed -i -e 's#__webpack_require__.p = "/";#__webpack_require__.p = "/viewer/";#'
sed -i -e 's#url(/#url(/viewer/#g' "$dist"/*.css
mkdir -p "$root/target"
rm -rf "$dest.partial"
mv "$dist" "$dest.partial"
mv "$dest.partial" "$dest"
echo "$dest"
