# revision 2, what-if in the park report: report park --compare-tailoring FILE
# (or --compare-rules DIR) adds a section that says, per rule, how many
# enterprises' results the proposed rules change and from which status to
# which; the counts are check --compare-*'s rows (closed enterprises left out)
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/data/report/lib.sh"
import_sample
cp "$db" "$T/before.db"
ex="$TOP/docs/tailoring-example.xml"
sec="//section[@class='what-if']"

# without a comparison there is no such section
h="$T/plain.html"
run --db "$db" report park --park WSHG --as-of $AS_OF -o "$h"
expect_rc 0
xp_is "$h" "count($sec)" 0
hasnt "$h" '假设分析'

# the proposed tailoring of docs/: the whole section, word for word
h="$T/what-if.html"
run --db "$db" report park --park WSHG --as-of $AS_OF --compare-tailoring "$ex" -o "$h"
expect_rc 0
[ ! -s "$out" ] && [ ! -s "$err" ] || fail "output besides the report"
xp_is "$h" "normalize-space($sec/h2)" '九、假设分析：拟用裁剪文件的影响'
xp_is "$h" "normalize-space($sec/p[1])" "以评估日 2026-11-28 的档案数据，分别按现行规则和拟用裁剪文件“example-park-2026”（$ex）评估本园区（已关闭企业不计）：共有 12 项结果不同，涉及 9 家企业、2 条规则；其余 43 条规则的结果不变（地方规则包 40 条、国家规则包 3 条）。"
xp_is "$h" "count($sec/ul[@class='proposal']/li)" 4
xp_is "$h" "normalize-space($sec/ul/li[1])" 'CHK-13（检查项 13：其他情况）：停用，不再评估'
xp_is "$h" "normalize-space($sec/ul/li[2])" 'ACC-INVESTIGATION（事故按“四不放过”调查处理）：参数 deadline_days 由 60 改为 30（期限为事件日期加上这么多天）'
xp_is "$h" "normalize-space($sec/ul/li[3])" 'INSP-QUARTERLY（每季度对企业开展安全检查）：参数 warn_days 由 15 改为 20（截止日前多少天起显示为“即将到期”）'
xp_is "$h" "normalize-space($sec/ul/li[4])" 'ORG-STAFFING（安全生产办公室专职安全管理人员配备）：参数 staff_step 由 200 改为 150'
# one table per pack that has a changed rule: the local pack only here
xp_is "$h" "count($sec//table)" 1
xp_is "$h" "normalize-space($sec//table/caption)" '地方规则包：塔城地区工业园区安全生产管理暂行规定'
xp_is "$h" "count($sec//table/tbody/tr)" 2
# each row: the rule's title with its id, the clause, how many enterprises,
# and each pair of statuses on its own line
row() { xp_is "$h" "normalize-space($sec//table/tbody/tr[td[1]/span = '$1']/td[$2])" "$3"; }
row ACC-INVESTIGATION 1 '事故按“四不放过”调查处理ACC-INVESTIGATION'
row ACC-INVESTIGATION 2 '第八章第2项、第九章事故处理第2项'
row ACC-INVESTIGATION 3 '3 家企业'
xp_is "$h" "count($sec//tr[td[1]/span = 'ACC-INVESTIGATION']/td[4]/br)" 1
row ACC-INVESTIGATION 4 '合格 → 不合格：2 家企业逾期 不变，期限改变：1 家企业'
row CHK-13 3 '9 家企业'
row CHK-13 4 '不适用 → 不再评估：1 家企业合格 → 不再评估：6 家企业未核查 → 不再评估：1 家企业不合格 → 不再评估：1 家企业'
# the status badges are the report's own
xp_is "$h" "count($sec//tr[td[1]/span = 'ACC-INVESTIGATION']//span[@class='st st-fail'])" 1
xp_is "$h" "count($sec//tr[td[1]/span = 'CHK-13']//span[@class='st st-none'])" 4

# the counts are check's rows for the park, the closed enterprise left out
run --db "$db" check --park WSHG --as-of $AS_OF --compare-tailoring "$ex" --format tsv
expect_rc 0
closed=$(awk -F, '$3 == "WSHG" && $0 ~ /,closed,/ { print $1 }' "$SAMPLE/enterprises.csv")
[ -n "$closed" ] || fail "the sample park has no closed enterprise (test needs one)"
tail -n +2 "$out" | grep -vF "$closed" > "$T/rows.tsv"
[ "$(wc -l < "$T/rows.tsv")" -eq 12 ] || fail "check lists $(wc -l < "$T/rows.tsv") rows, the report 12"
for r in ACC-INVESTIGATION CHK-13; do
	n=$(awk -F'\t' -v r=$r '$3 == r' "$T/rows.tsv" | wc -l)
	row $r 3 "$n 家企业"
done
[ "$(awk -F'\t' '$3 == "ACC-INVESTIGATION" && $4 == "pass" && $6 == "fail"' "$T/rows.tsv" | wc -l)" -eq 2 ] ||
	fail "check: ACC-INVESTIGATION pass -> fail"

# another rules folder: the local pack alone; the national rules show no
# longer judged, grouped under the national pack with their statutes
mkdir "$T/local"
cp "$TOP/rules/"*.rng "$TOP/rules/"[1-5]*.xml "$T/local/"
run rules manifest "$T/local"
expect_rc 0
h="$T/rules.html"
run --db "$db" report park --park WSHG --as-of $AS_OF --compare-rules "$T/local" -o "$h"
expect_rc 0
xp_is "$h" "normalize-space($sec/h2)" '九、假设分析：拟用规则目录的影响'
xp_is "$h" "normalize-space($sec/p[1])" "以评估日 2026-11-28 的档案数据，分别按现行规则和拟用规则目录（$T/local）评估本园区（已关闭企业不计）：共有 27 项结果不同，涉及 9 家企业、3 条规则；其余 42 条规则的结果不变（地方规则包 42 条）。"
xp_is "$h" "count($sec/ul)" 0
xp_is "$h" "normalize-space($sec//table/caption)" '国家规则包：国家安全生产行政法规（摘录）'
row NAT-SAFETY-LICENCE 2 '《安全生产许可证条例》第二条、第九条'
row NAT-SAFETY-LICENCE 4 '不适用 → 不再评估：4 家企业合格 → 不再评估：2 家企业即将到期 → 不再评估：1 家企业不合格 → 不再评估：2 家企业'
row NAT-ACC-REPORT-1H 2 '《生产安全事故报告和调查处理条例》第九条'

# the other way round: the current tailoring set, the proposal sets nothing;
# a deselected rule comes back, parameters return to their defaults
printf '<tailoring xmlns="urn:safetrack:tailoring:1" id="none" pack="tacheng-park-safety"><title>不裁剪</title></tailoring>\n' > "$T/none.xml"
h="$T/back.html"
run --db "$db" report park --park WSHG --as-of $AS_OF --tailoring "$ex" --compare-tailoring "$T/none.xml" -o "$h"
expect_rc 0
xp_is "$h" "normalize-space($sec/ul/li[1])" 'CHK-13（检查项 13：其他情况）：恢复评估（现行裁剪文件停用了此规则）'
xp_is "$h" "normalize-space($sec/ul/li[2])" 'ACC-INVESTIGATION（事故按“四不放过”调查处理）：参数 deadline_days 由 30 改为 60（期限为事件日期加上这么多天）'
row ACC-INVESTIGATION 4 '不合格 → 合格：2 家企业逾期 不变，期限改变：1 家企业'
row CHK-13 4 '现行不评估 → 不适用：1 家企业现行不评估 → 合格：6 家企业现行不评估 → 未核查：1 家企业现行不评估 → 不合格：1 家企业'

# the same rules: nothing changes, and the section says so
h="$T/same.html"
run --db "$db" report park --park WSHG --as-of $AS_OF --compare-rules "$TOP/rules" -o "$h"
expect_rc 0
xp_is "$h" "normalize-space($sec/h2)" '九、假设分析：拟用规则目录的影响'
xp_is "$h" "normalize-space($sec/p[1])" "以评估日 2026-11-28 的档案数据，分别按现行规则和拟用规则目录（$TOP/rules）评估本园区（已关闭企业不计）：两种规则下全部结果相同，45 条规则的结果均不变（地方规则包 42 条、国家规则包 3 条）。"
xp_is "$h" "count($sec//table)" 0
# another folder is judged under the current tailoring, and the section says so
run --db "$db" report park --park WSHG --as-of $AS_OF --tailoring "$ex" --compare-rules "$T/local" -o "$h"
expect_rc 0
xp_is "$h" "normalize-space($sec/p[1])" "以评估日 2026-11-28 的档案数据，分别按现行规则和拟用规则目录（$T/local，沿用现行裁剪文件“example-park-2026”）评估本园区（已关闭企业不计）：共有 27 项结果不同，涉及 9 家企业、3 条规则；其余 41 条规则的结果不变（地方规则包 41 条）。"
xp_is "$h" "count($sec/ul)" 0

# a rule only the other folder has (CHK-13A, a title holding markup): listed
# under its pack with 现行不评估, the title escaped
mkdir "$T/plus"
cp "$TOP/rules/"*.rng "$TOP/rules/"*.xml "$T/plus/"
python3 - "$T/plus/30-inspection.xml" <<'EOP'
import sys
p = sys.argv[1]
s = open(p, encoding='utf-8').read()
a = s.index('  <rule id="CHK-13"'); b = s.index('</rule>', a) + len('</rule>')
r = s[a:b].replace('id="CHK-13"', 'id="CHK-13A"').replace('检查项 13：其他情况', '检查项 13（试行）：&lt;b&gt;其他&lt;/b&gt;情况')
open(p, 'w', encoding='utf-8').write(s[:b] + '\n\n' + r + s[b:])
EOP
run rules manifest "$T/plus"
expect_rc 0
h="$T/plus.html"
run --db "$db" report park --park WSHG --as-of $AS_OF --compare-rules "$T/plus" -o "$h"
expect_rc 0
xp_is "$h" "count($sec//table/tbody/tr)" 1
xp_is "$h" "normalize-space($sec//table/caption)" '地方规则包：塔城地区工业园区安全生产管理暂行规定'
row CHK-13A 1 '检查项 13（试行）：<b>其他</b>情况CHK-13A'
row CHK-13A 3 '9 家企业'
row CHK-13A 4 '现行不评估 → 不适用：1 家企业现行不评估 → 合格：6 家企业现行不评估 → 未核查：1 家企业现行不评估 → 不合格：1 家企业'
xp_is "$h" "count(//b)" 0

# everything from data is escaped: a tailoring file whose path holds markup
mkdir "$T/<b>x"
cp "$ex" "$T/<b>x/t.xml"
h="$T/escape.html"
run --db "$db" report park --park WSHG --as-of $AS_OF --compare-tailoring "$T/<b>x/t.xml" -o "$h"
expect_rc 0
has "$h" '&lt;b&gt;x/t.xml'
xp_is "$h" "count(//b)" 0

# a bad proposed tailoring: its exact error, no report, the database as it was
printf '<tailoring xmlns="urn:safetrack:tailoring:1" id="x" pack="tacheng-park-safety"><set rule="NOPE" param="days">1</set></tailoring>\n' > "$T/bad.xml"
run --db "$db" report park --park WSHG --as-of $AS_OF --compare-tailoring "$T/bad.xml" -o "$T/bad.html"
expect_rc 1
printf '%s\n' "$T/bad.xml:1: 裁剪引用了不存在的规则 'NOPE'" > "$T/want"
expect_err_exact "$T/want"
[ ! -e "$T/bad.html" ] && [ ! -e "$T/bad.html.tmp" ] || fail "a report was written"
run --db "$db" report park --park WSHG --as-of $AS_OF --compare-tailoring "$T/bad.xml"
expect_rc 1
[ ! -s "$out" ] || fail "a report on stdout"
run --db "$db" report park --park WSHG --as-of $AS_OF --compare-tailoring "$T/missing.xml" -o "$T/bad.html"
expect_rc 1
printf '%s\n' "$T/missing.xml: 无法打开：文件或目录不存在" > "$T/want"
expect_err_exact "$T/want"
[ ! -e "$T/bad.html" ] || fail "a report was written"
run --db "$db" report park --park WSHG --as-of $AS_OF --compare-rules "$T/nowhere" -o "$T/bad.html"
expect_rc 1
expect_err "$T/nowhere"
[ ! -e "$T/bad.html" ] || fail "a report was written"

# usage: one of the two, and the park report only
run --db "$db" report park --park WSHG --compare-rules "$T/local" --compare-tailoring "$ex"
expect_rc 1
expect_err "--compare-rules 与 --compare-tailoring 只能选一个"
run --db "$db" report enterprise 91654202MA7768HN7Y --compare-tailoring "$ex" -o "$T/bad.html"
expect_rc 1
expect_err "--compare-rules 与 --compare-tailoring 只用于园区报告（park）"
[ ! -e "$T/bad.html" ] || fail "a report was written"
same_db "$db" "$T/before.db"
