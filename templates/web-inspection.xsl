<?xml version="1.0" encoding="UTF-8"?>
<!--
  web-inspection.xsl — the quarterly inspection form and a stored
  inspection.  <inspection-form enterprise><error/>?<enterprise-error/>?
  <field …/>* <item n name title value note><error/>?</item>×13
  </inspection-form>: each item as three large controls (合格 / 不合格 /
  不适用) and a note for a failed one.  <inspection may-record><field/>*
  <item n title value/>×13</inspection>: each failed item offers to
  register its hazard, prefilled.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="web-form.xsl"/>

  <xsl:template match="inspection-form">
    <form class="inspection" method="post" action="/inspections">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="enterprise" value="{@enterprise}"/>
      <xsl:if test="error">
        <p class="error" role="alert"><xsl:value-of select="error"/></p>
      </xsl:if>
      <xsl:if test="enterprise-error">
        <p class="error" role="alert">企业：<xsl:value-of select="enterprise-error"/></p>
      </xsl:if>
      <section class="card">
        <p class="muted">企业 <xsl:value-of select="@enterprise"/></p>
        <xsl:apply-templates select="field[@name != 'notes']" mode="input"/>
      </section>
      <ol class="items">
        <xsl:for-each select="item">
          <li class="item-row">
            <xsl:if test="error"><xsl:attribute name="class">item-row invalid</xsl:attribute></xsl:if>
            <fieldset>
              <legend><xsl:value-of select="@title"/></legend>
              <div class="choices">
                <xsl:call-template name="choice"><xsl:with-param name="v" select="'pass'"/><xsl:with-param name="label" select="'合格'"/></xsl:call-template>
                <xsl:call-template name="choice"><xsl:with-param name="v" select="'fail'"/><xsl:with-param name="label" select="'不合格'"/></xsl:call-template>
                <xsl:call-template name="choice"><xsl:with-param name="v" select="'na'"/><xsl:with-param name="label" select="'不适用'"/></xsl:call-template>
              </div>
              <label class="note" for="note{@n}">不合格时说明问题</label>
              <input id="note{@n}" class="note" type="text" name="note{@n}" value="{@note}"/>
              <xsl:if test="error">
                <p class="field-error" role="alert"><xsl:value-of select="error"/></p>
              </xsl:if>
            </fieldset>
          </li>
        </xsl:for-each>
      </ol>
      <section class="card">
        <xsl:apply-templates select="field[@name = 'notes']" mode="input"/>
      </section>
      <button type="submit" class="primary wide">保存检查记录</button>
    </form>
  </xsl:template>

  <xsl:template name="choice">
    <xsl:param name="v"/>
    <xsl:param name="label"/>
    <label class="choice {$v}">
      <input type="radio" name="{@name}" value="{$v}" required="required">
        <xsl:if test="@value = $v"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <span><xsl:value-of select="$label"/></span>
    </label>
  </xsl:template>

  <xsl:template match="inspection">
    <xsl:variable name="ent" select="field[@name='enterprise']/@value"/>
    <section class="card">
      <dl class="facts">
        <xsl:for-each select="field[string(@value)]">
          <dt><xsl:value-of select="@label"/></dt>
          <dd><xsl:value-of select="@value"/></dd>
        </xsl:for-each>
      </dl>
      <p class="actions"><a href="/enterprises/{$ent}">企业档案</a></p>
    </section>
    <ol class="items">
      <xsl:for-each select="item">
        <li class="item-row shown {@value}">
          <span class="badge {@value}">
            <xsl:choose>
              <xsl:when test="@value = 'pass'">合格</xsl:when>
              <xsl:when test="@value = 'fail'">不合格</xsl:when>
              <xsl:otherwise>不适用</xsl:otherwise>
            </xsl:choose>
          </span>
          <span class="name"><xsl:value-of select="@title"/></span>
          <xsl:if test="@value = 'fail' and ../@may-record = 'yes'">
            <a class="button" href="/hazards/new?enterprise={$ent}&amp;inspection={../field[@name='id']/@value}&amp;item={@n}&amp;found={../field[@name='date']/@value}">登记此项隐患</a>
          </xsl:if>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>
</xsl:stylesheet>
