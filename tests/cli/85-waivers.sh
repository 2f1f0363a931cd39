# revision 2: waivers — import checks, the status waived from the approval
# day to the expiry day, the exit code, `add waiver`, and a voided waiver
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/dossier.inc"
GOOD="$TOP/tests/data/dossier/good"
DB="$T/park.db"
E1=91654200MA7A1B2C3W
H="id,subject,rule,reason,approved_by,approved,expires"

run --db "$DB" import "$GOOD"
expect_rc 0
cp "$DB" "$T/before.db"

bad() { rm -rf "$T/bad"; mkdir "$T/bad"; cat >"$T/bad/$1"; }

bad waivers.csv <<EOT
$H,voided,void_reason
WV-1,NOPE,CHK-05,改造,管委会,2026-03-01,2026-06-30,,
WV-2,$E1,CHK-99,改造,管委会,2026-03-01,2026-06-30,,
WV-3,$E1,CHK-05,改造,管委会,2026-03-01,2026-02-28,,
WV-4,$E1,CHK-05,改造,管委会,2026-03-01,2027-03-03,,
WV-5,$E1,CHK-05,改造,管委会,2026-03-01,2027-03-02,2026-02-01,录错
WV-6,$E1,CHK-05,,管委会,2026-03-01,2026-06-30,,
EOT
rejected --db "$DB" import "$T/bad" <<EOT
waivers.csv:2: column subject: 豁免对象 'NOPE' 既不是园区也不是企业（档案和数据库中都没有）
waivers.csv:3: column rule: 规则 'CHK-99' 不存在（规则包中没有这个编号）
waivers.csv:4: column expires: 豁免截止日期 2026-02-28 早于批准日期 2026-03-01
waivers.csv:5: column expires: 豁免截止日期 2027-03-03 距批准日期 2026-03-01 超过 366 天（豁免至少每年复核一次）
waivers.csv:6: column voided: 作废日期 2026-02-01 早于批准日期 2026-03-01
waivers.csv:7: column reason: 必填，不能为空
safetrack: 导入失败（6 个错误），数据库未作任何修改
EOT

# a rules folder that cannot be read: the waivers cannot be checked
run --db "$DB" --rules "$T/no-rules" import "$T/bad"
expect_rc 1
same_db "$DB" "$T/before.db"

# 366 days is the longest a waiver may run
mkdir "$T/w"
cat >"$T/w/waivers.csv" <<EOT
$H
WV-1,$E1,CHK-05,储罐区改造期间第5项暂缓,园区管委会 王建国,2026-03-12,2027-03-13
WV-P,P1,CHK-05,园区不适用企业规则,王建国,2026-03-01,2026-06-30
EOT
run --db "$DB" import "$T/w"
expect_rc 0

check_rule() {  # AS_OF RULE: $got = the tsv row's status and due
	run --db "$DB" check --as-of "$1" --enterprise $E1 --rule "$2" --format tsv
	got=$(tail -n 1 "$out" | cut -f4,5)
}
# the day before approval: the underlying fail; from the approval day: waived
check_rule 2026-03-11 CHK-05
[ "$got" = "fail	" ] || fail "before approval: $(cat "$out")"
expect_rc 2
check_rule 2026-03-12 CHK-05
[ "$got" = "waived	2027-03-13" ] || fail "approval day: $(cat "$out")"
expect_rc 0
expect_out "waived (waiver WV-1: 储罐区改造期间第5项暂缓; approved by 园区管委会 王建国, until 2027-03-13); otherwise fail"

# text output counts the waived results and leaves them out of the rate
run --db "$DB" check --as-of 2026-03-12 --enterprise $E1 --rule CHK-05 --format text
expect_rc 0
expect_out "豁免 1"
expect_out "[豁免] CHK-05"
run --db "$DB" check --as-of 2026-03-12 --enterprise $E1 --rule CHK-05 --format json
expect_out '"status":"waived"'
run --db "$DB" check --as-of 2026-03-12 --enterprise $E1 --rule CHK-05 --format xml
expect_out 'status="waived"'

# voided on 2026-04-01: waived the day before, fail from that day
run --db "$DB" void waiver WV-1 --reason 改造取消 --date 2026-04-01
expect_rc 0
expect_out "已作废豁免 WV-1（作废日期 2026-04-01，原因：改造取消）"
check_rule 2026-03-31 CHK-05
[ "$got" = "waived	2027-03-13" ] || fail "day before void: $(cat "$out")"
check_rule 2026-04-01 CHK-05
[ "$got" = "fail	" ] || fail "void day: $(cat "$out")"

# add waiver checks the rule like import
cp "$DB" "$T/before.db"
rejected --db "$DB" add waiver --subject $E1 --rule NO-SUCH --reason x --approved-by y \
	--approved 2026-03-01 --expires 2026-04-01 <<EOT
safetrack: column rule: 规则 'NO-SUCH' 不存在（规则包中没有这个编号）
EOT
