# report enterprise (一企一档): what must be put right first, by lateness, with
# the status, due date and detail that check gives, the clause in words and
# verbatim, and the remediation; the hazard ledger; the records; passing rules
# in one compact table.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/data/report/lib.sh"
import_sample
id=91654202MA775B3K67
name=乌苏市恒泰精细化工有限公司
h="$T/enterprise.html"

run --db "$db" report enterprise $id --as-of $AS_OF -o "$h"
expect_rc 0
self_contained "$h"
xp_is "$h" 'string(//h1)' "$name 安全生产档案"
xp_is "$h" "string(//table[@class='meta']//tr[th='统一社会信用代码']/td)" $id
xp_is "$h" "normalize-space(//table[@class='meta']//tr[th='所属园区']/td)" '乌苏市西湖化工园区（WSHG）'
for s in pass due-soon fail overdue not-applicable not-checked error; do
	xp_is "$h" "count(//table[contains(@class, 'legend')]//span[@class='st st-$s'])" 1
done
xp_is "$h" "normalize-space(//h2[1])" 一、需要整改的问题

run --db "$db" check --enterprise $id --as-of $AS_OF --format tsv
tail -n +2 "$out" > "$T/check.tsv"
run --db "$db" check --enterprise $id --as-of $AS_OF --format xml
cp "$out" "$T/check.xml"
rows=$(wc -l < "$T/check.tsv")
[ "$rows" -gt 10 ] || fail "check gave $rows rows"
grep -q '	overdue	' "$T/check.tsv" || fail "the sample enterprise has no overdue rule (test needs one)"
count() { awk -F'\t' -v s="$1" '$4 == s' "$T/check.tsv" | wc -l; }
urgent=$(( $(count overdue) + $(count fail) + $(count error) ))
xp_is "$h" "count(//table[contains(@class, 'findings-urgent')]/tbody/tr)" "$urgent"
xp_is "$h" "count(//table[contains(@class, 'findings-soon')]/tbody/tr)" "$(count due-soon)"
xp_is "$h" "count(//table[contains(@class, 'findings-unchecked')]/tbody/tr)" "$(count not-checked)"
# passing rules collapse into one compact table; not-applicable ones into a line
xp_is "$h" "count(//table[contains(@class, 'passed')]/tbody/tr)" "$(count pass)"
# revision 2: grouped by pack, the local pack first, each table under its
# pack's heading; the national rules are the NAT- ones
nat=$(awk -F'\t' '$4 == "pass" && $3 ~ /^NAT-/' "$T/check.tsv" | wc -l)
[ "$nat" -gt 0 ] || fail "the sample enterprise passes no national rule (test needs one)"
xp_is "$h" "count(//table[contains(@class, 'passed')])" 2
xp_is "$h" "normalize-space((//h3[@class='pack'])[1])" '地方规则包：塔城地区工业园区安全生产管理暂行规定'
xp_is "$h" "normalize-space((//h3[@class='pack'])[2])" '国家规则包：国家安全生产行政法规（摘录）'
xp_is "$h" "count((//h3[@class='pack'])[1]/following-sibling::table[1][contains(@class, 'passed')]/tbody/tr)" $(( $(count pass) - nat ))
xp_is "$h" "count((//h3[@class='pack'])[2]/following-sibling::table[1][contains(@class, 'passed')]/tbody/tr)" "$nat"
xp_is "$h" "count((//h3[@class='pack'])[2]/following-sibling::table[1]/tbody/tr/td[2][starts-with(., '《')])" "$nat"
has "$h" "不适用（$(count not-applicable) 条）"
# each finding: status, detail, what to do, the clause in words and verbatim
awk -F'\t' '$4 == "overdue" || $4 == "fail" || $4 == "error" || $4 == "due-soon" { print $3 "\t" $4 "\t" ($5 == "" ? "—" : $5) }' "$T/check.tsv" |
while IFS="$(printf '\t')" read -r rule status due; do
	title=$(xmllint --xpath "string(//rule[@id='$rule']/@title)" "$T/check.xml" 2>/dev/null)
	row="//table[contains(@class, 'findings')]/tbody/tr[td[3]/strong='$title']"
	xp_is "$h" "normalize-space($row/td[2])" "$(status_zh $status)"
	xp_is "$h" "substring(normalize-space($row/td[5]), 1, 10)" "$due"
	clause=$(rule_text $rule clause-text)
	[ -n "$clause" ] || fail "no clause text for $rule in rules/"
	xp_is "$h" "normalize-space($row/td[4]//blockquote)" "$(echo "$clause" | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')"
	fix=$(rule_text $rule remediation | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')
	[ -z "$fix" ] || xp_is "$h" "normalize-space($row/td[3]//span[@class='todo'])" "整改要求：$fix"
	zh=$(xmllint --xpath "string(//subject[@id='$id']/result[@rule='$rule']/detail)" "$T/check.xml")
	has "$h" "$zh"
done || exit 1
# overdue first, most days late first
late=$(xp "$h" "//table[contains(@class, 'findings-urgent')]/tbody/tr[td[2]='逾期']/td[5]" | grep -o '已逾期 [0-9]* 天' | tr -dc '0-9\n')
[ -n "$late" ] && [ "$late" = "$(printf '%s\n' $late | sort -nr)" ] || fail "overdue findings not by days late: $late"
xp_is "$h" "normalize-space(//table[contains(@class, 'findings-urgent')]/tbody/tr[1]/td[2])" 逾期
hasnt "$h" '条（严重程度'
hasnt "$h" '(closing'

# the hazard ledger: open hazards as the store has them, major first, with
# their four implementations; then those closed in the last year
open=$(sqlite3 "$db" "SELECT count(*) FROM hazards WHERE enterprise = '$id' AND found <= '$AS_OF' AND (closed IS NULL OR closed > '$AS_OF')")
closed=$(sqlite3 "$db" "SELECT count(*) FROM hazards WHERE enterprise = '$id' AND closed <= '$AS_OF' AND closed > date('$AS_OF', '-365 days')")
[ "$open" -gt 0 ] && [ "$closed" -gt 0 ] || fail "the sample enterprise needs open and closed hazards"
xp_is "$h" "count(//table[contains(@class, 'hazards-open')]/tbody/tr)" "$open"
xp_is "$h" "count(//table[contains(@class, 'hazards-closed')]/tbody/tr)" "$closed"
xp_is "$h" "normalize-space(//table[contains(@class, 'hazards-open')]/tbody/tr[1]/td[2])" 重大隐患
xp_is "$h" "contains(//table[contains(@class, 'hazards-open')]/tbody/tr[1]/td[5], '责任人：刘洪涛')" true
xp_is "$h" "normalize-space(//table[contains(@class, 'hazards-open')]/tbody/tr[1]/td[6])" "2026-10-31已逾期 28 天"
# the records: inspections of the last year, newest first
insp=$(sqlite3 "$db" "SELECT count(*) FROM inspections WHERE enterprise = '$id' AND date <= '$AS_OF' AND date > date('$AS_OF', '-365 days')")
xp_is "$h" "count(//table[contains(@class, 'rec-inspections')]/tbody/tr)" "$insp"
xp_is "$h" "string(//table[contains(@class, 'rec-inspections')]/tbody/tr[1]/td[2])" \
	"$(sqlite3 "$db" "SELECT max(date) FROM inspections WHERE enterprise = '$id' AND date <= '$AS_OF'")"
xp_is "$h" "count(//table[contains(@class, 'rec-certificates')]/tbody/tr)" \
	"$(sqlite3 "$db" "SELECT count(*) FROM certificates WHERE enterprise = '$id'")"
xp_is "$h" "count(//table[contains(@class, 'rec-equipment')]/tbody/tr)" \
	"$(sqlite3 "$db" "SELECT count(*) FROM equipment WHERE enterprise = '$id'")"
# revision 2: its licences, a voided one left out (XK-HT-2024X voided 2024-08-15)
[ "$(sqlite3 "$db" "SELECT count(*) FROM licences WHERE enterprise = '$id' AND voided IS NOT NULL")" -eq 1 ] ||
	fail "the sample enterprise has no voided licence (test needs one)"
xp_is "$h" "count(//table[contains(@class, 'rec-licence')]/tbody/tr)" \
	"$(sqlite3 "$db" "SELECT count(*) FROM licences WHERE enterprise = '$id' AND voided IS NULL")"
xp_is "$h" "normalize-space(//table[contains(@class, 'rec-licence')]/tbody/tr[1])" \
	'XK-HT-2024 安全生产许可证 （新）WH安许证字〔2024〕0057号 2024-08-01 2027-07-31 —'

# revision 2: a waived result in its pack's group, after that pack's passing
# rules: 彩虹 CHK-10 under waiver HM-CH-2026-01 until 2027-03-31
w=91654202MA7768HN7Y
run --db "$db" report enterprise $w --as-of $AS_OF -o "$T/waived.html"
expect_rc 0
run --db "$db" check --enterprise $w --as-of $AS_OF --format tsv
[ "$(awk -F'\t' '$4 == "waived"' "$out" | cut -f3)" = CHK-10 ] || fail "the sample's waived result moved"
xp_is "$T/waived.html" "count(//table[contains(@class, 'waived')])" 1
xp_is "$T/waived.html" "normalize-space((//h3[@class='pack'])[1]/following-sibling::table[2][contains(@class, 'waived')]/caption)" '豁免（1）'
xp_is "$T/waived.html" "normalize-space(//table[contains(@class, 'waived')]/tbody/tr/td[1])" '检查项 10：安全生产例会正常召开'
xp_is "$T/waived.html" "normalize-space(//table[contains(@class, 'waived')]/tbody/tr/td[3])" 2027-03-31
has "$T/waived.html" '已豁免（豁免 HM-CH-2026-01：'

# a hazard voided on or before the day is as if absent; voided later, it counts
mkdir "$T/voided"
cp "$SAMPLE"/*.csv "$T/voided/"
# (the sample's hazards.csv has the void columns last, empty for YH-HT-07)
sed '/^YH-HT-07,/ s/,,$/,2026-11-20,重复登记/' "$SAMPLE/hazards.csv" > "$T/voided/hazards.csv"
grep -q '^YH-HT-07,.*,2026-11-20,重复登记$' "$T/voided/hazards.csv" || fail "YH-HT-07 not voided"
run --db "$T/voided.db" import "$T/voided"
expect_rc 0
run --db "$T/voided.db" report enterprise $id --as-of $AS_OF -o "$T/voided.html"
expect_rc 0
xp_is "$T/voided.html" "count(//table[contains(@class, 'hazards-open')]/tbody/tr)" "$((open - 1))"
hasnt "$T/voided.html" 'YH-HT-07'
run --db "$T/voided.db" report enterprise $id --as-of 2026-11-19 -o "$T/voided.html"
expect_rc 0
has "$T/voided.html" 'YH-HT-07'

# an unknown enterprise
run --db "$db" report enterprise 91654202MA775B3K6X --as-of $AS_OF
expect_rc 1
expect_err "safetrack: 企业“91654202MA775B3K6X”不存在（编号、全称或名称中的一段都没有找到）"
run --db "$db" report enterprise
expect_rc 1
expect_err "用法: safetrack report"
exit 0
