<?xml version="1.0" encoding="UTF-8"?>
<!--
  web-hazard.xsl — one hazard: its record, the 四落实 (measures, funds,
  owner, deadline) to edit, evidence photos with an upload form, and for an
  officer closing (销号) and voiding it.
  <hazard id may-rectify may-verify form><error/>?<field …/>*
  <evidence><photo id type caption added added-by/>*</evidence>
  <history><version at who why command changed/>*</history></hazard>;
  `form` names the form a refused submission came from.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="web-form.xsl"/>

  <xsl:template match="hazard">
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="closed" select="string(field[@name='closed']/@value)"/>
    <xsl:variable name="voided" select="string(field[@name='voided']/@value)"/>
    <section class="card">
      <p class="state">
        <xsl:choose>
          <xsl:when test="$voided">已作废（<xsl:value-of select="field[@name='void_reason']/@value"/>）</xsl:when>
          <xsl:when test="$closed">已销号 <xsl:value-of select="$closed"/></xsl:when>
          <xsl:when test="string(field[@name='rectified']/@value)">已整改待验收</xsl:when>
          <xsl:otherwise>未销号</xsl:otherwise>
        </xsl:choose>
      </p>
      <dl class="facts">
        <xsl:for-each select="field[string(@value)]">
          <dt><xsl:value-of select="@label"/></dt>
          <dd><xsl:value-of select="@value"/></dd>
        </xsl:for-each>
      </dl>
      <p class="actions"><a href="/enterprises/{field[@name='enterprise']/@value}">企业档案</a></p>
    </section>
    <xsl:if test="error">
      <p class="error" role="alert"><xsl:value-of select="error"/></p>
    </xsl:if>

    <xsl:if test="@may-rectify = 'yes' and not($closed) and not($voided)">
      <form class="card" method="post" action="/hazards/{$id}">
        <h2>整改“四落实”</h2>
        <xsl:call-template name="csrf"/>
        <xsl:apply-templates select="field[@name='measures' or @name='funds' or @name='owner' or @name='deadline']" mode="input"/>
        <button type="submit" class="primary">保存整改信息</button>
      </form>
    </xsl:if>

    <xsl:if test="@may-rectify = 'yes' and not($closed) and not($voided) and not(string(field[@name='rectified']/@value))">
      <form class="card" method="post" action="/hazards/{$id}">
        <h2>整改完成</h2>
        <xsl:call-template name="csrf"/>
        <xsl:apply-templates select="field[@name='rectified' or @name='rectification']" mode="input"/>
        <button type="submit" class="primary">报告整改完成</button>
      </form>
    </xsl:if>

    <section class="card">
      <h2>整改照片</h2>
      <xsl:if test="not(evidence/photo)"><p class="empty">还没有照片。</p></xsl:if>
      <ul class="photos">
        <xsl:for-each select="evidence/photo">
          <li>
            <a href="/evidence/{@id}"><img src="/evidence/{@id}" alt="整改照片 {@id}"/></a>
            <span><xsl:value-of select="@caption"/></span>
            <span class="muted"><xsl:value-of select="@added"/><xsl:text> </xsl:text><xsl:value-of select="@added-by"/></span>
          </li>
        </xsl:for-each>
      </ul>
      <xsl:if test="@may-rectify = 'yes' and not($voided)">
        <form method="post" action="/hazards/{$id}/evidence" enctype="multipart/form-data">
          <xsl:call-template name="csrf"/>
          <label for="photo">照片（JPEG 或 PNG，不超过 10 MiB）</label>
          <input id="photo" type="file" name="photo" accept="image/jpeg,image/png" required="required"/>
          <label for="caption">说明</label>
          <input id="caption" type="text" name="caption"/>
          <button type="submit" class="primary">上传照片</button>
        </form>
      </xsl:if>
    </section>

    <xsl:if test="@may-verify = 'yes' and not($voided)">
      <xsl:if test="not($closed)">
        <form class="card" method="post" action="/hazards/{$id}/close">
          <h2>验收销号</h2>
          <xsl:call-template name="csrf"/>
          <xsl:apply-templates select="field[@name='closed' or @name='verified_by']" mode="input"/>
          <button type="submit" class="primary">销号</button>
        </form>
      </xsl:if>
      <xsl:if test="$closed or string(field[@name='rectified']/@value)">
        <form class="card" method="post" action="/hazards/{$id}/reopen" data-confirm="重新打开这项隐患？">
          <h2>重新打开</h2>
          <xsl:call-template name="csrf"/>
          <label for="reopen-reason">原因（必填）</label>
          <input id="reopen-reason" type="text" name="reason" required="required"/>
          <button type="submit">重新打开（撤销销号或整改完成）</button>
        </form>
      </xsl:if>
      <form class="card" method="post" action="/hazards/{$id}/void" data-confirm="作废这项隐患？">
        <h2>作废</h2>
        <xsl:call-template name="csrf"/>
        <label for="reason">作废原因（必填）</label>
        <input id="reason" type="text" name="reason" required="required"/>
        <button type="submit">作废</button>
      </form>
    </xsl:if>
    <xsl:apply-templates select="history"/>
  </xsl:template>

  <xsl:template match="history">
    <section class="card">
      <h2>变更记录</h2>
      <ol class="history">
        <xsl:for-each select="version">
          <li>
            <span class="muted"><xsl:value-of select="translate(@at, 'T', ' ')"/></span>
            <xsl:text> </xsl:text>
            <strong><xsl:value-of select="@who"/></strong>
            <xsl:if test="not(string(@who))">（导入）</xsl:if>
            <xsl:text> </xsl:text>
            <xsl:choose>
              <xsl:when test="string(@changed)">修改了 <xsl:value-of select="@changed"/></xsl:when>
              <xsl:otherwise>登记</xsl:otherwise>
            </xsl:choose>
            <xsl:if test="string(@why)">：<xsl:value-of select="@why"/></xsl:if>
          </li>
        </xsl:for-each>
      </ol>
    </section>
  </xsl:template>
</xsl:stylesheet>
