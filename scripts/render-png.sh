#!/bin/sh
# render-png.sh — render the sample park's reports (park, enterprise,
# rectification notice, quarterly inspection) to PNG with Debian's headless
# Chromium at 1280 and 390 CSS pixels wide, check that no image is blank, and
# that no report scrolls sideways at 390 or 360 pixels (a phone).
# `make render-png` runs it; it needs `scripts/install-deps.sh --render`
# (chromium, imagemagick).
#
#   scripts/render-png.sh [SAFETRACK [OUTDIR]]    defaults: ./safetrack, build/render
#
# An image is "not blank" when its grey levels vary (ImageMagick's standard
# deviation above 0.02) and it has more than 16 colours: a white page, or one
# painted a single colour, fails both.  Sideways scrolling is measured by
# scripts/overflow.sh (scripts/measure-overflow.html), which loads a report
# into an iframe of the given width and compares the page's scroll width
# with its client width.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$top/safetrack}
out=${2:-$top/build/render}
as_of=2026-11-28

fail() { echo "render-png: $*" >&2; exit 1; }

chromium=$(command -v chromium || command -v chromium-browser) ||
	fail "chromium is not installed (run scripts/install-deps.sh --render)"
command -v convert >/dev/null || fail "ImageMagick is not installed (run scripts/install-deps.sh --render)"
[ -x "$bin" ] || fail "$bin: no such program (run make)"
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
	echo "render-png: warning: no Chinese font installed; Chinese text renders as boxes" \
	     "(e.g. apt-get install fonts-noto-cjk)" >&2
fi

mkdir -p "$out"
db="$out/sample.db"
rm -f "$db" "$db-wal" "$db-shm"
export SAFETRACK_RULES="$top/rules" SAFETRACK_TEMPLATES="$top/templates"
"$bin" --db "$db" import "$top/sample" >/dev/null
"$bin" --db "$db" report park --park WSHG --as-of $as_of -o "$out/park.html"
"$bin" --db "$db" report enterprise 91654202MA775B3K67 --as-of $as_of -o "$out/enterprise.html"
"$bin" --db "$db" report notice 91654202MA775B3K67 --as-of $as_of -o "$out/notice.html"
"$bin" --db "$db" report quarter 2026-Q3 --park WSHG --as-of $as_of -o "$out/quarter.html"

browser() {
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
		--disable-background-networking --user-data-dir="$out/chromium-profile" "$@"
}

for r in park enterprise notice quarter; do
	for w in 1280 390; do
		png="$out/$r-$w.png"
		rm -f "$png"
		browser --hide-scrollbars --window-size=$w,3400 --screenshot="$png" \
			"file://$out/$r.html" >"$out/$r.chromium.log" 2>&1 ||
			fail "chromium failed on $r.html (see $out/$r.chromium.log)"
		[ -s "$png" ] || fail "chromium wrote no $png"
		set -- $(convert "$png" -colorspace Gray -format '%[fx:standard_deviation] %w %h' info:)
		sd=$1 size="$2x$3"
		colours=$(convert "$png" -format '%k' info:)
		awk -v sd="$sd" 'BEGIN { exit !(sd > 0.02) }' || fail "$png is blank (grey standard deviation $sd)"
		[ "$colours" -gt 16 ] || fail "$png is blank ($colours colours)"
		echo "render-png: $png: $size, $colours colours, grey standard deviation $sd"
	done
	for w in 390 360; do
		res=$("$top/scripts/overflow.sh" "$out/$r.html" $w "$out/chromium-profile") ||
			fail "could not measure $r.html at $w px"
		set -- $res
		[ "$1" -le "$2" ] || fail "$r.html scrolls sideways at $w px: page $1 px wide in $2 px (${3:-})"
		echo "render-png: $r.html at $w px: no sideways scrolling ($1 <= $2)"
	done
done
