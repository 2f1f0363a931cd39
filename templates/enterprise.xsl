<?xml version="1.0" encoding="UTF-8"?>
<!--
  enterprise.xsl — 企业安全生产合规报告: every rule judged for one
  enterprise, with its status, due date and detail, the clause number, the
  clause's verbatim text and the remediation; then the clauses that were not
  evaluated (informational, or left out by the tailoring).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <html lang="zh-CN">
      <xsl:call-template name="st-head">
        <xsl:with-param name="title" select="concat(/results/subject/@name, ' 安全生产合规报告')"/>
      </xsl:call-template>
      <body>
        <xsl:apply-templates select="results"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="results">
    <xsl:variable name="s" select="subject"/>
    <xsl:variable name="e" select="enterprise"/>
    <h1><xsl:value-of select="$s/@name"/> 安全生产合规报告</h1>
    <p class="sub">企业安全生产合规报告 · 评估日期 <xsl:value-of select="@as-of"/></p>

    <table class="meta">
      <tr><th>企业名称</th><td><xsl:value-of select="$s/@name"/></td></tr>
      <tr><th>统一社会信用代码</th><td><xsl:value-of select="$s/@id"/></td></tr>
      <tr><th>所属园区</th><td>
        <xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="park/@name"/></xsl:call-template>
        <xsl:if test="$s/@park"><xsl:text>（</xsl:text><xsl:value-of select="$s/@park"/><xsl:text>）</xsl:text></xsl:if>
      </td></tr>
      <xsl:if test="$e">
        <tr><th>主要负责人</th><td><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="$e/@principal"/></xsl:call-template></td></tr>
        <tr><th>从业人员</th><td><xsl:value-of select="$e/@employees"/> 人</td></tr>
        <tr><th>危险化学品</th><td><xsl:call-template name="st-label"><xsl:with-param name="v" select="$e/@hazchem"/></xsl:call-template></td></tr>
        <tr><th>重大危险源</th><td>
          <xsl:call-template name="st-label"><xsl:with-param name="v" select="$e/@major_hazard"/></xsl:call-template>
          <xsl:if test="$e/@major_hazard_owner">（监控责任人 <xsl:value-of select="$e/@major_hazard_owner"/>）</xsl:if>
        </td></tr>
        <tr><th>企业状态</th><td>
          <xsl:call-template name="st-label"><xsl:with-param name="v" select="$e/@status"/></xsl:call-template>
          <xsl:if test="$e/@operating_since">（<xsl:value-of select="$e/@operating_since"/> 起生产经营）</xsl:if>
        </td></tr>
        <tr><th>安委会委员单位</th><td><xsl:call-template name="st-label"><xsl:with-param name="v" select="$e/@committee_member"/></xsl:call-template></td></tr>
      </xsl:if>
      <tr><th>评估日期</th><td><xsl:value-of select="@as-of"/></td></tr>
      <xsl:call-template name="st-pack-rows"/>
    </table>

    <h2>一、评估结论</h2>
    <xsl:variable name="c" select="$s/counts"/>
    <p>
      <xsl:choose>
        <xsl:when test="$c/@findings &gt; 0">
          <xsl:text>截至 </xsl:text><xsl:value-of select="@as-of"/>
          <xsl:text>，该企业有 </xsl:text><xsl:value-of select="$c/@findings"/>
          <xsl:text> 项问题（不合格、已逾期或无法评估），</xsl:text><strong>不合规</strong><xsl:text>，须按下文整改要求整改。</xsl:text>
        </xsl:when>
        <xsl:otherwise>
          <xsl:text>截至 </xsl:text><xsl:value-of select="@as-of"/>
          <xsl:text>，该企业未发现不合格、已逾期或无法评估的事项。</xsl:text>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$c/@due-soon &gt; 0">
        <xsl:text>另有 </xsl:text><xsl:value-of select="$c/@due-soon"/><xsl:text> 项即将到期，请提前安排。</xsl:text>
      </xsl:if>
      <xsl:if test="$c/@not-checked &gt; 0">
        <xsl:text>有 </xsl:text><xsl:value-of select="$c/@not-checked"/><xsl:text> 项因缺少记录未能核查。</xsl:text>
      </xsl:if>
      <xsl:if test="$c/@waived &gt; 0">
        <xsl:text>有 </xsl:text><xsl:value-of select="$c/@waived"/><xsl:text> 项处于园区批准的豁免期内。</xsl:text>
      </xsl:if>
    </p>
    <div class="figures">
      <div class="figure"><div class="v"><xsl:call-template name="st-percent"><xsl:with-param name="counts" select="$c"/></xsl:call-template></div><div class="k">合规率</div></div>
      <div class="figure bad"><div class="v"><xsl:value-of select="$c/@findings"/></div><div class="k">问题</div></div>
      <div class="figure bad"><div class="v"><xsl:value-of select="$c/@overdue"/></div><div class="k">已逾期</div></div>
      <div class="figure"><div class="v"><xsl:value-of select="$c/@due-soon"/></div><div class="k">即将到期</div></div>
      <div class="figure"><div class="v"><xsl:value-of select="$c/@not-checked"/></div><div class="k">未核查</div></div>
      <div class="figure"><div class="v"><xsl:value-of select="$c/@pass"/></div><div class="k">合格</div></div>
    </div>
    <h3>状态说明</h3>
    <xsl:call-template name="st-legend"/>

    <h2>二、结果一览</h2>
    <table>
      <thead><tr><th class="num">序号</th><th>规则</th><th>条款</th><th>名称</th><th>状态</th><th>期限</th></tr></thead>
      <tbody>
        <xsl:for-each select="$s/result">
          <xsl:sort select="string-length(substring-before($st-status-order, concat(' ', @status, ' ')))" data-type="number"/>
          <xsl:sort select="@rule"/>
          <xsl:variable name="rule" select="key('st-rule', @rule)"/>
          <tr>
            <td class="num"><xsl:value-of select="position()"/></td>
            <td><xsl:value-of select="@rule"/></td>
            <td><xsl:value-of select="$rule/@clause"/></td>
            <td><xsl:value-of select="$rule/@title"/></td>
            <td><xsl:call-template name="st-status"><xsl:with-param name="status" select="@status"/></xsl:call-template></td>
            <td class="date"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@due"/></xsl:call-template></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>

    <h2>三、逐条说明</h2>
    <xsl:for-each select="$s/result">
      <xsl:sort select="string-length(substring-before($st-status-order, concat(' ', @status, ' ')))" data-type="number"/>
      <xsl:sort select="@rule"/>
      <xsl:variable name="rule" select="key('st-rule', @rule)"/>
      <div class="card">
        <h3>
          <xsl:value-of select="position()"/><xsl:text>. </xsl:text>
          <xsl:value-of select="$rule/@title"/>
          <xsl:text>（</xsl:text><xsl:value-of select="@rule"/><xsl:text>） </xsl:text>
          <xsl:call-template name="st-status"><xsl:with-param name="status" select="@status"/></xsl:call-template>
        </h3>
        <table class="meta">
          <tr><th>状态</th><td>
            <xsl:value-of select="key('st-status', @status)/@zh"/><xsl:text>：</xsl:text>
            <xsl:value-of select="key('st-status', @status)"/>
          </td></tr>
          <tr><th>期限</th><td><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@due"/></xsl:call-template></td></tr>
          <tr><th>说明</th><td><xsl:value-of select="detail"/></td></tr>
          <xsl:if test="record">
            <tr><th>依据记录</th><td>
              <xsl:for-each select="record">
                <xsl:if test="position() &gt; 1"><xsl:text>、</xsl:text></xsl:if>
                <xsl:value-of select="@id"/>
              </xsl:for-each>
            </td></tr>
          </xsl:if>
          <tr><th>条款</th><td>第 <xsl:value-of select="$rule/@clause"/> 条（严重程度：<xsl:value-of select="$rule/@severity-zh"/>）</td></tr>
          <tr><th>条款原文</th><td><blockquote><xsl:value-of select="$rule/clause-text"/></blockquote></td></tr>
          <tr><th>整改要求</th><td><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="$rule/remediation"/></xsl:call-template></td></tr>
        </table>
      </div>
    </xsl:for-each>

    <xsl:variable name="skipped" select="rule[@scope = 'enterprise'][@informational = 'yes' or @selected = 'no']"/>
    <xsl:if test="$skipped">
      <h2>四、未评估的条款</h2>
      <table>
        <thead><tr><th>规则</th><th>条款</th><th>名称</th><th>原因</th></tr></thead>
        <tbody>
          <xsl:for-each select="$skipped">
            <tr>
              <td><xsl:value-of select="@id"/></td>
              <td><xsl:value-of select="@clause"/></td>
              <td><xsl:value-of select="@title"/></td>
              <td>
                <xsl:choose>
                  <xsl:when test="@informational = 'yes'">只涉及管理职责，无法由记录核查（仅供参考）</xsl:when>
                  <xsl:otherwise>园区裁剪文件未选用</xsl:otherwise>
                </xsl:choose>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>

    <xsl:call-template name="st-footer"/>
  </xsl:template>

</xsl:stylesheet>
