# A failed import into a database that did not exist leaves no file behind;
# into an existing one, it leaves the file as it was.
. "$TOP/tests/cli/lib.sh"
mkdir "$T/bad"
printf 'id,name\nP1,x\n' > "$T/bad/parks.csv"
run --db "$T/new.db" import "$T/bad"
expect_rc 1
expect_err "parks.csv:1: column established: 缺少必填列"
expect_err "safetrack: 导入失败（1 个错误），数据库未作任何修改"
for f in "$T/new.db" "$T/new.db-wal" "$T/new.db-shm"; do
	[ -e "$f" ] && fail "$f left behind"
done
run --db "$T/old.db" import "$SAMPLE"
expect_rc 0
cp "$T/old.db" "$T/before.db"
run --db "$T/old.db" import "$T/bad"
expect_rc 1
[ -e "$T/old.db" ] || fail "existing database removed"
same_db "$T/before.db" "$T/old.db"
exit 0
