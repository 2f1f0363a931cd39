<?xml version="1.0"?>
<!-- a user's own template: a plain-text summary using EXSLT and the shared
     common.xsl; for tests/cli/55-report-template.sh -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:math="http://exslt.org/math" xmlns:str="http://exslt.org/strings">
  <xsl:import href="../../../../templates/common.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/results">
    <xsl:text>report=</xsl:text><xsl:value-of select="@report"/>
    <xsl:text>&#10;as-of=</xsl:text><xsl:value-of select="@as-of"/>
    <xsl:text>&#10;enterprises=</xsl:text><xsl:value-of select="summary/@enterprises"/>
    <xsl:text>&#10;overdue=</xsl:text><xsl:value-of select="counts/@overdue"/>
    <xsl:text>&#10;rate=</xsl:text>
    <xsl:call-template name="st-percent"><xsl:with-param name="counts" select="counts"/></xsl:call-template>
    <xsl:text>&#10;most-findings=</xsl:text><xsl:value-of select="math:max(subject[@kind = 'enterprise']/counts/@findings)"/>
    <xsl:text>&#10;</xsl:text><xsl:value-of select="str:padding(3, '*')"/>
    <xsl:text>&#10;</xsl:text>
    <xsl:message>总计 <xsl:value-of select="counts/@judged"/> 条结果</xsl:message>
  </xsl:template>
</xsl:stylesheet>
