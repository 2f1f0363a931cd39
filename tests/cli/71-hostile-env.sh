# Hostile environments: a read-only database, a missing directory, a full
# disk (ulimit -f) and a database locked by another writer.  Each gives a
# message on stderr and exit 1, and leaves the database as it was: the
# integrity check passes and its dump is unchanged.
. "$TOP/tests/cli/lib.sh"

run generate --enterprises 40 --years 2 --seed 7 "$T/big"
expect_rc 0
run --db "$T/base.db" import "$TOP/tests/data/dossier/good"
expect_rc 0
dump_db "$T/base.db" >"$T/base.sql"

# the database at $1 is intact and still holds exactly the base records
intact() {
	[ "$(sqlite3 "$1" 'PRAGMA integrity_check')" = ok ] || fail "$1: integrity check failed"
	dump_db "$1" | cmp -s - "$T/base.sql" || fail "$1: the database changed"
}
# the import was refused as a whole, with its cause on stderr ($1: a
# regular expression for the cause)
refused() {
	expect_rc 1
	expect_err "safetrack: 导入失败"
	expect_err "数据库未作任何修改"
	grep -Eq -- "$1" "$err" || fail "stderr does not name the cause ($1)"
}

# --- read-only database.  Root ignores file modes, so then the program runs
# as nobody on a file it cannot write (in a directory it can).
mkdir "$T/ro"
cp "$T/base.db" "$T/ro/park.db"
chmod 444 "$T/ro/park.db"
as_nobody=""
if [ "$(id -u)" -eq 0 ]; then
	chmod 755 "$T"
	chown 65534 "$T/ro"
	as_nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
rc=0
$as_nobody $ST --db "$T/ro/park.db" import "$T/big" >"$out" 2>"$err" || rc=$?
# refused before the import starts (issue #15 item 5)
expect_rc 1
expect_err "safetrack: 数据库 $T/ro/park.db 或其所在文件夹不可写入（只读介质或没有权限），只能查看，不能导入或登记；数据库未作任何修改"
intact "$T/ro/park.db"
# reading it still works
rc=0
$as_nobody $ST --db "$T/ro/park.db" list enterprises >"$out" 2>"$err" || rc=$?
expect_rc 0
expect_out 91654200MA7A1B2C3W

# --- missing directory: nothing is created anywhere
run --db "$T/no/such/dir/park.db" import "$T/big"
expect_rc 1
expect_err "无法打开数据库 $T/no/such/dir/park.db"
[ ! -e "$T/no" ] || fail "a directory was created"
run --db "$T/no/such/dir/park.db" list enterprises
expect_rc 1
expect_err "不存在"
# a missing dossier folder
cp "$T/base.db" "$T/m.db"
run --db "$T/m.db" import "$T/no/such/dossier"
refused '无法打开档案文件夹'
intact "$T/m.db"

# --- full disk: a file size limit makes every write past it fail (SIGXFSZ
# ignored, so the write returns EFBIG instead of killing the program; an
# ignored signal stays ignored across exec)
cp "$T/base.db" "$T/full.db"
size=$(stat -c %s "$T/full.db")
rc=0
(trap '' XFSZ; ulimit -f $((size / 512 + 64)); exec $ST --db "$T/full.db" import "$T/big") \
	>"$out" 2>"$err" || rc=$?
refused 'disk|full|磁盘|I/O|空间|过大'
intact "$T/full.db"
# export into a full disk fails and leaves the earlier export whole (the
# limit, 64 KiB, lets SQLite open the database but not write workers.csv)
run --db "$T/base.db" export "$T/exp"
expect_rc 0
cp -r "$T/exp" "$T/exp.before"
cp "$T/base.db" "$T/full2.db"
run --db "$T/full2.db" import "$T/big"
expect_rc 0
rc=0
(trap '' XFSZ; ulimit -f 128; exec $ST --db "$T/full2.db" export "$T/exp") >"$out" 2>"$err" || rc=$?
expect_rc 1
grep -Eq 'disk|full|磁盘|I/O|空间|过大|File too large' "$err" || fail "stderr does not name the cause"
diff -r "$T/exp.before" "$T/exp" >/dev/null || fail "a failed export changed the earlier files"
ls "$T/exp" | grep -v '\.csv$' && fail "a failed export left a temporary file"

# --- locked by another writer: an sqlite3 shell holds a write transaction
# open while safetrack tries to import (it waits its busy timeout, then
# gives up)
cp "$T/base.db" "$T/lock.db"
mkfifo "$T/fifo"
sqlite3 "$T/lock.db" <"$T/fifo" >"$T/locker.out" 2>&1 &
locker=$!
exec 3>"$T/fifo"
echo "BEGIN IMMEDIATE; INSERT INTO parks(id, name, established) VALUES ('LOCK', 'x', '2020-01-01');" >&3
echo ".print locked" >&3
n=0
until grep -q locked "$T/locker.out"; do
	n=$((n + 1))
	[ $n -lt 100 ] || fail "the other writer never took its lock: $(cat "$T/locker.out")"
	sleep 0.1
done
run --db "$T/lock.db" import "$T/big"
echo "ROLLBACK;" >&3
exec 3>&-
wait $locker
refused 'locked|busy|锁|占用'
intact "$T/lock.db"
exit 0
