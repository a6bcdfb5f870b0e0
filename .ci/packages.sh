# Sourced by the .ci/setup.d scripts.  `need PACKAGE CHECK...` records the Debian package when the check command
# fails; `install_needed` then installs every recorded package in one apt-get run (lists refreshed first), as root or
# through sudo. When nothing is missing it runs nothing, so a machine that has every tool needs no root at all.
missing_packages=()

need() {
  local package="$1"
  shift
  "$@" >/dev/null 2>&1 || missing_packages+=("$package")
}

has() {
  command -v "$1"
}

install_needed() {
  ((${#missing_packages[@]})) || return 0
  local sudo=""
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "openahi: the tests need these Debian/Ubuntu packages (or their equivalents): ${missing_packages[*]}" >&2
    return 1
  fi
  if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo -n"
    else
      echo "openahi: the tests need packages that are not installed; as root: apt-get install ${missing_packages[*]}" >&2
      return 1
    fi
  fi
  echo "openahi: installing ${missing_packages[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing_packages[@]}" >/dev/null
}
