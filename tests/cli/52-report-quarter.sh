# report quarter: each enterprise's inspections of the quarter with their
# 13 item results and inspectors, and the hazards raised from failed items,
# all as the store has them; rendered in parts into one HTML page.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/data/report/lib.sh"
import_sample
h="$T/quarter.html"
q() { sqlite3 -separator "$(printf '\t')" "$db" "$1"; }
inq="i.enterprise IN (SELECT id FROM enterprises WHERE park = 'WSHG')
     AND i.date BETWEEN '2026-07-01' AND '2026-09-30'"

run --db "$db" report quarter 2026-Q3 --park WSHG --as-of $AS_OF -o "$h"
expect_rc 0
self_contained "$h"
# one page: the parts sit between one doctype and one </html>
head -n 2 "$h" | tr '\n' ' ' | grep -q '^<!DOCTYPE html> <html lang="zh-CN">' || fail "page does not start right"
[ "$(tail -n 1 "$h")" = '</html>' ] || fail "page does not end with </html>"
[ "$(grep -c '<head>' "$h")" -eq 1 ] || fail "more than one <head>"
[ "$(grep -c '<!DOCTYPE' "$h")" -eq 1 ] || fail "more than one doctype"
xp_is "$h" 'string(//h1)' '乌苏市西湖化工园区 2026年第三季度安全检查报告'
xp_is "$h" "count(//h2[starts-with(., '检查项目')]/following-sibling::table[1]/tbody/tr)" 13
# revision 2: the items' pack and the regulation it enforces
xp_is "$h" "normalize-space(//h2[starts-with(., '检查项目')]/following-sibling::h3[1][@class='pack'])" '地方规则包：塔城地区工业园区安全生产管理暂行规定'
xp_is "$h" "normalize-space(//h2[starts-with(., '检查项目')]/following-sibling::p[1][contains(@class, 'pack')])" 'tacheng-park-safety 版本 1.0.0；执行的法规：《塔城地区工业园区安全生产管理暂行规定》'

n=$(q "SELECT count(*) FROM inspections i WHERE $inq")
[ "$n" -gt 0 ] || fail "no inspection in the sample's 2026-Q3"
xp_is "$h" "count(//div[@class='card'])" "$n"
# each inspection: its enterprise section, inspectors and every item result
q "SELECT i.id, e.name, coalesce(i.inspectors, '—') FROM inspections i JOIN enterprises e ON e.id = i.enterprise WHERE $inq" |
while IFS="$(printf '\t')" read -r id ename who; do
	card="//section[contains(h3, '$ename')]/div[@class='card'][contains(p, '编号 $id ')]"
	xp_is "$h" "count($card)" 1
	xp_is "$h" "contains($card/p, '检查人员：$who')" true
done || exit 1
items=""
for k in 1 2 3 4 5 6 7 8 9 10 11 12 13; do items="$items SELECT id, $k, item$k FROM inspections i WHERE $inq UNION ALL"; done
q "${items% UNION ALL}" > "$T/items.tsv"
[ "$(wc -l < "$T/items.tsv")" -eq $((n * 13)) ] || fail "items query"
while IFS="$(printf '\t')" read -r id k v; do
	xp_is "$h" "string(//div[@class='card'][contains(p, '编号 $id ')]/table[@class='items']//td[$k]/@class)" "item item-$v"
done < "$T/items.tsv"

# failed items: the hazard raised from each, or a warning that there is none
grep -q '	fail$' "$T/items.tsv" || fail "no failed item in the sample's 2026-Q3 (test needs one)"
grep '	fail$' "$T/items.tsv" | while IFS="$(printf '\t')" read -r id k v; do
	rows="//div[@class='card'][contains(p, '编号 $id ')]/table[2]/tbody/tr[starts-with(td[1], '$k. ')]"
	hz=$(q "SELECT id FROM hazards WHERE inspection = '$id' AND item = $k AND found <= '$AS_OF'")
	if [ -z "$hz" ]; then
		xp_is "$h" "contains($rows/td[2], '未登记隐患')" true
	else
		for z in $hz; do
			desc=$(q "SELECT description FROM hazards WHERE id = '$z'")
			xp_is "$h" "string($rows[contains(td[2], '$z')]/td[3])" "$desc"
			owner=$(q "SELECT coalesce(owner, '—') FROM hazards WHERE id = '$z'")
			xp_is "$h" "contains($rows[contains(td[2], '$z')]/td[5], '责任人：$owner')" true
		done
	fi
done || exit 1

# the totals
failed=$(grep -c '	fail$' "$T/items.tsv")
xp_is "$h" "normalize-space(//h2[.='汇总']/following-sibling::table[1]//tr[th='检查次数']/td)" "$n"
xp_is "$h" "normalize-space(//h2[.='汇总']/following-sibling::table[1]//tr[th='不合格项']/td)" "$failed"
has "$h" '评估日期 2026-11-28'

# a quarter with no inspection yet lists the operating enterprises as uninspected
run --db "$db" report quarter 2027-Q1 --park WSHG --as-of 2027-04-01
expect_rc 0
grep -q '本季度没有该企业的检查记录' "$out" || fail "2027-Q1 shows no uninspected enterprise"

run --db "$db" report quarter 2026-Q5 --park WSHG
expect_rc 1
expect_err "季度 '2026-Q5' 的格式应为 YYYY-Qn"
run --db "$db" report quarter
expect_rc 1
expect_err "quarter 报告需要季度（YYYY-Qn）"
exit 0
