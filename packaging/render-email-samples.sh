#!/usr/bin/env bash
# Renders the approval and failure e-mails (HTML part, sample data from `orgctl mail preview`) with
# headless Chromium at a phone width and a desktop-client width, into resources/email/samples/*.png.
# Usage: packaging/render-email-samples.sh [path/to/orgctl]   (default: build/app/orgctl)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
orgctl=${1:-$root/build/app/orgctl}
chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -x "$orgctl" ] || { echo "orgctl not found at $orgctl (build it or pass its path)" >&2; exit 1; }
[ -n "$chromium" ] || { echo "chromium is not installed (apt-get install chromium)" >&2; exit 1; }

out=$root/resources/email/samples
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

shoot() { # kind label width height
    local html=$work/$1.html profile
    profile=$(mktemp -d "$work/profile.XXXXXX") # a fresh profile per run: no state, no sync, no prompts
    "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --force-device-scale-factor=1 \
        --user-data-dir="$profile" --window-size="$3,$4" \
        --screenshot="$out/$1-$2.png" "file://$html" >/dev/null 2>&1
    [ -s "$out/$1-$2.png" ] || { echo "no screenshot for $1-$2" >&2; exit 1; }
    echo "$out/$1-$2.png"
}

for kind in approval failure; do
    "$orgctl" mail preview "$kind" > "$work/$kind.html"
    shoot "$kind" narrow 375 1500
    shoot "$kind" wide 900 1250
done
