<?xml version="1.0"?>
<!-- tries to write a file with exsl:document: must be refused (the test
     runs it in a scratch directory and checks written.txt is not there) -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <exsl:document href="written.txt" method="text">written</exsl:document>
    <xsl:text>done</xsl:text>
  </xsl:template>
</xsl:stylesheet>
