<?xml version="1.0"?>
<!-- tries to read a local file with document(): must be refused -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/">[<xsl:value-of select="document('/etc/hostname')"/>]</xsl:template>
</xsl:stylesheet>
