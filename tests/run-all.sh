#!/usr/bin/env bash
# One command: install what the build and the tests need, build, and run every test.
# The tests start their own servers (PostgreSQL, gnome-keyring under dbus-run-session).
# Usage: bash tests/run-all.sh        (as root on a fresh Debian 12, or with the packages already installed)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${ORGCONSOLE_BUILD_DIR:-build}

bash packaging/install-deps.sh --tests

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)"

# Prism validates the clients' requests (and the sandbox's responses) against the vendors' official specs.
prism="$build/prism/node_modules/.bin/prism"
if [ ! -x "$prism" ] || ! "$prism" --version 2>/dev/null | grep -qx '5.16.0'; then
  mkdir -p "$build/prism"
  npm install --prefix "$build/prism" --no-audit --no-fund --loglevel=error @stoplight/prism-cli@5.16.0 >/dev/null
fi

# The headless build proves core and orgctl need no QtWidgets at all.
cmake -S . -B "$build-headless" -G Ninja -DORGCONSOLE_GUI=OFF -DORGCONSOLE_TESTS=OFF >/dev/null
cmake --build "$build-headless" --target orgctl -j"$(nproc)"

cd "$build"
ctest --output-on-failure -j2 --timeout 900
cd - >/dev/null

# The Debian package: cpack, apt-get install ./orgconsole_*.deb, then run the installed orgctl and orgconsole.
bash packaging/package-test.sh "$build"
