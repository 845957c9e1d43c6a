#!/usr/bin/env bash
# One command: install what is needed, build, and open the console in sandbox mode on a demo database
# (SQLite, created on first run with realistic organizations). Run it from a desktop session.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${ORGCONSOLE_BUILD_DIR:-build}

bash packaging/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target orgconsole orgctl -j"$(nproc)"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: built $build/app/orgconsole, but there is no display to open it on." >&2
  echo "      Run this from a desktop session, or try it headless: xvfb-run -a $build/app/orgconsole --sandbox" >&2
  exit 1
fi
exec "$build/app/orgconsole" --sandbox "$@"
