<?xml version="1.0"?>
<!-- imports a stylesheet from the network: must not be fetched -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="http://127.0.0.1:9/evil.xsl"/>
  <xsl:output method="text"/>
  <xsl:template match="/">imported</xsl:template>
</xsl:stylesheet>
