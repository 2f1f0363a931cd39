#!/bin/sh
# install-deps.sh — install the Debian packages safetrack needs, if missing.
#
#   scripts/install-deps.sh            build, test and run
#   scripts/install-deps.sh --render   also headless Chromium (make render-png)
#
# Runs `apt-get update` first, once, and only when something is missing.
set -eu
pkgs="gcc make pkg-config libsqlite3-dev libxml2-dev libxslt1-dev libcmocka-dev
      libcsv-dev libjansson-dev libsodium-dev libmicrohttpd-dev libical-dev curl sqlite3
      chromium fonts-noto-cjk valgrind libxml2-utils xsltproc python3 strace
      libxlsxwriter-dev openssl apache2-utils"
[ "${1:-}" = "--render" ] && pkgs="$pkgs chromium imagemagick fonts-wqy-microhei"

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "installing:$missing" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >&2
