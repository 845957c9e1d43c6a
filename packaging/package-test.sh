#!/usr/bin/env bash
# Builds the Debian package with CPack, installs it with apt as a support team would, and runs what it installed:
# orgctl --version, the man page, orgctl check-config against orgctl's own sandbox, and orgconsole --sandbox under
# Xvfb until its main window is mapped (title and desktop-file link checked, screenshot taken). Any failure stops
# the script with a message saying which step failed.
#
# Usage (as root; CI runs it at the end of tests/run-all.sh): packaging/package-test.sh BUILD_DIR
# The package is removed again at the end unless it was installed before or ORGCONSOLE_KEEP_PACKAGE=1.
# The screenshot is left in BUILD_DIR/package-test/orgconsole-sandbox.png.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: package-test.sh BUILD_DIR}" && pwd)
out="$build/package-test"
app_id=io.orgconsole.OrgConsole

step() { printf '\n== package-test: %s\n' "$*" >&2; }
fail() { printf 'package-test: FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run as root: the package is installed with apt-get"
for tool in cpack dpkg-deb dpkg-shlibdeps apt-get xvfb-run xdotool xprop import man; do
  command -v "$tool" >/dev/null || fail "$tool is missing (bash packaging/install-deps.sh --tests installs it)"
done

work=$(mktemp -d)
pids=()
installed_by_us=0
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$installed_by_us" = 1 ] && [ "${ORGCONSOLE_KEEP_PACKAGE:-0}" != 1 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq orgconsole >/dev/null 2>&1 || echo "package-test: could not remove the orgconsole package" >&2
  fi
  rm -rf "$work"
  [ $status -eq 0 ] || echo "package-test: see the output above for the failing step" >&2
}
trap cleanup EXIT
rm -rf "$out" && mkdir -p "$out"

step "cpack"
rm -f "$build"/orgconsole_*.deb
(cd "$build" && cpack -G DEB >"$out/cpack.log" 2>&1) || { cat "$out/cpack.log" >&2; fail "cpack"; }
debs=("$build"/orgconsole_*_amd64.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "cpack made no orgconsole_<version>_amd64.deb in $build"
deb=${debs[0]}
version=$(dpkg-deb -f "$deb" Version)
[ "$(basename "$deb")" = "orgconsole_${version}_amd64.deb" ] || fail "unexpected package file name $(basename "$deb")"
echo "$(basename "$deb"): $(stat -c %s "$deb") bytes, installed size $(dpkg-deb -f "$deb" Installed-Size) KiB" >&2

step "package metadata and contents"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends" >&2
echo "Recommends: $(dpkg-deb -f "$deb" Recommends)" >&2
for dep in libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6sql6 libqt6keychain1 libcurl4 libphonenumber8 \
           libsecret-1-0 libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins; do
  printf '%s\n' "$depends" | tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep -qx -- "$dep" || fail "Depends lacks $dep"
done
dpkg-deb -f "$deb" Recommends | grep -qw gnome-keyring || fail "Recommends lacks gnome-keyring"
dpkg-deb -c "$deb" | awk '{print $NF}' | grep -v '/$' | sed 's|^\./||' | sort > "$out/contents.txt"
cat > "$work/expected.txt" <<EOF
usr/bin/orgconsole
usr/bin/orgctl
usr/lib/systemd/system/orgconsole-server.service
usr/lib/systemd/system/orgconsole-worker@.service
usr/share/applications/$app_id.desktop
usr/share/icons/hicolor/scalable/apps/$app_id.svg
usr/share/man/man1/orgconsole.1.gz
usr/share/man/man1/orgctl.1.gz
usr/share/metainfo/$app_id.metainfo.xml
EOF
diff -u "$work/expected.txt" "$out/contents.txt" >&2 || fail "the package holds other files than the programs, desktop files and man pages"

step "apt-get install ./$(basename "$deb")"
dpkg-query -W -f='${Status}' orgconsole 2>/dev/null | grep -q 'install ok installed' || installed_by_us=1
(cd "$build" && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "./$(basename "$deb")" >"$out/apt.log" 2>&1) \
  || { cat "$out/apt.log" >&2; fail "apt-get install"; }
[ "$(dpkg-query -W -f='${Version}' orgconsole)" = "$version" ] || fail "orgconsole $version is not installed after apt-get install"

step "installed desktop entry, metainfo and icon"
bash "$here/validate-metadata.sh" /usr/share/applications/$app_id.desktop /usr/share/metainfo/$app_id.metainfo.xml \
  /usr/share/icons/hicolor/scalable/apps/$app_id.svg || fail "validating the installed desktop files"

step "/usr/bin/orgctl --version, --help and man orgctl"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
  XDG_RUNTIME_DIR="$work/runtime" LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset ORGCONSOLE_DATABASE DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM
got=$(/usr/bin/orgctl --version) || fail "orgctl --version exited with $?"
[ "$got" = "orgctl $version" ] || fail "orgctl --version printed \"$got\", expected \"orgctl $version\""
echo "$got" >&2
/usr/bin/orgctl --help | grep -q '^Usage: orgctl <command>' || fail "orgctl --help"
for page in orgctl orgconsole; do
  MANWIDTH=80 man -l "/usr/share/man/man1/$page.1.gz" > "$out/$page.1.txt" 2>"$work/man.err" || fail "man -l $page.1.gz"
  [ ! -s "$work/man.err" ] || { cat "$work/man.err" >&2; fail "man -l $page.1.gz warns"; }
done
grep -q 'check-config' "$out/orgctl.1.txt" || fail "the orgctl man page does not document check-config"

step "orgctl check-config against orgctl sandbox"
/usr/bin/orgctl sandbox --port 0 --smtp-port 0 > "$work/sandbox.env" 2>"$out/sandbox.log" &
pids+=($!)
for _ in $(seq 100); do
  grep -q '^export ORGCONSOLE_SANDBOX_LEDGER=' "$work/sandbox.env" && break
  kill -0 "${pids[-1]}" 2>/dev/null || { cat "$out/sandbox.log" >&2; fail "orgctl sandbox exited"; }
  sleep 0.1
done
grep -q '^export ORGCONSOLE_SANDBOX_LEDGER=' "$work/sandbox.env" || fail "orgctl sandbox printed no environment in 10 s"
(
  # shellcheck disable=SC1091
  . "$work/sandbox.env"
  export ADMIN_EMAIL_FROM_USER=noreply@orgconsole.example
  /usr/bin/orgctl check-config --database "sqlite:$work/check.sqlite" > "$out/check-config.json"
) || { cat "$out/check-config.json" >&2; fail "orgctl check-config exited with an error"; }
for check in database twilio vapi smtp; do
  python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["checks"][sys.argv[2]]; sys.exit(0 if c.get("ok") is True else 1)' \
    "$out/check-config.json" "$check" || { cat "$out/check-config.json" >&2; fail "check-config: $check is not ok"; }
done
echo "check-config: database, twilio, vapi and smtp ok" >&2

step "the systemd unit, and the installed orgctl serve answering /healthz"
unit=/usr/lib/systemd/system/orgconsole-server.service
for directive in 'ExecStart=/usr/bin/orgctl serve' 'EnvironmentFile=/etc/orgconsole/server.env' 'NoNewPrivileges=yes' \
                 'ProtectSystem=strict' 'PrivateTmp=yes' 'DynamicUser=yes'; do
  grep -qF -- "$directive" "$unit" || fail "$unit lacks $directive"
done
(
  # shellcheck disable=SC1091
  . "$work/sandbox.env"
  /usr/bin/orgctl serve --listen 127.0.0.1:0 --database "sqlite:$work/serve.sqlite" > "$work/serve.out" 2>"$out/serve.log" &
  serve=$!
  trap 'kill $serve 2>/dev/null || true' EXIT
  for _ in $(seq 100); do grep -q '^listening on ' "$work/serve.out" && break; sleep 0.1; done
  url=$(sed -n 's/^listening on //p' "$work/serve.out")
  [ -n "$url" ] || { cat "$out/serve.log" >&2; exit 1; }
  python3 -c 'import json,sys,urllib.request; r=json.load(urllib.request.urlopen(sys.argv[1]+"/healthz")); sys.exit(0 if r.get("database") is True else 1)' "$url"
  kill -TERM $serve && wait $serve
) || fail "orgctl serve did not answer /healthz (or did not exit 0 on SIGTERM)"
echo "orgctl serve: /healthz ok, SIGTERM exit 0" >&2

step "the worker unit, and the installed orgctl worker draining a queued approval"
unit=/usr/lib/systemd/system/orgconsole-worker@.service
for directive in 'ExecStart=/usr/bin/orgctl worker' 'EnvironmentFile=/etc/orgconsole/worker.env' 'KillSignal=SIGTERM' \
                 'NoNewPrivileges=yes' 'ProtectSystem=strict' 'DynamicUser=yes'; do
  grep -qF -- "$directive" "$unit" || fail "$unit lacks $directive"
done
(
  # shellcheck disable=SC1091
  . "$work/sandbox.env"
  export ORGCONSOLE_DATABASE="sqlite:$work/worker.sqlite"
  id=$(/usr/bin/orgctl org add --name "Worker Check" --owner-email owner@worker.example --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  /usr/bin/orgctl approve "$id" --area-code 510 --queue >/dev/null
  /usr/bin/orgctl worker --concurrency 1 > "$work/worker.out" 2>"$out/worker.log" &
  worker=$!
  trap 'kill $worker 2>/dev/null || true' EXIT
  for _ in $(seq 300); do grep -q ' succeeded' "$work/worker.out" && break; sleep 0.1; done
  grep -q ' succeeded' "$work/worker.out" || { cat "$out/worker.log" >&2; exit 1; }
  kill -TERM $worker && wait $worker
) || fail "orgctl worker did not set up the queued approval (or did not exit 0 on SIGTERM)"
echo "orgctl worker: queued approval set up, SIGTERM exit 0" >&2
kill "${pids[-1]}" && wait "${pids[-1]}" 2>/dev/null || true
unset 'pids[-1]'

step "orgconsole --sandbox under Xvfb"
cat > "$work/gui.sh" <<'EOF'
#!/usr/bin/env bash
# Runs inside xvfb-run: start the installed console, wait for its main window, check it, photograph it, stop it.
set -euo pipefail
out=$1
/usr/bin/orgconsole --sandbox > "$out/orgconsole.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
window=
for _ in $(seq 600); do  # 60 s: the first start creates and fills the demo database
  # By class, then the title: xdotool's --name cannot match a UTF-8 title with an em dash.
  for w in $(xdotool search --onlyvisible --class orgconsole 2>/dev/null); do
    [ "$(xdotool getwindowname "$w" 2>/dev/null)" = 'Sandbox — OrgConsole' ] && window=$w && break
  done
  [ -n "$window" ] && break
  kill -0 $pid 2>/dev/null || { cat "$out/orgconsole.log" >&2; echo "orgconsole --sandbox exited before showing its window" >&2; exit 1; }
  sleep 0.1
done
[ -n "$window" ] || { cat "$out/orgconsole.log" >&2; echo "no visible \"Sandbox — OrgConsole\" window after 60 s" >&2; exit 1; }
echo "window $window: \"$(xdotool getwindowname "$window")\"" >&2
props=$(xprop -id "$window" WM_CLASS _NET_WM_PID 2>&1)
echo "$props" >&2
echo "$props" | grep -q "_NET_WM_PID(CARDINAL) = $pid" || { echo "the window does not belong to the started orgconsole" >&2; exit 1; }
echo "$props" | grep -q 'WM_CLASS(STRING) = "orgconsole", "orgconsole"' || { echo "WM_CLASS does not match StartupWMClass=orgconsole" >&2; exit 1; }
sleep 2  # let the first paint and the organizations list settle before the screenshot
kill -0 $pid 2>/dev/null || { cat "$out/orgconsole.log" >&2; echo "orgconsole --sandbox died after showing its window" >&2; exit 1; }
import -window "$window" "$out/orgconsole-sandbox.png"
kill $pid
wait $pid 2>/dev/null || true
EOF
timeout 150 xvfb-run -a -s "-screen 0 1280x800x24" bash "$work/gui.sh" "$out" || fail "orgconsole --sandbox under Xvfb"
colours=$(convert "$out/orgconsole-sandbox.png" -format '%k' info:)
[ "$colours" -gt 50 ] || fail "the screenshot has only $colours colours: the window looks empty"
echo "screenshot: $out/orgconsole-sandbox.png ($colours colours)" >&2

step "passed: $(basename "$deb") builds, installs and runs"
