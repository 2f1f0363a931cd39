# lib.sh — assertions for CLI tests, sourced by every tests/cli/*.sh.
#
#   run ARGS...            run safetrack; sets $rc, $out (stdout file), $err (stderr file)
#   expect_rc N            the last run exited N
#   expect_out TEXT        stdout contains TEXT (a fixed string)
#   expect_err TEXT        stderr contains TEXT
#   expect_err_exact FILE  stderr equals FILE's content
#   same_db A B            two databases hold the same records (sqlite3 .dump)
#   fail MESSAGE           stop the test
set -u
ST="${TEST_WRAPPER:-} $SAFETRACK"
out="$T/.out" err="$T/.err" rc=0
SAMPLE="$TOP/sample"
# the sanitizer and valgrind builds run build/*/safetrack, beside which no
# rules/ or templates/ sits: every test names the source tree's
export SAFETRACK_RULES="$TOP/rules"
export SAFETRACK_TEMPLATES="$TOP/templates"

fail() { echo "FAIL: $*"; echo "--- stdout"; head -c 3000 "$out"; echo "--- stderr"; head -c 3000 "$err"; exit 1; }
run() { rc=0; $ST "$@" >"$out" 2>"$err" || rc=$?; }
expect_rc() { [ "$rc" -eq "$1" ] || fail "exit status $rc, expected $1"; }
expect_out() { grep -qF -- "$1" "$out" || fail "stdout lacks: $1"; }
expect_err() { grep -qF -- "$1" "$err" || fail "stderr lacks: $1"; }
expect_err_exact() { diff -u "$1" "$err" || fail "stderr differs from $1"; }
dump_db() { sqlite3 "$1" .dump; }
same_db() { [ "$(dump_db "$1")" = "$(dump_db "$2")" ] || fail "databases differ: $1 $2"; }
