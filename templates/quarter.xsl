<?xml version="1.0" encoding="UTF-8"?>
<!--
  quarter.xsl — 季度安全检查报告: for one calendar quarter, each
  enterprise's inspections with their 13 item results and inspectors, and
  the hazards raised from failed items with their four implementations.

  Rendered in parts so that a park of any size never becomes one DOM (see
  templates/README.md): safetrack applies this stylesheet to a "head"
  document, then to one "enterprise" document per enterprise, then to a
  "tail" document, and writes the results one after another between
  "<!DOCTYPE html><html lang=zh-CN>" and "</html>".  The head part therefore
  produces <head> and the opening of the page, each enterprise part one
  <section>, and the tail the totals and the footer.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="yes"/>

  <xsl:variable name="as-of" select="translate(/results/@as-of, '-', '')"/>

  <xsl:variable name="quarter-zh">
    <xsl:value-of select="substring(/results/@quarter, 1, 4)"/>
    <xsl:text>年第</xsl:text>
    <xsl:value-of select="translate(substring(/results/@quarter, 7, 1), '1234', '一二三四')"/>
    <xsl:text>季度</xsl:text>
  </xsl:variable>

  <xsl:variable name="park-name">
    <xsl:choose>
      <xsl:when test="/results/park/@name"><xsl:value-of select="/results/park/@name"/></xsl:when>
      <xsl:otherwise>全部园区</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:apply-templates select="results"/>
  </xsl:template>

  <xsl:template match="results[@part = 'head']">
    <xsl:call-template name="st-head">
      <xsl:with-param name="title" select="concat($park-name, ' ', $quarter-zh, '安全检查报告')"/>
    </xsl:call-template>
    <h1><xsl:value-of select="$park-name"/><xsl:text> </xsl:text><xsl:value-of select="$quarter-zh"/>安全检查报告</h1>
    <p class="sub">季度安全检查报告 · <xsl:value-of select="@first"/> 至 <xsl:value-of select="@last"/></p>
    <table class="meta">
      <tr><th>园区</th><td>
        <xsl:value-of select="$park-name"/>
        <xsl:if test="park/@id"><xsl:text>（编号 </xsl:text><xsl:value-of select="park/@id"/><xsl:text>）</xsl:text></xsl:if>
      </td></tr>
      <tr><th>检查期间</th><td><xsl:value-of select="$quarter-zh"/>（<xsl:value-of select="@first"/> 至 <xsl:value-of select="@last"/>）</td></tr>
      <tr><th>隐患状态截至</th><td><xsl:value-of select="@as-of"/></td></tr>
      <tr><th>生成时间</th><td><xsl:call-template name="st-time"><xsl:with-param name="t" select="@generated"/></xsl:call-template></td></tr>
    </table>
    <h2>检查项目（第七章 监督检查内容）</h2>
    <!-- the pack (and regulation) the 13 items come from (revision 2) -->
    <xsl:for-each select="pack[@id = /results/item/@pack]">
      <xsl:call-template name="st-pack-heading"><xsl:with-param name="pack" select="."/></xsl:call-template>
    </xsl:for-each>
    <table class="rows">
      <thead><tr><th class="num">项</th><th>名称</th><th>条款原文</th></tr></thead>
      <tbody>
        <xsl:for-each select="item">
          <tr><td class="num" data-label="项"><xsl:value-of select="@n"/></td><td data-label="名称"><xsl:value-of select="@title"/></td><td data-label="条款原文"><xsl:value-of select="."/></td></tr>
        </xsl:for-each>
      </tbody>
    </table>
    <h3>结果说明</h3>
    <table class="legend">
      <thead><tr><th>标记</th><th>含义</th></tr></thead>
      <tbody>
        <tr><td><span class="item-pass">✓ 合格</span></td><td>该项检查合格</td></tr>
        <tr><td><span class="item-fail">✗ 不合格</span></td><td>该项检查不合格；每个不合格项应登记一条隐患，并做到整改措施、资金、责任人、期限“四落实”</td></tr>
        <tr><td><span class="item-na">— 不适用</span></td><td>该项不适用于该企业</td></tr>
        <tr><td><span class="st st-pass">已销号</span></td><td>隐患已整改并销号（截至上述日期）</td></tr>
        <tr><td><span class="st st-due-soon">整改中</span></td><td>隐患未销号，尚在整改期限内</td></tr>
        <tr><td><span class="st st-overdue">逾期</span></td><td>隐患未销号，已超过整改期限</td></tr>
        <tr><td><span class="st st-fail">未登记隐患</span></td><td>不合格项没有对应的隐患记录</td></tr>
      </tbody>
    </table>
    <h2>各企业检查情况</h2>
  </xsl:template>

  <xsl:template match="results[@part = 'enterprise']">
    <xsl:apply-templates select="enterprise"/>
  </xsl:template>

  <xsl:template match="enterprise">
    <section class="enterprise">
      <h3>
        <xsl:value-of select="@name"/>
        <span class="note"><xsl:text>（</xsl:text><xsl:value-of select="@id"/><xsl:text>，</xsl:text>
          <xsl:call-template name="st-label"><xsl:with-param name="v" select="@status"/></xsl:call-template>
          <xsl:text>）</xsl:text></span>
      </h3>
      <xsl:choose>
        <xsl:when test="inspection">
          <xsl:apply-templates select="inspection"/>
        </xsl:when>
        <xsl:otherwise>
          <p><span class="st st-overdue">无检查记录</span> 本季度没有该企业的检查记录。</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="inspection">
    <xsl:variable name="insp" select="."/>
    <div class="card">
      <p>
        <strong><xsl:value-of select="@date"/></strong>
        <xsl:text> · </xsl:text><xsl:call-template name="st-label"><xsl:with-param name="v" select="@kind"/></xsl:call-template>
        <xsl:text> · 编号 </xsl:text><xsl:value-of select="@id"/>
        <xsl:text> · 检查人员：</xsl:text>
        <xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@inspectors"/></xsl:call-template>
      </p>
      <table class="items">
        <thead><tr>
          <xsl:for-each select="/results/item"><th class="num" title="{@title}"><xsl:value-of select="@n"/></th></xsl:for-each>
        </tr></thead>
        <tbody><tr>
          <xsl:for-each select="/results/item">
            <xsl:variable name="v" select="$insp/@*[local-name() = concat('item', current()/@n)]"/>
            <td class="item item-{$v}">
              <xsl:choose>
                <xsl:when test="$v = 'pass'">✓</xsl:when>
                <xsl:when test="$v = 'fail'">✗</xsl:when>
                <xsl:when test="$v = 'na'">—</xsl:when>
                <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
              </xsl:choose>
            </td>
          </xsl:for-each>
        </tr></tbody>
      </table>
      <xsl:if test="string(@notes) != ''">
        <p>备注：<xsl:value-of select="@notes"/></p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="@*[starts-with(local-name(), 'item')][. = 'fail']">
          <table class="rows">
            <thead><tr><th>不合格项</th><th>隐患</th><th>描述</th><th>等级</th><th>四落实</th><th>状态</th></tr></thead>
            <tbody>
              <xsl:for-each select="/results/item">
                <xsl:variable name="n" select="@n"/>
                <xsl:variable name="item" select="."/>
                <xsl:if test="$insp/@*[local-name() = concat('item', $n)] = 'fail'">
                  <xsl:variable name="hz" select="$insp/hazard[@item = $n]"/>
                  <xsl:for-each select="$hz">
                    <tr>
                      <td data-label="不合格项"><xsl:value-of select="$n"/>. <xsl:value-of select="$item/@title"/></td>
                      <td data-label="隐患"><xsl:value-of select="@id"/><br/><span class="note">发现 <xsl:value-of select="@found"/></span></td>
                      <td data-label="描述"><xsl:value-of select="@description"/></td>
                      <td data-label="等级">
                        <xsl:if test="@grade = 'major'"><xsl:attribute name="class">major</xsl:attribute></xsl:if>
                        <xsl:call-template name="st-label"><xsl:with-param name="v" select="@grade"/></xsl:call-template>
                      </td>
                      <td data-label="四落实"><xsl:call-template name="st-four"><xsl:with-param name="h" select="."/></xsl:call-template></td>
                      <td data-label="状态"><xsl:call-template name="hazard-state"/></td>
                    </tr>
                  </xsl:for-each>
                  <xsl:if test="not($hz)">
                    <tr>
                      <td data-label="不合格项"><xsl:value-of select="$n"/>. <xsl:value-of select="$item/@title"/></td>
                      <td colspan="5"><span class="st st-fail">未登记隐患</span> 该不合格项没有对应的隐患记录。</td>
                    </tr>
                  </xsl:if>
                </xsl:if>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:when>
        <xsl:otherwise><p>本次检查无不合格项。</p></xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <!-- closed, overdue or in progress, as of the report's date -->
  <xsl:template name="hazard-state">
    <xsl:choose>
      <xsl:when test="string(@closed) != ''">
        <span class="st st-pass">已销号</span><br/>
        <span class="note"><xsl:value-of select="@closed"/>
          <xsl:if test="string(@verified_by) != ''">，验收 <xsl:value-of select="@verified_by"/></xsl:if></span>
      </xsl:when>
      <xsl:when test="string(@deadline) != '' and translate(@deadline, '-', '') &lt; $as-of">
        <span class="st st-overdue">逾期</span>
      </xsl:when>
      <xsl:otherwise><span class="st st-due-soon">整改中</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="results[@part = 'tail']">
    <h2>汇总</h2>
    <xsl:variable name="t" select="totals"/>
    <table>
      <tbody>
        <tr><th>企业数</th><td class="num"><xsl:value-of select="$t/@enterprises"/></td></tr>
        <tr><th>本季度已检查企业</th><td class="num"><xsl:value-of select="$t/@inspected"/></td></tr>
        <tr><th>本季度无检查记录的企业</th><td class="num"><xsl:value-of select="$t/@not-inspected"/></td></tr>
        <tr><th>检查次数</th><td class="num"><xsl:value-of select="$t/@inspections"/></td></tr>
        <tr><th>不合格项</th><td class="num"><xsl:value-of select="$t/@failed-items"/></td></tr>
        <tr><th>由不合格项登记的隐患</th><td class="num"><xsl:value-of select="$t/@hazards"/></td></tr>
        <tr><th>其中未销号</th><td class="num"><xsl:value-of select="$t/@hazards-open"/></td></tr>
        <tr><th>未登记隐患的不合格项</th><td class="num"><xsl:value-of select="$t/@unlinked"/></td></tr>
      </tbody>
    </table>
    <xsl:call-template name="st-footer"/>
  </xsl:template>

</xsl:stylesheet>
