# Opening the store under pressure (issue #15 items 5, 7, 8): two first
# imports at once, a reader holding the lock while the journal mode is set,
# a truncated file, a foreign user_version, SQLite's English text, and a
# store on read-only media.
. "$TOP/tests/cli/lib.sh"
GOOD="$TOP/tests/data/dossier/good"

# --- item 7: the journal mode is set under the busy timeout ---------------
# Another connection holds a write lock (RESERVED, rollback journal) on a
# file that has no table yet and is not WAL yet, for a second, while an
# import switches it to WAL: SQLite does not wait in the busy handler for
# that switch (it could deadlock), so without the retry the import failed at
# once with "database is locked" -- what two first imports into a new file
# did to each other in 13 of 80 runs.
sqlite3 "$T/locked.db" "CREATE TABLE t (x); DROP TABLE t"
printf 'BEGIN IMMEDIATE;\n.shell touch %s\n.shell sleep 1\nCOMMIT;\n' "$T/locked.held" |
	sqlite3 "$T/locked.db" >/dev/null &
writer=$!
while [ ! -e "$T/locked.held" ]; do sleep 0.05; done
run --db "$T/locked.db" import "$GOOD"
wait $writer
expect_rc 0
[ "$(sqlite3 "$T/locked.db" "PRAGMA journal_mode")" = wal ] || fail "not WAL"

# Two first imports into the same new database, ten times: both succeed
# (one inserts, the other finds the same records unchanged).
for i in 1 2 3 4 5 6 7 8 9 10; do
	$ST --db "$T/race$i.db" import "$GOOD" >"$T/race$i.a" 2>&1 &
	a=$!
	$ST --db "$T/race$i.db" import "$GOOD" >"$T/race$i.b" 2>&1 || {
		cat "$T/race$i.b"; fail "second of two first imports failed (run $i)"; }
	wait $a || { cat "$T/race$i.a"; fail "first of two first imports failed (run $i)"; }
done

# --- item 8: a file too short to be a database is damaged, not empty ------
head -c 50 "$GOOD/parks.csv" >"$T/short.db"
cp "$T/short.db" "$T/short-before.db"
run --db "$T/short.db" list parks
expect_rc 1
expect_err "safetrack: 数据库 $T/short.db 已损坏或不是数据库文件（50 字节，没有 SQLite 数据库的文件头），未作任何修改"
# nor does an import write a new store over it
run --db "$T/short.db" import "$GOOD"
expect_rc 1
expect_err "已损坏或不是数据库文件"
cmp -s "$T/short.db" "$T/short-before.db" || fail "damaged file changed"

# a negative user_version is not "not an error"
run --db "$T/neg.db" import "$GOOD"
expect_rc 0
sqlite3 "$T/neg.db" "PRAGMA user_version = -1"
for cmd in "list parks" "import $GOOD"; do
	run --db "$T/neg.db" $cmd
	expect_rc 1
	expect_err "safetrack: 数据库版本号为 -1，不是有效的 safetrack 数据库版本（文件可能已损坏，或是其他程序的数据库）"
	grep -q "not an error" "$err" && fail "SQLite's 'not an error' in: $(cat "$err")"
done

# --- item 8: a recording command against a locked database ----------------
# The lock is held by another writer for longer than the busy timeout (5 s):
# the message is Chinese, prefixed, with SQLite's text after it, and says
# that nothing was recorded.
run --db "$T/busy.db" import "$GOOD"
expect_rc 0
dump_db "$T/busy.db" >"$T/busy-before.sql"
printf 'BEGIN IMMEDIATE;\n.shell touch %s\n.shell sleep 7\nCOMMIT;\n' "$T/busy.held" |
	sqlite3 "$T/busy.db" >/dev/null &
writer=$!
while [ ! -e "$T/busy.held" ]; do sleep 0.05; done
run --db "$T/busy.db" add meeting --park P1 --date 2026-05-01 --kind quarterly
wait $writer
expect_rc 1
expect_err "safetrack: 数据库错误: 数据库正被另一个程序写入，请稍后再试（database is locked）"
expect_err "safetrack: 未登记：数据库未作任何修改"
[ "$(dump_db "$T/busy.db")" = "$(cat "$T/busy-before.sql")" ] || fail "busy database changed"

# --- item 8: no "(not an error)" after a statement that was reset ---------
# Moving inspection INSP-1 (which hazard HAZ-1 refers to) to another
# enterprise breaks the reference; the lookups that explain it succeed, and
# the message used to end in SQLite's "(not an error)".
run --db "$T/fk.db" import "$GOOD"
dump_db "$T/fk.db" >"$T/fk-before.sql"
run --db "$T/fk.db" edit inspection INSP-1 --enterprise 91654200MA7A1B2C40
expect_rc 1
expect_err "safetrack: 该记录已被其他记录引用（如隐患引用的检查记录、证书引用的人员），修改会使引用失效"
grep -q "not an error\|原因未知" "$err" && fail "unexplained: $(cat "$err")"
[ "$(dump_db "$T/fk.db")" = "$(cat "$T/fk-before.sql")" ] || fail "database changed"

# --- item 5: a store on read-only media can be read -----------------------
# A folder nobody may write (an evidence archive, a read-only mount): the
# reading commands open the file read-only and immutable instead of failing
# to create its -shm file.  Root ignores permissions, so as root the
# commands run as "nobody" (setpriv); without either, the case is skipped.
as_reader() { rc=0; "$@" >"$out" 2>"$err" || rc=$?; }
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		READER="setpriv --reuid=65534 --regid=65534 --clear-groups"
	else
		READER=""
	fi
else
	READER="env"
fi
if [ -n "$READER" ]; then
	mkdir "$T/archive"
	run --db "$T/archive/park.db" import "$GOOD"
	expect_rc 0
	[ ! -e "$T/archive/park.db-wal" ] || fail "WAL left behind"
	dump_db "$T/archive/park.db" >"$T/archive-before.sql"
	chmod 444 "$T/archive/park.db"
	chmod 555 "$T/archive"
	chmod 755 "$T"
	for cmd in "list parks" "show 91654200MA7A1B2C3W" "check --as-of 2026-11-28 --format tsv" \
		"report park --as-of 2026-11-28" "overdue --as-of 2026-11-28"; do
		as_reader $READER $ST --db "$T/archive/park.db" $cmd
		[ "$rc" -le 2 ] && [ ! -s "$err" ] || fail "$cmd on read-only media: exit $rc"
		[ -s "$out" ] || fail "$cmd printed nothing"
	done
	as_reader $READER $ST --db "$T/archive/park.db" export "$T/x"
	# export needs somewhere to write: only the folder is refused
	expect_rc 1
	expect_err "$T/x: 无法写入"
	# a recording command says why it cannot write
	as_reader $READER $ST --db "$T/archive/park.db" add meeting --park P1 --date 2026-05-01 --kind joint
	expect_rc 1
	expect_err "safetrack: 数据库 $T/archive/park.db 或其所在文件夹不可写入（只读介质或没有权限），只能查看，不能导入或登记；数据库未作任何修改"
	ls "$T/archive" | grep -v '^park.db$' && fail "files created on read-only media"
	chmod 755 "$T/archive"
	[ "$(dump_db "$T/archive/park.db")" = "$(cat "$T/archive-before.sql")" ] || fail "archive changed"
else
	echo "skipped: read-only media needs a non-root user or setpriv"
fi
