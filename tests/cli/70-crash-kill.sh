# Crash consistency: `import` killed with SIGKILL at random moments, 50
# times.  After each kill the database passes PRAGMA integrity_check and
# holds all of that import or none of it: the row count of every table
# (history included) equals either the count before the import or the count
# after an uninterrupted one.  A later import then completes normally.
#
# The kill points are spread over the measured length of one import (and a
# little past it, so that some kills find it committed).  KILL_SEED fixes
# them to repeat a run; the seed is printed.  KILLS and KILL_ENTERPRISES
# make a longer run by hand (tests/RELIABILITY.md records one).  Killing is pointless under a
# wrapper such as valgrind, so this test runs the bare binary.
. "$TOP/tests/cli/lib.sh"
ST=$SAFETRACK
kills=${KILLS:-50}
seed=${KILL_SEED:-$(date +%s)}
echo "kill seed $seed"

run generate --enterprises "${KILL_ENTERPRISES:-60}" --years 2 --seed 42 "$T/big"
expect_rc 0
# the database already holds a park: "none" is not simply "empty"
run --db "$T/base.db" import "$TOP/tests/data/dossier/good"
expect_rc 0

# The integrity check's verdict, then one line "name|count" per table of the
# schema (history included): one sqlite3 run per kill keeps the test fast.
sql=$(sqlite3 "$T/base.db" "SELECT group_concat('SELECT ''' || name || ''', count(*) FROM \"' || name || '\"', ' UNION ALL ') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)")
[ -n "$sql" ] || fail "no tables in the base database"
state() { sqlite3 "$1" "PRAGMA integrity_check; $sql"; }
fresh() { rm -f "$T/work.db" "$T/work.db-wal" "$T/work.db-shm"; cp "$T/base.db" "$T/work.db"; }

state "$T/base.db" >"$T/none"
# an uninterrupted import, three times: the slowest sets the kill window
# (a shared machine's load makes one measurement unreliable)
ms=0
for k in 1 2 3; do
	fresh
	start=$(date +%s%N)
	run --db "$T/work.db" import "$T/big"
	expect_rc 0
	end=$(date +%s%N)
	[ $(((end - start) / 1000000)) -gt "$ms" ] && ms=$(((end - start) / 1000000))
done
state "$T/work.db" >"$T/all"
! cmp -s "$T/none" "$T/all" || fail "the import changed no table"
echo "uninterrupted import: $ms ms at the slowest"

# The kill delays, in seconds: half uniform over 0 .. 1.2 x the import's
# length, half over its last third and a little past it, where the commit
# writes the WAL (before the commit SQLite keeps the transaction's pages in
# its cache, so a kill there cannot touch the file at all).
awk -v n="$kills" -v ms="$ms" -v seed="$seed" 'BEGIN {
	srand(seed)
	for (i = 0; i < n; i++)
		printf "%.3f\n", (i % 2 ? rand() * 1.2 : 0.7 + rand() * 0.4) * ms / 1000
}' >"$T/delays"

none=0 all=0 mid=0 i=0
while read -r d; do
	i=$((i + 1))
	fresh
	$ST --db "$T/work.db" import "$T/big" >/dev/null 2>&1 &
	pid=$!
	sleep "$d"
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	# a WAL with frames in it: the kill caught the import writing
	[ -s "$T/work.db-wal" ] && mid=$((mid + 1))
	state "$T/work.db" >"$T/now"
	[ "$(head -n 1 "$T/now")" = ok ] ||
		fail "kill $i after ${d}s: integrity_check says: $(head -n 5 "$T/now")"
	if cmp -s "$T/now" "$T/none"; then
		none=$((none + 1))
	elif cmp -s "$T/now" "$T/all"; then
		all=$((all + 1))
	else
		diff "$T/none" "$T/now" >&2
		fail "kill $i after ${d}s: the database holds part of the import"
	fi
	# every few kills: the next import after a crash completes
	if [ $((i % 10)) -eq 0 ]; then
		run --db "$T/work.db" import "$T/big"
		expect_rc 0
		state "$T/work.db" >"$T/now"
		cmp -s "$T/now" "$T/all" || fail "import after kill $i did not complete"
	fi
done <"$T/delays"
[ "$i" -eq "$kills" ] || fail "ran $i kills, expected $kills"
echo "kills: $i; caught writing: $mid; database as before: $none; import complete: $all"
# A run whose kills all fell on one side of the commit would prove little:
# some kill must have caught the WAL being written, or the kills must have
# landed both before and after the commit.
[ "$mid" -gt 0 ] || { [ "$none" -gt 0 ] && [ "$all" -gt 0 ]; } ||
	fail "every kill landed on the same side of the commit"
exit 0
