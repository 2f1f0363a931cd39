#!/bin/sh
# Run every CLI test script tests/cli/*.sh.  Each script gets $SAFETRACK (the
# binary, wrapped by $TEST_WRAPPER when set) and a fresh scratch directory in
# $T; it exits non-zero on the first failed assertion.
top=$(cd "$(dirname "$0")/.." && pwd)
passed=0 failed=0
# CLI_TESTS: space-separated glob patterns of script names (default: all)
for t in "$top"/tests/cli/*.sh; do
	[ -e "$t" ] || continue
	if [ -n "${CLI_TESTS:-}" ]; then
		name=$(basename "$t") match=""
		for p in $CLI_TESTS; do
			case "$name" in $p) match=1 ;; esac
		done
		[ -n "$match" ] || continue
	fi
	scratch=$(mktemp -d)
	if T="$scratch" TOP="$top" sh "$t" >"$scratch/.log" 2>&1; then
		passed=$((passed + 1))
	else
		echo "FAILED: $t" >&2
		sed 's/^/    /' "$scratch/.log" | tail -n 30 >&2
		failed=$((failed + 1))
	fi
	rm -rf "$scratch"
done
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
