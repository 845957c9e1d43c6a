#!/usr/bin/env bash
# Installs the Debian 12 packages OrgConsole needs to build (and, with --tests, to run its tests).
# Idempotent: when everything is already present it installs nothing and prints nothing.
set -euo pipefail

build_pkgs=(
  cmake g++ make ninja-build pkg-config
  qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite libqt6sql6-psql qtkeychain-qt6-dev libsecret-1-0
  libcurl4-openssl-dev libssl-dev libphonenumber-dev libkainjow-mustache-dev libxkbcommon-dev
  qt6-qpa-plugins qt6-translations-l10n fonts-dejavu-core help2man
)
test_pkgs=(
  postgresql python3-aiosmtpd gnome-keyring dbus dbus-x11 libsecret-tools xvfb xauth openssl nodejs npm
  dpkg-dev desktop-file-utils appstream librsvg2-bin man-db xdotool x11-utils imagemagick
)

pkgs=("${build_pkgs[@]}")
if [ "${1:-}" = "--tests" ]; then pkgs+=("${test_pkgs[@]}"); fi

missing=()
for p in "${pkgs[@]}"; do
  # node/npm may come from outside Debian on the base image; only ask apt when the command is missing
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]} — run as root (or with sudo) to install them" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
