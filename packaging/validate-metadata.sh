#!/usr/bin/env bash
# Validates the desktop entry, the AppStream metainfo and the icon: desktop-file-validate, appstreamcli validate
# (strict; no network, the screenshot URLs are placeholders) and rendering the SVG with rsvg-convert.
# Usage: validate-metadata.sh DESKTOP_FILE METAINFO_FILE SVG_ICON
set -euo pipefail
desktop=$1 metainfo=$2 icon=$3
for tool in desktop-file-validate:desktop-file-utils appstreamcli:appstream rsvg-convert:librsvg2-bin; do
  command -v "${tool%%:*}" >/dev/null || { echo "validate-metadata: ${tool%%:*} missing (apt-get install ${tool#*:})" >&2; exit 1; }
done

# desktop-file-validate exits 0 on hints and warnings; fail on anything but hints.
out=$(desktop-file-validate "$desktop" 2>&1) || { echo "$out" >&2; exit 1; }
if printf '%s\n' "$out" | grep -v ': hint: ' | grep -q .; then echo "$out" >&2; exit 1; fi

out=$(appstreamcli validate --no-net --strict "$metainfo" 2>&1) || { echo "$out" >&2; exit 1; }

png=$(mktemp --suffix=.png)
trap 'rm -f "$png"' EXIT
rsvg-convert -w 64 -h 64 "$icon" -o "$png"
[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || { echo "validate-metadata: $icon did not render" >&2; exit 1; }
echo "validate-metadata: $(basename "$desktop"), $(basename "$metainfo") and $(basename "$icon") are valid"
