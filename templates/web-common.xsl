<?xml version="1.0" encoding="UTF-8"?>
<!--
  web-common.xsl — the frame every page of `safetrack serve` shares: head
  (viewport, the one stylesheet file /static/web.css and the small script
  /static/web.js; nothing inline, the Content-Security-Policy forbids it),
  the top bar with the account and the logout form, and helpers.

  The document is <page title path> with <account name role role-label
  enterprise csrf may-write/> when logged in, then the page's own element.
  Everything from data goes out through xsl:value-of or attribute value
  templates, so the HTML serializer escapes it.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:template match="/page">
    <html lang="zh-CN">
      <head>
        <meta charset="UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <xsl:if test="warming">
          <meta http-equiv="refresh" content="3"/>
        </xsl:if>
        <title><xsl:value-of select="@title"/> · 园区安全生产合规</title>
        <link rel="stylesheet" href="/static/web.css"/>
        <script src="/static/web.js" defer="defer"></script>
      </head>
      <body>
        <header class="bar">
          <a class="home" href="/">园区安全生产合规</a>
          <xsl:if test="account">
            <a class="who" href="/account">
              <xsl:value-of select="account/@name"/>
              <xsl:text>（</xsl:text><xsl:value-of select="account/@role-label"/><xsl:text>）</xsl:text>
            </a>
            <form class="logout" method="post" action="/logout">
              <xsl:call-template name="csrf"/>
              <button type="submit">退出</button>
            </form>
          </xsl:if>
        </header>
        <main>
          <h1><xsl:value-of select="@title"/></h1>
          <xsl:apply-templates select="*[not(self::account)]"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- the hidden CSRF field every state-changing form carries -->
  <xsl:template name="csrf">
    <input type="hidden" name="csrf" value="{/page/account/@csrf}"/>
  </xsl:template>

  <xsl:template match="error">
    <p class="error-page">
      <xsl:value-of select="."/>
    </p>
    <p><a href="/">返回看板</a></p>
  </xsl:template>

</xsl:stylesheet>
