<?xml version="1.0" encoding="UTF-8"?>
<!--
  web-form.xsl — a form for one record kind, and a stored record shown field
  by field.  <record-form action kind><error/>?<field name label type
  required value><error/>?<option value/>*</field>*</record-form>, or
  <record kind><field …/>*</record>.  Field names are the dossier's
  columns; a refused form comes back with every typed value and each
  message beside its field.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="web-common.xsl"/>

  <xsl:template match="record-form">
    <form class="card record" method="post" action="{@action}">
      <xsl:call-template name="csrf"/>
      <xsl:if test="error">
        <p class="error" role="alert"><xsl:value-of select="error"/></p>
      </xsl:if>
      <xsl:apply-templates select="field" mode="input"/>
      <button type="submit" class="primary">保存</button>
    </form>
  </xsl:template>

  <xsl:template match="field" mode="input">
    <div class="field">
      <xsl:if test="error"><xsl:attribute name="class">field invalid</xsl:attribute></xsl:if>
      <label for="f-{@name}">
        <xsl:value-of select="@label"/>
        <xsl:if test="@required = 'yes'"><span class="req">（必填）</span></xsl:if>
        <span class="col"><xsl:value-of select="@name"/></span>
      </label>
      <xsl:choose>
        <xsl:when test="option">
          <select id="f-{@name}" name="{@name}">
            <option value="">（未填）</option>
            <xsl:for-each select="option">
              <option value="{@value}">
                <xsl:if test="@value = ../@value"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:choose>
                  <xsl:when test="@label"><xsl:value-of select="@label"/>（<xsl:value-of select="@value"/>）</xsl:when>
                  <xsl:otherwise><xsl:value-of select="@value"/></xsl:otherwise>
                </xsl:choose>
              </option>
            </xsl:for-each>
          </select>
        </xsl:when>
        <xsl:when test="@type = 'bool'">
          <select id="f-{@name}" name="{@name}">
            <option value="">（未填）</option>
            <option value="yes"><xsl:if test="@value = 'yes'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>是</option>
            <option value="no"><xsl:if test="@value = 'no'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>否</option>
          </select>
        </xsl:when>
        <xsl:when test="@name = 'description' or @name = 'measures' or @name = 'notes' or @name = 'minutes'">
          <textarea id="f-{@name}" name="{@name}" rows="3"><xsl:value-of select="@value"/></textarea>
        </xsl:when>
        <xsl:otherwise>
          <input id="f-{@name}" name="{@name}" type="text" value="{@value}">
            <xsl:if test="@type = 'date'"><xsl:attribute name="placeholder">YYYY-MM-DD</xsl:attribute></xsl:if>
            <xsl:if test="@type = 'number'"><xsl:attribute name="inputmode">numeric</xsl:attribute></xsl:if>
          </input>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="error">
        <p class="field-error" role="alert"><xsl:value-of select="error"/></p>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template match="record">
    <section class="card">
      <dl class="facts">
        <xsl:for-each select="field[string(@value)]">
          <dt><xsl:value-of select="@label"/></dt>
          <dd><xsl:value-of select="@value"/></dd>
        </xsl:for-each>
      </dl>
    </section>
  </xsl:template>
</xsl:stylesheet>
