# list and show
. "$TOP/tests/cli/lib.sh"
DB="$T/park.db"
E1=91654200MA7A1B2C3W
run --db "$DB" import "$TOP/tests/data/dossier/good"
expect_rc 0

run --db "$DB" list enterprises
expect_rc 0
expect_out "统一社会信用代码    企业名称                所属园区  从业人员数"
expect_out "91654200MA7A1B2C40  北疆建材有限公司, 二期  P1        35"
expect_out "共 3 条。"

run --db "$DB" list inspections --enterprise $E1
expect_rc 0
expect_out "不合格项"
grep -q "^INSP-1 .*5: 消防通道堵塞  5$" "$out" || fail "failed items column"

run --db "$DB" list hazard --enterprise 91654200MA7A1B2C40
expect_rc 0
expect_out "没有隐患。"

run --db "$DB" list drills --enterprise 91654200MA7A1B2C40
expect_rc 0
expect_out "D-1"
run --db "$DB" list meetings --park P1
expect_rc 0
expect_out "共 2 条。"

run --db "$DB" list meetings --enterprise $E1
expect_rc 1
expect_err "safetrack: 安全工作会议不按企业区分"
run --db "$DB" list widgets
expect_rc 1
expect_err "safetrack: 未知的记录类别 'widgets'"
run --db "$DB" list
expect_rc 1
expect_err "用法: safetrack list KIND [--enterprise ID] [--park ID] [--open]"
run --db "$T/none.db" list parks
expect_rc 1
expect_err "数据库 $T/none.db 不存在"
[ ! -e "$T/none.db" ] || fail "list created the database"

run --db "$DB" show $E1
expect_rc 0
expect_out "企业 $E1"
expect_out "  企业名称（name）: 塔城化工有限公司"
expect_out "  安委会成员（committee_member）: 是（yes）"
expect_out "【检查记录】"
expect_out "【隐患】"
expect_out "HAZ-2"
expect_out "【特种作业证书】"
expect_out "T650000000001"
expect_out "【应急演练】"
expect_out "【安全生产许可证】"
expect_out "【豁免】"
[ "$(grep -c '^【' "$out")" -eq 12 ] || fail "sections"

run --db "$DB" show 91654200MA7A1B2C53
expect_rc 0
expect_out "  主要负责人（principal）: —"
expect_out "（无）"

run --db "$DB" show P1
expect_rc 0
expect_out "园区 P1"
expect_out "【企业】"
expect_out "额敏机械厂"

run --db "$DB" show 91654200MA7A1B2C66
expect_rc 1
expect_err "safetrack: 没有编号或名称为“91654200MA7A1B2C66”的企业、园区或记录"
run --db "$DB" show
expect_rc 1
expect_err "用法: safetrack show ENTERPRISE|PARK|ID"
run show --help
expect_rc 0
