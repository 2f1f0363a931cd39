# 32-rules-show.sh — `rules show ID`: clause, applicability, checks in words,
# parameters with default and tailored values.
. "$TOP/tests/cli/lib.sh"

run rules show INSP-QUARTERLY
expect_rc 0
expect_out "INSP-QUARTERLY  每季度对企业开展安全检查"
expect_out "条款：第三章第4项    级别：中    对象：企业"
expect_out "条文：每季度召开一次安全生产工作会议，督促、检查内企业安全生产工作情况；"
expect_out "适用条件：@status = 'operating' and @operating_since"
expect_out "检查 1（calendar）：每个季度须有一条 inspection 记录，按字段 date 的日期计入所在周期；截止日为周期最后一天；自 string(@operating_since) 起按完整周期纳入范围；截止日前 15 天起为“即将到期”"
grep -Eq '^    warn_days +15  （允许 0–366）  — 截止日前多少天起显示为“即将到期”$' "$out" || fail "warn_days line"
grep -q '裁剪' "$out" && fail "nothing is tailored"
expect_out "整改要求：每个季度至少对企业开展一次安全检查"
expect_out "解释说明："
expect_out "来源：$TOP/rules/30-inspection.xml:"

run rules show INSP-QUARTERLY --tailoring "$TOP/docs/tailoring-example.xml"
expect_rc 0
grep -Eq '^    warn_days +20  （裁剪，原值 15）' "$out" || fail "tailored warn_days"
expect_out "截止日前 20 天起为“即将到期”"
expect_out "裁剪文件：$TOP/docs/tailoring-example.xml（example-park-2026）"

# parameters the rule leaves to checks.c
run rules show HAZ-FOUR-IMPLEMENTATIONS
expect_rc 0
grep -Eq '^    label +string\(@id\)  （默认值）' "$out" || fail "default label"
expect_out "每个 hazard[not(@closed)] 都须填写字段：measures funds owner deadline。"

run rules show ACC-REPORT-24H
expect_out "须在发生后 24 小时内登记 reported"
run rules show ORG-STAFFING --tailoring "$TOP/docs/tailoring-example.xml"
grep -Eq '^    staff_step +150  （裁剪，原值 200）  （允许 1–200）  — 公式中使用的整数参数 \$staff_step' "$out" ||
	fail "tailored free integer"

run rules show INFO-SCOPE
expect_rc 0
expect_out "级别：仅供参考    对象：园区    不核查"
expect_out "核查：本条为职责性规定，无法由记录核查，仅供报告完整列出"
grep -q '^适用条件' "$out" && fail "informational entries have no applicability"

run rules show CHK-13 --tailoring "$TOP/docs/tailoring-example.xml"
expect_rc 0
expect_out "已由裁剪文件停用"

run rules show NOPE
expect_rc 1
expect_err "safetrack: 没有规则 'NOPE'（safetrack rules list 列出全部规则）"
run rules show
expect_rc 1
expect_err "safetrack: rules show 需要一个规则 ID"
run rules show A B
expect_rc 1
expect_err "safetrack: 多余的参数 'B'"
