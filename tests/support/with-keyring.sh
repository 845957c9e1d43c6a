#!/usr/bin/env bash
# Runs a test against a real, unlocked gnome-keyring on a private D-Bus session bus, in a throw-away HOME,
# so keychain tests never touch anyone's own keyring and work headless (CI, containers, root).
#   usage: with-keyring.sh <command> [args...]      exits with the command's exit code
# The command sees ORGCONSOLE_TEST_KEYRING=ready, or ORGCONSOLE_TEST_KEYRING_ERROR=<why> when the keyring
# could not be set up; the test then decides (fail under CI=true, skip otherwise).
set -uo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

sandbox=$(mktemp -d "${TMPDIR:-/tmp}/oc-keyring.XXXXXX") || exit 1
trap 'rm -rf -- "$sandbox"' EXIT

export HOME="$sandbox/home"
export XDG_RUNTIME_DIR="$sandbox/run"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_CACHE_HOME="$HOME/.cache"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
chmod 700 "$sandbox" "$HOME" "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"

# With no desktop detected QtKeychain picks libsecret, i.e. the Secret Service of our private daemon.
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_FULL_SESSION KDE_SESSION_VERSION GNOME_DESKTOP_SESSION_ID
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL SSH_AUTH_SOCK DISPLAY WAYLAND_DISPLAY
unset ORGCONSOLE_TEST_KEYRING ORGCONSOLE_TEST_KEYRING_ERROR

for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    ORGCONSOLE_TEST_KEYRING_ERROR="$tool not found (install dbus and gnome-keyring)" "$@"
    exit $?
  fi
done

# Runs inside the private session. --unlock reads the password from stdin and creates the "login"
# keyring (the default collection) unlocked. --daemonize returns before the daemon owns its bus name; a
# client arriving in between would make D-Bus activate a second daemon, so wait for the name.
inner='
has_secret_service() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"
}
if env_out=$(printf "%s" "$OC_KEYRING_PASSWORD" | gnome-keyring-daemon --daemonize --unlock --components=secrets 2>&1); then
  # The daemon prints NAME=value lines (GNOME_KEYRING_CONTROL, ...) for its clients.
  while IFS= read -r line; do
    case "$line" in [A-Z]*=*) export "$line" ;; esac
  done <<<"$env_out"
  for _ in $(seq 100); do
    has_secret_service && break
    sleep 0.1
  done
  if has_secret_service; then
    export ORGCONSOLE_TEST_KEYRING=ready
  else
    export ORGCONSOLE_TEST_KEYRING_ERROR="gnome-keyring-daemon never took org.freedesktop.secrets on the bus"
  fi
else
  export ORGCONSOLE_TEST_KEYRING_ERROR="gnome-keyring-daemon failed: ${env_out//$'\''\n'\''/ }"
fi
unset OC_KEYRING_PASSWORD
exec "$@"
'
# The password only travels through the environment to the daemon's stdin, never on a command line.
OC_KEYRING_PASSWORD="oc-test-$RANDOM$RANDOM" dbus-run-session -- bash -c "$inner" with-keyring "$@" &
session=$!
# ctest kills only us on timeout: pass it on to the test and the bus (which takes the daemon with it).
trap 'pkill -TERM -P "$session" 2>/dev/null; kill -TERM "$session" 2>/dev/null' TERM INT HUP
wait "$session"
status=$?
# A trapped signal interrupts the first wait; wait again for the real exit code.
if kill -0 "$session" 2>/dev/null; then
  wait "$session"
  status=$?
fi
exit "$status"
