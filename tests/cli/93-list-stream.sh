# list streams its rows (issue #15 item 12): memory does not grow with the
# number of records, and --limit/--offset give one page.
. "$TOP/tests/cli/lib.sh"
GOOD="$TOP/tests/data/dossier/good"

# 150,000 workers with long names: every row kept took 83 MiB (and 694 MiB
# for the 2 million of the adversarial pass); streamed, a 90 MB address
# space is enough.  ASan and valgrind reserve far more address space than
# that for themselves, so under them the limit is not applied.
mkdir "$T/many"
cp "$GOOD/parks.csv" "$GOOD/enterprises.csv" "$T/many/"
awk 'BEGIN { print "id,enterprise,name,hired,special_operation"
	for (i = 1; i <= 150000; i++)
		printf "W-%06d,91654200MA7A1B2C3W,工人%d号张三李四王五赵六钱七孙八周九吴十郑十一王十二,2025-01-%02d,电工作业高处作业焊接与热切割作业制冷与空调作业\n", i, i, 1 + i % 28 }' \
	>"$T/many/workers.csv"
run --db "$T/many.db" import "$T/many"
expect_rc 0
case "$SAFETRACK" in
*asan*) limit="" ;;
*) [ -n "${TEST_WRAPPER:-}" ] && limit="" || limit=90000 ;;
esac
rc=0
(if [ -n "$limit" ]; then ulimit -v "$limit"; fi; exec $ST --db "$T/many.db" list workers) \
	>"$out" 2>"$err" || rc=$?
expect_rc 0
[ ! -s "$err" ] || fail "stderr: $(head -3 "$err")"
[ "$(wc -l <"$out")" -eq 150002 ] || fail "$(wc -l <"$out") lines"
expect_out "共 150000 条。"
# sorted by hiring date, then id; one width for every row
sed -n 2p "$out" | grep -q "^W-000028  " || fail "first row: $(sed -n 2p "$out")"
full="$T/full.txt"
cp "$out" "$full"
# streamed, the rows print exactly as a table kept whole does (a page of
# 200 is kept: its widths are the same as the whole list's here)
run --db "$T/many.db" list workers --limit 200
expect_rc 0
[ "$(sed -n '1,201p' "$out")" = "$(sed -n '1,201p' "$full")" ] || fail "streamed rows print differently"

# a page is the same rows as that part of the whole list
run --db "$T/many.db" list workers --limit 3 --offset 100
expect_rc 0
expect_out "第 101 至 103 条。"
[ "$(sed -n '2,4p' "$out" | awk '{ print $1 }')" = "$(sed -n '102,104p' "$full" | awk '{ print $1 }')" ] ||
	fail "page differs from the list: $(cat "$out")"
run --db "$T/many.db" list workers --offset 149999
expect_rc 0
expect_out "第 150000 至 150000 条。"
run --db "$T/many.db" list workers --offset 150000
expect_rc 0
expect_out "第 150000 条之后没有从业人员。"
# a big page (past what is kept) streams like the whole list
run --db "$T/many.db" list workers --limit 20000 --offset 5
expect_rc 0
expect_out "第 6 至 20005 条。"
[ "$(sed -n 2p "$out" | awk '{ print $1 }')" = "$(sed -n 7p "$full" | awk '{ print $1 }')" ] ||
	fail "big page"

# bad values are usage errors, before the database is opened
for bad in "--limit 0" "--limit -1" "--limit x" "--offset -2" "--offset 1e3" "--limit 99999999999999999999"; do
	run --db "$T/none.db" list workers $bad
	expect_rc 1
	expect_err "应为"
	expect_err "用法: safetrack list KIND"
done
[ ! -e "$T/none.db" ] || fail "created a database"
