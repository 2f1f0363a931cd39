# CLI errors as a user meets them: every message to the user is Chinese and
# starts with "safetrack: "; a check that cannot run prints no partial table;
# output that cannot be written (a full disk) is an error, never exit 0.
. "$TOP/tests/cli/lib.sh"
db="$T/park.db"
run --db "$db" import "$SAMPLE"
expect_rc 0

# global options and the command name
run --db
expect_rc 1
expect_err "safetrack: 选项 --db 需要一个值"
run --nope check
expect_rc 1
expect_err "safetrack: 未知的选项 '--nope'"
run --db "$db" nope
expect_rc 1
expect_err "safetrack: 未知的命令 'nope'"
LC_ALL=C grep -q "unknown\|needs a value" "$err" && fail "an English message"

# an unknown subject or rule: no table on stdout, a prefixed error
for f in text tsv xml json; do
	for what in "--enterprise 91650000000000000X" "--park NOPE" "--rule NO-SUCH-RULE"; do
		run --db "$db" check --as-of 2026-11-28 --format $f $what
		expect_rc 1
		[ -s "$out" ] && fail "check --format $f $what wrote a partial result"
		grep -q '^safetrack: ' "$err" || fail "check $what: error without the safetrack: prefix"
	done
done
run --db "$db" check --as-of 2026-11-28 --rule NO-SUCH-RULE
expect_err "safetrack: 规则 NO-SUCH-RULE 不存在"
run --db "$db" overdue --as-of 2026-11-28 --park NOPE
expect_rc 1
expect_err "safetrack: 园区“NOPE”不存在（编号、全称或名称中的一段都没有找到）"

# a full disk: every command that prints says so and exits 1
if [ -w /dev/full ]; then
	for cmd in "overdue --as-of 2026-11-28" "list enterprises" "show WSHG" "rules list" \
		"rules show ORG-STAFFING" "check --as-of 2026-11-28 --format tsv"; do
		rc=0
		$ST --db "$db" $cmd >/dev/full 2>"$err" || rc=$?
		[ "$rc" -eq 1 ] || fail "$cmd >/dev/full: exit $rc"
		grep -q '^safetrack: ' "$err" || fail "$cmd >/dev/full: no error"
	done
fi
# a reader that stops early is not an error to report (SIGPIPE or quiet)
for f in text tsv xml json; do
	$ST --db "$db" check --as-of 2026-11-28 --format $f 2>"$err" | head -n 1 >/dev/null
	[ -s "$err" ] && fail "check --format $f | head: $(cat "$err")"
done
exit 0
