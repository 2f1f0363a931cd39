# add KIND: every kind through the same validation as import
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/dossier.inc"
DB="$T/park.db"
E1=91654200MA7A1B2C3W
E4=91654200MA7A1B2C66

# recording never creates a database: init does, once
run --db "$DB" add park --id P1 --name 塔城园区 --established 2019/5/1
expect_rc 1
expect_err_exact /dev/stdin <<EOT
safetrack: 数据库 $DB 不存在。新建空数据库请用 safetrack --db $DB init，或用 safetrack --db $DB import DIR 从园区档案导入；已有的数据库请用全局选项 --db FILE 指定（写在命令之前）
EOT
[ ! -e "$DB" ] || fail "add created the database"
run --db "$DB" init
expect_rc 0
expect_out "已新建数据库 $DB"
cp "$DB" "$T/before.db"
rejected --db "$DB" init <<EOT
safetrack: 数据库 $DB 已存在，未作改动（换一个文件名请用 --db FILE，写在命令之前）
EOT

run --db "$DB" add park --id P1 --name 塔城园区 --established 2019/5/1 --safety-staff 2
expect_rc 0
expect_out "已登记园区 P1"
run --db "$DB" add enterprise --id $E1 --name 塔城化工 --park P1 --employees 420 \
	--hazchem hazardous --status operating --operating-since 2020-03-01 --major-hazard 是
expect_rc 0
expect_out "已登记企业 $E1（所属园区 P1）"
run --db "$DB" add evaluation --enterprise $E1 --kind status --date 2025-04-15 --expert-passed yes
expect_rc 0
expect_out "已登记安全评价 EVAL-$E1-2025-04-15-1（企业 $E1）"
run --db "$DB" add worker --id W-1 --enterprise $E1 --name 马超 --assigned 2025-01-12 --special-operation 电工作业
expect_rc 0
run --db "$DB" add certificate --enterprise $E1 --worker W-1 --kind 电工作业 --expires 2030-11-30
expect_rc 0
expect_out "已登记特种作业证书 CERT-$E1-1（企业 $E1）"
run --db "$DB" add equipment --enterprise $E1 --kind boiler --next-test 2026-06-01
expect_rc 0
run --db "$DB" add accident --enterprise $E1 --occurred "2025-11-03 14:20" --injuries 1 --reported 2025-11-03T18:00
expect_rc 0
expect_out "ACC-$E1-2025-11-03-1"
run --db "$DB" add meeting --park P1 --date 2026-01-15 --kind quarterly --minutes "=一季度会议"
expect_rc 0
expect_out "已登记安全工作会议 MTG-P1-2026-01-15-1（园区 P1）"
run --db "$DB" add drill --park P1 --date 2025-09-20 --participants "$E1"
expect_rc 0
run --db "$DB" add letters --park P1 --enterprise $E1 --year 2026 --signed 2026-02-28
expect_rc 0
run --db "$DB" add project --enterprise $E1 --name 二期 --kind expand --hazchem no
expect_rc 0
[ "$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM evaluations) + (SELECT count(*) FROM workers) +
	(SELECT count(*) FROM certificates) + (SELECT count(*) FROM equipment) + (SELECT count(*) FROM accidents) +
	(SELECT count(*) FROM meetings) + (SELECT count(*) FROM drills) + (SELECT count(*) FROM letters) +
	(SELECT count(*) FROM projects)")" = 9 ] || fail "records"
[ "$(sqlite3 "$DB" "SELECT occurred FROM accidents")" = "2025-11-03T14:20" ] || fail "time canonical"
[ "$(sqlite3 "$DB" "SELECT major_hazard FROM enterprises")" = "yes" ] || fail "是 → yes"

# an existing id is refused; a change is an edit, and keeps the old version
cp "$DB" "$T/before.db"
rejected --db "$DB" add enterprise --id $E1 --name 塔城化工 --park P1 --employees 430 \
	--hazchem hazardous --status operating --operating-since 2020-03-01 --major-hazard yes <<EOT
safetrack: column id: 企业 $E1 已存在；要修改它请用 edit（只改给出的字段）
EOT
SAFETRACK_USER=officer1 run --db "$DB" edit enterprise 塔城 --employees 430 --reason 年报更正
expect_rc 0
expect_out "已修改企业 $E1："
expect_out "  从业人员数（employees）: 420 → 430"
[ "$(sqlite3 "$DB" "SELECT command || '|' || who || '|' || why || '|' || json_extract(old, '\$.employees') FROM history")" = "edit|officer1|年报更正|420" ] ||
	fail "history"

cp "$DB" "$T/before.db"
rejected --db "$DB" add certificate --enterprise $E1 --worker W-1 --kind 电工作业 --expires 2030-02-30 <<EOT
safetrack: column expires: 值 '2030-02-30' 不是有效日期（应为 YYYY-MM-DD 或 YYYY/M/D）
EOT
rejected --db "$DB" add certificate --enterprise $E4 --worker W-1 --kind 电工作业 --expires 2030-01-30 <<EOT
safetrack: column enterprise: 企业 '$E4' 不存在（档案和数据库中都没有）
EOT
rejected --db "$DB" add enterprise --name 无编号 --park P1 --employees 1 --hazchem none --status closed <<EOT
safetrack: column id: 必填，不能为空
EOT
rejected --db "$DB" add enterprise --id 91654200MA7A1B2C6 --name 短 --park P1 --employees 1 --hazchem none --status closed <<EOT
safetrack: column id: 值 '91654200MA7A1B2C6' 无效：统一社会信用代码应为 18 位
EOT
rejected --db "$DB" add drill --park P1 --date 2026-09-20 --participants "$E1;$E4" <<EOT
safetrack: column participants: 企业 '$E4' 不存在（档案和数据库中都没有）
EOT
rejected --db "$DB" add meeting --park P1 --date 2026-01-15 --kind quarterly --date 2026-01-16 <<EOT
safetrack: 选项 --date 重复
用法: safetrack add meeting --COLUMN VALUE ... [--force]
EOT
rejected --db "$DB" add meeting --park P1 --date 2026-01-15 --kind quarterly --notes x <<EOT
safetrack: 未知选项 '--notes'
用法: safetrack add meeting --COLUMN VALUE ... [--force]
EOT
rejected --db "$DB" add meeting --park P1 extra <<EOT
safetrack: 多余的参数 'extra'
用法: safetrack add meeting --COLUMN VALUE ... [--force]
EOT

run --db "$DB" add widget --id x
expect_rc 1
expect_err "safetrack: 未知的记录类别 'widget'"
expect_err "  certificate  特种作业证书"
run add
expect_rc 1
expect_err "用法: safetrack add KIND --COLUMN VALUE ..."
run add --help
expect_rc 0
expect_out "  evaluation   安全评价"
run add enterprise --help
expect_rc 0
expect_out "  --operating-since DATE             投产日期"
expect_out "  --hazchem none|hazardous|highly-toxic 危险化学品类别（必填）"

# the recorded records export like imported ones
run --db "$DB" export "$T/out"
expect_rc 0
grep -qx "MTG-P1-2026-01-15-1,P1,2026-01-15,quarterly,'=一季度会议,," "$T/out/meetings.csv" || fail "export"
