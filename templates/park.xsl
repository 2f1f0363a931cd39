<?xml version="1.0" encoding="UTF-8"?>
<!--
  park.xsl — 园区安全生产合规报告: the park report, one page from the park
  summary document (templates/README.md): headline figures, counts by
  status, enterprises ranked by findings, overdue / failed / due-soon
  obligations, hazard rectification, a per-rule summary and the compliance
  trend over the last eight quarter ends as inline SVG.

  The document is already a summary (counts per subject and rule, only the
  non-passing rows listed), so this stylesheet never sees the park's full
  result set.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="common.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="park-name">
    <xsl:choose>
      <xsl:when test="/results/park/@name"><xsl:value-of select="/results/park/@name"/></xsl:when>
      <xsl:otherwise>全部园区</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <html lang="zh-CN">
      <xsl:call-template name="st-head">
        <xsl:with-param name="title" select="concat($park-name, ' 安全生产合规报告')"/>
      </xsl:call-template>
      <body>
        <xsl:apply-templates select="results"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="results">
    <h1><xsl:value-of select="$park-name"/> 安全生产合规报告</h1>
    <p class="sub">评估日期 <xsl:value-of select="@as-of"/>
      <xsl:text> · 合规率 </xsl:text><xsl:call-template name="st-percent"><xsl:with-param name="counts" select="counts"/></xsl:call-template>
      <xsl:text> · 逾期 </xsl:text><xsl:value-of select="counts/@overdue"/>
      <xsl:text> 项 · 即将到期 </xsl:text><xsl:value-of select="counts/@due-soon"/>
      <xsl:text> 项 · 重大隐患逾期 </xsl:text><xsl:value-of select="count(hazards/hazard[@grade = 'major'][@days-late])"/>
      <xsl:text> 条</xsl:text></p>

    <h2>一、需要督办的事项</h2>
    <xsl:call-template name="chase"/>

    <h2>二、总体情况</h2>
    <div class="figures">
      <div class="figure">
        <div class="v"><xsl:call-template name="st-percent"><xsl:with-param name="counts" select="counts"/></xsl:call-template></div>
        <div class="k">合规率</div>
      </div>
      <div class="figure">
        <div class="v"><xsl:value-of select="summary/@enterprises"/></div>
        <div class="k">企业数（在建 <xsl:value-of select="summary/@construction"/>，不含已关闭 <xsl:value-of select="count(closed-enterprise)"/>）</div>
      </div>
      <div class="figure">
        <div class="v"><xsl:value-of select="summary/@compliant-enterprises"/></div>
        <div class="k">无问题的在营企业</div>
      </div>
      <div class="figure bad">
        <div class="v"><xsl:value-of select="counts/@findings"/></div>
        <div class="k">问题事项（不合格、逾期、无法评估）</div>
      </div>
      <div class="figure bad">
        <div class="v"><xsl:value-of select="counts/@overdue"/></div>
        <div class="k">逾期事项</div>
      </div>
      <div class="figure">
        <div class="v"><xsl:value-of select="counts/@due-soon"/></div>
        <div class="k">即将到期事项</div>
      </div>
      <div class="figure bad">
        <div class="v"><xsl:value-of select="hazards/@open"/></div>
        <div class="k">未销号隐患（逾期 <xsl:value-of select="hazards/@overdue"/>，重大隐患 <xsl:value-of select="hazards/@major-open"/>）</div>
      </div>
    </div>
    <xsl:if test="closed-enterprise">
      <p class="note">已关闭企业不计入以上数字，见“八、已关闭企业”。</p>
    </xsl:if>

    <h3>各状态数量</h3>
    <table class="rows counts">
      <thead><tr><th>状态</th><th class="num">数量</th><th class="num">占全部结果</th></tr></thead>
      <tbody>
        <xsl:variable name="c" select="counts"/>
        <xsl:variable name="all" select="$c/@judged + $c/@not-applicable"/>
        <xsl:for-each select="status">
          <xsl:variable name="name" select="@name"/>
          <xsl:variable name="n" select="$c/@*[local-name() = $name]"/>
          <tr>
            <td data-label="状态"><xsl:call-template name="st-status"><xsl:with-param name="status" select="$name"/></xsl:call-template></td>
            <td class="num" data-label="数量"><xsl:value-of select="$n"/></td>
            <td class="num" data-label="占全部结果">
              <xsl:choose>
                <xsl:when test="$all &gt; 0"><xsl:value-of select="format-number(100 * $n div $all, '0.0')"/>%</xsl:when>
                <xsl:otherwise>—</xsl:otherwise>
              </xsl:choose>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <h3>状态说明</h3>
    <xsl:call-template name="st-legend"/>

    <h2>三、企业问题排名</h2>
    <xsl:variable name="ranked" select="subject[@kind = 'enterprise'][counts/@findings &gt; 0 or counts/@due-soon &gt; 0 or counts/@not-checked &gt; 0]"/>
    <xsl:choose>
      <xsl:when test="$ranked">
        <table class="rows ranking">
          <thead><tr>
            <th class="num">序号</th><th>企业</th><th>统一社会信用代码</th>
            <th class="num">问题</th><th class="num">逾期</th><th class="num">不合格</th>
            <th class="num">即将到期</th><th class="num">未核查</th><th class="num">合规率</th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="$ranked">
              <xsl:sort select="counts/@findings" data-type="number" order="descending"/>
              <xsl:sort select="counts/@overdue" data-type="number" order="descending"/>
              <xsl:sort select="counts/@not-checked" data-type="number" order="descending"/>
              <xsl:sort select="@id"/>
              <tr>
                <td class="num" data-label="序号"><xsl:value-of select="position()"/></td>
                <td class="name" data-label="企业" title="{@name}"><xsl:value-of select="@name"/></td>
                <td data-label="信用代码"><xsl:value-of select="@id"/></td>
                <td class="num" data-label="问题"><xsl:value-of select="counts/@findings"/></td>
                <td class="num" data-label="逾期"><xsl:value-of select="counts/@overdue"/></td>
                <td class="num" data-label="不合格"><xsl:value-of select="counts/@fail"/></td>
                <td class="num" data-label="即将到期"><xsl:value-of select="counts/@due-soon"/></td>
                <td class="num" data-label="未核查"><xsl:value-of select="counts/@not-checked"/></td>
                <td class="num" data-label="合规率"><xsl:call-template name="st-percent"><xsl:with-param name="counts" select="counts"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        <p class="note">
          <xsl:text>按问题数（不合格 + 逾期 + 无法评估）、逾期数、未核查数排序；其余 </xsl:text>
          <xsl:value-of select="summary/@enterprises - count($ranked)"/>
          <xsl:text> 家企业全部合格或不适用。</xsl:text>
        </p>
      </xsl:when>
      <xsl:otherwise><p>所有企业均无问题、无即将到期事项。</p></xsl:otherwise>
    </xsl:choose>

    <h2>四、不合格与无法评估事项</h2>
    <xsl:call-template name="obligations">
      <xsl:with-param name="rows" select="subject/result[@status = 'fail' or @status = 'error']"/>
      <xsl:with-param name="none">无不合格事项。</xsl:with-param>
    </xsl:call-template>
    <xsl:if test="summary/@omitted &gt; 0">
      <p class="note">另有 <xsl:value-of select="summary/@omitted"/> 条事项未在本报告中列出（报告最多列出
        <xsl:value-of select="summary/@listed"/> 条）；完整清单请用 safetrack overdue 或 safetrack check 查看。</p>
    </xsl:if>

    <h2>五、隐患整改情况</h2>
    <xsl:apply-templates select="hazards"/>

    <h2>六、分规则汇总</h2>
    <!-- grouped by pack, the local pack first (the document lists it first) -->
    <xsl:for-each select="pack">
      <xsl:variable name="id" select="string(@id)"/>
      <xsl:if test="/results/rule[counts][@pack = $id]">
        <xsl:call-template name="st-pack-heading"><xsl:with-param name="pack" select="."/></xsl:call-template>
        <xsl:call-template name="rule-table"><xsl:with-param name="rules" select="/results/rule[counts][@pack = $id]"/></xsl:call-template>
      </xsl:if>
    </xsl:for-each>
    <xsl:if test="rule[counts][not(@pack = /results/pack/@id)]">
      <xsl:if test="pack"><h3>其他规则</h3></xsl:if>
      <xsl:call-template name="rule-table"><xsl:with-param name="rules" select="rule[counts][not(@pack = /results/pack/@id)]"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="rule[@informational = 'yes']">
      <p class="note">另有 <xsl:value-of select="count(rule[@informational = 'yes'])"/>
        条规定只涉及管理职责、无法由记录核查，列为“仅供参考”，不参与评估。</p>
    </xsl:if>

    <h2>七、合规率趋势</h2>
    <xsl:apply-templates select="trend"/>

    <xsl:if test="closed-enterprise">
      <h2>八、已关闭企业</h2>
      <p>以下企业已关闭，不再承担园区安全生产义务，其规则均为“不适用”，不计入企业数、合规率和未销号隐患。</p>
      <table class="rows closed">
        <thead><tr><th>企业</th><th>统一社会信用代码</th><th class="num">关闭时未销号隐患</th></tr></thead>
        <tbody>
          <xsl:for-each select="closed-enterprise">
            <tr>
              <td class="name" data-label="企业"><xsl:value-of select="@name"/></td>
              <td data-label="信用代码"><xsl:value-of select="@id"/></td>
              <td class="num" data-label="未销号隐患"><xsl:value-of select="@open-hazards"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <xsl:if test="sum(closed-enterprise/@open-hazards) &gt; 0">
        <p class="note">已关闭企业遗留的未销号隐患须在企业注销或设施拆除时核实处置，请在隐患台账中登记销号。</p>
      </xsl:if>
    </xsl:if>

    <xsl:apply-templates select="what-if">
      <xsl:with-param name="number">
        <xsl:choose><xsl:when test="closed-enterprise">九</xsl:when><xsl:otherwise>八</xsl:otherwise></xsl:choose>
      </xsl:with-param>
    </xsl:apply-templates>

    <h2>报告信息</h2>
    <table class="meta">
      <tr><th>园区</th><td>
        <xsl:value-of select="$park-name"/>
        <xsl:if test="park/@id"><xsl:text>（编号 </xsl:text><xsl:value-of select="park/@id"/><xsl:text>）</xsl:text></xsl:if>
      </td></tr>
      <xsl:if test="park">
        <tr><th>安委会主任</th><td><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="park/@director"/></xsl:call-template></td></tr>
        <tr><th>专职安全管理人员</th><td><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="park/@safety_staff"/></xsl:call-template></td></tr>
      </xsl:if>
      <tr><th>评估日期</th><td><xsl:value-of select="@as-of"/></td></tr>
      <tr><th>生成时间</th><td><xsl:call-template name="st-time"><xsl:with-param name="t" select="@generated"/></xsl:call-template></td></tr>
      <xsl:call-template name="st-pack-rows"/>
    </table>

    <xsl:call-template name="st-footer"/>
  </xsl:template>

  <!-- one pack's rules with their counts over the park -->
  <xsl:template name="rule-table">
    <xsl:param name="rules"/>
    <table class="rows rules">
      <thead><tr>
        <th>规则</th><th>条款</th>
        <xsl:call-template name="st-count-heads"/>
        <th class="num">合规率</th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="$rules">
          <tr>
            <td class="rule" data-label="规则"><xsl:value-of select="@title"/>
              <xsl:if test="@selected = 'no'"><span class="note">（已由裁剪文件停用）</span></xsl:if>
              <br/><span class="note id"><xsl:value-of select="@id"/></span></td>
            <td class="clause" data-label="条款"><xsl:value-of select="@clause-zh"/></td>
            <xsl:call-template name="st-count-cells"><xsl:with-param name="counts" select="counts"/></xsl:call-template>
            <td class="num" data-label="合规率"><xsl:call-template name="st-percent"><xsl:with-param name="counts" select="counts"/></xsl:call-template></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- What-if (report park with the compare-tailoring or compare-rules option): the
       park judged under the proposed rules as well; per rule, how many
       enterprises' results change and from which status to which.  Rules
       grouped by pack like section 六; the rules that change nothing are
       counted in one sentence. -->
  <xsl:template match="what-if">
    <xsl:param name="number"/>
    <xsl:variable name="proposal">
      <xsl:choose>
        <xsl:when test="@proposal = 'tailoring'">拟用裁剪文件</xsl:when>
        <xsl:otherwise>拟用规则目录</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <section class="what-if">
      <h2><xsl:value-of select="$number"/>、假设分析：<xsl:value-of select="$proposal"/>的影响</h2>
      <p>
        <xsl:text>以评估日 </xsl:text><xsl:value-of select="/results/@as-of"/>
        <xsl:text> 的档案数据，分别按现行规则和</xsl:text><xsl:value-of select="$proposal"/>
        <xsl:choose>
          <xsl:when test="@proposal = 'tailoring'">
            <xsl:text>“</xsl:text><xsl:value-of select="@tailoring-id"/><xsl:text>”（</xsl:text>
            <xsl:value-of select="@tailoring"/><xsl:text>）</xsl:text>
          </xsl:when>
          <xsl:otherwise>
            <xsl:text>（</xsl:text><xsl:value-of select="@dir"/>
            <xsl:if test="string(@tailoring) != ''">
              <xsl:text>，沿用现行裁剪文件“</xsl:text><xsl:value-of select="@tailoring-id"/><xsl:text>”</xsl:text>
            </xsl:if>
            <xsl:text>）</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text>评估本园区（已关闭企业不计）：</xsl:text>
        <xsl:choose>
          <xsl:when test="@changed &gt; 0">
            <xsl:text>共有 </xsl:text><xsl:value-of select="@changed"/><xsl:text> 项结果不同，涉及 </xsl:text>
            <xsl:if test="@enterprises &gt; 0"><xsl:value-of select="@enterprises"/><xsl:text> 家企业</xsl:text></xsl:if>
            <xsl:if test="@enterprises &gt; 0 and @parks &gt; 0"><xsl:text>和</xsl:text></xsl:if>
            <xsl:if test="@parks &gt; 0"><xsl:text>园区本身</xsl:text></xsl:if>
            <xsl:text>、</xsl:text><xsl:value-of select="@rules-changed"/><xsl:text> 条规则</xsl:text>
            <xsl:text>；其余 </xsl:text><xsl:value-of select="@unchanged"/><xsl:text> 条规则的结果不变</xsl:text>
            <xsl:call-template name="what-if-same"/><xsl:text>。</xsl:text>
          </xsl:when>
          <xsl:otherwise>
            <xsl:text>两种规则下全部结果相同，</xsl:text><xsl:value-of select="@unchanged"/>
            <xsl:text> 条规则的结果均不变</xsl:text><xsl:call-template name="what-if-same"/><xsl:text>。</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:if test="param or selection">
        <h3><xsl:value-of select="$proposal"/>与现行规则的不同之处</h3>
        <ul class="proposal">
          <xsl:for-each select="selection">
            <xsl:variable name="rule" select="key('st-rule', @rule)"/>
            <li>
              <xsl:value-of select="@rule"/><xsl:text>（</xsl:text><xsl:value-of select="$rule/@title"/><xsl:text>）：</xsl:text>
              <xsl:choose>
                <xsl:when test="@there = 'deselected'">停用，不再评估</xsl:when>
                <xsl:otherwise>恢复评估（现行裁剪文件停用了此规则）</xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
          <xsl:for-each select="param">
            <xsl:variable name="rule" select="key('st-rule', @rule)"/>
            <li>
              <xsl:value-of select="@rule"/><xsl:text>（</xsl:text><xsl:value-of select="$rule/@title"/><xsl:text>）：参数 </xsl:text>
              <xsl:value-of select="@name"/><xsl:text> 由 </xsl:text>
              <xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@was"/></xsl:call-template>
              <xsl:text> 改为 </xsl:text><xsl:value-of select="@value"/>
              <xsl:if test="string(@doc) != ''"><xsl:text>（</xsl:text><xsl:value-of select="@doc"/><xsl:text>）</xsl:text></xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:if test="rule">
        <h3>结果改变的规则</h3>
        <xsl:variable name="w" select="."/>
        <xsl:for-each select="/results/pack">
          <xsl:variable name="id" select="string(@id)"/>
          <xsl:if test="$w/rule[@pack = $id]">
            <xsl:call-template name="what-if-table">
              <xsl:with-param name="rules" select="$w/rule[@pack = $id]"/>
              <xsl:with-param name="caption" select="concat(@authority-zh, '规则包：', @title)"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
        <xsl:if test="rule[not(@pack = /results/pack/@id)]">
          <xsl:call-template name="what-if-table">
            <xsl:with-param name="rules" select="rule[not(@pack = /results/pack/@id)]"/>
            <xsl:with-param name="caption">
              <xsl:if test="/results/pack"><xsl:value-of select="$proposal"/>中另有的规则</xsl:if>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <p class="note">“由 → 变为”一栏列出现行规则下的状态和改用后的状态，以及这样改变的企业数（园区规则为园区本身）；
          “期限改变”指状态相同而下一期限不同；“不再评估”指该规则在<xsl:value-of select="$proposal"/>中被停用或不存在，“现行不评估”指现行规则中停用或没有这条规则。</p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- "（地方规则包 40 条、国家规则包 3 条）": the unchanged rules by pack -->
  <xsl:template name="what-if-same">
    <xsl:variable name="w" select="."/>
    <xsl:if test="count(/results/pack) &gt; 1 and same">
      <!-- packs without an unchanged rule are not named -->
      <xsl:text>（</xsl:text>
      <xsl:for-each select="/results/pack[@id = $w/same/@pack]">
        <xsl:variable name="id" select="string(@id)"/>
        <xsl:if test="position() &gt; 1"><xsl:text>、</xsl:text></xsl:if>
        <xsl:value-of select="@authority-zh"/><xsl:text>规则包 </xsl:text>
        <xsl:value-of select="count($w/same[@pack = $id])"/><xsl:text> 条</xsl:text>
      </xsl:for-each>
      <xsl:if test="$w/same[not(@pack = /results/pack/@id)]">
        <xsl:text>、其他 </xsl:text><xsl:value-of select="count($w/same[not(@pack = /results/pack/@id)])"/><xsl:text> 条</xsl:text>
      </xsl:if>
      <xsl:text>）</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template name="what-if-table">
    <xsl:param name="rules"/>
    <xsl:param name="caption"/>
    <table class="rows what-if">
      <xsl:if test="string($caption) != ''"><caption><xsl:value-of select="$caption"/></caption></xsl:if>
      <thead><tr><th>规则</th><th>条款</th><th class="num">结果改变</th><th>由 → 变为</th></tr></thead>
      <tbody>
        <xsl:for-each select="$rules">
          <xsl:variable name="unit">
            <xsl:choose><xsl:when test="@scope = 'park'"> 个园区</xsl:when><xsl:otherwise> 家企业</xsl:otherwise></xsl:choose>
          </xsl:variable>
          <tr>
            <td class="rule" data-label="规则"><xsl:value-of select="@title"/>
              <br/><span class="note id"><xsl:value-of select="@id"/></span></td>
            <td class="clause" data-label="条款"><xsl:value-of select="@clause-zh"/></td>
            <td class="num" data-label="结果改变"><xsl:value-of select="@changed"/><xsl:value-of select="$unit"/></td>
            <td class="changes" data-label="由 → 变为">
              <xsl:for-each select="change">
                <xsl:if test="position() &gt; 1"><br/></xsl:if>
                <xsl:call-template name="what-if-side"><xsl:with-param name="status" select="@from"/><xsl:with-param name="none">现行不评估</xsl:with-param></xsl:call-template>
                <xsl:choose>
                  <xsl:when test="@from = @to"><xsl:text> 不变，期限改变</xsl:text></xsl:when>
                  <xsl:otherwise>
                    <xsl:text> → </xsl:text>
                    <xsl:call-template name="what-if-side"><xsl:with-param name="status" select="@to"/><xsl:with-param name="none">不再评估</xsl:with-param></xsl:call-template>
                  </xsl:otherwise>
                </xsl:choose>
                <xsl:text>：</xsl:text><xsl:value-of select="@count"/><xsl:value-of select="$unit"/>
              </xsl:for-each>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- a status badge, or the words for no result on that side -->
  <xsl:template name="what-if-side">
    <xsl:param name="status"/>
    <xsl:param name="none"/>
    <xsl:choose>
      <xsl:when test="$status = 'none'"><span class="st st-none"><xsl:value-of select="$none"/></span></xsl:when>
      <xsl:otherwise><xsl:call-template name="st-status"><xsl:with-param name="status" select="$status"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The chase list: what the park office must push first.  Overdue major
       hazards, then every overdue obligation by days late, then what falls
       due soon by date. -->
  <xsl:template name="chase">
    <xsl:variable name="major" select="hazards/hazard[@grade = 'major'][@days-late]"/>
    <xsl:variable name="overdue" select="subject/result[@status = 'overdue']"/>
    <xsl:variable name="soon" select="subject/result[@status = 'due-soon']"/>
    <h3>重大隐患逾期未整改（<xsl:value-of select="count($major)"/>）</h3>
    <xsl:choose>
      <xsl:when test="$major">
        <table class="rows chase chase-major">
          <thead><tr><th>企业</th><th>应办事项</th><th>条款</th><th>整改期限</th><th class="num">天数</th></tr></thead>
          <tbody>
            <xsl:for-each select="$major">
              <xsl:sort select="@days-late" data-type="number" order="descending"/>
              <xsl:variable name="rule" select="key('st-rule', 'HAZ-RECTIFY-DEADLINE')"/>
              <tr>
                <td class="name" data-label="企业"><xsl:value-of select="@enterprise-name"/></td>
                <td data-label="应办事项"><strong>重大隐患 <xsl:value-of select="@id"/>：<xsl:value-of select="@description"/></strong>
                  <br/>整改措施：<xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@measures"/></xsl:call-template>
                  <xsl:text>；责任人：</xsl:text><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@owner"/></xsl:call-template></td>
                <td class="clause" data-label="条款"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="$rule/@clause-zh"/></xsl:call-template></td>
                <td class="date" data-label="整改期限"><xsl:value-of select="@deadline"/></td>
                <td class="num late" data-label="天数">已逾期 <xsl:value-of select="@days-late"/> 天</td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p>无逾期未整改的重大隐患。</p></xsl:otherwise>
    </xsl:choose>

    <h3>逾期事项（<xsl:value-of select="count($overdue)"/>）</h3>
    <xsl:call-template name="chase-rows">
      <xsl:with-param name="rows" select="$overdue"/>
      <xsl:with-param name="class">chase chase-overdue</xsl:with-param>
      <xsl:with-param name="none">无逾期事项。</xsl:with-param>
    </xsl:call-template>

    <h3>即将到期（<xsl:value-of select="count($soon)"/>）</h3>
    <xsl:call-template name="chase-rows">
      <xsl:with-param name="rows" select="$soon"/>
      <xsl:with-param name="class">chase chase-soon</xsl:with-param>
      <xsl:with-param name="none">无即将到期事项。</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- overdue (most days late first) or due-soon (soonest first) results -->
  <xsl:template name="chase-rows">
    <xsl:param name="rows"/>
    <xsl:param name="class"/>
    <xsl:param name="none"/>
    <xsl:choose>
      <xsl:when test="$rows">
        <table class="rows {$class}">
          <thead><tr><th>企业</th><th>应办事项</th><th>条款</th><th>期限</th><th class="num">天数</th></tr></thead>
          <tbody>
            <xsl:for-each select="$rows">
              <xsl:sort select="@days-late" data-type="number" order="descending"/>
              <xsl:sort select="translate(@due, '-', '')" data-type="number"/>
              <xsl:sort select="../@id"/>
              <xsl:sort select="@rule"/>
              <xsl:variable name="rule" select="key('st-rule', @rule)"/>
              <tr>
                <td class="name" data-label="企业"><xsl:value-of select="../@name"/></td>
                <td data-label="应办事项"><strong><xsl:value-of select="$rule/@title"/></strong>
                  <xsl:if test="string($rule/remediation) != ''"><br/><xsl:value-of select="$rule/remediation"/></xsl:if>
                  <br/><span class="note"><xsl:value-of select="detail"/></span></td>
                <td class="clause" data-label="条款"><xsl:value-of select="$rule/@clause-zh"/></td>
                <td class="date" data-label="期限"><xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@due"/></xsl:call-template></td>
                <td class="num" data-label="天数">
                  <xsl:choose>
                    <xsl:when test="@days-late"><span class="late">已逾期 <xsl:value-of select="@days-late"/> 天</span></xsl:when>
                    <xsl:when test="@days-left = 0">今天到期</xsl:when>
                    <xsl:when test="@days-left">剩余 <xsl:value-of select="@days-left"/> 天</xsl:when>
                    <xsl:otherwise>—</xsl:otherwise>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="$none"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a table of listed results, most urgent first -->
  <xsl:template name="obligations">
    <xsl:param name="rows"/>
    <xsl:param name="none"/>
    <xsl:choose>
      <xsl:when test="$rows">
        <table class="rows findings">
          <thead><tr><th>状态</th><th>企业</th><th>规则</th><th>说明</th></tr></thead>
          <tbody>
            <xsl:for-each select="$rows">
              <xsl:sort select="../@id"/>
              <xsl:sort select="@rule"/>
              <xsl:variable name="rule" select="key('st-rule', @rule)"/>
              <tr>
                <td data-label="状态"><xsl:call-template name="st-status"><xsl:with-param name="status" select="@status"/></xsl:call-template></td>
                <td class="name" data-label="企业"><xsl:value-of select="../@name"/></td>
                <td data-label="规则"><xsl:value-of select="$rule/@title"/><br/>
                  <span class="note"><xsl:value-of select="$rule/@clause-zh"/>（<xsl:value-of select="@rule"/>）</span></td>
                <td data-label="说明"><xsl:value-of select="detail"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p><xsl:value-of select="$none"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="hazards">
    <table class="rows hazard-totals">
      <thead><tr><th class="num">已登记隐患</th><th class="num">已销号</th><th class="num">未销号</th>
        <th class="num">其中逾期</th><th class="num">其中重大隐患</th></tr></thead>
      <tbody><tr>
        <td class="num" data-label="已登记隐患"><xsl:value-of select="@found"/></td>
        <td class="num" data-label="已销号"><xsl:value-of select="@closed"/></td>
        <td class="num" data-label="未销号"><xsl:value-of select="@open"/></td>
        <td class="num" data-label="其中逾期"><xsl:value-of select="@overdue"/></td>
        <td class="num" data-label="其中重大隐患"><xsl:value-of select="@major-open"/></td>
      </tr></tbody>
    </table>
    <xsl:choose>
      <xsl:when test="hazard">
        <h3>未销号隐患（重大隐患、逾期在前）</h3>
        <table class="rows hazard-list">
          <thead><tr><th>隐患</th><th>企业</th><th>等级</th><th>发现</th><th>整改期限</th><th>描述</th><th>四落实</th></tr></thead>
          <tbody>
            <!-- the document lists them in this order already (major, then
                 overdue, then by deadline); keep it rather than re-sort -->
            <xsl:for-each select="hazard">
              <tr>
                <td class="id" data-label="隐患"><xsl:value-of select="@id"/></td>
                <td class="name" data-label="企业"><xsl:value-of select="@enterprise-name"/></td>
                <td data-label="等级">
                  <xsl:if test="@grade = 'major'"><xsl:attribute name="class">major</xsl:attribute></xsl:if>
                  <xsl:call-template name="st-label"><xsl:with-param name="v" select="@grade"/></xsl:call-template>
                </td>
                <td class="date" data-label="发现"><xsl:value-of select="@found"/></td>
                <td class="date" data-label="整改期限">
                  <xsl:call-template name="st-or-dash"><xsl:with-param name="v" select="@deadline"/></xsl:call-template>
                  <xsl:if test="@days-late">
                    <br/><span class="late">已逾期 <xsl:value-of select="@days-late"/> 天</span>
                  </xsl:if>
                </td>
                <td data-label="描述"><xsl:value-of select="@description"/></td>
                <td data-label="四落实"><xsl:call-template name="st-four"><xsl:with-param name="h" select="."/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
        <xsl:if test="@omitted &gt; 0">
          <p class="note">另有 <xsl:value-of select="@omitted"/> 条未销号隐患未列出。</p>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise><p>截至评估日无未销号隐患。</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a horizontal line of the trend chart at pct % with its label -->
  <xsl:template name="gridline">
    <xsl:param name="pct"/>
    <xsl:variable name="y" select="20 + 160 - 160 * $pct div 100"/>
    <line xmlns="http://www.w3.org/2000/svg" x1="48" x2="{56 + 80 * count(point)}" y1="{$y}" y2="{$y}"
          stroke="#d0d7de" stroke-width="1"/>
    <text xmlns="http://www.w3.org/2000/svg" x="44" y="{$y + 4}" text-anchor="end"><xsl:value-of select="$pct"/>%</text>
  </xsl:template>

  <!-- Bars of the compliance rate at each quarter end, 0-100 %, with the
       rate above each bar; quarters with nothing judged get no bar. -->
  <xsl:template match="trend">
    <xsl:variable name="w" select="80"/>
    <xsl:variable name="top" select="20"/>
    <xsl:variable name="h" select="160"/>
    <svg xmlns="http://www.w3.org/2000/svg" width="{60 + $w * count(point)}" height="{$top + $h + 40}"
         viewBox="0 0 {60 + $w * count(point)} {$top + $h + 40}" role="img" aria-label="合规率趋势">
      <g font-size="11" fill="#555">
        <xsl:call-template name="gridline"><xsl:with-param name="pct" select="0"/></xsl:call-template>
        <xsl:call-template name="gridline"><xsl:with-param name="pct" select="25"/></xsl:call-template>
        <xsl:call-template name="gridline"><xsl:with-param name="pct" select="50"/></xsl:call-template>
        <xsl:call-template name="gridline"><xsl:with-param name="pct" select="75"/></xsl:call-template>
        <xsl:call-template name="gridline"><xsl:with-param name="pct" select="100"/></xsl:call-template>
      </g>
      <xsl:for-each select="point">
        <xsl:variable name="x" select="56 + $w * (position() - 1)"/>
        <g font-size="11" text-anchor="middle">
          <xsl:choose>
            <xsl:when test="counts/@judged &gt; 0">
              <xsl:variable name="pct" select="100 * counts/@compliant div counts/@judged"/>
              <xsl:variable name="bh" select="$h * $pct div 100"/>
              <rect x="{$x + 14}" y="{format-number($top + $h - $bh, '0.#')}" width="{$w - 28}" height="{format-number($bh, '0.#')}">
                <xsl:attribute name="fill">
                  <xsl:choose>
                    <xsl:when test="$pct &gt;= 90">#3b7d3f</xsl:when>
                    <xsl:when test="$pct &gt;= 70">#d4a017</xsl:when>
                    <xsl:otherwise>#b3261e</xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
              </rect>
              <text x="{$x + $w div 2}" y="{format-number($top + $h - $bh - 4, '0.#')}" fill="#1a1a1a">
                <xsl:value-of select="format-number($pct, '0.0')"/>%</text>
            </xsl:when>
            <xsl:otherwise>
              <text x="{$x + $w div 2}" y="{$top + $h - 4}" fill="#777">无数据</text>
            </xsl:otherwise>
          </xsl:choose>
          <text x="{$x + $w div 2}" y="{$top + $h + 16}" fill="#1a1a1a">
            <xsl:choose>
              <xsl:when test="@as-of = 'yes'">评估日</xsl:when>
              <xsl:otherwise><xsl:value-of select="@quarter"/></xsl:otherwise>
            </xsl:choose>
          </text>
          <text x="{$x + $w div 2}" y="{$top + $h + 30}" fill="#777"><xsl:value-of select="@date"/></text>
        </g>
      </xsl:for-each>
      <line x1="52" x2="{56 + $w * count(point)}" y1="{$top + $h}" y2="{$top + $h}" stroke="#1a1a1a" stroke-width="1"/>
    </svg>
    <p class="note">柱色：<span class="swatch good"></span>绿色 合规率 ≥ 90%；<span class="swatch fair"></span>黄色 70% 至 90%；<span class="swatch poor"></span>红色 低于 70%。</p>
    <table class="rows trend">
      <thead><tr><th>日期</th><th class="num">合规率</th><th class="num">问题</th><th class="num">逾期</th>
        <th class="num">不合格</th><th class="num">未核查</th><th class="num">评估结果数</th></tr></thead>
      <tbody>
        <xsl:for-each select="point">
          <tr>
            <td data-label="日期">
              <xsl:choose>
                <xsl:when test="@as-of = 'yes'">评估日（<xsl:value-of select="@date"/>）</xsl:when>
                <xsl:otherwise><xsl:value-of select="@quarter"/>（<xsl:value-of select="@date"/>）</xsl:otherwise>
              </xsl:choose>
            </td>
            <td class="num" data-label="合规率"><xsl:call-template name="st-percent"><xsl:with-param name="counts" select="counts"/></xsl:call-template></td>
            <td class="num" data-label="问题"><xsl:value-of select="counts/@findings"/></td>
            <td class="num" data-label="逾期"><xsl:value-of select="counts/@overdue"/></td>
            <td class="num" data-label="不合格"><xsl:value-of select="counts/@fail"/></td>
            <td class="num" data-label="未核查"><xsl:value-of select="counts/@not-checked"/></td>
            <td class="num" data-label="评估结果数"><xsl:value-of select="counts/@judged"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <p class="note">每个季度末的合规率是以该日为评估日重新评估全部规则的结果（只使用当日已知的记录，已关闭企业不计）。
      <xsl:choose>
        <xsl:when test="point[@as-of = 'yes']">最后一柱是评估日本身，与报告开头的合规率一致。</xsl:when>
        <xsl:otherwise>评估日正是季度末，最后一柱即报告开头的合规率。</xsl:otherwise>
      </xsl:choose></p>
  </xsl:template>

</xsl:stylesheet>
