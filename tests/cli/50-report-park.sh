# report park: the park report of the sample park agrees with `check`,
# the store and the rule pack; it is one self-contained HTML file.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/data/report/lib.sh"
import_sample

# two parks in the sample: the park must be named
run --db "$db" report park --as-of $AS_OF -o "$T/none.html"
expect_rc 1
expect_err "safetrack: 数据库中有多个园区，请用 --park 指定"
[ ! -e "$T/none.html" ] && [ ! -e "$T/none.html.tmp" ] || fail "a failed report left a file"
run --db "$db" report park --park NOPE --as-of $AS_OF
expect_rc 1
expect_err "safetrack: 园区“NOPE”不存在（编号、全称或名称中的一段都没有找到）"

h="$T/park.html"
run --db "$db" report park --park WSHG --as-of $AS_OF -o "$h"
expect_rc 0
[ ! -s "$out" ] || fail "-o also wrote to stdout"
[ ! -e "$h.tmp" ] || fail "temporary file left behind"
head -n 1 "$h" | grep -q '^<!DOCTYPE html' || fail "no doctype"
has "$h" '<html lang="zh-CN">'
self_contained "$h"
xp_is "$h" 'string(//h1)' '乌苏市西湖化工园区 安全生产合规报告'
xp_is "$h" "string(//table[@class='meta']//tr[th='评估日期']/td)" 2026-11-28
has "$h" '塔城地区工业园区安全生产管理暂行规定（tacheng-park-safety 版本'
has "$h" '未使用裁剪文件'
# revision 2: the per-rule summary is grouped by pack, the local pack first,
# each heading naming the regulations its rules enforce; the meta table
# names both packs
xp_is "$h" "count(//h3[@class='pack'])" 2
xp_is "$h" "normalize-space((//h3[@class='pack'])[1])" '地方规则包：塔城地区工业园区安全生产管理暂行规定'
xp_is "$h" "normalize-space((//h3[@class='pack'])[2])" '国家规则包：国家安全生产行政法规（摘录）'
xp_is "$h" "normalize-space((//p[contains(@class, 'pack')])[1])" 'tacheng-park-safety 版本 1.0.0；执行的法规：《塔城地区工业园区安全生产管理暂行规定》'
xp_is "$h" "normalize-space((//p[contains(@class, 'pack')])[2])" 'national-safety-regulations 版本 1.0.0；执行的法规：《生产安全事故报告和调查处理条例》、《危险化学品安全管理条例》、《安全生产许可证条例》'
# every judged rule once: 42 local (park and enterprise), 3 national
xp_is "$h" "count((//h3[@class='pack'])[1]/following-sibling::table[1]/tbody/tr)" 42
xp_is "$h" "count((//h3[@class='pack'])[2]/following-sibling::table[1]/tbody/tr)" 3
xp_is "$h" "normalize-space((//h3[@class='pack'])[2]/following-sibling::table[1]/tbody/tr[1]/td[1])" '事故发生后 1 小时内报告NAT-ACC-REPORT-1H'
xp_is "$h" "normalize-space((//h3[@class='pack'])[2]/following-sibling::table[1]/tbody/tr[3]/td[2])" '《安全生产许可证条例》第二条、第九条'
xp_is "$h" "count((//h3[@class='pack'])[1]/following-sibling::table[1]//span[@class='note id'][starts-with(., 'NAT-')])" 0
xp_is "$h" "normalize-space(//table[@class='meta']//tr[th='规则包']/td)" '地方规则包：塔城地区工业园区安全生产管理暂行规定（tacheng-park-safety 版本 1.0.0，77 条）国家规则包：国家安全生产行政法规（摘录）（national-safety-regulations 版本 1.0.0，3 条）'
# the legend says what every status means, and the formula of the rate
for s in pass due-soon fail overdue not-applicable not-checked error; do
	xp_is "$h" "count(//table[contains(@class, 'legend')]//span[@class='st st-$s'])" 1
done
has "$h" '有期限的义务已过期限而未见所需记录'
has "$h" '合规率 =（合格 + 即将到期）÷（全部结果 − 不适用 − 豁免）'

# the same results as check: every overdue / due-soon row, with its due date;
# the closed enterprise owes nothing and is left out of every count
run --db "$db" check --park WSHG --as-of $AS_OF --format tsv
closed_ids=$(awk -F, '$3 == "WSHG" && $0 ~ /,closed,/ { print $1 }' "$SAMPLE/enterprises.csv")
[ -n "$closed_ids" ] || fail "the sample park has no closed enterprise (test needs one)"
grep -vF "$closed_ids" "$out" > "$T/check.tsv"
name_of() { grep "^$1," "$SAMPLE/enterprises.csv" | cut -d, -f2; }
for s in overdue due-soon; do
	cap=$([ $s = overdue ] && echo 逾期事项 || echo 即将到期)
	want=$(awk -F'\t' -v s=$s '$4 == s' "$T/check.tsv" | wc -l)
	[ "$want" -gt 0 ] || fail "the sample has no $s row (test needs one)"
	xp_is "$h" "count(//h3[starts-with(., '$cap')]/following-sibling::table[1]/tbody/tr)" "$want"
	awk -F'\t' -v s=$s '$4 == s { print $2 "\t" $3 "\t" $5 }' "$T/check.tsv" |
	while IFS="$(printf '\t')" read -r subj rule due; do
		name=$(name_of "$subj"); [ -n "$name" ] || name=乌苏市西湖化工园区
		title=$(xmllint --xpath "string(//*[local-name()='rule'][@id='$rule']/@title)" "$TOP"/rules/*.xml 2>/dev/null | head -n 1)
		n=$(xp "$h" "count(//h3[starts-with(., '$cap')]/following-sibling::table[1]/tbody/tr[td[4]='$due'][td[1]='$name'])")
		[ "$n" -ge 1 ] || fail "$s row $subj $rule $due not in the report"
	done || exit 1
done
# the chase list is the report's first section: the overdue major hazard,
# then overdue obligations, most days late first, then due-soon by date
xp_is "$h" "normalize-space(//h2[1])" 一、需要督办的事项
xp_is "$h" "count(//table[contains(@class, 'chase-major')]/tbody/tr)" 1
xp_is "$h" "normalize-space(//table[contains(@class, 'chase-major')]/tbody/tr/td[1])" 乌苏市恒泰精细化工有限公司
has "$h" '重大隐患 YH-HT-04：'
late=$(xp "$h" "//table[contains(@class, 'chase-overdue')]/tbody/tr/td[5]" | grep -o '已逾期 [0-9]* 天' | tr -dc '0-9\n')
[ "$late" = "$(printf '%s\n' $late | sort -nr)" ] || fail "overdue rows not by days late: $late"
[ "$(printf '%s\n' $late | head -n 1)" = 332 ] || fail "first overdue row is not the 332-day one"
due=$(xp "$h" "//table[contains(@class, 'chase-soon')]/tbody/tr/td[4]" | grep -o '[0-9-]\{10\}')
[ "$due" = "$(printf '%s\n' $due | sort)" ] || fail "due-soon rows not by date"
# clauses in the regulation's words, never "条" or English
xp_is "$h" "normalize-space(//table[contains(@class, 'chase-overdue')]/tbody/tr[contains(td[2], '年中、年末考核检查')]/td[3])" 第七章末段
xp_is "$h" "normalize-space(//table[contains(@class, 'chase-overdue')]/tbody/tr[contains(td[2], '事故按')]/td[3])" 第八章第2项、第九章事故处理第2项
hasnt "$h" 'closing paragraph'
hasnt "$h" '(accident'
# counts by status: the status table's numbers are check's
for s in pass due-soon fail overdue not-applicable not-checked; do
	want=$(awk -F'\t' -v s=$s '$4 == s' "$T/check.tsv" | wc -l)
	xp_is "$h" "normalize-space(//h3[starts-with(., '各状态数量')]/following-sibling::table[1]//tr[td/span[@class='st st-$s']]/td[2])" "$want"
done
# closed enterprises: listed apart, not counted, their hazards not open
for id in $closed_ids; do
	xp_is "$h" "normalize-space(//h2[starts-with(., '八')]/following-sibling::table[1]/tbody/tr[td[2]='$id']/td[1])" "$(name_of $id)"
done
ops=$(awk -F, '$3 == "WSHG" && $0 !~ /,closed,/' "$SAMPLE/enterprises.csv" | wc -l)
xp_is "$h" "normalize-space(//div[@class='figure'][2]/div[@class='v'])" "$ops"
# the trend's last bar is the headline's rate, at the as-of date
head_rate=$(xp "$h" "normalize-space(//div[@class='figure'][1]/div[@class='v'])")
xp_is "$h" "normalize-space(//table[contains(@class, 'trend')]/tbody/tr[last()]/td[2])" "$head_rate"
xp_is "$h" "normalize-space(//table[contains(@class, 'trend')]/tbody/tr[last()]/td[1])" "评估日（$AS_OF）"
has "$h" '与报告开头的合规率一致'

# enterprises ranked by findings (fail + overdue + error): same set, worst first
awk -F'\t' '$1 == "enterprise" && ($4 == "fail" || $4 == "overdue" || $4 == "error") { n[$2]++ }
	END { for (e in n) print n[e] "\t" e }' "$T/check.tsv" | sort -k1,1nr -k2 > "$T/rank.want"
ranked=$(xp "$h" "count(//h2[starts-with(., '三')]/following-sibling::table[1]/tbody/tr[td[4] > 0])")
[ "$ranked" -eq "$(wc -l < "$T/rank.want")" ] || fail "ranked $ranked enterprises with findings, want $(wc -l < "$T/rank.want")"
top=$(head -n 1 "$T/rank.want" | cut -f1)
xp_is "$h" "string(//h2[starts-with(., '三')]/following-sibling::table[1]/tbody/tr[1]/td[4])" "$top"
while IFS="$(printf '\t')" read -r n e; do
	name=$(grep "^$e," "$SAMPLE/enterprises.csv" | cut -d, -f2)
	xp_is "$h" "string(//h2[starts-with(., '三')]/following-sibling::table[1]/tbody/tr[td[3]='$e']/td[2])" "$name"
	xp_is "$h" "string(//h2[starts-with(., '三')]/following-sibling::table[1]/tbody/tr[td[3]='$e']/td[4])" "$n"
done < "$T/rank.want"
# the enterprises without findings are counted, not listed
has "$h" "其余 $((ops - $(wc -l < "$T/rank.want"))) 家企业"
# the other park is not in this report
hasnt "$h" '额敏县金谷粮油有限责任公司'

# open hazards as the store has them
open=$(sqlite3 "$db" "SELECT count(*) FROM hazards h JOIN enterprises e ON e.id = h.enterprise
	WHERE e.park = 'WSHG' AND h.found <= '$AS_OF' AND (h.closed IS NULL OR h.closed > '$AS_OF')
	AND e.status <> 'closed'")
[ "$open" -gt 0 ] || fail "the sample park has no open hazard (test needs one)"
xp_is "$h" "string(//h2[starts-with(., '五')]/following-sibling::table[1]/tbody/tr/td[3])" "$open"
xp_is "$h" "count(//h2[starts-with(., '五')]/following-sibling::table[2]/tbody/tr)" "$open"
# major hazards come first
first_grade=$(xp "$h" "normalize-space(//h2[starts-with(., '五')]/following-sibling::table[2]/tbody/tr[1]/td[3])")
majors=$(sqlite3 "$db" "SELECT count(*) FROM hazards h JOIN enterprises e ON e.id = h.enterprise
	WHERE e.park = 'WSHG' AND h.grade = 'major' AND (h.closed IS NULL OR h.closed > '$AS_OF')")
[ "$majors" -eq 0 ] || [ "$first_grade" = 重大隐患 ] || fail "first open hazard is '$first_grade', not major"

# per-rule summary: one row per evaluated rule, with the clause number
xp_is "$h" "string(//h2[starts-with(., '六')]/following-sibling::table[1]/tbody/tr[td[1]/span='ORG-STAFFING']/td[2])" 第一章第1项
# trend: the last eight quarter ends, as an inline SVG and a table
for q in 2024-Q4 2025-Q1 2025-Q2 2025-Q3 2025-Q4 2026-Q1 2026-Q2 2026-Q3; do
	has "$h" "<td data-label=\"日期\">$q（"
done
xp_is "$h" "count(//svg//rect)" 9
# on a quarter end, that quarter is the last point
run --db "$db" report park --park WSHG --as-of 2026-12-31
expect_rc 0
grep -q '>2026-Q4（2026-12-31）</td>' "$out" || fail "as of 2026-12-31 the trend lacks 2026-Q4"
grep -q '>2024-Q4（' "$out" && fail "as of 2026-12-31 the trend still shows 2024-Q4"
grep -q '评估日（' "$out" && fail "as of a quarter end the trend has a bar of its own for the day"
grep -q '评估日正是季度末' "$out" || fail "as of a quarter end the trend does not say its last bar is the headline"

# the tailoring is named, with what it changed
run --db "$db" report park --park WSHG --as-of $AS_OF --tailoring "$TOP/tests/data/report/tailoring.xml" -o "$h"
expect_rc 0
has "$h" 'wshg-2026'
has "$h" 'INSP-QUARTERLY：warn_days = 20'
has "$h" '已由裁剪文件停用的规则：RESP-LETTER-ANNUAL'

# stdout by default; the other park
run --db "$db" report park --park EMNF --as-of $AS_OF
expect_rc 0
expect_out '额敏县农副产品加工园区 安全生产合规报告'
grep -qF '乌苏市恒泰精细化工有限公司' "$out" && fail "EMNF report lists a WSHG enterprise"
exit 0
