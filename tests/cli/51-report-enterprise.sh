# report enterprise: every rule judged for one enterprise, with the status,
# due date and detail that check gives, and the rule pack's clause number,
# verbatim clause text and remediation.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/data/report/lib.sh"
import_sample
id=91654202MA775B3K67
name=乌苏市恒泰精细化工有限公司
h="$T/enterprise.html"

run --db "$db" report enterprise $id --as-of $AS_OF -o "$h"
expect_rc 0
self_contained "$h"
xp_is "$h" 'string(//h1)' "$name 安全生产合规报告"
xp_is "$h" "string(//table[@class='meta']//tr[th='统一社会信用代码']/td)" $id
xp_is "$h" "normalize-space(//table[@class='meta']//tr[th='所属园区']/td)" '乌苏市西湖化工园区（WSHG）'
for s in pass due-soon fail overdue not-applicable not-checked error; do
	xp_is "$h" "count(//table[contains(@class, 'legend')]//span[@class='st st-$s'])" 1
done

run --db "$db" check --enterprise $id --as-of $AS_OF --format tsv
tail -n +2 "$out" > "$T/check.tsv"
run --db "$db" check --enterprise $id --as-of $AS_OF --format xml
cp "$out" "$T/check.xml"
rows=$(wc -l < "$T/check.tsv")
[ "$rows" -gt 10 ] || fail "check gave $rows rows"
grep -q '	overdue	' "$T/check.tsv" || fail "the sample enterprise has no overdue rule (test needs one)"
xp_is "$h" "count(//h2[starts-with(., '二')]/following-sibling::table[1]/tbody/tr)" "$rows"
xp_is "$h" "count(//div[@class='card'])" "$rows"
# (a tab is whitespace to read: an empty due would vanish, so it becomes "—")
awk -F'\t' '{ print $3 "\t" $4 "\t" ($5 == "" ? "—" : $5) }' "$T/check.tsv" |
while IFS="$(printf '\t')" read -r rule status due; do
	row="//h2[starts-with(., '二')]/following-sibling::table[1]/tbody/tr[td[2]='$rule']"
	xp_is "$h" "normalize-space($row/td[5])" "$(status_zh $status)"
	xp_is "$h" "string($row/td[6])" "$due"
	clause=$(rule_text $rule clause-text)
	[ -n "$clause" ] || fail "no clause text for $rule in rules/"
	card="//div[@class='card'][contains(h3, '（$rule）')]"
	xp_is "$h" "normalize-space($card//tr[th='条款原文']/td)" "$(echo "$clause" | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')"
	fix=$(rule_text $rule remediation | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')
	xp_is "$h" "normalize-space($card//tr[th='整改要求']/td)" "${fix:-—}"
	clause_no=$(xmllint --xpath "string(//result[@rule='$rule']/../../rule[@id='$rule']/@clause)" "$T/check.xml" 2>/dev/null)
	[ -z "$clause_no" ] || has "$h" "第 $clause_no 条"
	zh=$(xmllint --xpath "string(//subject[@id='$id']/result[@rule='$rule']/detail)" "$T/check.xml")
	xp_is "$h" "string($card//tr[th='说明']/td)" "$zh"
done || exit 1
# findings are listed first: the first card is not a pass
first=$(xp "$h" "normalize-space(//div[@class='card'][1]//span[starts-with(@class, 'st ')])")
[ "$first" != 合格 ] && [ "$first" != 不适用 ] || fail "first card is '$first'"

# an unknown enterprise
run --db "$db" report enterprise 91654202MA775B3K6X --as-of $AS_OF
expect_rc 1
expect_err "safetrack: 企业 ID 不存在: 91654202MA775B3K6X"
run --db "$db" report enterprise
expect_rc 1
expect_err "用法: safetrack report"
exit 0
