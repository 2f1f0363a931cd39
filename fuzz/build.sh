#!/bin/sh
# build.sh — `make fuzz`: build the libFuzzer targets into fuzz/build/.
#
# The library is rebuilt by a sub-make into fuzz/build/obj with clang and
# -fsanitize=fuzzer-no-link,address,undefined (coverage without a second
# main), and each fuzz/fuzz_*.c is linked against it with
# -fsanitize=fuzzer,address,undefined.  clang and its libFuzzer runtime are
# fuzz-only needs, so they are installed here rather than by
# scripts/install-deps.sh.
set -eu
cd "$(dirname "$0")/.."

need=""
command -v clang >/dev/null 2>&1 || need="clang"
[ -n "$(find /usr/lib/llvm-* -name 'libclang_rt.fuzzer-x86_64.a' 2>/dev/null | head -n 1)" ] ||
	need="$need libclang-rt-dev"
if [ -n "$need" ]; then
	echo "fuzz: installing$need" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $need >&2
fi
scripts/install-deps.sh

SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
LIBFLAGS="-O1 -g -fsanitize=fuzzer-no-link $SAN"
LINKFLAGS="-O1 -g -fsanitize=fuzzer $SAN"
OBJ=fuzz/build/obj
MAKE=${MAKE:-make}

$MAKE --no-print-directory B=$OBJ CC=clang CFLAGS="$LIBFLAGS" $OBJ/libsafetrack.a

PKGS="libxml-2.0 libxslt libexslt sqlite3 jansson xlsxwriter libsodium libmicrohttpd libical"
for src in fuzz/fuzz_*.c; do
	t=$(basename "$src" .c)
	if [ ! fuzz/build/$t -nt "$src" ] || [ ! fuzz/build/$t -nt $OBJ/libsafetrack.a ] ||
	   [ ! fuzz/build/$t -nt fuzz/fuzz.h ] || [ ! fuzz/build/$t -nt fuzz/fuzz_pack.h ]; then
		echo "  LINK fuzz/build/$t"
		# shellcheck disable=SC2046
		clang -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic -Wshadow \
			-Iinclude -Ifuzz $(pkg-config --cflags $PKGS) $LINKFLAGS \
			-o fuzz/build/$t "$src" $OBJ/libsafetrack.a \
			$(pkg-config --libs $PKGS) -lcsv -lm -pthread
	fi
done
echo "fuzz: targets in fuzz/build/ (run one with fuzz/run.sh TARGET SECONDS)"
