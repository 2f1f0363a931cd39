# report notice: the rectification notice (整改通知书) of one enterprise —
# every fail and overdue finding numbered, with the clause in words and
# verbatim, what to do and a deadline (the linked hazard's own, else as-of +
# 15 days or the tailoring's <notice days>), the park, the date and the
# signature and seal block.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/data/report/lib.sh"
import_sample
id=91654202MA775B3K67
name=乌苏市恒泰精细化工有限公司
h="$T/notice.html"

run --db "$db" report notice $id --as-of $AS_OF -o "$h"
expect_rc 0
self_contained "$h"
xp_is "$h" 'normalize-space(//h1)' 安全生产整改通知书
xp_is "$h" "normalize-space(//div[@class='issuer'])" 乌苏市西湖化工园区管理委员会
xp_is "$h" "normalize-space(//p[@class='to']/strong)" "$name"

# every fail and overdue finding of check, and nothing else, numbered
run --db "$db" check --enterprise $id --as-of $AS_OF --format xml
cp "$out" "$T/check.xml"
want=$(xmllint --xpath "count(//subject[@id='$id']/result[@status='fail' or @status='overdue'])" "$T/check.xml")
[ "$want" -gt 3 ] || fail "the sample enterprise has too few findings (test needs some)"
xp_is "$h" "count(//ol[@class='notice-items']/li)" "$want"
has "$h" "发现下列 $want 项问题"
for rule in $(xmllint --xpath "//subject[@id='$id']/result[@status='fail' or @status='overdue']/@rule" "$T/check.xml" | sed 's/ rule="\([^"]*\)"/\1 /g'); do
	title=$(xmllint --xpath "string(//rule[@id='$rule']/@title)" "$T/check.xml")
	li="//ol[@class='notice-items']/li[p[1]/strong='$title']"
	xp_is "$h" "count($li)" 1
	clause=$(rule_text $rule clause-text | tr -s ' \n' ' ' | sed 's/^ //; s/ $//')
	xp_is "$h" "contains(normalize-space($li/p[3]), '“$clause”')" true
	zh=$(xmllint --xpath "string(//subject[@id='$id']/result[@rule='$rule']/detail)" "$T/check.xml")
	xp_is "$h" "normalize-space($li/p[2])" "存在问题：$zh"
done
# overdue first; clauses in words
xp_is "$h" "normalize-space(//ol[@class='notice-items']/li[1]/p[1]/span)" 逾期
xp_is "$h" "starts-with(normalize-space(//ol[@class='notice-items']/li[p[1]/strong='按安全评价报告落实整改']/p[3]), '依据：第六章第4项、第七章第9项：')" true
# deadlines: an item whose hazard still has a deadline ahead keeps it; the rest
# get as-of + 15 days; an overdue hazard gets a new one
xp_is "$h" "normalize-space(//ol[@class='notice-items']/li[p[1]/strong='检查项 1：服从上级安全生产监督管理部门的业务指导']/p[5])" \
	'整改期限：2026年11月30日（隐患 YH-HT-06 登记的整改期限）'
xp_is "$h" "normalize-space(//ol[@class='notice-items']/li[p[1]/strong='事故隐患按期整改销号']/p[5])" \
	'整改期限：2026年12月13日（自通知之日起 15 日内）'
# the park, the date, the signature and seal block
xp_is "$h" "normalize-space(//div[@class='sign-right']/p[1])" 乌苏市西湖化工园区管理委员会
xp_is "$h" "normalize-space(//div[@class='sign-right']/p[2])" 2026年11月28日
xp_is "$h" "normalize-space(//div[@class='seal'])" （盖章）
has "$h" '被检查单位负责人（签收）'
hasnt "$h" '条（'

# docs/ holds this notice as the example; it changes by a reviewed diff
diff -u "$TOP/docs/notice-example.html" "$h" || fail "docs/notice-example.html differs from the sample's notice"

# the tailoring sets the notice's days
cat > "$T/t30.xml" <<'X'
<tailoring xmlns="urn:safetrack:tailoring:1" id="t30" pack="tacheng-park-safety">
  <notice days="30"/>
</tailoring>
X
run --db "$db" report notice $id --as-of $AS_OF --tailoring "$T/t30.xml" -o "$h"
expect_rc 0
xp_is "$h" "normalize-space(//ol[@class='notice-items']/li[p[1]/strong='事故隐患按期整改销号']/p[5])" \
	'整改期限：2026年12月28日（自通知之日起 30 日内）'
has "$h" '（裁剪 t30）'
# ... within 1 to 90 days; a wrong one is refused and nothing is written
for d in 0 91 1x; do
	sed "s/30/$d/" "$T/t30.xml" > "$T/bad.xml"
	run --db "$db" report notice $id --as-of $AS_OF --tailoring "$T/bad.xml" -o "$T/bad.html"
	expect_rc 1
	case $d in
	1x|0) expect_err "bad.xml" ;;
	*) expect_err "$T/bad.xml:2: 整改通知书的整改期限天数 '91' 应在 1 至 90 之间" ;;
	esac
	[ ! -e "$T/bad.html" ] && [ ! -e "$T/bad.html.tmp" ] || fail "a refused notice left a file"
done

# an enterprise with nothing to rectify still gets a notice that says so
run --db "$db" report notice 91654202689590361J --as-of $AS_OF -o "$h"
expect_rc 0
xp_is "$h" "count(//ol[@class='notice-items']/li)" 0
has "$h" '无须限期整改'

# wrong input
cp "$db" "$T/before.db"
run --db "$db" report notice 91654202MA775B3K6X --as-of $AS_OF -o "$h.x"
expect_rc 1
expect_err "safetrack: 企业“91654202MA775B3K6X”不存在（编号、全称或名称中的一段都没有找到）"
[ ! -e "$h.x" ] || fail "an unknown enterprise left a file"
run --db "$db" report notice
expect_rc 1
expect_err "notice 报告需要企业 ID"
same_db "$db" "$T/before.db"
exit 0
