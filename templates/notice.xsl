<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice.xsl — 安全生产整改通知书: the rectification notice the park office
  hands an enterprise.  Each fail and overdue finding is numbered, with what
  was found, the clause (in words and verbatim), what to do and the deadline
  the notice sets (notice-due: the linked hazard's own deadline, or as-of +
  the notice days); then the park's name and date, and the signature and
  seal block.  One or two A4 pages.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="park-name">
    <xsl:choose>
      <xsl:when test="/results/park/@name"><xsl:value-of select="/results/park/@name"/></xsl:when>
      <xsl:otherwise>园区</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- "2026-11-28" as "2026年11月28日" -->
  <xsl:template name="date-zh">
    <xsl:param name="d"/>
    <xsl:value-of select="substring($d, 1, 4)"/><xsl:text>年</xsl:text>
    <xsl:value-of select="number(substring($d, 6, 2))"/><xsl:text>月</xsl:text>
    <xsl:value-of select="number(substring($d, 9, 2))"/><xsl:text>日</xsl:text>
  </xsl:template>

  <xsl:template match="/">
    <html lang="zh-CN">
      <xsl:call-template name="st-head">
        <xsl:with-param name="title" select="concat(/results/subject/@name, ' 安全生产整改通知书')"/>
      </xsl:call-template>
      <body class="notice">
        <xsl:apply-templates select="results"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="results">
    <xsl:variable name="s" select="subject"/>
    <xsl:variable name="items" select="$s/result"/>
    <div class="notice-head">
      <div class="issuer"><xsl:value-of select="$park-name"/>管理委员会</div>
      <h1>安全生产整改通知书</h1>
      <p class="no">编号：<span class="blank">　　　　　　　　</span></p>
    </div>

    <p class="to"><strong><xsl:value-of select="$s/@name"/></strong>（统一社会信用代码 <xsl:value-of select="$s/@id"/>）：</p>
    <xsl:choose>
      <xsl:when test="$items">
        <p class="body">根据《<xsl:value-of select="@pack-title"/>》，<xsl:value-of select="$park-name"/>对你单位截至
          <xsl:call-template name="date-zh"><xsl:with-param name="d" select="@as-of"/></xsl:call-template>
          的安全生产情况进行了核查，发现下列 <xsl:value-of select="count($items)"/> 项问题。现责令你单位按下列要求于整改期限前完成整改，
          并将整改情况书面报园区安全生产办公室。</p>
        <ol class="notice-items">
          <xsl:for-each select="$items">
            <xsl:sort select="@status = 'overdue'" order="descending"/>
            <xsl:sort select="@days-late" data-type="number" order="descending"/>
            <xsl:sort select="translate(@notice-due, '-', '')" data-type="number"/>
            <xsl:sort select="@rule"/>
            <xsl:variable name="rule" select="key('st-rule', @rule)"/>
            <li>
              <p class="item-title"><strong><xsl:value-of select="$rule/@title"/></strong>
                <xsl:text>（</xsl:text><xsl:call-template name="st-status"><xsl:with-param name="status" select="@status"/></xsl:call-template><xsl:text>）</xsl:text></p>
              <p><span class="k">存在问题：</span><xsl:value-of select="detail"/></p>
              <p><span class="k">依据：</span><xsl:value-of select="$rule/@clause-zh"/>
                <xsl:text>：“</xsl:text><xsl:value-of select="normalize-space($rule/clause-text)"/><xsl:text>”</xsl:text></p>
              <xsl:if test="string($rule/remediation) != ''">
                <p><span class="k">整改要求：</span><xsl:value-of select="$rule/remediation"/></p>
              </xsl:if>
              <p><span class="k">整改期限：</span><strong class="due"><xsl:call-template name="date-zh"><xsl:with-param name="d" select="@notice-due"/></xsl:call-template></strong>
                <xsl:choose>
                  <xsl:when test="@notice-hazard">（隐患 <xsl:value-of select="@notice-hazard"/> 登记的整改期限）</xsl:when>
                  <xsl:otherwise>（自通知之日起 <xsl:value-of select="/results/@notice-days"/> 日内）</xsl:otherwise>
                </xsl:choose>
              </p>
            </li>
          </xsl:for-each>
        </ol>
        <p class="body">逾期未整改或整改不到位的，园区将依照有关规定处理；存在重大事故隐患、不能保证安全的，应当立即停止相关作业。</p>
      </xsl:when>
      <xsl:otherwise>
        <p class="body">根据《<xsl:value-of select="@pack-title"/>》，<xsl:value-of select="$park-name"/>对你单位截至
          <xsl:call-template name="date-zh"><xsl:with-param name="d" select="@as-of"/></xsl:call-template>
          的安全生产情况进行了核查，未发现不合格或逾期的事项，无须限期整改。</p>
      </xsl:otherwise>
    </xsl:choose>

    <div class="sign">
      <div class="sign-left">
        <p>被检查单位负责人（签收）：<span class="blank">　　　　　　　　</span></p>
        <p>签收日期：<span class="blank">　　　　</span>年<span class="blank">　　</span>月<span class="blank">　　</span>日</p>
        <p>检查人员（签名）：<span class="blank">　　　　　　　　</span></p>
      </div>
      <div class="sign-right">
        <div class="seal">（盖章）</div>
        <p><xsl:value-of select="$park-name"/>管理委员会</p>
        <p><xsl:call-template name="date-zh"><xsl:with-param name="d" select="@as-of"/></xsl:call-template></p>
      </div>
    </div>
    <p class="note copies">本通知书一式两份，被检查单位和园区安全生产办公室各执一份。整改期限按评估日
      <xsl:value-of select="@as-of"/> 计算；核查依据 safetrack 园区档案数据库，规则包
      <xsl:value-of select="@pack"/><xsl:text> </xsl:text><xsl:value-of select="@pack-version"/>
      <xsl:if test="string(@tailoring-id) != ''">（裁剪 <xsl:value-of select="@tailoring-id"/>）</xsl:if>。</p>
  </xsl:template>

</xsl:stylesheet>
