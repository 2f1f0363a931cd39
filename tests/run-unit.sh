#!/bin/sh
# Run every cmocka test program given as an argument, under $TEST_WRAPPER
# (e.g. valgrind) if set; print a summary line and fail if any failed.
# UNIT_SKIP: space-separated program names not to run under this wrapper
# (said on the output, never silently).
passed=0 failed=0
for t in "$@"; do
	case " ${UNIT_SKIP:-} " in
	*" $(basename "$t") "*) echo "skipped under ${TEST_WRAPPER%% *}: $t"; continue ;;
	esac
	if $TEST_WRAPPER "$t"; then
		passed=$((passed + 1))
	else
		echo "FAILED: $t" >&2
		failed=$((failed + 1))
	fi
done
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
