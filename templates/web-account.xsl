<?xml version="1.0" encoding="UTF-8"?>
<!--
  web-account.xsl — the account's own page: <account-page calendar-url/>.
  The calendar feed's address is shown once, when it is made; making a new
  one revokes the old.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="web-common.xsl"/>

  <xsl:template match="account-page">
    <section class="card">
      <h2>日历订阅</h2>
      <p>把本账户可见范围内的逾期事项和一年内的到期日订阅到手机或电脑的日历中。</p>
      <xsl:choose>
        <xsl:when test="@calendar-url">
          <p>新的订阅地址（只显示这一次，请立即复制；旧地址已失效）：</p>
          <p class="token"><a href="{@calendar-url}"><xsl:value-of select="@calendar-url"/></a></p>
        </xsl:when>
        <xsl:otherwise>
          <p>出于安全考虑，订阅地址只在生成时显示一次。生成新地址会使旧地址失效。</p>
        </xsl:otherwise>
      </xsl:choose>
      <form method="post" action="/account/calendar" data-confirm="生成新地址后，旧的订阅地址将失效。继续吗？">
        <xsl:call-template name="csrf"/>
        <button type="submit" class="primary">生成新的订阅地址</button>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
