# the store from the command line: creation, read-only commands, versions,
# and the progress line of a large import on a terminal
. "$TOP/tests/cli/lib.sh"
DB="$T/park.db"
V=6   # ST_STORE_VERSION

# a reading command never creates the database
run --db "$DB" show P1
expect_rc 1
expect_err "数据库 $DB 不存在。新建空数据库请用 safetrack --db $DB init，或用 safetrack --db $DB import DIR 从园区档案导入"
[ ! -e "$DB" ] || fail "created by a read-only command"

# SAFETRACK_DB is the default database
SAFETRACK_DB="$DB" run import "$TOP/tests/data/dossier/good"
expect_rc 0
[ "$(sqlite3 "$DB" "PRAGMA user_version")" = $V ] || fail "schema version"
[ "$(sqlite3 "$DB" "PRAGMA journal_mode")" = wal ] || fail "WAL"

# a database written by a newer safetrack is refused, untouched
cp "$DB" "$T/new.db"
cur=$(sqlite3 "$DB" "PRAGMA user_version")
sqlite3 "$T/new.db" "PRAGMA user_version = $((cur + 1))"
cp "$T/new.db" "$T/new-before.db"
run --db "$T/new.db" list parks
expect_rc 1
expect_err "数据库版本为 $((cur + 1))，高于本程序支持的版本 $cur，请升级 safetrack"
same_db "$T/new.db" "$T/new-before.db"

# some other SQLite file, and a file that is not SQLite at all
sqlite3 "$T/other.db" "CREATE TABLE t (x)"
run --db "$T/other.db" import "$TOP/tests/data/dossier/good"
expect_rc 1
expect_err "数据库中已有其他表，不是 safetrack 数据库"
cp "$TOP/tests/data/dossier/good/parks.csv" "$T/text.db"
run --db "$T/text.db" list parks
expect_rc 1
expect_err "$T/text.db"

# a large import shows its progress on a terminal (every 10,000 rows)
if command -v script >/dev/null 2>&1 && [ -z "${TEST_WRAPPER:-}" ]; then
	mkdir "$T/big"
	cp "$TOP/tests/data/dossier/good/parks.csv" "$T/big/"
	awk 'BEGIN { print "id,park,date,kind"; for (i = 1; i <= 20001; i++) printf "M-%d,P1,2026-01-01,joint\n", i }' \
		>"$T/big/meetings.csv"
	script -qec "$SAFETRACK --db $T/big.db import $T/big" "$T/typescript" >/dev/null 2>&1 ||
		fail "import on a terminal failed"
	grep -q "正在导入 meetings.csv：已读 20000 行" "$T/typescript" || fail "no progress line"
	[ "$(sqlite3 "$T/big.db" "SELECT count(*) FROM meetings")" = 20001 ] || fail "big import"
fi
