#!/usr/bin/env bash
# Renders the console's main window to a PNG under Xvfb, as a user would see it on a demo database.
#   packaging/screenshot.sh [BUILD_DIR] [OUT.png]
# Needs: xvfb, xauth, imagemagick (import).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=${2:-resources/screenshots/organizations.png}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -p "$(dirname "$out")"
HOME=$home XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config \
xvfb-run -a -s "-screen 0 1366x800x24" bash -c '
  "$1" --sandbox & pid=$!
  for i in $(seq 1 100); do
    xwininfo -root -tree 2>/dev/null | grep -q "OrgConsole" && break
    sleep 0.2
  done
  sleep 1.5
  import -window root "$2"
  kill $pid
' _ "$build/app/orgconsole" "$out"
echo "wrote $out"
