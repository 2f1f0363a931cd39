# backup and restore (issue #15 item 13): an online copy while writers run,
# and a restore that checks everything before it replaces anything.
. "$TOP/tests/cli/lib.sh"
GOOD="$TOP/tests/data/dossier/good"
DB="$T/park.db"
run --db "$DB" import "$GOOD"
expect_rc 0
meetings() { sqlite3 "$1" "SELECT count(*) FROM meetings"; }

# --- backup while a writer records meetings, one command each -------------
m0=$(meetings "$DB")
(for d in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
	$ST --db "$DB" add meeting --park P1 --date 2026-03-$d --kind joint >/dev/null || exit 1
done) &
writer=$!
i=0 last=$m0
while [ $i -lt 6 ]; do
	i=$((i + 1))
	run --db "$DB" backup "$T/b$i.db"
	expect_rc 0
	expect_out "已将数据库 $DB 备份到 $T/b$i.db（完整性检查通过）。"
	[ "$(sqlite3 "$T/b$i.db" "PRAGMA integrity_check")" = ok ] || fail "backup $i not intact"
	[ "$(sqlite3 "$T/b$i.db" "PRAGMA journal_mode")" = delete ] || fail "backup $i is not one file"
	n=$(meetings "$T/b$i.db")
	# a state between the first and the last commit, never going back
	[ "$n" -ge "$last" ] && [ "$n" -le $((m0 + 25)) ] || fail "backup $i holds $n meetings"
	last=$n
	sleep 0.1
done
wait $writer || fail "the writer failed while backups ran"
[ "$(meetings "$DB")" = $((m0 + 25)) ] || fail "writes lost"
run --db "$DB" backup "$T/full.db"
expect_rc 0
[ "$(dump_db "$T/full.db")" = "$(dump_db "$DB")" ] || fail "backup differs from the store"
ls -a "$T" | grep -q '^\.full\.db\.' && fail "temporary left behind"
[ ! -e "$T/full.db.lock" ] || fail "lock left behind"

# the store itself, or its -wal, is not a backup destination
cp "$DB" "$T/copy.db"
for o in "$DB" "$DB-wal"; do
	run --db "$DB" backup "$o"
	expect_rc 1
	expect_err "safetrack: $o: 这是数据库 $DB"
	expect_err "safetrack: 备份失败，$o 未改动"
done
cmp -s "$DB" "$T/copy.db" || fail "the store changed"

# --- restore refuses anything that is not a whole safetrack store ---------
cp "$DB" "$T/live.db"
dump_db "$T/live.db" >"$T/live.sql"
untouched() {
	expect_rc 1
	expect_err "safetrack: 未恢复：数据库未作任何修改"
	[ "$(dump_db "$T/live.db")" = "$(cat "$T/live.sql")" ] || fail "restore of $1 changed the store"
	ls "$T" | grep -q '^live\.db\.before-restore' && fail "restore of $1 saved a copy"
	return 0
}
size=$(stat -c %s "$T/full.db")
head -c $((size / 2)) "$T/full.db" >"$T/half.db"
run --db "$T/live.db" restore "$T/half.db"
untouched half
expect_err "safetrack: $T/half.db: 无法读取备份: 数据库文件已损坏"
cp "$T/full.db" "$T/flipped.db"
printf '\377\377\377\377\377\377\377\377' | dd of="$T/flipped.db" bs=1 seek=4096 conv=notrunc 2>/dev/null
run --db "$T/live.db" restore "$T/flipped.db"
untouched flipped
expect_err "完整性检查未通过"
head -c 300 "$GOOD/parks.csv" >"$T/text.db"
run --db "$T/live.db" restore "$T/text.db"
untouched text
expect_err "已损坏或不是数据库文件"
sqlite3 "$T/other.db" "CREATE TABLE t (x); PRAGMA user_version = 2"
run --db "$T/live.db" restore "$T/other.db"
untouched other
expect_err "safetrack: $T/other.db: 数据库结构与 safetrack 第 2 版不符"
cp "$T/full.db" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 99"
run --db "$T/live.db" restore "$T/newer.db"
untouched newer
expect_err "数据库版本为 99"
cp "$T/full.db" "$T/orphan.db"
sqlite3 "$T/orphan.db" "PRAGMA foreign_keys = OFF;
	INSERT INTO drill_participants (drill, enterprise, pos) VALUES ('NOPE', '91654200MA7A1B2C3W', 1)"
run --db "$T/live.db" restore "$T/orphan.db"
untouched orphan
expect_err "drill_participants 中有记录（rowid 3）引用了不存在的 drills 记录"
cp "$T/full.db" "$T/extra.db"
sqlite3 "$T/extra.db" "CREATE TABLE notes (x)"
run --db "$T/live.db" restore "$T/extra.db"
untouched extra
expect_err "数据库结构与 safetrack"
cp "$T/full.db" "$T/withwal.db"
echo x >"$T/withwal.db-wal"
run --db "$T/live.db" restore "$T/withwal.db"
untouched withwal
expect_err "旁边有未合并的 $T/withwal.db-wal，不是 safetrack backup 生成的完整备份"
run --db "$T/live.db" restore "$T/none.db"
untouched none
expect_err "无法读取备份"
[ ! -e "$T/none.db" ] || fail "restore created its source"

# --- restore puts the backup back and keeps what it replaced --------------
run --db "$T/live.db" restore "$T/b1.db"
expect_rc 0
expect_out "已用备份 $T/b1.db 恢复数据库 $T/live.db"
expect_out "恢复前的数据库已另存为 $T/live.db.before-restore-"
[ "$(dump_db "$T/live.db")" = "$(dump_db "$T/b1.db")" ] || fail "restored store differs from the backup"
saved=$(ls "$T"/live.db.before-restore-*)
[ "$(dump_db "$saved")" = "$(cat "$T/live.sql")" ] || fail "the replaced store was not kept"
[ "$(sqlite3 "$T/live.db" "PRAGMA journal_mode")" = wal ] || fail "restored store not WAL"
run --db "$T/live.db" check --as-of 2026-11-28 --format tsv
[ "$rc" -le 2 ] || fail "check after restore: $rc"
# into a store that does not exist yet: created, nothing saved
run --db "$T/fresh.db" restore "$T/full.db"
expect_rc 0
[ "$(dump_db "$T/fresh.db")" = "$(dump_db "$T/full.db")" ] || fail "fresh restore"
ls "$T" | grep -q '^fresh\.db\.before-restore' && fail "saved an empty store"
# a refused backup creates no store where there was none
printf 'not a database at all, just text' >"$T/junk.db"
run --db "$T/fresh2.db" restore "$T/junk.db"
expect_rc 1
expect_err "safetrack: 未恢复：数据库未作任何修改"
[ -e "$T/fresh2.db" ] && fail "a refused restore created the store"
true

# a backup killed mid-copy leaves its temporary; the next backup to the same
# FILE removes it, under the lock
echo x >"$T/.full.db.Q1w2E3"
run --db "$DB" backup "$T/full.db"
expect_rc 0
[ ! -e "$T/.full.db.Q1w2E3" ] || fail "stale backup temporary left"
