# import: a good dossier, the accepted alternative forms, the summary
. "$TOP/tests/cli/lib.sh"
GOOD="$TOP/tests/data/dossier/good"
DB="$T/park.db"
E1=91654200MA7A1B2C3W

run --db "$DB" import "$GOOD"
expect_rc 0
expect_out "已导入 $GOOD："
expect_out "  inspections.csv           2 行（新增 2，更新 0，未变 0）"
expect_out "共 20 行。"
[ ! -s "$err" ] || fail "stderr not empty (no progress line when stderr is not a terminal)"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM drill_participants")" = 2 ] || fail "participants"

# the same again: nothing changes, nothing enters the history
run --db "$DB" import "$GOOD"
expect_rc 0
expect_out "  enterprises.csv           3 行（新增 0，更新 0，未变 3）"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM history")" = 0 ] || fail "history after identical import"

# BOM, CRLF, Chinese headers in another order, YYYY/M/D, 是/否, "YYYY-MM-DD HH:MM"
mkdir "$T/alt"
printf '\357\273\277成立日期,园区名称,编号\r\n2019/5/1,"塔城园区, 新区",P2\r\n' >"$T/alt/parks.csv"
printf '统一社会信用代码,企业名称,所属园区,从业人员数,危险化学品类别,企业状态,投产日期,重大危险源\r\n' >"$T/alt/enterprises.csv"
printf '91654200MA7A1B2C66,新企业,P2,8,none,operating,2024/12/1,否\r\n' >>"$T/alt/enterprises.csv"
printf '编号,企业,发生时间,死亡人数,受伤人数\r\nA-9,91654200MA7A1B2C66,2026-01-02 08:30,0,0\r\n' >"$T/alt/accidents.csv"
run --db "$DB" import "$T/alt"
expect_rc 0
expect_out "  parks.csv                 1 行（新增 1，更新 0，未变 0）"
[ "$(sqlite3 "$DB" "SELECT name || '|' || established FROM parks WHERE id = 'P2'")" = "塔城园区, 新区|2019-05-01" ] ||
	fail "park P2 not canonical"
[ "$(sqlite3 "$DB" "SELECT operating_since || '|' || major_hazard FROM enterprises WHERE id = '91654200MA7A1B2C66'")" = "2024-12-01|no" ] ||
	fail "enterprise not canonical"
[ "$(sqlite3 "$DB" "SELECT occurred FROM accidents WHERE id = 'A-9'")" = "2026-01-02T08:30" ] ||
	fail "time not canonical"

# a changed record replaces the old one, which stays in the history
mkdir "$T/change"
sed "s/^$E1,塔城化工有限公司,P1,李明,420/$E1,塔城化工有限公司,P1,李明,450/" "$GOOD/enterprises.csv" >"$T/change/enterprises.csv"
run --db "$DB" import "$T/change"
expect_rc 0
expect_out "  enterprises.csv           3 行（新增 0，更新 1，未变 2）"
[ "$(sqlite3 "$DB" "SELECT employees FROM enterprises WHERE id = '$E1'")" = 450 ] || fail "not replaced"
[ "$(sqlite3 "$DB" "SELECT command || '|' || json_extract(old, '\$.employees') FROM history WHERE id = '$E1'")" = "import|420" ] ||
	fail "old version not in history"

# a drill whose participants alone change is replaced too, with its old list
printf 'id,park,date,participants\nD-1,P1,2025-09-20,91654200MA7A1B2C40\n' >"$T/change/drills.csv"
rm "$T/change/enterprises.csv"
run --db "$DB" import "$T/change"
expect_rc 0
expect_out "  drills.csv                1 行（新增 0，更新 1，未变 0）"
[ "$(sqlite3 "$DB" "SELECT group_concat(enterprise) FROM drill_participants WHERE drill = 'D-1'")" = 91654200MA7A1B2C40 ] ||
	fail "participants not replaced"
[ "$(sqlite3 "$DB" "SELECT json_extract(old, '\$.participants') FROM history WHERE tbl = 'drills'")" = "$E1;91654200MA7A1B2C40" ] ||
	fail "old participants not in history"

# usage
run import
expect_rc 1
expect_err "用法: safetrack import DIR"
run import --bogus "$GOOD"
expect_rc 1
expect_err "未知选项 '--bogus'"
run import --help
expect_rc 0
expect_out "用法: safetrack import DIR"
