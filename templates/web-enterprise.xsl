<?xml version="1.0" encoding="UTF-8"?>
<!--
  web-enterprise.xsl — one enterprise's file (一企一档): the enterprise
  report document of report.c (templates/README.md, "enterprise") under
  <page>: its record, then its open findings, worst first.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="web-common.xsl"/>

  <xsl:key name="rule" match="results/rule" use="@id"/>

  <xsl:template match="results">
    <xsl:variable name="e" select="enterprise"/>
    <section class="card">
      <h2><xsl:value-of select="$e/@name"/></h2>
      <dl class="facts">
        <dt>统一社会信用代码</dt><dd><xsl:value-of select="$e/@id"/></dd>
        <dt>园区</dt><dd><xsl:value-of select="park/@name"/></dd>
        <dt>主要负责人</dt><dd><xsl:value-of select="$e/@principal"/></dd>
        <dt>从业人员</dt><dd><xsl:value-of select="$e/@employees"/></dd>
        <dt>评估日</dt><dd><xsl:value-of select="@as-of"/></dd>
      </dl>
      <p class="actions">
        <xsl:if test="/page/@may-record = 'yes'">
          <a class="button" href="/inspections/new?enterprise={$e/@id}">新增检查</a>
          <xsl:text> </xsl:text>
          <a class="button" href="/hazards/new?enterprise={$e/@id}">登记隐患</a>
          <xsl:text> </xsl:text>
        </xsl:if>
        <a href="/reports/enterprise/{$e/@id}?as_of={@as-of}">完整合规报告</a>
      </p>
    </section>
    <section>
      <h2>待处理的问题</h2>
      <xsl:variable name="open" select="subject/result[@status='overdue' or @status='fail' or @status='error' or @status='due-soon' or @status='not-checked']"/>
      <xsl:if test="not($open)">
        <p class="empty">截至评估日没有待处理的问题。</p>
      </xsl:if>
      <ol class="chase">
        <xsl:for-each select="$open">
          <xsl:sort select="string-length(substring-before(' error overdue fail not-checked due-soon ', concat(' ', @status, ' ')))" data-type="number"/>
          <xsl:sort select="@due"/>
          <li class="item {@status}">
            <span class="badge {@status}"><xsl:value-of select="/page/results/status[@name=current()/@status]/@zh"/></span>
            <span class="rule"><xsl:value-of select="@rule"/><xsl:text> </xsl:text><xsl:value-of select="key('rule', @rule)/@title"/></span>
            <xsl:if test="string(@due)"><span class="due">截止 <xsl:value-of select="@due"/></span></xsl:if>
            <span class="detail"><xsl:value-of select="detail"/></span>
          </li>
        </xsl:for-each>
      </ol>
    </section>
  </xsl:template>

  <xsl:template match="hazards">
    <section>
      <h2>事故隐患</h2>
      <xsl:if test="not(row)"><p class="empty">没有登记的隐患。</p></xsl:if>
      <ol class="chase">
        <xsl:for-each select="row">
          <xsl:sort select="string(@closed) != '' or string(@voided) != ''"/>
          <li class="item {substring('overdue', 1, 7 * (not(string(@closed)) and not(string(@voided))))}">
            <a href="/hazards/{@id}">
              <span class="badge">
                <xsl:choose>
                  <xsl:when test="string(@voided)">已作废</xsl:when>
                  <xsl:when test="string(@closed)">已销号</xsl:when>
                  <xsl:when test="@grade = 'major'">重大 未销号</xsl:when>
                  <xsl:otherwise>未销号</xsl:otherwise>
                </xsl:choose>
              </span>
              <span class="name"><xsl:value-of select="@description"/></span>
            </a>
            <span class="due">发现 <xsl:value-of select="@found"/></span>
            <xsl:if test="string(@deadline)"><span class="due">整改期限 <xsl:value-of select="@deadline"/></span></xsl:if>
          </li>
        </xsl:for-each>
      </ol>
    </section>
  </xsl:template>

  <xsl:template match="inspections">
    <section>
      <h2>检查记录</h2>
      <xsl:if test="not(row)"><p class="empty">没有检查记录。</p></xsl:if>
      <ul class="plain">
        <xsl:for-each select="row[position() &lt;= 20]">
          <li><a href="/inspections/{@id}"><xsl:value-of select="@date"/><xsl:text> </xsl:text><xsl:value-of select="@kind"/></a>
            <xsl:text> </xsl:text><span class="muted"><xsl:value-of select="@inspectors"/></span></li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>
</xsl:stylesheet>
