<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl — what the three report stylesheets share: the page head with
  its inline CSS (A4 print layout, nothing fetched from a network), status
  badges and the status legend, the compliance rate, the rule-pack block and
  the Chinese labels of the dossier's code values.

  Everything that comes from data is written with xsl:value-of or an
  attribute value template, so the HTML serializer escapes it; nothing here
  uses disable-output-escaping.  The documents these templates read are
  described in templates/README.md.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:key name="st-status" match="/results/status" use="@name"/>
  <xsl:key name="st-rule" match="/results/rule" use="@id"/>

  <!-- the order in which statuses are listed: worst first -->
  <xsl:variable name="st-status-order"
                select="' error overdue fail not-checked due-soon waived pass not-applicable '"/>

  <!-- <head> with the title and the whole stylesheet inline -->
  <xsl:template name="st-head">
    <xsl:param name="title"/>
    <head>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <meta name="generator" content="safetrack"/>
      <title><xsl:value-of select="$title"/></title>
      <style>
@page { size: A4; margin: 14mm 12mm 16mm 12mm;
        @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页";
                         font-size: 8.5pt; color: #555; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
       "Microsoft YaHei", "PingFang SC", sans-serif;
       font-size: 10.5pt; line-height: 1.5; color: #1a1a1a; background: #fff;
       max-width: 186mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 18pt; margin: 0 0 4pt; color: #123a5e; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; padding-bottom: 2pt; color: #123a5e;
     border-bottom: 2px solid #123a5e; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; page-break-after: avoid; }
p { margin: 3pt 0; }
.sub { color: #555; margin-bottom: 8pt; }
.note { color: #555; font-size: 9pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 9.5pt; }
th, td { border: 1px solid #9aa5b1; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #e6edf4; font-weight: bold; }
thead { display: table-header-group; }
tr, .card, .figure { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.date { white-space: nowrap; }
td.name { min-width: 8em; }
td.clause { min-width: 7em; }
td.id { white-space: nowrap; }
table.meta th { width: 22%; }
.figures { display: flex; flex-wrap: wrap; gap: 6pt; margin: 6pt 0; }
.figure { flex: 1 1 22mm; border: 1px solid #9aa5b1; border-radius: 3pt; padding: 4pt 6pt; }
.figure .v { font-size: 16pt; font-weight: bold; color: #123a5e; }
.figure .k { font-size: 9pt; color: #555; }
.figure.bad .v { color: #b3261e; }
.st { display: inline-block; padding: 0 4pt; border-radius: 2pt; white-space: nowrap;
      font-size: 9pt; border: 1px solid transparent; }
.st-pass { background: #e3f1e0; color: #1d5e20; border-color: #9cc995; }
.st-due-soon { background: #fff4d6; color: #7a5200; border-color: #e8c463; }
.st-fail { background: #fde3e1; color: #a4161a; border-color: #ef9a94; }
.st-overdue { background: #b3261e; color: #fff; }
.st-not-applicable { background: #f0f0f0; color: #666; border-color: #ccc; }
.st-not-checked { background: #e7e3f4; color: #4a3b8c; border-color: #b3a8dc; }
.st-error { background: #1a1a1a; color: #fff; }
.st-waived { background: #e0f0f4; color: #1f5866; border-color: #8fc1cf; }
.st-none { background: #fff; color: #555; border: 1px dashed #9aa5b1; }
caption { text-align: left; font-weight: bold; padding: 2pt 0; }
p.pack { margin-top: -2pt; }
table.what-if td.changes { min-width: 17em; }
td.rule { min-width: 9em; }
table.passed, table.waived { table-layout: fixed; }
table.passed th:nth-child(1), table.waived th:nth-child(1) { width: 30%; }
table.passed th:nth-child(2), table.waived th:nth-child(2) { width: 19%; }
table.passed th:nth-child(3), table.waived th:nth-child(3) { width: 12%; }
span.id { white-space: nowrap; }
table.items td, table.items th { text-align: center; }
.item-pass { color: #1d5e20; }
.item-fail { color: #a4161a; font-weight: bold; }
.item-na { color: #777; }
.major { color: #a4161a; font-weight: bold; }
.card { border: 1px solid #9aa5b1; border-radius: 3pt; padding: 4pt 8pt; margin: 6pt 0; }
.card h3 { margin-top: 2pt; }
blockquote { margin: 3pt 0; padding: 2pt 8pt; border-left: 3px solid #9aa5b1;
             background: #f6f8fa; font-size: 9.5pt; }
svg { display: block; margin: 4pt auto; max-width: 100%; height: auto; }
footer { margin-top: 16pt; padding-top: 4pt; border-top: 1px solid #9aa5b1;
         font-size: 8.5pt; color: #555; }
body.notice { font-size: 11pt; line-height: 1.65; }
@media print { body.notice { font-size: 10.5pt; line-height: 1.5; } }
.notice-head { text-align: center; margin-bottom: 10pt; }
.notice-head .issuer { font-size: 15pt; font-weight: bold; color: #a4161a; letter-spacing: 2pt; }
.notice-head h1 { font-size: 20pt; color: #1a1a1a; letter-spacing: 4pt; margin: 6pt 0 2pt; }
.notice-head .no { color: #333; }
.blank { display: inline-block; min-width: 4em; border-bottom: 1px solid #1a1a1a; }
.notice .body { text-indent: 2em; }
ol.notice-items { padding-left: 1.6em; }
ol.notice-items li { margin: 0 0 5pt; break-inside: avoid; page-break-inside: avoid; }
ol.notice-items p { margin: 1pt 0; }
ol.notice-items .k { font-weight: bold; color: #333; }
.notice .due { color: #a4161a; }
.sign { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 12pt; margin-top: 18pt;
        break-inside: avoid; page-break-inside: avoid; }
.sign-right { text-align: center; min-width: 16em; position: relative; }
.seal { width: 28mm; height: 28mm; border: 1.5px dashed #a4161a; border-radius: 50%; margin: 0 auto 4pt;
        color: #a4161a; display: flex; align-items: center; justify-content: center; }
.copies { margin-top: 14pt; }
.verdict { font-size: 11pt; margin: 6pt 0 2pt; }
.todo { color: #123a5e; }
details summary { color: #555; font-size: 9pt; cursor: pointer; }
/* printed, the clause text of a collapsed details element is shown all the same */
@media print { details::details-content { content-visibility: visible; display: block; }
               details > summary { display: none; } }
.late { color: #a4161a; font-weight: bold; white-space: nowrap; }
.swatch { display: inline-block; width: 9pt; height: 9pt; margin: 0 2pt 0 6pt; vertical-align: -1pt; }
.swatch.good { background: #3b7d3f; } .swatch.fair { background: #d4a017; } .swatch.poor { background: #b3261e; }
h1, td, th, p { overflow-wrap: anywhere; }
@media print { body { max-width: none; padding: 0; } h2 { margin-top: 12pt; } }
/* narrow screens (phones, down to 360 px): no horizontal scrolling; a table
   of class "rows" becomes one block per row, each cell labelled */
@media screen and (max-width: 640px) {
  body { padding: 10px; font-size: 15px; max-width: none; }
  h1 { font-size: 20px; } h2 { font-size: 17px; }
  table.rows, table.rows tbody, table.rows tr, table.rows td { display: block; width: 100%; }
  table.rows thead { display: none; }
  table.rows caption { display: block; width: 100%; }
  table.rows tr { border: 1px solid #9aa5b1; border-radius: 3px; margin: 0 0 8px; padding: 2px 0; }
  table.rows td { border: none; border-bottom: 1px solid #e6e9ed; text-align: left; white-space: normal;
                  min-width: 0; }
  table.rows tr td:last-child { border-bottom: none; }
  table.rows td[data-label]::before { content: attr(data-label) "："; color: #555; font-weight: bold; }
  table.meta th { width: 35%; }
  table.items { display: block; overflow-x: auto; }
  .figure { flex: 1 1 40%; }
}
      </style>
    </head>
  </xsl:template>

  <!-- a status as a coloured badge with its Chinese name -->
  <xsl:template name="st-status">
    <xsl:param name="status"/>
    <span class="st st-{$status}">
      <xsl:variable name="zh" select="key('st-status', $status)/@zh"/>
      <xsl:choose>
        <xsl:when test="$zh"><xsl:value-of select="$zh"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$status"/></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- sort key of a status: its place in $st-status-order -->
  <xsl:template name="st-status-rank">
    <xsl:param name="status"/>
    <xsl:value-of select="string-length(substring-before($st-status-order, concat(' ', $status, ' ')))"/>
  </xsl:template>

  <!-- what each status means, from the document's <status> elements -->
  <xsl:template name="st-legend">
    <table class="rows legend">
      <thead><tr><th>状态</th><th>含义</th><th>是否构成问题</th></tr></thead>
      <tbody>
        <xsl:for-each select="/results/status">
          <tr>
            <td data-label="状态"><xsl:call-template name="st-status"><xsl:with-param name="status" select="@name"/></xsl:call-template></td>
            <td data-label="含义"><xsl:value-of select="."/></td>
            <td data-label="是否构成问题"><xsl:choose><xsl:when test="@finding = 'yes'">是</xsl:when><xsl:otherwise>否</xsl:otherwise></xsl:choose></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <p class="note">合规率 =（合格 + 即将到期）÷（全部结果 − 不适用 − 豁免）。“未核查”计入分母（缺少记录不视为合格），“不适用”“豁免”不计入；
      只有“不合格”“逾期”“无法评估”使对象不合规。</p>
  </xsl:template>

  <!-- compliance rate of a <counts> element: "87.5%", or "—" when nothing was judged -->
  <xsl:template name="st-percent">
    <xsl:param name="counts"/>
    <xsl:choose>
      <xsl:when test="$counts/@judged &gt; 0">
        <xsl:value-of select="format-number(100 * $counts/@compliant div $counts/@judged, '0.0')"/>
        <xsl:text>%</xsl:text>
      </xsl:when>
      <xsl:otherwise>—</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the eight status counts of a <counts> element as table cells -->
  <xsl:template name="st-count-cells">
    <xsl:param name="counts"/>
    <xsl:for-each select="/results/status">
      <xsl:variable name="name" select="@name"/>
      <td class="num" data-label="{@zh}"><xsl:value-of select="$counts/@*[local-name() = $name]"/></td>
    </xsl:for-each>
  </xsl:template>

  <!-- header cells matching st-count-cells -->
  <xsl:template name="st-count-heads">
    <xsl:for-each select="/results/status">
      <th class="num"><xsl:value-of select="@zh"/></th>
    </xsl:for-each>
  </xsl:template>

  <!-- the rule packs and the tailoring, as rows of a meta table -->
  <xsl:template name="st-pack-rows">
    <tr><th>规则包</th><td>
      <xsl:choose>
        <xsl:when test="/results/pack">
          <xsl:for-each select="/results/pack">
            <xsl:if test="position() &gt; 1"><br/></xsl:if>
            <xsl:value-of select="@authority-zh"/><xsl:text>规则包：</xsl:text><xsl:value-of select="@title"/>
            <xsl:text>（</xsl:text><xsl:value-of select="@id"/>
            <xsl:text> 版本 </xsl:text><xsl:value-of select="@version"/>
            <xsl:text>，</xsl:text><xsl:value-of select="@rules"/><xsl:text> 条）</xsl:text>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="/results/@pack-title"/>
          <xsl:text>（</xsl:text><xsl:value-of select="/results/@pack"/>
          <xsl:text> 版本 </xsl:text><xsl:value-of select="/results/@pack-version"/><xsl:text>）</xsl:text>
        </xsl:otherwise>
      </xsl:choose>
    </td></tr>
    <tr><th>裁剪</th><td>
      <xsl:choose>
        <xsl:when test="string(/results/@tailoring) != ''">
          <xsl:value-of select="/results/@tailoring-id"/>
          <xsl:text>（</xsl:text><xsl:value-of select="/results/@tailoring"/><xsl:text>）</xsl:text>
          <xsl:for-each select="/results/rule[tailored]">
            <br/><xsl:value-of select="@id"/><xsl:text>：</xsl:text>
            <xsl:for-each select="tailored">
              <xsl:if test="position() &gt; 1"><xsl:text>，</xsl:text></xsl:if>
              <xsl:value-of select="@param"/><xsl:text> = </xsl:text><xsl:value-of select="@value"/>
            </xsl:for-each>
          </xsl:for-each>
          <xsl:if test="/results/rule[@selected = 'no']">
            <br/><xsl:text>已由裁剪文件停用的规则：</xsl:text>
            <xsl:for-each select="/results/rule[@selected = 'no']">
              <xsl:if test="position() &gt; 1"><xsl:text>、</xsl:text></xsl:if>
              <xsl:value-of select="@id"/>
            </xsl:for-each>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>未使用裁剪文件，全部规则按默认参数评估</xsl:otherwise>
      </xsl:choose>
    </td></tr>
  </xsl:template>

  <!-- The heading of a pack's group of rules (revision 2: a local and a
       national pack; rules list and reports group rules by pack): which
       authority, the pack, and the regulations its rules enforce, each
       named once.  $pack is a /results/pack element. -->
  <xsl:template name="st-pack-heading">
    <xsl:param name="pack"/>
    <xsl:variable name="id" select="string($pack/@id)"/>
    <xsl:variable name="rules" select="/results/rule[@pack = $id] | /results/item[@pack = $id]"/>
    <h3 class="pack"><xsl:value-of select="$pack/@authority-zh"/>规则包：<xsl:value-of select="$pack/@title"/></h3>
    <p class="note pack">
      <xsl:value-of select="$pack/@id"/><xsl:text> 版本 </xsl:text><xsl:value-of select="$pack/@version"/>
      <xsl:if test="$rules/@regulation">
        <xsl:text>；执行的法规：</xsl:text>
        <xsl:for-each select="$rules[not(@regulation = preceding-sibling::*[@pack = $id]/@regulation)]">
          <xsl:if test="position() &gt; 1"><xsl:text>、</xsl:text></xsl:if>
          <xsl:text>《</xsl:text><xsl:value-of select="@regulation"/><xsl:text>》</xsl:text>
        </xsl:for-each>
      </xsl:if>
    </p>
  </xsl:template>

  <!-- "2026-11-28T09:30:00" as "2026-11-28 09:30" -->
  <xsl:template name="st-time">
    <xsl:param name="t"/>
    <xsl:value-of select="substring(translate($t, 'T', ' '), 1, 16)"/>
  </xsl:template>

  <!-- a value, or a dash when empty -->
  <xsl:template name="st-or-dash">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="string($v) != ''"><xsl:value-of select="$v"/></xsl:when>
      <xsl:otherwise>—</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Chinese labels of the dossier's code values (INTERCHANGE §1) -->
  <xsl:template name="st-label">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="$v = 'none'">无</xsl:when>
      <xsl:when test="$v = 'hazardous'">危险化学品</xsl:when>
      <xsl:when test="$v = 'highly-toxic'">剧毒化学品</xsl:when>
      <xsl:when test="$v = 'construction'">在建</xsl:when>
      <xsl:when test="$v = 'operating'">生产经营</xsl:when>
      <xsl:when test="$v = 'closed'">已关闭</xsl:when>
      <xsl:when test="$v = 'quarterly'">季度检查</xsl:when>
      <xsl:when test="$v = 'mid-year'">年中考核检查</xsl:when>
      <xsl:when test="$v = 'year-end'">年末考核检查</xsl:when>
      <xsl:when test="$v = 'joint'">联合检查</xsl:when>
      <xsl:when test="$v = 'special'">专项检查</xsl:when>
      <xsl:when test="$v = 'general'">一般隐患</xsl:when>
      <xsl:when test="$v = 'major'">重大隐患</xsl:when>
      <xsl:when test="$v = 'safety-production'">安全生产许可证</xsl:when>
      <xsl:when test="$v = 'hazchem-trade'">危险化学品经营许可证</xsl:when>
      <xsl:when test="$v = 'hazchem-use'">危险化学品安全使用许可证</xsl:when>
      <xsl:when test="$v = 'other'">其他许可证</xsl:when>
      <xsl:when test="$v = 'yes'">是</xsl:when>
      <xsl:when test="$v = 'no'">否</xsl:when>
      <xsl:when test="string($v) = ''">—</xsl:when>
      <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the four implementations of a hazard (measures, funds, owner, deadline) -->
  <xsl:template name="st-four">
    <xsl:param name="h"/>
    <xsl:text>措施：</xsl:text><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="$h/@measures"/></xsl:call-template>
    <br/><xsl:text>资金：</xsl:text>
    <xsl:choose>
      <xsl:when test="string($h/@funds) != ''"><xsl:value-of select="$h/@funds"/><xsl:text> 元</xsl:text></xsl:when>
      <xsl:otherwise>—</xsl:otherwise>
    </xsl:choose>
    <br/><xsl:text>责任人：</xsl:text><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="$h/@owner"/></xsl:call-template>
    <br/><xsl:text>期限：</xsl:text><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="$h/@deadline"/></xsl:call-template>
    <xsl:if test="string($h/@measures) = '' or string($h/@funds) = '' or string($h/@owner) = '' or string($h/@deadline) = ''">
      <br/><span class="st st-fail">四落实不全</span>
    </xsl:if>
  </xsl:template>

  <xsl:template name="st-footer">
    <footer>
      <xsl:text>本报告由 safetrack 根据园区档案数据库自动生成，评估日期 </xsl:text>
      <xsl:value-of select="/results/@as-of"/>
      <xsl:text>，生成时间 </xsl:text>
      <xsl:call-template name="st-time"><xsl:with-param name="t" select="/results/@generated"/></xsl:call-template>
      <xsl:text>。评估以评估日当日结束时为准：评估日之后的记录不计入。</xsl:text>
    </footer>
  </xsl:template>

</xsl:stylesheet>
