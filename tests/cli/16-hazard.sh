# hazard add / close
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/dossier.inc"
DB="$T/park.db"
E1=91654200MA7A1B2C3W
run --db "$DB" import "$TOP/tests/data/dossier/good"
expect_rc 0

run --db "$DB" hazard add $E1 --found 2026-03-10 --description "消防通道堵塞" --grade general \
	--inspection INSP-1 --item 5 --owner 赵强
expect_rc 0
expect_out "已登记隐患 HAZ-$E1-2026-03-10-1（企业 $E1，一般隐患）"
expect_out "提示：尚未落实整改措施、整改资金、整改期限（四落实）"
H=HAZ-$E1-2026-03-10-1

# completing the four implementations: the same id again
run --db "$DB" hazard add $E1 --id $H --found 2026-03-10 --description "消防通道堵塞" --grade general \
	--inspection INSP-1 --item 5 --owner 赵强 --measures 清理 --funds 500 --deadline 2026/3/20
expect_rc 0
expect_out "已更新隐患 $H"
grep -q "提示" "$out" && fail "four implementations complete"

run --db "$DB" hazard close $H --date 2026-03-18 --verified-by 张三
expect_rc 0
expect_out "已销号隐患 $H（企业 $E1，销号日期 2026-03-18，验收人 张三）"
[ "$(sqlite3 "$DB" "SELECT closed || '|' || verified_by || '|' || deadline FROM hazards WHERE id = '$H'")" = "2026-03-18|张三|2026-03-20" ] ||
	fail "closed hazard"
[ "$(sqlite3 "$DB" "SELECT group_concat(command, ',') FROM (SELECT command FROM history WHERE id = '$H' ORDER BY seq)")" = "hazard add,hazard close" ] ||
	fail "history of the hazard"

cp "$DB" "$T/before.db"
rejected --db "$DB" hazard close $H --date 2026-03-19 <<EOT
safetrack: 隐患 $H 已于 2026-03-18 销号
EOT
rejected --db "$DB" hazard close HAZ-404 --date 2026-03-19 <<EOT
safetrack: 隐患 HAZ-404 不存在
EOT
rejected --db "$DB" hazard close HAZ-2 --date 2026-03-01 <<EOT
safetrack: column closed: 销号日期 2026-03-01 早于发现日期 2026-04-02
EOT
rejected --db "$DB" hazard close HAZ-2 --date 2026-13-01 <<EOT
safetrack: column closed: 值 '2026-13-01' 不是有效日期（应为 YYYY-MM-DD 或 YYYY/M/D）
EOT
rejected --db "$DB" hazard close HAZ-2 <<EOT
safetrack: 缺少销号日期 --date
用法: safetrack hazard close ID --date DATE [--verified-by NAME]
EOT
rejected --db "$DB" hazard add 91654200MA7A1B2C66 --found 2026-03-10 --description x --grade general <<EOT
safetrack: column enterprise: 企业 '91654200MA7A1B2C66' 不存在（档案和数据库中都没有）
EOT
rejected --db "$DB" hazard add $E1 --found 2026-03-10 --description x --grade minor --item 0 --funds 1.5万 <<EOT
safetrack: column item: 值 '0' 不是 1 到 13 之间的整数
safetrack: column grade: 值 'minor' 不是 general、major 之一
safetrack: column funds: 值 '1.5万' 不是非负整数
EOT
rejected --db "$DB" hazard add $E1 --found 2026-03-10 --grade general <<EOT
safetrack: column description: 必填，不能为空
EOT
rejected --db "$DB" hazard add 91654200MA7A1B2C40 --found 2026-03-10 --description x --grade general --inspection INSP-1 --item 5 <<EOT
safetrack: column inspection: 检查记录 'INSP-1' 属于企业 $E1，不是本行的企业 91654200MA7A1B2C40
EOT
rejected --db "$DB" hazard add $E1 --found 2026-03-10 --description x --grade general --closed 2026-03-11 <<EOT
safetrack: 未知选项 '--closed'
用法: safetrack hazard add ENTERPRISE --found DATE --description TEXT --grade general|major [--inspection ID --item N] [--measures TEXT] [--funds YUAN] [--owner NAME] [--deadline DATE] [--id ID]
EOT
rejected --db "$DB" hazard fix $H <<EOT
safetrack: 未知的子命令 'fix'
用法: safetrack hazard add|close ...
EOT
rejected --db "$DB" hazard <<EOT
safetrack: 缺少子命令 add 或 close
用法: safetrack hazard add|close ...
EOT

run hazard add --help
expect_rc 0
expect_out "  --deadline DATE                    整改期限"
run hazard close --help
expect_rc 0
expect_out "销号"
