# 56-report-budget.sh — a template is a program: rendering runs under a time
# and memory budget (issue #15 item 11).  A doubly recursive template and a
# string-doubling one are stopped with a clear message, exit 1, and no output
# file; SAFETRACK_RENDER_SECONDS / SAFETRACK_RENDER_MEMORY_MB set the budget.
. "$TOP/tests/cli/lib.sh"

db="$T/park.db"
run --db "$db" import "$SAMPLE"
expect_rc 0

cat >"$T/recursive.xsl" <<'X'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template name="f">
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; 0">
      <xsl:call-template name="f"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
  <xsl:template match="/"><html><xsl:call-template name="f"><xsl:with-param name="n" select="60"/></xsl:call-template></html></xsl:template>
</xsl:stylesheet>
X
cat >"$T/doubling.xsl" <<'X'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template name="d">
    <xsl:param name="s"/>
    <xsl:call-template name="d"><xsl:with-param name="s" select="concat($s, $s)"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="/"><html><xsl:call-template name="d"><xsl:with-param name="s" select="'ab'"/></xsl:call-template></html></xsl:template>
</xsl:stylesheet>
X
TIME_MSG="safetrack: 模板运行超过时间限制（2 秒），已中止，未写出报告（模板可能有无限递归；确需更长时间时设置环境变量 SAFETRACK_RENDER_SECONDS）"
MEM_MSG="safetrack: 模板占用内存超过限制（64 MiB），已中止，未写出报告（模板可能在无限增长字符串或节点；确需更多内存时设置环境变量 SAFETRACK_RENDER_MEMORY_MB）"

# brun ENV ARGS...: run under a 60 s watchdog with the budget in ENV
brun() {
	e=$1; shift
	rc=0; env $e timeout 60 $ST "$@" >"$out" 2>"$err" || rc=$?
	[ "$rc" -ne 124 ] || fail "not stopped by the budget: $*"
}
for kind in "park --park WSHG" "enterprise 91654202055289139B" "quarter 2026-Q3 --park WSHG"; do
	brun SAFETRACK_RENDER_SECONDS=2 --db "$db" report $kind --as-of 2026-11-28 \
		--template "$T/recursive.xsl" -o "$T/r.html"
	expect_rc 1
	expect_err "$TIME_MSG"
	[ "$(wc -l <"$err")" -eq 1 ] || fail "more than the one message"
	[ -e "$T/r.html" ] || [ -e "$T/r.html.tmp" ] && fail "$kind: output file left"
done
brun SAFETRACK_RENDER_MEMORY_MB=64 --db "$db" report park --park WSHG --as-of 2026-11-28 \
	--template "$T/doubling.xsl" -o "$T/r.html"
expect_rc 1
expect_err "$MEM_MSG"
[ "$(wc -l <"$err")" -eq 1 ] || fail "more than the one message"
[ -e "$T/r.html" ] || [ -e "$T/r.html.tmp" ] && fail "output file left"
# to standard output: nothing at all
brun SAFETRACK_RENDER_MEMORY_MB=64 --db "$db" report park --park WSHG --as-of 2026-11-28 \
	--template "$T/doubling.xsl"
expect_rc 1
expect_err "$MEM_MSG"
[ -s "$out" ] && fail "partial report on stdout"
# the default budget (512 MiB) stops it as well
brun "" --db "$db" report park --park WSHG --as-of 2026-11-28 --template "$T/doubling.xsl" -o "$T/r.html"
expect_rc 1
expect_err "模板占用内存超过限制（512 MiB）"

# the shipped templates render well within a small budget
brun "SAFETRACK_RENDER_SECONDS=20 SAFETRACK_RENDER_MEMORY_MB=64" --db "$db" report park --park WSHG \
	--as-of 2026-11-28 -o "$T/r.html"
expect_rc 0
grep -q "</html>" "$T/r.html" || fail "park report incomplete"
# a value that is not a positive number is ignored (the default applies)
brun "SAFETRACK_RENDER_SECONDS=soon SAFETRACK_RENDER_MEMORY_MB=-1" --db "$db" report park --park WSHG \
	--as-of 2026-11-28 -o "$T/r2.html"
expect_rc 0
exit 0
