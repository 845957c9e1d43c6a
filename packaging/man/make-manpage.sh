#!/usr/bin/env bash
# Generates a gzipped man page from a program's --help with help2man, plus man/<name>.h2m (environment, files,
# examples). For orgctl it adds a COMMANDS section from `orgctl <command> --help` of every command that
# `orgctl --help` lists, and fails when one of them has no help — so the man page and --help cannot drift apart.
# Usage: make-manpage.sh PROGRAM OUTPUT.1.gz "one-line description"
set -euo pipefail
program=$1 output=$2 description=$3
name=$(basename "$program")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# No settings or keyring of the user building this; the console needs no display for --help.
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME" "$work/bin"
# help2man shows the program as it was called: call it by its name, not by its build path.
ln -s "$(readlink -f "$program")" "$work/bin/$name"
export PATH="$work/bin:$PATH"

# roff for one command's QCommandLineParser help; the common options are documented once, under OPTIONS.
format_command_help() {
  awk '
    function esc(s) { gsub(/\\/, "\\e", s); gsub(/-/, "\\-", s); return s }
    function flush() { if (item != "") { print ".TP"; print "\\fB" esc(item) "\\fR" (arg != "" ? " \\fI" esc(arg) "\\fR" : ""); print esc(text) } item = ""; text = "" }
    NR == 1 { sub(/^Usage: /, ""); print ".SS \"" esc($0) "\""; next }
    /^Options:$/ { inopts = 1; next }
    /^Subcommands:$/ { inopts = 0; next }
    !inopts && /^$/ { next }
    !inopts { line = $0; sub(/^ +/, "", line); print (line ~ /^[.\x27]/ ? "\\&" : "") esc(line); if ($0 ~ /^  /) print ".br"; next }
    /^  -/ {
      flush()
      line = $0; sub(/^ +/, "", line)
      split(line, parts, /  +/)
      spec = parts[1]; text = substr(line, length(spec) + 1); sub(/^ +/, "", text)
      arg = ""
      if (match(spec, / <[^>]+>$/)) { arg = substr(spec, RSTART + 1); spec = substr(spec, 1, RSTART - 1) }
      if (spec ~ /^(-h, --help|--help-all|--database|--json)$/) { skip = 1; item = ""; text = ""; next }
      skip = 0; item = spec; next
    }
    /^      / { if (!skip) { line = $0; sub(/^ +/, "", line); text = text " " line } next }
    END { flush() }
  '
}

includes=("$here/$name.h2m")
if [ "$name" = orgctl ]; then
  help=$("$name" --help)
  # "  approve ID --country CC" → approve; "  org add --name N" → org add; "  mail preview approval|failure" → mail preview
  mapfile -t commands < <(printf '%s\n' "$help" | awk '
    /^Commands:$/ { on = 1; next }
    on && /^$/ { exit }
    on && /^  [a-z]/ {
      syntax = substr($0, 3); sub(/  .*/, "", syntax)   # the description follows after two spaces
      n = split(syntax, w, " "); cmd = ""
      for (i = 1; i <= n && w[i] ~ /^[a-z][a-z-]*$/; i++) cmd = cmd (cmd == "" ? "" : " ") w[i]
      print cmd
    }')
  [ ${#commands[@]} -ge 10 ] || { echo "make-manpage: found only ${#commands[@]} commands in orgctl --help" >&2; exit 1; }
  {
    echo "[COMMANDS]"
    echo "Every command also takes \\fB\\-\\-database\\fR \\fIURL\\fR, \\fB\\-\\-json\\fR and \\fB\\-\\-help\\fR."
    for command in "${commands[@]}"; do
      # shellcheck disable=SC2086 # the command may be two words (org add)
      if ! text=$("$name" $command --help 2>&1); then
        echo "make-manpage: \"orgctl $command --help\" failed: $text" >&2
        exit 1
      fi
      case "$text" in "Usage: orgctl ${command%% *}"*) ;; *) echo "make-manpage: \"orgctl $command --help\" prints no usage line" >&2; exit 1 ;; esac
      printf '%s\n' "$text" | format_command_help
    done
    echo
    cat "$here/$name.h2m"
  } > "$work/include.h2m"
  includes=("$work/include.h2m")
fi

help2man --no-info --locale=C.UTF-8 --name="$description" --section=1 --manual="User Commands" --source="OrgConsole" \
  --include="${includes[0]}" --output="$work/$name.1" "$name"
# help2man warns on stderr but still writes a page; an empty page is a failure.
grep -q '^\.SH DESCRIPTION' "$work/$name.1" || { echo "make-manpage: $name.1 has no DESCRIPTION" >&2; exit 1; }
gzip -9n < "$work/$name.1" > "$output.tmp"
mv "$output.tmp" "$output"
