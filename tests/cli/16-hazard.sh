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
expect_out "已登记隐患 HAZ-$E1-2026-03-10-1（企业 $E1，一般隐患，已登记（四落实未完成））"
expect_out "提示：尚未落实整改措施、整改资金、整改期限（四落实），补全请用 safetrack edit hazard HAZ-$E1-2026-03-10-1 --measures …"
H=HAZ-$E1-2026-03-10-1

# re-registering the same id is refused: it used to replace the record
cp "$DB" "$T/before.db"
rejected --db "$DB" hazard add $E1 --id $H --found 2026-03-10 --description "消防通道堵塞" --grade general <<EOT
safetrack: column id: 隐患 $H 已存在；要修改它请用 edit（只改给出的字段）
EOT

# completing the four implementations: an edit changes only what is given
cp "$DB" "$T/before.db"
run --db "$DB" edit hazard $H --measures 清理 --funds 500 --deadline 2026/3/20 --reason 补全四落实
expect_rc 0
expect_out "已修改隐患 $H："
expect_out "  整改期限（deadline）: （空） → 2026-03-20"
[ "$(sqlite3 "$DB" "SELECT inspection || '|' || item || '|' || owner || '|' || measures FROM hazards WHERE id = '$H'")" = "INSP-1|5|赵强|清理" ] ||
	fail "edit kept the other fields"
same_db_except "$DB" "$T/before.db" "$H"

run --db "$DB" hazard close $H --date 2026-03-18 --verified-by 张三
expect_rc 0
expect_out "已销号隐患 $H（企业 $E1，销号日期 2026-03-18，验收人 张三）"
[ "$(sqlite3 "$DB" "SELECT closed || '|' || verified_by || '|' || deadline FROM hazards WHERE id = '$H'")" = "2026-03-18|张三|2026-03-20" ] ||
	fail "closed hazard"
[ "$(sqlite3 "$DB" "SELECT group_concat(command, ',') FROM (SELECT command FROM history WHERE id = '$H' ORDER BY seq)")" = "edit,hazard close" ] ||
	fail "history of the hazard"

cp "$DB" "$T/before.db"
rejected --db "$DB" hazard close $H --date 2026-03-19 <<EOT
safetrack: 隐患 $H 已于 2026-03-18 销号
EOT
rejected --db "$DB" hazard close HAZ-404 --date 2026-03-19 <<EOT
safetrack: 隐患 HAZ-404 不存在
EOT
# a major hazard closes only with complete 四落实 and a verifier
rejected --db "$DB" hazard close HAZ-2 --date 2026-04-20 <<EOT
safetrack: 重大隐患 HAZ-2 的四落实不全（缺整改措施、整改资金、整改责任人、整改期限），不能销号
safetrack: column verified_by: 重大隐患销号必须填写验收人
EOT
run --db "$DB" edit hazard HAZ-2 --measures 修补防火堤 --funds 80000 --owner 李明 --deadline 2026-05-01
expect_rc 0
cp "$DB" "$T/before.db"
rejected --db "$DB" hazard close HAZ-2 --date 2026-04-20 <<EOT
safetrack: column verified_by: 重大隐患销号必须填写验收人
EOT
rejected --db "$DB" hazard close HAZ-2 --date 2026-03-01 --verified-by 张三 <<EOT
safetrack: column closed: 销号日期 2026-03-01 早于发现日期 2026-04-02
EOT
rejected --db "$DB" hazard close HAZ-2 --date 2026-13-01 --verified-by 张三 <<EOT
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
用法: safetrack hazard add ENTERPRISE --found DATE --description TEXT --grade general|major [--inspection ID --item N] [--measures TEXT] [--funds YUAN] [--owner NAME] [--deadline DATE] [--id ID] [--force]
EOT
rejected --db "$DB" hazard fix $H <<EOT
safetrack: 未知的子命令 'fix'
用法: safetrack hazard add|rectify|close|reopen ...
EOT
rejected --db "$DB" hazard <<EOT
safetrack: 缺少子命令 add、rectify、close 或 reopen
用法: safetrack hazard add|rectify|close|reopen ...
EOT

run hazard add --help
expect_rc 0
expect_out "  --deadline DATE                    整改期限"
run hazard close --help
expect_rc 0
expect_out "销号"
