<?xml version="1.0" encoding="UTF-8"?>
<!-- web-account.xsl — the account's own page (reserved: calendar feed token) -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="web-common.xsl"/>
</xsl:stylesheet>
