# Everything that comes from data is escaped: an enterprise name and a
# hazard description holding <script>, quotes and & come out as text in
# all three reports, never as markup.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/data/report/lib.sh"
run --db "$db" import "$TOP/tests/data/report/escape"
expect_rc 0
name="<script>alert(1)</script> \"引号\" '单引号' & 公司"
desc="配电箱<script>alert(1)</script> \"未上锁\" & 漏电"
park='测试园区 <b>粗体</b> & "引号"'

# no markup from data: no script, img or b element once a browser parses it
nomarkup() {
	has "$1" '&lt;script&gt;alert(1)&lt;/script&gt;'
	has "$1" '&amp;'
	hasnt "$1" '<script'
	hasnt "$1" '<b>'
	hasnt "$1" '<img'
	xp_is "$1" 'count(//script | //img | //b)' 0
}

run --db "$db" report park --as-of $AS_OF -o "$T/park.html"
expect_rc 0
nomarkup "$T/park.html"
xp_is "$T/park.html" 'string(//h1)' "$park 安全生产合规报告"
rank="//h2[starts-with(., '三')]/following-sibling::table[1]/tbody/tr[1]"
xp_is "$T/park.html" "string($rank/td[2])" "$name"
# in an attribute the quotes are escaped too: a parser reads back the exact name
xp_is "$T/park.html" "string($rank/td[2]/@title)" "$name"
has "$T/park.html" '&quot;引号&quot;'
xp_is "$T/park.html" "string(//h2[starts-with(., '五')]/following-sibling::table[2]/tbody/tr[1]/td[6])" "$desc"

run --db "$db" report enterprise 91654202MA775B3K67 --as-of $AS_OF -o "$T/enterprise.html"
expect_rc 0
nomarkup "$T/enterprise.html"
xp_is "$T/enterprise.html" 'string(//title)' "$name 安全生产档案"
xp_is "$T/enterprise.html" "string(//table[@class='meta']//tr[th='企业名称']/td)" "$name"

run --db "$db" report quarter 2026-Q3 --as-of $AS_OF -o "$T/quarter.html"
expect_rc 0
nomarkup "$T/quarter.html"
xp_is "$T/quarter.html" "count(//section[starts-with(h3, '<script>alert(1)</script> \"引号\"')])" 1
xp_is "$T/quarter.html" "string(//div[@class='card']/table[2]/tbody/tr[1]/td[3])" "$desc"
xp_is "$T/quarter.html" "contains(//div[@class='card']/p[1], '检查人员：李四 & \"王五\"')" true
has "$T/quarter.html" '&lt;img src=x onerror=alert(2)&gt;'
exit 0
