# inspect: an inspection with all 13 items, validated like an import row
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/dossier.inc"
DB="$T/park.db"
E1=91654200MA7A1B2C3W
run --db "$DB" import "$TOP/tests/data/dossier/good"
expect_rc 0

OK="1=pass 2=pass 3=pass 4=pass 6=pass 7=pass 8=na 9=pass 10=pass 11=pass 12=pass 13=na"
run --db "$DB" inspect $E1 --date 2026-09-10 --kind quarterly --inspectors "张三;李四" \
	$OK 5=fail:"消防通道堵塞"
expect_rc 0
expect_out "已登记检查记录 INSP-$E1-2026-09-10-1（企业 $E1，2026-09-10，季度检查，不合格 1 项：第 5 项）"
[ "$(sqlite3 "$DB" "SELECT inspectors || '|' || item5 || '|' || item8 || '|' || notes FROM inspections WHERE id = 'INSP-$E1-2026-09-10-1'")" = "张三;李四|fail|na|5: 消防通道堵塞" ] ||
	fail "stored inspection"

# a second one the same day gets the next number; notes are joined
run --db "$DB" inspect $E1 --date 2026/9/10 --kind special --notes "夜查" $OK 5=pass 13=na:"无" 2>/dev/null
expect_rc 1
expect_err "第 13 项的结果给了两次"
run --db "$DB" inspect $E1 --date 2026/9/10 --kind special --notes "夜查" \
	1=pass 2=pass 3=fail:"标识缺失" 4=pass 5=pass 6=pass 7=pass 8=na 9=pass 10=pass 11=pass 12=pass 13=na:"无"
expect_rc 0
expect_out "INSP-$E1-2026-09-10-2"
[ "$(sqlite3 "$DB" "SELECT date || '|' || notes FROM inspections WHERE id = 'INSP-$E1-2026-09-10-2'")" = "2026-09-10|夜查; 3: 标识缺失; 13: 无" ] ||
	fail "second inspection"

# --id of an existing inspection is refused (a correction is an edit)
cp "$DB" "$T/before.db"
rejected --db "$DB" inspect $E1 --id INSP-1 --date 2026-03-10 --kind quarterly $OK 5=pass <<EOT
safetrack: column id: 检查记录 INSP-1 已存在；要修改它请用 edit（只改给出的字段）
EOT
run --db "$DB" edit inspection INSP-1 --item5 pass
expect_rc 0
expect_out "已修改检查记录 INSP-1："
expect_out "  第5项（item5）: 不合格（fail） → 合格（pass）"
[ "$(sqlite3 "$DB" "SELECT command || '|' || json_extract(old, '\$.item5') FROM history WHERE id = 'INSP-1'")" = "edit|fail" ] ||
	fail "history of INSP-1"
run --db "$DB" edit inspection INSP-1 --item5 pass
expect_rc 0
expect_out "检查记录 INSP-1 未改动（给出的值与原记录相同）"

cp "$DB" "$T/before.db"
rejected --db "$DB" inspect $E1 --date 2026-02-30 --kind quarterly $OK 5=pass <<EOT
safetrack: column date: 值 '2026-02-30' 不是有效日期（应为 YYYY-MM-DD 或 YYYY/M/D）
EOT
rejected --db "$DB" inspect 91654200MA7A1B2C66 --date 2026-03-01 --kind quarterly $OK 5=pass <<EOT
safetrack: column enterprise: 企业 '91654200MA7A1B2C66' 不存在（档案和数据库中都没有）
EOT
rejected --db "$DB" inspect $E1 --date 2026-03-01 --kind weekly $OK 5=passed <<EOT
safetrack: column kind: 值 'weekly' 不是 quarterly、mid-year、year-end、joint、special 之一
safetrack: column item5: 值 'passed' 不是 pass、fail、na 之一
EOT
U="用法: safetrack inspect ENTERPRISE --date DATE --kind KIND [--id ID] [--inspectors NAMES] [--notes TEXT] [--all-pass] [--force] 1=RESULT ... 13=RESULT"
rejected --db "$DB" inspect $E1 --date 2026-03-01 --kind quarterly $OK 14=pass <<EOT
safetrack: 检查项编号 '14' 应为 1 到 13
$U
EOT
rejected --db "$DB" inspect $E1 --date 2026-03-01 --kind quarterly 1=pass 2=pass <<EOT
safetrack: 缺少第 3、4、5、6、7、8、9、10、11、12、13 项的检查结果（13 项都要填写，或用 --all-pass 表示其余各项合格）
$U
EOT
rejected --db "$DB" inspect $E1 --date 2026-03-01 --kind quarterly $OK pass <<EOT
safetrack: 无法理解参数 'pass'（检查项应写作 N=pass、N=fail 或 N=na）
$U
EOT
rejected --db "$DB" inspect $E1 --date 2026-03-01 --colour red $OK 5=pass <<EOT
safetrack: 未知选项 '--colour'
$U
EOT
rejected --db "$DB" inspect $E1 $OK 5=pass --date <<EOT
safetrack: 选项 --date 需要一个值
$U
EOT
rejected --db "$DB" inspect <<EOT
safetrack: 缺少企业（统一社会信用代码或名称）
$U
EOT

run inspect --help
expect_rc 0
expect_out "$U"
expect_out "  --date DATE                        检查日期（必填）"
