<?xml version="1.0" encoding="UTF-8"?>
<!--
  web-dashboard.xsl — what to chase first: <dashboard as-of overdue due-soon
  major omitted> with <item status status-zh kind subject name rule title due
  days href><detail/><todo/></item> for an obligation and <item hazard found
  status subject name due days href><detail/></item> for an open major
  hazard: overdue obligations and major hazards most late first, then
  due-soon by date; each links to the page where it is acted on (a major
  hazard to its own page).  <warming/> instead: today's results are being
  judged and the page refreshes itself.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="web-common.xsl"/>

  <xsl:template match="warming">
    <p class="warming" role="status"><xsl:value-of select="."/></p>
  </xsl:template>

  <xsl:template match="dashboard">
    <p class="summary">
      <xsl:text>评估日 </xsl:text><xsl:value-of select="@as-of"/>
      <xsl:text>：</xsl:text>
      <strong class="overdue">逾期 <xsl:value-of select="@overdue"/> 项</strong>
      <xsl:text>，</xsl:text>
      <strong class="due-soon">即将到期 <xsl:value-of select="@due-soon"/> 项</strong>
      <xsl:text>，</xsl:text>
      <strong class="major">未销号重大隐患 <xsl:value-of select="@major"/> 项</strong>
    </p>
    <xsl:if test="not(item)">
      <p class="empty">没有逾期或即将到期的义务，也没有未销号的重大隐患。</p>
    </xsl:if>
    <ol class="chase">
      <xsl:for-each select="item">
        <xsl:choose>
          <xsl:when test="@hazard">
            <li class="item major {@status}">
              <a href="{@href}">
                <span class="badge major">
                  <xsl:text>重大隐患 </xsl:text>
                  <xsl:choose>
                    <xsl:when test="not(@due)">未定整改期限</xsl:when>
                    <xsl:when test="@status = 'overdue'">逾期 <xsl:value-of select="@days"/> 天</xsl:when>
                    <xsl:otherwise>剩余 <xsl:value-of select="@days"/> 天</xsl:otherwise>
                  </xsl:choose>
                </span>
                <span class="name"><xsl:value-of select="@name"/></span>
              </a>
              <span class="rule">隐患 <xsl:value-of select="@hazard"/>
                <xsl:if test="@found">（<xsl:value-of select="@found"/> 发现）</xsl:if></span>
              <xsl:if test="@due">
                <span class="due">整改期限 <xsl:value-of select="@due"/></span>
              </xsl:if>
              <span class="detail"><xsl:value-of select="detail"/></span>
              <span class="todo">应做：督促企业按整改措施、资金、人员、时间“四落实”优先整改，整改完成后核验销号。</span>
            </li>
          </xsl:when>
          <xsl:otherwise>
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
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </ol>
    <xsl:if test="@omitted &gt; 0">
      <p class="more">另有 <xsl:value-of select="@omitted"/> 项未列出（见园区报告或 /api/v1/overdue）。</p>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
