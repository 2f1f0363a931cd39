<?xml version="1.0" encoding="UTF-8"?>
<!--
  web-dashboard.xsl — what to chase first: <dashboard as-of overdue due-soon
  omitted> with <item status status-zh kind subject name rule title due days
  href><detail/><todo/></item>, overdue most late first, then due-soon by
  date; each links to the page where it is acted on.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="web-common.xsl"/>

  <xsl:template match="dashboard">
    <p class="summary">
      <xsl:text>评估日 </xsl:text><xsl:value-of select="@as-of"/>
      <xsl:text>：</xsl:text>
      <strong class="overdue">逾期 <xsl:value-of select="@overdue"/> 项</strong>
      <xsl:text>，</xsl:text>
      <strong class="due-soon">即将到期 <xsl:value-of select="@due-soon"/> 项</strong>
    </p>
    <xsl:if test="not(item)">
      <p class="empty">没有逾期或即将到期的义务。</p>
    </xsl:if>
    <ol class="chase">
      <xsl:for-each select="item">
        <li class="item {@status}">
          <a href="{@href}">
            <span class="badge {@status}">
              <xsl:value-of select="@status-zh"/>
              <xsl:text> </xsl:text>
              <xsl:value-of select="@days"/>
              <xsl:text> 天</xsl:text>
            </span>
            <span class="name"><xsl:value-of select="@name"/></span>
          </a>
          <span class="rule"><xsl:value-of select="@rule"/><xsl:text> </xsl:text><xsl:value-of select="@title"/></span>
          <span class="due">截止 <xsl:value-of select="@due"/></span>
          <span class="detail"><xsl:value-of select="detail"/></span>
          <xsl:if test="string(todo)">
            <span class="todo">应做：<xsl:value-of select="todo"/></span>
          </xsl:if>
        </li>
      </xsl:for-each>
    </ol>
    <xsl:if test="@omitted &gt; 0">
      <p class="more">另有 <xsl:value-of select="@omitted"/> 项未列出（见园区报告或 /api/v1/overdue）。</p>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
