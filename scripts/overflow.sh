#!/bin/sh
# overflow.sh — how wide a page lays out in a narrow window, with headless
# Chromium: prints "SCROLLWIDTH CLIENTWIDTH [ELEMENTS…]" for FILE loaded into
# an iframe WIDTH CSS pixels wide (scripts/measure-overflow.html); the page
# scrolls sideways when the first number is larger than the second.
#
#   scripts/overflow.sh FILE WIDTH [PROFILE-DIR]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
file=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
chromium=$(command -v chromium || command -v chromium-browser) || {
	echo "overflow.sh: chromium is not installed" >&2; exit 1; }
profile=${3:-$(mktemp -d)}
res=$(timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
	--user-data-dir="$profile" --allow-file-access-from-files --virtual-time-budget=10000 \
	--dump-dom "file://$top/scripts/measure-overflow.html#$2@file://$file" 2>/dev/null |
	sed -n 's/.*data-result="\([^"]*\)".*/\1/p')
[ -n "${3:-}" ] || rm -rf "$profile"
[ -n "$res" ] || { echo "overflow.sh: could not measure $1" >&2; exit 1; }
echo "$res"
