#!/bin/sh
# Run every CLI test script tests/cli/*.sh.  Each script gets $SAFETRACK (the
# binary, wrapped by $TEST_WRAPPER when set) and a fresh scratch directory in
# $T; it exits non-zero on the first failed assertion.
top=$(cd "$(dirname "$0")/.." && pwd)
passed=0 failed=0
for t in "$top"/tests/cli/*.sh; do
	[ -e "$t" ] || continue
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
