<?xml version="1.0" encoding="UTF-8"?>
<!--
  enterprise.xsl — 一企一档: one enterprise's compliance file.  What must be
  put right comes first (overdue by days late, then failed, then what falls
  due soon, then what could not be checked), each with what to do, the
  clause and its text; then the hazard ledger (open hazards with their four
  implementations and deadlines, then those closed in the last year); then
  the enterprise's records; the rules it passes fill one compact table.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <html lang="zh-CN">
      <xsl:call-template name="st-head">
        <xsl:with-param name="title" select="concat(/results/subject/@name, ' 安全生产档案')"/>
      </xsl:call-template>
      <body>
        <xsl:apply-templates select="results"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="results">
    <xsl:variable name="s" select="subject"/>
    <xsl:variable name="e" select="enterprise"/>
    <xsl:variable name="c" select="$s/counts"/>
    <xsl:variable name="urgent" select="$s/result[@status = 'overdue' or @status = 'fail' or @status = 'error']"/>
    <h1><xsl:value-of select="$s/@name"/> 安全生产档案</h1>
    <p class="sub">一企一档 · 统一社会信用代码 <xsl:value-of select="$s/@id"/>
      <xsl:text> · </xsl:text><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="park/@name"/></xsl:call-template>
      <xsl:text> · 评估日期 </xsl:text><xsl:value-of select="@as-of"/></p>
    <p class="verdict">
      <xsl:choose>
        <xsl:when test="$c/@findings &gt; 0">
          <strong class="late">不合规：</strong>
          <xsl:text>逾期 </xsl:text><xsl:value-of select="$c/@overdue"/>
          <xsl:text> 项，不合格 </xsl:text><xsl:value-of select="$c/@fail"/>
          <xsl:text> 项</xsl:text>
          <xsl:if test="$c/@error &gt; 0">，无法评估 <xsl:value-of select="$c/@error"/> 项</xsl:if>
          <xsl:text>，须按下列要求整改。</xsl:text>
        </xsl:when>
        <xsl:otherwise>未发现逾期、不合格或无法评估的事项。</xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$c/@due-soon &gt; 0">即将到期 <xsl:value-of select="$c/@due-soon"/> 项。</xsl:if>
      <xsl:if test="$c/@not-checked &gt; 0">未核查 <xsl:value-of select="$c/@not-checked"/> 项（缺少记录）。</xsl:if>
      <xsl:if test="$c/@waived &gt; 0">豁免 <xsl:value-of select="$c/@waived"/> 项（园区批准，见第四部分）。</xsl:if>
      <xsl:text>合规率 </xsl:text><xsl:call-template name="st-percent"><xsl:with-param name="counts" select="$c"/></xsl:call-template>
      <xsl:text>。</xsl:text>
    </p>

    <h2>一、需要整改的问题</h2>
    <xsl:choose>
      <xsl:when test="$urgent">
        <xsl:call-template name="findings">
          <xsl:with-param name="rows" select="$urgent"/>
          <xsl:with-param name="class">findings-urgent</xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><p>无逾期、不合格或无法评估的事项。</p></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$s/result[@status = 'due-soon']">
      <h3>即将到期（<xsl:value-of select="count($s/result[@status = 'due-soon'])"/>）</h3>
      <xsl:call-template name="findings">
        <xsl:with-param name="rows" select="$s/result[@status = 'due-soon']"/>
        <xsl:with-param name="class">findings-soon</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$s/result[@status = 'not-checked']">
      <h3>未核查（<xsl:value-of select="count($s/result[@status = 'not-checked'])"/>）</h3>
      <p class="note">条款适用，但缺少判断所需的记录；补齐记录后方能判断，计入合规率分母。</p>
      <xsl:call-template name="findings">
        <xsl:with-param name="rows" select="$s/result[@status = 'not-checked']"/>
        <xsl:with-param name="class">findings-unchecked</xsl:with-param>
      </xsl:call-template>
    </xsl:if>

    <h2>二、隐患台账</h2>
    <xsl:apply-templates select="hazards"/>

    <h2>三、档案记录</h2>
    <xsl:apply-templates select="records"/>

    <h2>四、合格、豁免与不适用的规则</h2>
    <xsl:variable name="passed" select="$s/result[@status = 'pass']"/>
    <xsl:variable name="waived" select="$s/result[@status = 'waived']"/>
    <xsl:if test="not($passed)"><p>没有合格的规则。</p></xsl:if>
    <!-- grouped by pack, the local pack first (revision 2): each pack's
         passing rules, then the ones under a waiver -->
    <xsl:for-each select="pack">
      <xsl:variable name="id" select="string(@id)"/>
      <xsl:variable name="p" select="$passed[key('st-rule', @rule)/@pack = $id]"/>
      <xsl:variable name="w" select="$waived[key('st-rule', @rule)/@pack = $id]"/>
      <xsl:if test="$p or $w">
        <xsl:call-template name="st-pack-heading"><xsl:with-param name="pack" select="."/></xsl:call-template>
        <xsl:if test="$p"><xsl:call-template name="passed-table"><xsl:with-param name="rows" select="$p"/></xsl:call-template></xsl:if>
        <xsl:if test="$w"><xsl:call-template name="waived-table"><xsl:with-param name="rows" select="$w"/></xsl:call-template></xsl:if>
      </xsl:if>
    </xsl:for-each>
    <xsl:variable name="op" select="$passed[not(key('st-rule', @rule)/@pack = /results/pack/@id)]"/>
    <xsl:variable name="ow" select="$waived[not(key('st-rule', @rule)/@pack = /results/pack/@id)]"/>
    <xsl:if test="$op"><xsl:call-template name="passed-table"><xsl:with-param name="rows" select="$op"/></xsl:call-template></xsl:if>
    <xsl:if test="$ow"><xsl:call-template name="waived-table"><xsl:with-param name="rows" select="$ow"/></xsl:call-template></xsl:if>
    <xsl:variable name="na" select="$s/result[@status = 'not-applicable']"/>
    <xsl:if test="$na">
      <p class="note">
        <xsl:text>不适用（</xsl:text><xsl:value-of select="count($na)"/><xsl:text> 条）：</xsl:text>
        <xsl:for-each select="$na">
          <xsl:if test="position() &gt; 1"><xsl:text>、</xsl:text></xsl:if>
          <xsl:value-of select="key('st-rule', @rule)/@title"/>
        </xsl:for-each>
        <xsl:text>。</xsl:text>
      </p>
    </xsl:if>
    <xsl:variable name="skipped" select="rule[@scope = 'enterprise'][@informational = 'yes' or @selected = 'no']"/>
    <xsl:if test="$skipped">
      <p class="note">
        <xsl:text>未评估（</xsl:text><xsl:value-of select="count($skipped)"/><xsl:text> 条）：</xsl:text>
        <xsl:for-each select="$skipped">
          <xsl:if test="position() &gt; 1"><xsl:text>、</xsl:text></xsl:if>
          <xsl:value-of select="@title"/>
          <xsl:choose>
            <xsl:when test="@informational = 'yes'">（仅供参考）</xsl:when>
            <xsl:otherwise>（已由裁剪文件停用）</xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <xsl:text>。</xsl:text>
      </p>
    </xsl:if>

    <h2>五、企业信息</h2>
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
      <tr><th>生成时间</th><td><xsl:call-template name="st-time"><xsl:with-param name="t" select="@generated"/></xsl:call-template></td></tr>
      <xsl:call-template name="st-pack-rows"/>
    </table>

    <h3>状态说明</h3>
    <xsl:call-template name="st-legend"/>

    <xsl:call-template name="st-footer"/>
  </xsl:template>

  <!-- passing results, soonest next deadline first -->
  <xsl:template name="passed-table">
    <xsl:param name="rows"/>
    <table class="rows compact passed">
      <thead><tr><th>规则</th><th>条款</th><th>下一期限</th><th>说明</th></tr></thead>
      <tbody>
        <xsl:for-each select="$rows">
          <xsl:sort select="translate(@due, '-', '')" data-type="number"/>
          <xsl:sort select="@rule"/>
          <xsl:variable name="rule" select="key('st-rule', @rule)"/>
          <tr>
            <td data-label="规则"><xsl:value-of select="$rule/@title"/></td>
            <td class="clause" data-label="条款"><xsl:value-of select="$rule/@clause-zh"/></td>
            <td class="date" data-label="下一期限"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@due"/></xsl:call-template></td>
            <td data-label="说明"><xsl:value-of select="detail"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- results under an active waiver, the earliest expiry first -->
  <xsl:template name="waived-table">
    <xsl:param name="rows"/>
    <table class="rows compact waived">
      <caption>豁免（<xsl:value-of select="count($rows)"/>）</caption>
      <thead><tr><th>规则</th><th>条款</th><th>豁免至</th><th>说明</th></tr></thead>
      <tbody>
        <xsl:for-each select="$rows">
          <xsl:sort select="translate(@due, '-', '')" data-type="number"/>
          <xsl:variable name="rule" select="key('st-rule', @rule)"/>
          <tr>
            <td data-label="规则"><xsl:value-of select="$rule/@title"/></td>
            <td class="clause" data-label="条款"><xsl:value-of select="$rule/@clause-zh"/></td>
            <td class="date" data-label="豁免至"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@due"/></xsl:call-template></td>
            <td data-label="说明"><xsl:value-of select="detail"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- results someone must act on: overdue by days late, then failed and
       error, then due-soon by date; each with what to do and the clause -->
  <xsl:template name="findings">
    <xsl:param name="rows"/>
    <xsl:param name="class"/>
    <table class="rows findings {$class}">
      <thead><tr><th class="num">序号</th><th>状态</th><th>问题与整改要求</th><th>条款</th><th>期限</th></tr></thead>
      <tbody>
        <xsl:for-each select="$rows">
          <xsl:sort select="string-length(substring-before($st-status-order, concat(' ', @status, ' ')))" data-type="number"/>
          <xsl:sort select="@days-late" data-type="number" order="descending"/>
          <xsl:sort select="translate(@due, '-', '')" data-type="number"/>
          <xsl:sort select="@rule"/>
          <xsl:variable name="rule" select="key('st-rule', @rule)"/>
          <tr>
            <td class="num" data-label="序号"><xsl:value-of select="position()"/></td>
            <td data-label="状态"><xsl:call-template name="st-status"><xsl:with-param name="status" select="@status"/></xsl:call-template></td>
            <td data-label="问题">
              <strong><xsl:value-of select="$rule/@title"/></strong>
              <br/><xsl:value-of select="detail"/>
              <xsl:if test="string($rule/remediation) != ''">
                <br/><span class="todo">整改要求：<xsl:value-of select="$rule/remediation"/></span>
              </xsl:if>
            </td>
            <td class="clause" data-label="条款">
              <xsl:value-of select="$rule/@clause-zh"/>
              <details><summary>条款原文</summary><blockquote><xsl:value-of select="$rule/clause-text"/></blockquote></details>
            </td>
            <td class="date" data-label="期限">
              <xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@due"/></xsl:call-template>
              <xsl:choose>
                <xsl:when test="@days-late and @status = 'overdue'"><br/><span class="late">已逾期 <xsl:value-of select="@days-late"/> 天</span></xsl:when>
                <xsl:when test="@days-left and @status = 'due-soon'"><br/>剩余 <xsl:value-of select="@days-left"/> 天</xsl:when>
              </xsl:choose>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="hazards">
    <xsl:variable name="open" select="hazard[@state = 'open']"/>
    <xsl:variable name="closed" select="hazard[@state = 'closed']"/>
    <h3>未销号隐患（<xsl:value-of select="count($open)"/>）</h3>
    <xsl:choose>
      <xsl:when test="$open">
        <table class="rows hazards-open">
          <thead><tr><th>隐患</th><th>等级</th><th>发现</th><th>描述</th><th>四落实</th><th>整改期限</th></tr></thead>
          <tbody>
            <xsl:for-each select="$open">
              <tr>
                <td class="id" data-label="隐患"><xsl:value-of select="@id"/></td>
                <td data-label="等级">
                  <xsl:if test="@grade = 'major'"><xsl:attribute name="class">major</xsl:attribute></xsl:if>
                  <xsl:call-template name="st-label"><xsl:with-param name="v" select="@grade"/></xsl:call-template>
                </td>
                <td class="date" data-label="发现"><xsl:value-of select="@found"/></td>
                <td data-label="描述"><xsl:value-of select="@description"/></td>
                <td data-label="四落实"><xsl:call-template name="st-four"><xsl:with-param name="h" select="."/></xsl:call-template></td>
                <td class="date" data-label="整改期限">
                  <xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@deadline"/></xsl:call-template>
                  <xsl:choose>
                    <xsl:when test="@days-late"><br/><span class="late">已逾期 <xsl:value-of select="@days-late"/> 天</span></xsl:when>
                    <xsl:when test="@days-left"><br/>剩余 <xsl:value-of select="@days-left"/> 天</xsl:when>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p>截至评估日无未销号隐患。</p></xsl:otherwise>
    </xsl:choose>
    <h3>近一年已销号隐患（<xsl:value-of select="count($closed)"/>）</h3>
    <xsl:choose>
      <xsl:when test="$closed">
        <table class="rows hazards-closed">
          <thead><tr><th>隐患</th><th>等级</th><th>发现</th><th>描述</th><th>整改期限</th><th>销号</th><th>验收人</th></tr></thead>
          <tbody>
            <xsl:for-each select="$closed">
              <tr>
                <td class="id" data-label="隐患"><xsl:value-of select="@id"/></td>
                <td data-label="等级"><xsl:call-template name="st-label"><xsl:with-param name="v" select="@grade"/></xsl:call-template></td>
                <td class="date" data-label="发现"><xsl:value-of select="@found"/></td>
                <td data-label="描述"><xsl:value-of select="@description"/></td>
                <td class="date" data-label="整改期限"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@deadline"/></xsl:call-template></td>
                <td class="date" data-label="销号"><xsl:value-of select="@closed"/></td>
                <td data-label="验收人"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@verified_by"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="@closed-since"/> 以来没有销号的隐患。</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="records">
    <h3>近一年安全检查（<xsl:value-of select="count(inspection)"/>）</h3>
    <xsl:choose>
      <xsl:when test="inspection">
        <table class="rows rec-inspections">
          <thead><tr><th>检查</th><th>日期</th><th>类型</th><th>检查人员</th><th>不合格项</th></tr></thead>
          <tbody>
            <xsl:for-each select="inspection">
              <tr>
                <td class="id" data-label="检查"><xsl:value-of select="@id"/></td>
                <td class="date" data-label="日期"><xsl:value-of select="@date"/></td>
                <td data-label="类型"><xsl:call-template name="st-label"><xsl:with-param name="v" select="@kind"/></xsl:call-template></td>
                <td data-label="检查人员"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@inspectors"/></xsl:call-template></td>
                <td data-label="不合格项">
                  <xsl:variable name="failed" select="@*[starts-with(local-name(), 'item')][. = 'fail']"/>
                  <xsl:choose>
                    <xsl:when test="$failed">
                      <xsl:for-each select="$failed">
                        <xsl:if test="position() &gt; 1"><xsl:text>、</xsl:text></xsl:if>
                        <xsl:text>第 </xsl:text><xsl:value-of select="substring-after(local-name(), 'item')"/><xsl:text> 项</xsl:text>
                      </xsl:for-each>
                    </xsl:when>
                    <xsl:otherwise>无</xsl:otherwise>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="@inspections-since"/> 以来没有检查记录。</p></xsl:otherwise>
    </xsl:choose>

    <xsl:if test="evaluation">
      <h3>安全评价（<xsl:value-of select="count(evaluation)"/>）</h3>
      <table class="rows rec-evaluations">
        <thead><tr><th>评价</th><th>日期</th><th>类型</th><th>评价机构</th><th>专家评审</th><th>整改期限</th><th>整改完成</th></tr></thead>
        <tbody>
          <xsl:for-each select="evaluation">
            <tr>
              <td class="id" data-label="评价"><xsl:value-of select="@id"/></td>
              <td class="date" data-label="日期"><xsl:value-of select="@date"/></td>
              <td data-label="类型"><xsl:call-template name="eval-kind"><xsl:with-param name="v" select="@kind"/></xsl:call-template></td>
              <td data-label="评价机构"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@agency"/></xsl:call-template></td>
              <td data-label="专家评审"><xsl:call-template name="st-label"><xsl:with-param name="v" select="@expert_passed"/></xsl:call-template></td>
              <td class="date" data-label="整改期限"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@rectify_deadline"/></xsl:call-template></td>
              <td class="date" data-label="整改完成"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@rectified"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>

    <xsl:if test="certificate">
      <h3>特种作业操作证（<xsl:value-of select="count(certificate)"/>）</h3>
      <table class="rows rec-certificates">
        <thead><tr><th>持证人</th><th>作业类别</th><th>证号</th><th>发证</th><th>有效期至</th></tr></thead>
        <tbody>
          <xsl:for-each select="certificate">
            <tr>
              <td data-label="持证人"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@worker-name"/></xsl:call-template></td>
              <td data-label="作业类别"><xsl:value-of select="@kind"/></td>
              <td data-label="证号"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@number"/></xsl:call-template></td>
              <td class="date" data-label="发证"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@issued"/></xsl:call-template></td>
              <td class="date" data-label="有效期至"><xsl:value-of select="@expires"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>

    <xsl:if test="equipment">
      <h3>特种设备（<xsl:value-of select="count(equipment)"/>）</h3>
      <table class="rows rec-equipment">
        <thead><tr><th>设备</th><th>种类</th><th>使用登记证号</th><th>上次检验</th><th>下次检验日期</th></tr></thead>
        <tbody>
          <xsl:for-each select="equipment">
            <tr>
              <td class="id" data-label="设备"><xsl:value-of select="@id"/></td>
              <td data-label="种类"><xsl:call-template name="equipment-kind"><xsl:with-param name="v" select="@kind"/></xsl:call-template></td>
              <td data-label="登记证号"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@registration"/></xsl:call-template></td>
              <td class="date" data-label="上次检验"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@last_test"/></xsl:call-template></td>
              <td class="date" data-label="下次检验日期"><xsl:value-of select="@next_test"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
    <xsl:if test="licence">
      <h3>许可证（<xsl:value-of select="count(licence)"/>）</h3>
      <table class="rows rec-licence">
        <thead><tr><th>许可证</th><th>类别</th><th>许可证编号</th><th>发证日期</th><th>有效期至</th><th>申请延期日期</th></tr></thead>
        <tbody>
          <xsl:for-each select="licence">
            <tr>
              <td class="id" data-label="许可证"><xsl:value-of select="@id"/></td>
              <td data-label="类别"><xsl:call-template name="st-label"><xsl:with-param name="v" select="@kind"/></xsl:call-template></td>
              <td data-label="许可证编号"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@number"/></xsl:call-template></td>
              <td class="date" data-label="发证日期"><xsl:value-of select="@issued"/></td>
              <td class="date" data-label="有效期至"><xsl:value-of select="@expires"/></td>
              <td class="date" data-label="申请延期日期"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@renewal_applied"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>

    <xsl:if test="accident">
      <h3>生产安全事故（<xsl:value-of select="count(accident)"/>）</h3>
      <table class="rows rec-accidents">
        <thead><tr><th>事故</th><th>发生时间</th><th>死亡/受伤</th><th>经过</th><th>报告</th><th>报表</th><th>调查结案</th></tr></thead>
        <tbody>
          <xsl:for-each select="accident">
            <tr>
              <td class="id" data-label="事故"><xsl:value-of select="@id"/></td>
              <td class="date" data-label="发生时间"><xsl:call-template name="st-time"><xsl:with-param name="t" select="@occurred"/></xsl:call-template></td>
              <td class="num" data-label="死亡/受伤"><xsl:value-of select="concat(@deaths, '/', @injuries)"/></td>
              <td data-label="经过"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@description"/></xsl:call-template></td>
              <td class="date" data-label="报告"><xsl:choose><xsl:when test="@reported"><xsl:call-template name="st-time"><xsl:with-param name="t" select="@reported"/></xsl:call-template></xsl:when><xsl:otherwise>—</xsl:otherwise></xsl:choose></td>
              <td class="date" data-label="报表"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@form_filed"/></xsl:call-template></td>
              <td class="date" data-label="调查结案"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@investigation_closed"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>

    <xsl:if test="project">
      <h3>建设项目（<xsl:value-of select="count(project)"/>）</h3>
      <table class="rows rec-projects">
        <thead><tr><th>项目</th><th>名称</th><th>开工</th><th>竣工验收</th><th>投产</th></tr></thead>
        <tbody>
          <xsl:for-each select="project">
            <tr>
              <td class="id" data-label="项目"><xsl:value-of select="@id"/></td>
              <td data-label="名称"><xsl:value-of select="@name"/></td>
              <td class="date" data-label="开工"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@construction_start"/></xsl:call-template></td>
              <td class="date" data-label="竣工验收"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@accepted"/></xsl:call-template></td>
              <td class="date" data-label="投产"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@production_start"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <xsl:template name="eval-kind">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="$v = 'pre'">安全预评价</xsl:when>
      <xsl:when test="$v = 'status'">安全现状综合评价</xsl:when>
      <xsl:when test="$v = 'periodic'">定期安全评价</xsl:when>
      <xsl:otherwise><xsl:call-template name="st-label"><xsl:with-param name="v" select="$v"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="equipment-kind">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="$v = 'boiler'">锅炉</xsl:when>
      <xsl:when test="$v = 'pressure-vessel'">压力容器</xsl:when>
      <xsl:when test="$v = 'pressure-pipe'">压力管道</xsl:when>
      <xsl:when test="$v = 'elevator'">电梯</xsl:when>
      <xsl:when test="$v = 'crane'">起重机械</xsl:when>
      <xsl:when test="$v = 'forklift'">场（厂）内专用机动车辆</xsl:when>
      <xsl:when test="$v = 'other'">其他</xsl:when>
      <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
