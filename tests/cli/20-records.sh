# The recording layer on the command line: the two defects of issue #10,
# edit as a patch, the hazard lifecycle, history, guard rails, names and
# Chinese values; every refusal leaves the database as it was.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/dossier.inc"
DB="$T/park.db"
E1=91654200MA7A1B2C3W
E2=91654200MA7A1B2C40
export SAFETRACK_USER=wang
run --db "$DB" import "$TOP/tests/data/dossier/good"
expect_rc 0
expect_out "已新建数据库 $DB"
OK="1=pass 2=pass 3=pass 4=pass 6=pass 7=pass 8=na 9=pass 10=pass 11=pass 12=pass 13=na"

# defect 1: --grade MAJOR stores major and says so (the stored record is printed)
run --db "$DB" hazard add $E1 --found 2026-04-05 --description 储罐泄漏 --grade MAJOR
expect_rc 0
expect_out "已登记隐患 HAZ-$E1-2026-04-05-1（企业 $E1，重大隐患，已登记（四落实未完成））"
[ "$(sqlite3 "$DB" "SELECT grade FROM hazards WHERE id = 'HAZ-$E1-2026-04-05-1'")" = major ] || fail "MAJOR"

# defect 2: 1=FAIL stores fail and counts it
run --db "$DB" inspect $E1 --date 2026-09-10 --kind quarterly 1=FAIL 2=pass 3=pass 4=pass 5=pass $OK 2>/dev/null
expect_rc 1
run --db "$DB" inspect $E1 --date 2026-09-10 --kind quarterly 1=FAIL:"台账缺失" 2=pass 3=pass 4=pass 5=pass 6=pass 7=pass 8=na 9=pass 10=pass 11=pass 12=pass 13=na
expect_rc 0
expect_out "已登记检查记录 INSP-$E1-2026-09-10-1（企业 $E1，2026-09-10，季度检查，不合格 1 项：第 1 项）"
[ "$(sqlite3 "$DB" "SELECT item1 || '|' || notes FROM inspections WHERE id = 'INSP-$E1-2026-09-10-1'")" = "fail|1: 台账缺失" ] ||
	fail "1=FAIL"

# Chinese values and names; --all-pass fills the items not written out
run --db "$DB" inspect 塔城化工有限公司 --date 2026-09-12 --kind 专项 --all-pass 5=不合格：消防通道堵塞 8=不适用
expect_rc 0
expect_out "已登记检查记录 INSP-$E1-2026-09-12-1（企业 $E1，2026-09-12，专项检查，不合格 1 项：第 5 项）"
[ "$(sqlite3 "$DB" "SELECT kind || item1 || item5 || item8 || item13 || '|' || notes FROM inspections WHERE id = 'INSP-$E1-2026-09-12-1'")" = "specialpassfailnapass|5: 消防通道堵塞" ] ||
	fail "--all-pass and Chinese values"
run --db "$DB" hazard add 91654200ma7a1b2c3w --found 2026-09-12 --description 消防通道堵塞 --grade 一般 \
	--inspection INSP-$E1-2026-09-12-1 --item 5
expect_rc 0
expect_out "已登记隐患 HAZ-$E1-2026-09-12-1（企业 $E1，一般隐患"
H=HAZ-$E1-2026-09-12-1

# an ambiguous fragment lists the candidates and writes nothing
cp "$DB" "$T/before.db"
rejected --db "$DB" hazard add 有限公司 --found 2026-09-12 --description x --grade general <<EOT
safetrack: column enterprise: “有限公司”对应多家企业，请写得更完整或用编号：
  $E1  塔城化工有限公司
  $E2  北疆建材有限公司, 二期
全部企业见 safetrack list enterprises
EOT
rejected --db "$DB" hazard add 不存在的公司 --found 2026-09-12 --description x --grade general <<EOT
safetrack: column enterprise: 企业 '不存在的公司' 不存在（档案和数据库中都没有）
EOT

# guard rails: future dates, a second inspection, a hazard on a passed item
rejected --db "$DB" hazard add $E1 --found 2099-01-01 --description x --grade general <<EOT
safetrack: column found: 发现日期 2099-01-01 晚于明天（今天是 $(date +%F)）；确属未来日期请用 --force 强制登记
EOT
rejected --db "$DB" inspect $E1 --date 2026-09-12 --kind special --all-pass <<EOT
safetrack: column date: 企业 $E1 在 2026-09-12 已有一次同类检查（INSP-$E1-2026-09-12-1）；确属另一次检查请用 --force 登记
EOT
rejected --db "$DB" hazard add $E1 --found 2026-09-12 --description x --grade general \
	--inspection INSP-$E1-2026-09-12-1 --item 4 <<EOT
safetrack: column item: 检查 INSP-$E1-2026-09-12-1 的第 4 项结果为合格，不能由它登记隐患（请核对检查项）
EOT
rejected --db "$DB" hazard add $E1 --found 2026-09-12 --description x --grade general \
	--inspection INSP-$E1-2026-09-12-1 --item 8 <<EOT
safetrack: column item: 检查 INSP-$E1-2026-09-12-1 的第 8 项结果为不适用，不能由它登记隐患（请核对检查项）
EOT
run --db "$DB" inspect $E1 --date 2026-09-12 --kind special --all-pass --force
expect_rc 0
expect_out "INSP-$E1-2026-09-12-2"

# a record on a closed enterprise is stored, with a warning
run --db "$DB" edit enterprise $E2 --status 关闭
expect_rc 0
expect_out "  企业状态（status）: 在建（construction） → 关闭（closed）"
run --db "$DB" add equipment --enterprise 北疆建材 --kind 锅炉 --next-test 2027-01-01
expect_rc 0
expect_err "safetrack: 注意：企业 $E2 已关闭（企业状态为关闭），记录已保存；如有误请核对企业"
[ "$(sqlite3 "$DB" "SELECT kind FROM equipment WHERE enterprise = '$E2'")" = boiler ] || fail "锅炉"

# edit: a patch; bad values are refused field by field
cp "$DB" "$T/before.db"
run --db "$DB" edit hazard $H --owner 赵强 --deadline 2026/9/30 --reason 指定责任人
expect_rc 0
expect_out "已修改隐患 $H："
expect_out "  整改责任人（owner）: （空） → 赵强"
same_db_except "$DB" "$T/before.db" "$H"
[ "$(sqlite3 "$DB" "SELECT inspection || '|' || item || '|' || description FROM hazards WHERE id = '$H'")" = "INSP-$E1-2026-09-12-1|5|消防通道堵塞" ] ||
	fail "edit kept the rest"
cp "$DB" "$T/before.db"
rejected --db "$DB" edit hazard $H --grade 特别重大 --funds -1 <<EOT
safetrack: column grade: 值 '特别重大' 不是 general、major 之一
safetrack: column funds: 值 '-1' 不是非负整数
EOT
rejected --db "$DB" edit hazard $H --description "" <<EOT
safetrack: column description: 必填，不能为空
EOT
rejected --db "$DB" edit hazard HAZ-404 --owner x <<EOT
safetrack: 隐患 HAZ-404 不存在
EOT
rejected --db "$DB" edit hazard $H <<EOT
safetrack: 没有给出要修改的字段（如 --enterprise VALUE）
用法: safetrack edit hazard ID --COLUMN VALUE ... [--reason TEXT] [--force]
EOT
rejected --db "$DB" edit gadget X --owner x <<EOT
safetrack: 未知的记录类别 'gadget'
用法: safetrack edit KIND ID --COLUMN VALUE ... [--reason TEXT] [--force]
KIND 为记录类别: park enterprise inspection hazard evaluation project worker certificate equipment accident meeting drill letter licence waiver（或其复数、中文名称）
EOT

# the lifecycle: rectified by the enterprise, closed by an officer, reopened
run --db "$DB" hazard rectify $H --date 2026-09-20 --note "通道已清理，附照片"
expect_rc 0
expect_out "已记录整改：隐患 $H（企业 $E1，一般隐患，企业已整改，待验收销号）"
SAFETRACK_USER=li run --db "$DB" hazard close $H --date 2026-09-21 --verified-by 张三
expect_rc 0
expect_out "已销号隐患 $H（企业 $E1，销号日期 2026-09-21，验收人 张三）"
cp "$DB" "$T/before.db"
rejected --db "$DB" hazard reopen $H <<EOT
safetrack: 缺少重新打开的原因 --reason
用法: safetrack hazard reopen ID --reason TEXT
EOT
rejected --db "$DB" hazard rectify $H --note x <<EOT
safetrack: 隐患 $H 已于 2026-09-21 销号
EOT
run --db "$DB" hazard reopen $H --reason "复查发现通道再次堵塞"
expect_rc 0
expect_out "已重新打开隐患 $H（企业 $E1，一般隐患，已登记（四落实未完成））"
[ "$(sqlite3 "$DB" "SELECT coalesce(closed, '-') || coalesce(verified_by, '-') || coalesce(rectified, '-') || owner FROM hazards WHERE id = '$H'")" = "---赵强" ] ||
	fail "reopen cleared the closing"
cp "$DB" "$T/before.db"
rejected --db "$DB" hazard reopen $H --reason again <<EOT
safetrack: 隐患 $H 尚未整改或销号，无需重新打开
EOT

# history: every version, who, when, why, what changed
run --db "$DB" history hazard $H
expect_rc 0
cat >"$T/expected" <<EOT
第 1 版  AT  wang  hazard add
  编号（id）: $H
  企业（enterprise）: $E1
  检查编号（inspection）: INSP-$E1-2026-09-12-1
  检查项（item）: 5
  发现日期（found）: 2026-09-12
  隐患描述（description）: 消防通道堵塞
  隐患等级（grade）: 一般（general）

第 2 版  AT  wang  edit  原因：指定责任人
  整改责任人（owner）: （空） → 赵强
  整改期限（deadline）: （空） → 2026-09-30

第 3 版  AT  wang  hazard rectify
  整改完成日期（rectified）: （空） → 2026-09-20
  整改情况（rectification）: （空） → 通道已清理，附照片

第 4 版  AT  li  hazard close
  销号日期（closed）: （空） → 2026-09-21
  验收人（verified_by）: （空） → 张三

第 5 版  AT  wang  hazard reopen  原因：复查发现通道再次堵塞
  销号日期（closed）: 2026-09-21 → （空）
  验收人（verified_by）: 张三 → （空）
  整改完成日期（rectified）: 2026-09-20 → （空）
  整改情况（rectification）: 通道已清理，附照片 → （空）
EOT
sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}/AT/' "$out" >"$T/got"
diff -u "$T/expected" "$T/got" || fail "history"
run --db "$DB" history hazard HAZ-404
expect_rc 1
expect_err "safetrack: 隐患 HAZ-404 不存在，也没有历史记录"

# an imported record has versions without a recorded author
run --db "$DB" history enterprise 北疆建材
expect_rc 0
expect_out "第 1 版  （时间不详）  （修改人不详）"
expect_out "  企业状态（status）: 在建（construction） → 关闭（closed）"

# a write in an empty folder creates nothing, and says how to start
mkdir "$T/empty"
(cd "$T/empty" && SAFETRACK_DB= $ST hazard add $E1 --found 2026-09-12 --description x --grade general >"$out" 2>"$err") && fail "wrote"
expect_err "safetrack: 数据库 safetrack.db 不存在。新建空数据库请用 safetrack --db safetrack.db init"
(cd "$T/empty" && SAFETRACK_DB= $ST check >"$out" 2>"$err") && fail "checked nothing"
(cd "$T/empty" && SAFETRACK_DB= $ST overdue >"$out" 2>"$err") && fail "overdue of nothing"
expect_err "数据库 safetrack.db 不存在"
[ -z "$(ls -A "$T/empty")" ] || fail "something was created in an empty folder"

# void: the record stays (export, history) and check ignores it from the
# void date on
DB2="$T/void.db"
run --db "$DB2" import "$TOP/tests/data/dossier/good"
run --db "$DB2" check --as-of 2026-11-01 --enterprise $E1 --rule EQUIP-PERIODIC-TEST --format tsv
expect_out "overdue	2026-06-01	2 of 2 need attention: EQ-1 expired 2026-06-01"
cp "$DB2" "$T/before.db"
DB="$DB2"
rejected --db "$DB2" void equipment EQ-1 <<EOT
safetrack: 缺少作废原因 --reason
用法: safetrack void KIND ID --reason TEXT [--date DATE]
EOT
rejected --db "$DB2" void enterprise $E1 --reason 重复 <<EOT
safetrack: 企业不能作废（只能修改）
EOT
rejected --db "$DB2" void equipment EQ-404 --reason 重复 <<EOT
safetrack: 特种设备 EQ-404 不存在
EOT
rejected --db "$DB2" void equipment EQ-1 --reason 报废 --date 2099-01-01 <<EOT
safetrack: column voided: 作废日期 2099-01-01 晚于明天（今天是 $(date +%F)）；确属未来日期请用 --force 强制登记
EOT
run --db "$DB2" void 特种设备 EQ-1 --reason 设备已报废拆除 --date 2026-05-01
expect_rc 0
expect_out "已作废特种设备 EQ-1（作废日期 2026-05-01，原因：设备已报废拆除）；记录仍保留在导出和历史中"
same_db_except "$DB2" "$T/before.db" EQ-1
run --db "$DB2" check --as-of 2026-11-01 --enterprise $E1 --rule EQUIP-PERIODIC-TEST --format tsv
expect_out "overdue	2026-09-30	1 of 1 need attention: EQ-2 expired 2026-09-30"
run --db "$DB2" check --as-of 2026-04-30 --enterprise $E1 --rule EQUIP-PERIODIC-TEST --format tsv
expect_out "all 2 valid"
run --db "$DB2" export "$T/void-out"
expect_rc 0
grep -qx "EQ-1,$E1,boiler,锅65TC0001,2025-06-01,2026-06-01,2026-05-01,设备已报废拆除" "$T/void-out/equipment.csv" ||
	fail "a voided record is exported"
run --db "$DB2" history equipment EQ-1
expect_rc 0
expect_out "  wang  void  原因：设备已报废拆除"
expect_out "  作废日期（voided）: （空） → 2026-05-01"
cp "$DB2" "$T/before.db"
rejected --db "$DB2" void equipment EQ-1 --reason again <<EOT
safetrack: column voided: 特种设备 EQ-1 已于 2026-05-01 作废（设备已报废拆除）
EOT
