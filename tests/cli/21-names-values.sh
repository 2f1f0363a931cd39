# Names wherever an id is taken, Chinese labels in listings, suggestions for
# mistyped commands and options, overdue's --enterprise and formats.
. "$TOP/tests/cli/lib.sh"
DB="$T/park.db"
E1=91654200MA7A1B2C3W
E2=91654200MA7A1B2C40
run --db "$DB" import "$TOP/tests/data/dossier/good"
expect_rc 0
cp "$DB" "$T/before.db"

# check: code in lower case, full name, fragment; the same result each time
run --db "$DB" check --as-of 2026-11-01 --enterprise $E1 --format tsv
cp "$out" "$T/by-code"
for name in 91654200ma7a1b2c3w 塔城化工有限公司 塔城化工; do
	run --db "$DB" check --as-of 2026-11-01 --enterprise "$name" --format tsv
	cmp -s "$out" "$T/by-code" || fail "check --enterprise $name"
done
run --db "$DB" check --enterprise 有限公司
expect_rc 1
cat >"$T/expected" <<EOT
safetrack: “有限公司”对应多家企业，请写得更完整或用编号：
  $E1  塔城化工有限公司
  $E2  北疆建材有限公司, 二期
safetrack: 全部企业见 safetrack list enterprises
EOT
expect_err_exact "$T/expected"
run --db "$DB" check --enterprise 塔城机械厂
expect_rc 1
cat >"$T/expected" <<EOT
safetrack: 企业“塔城机械厂”不存在（编号、全称或名称中的一段都没有找到）
safetrack: 可能是：
  91654200MA7A1B2C53  额敏机械厂
  $E1  塔城化工有限公司
safetrack: 全部企业见 safetrack list enterprises
EOT
expect_err_exact "$T/expected"
run --db "$DB" check --as-of 2026-11-01 --park 塔城经济技术开发区 --format tsv
expect_out "P1"
run --db "$DB" report enterprise 北疆建材 --as-of 2026-11-01 -o "$T/e2.html"
expect_rc 0
grep -q "$E2" "$T/e2.html" || fail "report by name"

# list and show: Chinese labels, enterprise names, --open, any record id
run --db "$DB" list hazards --open
expect_rc 0
expect_out "HAZ-2  $E1  塔城化工有限公司  2026-04-02"
grep -q "HAZ-1" "$out" && fail "a closed hazard listed as open"
expect_out "共 1 条。"
run --db "$DB" list inspections --enterprise 塔城化工
expect_rc 0
expect_out "季度"
run --db "$DB" list meetings --open
expect_rc 1
expect_err "safetrack: --open 只用于隐患（hazards）"
run --db "$DB" show HAZ-2
expect_rc 0
expect_out "隐患 HAZ-2"
expect_out "  隐患等级（grade）: 重大（major）"
expect_out "  状态: 已登记（四落实未完成）"
run --db "$DB" show 额敏
expect_rc 0
expect_out "企业 91654200MA7A1B2C53"
expect_out "  企业状态（status）: 关闭（closed）"

# overdue for one enterprise, as TSV and JSON
run --db "$DB" overdue --as-of 2026-11-01 --enterprise 塔城化工 --format tsv
expect_rc 0
[ "$(head -1 "$out")" = "$(printf 'status\tdays\tdue\tsubject\tname\trule\ttitle\tclause\tdetail\tremediation')" ] || fail "tsv header"
grep -q "^overdue	153	2026-06-01	$E1	塔城化工有限公司	EQUIP-PERIODIC-TEST	" "$out" || fail "tsv row"
grep -v "^status" "$out" | cut -f4 | sort -u | grep -vqx "$E1" && fail "another enterprise"
run --db "$DB" overdue --as-of 2026-11-01 --enterprise 塔城化工 --format json
expect_rc 0
[ "$(sqlite3 :memory: "SELECT json_extract(readfile('$out'), '\$.items[0].rule') || ' ' ||
	json_extract(readfile('$out'), '\$.items[0].days_late') || ' ' || json_extract(readfile('$out'), '\$.as_of')")" = "EQUIP-PERIODIC-TEST 153 2026-11-01" ] ||
	fail "json"
run --db "$DB" overdue --format xml
expect_rc 1
expect_err "safetrack: --format: 'xml' 应为 text、tsv、json 或 xlsx"

# suggestions
run --db "$DB" chek
expect_rc 1
expect_err "safetrack: 未知的命令 'chek'（是不是 check？见 safetrack --help）"
run check --db "$DB"
expect_rc 1
expect_err "safetrack: --db 是全局选项，要写在命令之前，如 safetrack --db FILE check ……"
run --db "$DB" check --enterprize $E1
expect_rc 1
expect_err "safetrack: 未知选项 '--enterprize'（是不是 --enterprise？）"
run --db "$DB" hazard add $E1 --grde major
expect_rc 1
expect_err "safetrack: 未知选项 '--grde'（是不是 --grade？）"
run --db "$DB" list hazards --xyzzy
expect_rc 1
expect_err "safetrack: 未知选项 '--xyzzy'"
grep -q "是不是" "$err" && fail "a far-fetched suggestion"

# none of the above wrote anything
same_db "$DB" "$T/before.db"

# a dossier may carry Chinese values too; they are stored and exported in English
mkdir "$T/zh"
cp "$TOP/tests/data/dossier/good/parks.csv" "$T/zh/"
cat >"$T/zh/enterprises.csv" <<EOT
统一社会信用代码,企业名称,所属园区,从业人员数,危险化学品类别,重大危险源,企业状态,投产日期,危险化学品活动
$E1,塔城化工有限公司,P1,420,危险化学品,是,在营,2020-03-01,生产;储存
EOT
cat >"$T/zh/inspections.csv" <<EOT
id,enterprise,date,kind,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10,item11,item12,item13
INSP-Z,$E1,2026-03-10,季度,合格,合格,合格,合格,不合格,合格,合格,不适用,合格,合格,合格,合格,不适用
EOT
run --db "$T/zh.db" import "$T/zh"
expect_rc 0
run --db "$T/zh.db" export "$T/zh-out"
expect_rc 0
grep -qx "$E1,塔城化工有限公司,P1,,420,hazardous,yes,,operating,2020-03-01,,produce;store" "$T/zh-out/enterprises.csv" ||
	fail "Chinese enterprise values: $(cat "$T/zh-out/enterprises.csv")"
grep -q "^INSP-Z,$E1,2026-03-10,quarterly,,pass,pass,pass,pass,fail,pass,pass,na,pass,pass,pass,pass,na," "$T/zh-out/inspections.csv" ||
	fail "Chinese inspection values"
