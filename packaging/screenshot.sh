#!/usr/bin/env bash
# Renders every main view of the console to PNG under Xvfb, as a user sees it in the sandbox demo.
#   packaging/screenshot.sh [BUILD_DIR] [OUT_DIR]
# Needs: xvfb, xauth (packaging/install-deps.sh --tests installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=${2:-resources/screenshots}
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -p "$out"
HOME=$home XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config XDG_RUNTIME_DIR=$home/run \
  xvfb-run -a -s "-screen 0 1366x800x24 -dpi 96" "$build/app/orgconsole_render_views" "$out"
