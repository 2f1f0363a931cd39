<?xml version="1.0" encoding="UTF-8"?>
<!-- web-error.xsl — an error page: <page><error status>message</error></page> -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="web-common.xsl"/>
</xsl:stylesheet>
