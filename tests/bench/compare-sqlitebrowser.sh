#!/bin/sh
# compare-sqlitebrowser.sh: cold start until the table is on screen, and memory, for orgconsole and for Debian's
# sqlitebrowser (DB Browser for SQLite) opening the same million-row organizations table, side by side as ratios
# (ours ÷ theirs; below 1 means orgconsole is faster or smaller). A benchmark, not a test: it prints figures.
#
# Both programs are timed the same way, from outside: spawned on an X server of their own, the screen is read
# every few milliseconds (XGetImage via python3's ctypes, hashed) until it has not changed for QUIET seconds;
# "shown" is the moment the screen reached that final picture (a blinking cursor is allowed for: the final
# picture may be a set of frames), "mapped" is the first frame with anything on it. RSS and its high-water mark
# come from /proc once the screen is settled. Each program gets a fresh HOME (no remembered settings).
#
#   tests/bench/compare-sqlitebrowser.sh [BUILD_DIR] [DATABASE] [RUNS]
#     BUILD_DIR  default: build (needs app/orgconsole; tests/bench/bench_console seeds the database if missing)
#     DATABASE   default: the newest /tmp/orgconsole-bench/orgs-1000000-schema*.sqlite (bench_console's cache)
#     RUNS       default: 3 (median reported)
# Environment: QUIET (1.5 s of no change = settled), LIMIT (20 s per start at most).
# Runs itself under `xvfb-run -a` when there is no DISPLAY. Needs: sqlitebrowser, xvfb, python3.
set -eu

if [ -z "${DISPLAY:-}" ]; then
    exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi

BUILD=${1:-build}
DB=${2:-}
RUNS=${3:-3}
QUIET=${QUIET:-1.5}
LIMIT=${LIMIT:-20}

ORGCONSOLE="$BUILD/app/orgconsole"
[ -x "$ORGCONSOLE" ] || { echo "no $ORGCONSOLE: build the orgconsole target first" >&2; exit 2; }
command -v sqlitebrowser >/dev/null || { echo "sqlitebrowser is not installed (apt-get install sqlitebrowser)" >&2; exit 2; }
if [ -z "$DB" ]; then
    DB=$(ls -t /tmp/orgconsole-bench/orgs-1000000-schema*.sqlite 2>/dev/null | head -n 1 || true)
    if [ -z "$DB" ]; then
        echo "seeding the million-row database once (bench_console's cache)…" >&2
        "$BUILD/tests/bench/bench_console" --skip a,b,c,d,e >&2
        DB=$(ls -t /tmp/orgconsole-bench/orgs-1000000-schema*.sqlite | head -n 1)
    fi
fi
[ -f "$DB" ] || { echo "no database $DB" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Spawns the command, watches the screen, prints "mapped_ms shown_ms rss_kb hwm_kb", kills the command.
cat >"$WORK/watch.py" <<'PY'
import ctypes, hashlib, os, signal, subprocess, sys, time

quiet, limit = float(sys.argv[1]), float(sys.argv[2])
cmd = sys.argv[3:]

class XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int), ("format", ctypes.c_int),
                ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int),
                ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int),
                ("bytes_per_line", ctypes.c_int)]

x11 = ctypes.cdll.LoadLibrary("libX11.so.6")
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XDefaultRootWindow.restype = ctypes.c_ulong
x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x11.XGetImage.restype = ctypes.POINTER(XImage)
x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                          ctypes.c_ulong, ctypes.c_int]
x11.XFree.argtypes = [ctypes.c_void_p]
x11.XDisplayWidth.argtypes = x11.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
display = x11.XOpenDisplay(None)
root = x11.XDefaultRootWindow(display)
w, h = x11.XDisplayWidth(display, 0), x11.XDisplayHeight(display, 0)

def frame():
    img = x11.XGetImage(display, root, 0, 0, w, h, 0xFFFFFFFF, 2)  # AllPlanes, ZPixmap
    digest = hashlib.md5(ctypes.string_at(img.contents.data, img.contents.bytes_per_line * img.contents.height)).digest()
    x11.XFree(img.contents.data)
    x11.XFree(img)
    return digest

empty = frame()
start = time.monotonic()
proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
frames = []  # (seconds since spawn, digest)
last_change = 0.0
while True:
    now = time.monotonic() - start
    d = frame()
    if not frames or d != frames[-1][1]:
        last_change = now
    frames.append((now, d))
    if (d != empty and now - last_change >= quiet) or now >= limit or proc.poll() is not None:
        break
    time.sleep(0.004)

status = {}
try:
    with open("/proc/%d/status" % proc.pid) as f:
        for line in f:
            k, _, v = line.partition(":")
            status[k] = v.split()[0] if v.split() else "0"
except OSError:
    pass
proc.send_signal(signal.SIGTERM)
try:
    proc.wait(5)
except subprocess.TimeoutExpired:
    proc.kill()
    proc.wait()

mapped = next((t for t, d in frames if d != empty), float("nan"))
# The final picture: every frame seen in the quiet tail (a blinking cursor gives two). "Shown" is the earliest
# moment after which only those frames appear.
tail_start = frames[-1][0] - quiet * 0.9
final = {d for t, d in frames if t >= tail_start}
shown = frames[-1][0]
for t, d in reversed(frames):
    if d not in final:
        break
    shown = t
settled = frames[-1][0] - last_change >= quiet * 0.99
print("%.0f %.0f %s %s %d %s" % (mapped * 1000, shown * 1000, status.get("VmRSS", "0"), status.get("VmHWM", "0"), len(frames),
                                 "settled" if settled else "NOT-SETTLED"))
PY

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run NAME COMMAND...: RUNS starts, each with a fresh HOME; collects the watch lines in $WORK/NAME.
run() {
    name=$1
    shift
    : >"$WORK/$name"
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        i=$((i + 1))
        home="$WORK/home-$name-$i"
        mkdir -p "$home"
        line=$(HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" XDG_CACHE_HOME="$home/.cache" \
            python3 "$WORK/watch.py" "$QUIET" "$LIMIT" "$@")
        echo "  $name run $i: mapped $(echo "$line" | cut -d' ' -f1) ms, shown $(echo "$line" | cut -d' ' -f2) ms," \
             "RSS $(echo "$line" | cut -d' ' -f3) kB (HWM $(echo "$line" | cut -d' ' -f4) kB), $(echo "$line" | cut -d' ' -f5) frames, $(echo "$line" | cut -d' ' -f6)"
        echo "$line" >>"$WORK/$name"
        sleep 1
    done
}

col() { cut -d' ' -f"$2" "$WORK/$1" | median; }

echo "Cold start to the organizations table on screen, $RUNS runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "database: $DB ($(du -m "$DB" | cut -f1) MB)"
echo "sqlitebrowser $(dpkg-query -W -f '${Version}' sqlitebrowser 2>/dev/null || echo '?') — sqlitebrowser -R -t organizations DB"
# Dummy credentials: the console starts as against real vendors; nothing calls out before an approval.
run orgconsole env TWILIO_ACCOUNT_SID=ACbench00000000000000000000000000 TWILIO_AUTH_TOKEN=bench VAPI_API_KEY=bench \
    "$ORGCONSOLE" --database "$DB"
# Right after installing: nothing configured (no credentials, fresh settings): the window opens all the same.
run unconfigured env -u TWILIO_ACCOUNT_SID -u TWILIO_AUTH_TOKEN -u VAPI_API_KEY -u SMTP_URL "$ORGCONSOLE" --database "$DB"
run sqlitebrowser sqlitebrowser -R -t organizations "$DB"

ours_shown=$(col orgconsole 2); theirs_shown=$(col sqlitebrowser 2)
ours_mapped=$(col orgconsole 1); theirs_mapped=$(col sqlitebrowser 1)
ours_rss=$(col orgconsole 3); theirs_rss=$(col sqlitebrowser 3)
ours_hwm=$(col orgconsole 4); theirs_hwm=$(col sqlitebrowser 4)
bare_shown=$(col unconfigured 2); bare_rss=$(col unconfigured 3)
awk -v a="$ours_mapped" -v b="$theirs_mapped" -v c="$ours_shown" -v d="$theirs_shown" -v e="$ours_rss" -v f="$theirs_rss" \
    -v g="$ours_hwm" -v h="$theirs_hwm" -v i="$bare_shown" -v j="$bare_rss" 'BEGIN {
    printf "\n%-34s %12s %14s %8s\n", "median", "orgconsole", "sqlitebrowser", "ratio"
    printf "%-34s %9.0f ms %11.0f ms %8.2f\n", "spawn -> window mapped", a, b, a / b
    printf "%-34s %9.0f ms %11.0f ms %8.2f\n", "spawn -> table shown (settled)", c, d, c / d
    printf "%-34s %8.1f MiB %10.1f MiB %8.2f\n", "RSS once shown", e / 1024, f / 1024, e / f
    printf "%-34s %8.1f MiB %10.1f MiB %8.2f\n", "RSS high-water mark", g / 1024, h / 1024, g / h
    printf "%-34s %9.0f ms %11.0f ms %8.2f\n", "nothing configured: table shown", i, d, i / d
    printf "%-34s %8.1f MiB %10.1f MiB %8.2f\n", "nothing configured: RSS once shown", j / 1024, f / 1024, j / f
}'
